/**
 * The step's outputs, all in one place: kebab-case names as documented in
 * action.yml, every value converted to a string here.
 */

import { isEvaluation, type Report } from './report/report.js'

export type Outputs = Record<
  | 'decision'
  | 'candidate-net-benefit'
  | 'candidate-f1'
  | 'champion-net-benefit'
  | 'champion-f1'
  | 'report'
  | 'alias-moved'
  | 'candidate-version'
  | 'champion-version'
  | 'new-champion-version',
  string
>

export function outputsFor(report: Report, reportPath: string): Outputs {
  const candidate = isEvaluation(report) ? report.candidate.metrics : undefined
  const champion = isEvaluation(report) ? report.champion?.metrics : undefined
  return {
    decision: report.decision,
    // Exact plain digits (`79372.10`), never through a double.
    'candidate-net-benefit': candidate?.net_benefit_exact ?? '',
    'candidate-f1': candidate ? String(candidate.f1) : '',
    'champion-net-benefit': champion?.net_benefit_exact ?? '',
    'champion-f1': champion ? String(champion.f1) : '',
    report: reportPath,
    'alias-moved': String(report.registry?.alias_moved ?? false),
    'candidate-version': report.candidate.version ?? '',
    'champion-version': report.champion?.version ?? '',
    'new-champion-version': report.registry?.new_champion_version ?? ''
  }
}
