/**
 * The net-benefit formula's one home: the benefit of flagging a row per
 * class and per row, and a model's net benefit from what the pass gathered,
 * checked against the formula written out with BigInt on random costs.
 */

import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  ExactSum,
  MANTISSA_LIMIT,
  decimalToString,
  parseDecimal,
  type Decimal
} from '../../src/metrics/decimal.js'
import {
  classBenefit,
  constantBenefits,
  netBenefitInCents,
  rowBenefit,
  type CostModel,
  type CostSpec
} from '../../src/metrics/net-benefit.js'

const constant = (text: string): CostSpec => ({
  kind: 'constant',
  value: parseDecimal(text)!,
  text
})
const column = (name: string): CostSpec => ({ kind: 'column', column: name })

/** A cost as the hot loop holds it, from text. */
function scaled(text: string): { mantissa: number; scale: number } {
  const value = parseDecimal(text)!
  return { mantissa: Number(value.mantissa), scale: value.scale }
}

/** `mantissa / 10^scale` at 15 decimals, exactly, for comparing with BigInt. */
function atScale15(value: Decimal): bigint {
  return value.mantissa * 10n ** BigInt(15 - value.scale)
}

/** Rounds a 15-decimal BigInt to cents, half away from zero. */
function centsOf(total: bigint): bigint {
  const unit = 10n ** 13n
  const magnitude = total < 0n ? -total : total
  const cents = magnitude / unit + ((magnitude % unit) * 2n >= unit ? 1n : 0n)
  return total < 0n ? -cents : cents
}

/** Money with up to four decimals, small enough for the hot loop. */
const money = fc
  .tuple(
    fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
    fc.integer({ min: 0, max: 4 })
  )
  .map(([mantissa, scale]) =>
    decimalToString({ mantissa: BigInt(mantissa), scale })
  )

describe('net-benefit.ts', () => {
  it('makes the benefit of flagging a positive cost FN − cost TP, and of a negative cost TN − cost FP', () => {
    const costs: CostModel = {
      truePositive: constant('5'),
      falsePositive: constant('7.25'),
      falseNegative: constant('100.10'),
      trueNegative: constant('1')
    }
    expect(decimalToString(classBenefit(costs, 'positive')!)).toBe('95.1')
    expect(decimalToString(classBenefit(costs, 'negative')!)).toBe('-6.25')
    const both = constantBenefits(costs)!
    expect(decimalToString(both.positive)).toBe('95.1')
    expect(decimalToString(both.negative)).toBe('-6.25')
  })

  it('has no constant benefit for a class when one of its costs is a column', () => {
    const costs: CostModel = {
      truePositive: constant('5'),
      falsePositive: constant('5'),
      falseNegative: column('amount'),
      trueNegative: constant('0')
    }
    expect(classBenefit(costs, 'positive')).toBeUndefined()
    expect(decimalToString(classBenefit(costs, 'negative')!)).toBe('-5')
    expect(constantBenefits(costs)).toBeUndefined()
  })

  it('writes a row benefit exactly at the larger scale of its two costs', () => {
    const out = { mantissa: 0, scale: 0 }
    expect(rowBenefit(scaled('12.345'), scaled('5'), out)).toBe(true)
    expect(out).toEqual({ mantissa: 7345, scale: 3 })
    expect(rowBenefit(scaled('0'), scaled('0.1'), out)).toBe(true)
    expect(out).toEqual({ mantissa: -1, scale: 1 })
  })

  it('refuses a row benefit past the 2^52 mantissa the exact sum holds', () => {
    const out = { mantissa: 0, scale: 0 }
    const big = { mantissa: MANTISSA_LIMIT, scale: 0 }
    expect(rowBenefit(big, { mantissa: 0, scale: 0 }, out)).toBe(true)
    expect(rowBenefit(big, { mantissa: -1, scale: 0 }, out)).toBe(false)
  })

  it('gives the formula to the cent, with constant costs and per row alike', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            positive: fc.boolean(),
            flagged: fc.boolean(),
            amount: money
          }),
          { maxLength: 60 }
        ),
        money,
        money,
        money,
        (rows, tp, fp, tn) => {
          // The formula written out: Σ over TP of (FN − TP) + Σ over FP of (TN − FP).
          let expected = 0n
          const perRow = new ExactSum()
          const out = { mantissa: 0, scale: 0 }
          let tpCount = 0
          let fpCount = 0
          for (const row of rows) {
            if (!row.flagged) continue
            const [missed, flaggedCost] = row.positive
              ? [row.amount, tp]
              : [tn, fp]
            expected +=
              atScale15(parseDecimal(missed)!) -
              atScale15(parseDecimal(flaggedCost)!)
            expect(rowBenefit(scaled(missed), scaled(flaggedCost), out)).toBe(
              true
            )
            perRow.add(out.mantissa, out.scale)
            if (row.positive) tpCount++
            else fpCount++
          }
          const cents = centsOf(expected)
          const fromRows = netBenefitInCents(
            { tp: tpCount, fp: fpCount, flaggedBenefit: perRow },
            undefined
          )
          expect(fromRows).toEqual({ mantissa: cents, scale: 2 })

          // With one amount for every positive, the constant path must agree.
          const amount = rows[0]?.amount ?? '0'
          let constantExpected = 0n
          for (const row of rows) {
            if (!row.flagged) continue
            constantExpected += row.positive
              ? atScale15(parseDecimal(amount)!) - atScale15(parseDecimal(tp)!)
              : atScale15(parseDecimal(tn)!) - atScale15(parseDecimal(fp)!)
          }
          const benefits = constantBenefits({
            truePositive: constant(tp),
            falsePositive: constant(fp),
            falseNegative: constant(amount),
            trueNegative: constant(tn)
          })!
          expect(
            netBenefitInCents(
              { tp: tpCount, fp: fpCount, flaggedBenefit: new ExactSum() },
              benefits
            )
          ).toEqual({ mantissa: centsOf(constantExpected), scale: 2 })
        }
      ),
      { numRuns: 300 }
    )
  })
})
