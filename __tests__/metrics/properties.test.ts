/**
 * Property tests for the metric invariants: the ratios, the confusion
 * counts, the exact money arithmetic and the net-benefit curve, each checked
 * against a plain reference (BigInt for money) on random inputs.
 */

import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { classificationMetrics } from '../../src/metrics/classification-metrics.js'
import {
  ExactSum,
  MANTISSA_LIMIT,
  MAX_SCALE,
  parseDecimal,
  parseDecimalBytes,
  roundToCents,
  type Decimal
} from '../../src/metrics/decimal.js'
import {
  CURVE_STEPS,
  HARD_NEGATIVE,
  HARD_POSITIVE,
  ModelAccumulator,
  curveSlot,
  decisionCodes,
  netBenefitCurve,
  type RowBatch
} from '../../src/metrics/model-accumulator.js'

const bits = new Float64Array(1)
const word = new BigInt64Array(bits.buffer)

/** The next double above (up) or below a non-negative finite `x`. */
function neighbour(x: number, up: boolean): number {
  if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE
  bits[0] = x
  word[0] += up ? 1n : -1n
  return bits[0]
}

/** The curve's thresholds, as a user writes them: 0, 0.01, …, 0.99, 1. */
const THRESHOLDS = Array.from({ length: CURVE_STEPS + 1 }, (_, k) => k / 100)

/** Probabilities, with the edges that binary fractions make awkward. */
const probability = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 100 }).map((k) => k / 100),
  fc.integer({ min: 0, max: 100 }).map((k) => Number((k / 100).toFixed(2))),
  fc
    .tuple(fc.integer({ min: 0, max: 100 }), fc.boolean())
    .map(([k, up]) => neighbour(k / 100, up))
    .filter((x) => x >= 0 && x <= 1),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1e6),
  fc.constantFrom(0, 0.29, 0.57, 0.07, 0.14, 0.28, 0.58, 0.99, 1)
)

/** A row's score: a probability or a hard label. */
const score = fc.oneof(
  { arbitrary: probability, weight: 8 },
  { arbitrary: fc.constantFrom(HARD_POSITIVE, HARD_NEGATIVE), weight: 1 }
)

/** Money as a decimal: up to ten million dollars, up to 4 decimals. */
const money: fc.Arbitrary<Decimal> = fc
  .tuple(
    fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
    fc.integer({ min: 0, max: 4 })
  )
  .map(([mantissa, scale]) => ({ mantissa: BigInt(mantissa), scale }))

/** Any decimal the hot loop may carry: |mantissa| <= 2^52, scale 0…15. */
const hotDecimal: fc.Arbitrary<Decimal> = fc
  .tuple(
    fc.oneof(
      fc.bigInt({ min: -(2n ** 52n), max: 2n ** 52n }),
      fc.constantFrom(2n ** 52n, -(2n ** 52n), 2n ** 52n - 1n, 1n, -1n, 0n)
    ),
    fc.integer({ min: 0, max: MAX_SCALE })
  )
  .map(([mantissa, scale]) => ({ mantissa, scale }))

interface Row {
  readonly label: 0 | 1
  readonly score: number
  readonly benefit: Decimal
}

const row = (benefit: fc.Arbitrary<Decimal>): fc.Arbitrary<Row> =>
  fc.record({
    label: fc.constantFrom<0 | 1>(0, 1),
    score,
    benefit
  })

const rows = fc.array(row(money), { maxLength: 120 })

/** `value` at scale 15, exactly. */
function at15(value: Decimal): bigint {
  return value.mantissa * 10n ** BigInt(MAX_SCALE - value.scale)
}

/**
 * Feeds rows to an accumulator in batches of `batchSize`, each batch in
 * arrays longer than the rows it holds (a reused store), with per-row
 * benefits when `perRow`.
 */
