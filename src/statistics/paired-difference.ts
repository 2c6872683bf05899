/**
 * How sure is "the candidate beats the champion"? The two models are judged
 * on the same rows, so the comparison is paired: per row, the difference in
 * benefit is d = benefit × (candidate flags − champion flags), non-zero only
 * where they disagree. The net-benefit difference is Σ d.
 *
 * The bootstrap resamples rows with Poisson(1) weights (each row counted
 * 0, 1, 2, … times, independently), the same weights for both models. That
 * makes it cheap and still exact in distribution, and lets it run inside the
 * one pass:
 *
 * - Rows where the models decide alike add nothing to Σ d. Each disagreeing
 *   row with its own d (per-row costs) gets its weight in every resample as
 *   it is read, two rows of a cell at a time
 *   (`Random.addPoissonOneWeightedPair`), so nothing is kept per row but
 *   the one awaiting its pair.
 * - F1 needs only the eight cell counts (label × candidate decision ×
 *   champion decision), and so does Σ d for a class whose benefit is the
 *   same on every row (constant costs): a cell of n rows gets weight
 *   Poisson(n) in each resample, the sum of its rows' Poisson(1) weights.
 *   The disagreeing cells' weights are the sums of the same draws that move
 *   Σ d, so each resample's F1 and net benefit come from one and the same
 *   reweighting of the rows.
 *
 * The work is (disagreeing rows with their own d + 8) × samples, whatever
 * the size of the test set; memory a few arrays of `samples` numbers.
 * Without resampling (`bootstrap-samples: 0`), Σ w·d has variance Σ d²
 * exactly, and the interval follows in closed form (a normal approximation,
 * said so in the report; rough when few rows disagree). Pure: numbers in,
 * numbers out.
 */

import { FLAGGED } from '../metrics/model-accumulator.js'
import { Random } from './random.js'

/**
 * Weights the bootstrap draws at most during the pass (rows × samples):
 * about two billion, a few seconds. Past it the resampling stops and the
 * interval is the normal approximation, which at that many disagreeing rows
 * is close (the report says which was used, with a note).
 */
export const MAX_BOOTSTRAP_DRAWS = 2e9

/** Cell index: label × 4 + candidate flags × 2 + champion flags. */
const CANDIDATE_ONLY_POSITIVE = 6
const CHAMPION_ONLY_POSITIVE = 5
const CANDIDATE_ONLY_NEGATIVE = 2
const CHAMPION_ONLY_NEGATIVE = 1
/** The cells where the two models decide alike. */
const AGREEING_CELLS = [0, 3, 4, 7] as const
/** The cells where they differ. */
const DISAGREEING_CELLS = [1, 2, 5, 6] as const

export interface PairedOptions {
  /** Resamples of the bootstrap; 0: none (the closed form only). */
  readonly samples?: number
  /** A whole number from 0 to 2^32 − 1. */
  readonly seed?: number
  /**
   * The benefit of flagging a row of a class, when it is the same on every
   * row of that class (both of its costs are constants), even with per-row
   * costs for the other class: such rows are counted, not drawn one by one.
   */
  readonly constant?: { readonly positive?: number; readonly negative?: number }
  /** Defaults to MAX_BOOTSTRAP_DRAWS. */
  readonly maxDraws?: number
}

export class PairedDifference {
  /** Rows where the two models decided differently. */
  disagreements = 0
  sum = 0
  sumOfSquares = 0
  /** The largest |d| of one row: how much a single row moves the difference. */
  largestRow = 0
  /** Row counts per cell, label × 4 + candidate flags × 2 + champion flags. */
  readonly cells = new Float64Array(8)
  readonly samples: number
  readonly seed: number
  /** The per-class benefit, where constant. */
  private readonly constant: { positive?: number; negative?: number }
  /** Disagreeing rows drawn one by one so far, and the most there may be. */
  drawnRows = 0
  readonly maxDrawnRows: number
  /** False once more rows needed drawing than maxDrawnRows allows. */
  resampling: boolean
  private readonly random: Random
  /** Per resample: Σ w·d over rows drawn one by one… */
  private readonly sums: Float64Array
  /** …and Σ w per disagreeing cell (DISAGREEING_CELLS order). */
  private readonly cellWeights: Float64Array[]

