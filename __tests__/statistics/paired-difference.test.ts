import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { FLAGGED } from '../../src/metrics/model-accumulator.js'
import {
  PairedDifference,
  differenceInterval,
  normalCdf,
  quantile
} from '../../src/statistics/paired-difference.js'
import { pairedComparison } from '../../src/statistics/paired-comparison.js'
import { sampleReport } from '../../__fixtures__/reports.js'

/** A seeded Poisson(1) draw (inverse transform), for a real bootstrap to compare with. */
function poissonOne(random: () => number): number {
  let k = 0
  let p = Math.exp(-1)
  let cdf = p
  const u = random()
  while (u > cdf) {
    k++
    p /= k
    cdf += p
  }
  return k
}

describe('paired-difference.ts', () => {
  it('counts only the rows where the models disagree, signed by who flagged', () => {
    const paired = new PairedDifference()
    const labels = Uint8Array.from([1, 1, 0, 0, 1])
    const benefit = Float64Array.from([100, 50, -5, -5, 20])
    const candidate = Uint8Array.from([FLAGGED, 0, FLAGGED, 0, FLAGGED])
    const champion = Uint8Array.from([0, FLAGGED, FLAGGED, FLAGGED, FLAGGED])
    paired.addBatch(labels, benefit, candidate, champion, 5)
    // Row 0: +100 (only the candidate catches it); row 1: -50; row 3: the champion's false alarm, +5.
    expect([paired.disagreements, paired.sum, paired.sumOfSquares]).toEqual([
      3,
      55,
      100 ** 2 + 50 ** 2 + 25
    ])
  })

  it('agrees with a real Poisson bootstrap of the same rows', () => {
    let state = 7
    const random = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0
      return state / 2 ** 32
    }
    const differences = Array.from(
      { length: 400 },
      () => (random() < 0.6 ? 1 : -1) * Math.round(random() * 500)
    )
    const paired = new PairedDifference()
    for (const d of differences) {
      paired.addBatch(
        Uint8Array.of(1),
        Float64Array.of(Math.abs(d)),
        Uint8Array.of(d >= 0 ? FLAGGED : 0),
        Uint8Array.of(d >= 0 ? 0 : FLAGGED),
        1
      )
    }
    const interval = differenceInterval(paired, 0)
    const resamples = 4000
    let better = 0
    const sums: number[] = []
    for (let b = 0; b < resamples; b++) {
      let sum = 0
      for (const d of differences) sum += poissonOne(random) * d
      sums.push(sum)
      if (sum > 0) better++
    }
    const mean = sums.reduce((a, b) => a + b, 0) / resamples
    const sd = Math.sqrt(
      sums.reduce((a, b) => a + (b - mean) ** 2, 0) / (resamples - 1)
    )
    expect(
      Math.abs(sd - interval.standardError) / interval.standardError
    ).toBeLessThan(0.05)
    expect(Math.abs(better / resamples - interval.confidence)).toBeLessThan(
      0.03
    )
  })

  it('is less confident as the required margin grows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), {
          minLength: 1,
          maxLength: 50
        }),
        fc.integer({ min: 0, max: 5000 }),
        (values, step) => {
          const paired = new PairedDifference()
          for (const v of values)
            paired.addBatch(
              Uint8Array.of(1),
              Float64Array.of(Math.abs(v)),
              Uint8Array.of(v >= 0 ? FLAGGED : 0),
              Uint8Array.of(v >= 0 ? 0 : FLAGGED),
              1
            )
          expect(
            differenceInterval(paired, step).confidence
          ).toBeLessThanOrEqual(differenceInterval(paired, 0).confidence)
        }
      )
    )
  })

  it('has a standard normal cdf accurate to 1e-6', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7)
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6)
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6)
  })

  it('sums to the net-benefit difference the report shows, on a real evaluation (bootstrap-samples: 0)', async () => {
    const report = await sampleReport({
      'min-net-benefit': '1000',
      'bootstrap-samples': '0'
    })
    const paired = report.comparison.paired!
    expect(paired.method).toBe('normal')
    expect([paired.samples, paired.seed]).toEqual([0, null])
    const [low, high] = paired.interval_95
    expect((low + high) / 2).toBeCloseTo(
      report.comparison.delta_net_benefit!,
      1
    )
    expect(paired.disagreements).toBeGreaterThan(0)
  })

  it('draws the disagreeing rows up to its cap, then falls back to the normal interval and says so', () => {
    const feed = (paired: PairedDifference, rows: number): void => {
      for (let k = 0; k < rows; k++)
        paired.addBatch(
          Uint8Array.of(1),
          Float64Array.of(10 + k),
          Uint8Array.of(FLAGGED),
          Uint8Array.of(0),
          1
        )
    }
    // 500 resamples and at most 20,000 draws: 40 rows.
    const options = { samples: 500, seed: 1, maxDraws: 20000 }
    const within = new PairedDifference(options)
    feed(within, 40)
    expect(within.maxDrawnRows).toBe(40)
    expect(within.resampling).toBe(true)
    expect(within.bootstrap(0)).toBeDefined()
    expect(pairedComparison(within, 0).report.method).toBe('bootstrap')
    const over = new PairedDifference(options)
    feed(over, 41)
    expect(over.resampling).toBe(false)
    expect(over.bootstrap(0)).toBeUndefined()
    const { report, notes } = pairedComparison(over, 0)
    expect(report.method).toBe('normal')
    expect(report.samples).toBe(0)
    expect(report.interval_95[0]).toBeCloseTo(
      differenceInterval(over, 0).low,
      1
    )
    expect(notes.join(' ')).toMatch(
      /^More than 40 of the rows where the models disagree have costs of their own: drawing them in 500 resamples would take too long, so the interval and confidence use the normal approximation instead/
    )
  })

  it('draws nothing row by row with constant costs, however many rows disagree', () => {
    const paired = new PairedDifference({ samples: 400, seed: 3, maxDraws: 10 })
    const n = 1000
    const labels = new Uint8Array(n).fill(1)
    const candidate = new Uint8Array(n).fill(FLAGGED)
    paired.addBatch(
      labels,
      { positive: 95, negative: -5 },
      candidate,
      new Uint8Array(n),
      n
    )
    expect(paired.disagreements).toBe(n)
    expect(paired.drawnRows).toBe(0)
    const result = paired.bootstrap(0)!
    // Σ d = 95 × Poisson(1000): its 95% interval is about 95 × (1000 ± 62).
    expect(result.low).toBeGreaterThan(95 * 930)
    expect(result.high).toBeLessThan(95 * 1070)
    expect(result.low).toBeLessThan(95 * 960)
    // Asked again, the same figures.
    expect(paired.bootstrap(0)).toEqual(result)
  })

  it('gives the same bootstrap whether rows come in one batch or many (by position or joined by id)', () => {
    const n = 3000
    let state = 17
    const random = (): number => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0
      return state / 2 ** 32
    }
    const labels = Uint8Array.from({ length: n }, () =>
      random() < 0.2 ? 1 : 0
    )
    const benefit = Float64Array.from({ length: n }, () => random() * 1000)
    const a = Uint8Array.from({ length: n }, () =>
      random() < 0.3 ? FLAGGED : 0
    )
    const b = Uint8Array.from({ length: n }, () =>
      random() < 0.3 ? FLAGGED : 0
    )
    const options = { samples: 300, seed: 5, constant: { negative: -5 } }
    const whole = new PairedDifference(options)
    whole.addBatch(labels, benefit, a, b, n)
    const batched = new PairedDifference(options)
    for (let i = 0; i < n; i += 1000)
      batched.addBatch(
        labels.subarray(i),
        benefit.subarray(i),
        a.subarray(i),
        b.subarray(i),
        1000
      )
    expect(batched.bootstrap(0)).toEqual(whole.bootstrap(0))
    // The negatives' benefit is constant: only the disagreeing positives are drawn one by one.
    expect(whole.drawnRows).toBe(whole.cells[5] + whole.cells[6])
  })

  it('counts the eight cells and the discordant pairs McNemar needs', () => {
    const paired = new PairedDifference()
    // label, candidate, champion for each of the eight cells, cell k taken k + 1 times.
    const labels: number[] = []
    const a: number[] = []
    const b: number[] = []
    for (let cell = 0; cell < 8; cell++)
      for (let k = 0; k <= cell; k++) {
        labels.push(cell >> 2)
        a.push(cell & 2 ? FLAGGED : 0)
        b.push(cell & 1 ? FLAGGED : 0)
      }
    paired.addBatch(
      Uint8Array.from(labels),
      { positive: 10, negative: -1 },
      Uint8Array.from(a),
      Uint8Array.from(b),
      labels.length
    )
    expect([...paired.cells]).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    // Candidate alone right: positives it alone flags (cell 6) and negatives only the champion flags (cell 1).
    expect(paired.discordant()).toEqual({
      candidateOnly: 7 + 2,
      championOnly: 6 + 3
    })
    expect(paired.largestRow).toBe(10)
  })

  it('takes numpy percentiles (linear interpolation)', () => {
    const sorted = Float64Array.from([1, 2, 4, 8])
    expect(quantile(sorted, 0)).toBe(1)
    expect(quantile(sorted, 1)).toBe(8)
    // numpy.percentile([1, 2, 4, 8], 50) == 3.0, 2.5 -> 1.075
    expect(quantile(sorted, 0.5)).toBe(3)
    expect(quantile(sorted, 0.025)).toBeCloseTo(1.075, 12)
  })

  it('gates on min-confidence when asked, and says why', async () => {
    const report = await sampleReport({
      'min-net-benefit': '1000',
      'min-confidence': '0.999999'
    })
    const gate = report.gates.find((g) => g.name === 'min-confidence')!
    expect(gate.passed).toBe(false)
    expect(report.decision).toBe('reject')
    expect(report.reasons.at(-1)).toMatch(
      /^The win is not clear enough: the confidence that the candidate beats the champion by more than \$0 is .*\(min-confidence\)\.$/
    )
  })
})
