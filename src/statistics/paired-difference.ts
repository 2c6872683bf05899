/**
 * How sure is "the candidate beats the champion"? The two models are judged
 * on the same rows, so the comparison is paired: per row, the difference in
 * benefit is d = benefit × (candidate flags − champion flags), non-zero only
 * where they disagree. The net-benefit difference is Σ d.
 *
 * The bootstrap resamples rows with Poisson(1) weights (each row counted
 * 0, 1, 2, … times, independently), the same weights for both models. That
 * makes it cheap and still exact in distribution:
 *
 * - Rows where the models decide alike add nothing to Σ d, so only the
 *   disagreeing rows' d are kept, and rows with the same d in the same
 *   cell are one group: the sum of c Poisson(1) weights is Poisson(c).
 *   With constant costs every disagreeing row in a cell has the same d, so
 *   nothing is kept per row at all.
 * - F1 needs only the eight cell counts (label × candidate decision ×
 *   champion decision). The four cells where the models agree are drawn
 *   whole (Poisson of their count); the four where they disagree are the
 *   sums of the same draws that move Σ d, so each resample's F1 and net
 *   benefit come from one and the same reweighting of the rows.
 *
 * The work is (groups of disagreeing rows + 8) × samples, whatever the size
 * of the test set. Without resampling (`bootstrap-samples: 0`), Σ w·d has
 * variance Σ d² exactly, and the interval follows in closed form (a normal
 * approximation, said so in the report; rough when few rows disagree).
 * Pure: numbers in, numbers out.
 */

import { FLAGGED } from '../metrics/model-accumulator.js'
import { Random } from './random.js'

/**
 * Per-row differences kept for the bootstrap at most: past this many
 * disagreeing rows (with per-row costs) the pass stops keeping them and the
 * interval is the normal approximation, which at that many rows is close
 * (and the report says which was used). 250,000 rows are 2.25 MB and about
 * half a billion Poisson draws at 2,000 resamples.
 */
export const MAX_KEPT_ROWS = 250_000

/** Cell index: label × 4 + candidate flags × 2 + champion flags. */
const CANDIDATE_ONLY_POSITIVE = 6
const CHAMPION_ONLY_POSITIVE = 5
const CANDIDATE_ONLY_NEGATIVE = 2
const CHAMPION_ONLY_NEGATIVE = 1
/** The cells where the two models decide alike. */
const AGREEING_CELLS = [0, 3, 4, 7] as const
/** The cells where they differ. */
const DISAGREEING_CELLS = [1, 2, 5, 6] as const

export class PairedDifference {
  /** Rows where the two models decided differently. */
  disagreements = 0
  sum = 0
  sumOfSquares = 0
  /** The largest |d| of one row: how much a single row moves the difference. */
  largestRow = 0
  /** Row counts per cell, label × 4 + candidate flags × 2 + champion flags. */
  readonly cells = new Float64Array(8)
  /** With constant costs, the benefit of flagging a positive and a negative row. */
  constant?: { readonly positive: number; readonly negative: number }
  /** With per-row costs: each disagreeing row's d and cell, in the order read… */
  differences = new Float64Array(1024)
  differenceCells = new Uint8Array(1024)
  /** …or false once more than `maxKeptRows` disagreed (then only the normal interval). */
  kept = true

  constructor(readonly maxKeptRows: number = MAX_KEPT_ROWS) {}

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
    let largest = this.largestRow
    const cells = this.cells
    const perRow = benefit instanceof Float64Array ? benefit : undefined
    const constant = perRow
      ? undefined
      : (benefit as { positive: number; negative: number })
    if (constant) this.constant = constant
    for (let i = 0; i < count; i++) {
      const a = candidate[i] >= FLAGGED ? 1 : 0
      const b = champion[i] >= FLAGGED ? 1 : 0
      const label = labels[i]
      const cell = (label << 2) | (a << 1) | b
      cells[cell]++
      if (a === b) continue
      const value = perRow
        ? perRow[i]
        : label === 1
          ? constant!.positive
          : constant!.negative
      const difference = a ? value : -value
      disagreements++
      sum += difference
      sumOfSquares += difference * difference
      const size = Math.abs(difference)
      if (size > largest) largest = size
      if (perRow && this.kept) this.keep(disagreements - 1, difference, cell)
    }
    this.disagreements = disagreements
    this.sum = sum
    this.sumOfSquares = sumOfSquares
    this.largestRow = largest
  }

  private keep(index: number, difference: number, cell: number): void {
    if (index >= this.maxKeptRows) {
      // Past the cap the rows are dropped, not kept in part: a bootstrap of
      // some of the disagreeing rows would be wrong, not approximate.
      this.kept = false
      this.differences = new Float64Array(0)
      this.differenceCells = new Uint8Array(0)
      return
    }
    if (index >= this.differences.length) {
      const size = Math.min(this.differences.length * 2, this.maxKeptRows)
      const differences = new Float64Array(size)
      differences.set(this.differences)
      this.differences = differences
      const cells = new Uint8Array(size)
      cells.set(this.differenceCells)
      this.differenceCells = cells
    }
    this.differences[index] = difference
    this.differenceCells[index] = cell
  }

  /** Rows the candidate decides right and the champion wrong, and the reverse (McNemar's discordant pairs). */
  discordant(): { candidateOnly: number; championOnly: number } {
    const c = this.cells
    return {
      candidateOnly: c[CANDIDATE_ONLY_POSITIVE] + c[CHAMPION_ONLY_NEGATIVE],
      championOnly: c[CHAMPION_ONLY_POSITIVE] + c[CANDIDATE_ONLY_NEGATIVE]
    }
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

/** The closed form: the Poisson bootstrap's exact variance, a normal approximation. */
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

export interface BootstrapOptions {
  /** Resamples; at least 1. */
  readonly samples: number
  /** A whole number from 0 to 2^32 − 1. */
  readonly seed: number
  /** min-improvement, in dollars. */
  readonly margin: number
}

export interface BootstrapInterval {
  readonly samples: number
  readonly seed: number
  /** 2.5th and 97.5th percentiles of the resampled net-benefit difference. */
  readonly low: number
  readonly high: number
  /** The same for the F1 difference, candidate − champion. */
  readonly f1Low: number
  readonly f1High: number
  /** Share of resamples in which the net-benefit difference exceeds `margin`. */
  readonly confidence: number
}

/**
 * The q-quantile of sorted values, interpolating linearly between the two
 * nearest (numpy's default `percentile`, so the figures can be checked
 * against numpy's).
 */
export function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q
  const below = Math.floor(position)
  const above = Math.min(below + 1, sorted.length - 1)
  return sorted[below] + (position - below) * (sorted[above] - sorted[below])
}