  constructor(options: PairedOptions = {}) {
    this.samples = options.samples ?? 0
    this.seed = options.seed ?? 0
    this.constant = { ...options.constant }
    this.maxDrawnRows =
      this.samples > 0
        ? Math.floor((options.maxDraws ?? MAX_BOOTSTRAP_DRAWS) / this.samples)
        : 0
    this.resampling = this.samples > 0
    this.random = new Random(this.seed)
    // Padded to a multiple of 3: one 32-bit draw serves three resamples.
    const padded = Math.ceil(this.samples / 3) * 3
    this.sums = new Float64Array(padded)
    this.cellWeights = DISAGREEING_CELLS.map(() => new Float64Array(padded))
  }

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
    if (!perRow) {
      const constant = benefit as { positive: number; negative: number }
      this.constant.positive = constant.positive
      this.constant.negative = constant.negative
    }
    const positive = this.constant.positive
    const negative = this.constant.negative
    for (let i = 0; i < count; i++) {
      const a = candidate[i] >= FLAGGED ? 1 : 0
      const b = champion[i] >= FLAGGED ? 1 : 0
      const label = labels[i]
      const cell = (label << 2) | (a << 1) | b
      cells[cell]++
      if (a === b) continue
      const fixed = label === 1 ? positive : negative
      const value = fixed ?? perRow![i]
      const difference = a ? value : -value
      disagreements++
      sum += difference
      sumOfSquares += difference * difference
      const size = Math.abs(difference)
      if (size > largest) largest = size
      if (fixed === undefined && this.resampling) this.draw(difference, cell)
    }
    this.disagreements = disagreements
    this.sum = sum
    this.sumOfSquares = sumOfSquares
    this.largestRow = largest
  }

  /** One disagreeing row with its own d: its weight in every resample. */
  private draw(difference: number, cell: number): void {
    if (this.drawnRows >= this.maxDrawnRows) {
      // Past the cap the resampling stops for good: a bootstrap of some of
      // the disagreeing rows would be wrong, not approximate.
      this.resampling = false
      return
    }
    this.drawnRows++
    const j = DISAGREEING_CELLS.indexOf(
      cell as (typeof DISAGREEING_CELLS)[number]
    )
    // Rows of a cell are drawn two at a time (see
    // `Random.addPoissonOneWeightedPair`): the first waits for the second.
    const waiting = this.waiting[j]
    if (Number.isNaN(waiting)) {
      this.waiting[j] = difference
      return
    }
    this.waiting[j] = NaN
    this.random.addPoissonOneWeightedPair(
      waiting,
      difference,
      this.sums,
      this.cellWeights[j]
    )
  }

  /** A row still waiting for its pair, per disagreeing cell; NaN: none. */
  private readonly waiting = DISAGREEING_CELLS.map(() => NaN)

  /** Rows the candidate decides right and the champion wrong, and the reverse (McNemar's discordant pairs). */
  discordant(): { candidateOnly: number; championOnly: number } {
    const c = this.cells
    return {
      candidateOnly: c[CANDIDATE_ONLY_POSITIVE] + c[CHAMPION_ONLY_NEGATIVE],
      championOnly: c[CHAMPION_ONLY_POSITIVE] + c[CANDIDATE_ONLY_NEGATIVE]
    }
  }

  /**
   * The bootstrap's intervals and confidence, or undefined without
   * resampling (samples 0, or more disagreeing rows than `maxDrawnRows`).
   * Finishes the resamples: the cells counted rather than drawn row by row
   * get their Poisson(n) weights here.
   */
  bootstrap(margin: number): BootstrapInterval | undefined {
    if (!this.resampling) return undefined
    const { differences, f1Differences } = (this.finished ??= this.finish())
    let above = 0
    for (const difference of differences) if (difference > margin) above++
    return {
      samples: this.samples,
      seed: this.seed,
      low: quantile(differences, 0.025),
      high: quantile(differences, 0.975),
      f1Low: quantile(f1Differences, 0.025),
      f1High: quantile(f1Differences, 0.975),
      confidence: above / this.samples
    }
  }

  /** Once, so that asking twice gives the same figures. */
  private finished?: { differences: Float64Array; f1Differences: Float64Array }

  private finish(): { differences: Float64Array; f1Differences: Float64Array } {
    const { samples, random, cells, constant } = this
    for (let j = 0; j < DISAGREEING_CELLS.length; j++) {
      if (Number.isNaN(this.waiting[j])) continue
      random.addPoissonOneWeighted(
        this.waiting[j],
        this.sums,
        this.cellWeights[j]
      )
      this.waiting[j] = NaN
    }
    const differences = new Float64Array(samples)
    const f1Differences = new Float64Array(samples)
    const w = new Float64Array(8)
    for (let s = 0; s < samples; s++) {
      for (const cell of AGREEING_CELLS) w[cell] = random.poisson(cells[cell])
      let difference = this.sums[s]
      for (let j = 0; j < DISAGREEING_CELLS.length; j++) {
        const cell = DISAGREEING_CELLS[j]
        const fixed = cell >= 4 ? constant.positive : constant.negative
        let weight = this.cellWeights[j][s]
        if (fixed !== undefined) {
          const k = random.poisson(cells[cell])
          weight += k
          difference += k * (cell & 2 ? fixed : -fixed)
        }
        w[cell] = weight
      }
      differences[s] = difference
      f1Differences[s] =
        f1(w[6] + w[7], w[2] + w[3], w[4] + w[5]) -
        f1(w[5] + w[7], w[1] + w[3], w[4] + w[6])
    }
    differences.sort()
    f1Differences.sort()
    return { differences, f1Differences }
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
