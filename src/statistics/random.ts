/**
 * Seeded randomness for the paired bootstrap: the same seed gives the same
 * draws on every machine and Node version (integer arithmetic only, no
 * `Math.random`), so the same inputs give the same report.
 *
 * - `Random`: xoshiro128** (Blackman & Vigna), its four words of state
 *   filled from the seed by splitmix32, as the authors recommend.
 * - Poisson draws that are exact in distribution (as exact as the doubles
 *   they are computed in, the standard of numpy's generator): inversion for
 *   small means and Hörmann's PTRS transformed rejection for large ones. A
 *   normal approximation would not do: the bootstrap's whole point is the
 *   shape of the distribution when few rows carry the difference.
 */

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

export class Random {
  private s0: number
  private s1: number
  private s2: number
  private s3: number

  /** `seed`: a whole number from 0 to 2^32 − 1. */
  constructor(seed: number) {
    let state = seed >>> 0
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) | 0
      let z = state
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.s0 = splitmix32()
    this.s1 = splitmix32()
    this.s2 = splitmix32()
    this.s3 = splitmix32()
    // The all-zero state is xoshiro's one fixed point; splitmix32 never
    // yields four zeros in a row, but say so in code, not only here.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1
  }

  /** 32 random bits, as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
    const t = s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    return result
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5
    const low = this.nextUint32() >>> 6
    return (high * 67108864 + low) / 9007199254740992
  }

  /**
   * For one row of value `value`: draws its Poisson(1) weight w in each of
   * `sums.length` resamples and adds w·value to sums[b] and w to counts[b].
   * The bootstrap's hot loop, run once per disagreeing row: the generator's
   * state stays in locals, and one 32-bit draw serves three resamples, each
   * weight read from a 10-bit bucket of the table (see `poissonOne`); only
   * in a bucket that straddles a step (about 1 draw in 100) do 43 fresh
   * bits complete its 53-bit uniform. The bits are independent, so every
   * weight is still inversion on a uniform of 53 bits. `sums.length` must be
   * a multiple of 3.
   */
  addPoissonOneWeighted(
    value: number,
    sums: Float64Array,
    counts: Float64Array
  ): void {
    let s0 = this.s0
    let s1 = this.s1
    let s2 = this.s2
    let s3 = this.s3
    const n = sums.length
    for (let b = 0; b < n; b += 3) {
      const bits = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
      const t = s1 << 9
      s2 ^= s0
      s3 ^= s1
      s1 ^= s2
      s0 ^= s3
      s2 ^= t
      s3 = rotl(s3, 11)
      let k0 = FAST_TABLE[bits >>> 22]
      let k1 = FAST_TABLE[(bits >>> 12) & (FAST_BUCKETS - 1)]
      let k2 = FAST_TABLE[(bits >>> 2) & (FAST_BUCKETS - 1)]
      if ((k0 | k1 | k2) < 0) {
        this.s0 = s0
        this.s1 = s1
        this.s2 = s2
        this.s3 = s3
        if (k0 < 0) k0 = this.straddling(bits >>> 22, k0)
        if (k1 < 0) k1 = this.straddling((bits >>> 12) & (FAST_BUCKETS - 1), k1)
        if (k2 < 0) k2 = this.straddling((bits >>> 2) & (FAST_BUCKETS - 1), k2)
        s0 = this.s0
        s1 = this.s1
        s2 = this.s2
        s3 = this.s3
      }
      sums[b] += k0 * value
      sums[b + 1] += k1 * value
      sums[b + 2] += k2 * value
      counts[b] += k0
      counts[b + 1] += k1
      counts[b + 2] += k2
    }
    this.s0 = s0
    this.s1 = s1
    this.s2 = s2
    this.s3 = s3
  }

  /**
   * `addPoissonOneWeighted` for two rows at once (each with its own
   * weights, from its own draws): the resample's sum and count are read and
   * written once for both, which halves the loop's memory traffic.
   */
  addPoissonOneWeightedPair(
    first: number,
    second: number,
    sums: Float64Array,
    counts: Float64Array
  ): void {
    let s0 = this.s0
    let s1 = this.s1
    let s2 = this.s2
    let s3 = this.s3
    const n = sums.length
    const mask = FAST_BUCKETS - 1
    for (let b = 0; b < n; b += 3) {
      const x = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
      let t = s1 << 9
      s2 ^= s0
      s3 ^= s1
      s1 ^= s2
      s0 ^= s3
      s2 ^= t
      s3 = rotl(s3, 11)
      const y = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
      t = s1 << 9
      s2 ^= s0
      s3 ^= s1
      s1 ^= s2
      s0 ^= s3
      s2 ^= t
      s3 = rotl(s3, 11)
      let a0 = FAST_TABLE[x >>> 22]
      let a1 = FAST_TABLE[(x >>> 12) & mask]
      let a2 = FAST_TABLE[(x >>> 2) & mask]
      let c0 = FAST_TABLE[y >>> 22]
      let c1 = FAST_TABLE[(y >>> 12) & mask]
      let c2 = FAST_TABLE[(y >>> 2) & mask]
      if ((a0 | a1 | a2 | c0 | c1 | c2) < 0) {
        this.s0 = s0
        this.s1 = s1
        this.s2 = s2
        this.s3 = s3
        if (a0 < 0) a0 = this.straddling(x >>> 22, a0)
        if (a1 < 0) a1 = this.straddling((x >>> 12) & mask, a1)
        if (a2 < 0) a2 = this.straddling((x >>> 2) & mask, a2)
        if (c0 < 0) c0 = this.straddling(y >>> 22, c0)
        if (c1 < 0) c1 = this.straddling((y >>> 12) & mask, c1)
        if (c2 < 0) c2 = this.straddling((y >>> 2) & mask, c2)
        s0 = this.s0
        s1 = this.s1
        s2 = this.s2
        s3 = this.s3
      }
      sums[b] += a0 * first + c0 * second
      sums[b + 1] += a1 * first + c1 * second
      sums[b + 2] += a2 * first + c2 * second
      counts[b] += a0 + c0
      counts[b + 1] += a1 + c1
      counts[b + 2] += a2 + c2
    }
    this.s0 = s0
    this.s1 = s1
    this.s2 = s2
    this.s3 = s3
  }

  /** Poisson(1) in a straddling 10-bit bucket: 43 more bits, then the steps themselves. */
  private straddling(bucket: number, entry: number): number {
    const high = this.nextUint32()
    const low = this.nextUint32() >>> 21
    const u = (bucket * 8796093022208 + high * 2048 + low) / 9007199254740992
    let k = -1 - entry
    while (k < ONE_MAX && u >= ONE_CDF[k]) k++
    return k
  }

  /** Poisson(1): see `poissonOne`. */
  poissonOne(): number {
    return poissonOne(this)
  }

  /** Poisson(mean), exact in distribution; mean ≥ 0 and finite. */
  poisson(mean: number): number {
    if (mean === 1) return poissonOne(this)
    if (mean <= 0) return 0
    return mean < 10 ? poissonByInversion(this, mean) : poissonPtrs(this, mean)
  }
}