function accumulate(
  data: readonly Row[],
  threshold: number,
  perRow: boolean,
  batchSize = Math.max(1, data.length)
): ModelAccumulator {
  const accumulator = new ModelAccumulator()
  for (let from = 0; from < data.length; from += batchSize) {
    const part = data.slice(from, from + batchSize)
    // Slack past `count` holds rows that must not be read.
    const slack = 3
    const size = part.length + slack
    const labels = new Uint8Array(size).fill(1)
    const scores = new Float64Array(size).fill(HARD_POSITIVE)
    const mantissas = new Float64Array(size).fill(123456789)
    const scales = new Uint8Array(size).fill(1)
    const values = new Float64Array(size).fill(12345678.9)
    part.forEach((r, i) => {
      labels[i] = r.label
      scores[i] = r.score
      mantissas[i] = Number(r.benefit.mantissa)
      scales[i] = r.benefit.scale
      values[i] = Number(r.benefit.mantissa) / 10 ** r.benefit.scale
    })
    const batch: RowBatch = perRow
      ? {
          labels,
          benefitMantissa: mantissas,
          benefitScale: scales,
          benefitValue: values
        }
      : { labels }
    // Slack codes too: computed from the slack scores, never to be read.
    const codes = decisionCodes(scores, size, threshold, new Uint8Array(size))
    accumulator.addBatch(batch, codes, part.length)
  }
  return accumulator
}

function counts(a: ModelAccumulator): [number, number, number, number] {
  return [a.tp, a.fp, a.fn, a.tn]
}

/** Σ benefit over rows flagged at `threshold`, exactly, at scale 15. */
function exactNetBenefit(data: readonly Row[], threshold: number): bigint {
  let sum = 0n
  for (const r of data) if (r.score >= threshold) sum += at15(r.benefit)
  return sum
}

/** A scale-15 integer as the nearest double. */
function toNumber(value: bigint): number {
  return Number(value) / 1e15
}

/** Within 1e-6 of `exact`, relative (absolute below 1). */
function close(got: number, exact: number): boolean {
  return Math.abs(got - exact) <= 1e-6 * Math.max(1, Math.abs(exact))
}

describe('classification-metrics.ts', () => {
  const count = fc.oneof(
    fc.nat({ max: 5 }),
    fc.nat({ max: 100_000 }),
    fc.nat({ max: 2 ** 40 })
  )
  const confusion = fc.record({ tp: count, fp: count, fn: count, tn: count })

  it('keeps precision, recall and F1 within [0, 1]', () => {
    fc.assert(
      fc.property(confusion, (c) => {
        const { precision, recall, f1 } = classificationMetrics(c)
        for (const value of [precision, recall, f1]) {
          expect(value).toBeGreaterThanOrEqual(0)
          expect(value).toBeLessThanOrEqual(1)
        }
      })
    )
  })

  it('makes F1 the harmonic mean of precision and recall, and 0 when tp = 0', () => {
    fc.assert(
      fc.property(confusion, (c) => {
        const { precision, recall, f1 } = classificationMetrics(c)
        if (c.tp === 0) {
          expect([precision, recall, f1]).toEqual([0, 0, 0])
        } else {
          expect(precision).toBeGreaterThan(0)
          expect(recall).toBeGreaterThan(0)
          const harmonic = (2 * precision * recall) / (precision + recall)
          expect(Math.abs(f1 - harmonic)).toBeLessThanOrEqual(1e-12)
          expect(f1).toBeGreaterThanOrEqual(Math.min(precision, recall))
          expect(f1).toBeLessThanOrEqual(Math.max(precision, recall))
        }
      })
    )
  })

  it('uses the count ratios exactly, as scikit-learn does', () => {
    fc.assert(
      fc.property(
        confusion.filter((c) => c.tp > 0),
        (c) => {
          expect(classificationMetrics(c)).toEqual({
            precision: c.tp / (c.tp + c.fp),
            recall: c.tp / (c.tp + c.fn),
            f1: (2 * c.tp) / (2 * c.tp + c.fp + c.fn)
          })
        }
      )
    )
  })
})