/** F1 from weighted counts, 0 when undefined (scikit-learn's zero_division=0). */
function f1(tp: number, fp: number, fn: number): number {
  const denominator = 2 * tp + fp + fn
  return denominator === 0 ? 0 : (2 * tp) / denominator
}

/**
 * The disagreeing rows of each cell as groups of equal d, in a fixed order:
 * rows alone in their group (most, with per-row costs) and groups of more.
 */
interface CellGroups {
  readonly cell: number
  /** d of the rows alone in their group… */
  readonly single: Float64Array
  /** …and of the larger groups, with their sizes. */
  readonly value: Float64Array
  readonly count: Float64Array
}

function groupsOf(paired: PairedDifference): CellGroups[] {
  const constant = paired.constant
  return DISAGREEING_CELLS.map((cell) => {
    const d: number[] = []
    const counts: number[] = []
    const single: number[] = []
    const n = paired.cells[cell]
    if (constant) {
      const benefit = cell >= 4 ? constant.positive : constant.negative
      if (n > 0) {
        d.push(cell & 2 ? benefit : -benefit)
        counts.push(n)
      }
    } else {
      const rows = new Float64Array(n)
      let kept = 0
      for (let i = 0; i < paired.disagreements; i++) {
        if (paired.differenceCells[i] === cell)
          rows[kept++] = paired.differences[i]
      }
      // Sorted, so the draws do not depend on the order rows were read in.
      rows.sort()
      for (let i = 0; i < kept;) {
        let end = i + 1
        while (end < kept && rows[end] === rows[i]) end++
        if (end - i === 1) single.push(rows[i])
        else {
          d.push(rows[i])
          counts.push(end - i)
        }
        i = end
      }
    }
    return {
      cell,
      single: Float64Array.from(single),
      value: Float64Array.from(d),
      count: Float64Array.from(counts)
    }
  })
}

/**
 * The Poisson bootstrap of the net-benefit and F1 differences, or undefined
 * when the pass could not keep the disagreeing rows (more than
 * `maxKeptRows`): then only `differenceInterval` is available.
 */
export function pairedBootstrap(
  paired: PairedDifference,
  options: BootstrapOptions
): BootstrapInterval | undefined {
  if (!paired.constant && !paired.kept) return undefined
  const { samples, seed, margin } = options
  const random = new Random(seed)
  const groups = groupsOf(paired)
  const differences = new Float64Array(samples)
  const f1Differences = new Float64Array(samples)
  const weighted = new Float64Array(8)
  const sums = new Float64Array(2)
  let above = 0
  for (let s = 0; s < samples; s++) {
    for (const cell of AGREEING_CELLS)
      weighted[cell] = random.poisson(paired.cells[cell])
    let difference = 0
    for (const group of groups) {
      random.poissonOneWeightedSum(group.single, 0, group.single.length, sums)
      let rows = sums[0]
      difference += sums[1]
      for (let g = 0; g < group.value.length; g++) {
        const k = random.poisson(group.count[g])
        rows += k
        difference += k * group.value[g]
      }
      weighted[group.cell] = rows
    }
    differences[s] = difference
    if (difference > margin) above++
    const w = weighted
    f1Differences[s] =
      f1(w[6] + w[7], w[2] + w[3], w[4] + w[5]) -
      f1(w[5] + w[7], w[1] + w[3], w[4] + w[6])
  }
  differences.sort()
  f1Differences.sort()
  return {
    samples,
    seed,
    low: quantile(differences, 0.025),
    high: quantile(differences, 0.975),
    f1Low: quantile(f1Differences, 0.025),
    f1High: quantile(f1Differences, 0.975),
    confidence: above / samples
  }
}
