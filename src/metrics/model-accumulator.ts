/**
 * The per-model accumulator fed by the one pass over the data: confusion
 * counts at the operating threshold, the exact net-benefit sum, and a score
 * histogram per class from which the net-benefit-versus-threshold curve is
 * drawn afterwards (so the chart costs no second pass).
 *
 * Rows arrive in batches of typed arrays; nothing here allocates per row.
 */

import { ExactSum, decimalToNumber } from './decimal.js'
import { approximateNetBenefit, type ClassBenefits } from './net-benefit.js'
import { SegmentTallies } from './segments.js'

/** The curve is drawn at thresholds 0.00, 0.01, …, 1.00. */
export const CURVE_STEPS = 100
/** Histogram slot for hard-label positive predictions (flagged at any threshold). */
const ALWAYS = CURVE_STEPS + 1
/** Histogram slot for hard-label negative predictions (never flagged). */
const NEVER = CURVE_STEPS + 2
const SLOTS = CURVE_STEPS + 3

/** Score recorded for a prediction that equals the positive label. */
export const HARD_POSITIVE = 2
/** Score recorded for a prediction that is the other label. */
export const HARD_NEGATIVE = -1

/** Threshold k / 100, computed the way a parsed "0.kk" compares. */
const EDGES = Float64Array.from({ length: CURVE_STEPS + 1 }, (_, k) =>
  k === CURVE_STEPS ? 1 : k / CURVE_STEPS
)

/** The histogram slot j such that the score is flagged at EDGES[k] iff k <= j. */
export function curveSlot(score: number): number {
  if (score > 1) return ALWAYS
  if (score < 0) return NEVER
  let j = Math.floor(score * CURVE_STEPS)
  if (j < CURVE_STEPS && EDGES[j + 1] <= score) j++
  else if (j > 0 && EDGES[j] > score) j--
  return j
}

/** A batch of test-set rows: labels and, with per-row costs, each row's benefit if flagged. */
export interface RowBatch {
  /** 1 for the positive class, 0 otherwise. */
  readonly labels: Uint8Array
  /** With per-row costs: the benefit of flagging the row, exactly (mantissa / 10^scale)… */
  readonly benefitMantissa?: Float64Array
  readonly benefitScale?: Uint8Array
  /** …and as the nearest double, for the chart. */
  readonly benefitValue?: Float64Array
  /** With `segment-column`: each row's group (see `segments.ts`). */
  readonly segments?: Uint16Array
}

export class ModelAccumulator {
  tp = 0
  fp = 0
  fn = 0
  tn = 0
  /** Σ benefit over flagged rows, exact; used when costs are per row. */
  readonly flaggedBenefit = new ExactSum()
  readonly slotPositives = new Float64Array(SLOTS)
  readonly slotNegatives = new Float64Array(SLOTS)
  readonly slotBenefit = new Float64Array(SLOTS)
  /** Per segment, made by the first batch whose rows carry one (`segment-column`). */
  segments?: SegmentTallies

  /**
   * Adds rows [0, count) of a batch, with this model's decision codes for
   * them (see `decisionCodes`).
   */
  addBatch(batch: RowBatch, codes: Uint8Array, count: number): void {
    if (batch.segments)
      (this.segments ??= new SegmentTallies()).addBatch(batch, codes, count)
    const { labels, benefitMantissa, benefitScale, benefitValue } = batch
    const positives = this.slotPositives
    const negatives = this.slotNegatives
    let tp = this.tp
    let fp = this.fp
    let fn = this.fn
    let tn = this.tn
    if (benefitMantissa && benefitScale && benefitValue) {
      const exact = this.flaggedBenefit
      const slotBenefit = this.slotBenefit
      for (let i = 0; i < count; i++) {
        const code = codes[i]
        const slot = code & SLOT_MASK
        slotBenefit[slot] += benefitValue[i]
        const flagged = code >= FLAGGED
        if (labels[i] === 1) {
          positives[slot]++
          if (flagged) tp++
          else fn++
        } else {
          negatives[slot]++
          if (flagged) fp++
          else tn++
        }
        if (flagged) exact.add(benefitMantissa[i], benefitScale[i])
      }
    } else {
      for (let i = 0; i < count; i++) {
        const code = codes[i]
        const slot = code & SLOT_MASK
        if (labels[i] === 1) {
          positives[slot]++
          if (code >= FLAGGED) tp++
          else fn++
        } else {
          negatives[slot]++
          if (code >= FLAGGED) fp++
          else tn++
        }
      }
    }
    this.tp = tp
    this.fp = fp
    this.fn = fn
    this.tn = tn
  }
}

/** Decision code bit: the score is at or above the threshold. */
export const FLAGGED = 0x80
const SLOT_MASK = 0x7f

/**
 * All the pass needs of a score, in one byte: its histogram slot and
 * whether it is flagged at the operating threshold (`score >= threshold`,
 * decided here on the exact double). Compact enough to cross between
 * threads cheaply.
 */
export function decisionCodes(
  scores: Float64Array,
  count: number,
  threshold: number,
  out: Uint8Array
): Uint8Array {
  for (let i = 0; i < count; i++) out[i] = decisionCode(scores[i], threshold)
  return out
}

/** One score's decision code. */
export function decisionCode(score: number, threshold: number): number {
  return curveSlot(score) | (score >= threshold ? FLAGGED : 0)
}

/** One point of the net-benefit curve. */
export interface CurvePoint {
  readonly threshold: number
  readonly netBenefit: number
}

/**
 * Net benefit at each threshold 0.00 … 1.00, from the histogram. With
 * constant costs the benefit per class is given; with per-row costs it was
 * summed per slot during the pass.
 */
export function netBenefitCurve(
  accumulator: ModelAccumulator,
  constant?: ClassBenefits
): CurvePoint[] {
  const perClass = constant && {
    positive: decimalToNumber(constant.positive),
    negative: decimalToNumber(constant.negative)
  }
  const slotValue = (slot: number): number =>
    perClass
      ? approximateNetBenefit(
          accumulator.slotPositives[slot],
          accumulator.slotNegatives[slot],
          perClass
        )
      : accumulator.slotBenefit[slot]
  const points: CurvePoint[] = []
  let running = slotValue(ALWAYS)
  const reversed: number[] = []
  for (let k = CURVE_STEPS; k >= 0; k--) {
    running += slotValue(k)
    reversed.push(running)
  }
  for (let k = 0; k <= CURVE_STEPS; k++) {
    points.push({ threshold: EDGES[k], netBenefit: reversed[CURVE_STEPS - k] })
  }
  return points
}