describe('model-accumulator.ts', () => {
  it('counts every row once: tp + fp + fn + tn = rows, by class', () => {
    fc.assert(
      fc.property(rows, probability, (data, threshold) => {
        const a = accumulate(data, threshold, false)
        const positives = data.filter((r) => r.label === 1).length
        expect(a.tp + a.fp + a.fn + a.tn).toBe(data.length)
        expect(a.tp + a.fn).toBe(positives)
        expect(a.fp + a.tn).toBe(data.length - positives)
        const flagged = data.filter((r) => r.score >= threshold)
        expect(a.tp).toBe(flagged.filter((r) => r.label === 1).length)
        expect(a.fp).toBe(flagged.filter((r) => r.label === 0).length)
      })
    )
  })

  it('flags hard positives at any threshold and hard negatives at none', () => {
    for (const threshold of [0, 0.5, 1]) {
      const a = accumulate(
        [
          {
            label: 1,
            score: HARD_POSITIVE,
            benefit: { mantissa: 1n, scale: 0 }
          },
          {
            label: 0,
            score: HARD_NEGATIVE,
            benefit: { mantissa: 1n, scale: 0 }
          }
        ],
        threshold,
        false
      )
      expect(counts(a)).toEqual([1, 0, 0, 1])
    }
  })

  it('gives the same counts, sums and histograms whatever the row order and batching', () => {
    fc.assert(
      fc.property(
        rows.chain((data) =>
          fc.tuple(
            fc.constant(data),
            fc.shuffledSubarray(data, {
              minLength: data.length,
              maxLength: data.length
            }),
            fc.integer({ min: 1, max: 50 })
          )
        ),
        probability,
        fc.boolean(),
        ([data, shuffled, batchSize], threshold, perRow) => {
          const a = accumulate(data, threshold, perRow)
          const b = accumulate(shuffled, threshold, perRow, batchSize)
          expect(counts(b)).toEqual(counts(a))
          expect(b.flaggedBenefit.total()).toEqual(a.flaggedBenefit.total())
          expect(b.slotPositives).toEqual(a.slotPositives)
          expect(b.slotNegatives).toEqual(a.slotNegatives)
          // Float sums per slot may differ in the last bits with the order.
          b.slotBenefit.forEach((value, slot) =>
            expect(close(value, a.slotBenefit[slot])).toBe(true)
          )
        }
      )
    )
  })

  it('never flags more rows at a higher threshold', () => {
    fc.assert(
      fc.property(rows, probability, probability, (data, t1, t2) => {
        const [low, high] = t1 <= t2 ? [t1, t2] : [t2, t1]
        const a = accumulate(data, low, false)
        const b = accumulate(data, high, false)
        expect(b.tp + b.fp).toBeLessThanOrEqual(a.tp + a.fp)
        expect(b.tp).toBeLessThanOrEqual(a.tp)
        expect(b.fp).toBeLessThanOrEqual(a.fp)
      })
    )
  })

  it('sums the benefit of flagged rows exactly, even at 2^52 and scale 15', () => {
    fc.assert(
      fc.property(
        fc.array(row(hotDecimal), { maxLength: 80 }),
        probability,
        (data, threshold) => {
          const a = accumulate(data, threshold, true)
          expect(at15(a.flaggedBenefit.total())).toBe(
            exactNetBenefit(data, threshold)
          )
        }
      )
    )
  })

  describe('curveSlot', () => {
    it('puts a score in slot j exactly when it is flagged at k/100 for k <= j', () => {
      fc.assert(
        fc.property(probability, (s) => {
          const slot = curveSlot(s)
          expect(slot).toBeGreaterThanOrEqual(0)
          expect(slot).toBeLessThanOrEqual(CURVE_STEPS)
          for (let k = 0; k <= CURVE_STEPS; k++) {
            if (s >= k / 100 !== k <= slot) {
              throw new Error(`score ${s}: slot ${slot}, threshold ${k / 100}`)
            }
          }
        }),
        { numRuns: 2000 }
      )
    })

    it('places the awkward binary fractions on the right side of their edge', () => {
      expect(curveSlot(0)).toBe(0)
      expect(curveSlot(0.29)).toBe(29)
      expect(curveSlot(0.57)).toBe(57)
      expect(curveSlot(1)).toBe(100)
      expect(curveSlot(neighbour(0.29, false))).toBe(28)
      expect(curveSlot(neighbour(0.57, false))).toBe(56)
      expect(curveSlot(neighbour(1, false))).toBe(99)
      expect(curveSlot(Number.MIN_VALUE)).toBe(0)
      for (let k = 0; k <= CURVE_STEPS; k++) {
        const written = Number((k / 100).toFixed(2))
        expect(written).toBe(k / 100)
        expect(curveSlot(written)).toBe(k)
        if (k > 0) expect(curveSlot(neighbour(written, false))).toBe(k - 1)
      }
    })

    it('keeps hard labels out of the probability slots', () => {
      expect(curveSlot(HARD_POSITIVE)).toBeGreaterThan(CURVE_STEPS)
      expect(curveSlot(HARD_NEGATIVE)).toBeGreaterThan(CURVE_STEPS)
      expect(curveSlot(HARD_POSITIVE)).not.toBe(curveSlot(HARD_NEGATIVE))
    })
  })

  describe('netBenefitCurve', () => {
    it('equals the exact net benefit at each threshold k/100, with constant costs', () => {
      fc.assert(
        fc.property(
          rows,
          money,
          money,
          probability,
          (data, positive, negative, threshold) => {
            const curve = netBenefitCurve(accumulate(data, threshold, false), {
              positive,
              negative
            })
            expect(curve.map((p) => p.threshold)).toEqual(THRESHOLDS)
            for (const [k, t] of THRESHOLDS.entries()) {
              const at = accumulate(data, t, false)
              const exact =
                BigInt(at.tp) * at15(positive) + BigInt(at.fp) * at15(negative)
              const got = curve[k].netBenefit
              if (!close(got, toNumber(exact))) {
                throw new Error(`k=${k}: curve ${got}, exact ${exact}e-15`)
              }
            }
          }
        )
      )
    })

    it('equals the exact net benefit at each threshold k/100, with per-row costs', () => {
      fc.assert(
        fc.property(rows, probability, (data, threshold) => {
          const curve = netBenefitCurve(accumulate(data, threshold, true))
          expect(curve.map((p) => p.threshold)).toEqual(THRESHOLDS)
          for (const [k, t] of THRESHOLDS.entries()) {
            const exact = at15(accumulate(data, t, true).flaggedBenefit.total())
            expect(exact).toBe(exactNetBenefit(data, t))
            const got = curve[k].netBenefit
            if (!close(got, toNumber(exact))) {
              throw new Error(`k=${k}: curve ${got}, exact ${exact}e-15`)
            }
          }
        })
      )
    })
  })
})

