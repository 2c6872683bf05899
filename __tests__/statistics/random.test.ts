import { describe, expect, it } from '@jest/globals'
import { Random, logGamma } from '../../src/statistics/random.js'

/** Pearson's chi-square of draws against Poisson(mean), over bins expecting ≥ 20, tails pooled. */
function chiSquare(
  draws: number[],
  mean: number
): { statistic: number; bins: number } {
  const counts = new Map<number, number>()
  for (const k of draws) counts.set(k, (counts.get(k) ?? 0) + 1)
  const pmf = (k: number): number =>
    Math.exp(-mean + k * Math.log(mean) - logGamma(k + 1))
  const n = draws.length
  const mode = Math.floor(mean)
  // Bins outward from the mode while each expects at least 20 draws; the rest pooled per tail.
  let low = mode
  while (low > 0 && pmf(low - 1) * n >= 20) low--
  let high = mode
  while (pmf(high + 1) * n >= 20) high++
  let statistic = 0
  let below = 0
  let belowP = 0
  let above = 0
  let aboveP = 0
  let inside = 0
  for (let k = low; k <= high; k++) {
    const expected = pmf(k) * n
    const observed = counts.get(k) ?? 0
    statistic += (observed - expected) ** 2 / expected
    inside += pmf(k)
  }
  for (const [k, c] of counts) {
    if (k < low) below += c
    if (k > high) above += c
  }
  for (let k = 0; k < low; k++) belowP += pmf(k)
  aboveP = 1 - inside - belowP
  let bins = high - low + 1
  for (const [observed, p] of [
    [below, belowP],
    [above, aboveP]
  ]) {
    if (p * n >= 5) {
      statistic += (observed - p * n) ** 2 / (p * n)
      bins++
    }
  }
  return { statistic, bins }
}

/** The 0.999 quantile of chi-square with df degrees of freedom (Wilson–Hilferty). */
function chiSquareCritical(df: number): number {
  const z = 3.090232
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3
}

describe('random.ts', () => {
  it('has ln Γ to 1e-13 (√π, factorials)', () => {
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13)
    expect(logGamma(1)).toBe(0)
    expect(logGamma(2)).toBe(0)
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13)
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12)
    let factorial = 0
    for (let k = 2; k <= 170; k++) factorial += Math.log(k)
    expect(Math.abs(logGamma(171) - factorial) / factorial).toBeLessThan(1e-13)
  })

  it('repeats its draws for a seed and changes them with the seed', () => {
    const draws = (seed: number): number[] => {
      const random = new Random(seed)
      return Array.from({ length: 8 }, () => random.nextUint32())
    }
    expect(draws(0)).toEqual(draws(0))
    expect(draws(0)).not.toEqual(draws(1))
    expect(draws(4294967295)).not.toEqual(draws(0))
    const random = new Random(5)
    for (let k = 0; k < 1000; k++) {
      const u = random.uniform()
      expect(u >= 0 && u < 1).toBe(true)
    }
  })

  it.each([0.3, 1, 4.5, 9.99, 10, 35.5, 1000, 123456.7])(
    'draws Poisson(%p) exactly in distribution: chi-square against the pmf, mean and variance',
    (mean) => {
      const random = new Random(42)
      const draws = Array.from({ length: 100000 }, () => random.poisson(mean))
      const { statistic, bins } = chiSquare(draws, mean)
      expect(statistic).toBeLessThan(chiSquareCritical(bins - 1))
      const m = draws.reduce((a, b) => a + b, 0) / draws.length
      const v = draws.reduce((a, b) => a + (b - m) ** 2, 0) / (draws.length - 1)
      expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / 1e5))
      expect(Math.abs(v / mean - 1)).toBeLessThan(0.03)
    }
  )

  it('is not a normal approximation at a mean of 10: the skew is there', () => {
    const random = new Random(9)
    const draws = Array.from({ length: 200000 }, () => random.poisson(10))
    const m = draws.reduce((a, b) => a + b, 0) / draws.length
    const third = draws.reduce((a, b) => a + (b - m) ** 3, 0) / draws.length
    // Poisson skewness is 1/√mean ≈ 0.316; a rounded normal has none.
    expect(third / 10 ** 1.5).toBeGreaterThan(0.28)
    expect(third / 10 ** 1.5).toBeLessThan(0.35)
  })

  it('draws the bootstrap weights (one 32-bit draw for three resamples, rows alone or in pairs) as independent Poisson(1) each', () => {
    const random = new Random(3)
    const samples = 30000
    const sums = new Float64Array(samples)
    const counts = new Float64Array(samples)
    // Seven rows of values 1 … 7, each weighted in every resample: three
    // pairs and one alone, so both kernels are held to the same law.
    for (let k = 1; k <= 5; k += 2)
      random.addPoissonOneWeightedPair(k, k + 1, sums, counts)
    random.addPoissonOneWeighted(7, sums, counts)
    // The sum of 7 independent Poisson(1) weights is Poisson(7)…
    const { statistic, bins } = chiSquare([...counts], 7)
    expect(statistic).toBeLessThan(chiSquareCritical(bins - 1))
    // …each row has mean weight 1 (E Σ w·k = 1 + … + 7 = 28) and variance 1
    // (Var Σ w·k = 1 + 4 + … + 49 = 140).
    const mean = sums.reduce((a, b) => a + b, 0) / samples
    const variance =
      sums.reduce((a, b) => a + (b - mean) ** 2, 0) / (samples - 1)
    expect(Math.abs(mean - 28)).toBeLessThan(0.5)
    expect(Math.abs(variance / 140 - 1)).toBeLessThan(0.05)
  })
})
