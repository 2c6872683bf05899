/**
 * Thin evidence, said out loud: the report's `warnings`, shown above the
 * table in the summary and the comment. Each warning is a case where the
 * figures are correct but rest on too little to trust on their own: few
 * positives, few positive decisions by a model, few rows where the models
 * disagree (the only rows the comparison rests on), or one row carrying
 * more than half of the net-benefit difference. Pure.
 */

import { decimalToNumber, type Decimal } from '../metrics/decimal.js'
import {
  formatCount,
  formatMoney,
  formatMoneyDelta,
  type MoneyPrecision
} from '../report/format.js'

/** Fewer than this many rows of a kind is thin evidence. */
export const THIN = 30

export interface EvidenceCounts {
  /** Positive rows in the test set. */
  readonly positives: number
  /** Rows each model flags (TP + FP); the champion's when there is one. */
  readonly candidateFlagged: number
  readonly championFlagged?: number
  /** With a champion: rows where the models decide differently… */
  readonly disagreements?: number
  /** …the largest |difference in benefit| of one such row… */
  readonly largestRow?: number
  /** …and the net-benefit difference, candidate − champion. */
  readonly difference?: Decimal
}

function rows(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'row' : 'rows'}`
}

export function thinEvidenceWarnings(
  counts: EvidenceCounts,
  precision: MoneyPrecision = 'dollars'
): string[] {
  const warnings: string[] = []
  if (counts.positives < THIN) {
    warnings.push(
      `The test set has only ${formatCount(counts.positives)} positive ${counts.positives === 1 ? 'row' : 'rows'} (fewer than ${THIN}): recall, F1 and the net benefit rest on a handful of cases.`
    )
  }
  const flagged: [string, number | undefined][] = [
    ['candidate', counts.candidateFlagged],
    ['champion', counts.championFlagged]
  ]
  for (const [model, n] of flagged) {
    if (n !== undefined && n < THIN) {
      warnings.push(
        `The ${model} flags only ${rows(n)} (fewer than ${THIN}): its precision and F1 rest on few decisions.`
      )
    }
  }
  const { disagreements, largestRow, difference } = counts
  if (disagreements !== undefined && disagreements < THIN) {
    warnings.push(
      `The models disagree on only ${rows(disagreements)} (fewer than ${THIN}): the comparison between them rests on ${disagreements === 1 ? 'that row' : 'those rows'} alone.`
    )
  }
  if (
    disagreements !== undefined &&
    disagreements > 0 &&
    largestRow !== undefined &&
    difference !== undefined &&
    largestRow > Math.abs(decimalToNumber(difference)) / 2
  ) {
    warnings.push(
      `One row moves the net benefit by ${formatMoney(largestRow, precision)}, more than half of the ${formatMoneyDelta(difference, precision)} difference between the models: the comparison hangs on a single row.`
    )
  }
  return warnings
}
