/**
 * McNemar's test on the rows where exactly one model is right (the rows
 * where the two decide differently): under "neither model is better", each
 * such row is the candidate's with probability 1/2. The exact test is the
 * two-sided binomial test of that, computed as scipy's `binomtest(k, n, 0.5)`
 * computes it (for p = 1/2 the two tails are mirror images, so the p-value is
 * twice the smaller tail, capped at 1).
 *
 * It is exact at every count, not only at small ones: the tail is summed
 * outward from its largest term, whose logarithm comes from ln Γ, so a
 * million discordant rows cost a million multiplications and no
 * approximation. Pure.
 */

import { logGamma } from './random.js'

export interface McNemar {
  /** Rows the candidate decides right and the champion wrong. */
  readonly candidateOnlyCorrect: number
  /** Rows the champion decides right and the candidate wrong. */
  readonly championOnlyCorrect: number
  /** Two-sided exact binomial p-value. */
  readonly pValue: number
}

/** P(X ≤ k) for X ~ Binomial(n, 1/2), k < n / 2. */
function lowerTail(k: number, n: number): number {
  // The largest term of the tail is its last, P(X = k); the terms fall
  // by the factor i / (n − i + 1) going down from it.
  const logLast =
    logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) - n * Math.LN2
  let term = 1
  let sum = 1
  for (let i = k; i > 0; i--) {
    term *= i / (n - i + 1)
    sum += term
    if (term < sum * 1e-17) break
  }
  return Math.exp(logLast) * sum
}

export function mcnemarExact(
  candidateOnlyCorrect: number,
  championOnlyCorrect: number
): McNemar {
  const n = candidateOnlyCorrect + championOnlyCorrect
  const k = Math.min(candidateOnlyCorrect, championOnlyCorrect)
  const pValue = 2 * k >= n ? 1 : Math.min(1, 2 * lowerTail(k, n))
  return { candidateOnlyCorrect, championOnlyCorrect, pValue }
}
