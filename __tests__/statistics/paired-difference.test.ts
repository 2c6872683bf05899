import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { FLAGGED } from '../../src/metrics/model-accumulator.js'
import {
  PairedDifference,
  differenceInterval,
  normalCdf
} from '../../src/statistics/paired-difference.js'
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

  it('sums to the net-benefit difference the report shows, on a real evaluation', async () => {
    const report = await sampleReport({ 'min-net-benefit': '1000' })
    const paired = report.comparison.paired!
    const [low, high] = paired.interval_95
    expect((low + high) / 2).toBeCloseTo(
      report.comparison.delta_net_benefit!,
      1
    )
    expect(paired.disagreements).toBeGreaterThan(0)
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
