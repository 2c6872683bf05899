/**
 * No segment left worse: a model's confusion counts and exact net benefit
 * per group of a test-set column (`segment-column`, e.g. a region or a
 * merchant category), fed by the same one pass as the model's totals. A
 * candidate that wins on average can still lose a whole region; risk
 * committees ask for that region by name.
 *
 * Groups are numbered by the test-set reader in order of first appearance
 * (at most MAX_SEGMENTS of them); each row carries its group number. The
 * counts live in typed arrays indexed by group, and the exact sums of
 * per-row benefits in one `ExactSum` per group, made when the group's first
 * flagged row arrives: nothing is allocated per row.
 */

import { classificationMetrics } from './classification-metrics.js'
import {
  compareDecimal,
  decimalToNumber,
  subtractDecimal,
  ExactSum,
  type Decimal
} from './decimal.js'
import { FLAGGED, type RowBatch } from './model-accumulator.js'

/** More groups than this is an error (a column of ids, not of segments). */
export const MAX_SEGMENTS = 1000

/** One model's tallies per segment. */
export class SegmentTallies {
  readonly tp = new Float64Array(MAX_SEGMENTS)
  readonly fp = new Float64Array(MAX_SEGMENTS)
  readonly fn = new Float64Array(MAX_SEGMENTS)
  readonly tn = new Float64Array(MAX_SEGMENTS)
  /** Per group, Σ benefit over flagged rows, exact (per-row costs only). */
  readonly flaggedBenefit: (ExactSum | undefined)[] = []

  /** Adds rows [0, count) of a batch whose rows carry their group (`batch.segments`). */
  addBatch(batch: RowBatch, codes: Uint8Array, count: number): void {
    const { labels, segments, benefitMantissa, benefitScale } = batch
    if (!segments) return
    const { tp, fp, fn, tn } = this
    const sums = this.flaggedBenefit
    for (let i = 0; i < count; i++) {
      const group = segments[i]
      const flagged = codes[i] >= FLAGGED
      if (labels[i] === 1) {
        if (flagged) tp[group]++
        else fn[group]++
      } else if (flagged) fp[group]++
      else tn[group]++
      if (flagged && benefitMantissa && benefitScale)
        (sums[group] ??= new ExactSum()).add(
          benefitMantissa[i],
          benefitScale[i]
        )
    }
  }

  /** A group's counts and exact flagged-benefit sum, as `netBenefitInCents` reads them. */
  group(k: number): {
    tp: number
    fp: number
    fn: number
    tn: number
    flaggedBenefit: ExactSum
  } {
    return {
      tp: this.tp[k],
      fp: this.fp[k],
      fn: this.fn[k],
      tn: this.tn[k],
      flaggedBenefit: this.flaggedBenefit[k] ?? new ExactSum()
    }
  }
}

/** A model's figures in one segment, as the report records them. */
export interface SegmentModel {
  tp: number
  fp: number
  fn: number
  tn: number
  f1: number
  /** Dollars, rounded to cents (the nearest double)… */
  net_benefit: number
  /** …and exactly, as plain digits with two decimals. */
  net_benefit_exact: string
}

export interface SegmentGroup {
  /** The column's value, as the test set spells it. */
  value: string
  rows: number
  positives: number
  candidate: SegmentModel
  champion: SegmentModel | null
  /** Candidate − champion net benefit; null with no champion. */
  delta_net_benefit: number | null
  delta_net_benefit_exact: string | null
}

/** `segments` in the report: every group, the largest losses first. */
export interface SegmentsReport {
  column: string
  groups: SegmentGroup[]
}

/** The worst segment for the gate: the one where the candidate falls furthest behind. */
export interface WorstSegment {
  readonly column: string
  readonly value: string
  readonly candidate: Decimal
  readonly champion: Decimal
  /** Candidate − champion. */
  readonly difference: Decimal
}

/**
 * The report's `segments` and the worst segment, from both models' tallies.
 * `netBenefit` turns a group's tallies into exact dollars at cents (the
 * same rule as the models' totals); `plain` writes them as plain digits.
 */
export function segmentsReport(
  column: string,
  values: readonly string[],
  candidate: SegmentTallies,
  champion: SegmentTallies | undefined,
  netBenefit: (group: ReturnType<SegmentTallies['group']>) => Decimal,
  plain: (value: Decimal) => string
): { report: SegmentsReport; worst?: WorstSegment } {
  const model = (
    tallies: SegmentTallies,
    k: number
  ): { entry: SegmentModel; net: Decimal } => {
    const group = tallies.group(k)
    const net = netBenefit(group)
    const { tp, fp, fn, tn } = group
    return {
      entry: {
        tp,
        fp,
        fn,
        tn,
        f1: classificationMetrics(group).f1,
        net_benefit: decimalToNumber(net),
        net_benefit_exact: plain(net)
      },
      net
    }
  }
  const rows = values.map((value, k) => {
    const c = model(candidate, k)
    const h = champion ? model(champion, k) : undefined
    const delta = h ? subtractDecimal(c.net, h.net) : undefined
    const { tp, fp, fn, tn } = c.entry
    return {
      order: k,
      delta,
      c,
      h,
      group: {
        value,
        rows: tp + fp + fn + tn,
        positives: tp + fn,
        candidate: c.entry,
        champion: h ? h.entry : null,
        delta_net_benefit: delta ? decimalToNumber(delta) : null,
        delta_net_benefit_exact: delta ? plain(delta) : null
      }
    }
  })
  // The largest losses first; ties (and runs without a champion) in order
  // of first appearance.
  rows.sort((a, b) => {
    const loss = a.delta && b.delta ? compareDecimal(a.delta, b.delta) : 0
    return loss !== 0 ? loss : a.order - b.order
  })
  const first = rows[0]
  return {
    report: { column, groups: rows.map((r) => r.group) },
    worst:
      first?.delta && first.h
        ? {
            column,
            value: first.group.value,
            candidate: first.c.net,
            champion: first.h.net,
            difference: first.delta
          }
        : undefined
  }
}
