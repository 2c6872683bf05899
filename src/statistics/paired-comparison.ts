/**
 * The paired comparison as the report records it (`comparison.paired`):
 * the bootstrap when resamples are asked for and the pass kept the rows it
 * needs, else the closed form, and McNemar's test, with a note when the
 * bootstrap was asked for and could not be run. Pure.
 */

import type { PairedReport } from '../report/report.js'
import { formatCount } from '../report/format.js'
import { mcnemarExact } from './mcnemar.js'
import {
  differenceInterval,
  type PairedDifference
} from './paired-difference.js'

const cents = (value: number): number => Math.round(value * 100) / 100

/** `margin`: min-improvement, in dollars. */
export function pairedComparison(
  paired: PairedDifference,
  margin: number
): { report: PairedReport; notes: string[] } {
  const notes: string[] = []
  const normal = differenceInterval(paired, margin)
  const bootstrap = paired.bootstrap(margin)
  if (paired.samples > 0 && !bootstrap) {
    notes.push(
      `More than ${formatCount(paired.maxDrawnRows)} of the rows where the models disagree have costs of their own: ` +
        `drawing them in ${formatCount(paired.samples)} resamples would take too long, so the interval and confidence ` +
        'use the normal approximation instead (close at this many rows).'
    )
  }
  const discordant = paired.discordant()
  const mcnemar = mcnemarExact(
    discordant.candidateOnly,
    discordant.championOnly
  )
  return {
    report: {
      method: bootstrap ? 'bootstrap' : 'normal',
      samples: bootstrap ? bootstrap.samples : 0,
      seed: bootstrap ? bootstrap.seed : null,
      disagreements: paired.disagreements,
      standard_error: cents(normal.standardError),
      interval_95: bootstrap
        ? [cents(bootstrap.low), cents(bootstrap.high)]
        : [cents(normal.low), cents(normal.high)],
      f1_interval_95: bootstrap ? [bootstrap.f1Low, bootstrap.f1High] : null,
      confidence: bootstrap ? bootstrap.confidence : normal.confidence,
      mcnemar: {
        candidate_only_correct: mcnemar.candidateOnlyCorrect,
        champion_only_correct: mcnemar.championOnlyCorrect,
        p_value: mcnemar.pValue
      }
    },
    notes
  }
}