/** P(X ≤ k) for X ~ Poisson(1), k = 0 … ONE_MAX; past it the tail is below 2^-60. */
const ONE_MAX = 20
const ONE_CDF = (() => {
  const cdf = new Float64Array(ONE_MAX + 1)
  let p = Math.exp(-1)
  let sum = 0
  for (let k = 0; k <= ONE_MAX; k++) {
    sum += p
    cdf[k] = sum
    p /= k + 1
  }
  return cdf
})()

/**
 * Poisson(1) by inversion, fast: the top 11 bits of one 32-bit draw pick a
 * bucket of [0, 1); in all but 11 of the 2048 buckets the answer is the same
 * for every point of the bucket and is read from a table. In a bucket that
 * straddles a step of the distribution function, 21 more bits make a 53-bit
 * uniform that is compared with the steps themselves. So each row's weight
 * costs about one 32-bit draw, and the result is inversion on a 53-bit
 * uniform, exactly.
 */
const BUCKET_BITS = 11
const BUCKETS = 1 << BUCKET_BITS
/** k ≥ 0: every u in the bucket gives k; −1 − k: the bucket starts in k's step and straddles. */
const ONE_TABLE = bucketTable(BUCKETS)

function bucketTable(buckets: number): Int8Array {
  const table = new Int8Array(buckets)
  for (let j = 0; j < buckets; j++) {
    const start = j / buckets
    const end = (j + 1) / buckets
    let k = 0
    while (k < ONE_MAX && start >= ONE_CDF[k]) k++
    table[j] = end <= ONE_CDF[k] || k === ONE_MAX ? k : -1 - k
  }
  return table
}

