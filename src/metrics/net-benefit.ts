/**
 * Net benefit in dollars: the cost of flagging nothing minus the cost of the
 * model's decisions. Flagging a row changes its cost from "missed" to
 * "caught" (a positive: cost_fn → cost_tp) or from "left alone" to "false
 * alarm" (a negative: cost_tn → cost_fp), so
 *
 *   net benefit = Σ over TP of (cost_fn − cost_tp) + Σ over FP of (cost_tn − cost_fp)
 *
 * With cost_fn = amount and cost_tp = cost_fp = 5 this is "fraud dollars
 * caught minus $5 per alert". Each cost is a constant or a per-row column.
 */

import {
  MANTISSA_LIMIT,
  POW10,
  addDecimal,
  multiplyDecimal,
  roundToCents,
  subtractDecimal,
  type Decimal,
  type ExactSum,
  type ScaledNumber
} from './decimal.js'

/** One entry of the cost matrix, as the user gave it. */
export type CostSpec =
  | {
      readonly kind: 'constant'
      readonly value: Decimal
      readonly text: string
    }
  | { readonly kind: 'column'; readonly column: string }

export interface CostModel {
  readonly truePositive: CostSpec
  readonly falsePositive: CostSpec
  readonly falseNegative: CostSpec
  readonly trueNegative: CostSpec
}

/** The cost-matrix entries in input order, with their action input names. */
export const COST_INPUTS = [
  ['truePositive', 'cost-true-positive'],
  ['falsePositive', 'cost-false-positive'],
  ['falseNegative', 'cost-false-negative'],
  ['trueNegative', 'cost-true-negative']
] as const

/**
 * The formula, once: flagging a row of each class moves its cost from the
 * `missed` entry to the `flagged` one, so its benefit is missed − flagged.
 */
export const FLAGGING = {
  positive: { missed: 'falseNegative', flagged: 'truePositive' },
  negative: { missed: 'trueNegative', flagged: 'falsePositive' }
} as const

export type RowClass = keyof typeof FLAGGING

/**
 * The benefit of flagging a row of this class when both of its costs are
 * constants; undefined when either is a per-row column.
 */
export function classBenefit(
  costs: CostModel,
  rowClass: RowClass
): Decimal | undefined {
  const missed = costs[FLAGGING[rowClass].missed]
  const flagged = costs[FLAGGING[rowClass].flagged]
  return missed.kind === 'constant' && flagged.kind === 'constant'
    ? subtractDecimal(missed.value, flagged.value)
    : undefined
}

/** The benefit of flagging a row of each class, per class. */
export interface ClassBenefits {
  readonly positive: Decimal
  readonly negative: Decimal
}

/**
 * The benefit of flagging a positive and a negative row when every cost is a
 * constant; undefined when any cost is a per-row column.
 */
export function constantBenefits(costs: CostModel): ClassBenefits | undefined {
  const positive = classBenefit(costs, 'positive')
  const negative = classBenefit(costs, 'negative')
  return positive && negative ? { positive, negative } : undefined
}

/**
 * One row's benefit if flagged, exactly: `missed − flagged` (the two costs
 * `FLAGGING` names for its class), written into `out` at the larger of their
 * scales so the hot loop allocates nothing. False when the result needs more
 * than the 2^52 mantissa the exact sum holds.
 */
export function rowBenefit(
  missed: Readonly<ScaledNumber>,
  flagged: Readonly<ScaledNumber>,
  out: ScaledNumber
): boolean {
  const scale = missed.scale > flagged.scale ? missed.scale : flagged.scale
  const mantissa =
    missed.mantissa * POW10[scale - missed.scale] -
    flagged.mantissa * POW10[scale - flagged.scale]
  if (mantissa > MANTISSA_LIMIT || mantissa < -MANTISSA_LIMIT) return false
  out.mantissa = mantissa
  out.scale = scale
  return true
}

/** What a model's pass gathered towards its net benefit (see ModelAccumulator). */
export interface FlaggedRows {
  /** Positive rows flagged (true positives)… */
  readonly tp: number
  /** …and negative rows flagged (false positives). */
  readonly fp: number
  /** Σ benefit over the flagged rows, exact; fed only when costs are per row. */
  readonly flaggedBenefit: ExactSum
}

/**
 * Net benefit, exactly, rounded to cents (the figure the gate compares and
 * the report shows): with constant costs TP × the positive benefit + FP ×
 * the negative one; with per-row costs the exact sum of the flagged rows'
 * benefits.
 */
export function netBenefitInCents(
  rows: FlaggedRows,
  constant: ClassBenefits | undefined
): Decimal {
  if (!constant) return roundToCents(rows.flaggedBenefit.total())
  return roundToCents(
    addDecimal(
      multiplyDecimal(constant.positive, rows.tp),
      multiplyDecimal(constant.negative, rows.fp)
    )
  )
}

/**
 * The same from counts, as the nearest double: for the net-benefit curve,
 * whose points are drawn, not compared.
 */
export function approximateNetBenefit(
  flaggedPositives: number,
  flaggedNegatives: number,
  perClass: { readonly positive: number; readonly negative: number }
): number {
  return (
    flaggedPositives * perClass.positive + flaggedNegatives * perClass.negative
  )
}

/** The cost model in words, e.g. `FN = amount, TP = 5, FP = 5, TN = 0`. */
export function describeCostModel(costs: CostModel): string {
  const show = (spec: CostSpec): string =>
    spec.kind === 'constant' ? spec.text : `column '${spec.column}'`
  return [
    `TP ${show(costs.truePositive)}`,
    `FP ${show(costs.falsePositive)}`,
    `FN ${show(costs.falseNegative)}`,
    `TN ${show(costs.trueNegative)}`
  ].join(', ')
}
