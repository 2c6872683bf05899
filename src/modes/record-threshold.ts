/**
 * The one registry write of "each model at its own threshold", apart from
 * the rest of the promotion so that it moves with it as one call.
 */

import type { Registry } from '../registry/connect.js'
import type { EvaluationReport } from '../report/report.js'
import { thresholdTag } from '../evaluation/model-thresholds.js'

/**
 * Records the new champion's decision threshold on its version (the
 * `threshold` tag), before it becomes champion: the next comparison then
 * judges it at the threshold it won at (src/evaluation/model-thresholds.ts).
 */
export async function recordThreshold(
  registry: Registry,
  name: string,
  version: string,
  report: EvaluationReport,
  existing: Record<string, string>
): Promise<string[]> {
  const written: string[] = []
  const threshold = report.candidate.threshold ?? {
    value: report.policy.threshold,
    source: 'default' as const
  }
  for (const [key, value] of Object.entries(thresholdTag(threshold))) {
    if (existing[key] === value) continue
    await registry.client.setModelVersionTag(name, version, key, value)
    written.push(`${key}=${value} on v${version}`)
  }
  return written
}
