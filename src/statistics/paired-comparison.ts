/**
 * The paired comparison as the report records it (`comparison.paired`):
 * the bootstrap when resamples are asked for and the pass kept the rows it
 * needs, else the closed form, and McNemar's test, with a note when the
 * bootstrap was asked for and could not be run. Pure.
 */

import type { PairedReport } from '../report/report.js'
import { mcnemarExact } from './mcnemar.js'
import {
  differenceInterval,
  pairedBootstrap,
  type PairedDifference
} from './paired-difference.js'

export interface PairedOptions {
  /** 0: the closed form. */
  readonly samples: number
  readonly seed: number
  /** min-improvement, in dollars. */
  readonly margin: number
}

const cents = (value: number): number => Math.round(value * 100) / 100

export function pairedComparison(
  paired: PairedDifference,
  options: PairedOptions
): { report: PairedReport; notes: string[] } {
  const notes: string[] = []
  const normal = differenceInterval(paired, options.margin)
  const bootstrap =
    options.samples > 0 ? pairedBootstrap(paired, options) : undefined
  if (options.samples > 0 && !bootstrap) {
    notes.push(
      `The models disagree on ${paired.disagreements} rows, more than the ${paired.maxKeptRows} the bootstrap keeps with per-row costs: ` +
        'the interval and confidence use the normal approximation instead (close at this many rows).'
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