describe('decimal.ts', () => {
  describe('ExactSum', () => {
    type Op =
      | { kind: 'add'; value: Decimal }
      | { kind: 'addTimes'; value: Decimal; count: number }
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        arbitrary: hotDecimal.map((value) => ({ kind: 'add', value }) as Op),
        weight: 6
      },
      {
        arbitrary: fc
          .tuple(hotDecimal, fc.nat({ max: 2_000_000 }))
          .map(([value, count]) => ({ kind: 'addTimes', value, count }) as Op),
        weight: 1
      }
    )

    function apply(sum: ExactSum, ops: readonly Op[]): bigint {
      let exact = 0n
      for (const o of ops) {
        if (o.kind === 'add') {
          sum.add(Number(o.value.mantissa), o.value.scale)
          exact += at15(o.value)
        } else {
          sum.addTimes(o.value, o.count)
          exact += at15(o.value) * BigInt(o.count)
        }
      }
      return exact
    }

    it('equals the BigInt sum of random decimals', () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
          const sum = new ExactSum()
          const exact = apply(sum, ops)
          const total = sum.total()
          expect(total.scale).toBeLessThanOrEqual(MAX_SCALE)
          expect(at15(total)).toBe(exact)
        })
      )
    })

    it('merges two sums into their exact total', () => {
      fc.assert(
        fc.property(
          fc.array(op, { maxLength: 100 }),
          fc.array(op, { maxLength: 100 }),
          (left, right) => {
            const a = new ExactSum()
            const b = new ExactSum()
            const exact = apply(a, left) + apply(b, right)
            a.merge(b)
            expect(at15(a.total())).toBe(exact)
          }
        )
      )
    })

    it('stays exact over many adds at the mantissa limit (the flush path)', () => {
      const sum = new ExactSum()
      let exact = 0n
      for (let i = 0; i < 20_000; i++) {
        const m = i % 7 === 3 ? -MANTISSA_LIMIT : MANTISSA_LIMIT - (i % 5)
        const scale = i % 3 === 0 ? 15 : 2
        sum.add(m, scale)
        exact += BigInt(m) * 10n ** BigInt(MAX_SCALE - scale)
      }
      expect(at15(sum.total())).toBe(exact)
    })
  })

  describe('roundToCents', () => {
    /** Cents of m / 10^s, half away from zero, in BigInt. */
    function referenceCents(value: Decimal): bigint {
      const numerator = value.mantissa * 100n
      const denominator = 10n ** BigInt(value.scale)
      const magnitude = numerator < 0n ? -numerator : numerator
      const cents = (2n * magnitude + denominator) / (2n * denominator)
      return numerator < 0n ? -cents : cents
    }

    const wide: fc.Arbitrary<Decimal> = fc
      .tuple(
        fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }),
        fc.integer({ min: 0, max: MAX_SCALE })
      )
      .map(([mantissa, scale]) => ({ mantissa, scale }))

    /** Exactly half a cent past a whole number of cents. */
    const half: fc.Arbitrary<Decimal> = fc
      .tuple(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 3, max: MAX_SCALE })
      )
      .map(([cents, scale]) => ({
        mantissa:
          (cents * 10n + (cents < 0n ? -5n : 5n)) * 10n ** BigInt(scale - 3),
        scale
      }))

    it('rounds to the BigInt reference, half away from zero', () => {
      fc.assert(
        fc.property(fc.oneof(wide, half), (value) => {
          expect(roundToCents(value)).toEqual({
            mantissa: referenceCents(value),
            scale: 2
          })
        }),
        { numRuns: 1000 }
      )
    })

    it('rounds every exact half cent away from zero', () => {
      fc.assert(
        fc.property(half, (value) => {
          const whole = value.mantissa / 10n ** BigInt(value.scale - 2)
          const rounded = roundToCents(value).mantissa
          expect(rounded).toBe(value.mantissa < 0n ? whole - 1n : whole + 1n)
        })
      )
      expect(roundToCents(parseDecimal('0.005')!).mantissa).toBe(1n)
      expect(roundToCents(parseDecimal('-0.005')!).mantissa).toBe(-1n)
      expect(roundToCents(parseDecimal('2.675')!).mantissa).toBe(268n)
      expect(roundToCents(parseDecimal('-2.675')!).mantissa).toBe(-268n)
      expect(roundToCents(parseDecimal('-0.0049999')!).mantissa).toBe(0n)
    })
  })

  describe('parseDecimalBytes', () => {
    // Blanks as Python's float()/Decimal strip them (str.isspace() but U+001C-U+001F).
    const B =
      '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*'
    const FORM = new RegExp(
      `^${B}([+-]?)(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d+))?${B}$`
    )

    /** The exact value of decimal text under the documented limits, in BigInt. */
    function referenceParse(text: string): Decimal | undefined {
      const match = FORM.exec(text)
      if (!match) return undefined
      const [, sign, whole = '', fraction = '', exponent] = match
      const digits = whole + fraction
      if (digits === '') return undefined
      // More than 15 significant digits (leading and trailing zeros do not count).
      if (digits.replace(/^0+/, '').replace(/0+$/, '').length > 15)
        return undefined
      const power = exponent === undefined ? 0 : Number(exponent)
      if (Math.abs(power) > 999_999) return undefined
      let mantissa = BigInt(digits)
      if (mantissa === 0n) return { mantissa: 0n, scale: 0 }
      let scale = fraction.length - power
      while (scale > 0 && mantissa % 10n === 0n) {
        mantissa /= 10n
        scale--
      }
      if (scale < 0) {
        mantissa *= 10n ** BigInt(-scale)
        scale = 0
      }
      if (scale > MAX_SCALE || mantissa > BigInt(MANTISSA_LIMIT))
        return undefined
      return { mantissa: sign === '-' ? -mantissa : mantissa, scale }
    }

    const digitString = (maxLength: number): fc.Arbitrary<string> =>
      fc.string({
        unit: fc.constantFrom('0', '0', '0', '1', '2', '3', '5', '7', '9'),
        maxLength
      })
    const blank = fc.constantFrom('', '', ' ', '\t', '  ', '\u00a0', '\r\n')
    const decimalText: fc.Arbitrary<string> = fc
      .tuple(
        blank,
        fc.constantFrom('', '', '-', '+'),
        digitString(18),
        fc.option(digitString(18)),
        fc.option(
          fc.tuple(
            fc.constantFrom('e', 'E'),
            fc.constantFrom('', '-', '+'),
            fc.oneof(
              fc.nat({ max: 30 }),
              fc.nat({ max: 450 }),
              fc.constant(999_999),
              fc.constant(1_000_000)
            ),
            fc.constantFrom('', '0', '00')
          )
        ),
        blank
      )
      .map(
        ([lead, sign, whole, fraction, exponent, trail]) =>
          lead +
          sign +
          whole +
          (fraction === null ? '' : `.${fraction}`) +
          (exponent === null
            ? ''
            : `${exponent[0]}${exponent[1]}${exponent[3]}${exponent[2]}`) +
          trail
      )
    const junk = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '',
        '.',
        '-',
        '+',
        'e5',
        '1e',
        '1e+',
        '--1',
        '+-1',
        '1.2.3',
        '1,5',
        '$5',
        'NaN',
        'Infinity',
        '0x10',
        '1_000',
        '1 2',
        '١٢',
        '.e1',
        '5.e-1',
        '0e999',
        '1e-400',
        '1e-401',
        '4503599627370496',
        '4503599627370497',
        '0.000000000000001',
        '0.0000000000000001',
        '123456789012345',
        '1234567890123456',
        '1.000000000000000000',
        '-0',
        '\t12.50 '
      )
    )

    it('agrees with an exact reference on random decimal text', () => {
      const encoder = new TextEncoder()
      fc.assert(
        fc.property(fc.oneof(decimalText, junk), (text) => {
          // Digits on both sides of the range: nothing outside it is read.
          const bytes = encoder.encode(`7${text}8`)
          const out = { mantissa: NaN, scale: NaN }
          const ok = parseDecimalBytes(bytes, 1, bytes.length - 1, out)
          const expected = referenceParse(text)
          const got = ok
            ? { mantissa: BigInt(out.mantissa), scale: out.scale }
            : undefined
          expect({ text, got }).toEqual({ text, got: expected })
          expect({ text, got: parseDecimal(text) }).toEqual({
            text,
            got: expected
          })
        }),
        { numRuns: 3000 }
      )
    })
  })
})
