/**
 * The evidence the gate records on model versions as tags: what was
 * decided, on which figures, under which policy and test set, by which run.
 * Pure: a report in, tags out. Tag values are cut to MLflow's 5,000
 * characters.
 */

import type {
  AliasReport,
  EvaluationReport,
  RunInfo
} from '../report/report.js'

export const TAG_PREFIX = 'champion_gate.'
const MAX_TAG_VALUE = 5000

function tags(
  entries: [string, string | number | null | undefined][]
): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [key, value] of entries) {
    if (value === null || value === undefined || value === '') continue
    result[`${TAG_PREFIX}${key}`] = String(value).slice(0, MAX_TAG_VALUE)
  }
  return result
}

/** Tags for the candidate version after an evaluation by the gate. */
export function evaluationTags(
  report: EvaluationReport
): Record<string, string> {
  const candidate = report.candidate.metrics
  const champion = report.champion
  return tags([
    ['decision', report.decision],
    ['reasons', report.reasons.join(' ')],
    ['net_benefit', candidate.net_benefit_exact],
    ['f1', candidate.f1],
    ['precision', candidate.precision],
    ['recall', candidate.recall],
    ['champion_version', champion?.version],
    ['champion_net_benefit', champion?.metrics.net_benefit_exact],
    ['champion_f1', champion?.metrics.f1],
    ['threshold', report.policy.threshold],
    ['cost_model', report.policy.cost_model],
    ['min_net_benefit', report.policy.min_net_benefit_exact ?? 'off'],
    ['min_f1', report.policy.min_f1 ?? 'off'],
    ['min_improvement', report.policy.min_improvement_exact],
    ['test_set_sha256', report.test_set.sha256],
    ['test_set_rows', report.test_set.rows],
    ...runTags(report)
  ])
}

/** Tags recording a rollback, on the version rolled back to and the one rolled back from. */
export function rollbackTags(
  report: AliasReport,
  reason: string | undefined,
  role: 'to' | 'from'
): Record<string, string> {
  return tags([
    [`rollback_${role}.reason`, reason ?? 'no reason given'],
    [
      `rollback_${role}.other_version`,
      role === 'to' ? report.champion?.version : report.candidate.version
    ],
    ...runTags(report).map(([key, value]): [string, string | null] => [
      `rollback_${role}.${key}`,
      value
    ])
  ])
}

function runTags(report: {
  run: RunInfo
  created_at: string
}): [string, string | null][] {
  return [
    ['commit', report.run.sha],
    ['run_url', report.run.run_url],
    ['actor', report.run.actor],
    ['repository', report.run.repository],
    ['at', report.created_at]
  ]
}
