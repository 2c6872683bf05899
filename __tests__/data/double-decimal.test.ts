import { describe, expect, it } from '@jest/globals'
import { shortestDecimal } from '../../src/data/double-decimal.js'
import { pythonFloatText } from '../../src/data/python-float-text.js'
import { parseDecimalBytes } from '../../src/metrics/decimal.js'

/** What the text path gives: the repr's text, parsed (undefined: refused). */
function viaText(
  value: number
): { mantissa: number; scale: number } | undefined {
  const text = new TextEncoder().encode(pythonFloatText(value))
  const out = { mantissa: 0, scale: 0 }
  return parseDecimalBytes(text, 0, text.length, out) ? out : undefined
}

/** A small seeded generator, so a failure can be replayed. */
function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}

describe('double-decimal.ts', () => {
  it('gives the mantissa and scale of the repr text whenever it gives one, and gives one for amounts with cents', () => {
    const random = generator(20240601)
    const values: number[] = [
      0,
      -0,
      0.1,
      0.2,
      0.1 + 0.2,
      1 / 3,
      2 / 3,
      123.45,
      -123.45,
      1000,
      1e14,
      999999999999999,
      99999999999999.98,
      1e15,
      1e15 - 1,
      2 ** 53,
      5e-324,
      1e-5,
      1.5e-16,
      0.000125,
      1e-15,
      123456789.123456,
      // Past a double's digits on purpose: the double nearest to it is the case.
      // eslint-disable-next-line no-loss-of-precision
      9007199254740.993,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      NaN,
      Infinity,
      -Infinity
    ]
    for (let i = 0; i < 20000; i++) {
      // Amounts in dollars and cents, log-normal like the benchmark's.
      const cents = Math.round(Math.exp(3.6 + 2 * random()) * 100)
      values.push(cents / 100, -cents / 100)
      // Any double: random bits of magnitude and mantissa.
      const exponent = Math.floor(random() * 80) - 50
      values.push((random() - 0.5) * 10 ** exponent)
      values.push(Math.round(random() * 1e6) / 10 ** Math.floor(random() * 9))
    }
    let fast = 0
    for (const value of values) {
      const out = { mantissa: 7, scale: 7 }
      if (shortestDecimal(value, out)) {
        fast++
        expect([value, out]).toEqual([value, viaText(value)])
        expect(Object.is(out.mantissa, -0)).toBe(false)
      }
    }
    // The fast path is the common one (it is what makes it worth having).
    for (const amount of [123.45, -0.5, 19.99, 1e14, 0.000125])
      expect(shortestDecimal(amount, { mantissa: 0, scale: 0 })).toBe(true)
    expect(fast).toBeGreaterThan(values.length * 0.7)
    for (const refused of [NaN, Infinity, 1e15, 2 ** 53, 5e-324])
      expect(shortestDecimal(refused, { mantissa: 0, scale: 0 })).toBe(false)
  })
})
