/**
 * How sure is "the candidate beats the champion"? The two models are judged
 * on the same rows, so the comparison is paired: per row, the difference in
 * benefit is d = benefit × (candidate flags − champion flags), non-zero only
 * where they disagree. The net-benefit difference is Σ d.
 *
 * Resampling rows with Poisson(1) weights (the Poisson bootstrap) gives
 * Σ w·d with variance Σ d² exactly, so the pass keeps only Σ d, Σ d² and the
 * number of disagreeing rows, and the interval follows in closed form (a
 * normal approximation, said so in the report; rough when few rows
 * disagree). Pure: numbers in, numbers out.
 */

import { FLAGGED } from '../metrics/model-accumulator.js'

export class PairedDifference {
  /** Rows where the two models decided differently. */
  disagreements = 0
  sum = 0
  sumOfSquares = 0

  /**
   * Adds a batch: each row's benefit if flagged (per row, or per class when
   * costs are constants) and both models' decision codes.
   */
  addBatch(
    labels: Uint8Array,
    benefit: Float64Array | { positive: number; negative: number },
    candidate: Uint8Array,
    champion: Uint8Array,
    count: number
  ): void {
    let disagreements = this.disagreements
    let sum = this.sum
    let sumOfSquares = this.sumOfSquares
    const perRow = benefit instanceof Float64Array ? benefit : undefined
    const constant = perRow
      ? undefined
      : (benefit as { positive: number; negative: number })
    for (let i = 0; i < count; i++) {
      const a = candidate[i] >= FLAGGED
      if (a === champion[i] >= FLAGGED) continue
      const value = perRow
        ? perRow[i]
        : labels[i] === 1
          ? constant!.positive
          : constant!.negative
      const difference = a ? value : -value
      disagreements++
      sum += difference
      sumOfSquares += difference * difference
    }
    this.disagreements = disagreements
    this.sum = sum
    this.sumOfSquares = sumOfSquares
  }
}

export interface DifferenceInterval {
  /** Rows where the models disagree: the only rows the comparison rests on. */
  readonly disagreements: number
  /** Standard error of the net-benefit difference. */
  readonly standardError: number
  /** 95% interval of the net-benefit difference. */
  readonly low: number
  readonly high: number
  /** Probability that the difference exceeds `margin` (min-improvement). */
  readonly confidence: number
}

/** Standard normal cumulative distribution (Abramowitz–Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) *
      t +
      0.254829592) *
      t *
      Math.exp(-x * x)
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2
}

export function differenceInterval(
  paired: PairedDifference,
  margin: number
): DifferenceInterval {
  const standardError = Math.sqrt(paired.sumOfSquares)
  const confidence =
    standardError === 0
      ? paired.sum > margin
        ? 1
        : 0
      : normalCdf((paired.sum - margin) / standardError)
  return {
    disagreements: paired.disagreements,
    standardError,
    low: paired.sum - 1.959964 * standardError,
    high: paired.sum + 1.959964 * standardError,
    confidence
  }
}
