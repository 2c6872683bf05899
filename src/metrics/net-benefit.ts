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

import { subtractDecimal, type Decimal } from './decimal.js'

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

/** The test-set columns that the cost model reads per row, without repeats. */
export function costColumns(costs: CostModel): string[] {
  const columns = new Set<string>()
  for (const [key] of COST_INPUTS) {
    const spec = costs[key]
    if (spec.kind === 'column') columns.add(spec.column)
  }
  return [...columns]
}

/**
 * The benefit of flagging a positive and a negative row when every cost is a
 * constant; undefined when any cost is a per-row column.
 */
export function constantBenefits(
  costs: CostModel
): { positive: Decimal; negative: Decimal } | undefined {
  const { truePositive, falsePositive, falseNegative, trueNegative } = costs
  if (
    truePositive.kind !== 'constant' ||
    falsePositive.kind !== 'constant' ||
    falseNegative.kind !== 'constant' ||
    trueNegative.kind !== 'constant'
  ) {
    return undefined
  }
  return {
    positive: subtractDecimal(falseNegative.value, truePositive.value),
    negative: subtractDecimal(trueNegative.value, falsePositive.value)
  }
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
