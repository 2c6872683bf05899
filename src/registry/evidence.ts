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

/**
 * Every evaluation tag with its value for this report; null where this
 * report has nothing to say (then an earlier run's tag of that key is
 * stale and is deleted, see `staleEvaluationTagKeys`).
 */
function evaluationEntries(
  report: EvaluationReport
): [string, string | number | null | undefined][] {
  const candidate = report.candidate.metrics
  // A champion figure only with the registered champion it belongs to: a
  // champion-predictions file for a model the registry does not hold as
  // the champion is no champion's evidence.
  const champion = report.champion?.version ? report.champion : undefined
  return [
    ['decision', report.decision],
    ['reasons', report.reasons.join(' ')],
    ['net_benefit', candidate.net_benefit_exact],
    ['f1', candidate.f1],
    ['precision', candidate.precision],
    ['recall', candidate.recall],
    ['champion_version', champion?.version],
    ['champion_net_benefit', champion?.metrics.net_benefit_exact],
    ['champion_f1', champion?.metrics.f1],
    ['threshold', report.candidate.threshold?.value ?? report.policy.threshold],
    ['champion_threshold', champion?.threshold?.value],
    ['segment_column', report.policy.segment_column],
    [
      'max_segment_loss',
      report.policy.segment_column
        ? (report.policy.max_segment_loss_exact ?? 'off')
        : undefined
    ],
    // Where the candidate falls furthest behind the champion it replaces.
    ['worst_segment', champion && report.segments?.groups[0]?.value],
    [
      'worst_segment_delta',
      champion && report.segments?.groups[0]?.delta_net_benefit_exact
    ],
    ['cost_model', report.policy.cost_model],
    ['min_net_benefit', report.policy.min_net_benefit_exact ?? 'off'],
    ['min_f1', report.policy.min_f1 ?? 'off'],
    ['min_improvement', report.policy.min_improvement_exact],
    ['test_set_sha256', report.test_set.sha256],
    ['test_set_rows', report.test_set.rows],
    ...runTags(report)
  ]
}

/** Tags for the candidate version after an evaluation by the gate. */
export function evaluationTags(
  report: EvaluationReport
): Record<string, string> {
  return tags(evaluationEntries(report))
}

/**
 * The evaluation tags a version carries from an earlier verdict that this
 * report does not set (e.g. an old reject's `reasons` next to a new
 * promote, or champion figures when there is no champion now): each
 * verdict replaces the whole set it owns. Rollback tags are not the
 * evaluation's and are kept.
 */
export function staleEvaluationTagKeys(
  existing: Record<string, string>,
  report: EvaluationReport
): string[] {
  const fresh = evaluationTags(report)
  return evaluationEntries(report)
    .map(([key]) => `${TAG_PREFIX}${key}`)
    .filter((key) => key in existing && !(key in fresh))
}

const ROLLBACK_FROM_PREFIX = `${TAG_PREFIX}rollback_from.`

/**
 * When a rollback moved the champion away from this version: the rollback's
 * run, time and reason from its tags; undefined otherwise.
 */
export function rolledBackFrom(
  versionTags: Record<string, string>
): { at?: string; runUrl?: string; reason?: string } | undefined {
  if (!Object.keys(versionTags).some((k) => k.startsWith(ROLLBACK_FROM_PREFIX)))
    return undefined
  return {
    at: versionTags[`${ROLLBACK_FROM_PREFIX}at`],
    runUrl: versionTags[`${ROLLBACK_FROM_PREFIX}run_url`],
    reason: versionTags[`${ROLLBACK_FROM_PREFIX}reason`]
  }
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