/** The same table with 10-bit buckets, for `addPoissonOneWeighted` (and its pair form). */
const FAST_BUCKETS = 1 << 10
const FAST_TABLE = bucketTable(FAST_BUCKETS)

export function poissonOne(random: Random): number {
  const bits = random.nextUint32()
  const entry = ONE_TABLE[bits >>> (32 - BUCKET_BITS)]
  if (entry >= 0) return entry
  const u = (bits * 2097152 + (random.nextUint32() >>> 11)) / 9007199254740992
  let k = -1 - entry
  while (k < ONE_MAX && u >= ONE_CDF[k]) k++
  return k
}

/** Sequential search from 0 on one 53-bit uniform; for means below 10. */
function poissonByInversion(random: Random, mean: number): number {
  const u = random.uniform()
  let k = 0
  let p = Math.exp(-mean)
  let cdf = p
  // The guard stops the walk where the probabilities underflow (u within
  // 2^-53 of 1 and the summed cdf a rounding short of it).
  while (u >= cdf && k < 1000) {
    k++
    p *= mean / k
    cdf += p
  }
  return k
}

/**
 * Hörmann (1993), "The transformed rejection method for generating Poisson
 * random variables", Insurance: Mathematics and Economics 12, algorithm
 * PTRS, for means of 10 and more; the constants are the paper's, as numpy
 * uses them (`random_poisson_ptrs`).
 */
function poissonPtrs(random: Random, mean: number): number {
  const slam = Math.sqrt(mean)
  const loglam = Math.log(mean)
  const b = 0.931 + 2.53 * slam
  const a = -0.059 + 0.02483 * b
  const invalpha = 1.1239 + 1.1328 / (b - 3.4)
  const vr = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = random.uniform() - 0.5
    const v = random.uniform()
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43)
    if (us >= 0.07 && v <= vr) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (
      Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -mean + k * loglam - logGamma(k + 1)
    ) {
      return k
    }
  }
}

const STIRLING = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4,
  -5.952380952380952e-4, 8.417508417508418e-4, -1.917526917526918e-3,
  6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1,
  -1.3924322169059
]

/**
 * ln Γ(x) for x > 0, by Stirling's series (shifted up to 7 for small x);
 * relative error near 1e-15. Used by PTRS and by the exact binomial test.
 */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0
  const shift = x < 7 ? Math.floor(7 - x) : 0
  let x0 = x + shift
  const x2 = 1 / (x0 * x0)
  let series = STIRLING[9]
  for (let k = 8; k >= 0; k--) series = series * x2 + STIRLING[k]
  let value = series / x0 + 0.9189385332046727 + (x0 - 0.5) * Math.log(x0) - x0
  for (let k = 0; k < shift; k++) {
    x0 -= 1
    value -= Math.log(x0)
  }
  return value
}
