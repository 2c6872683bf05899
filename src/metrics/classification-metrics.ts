/**
 * Confusion counts and the positive-class precision, recall and F1 computed
 * from them, with scikit-learn's formulas and its `zero_division=0` rule, so
 * the figures agree with `precision_score`, `recall_score` and `f1_score`
 * to the last bit.
 */

export interface ConfusionCounts {
  readonly tp: number
  readonly fp: number
  readonly fn: number
  readonly tn: number
}

export interface ClassificationMetrics {
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

/** 0 where the ratio is undefined, as scikit-learn's `zero_division=0`. */
function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator
}

export function classificationMetrics(
  counts: ConfusionCounts
): ClassificationMetrics {
  const { tp, fp, fn } = counts
  return {
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    // scikit-learn (>= 1.3) computes F-beta from counts, not from the rounded
    // precision and recall: (1 + b^2) tp / (b^2 (tp + fn) + (tp + fp)).
    f1: ratio(2 * tp, tp + fn + (tp + fp))
  }
}
