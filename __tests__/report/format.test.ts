import { describe, expect, it } from '@jest/globals'
import {
  compareDecimal,
  decimalFromString,
  decimalToString,
  parseDecimal
} from '../../src/metrics/decimal.js'
import {
  formatMoney,
  formatMoneyDelta,
  moneyPrecision,
  plainMoney
} from '../../src/report/format.js'

const $ = (text: string) => decimalFromString(text)

describe('format.ts', () => {
  describe('plainMoney', () => {
    it('writes plain digits with two decimals, exact past 2^53 cents', () => {
      // As a double this sum prints 98765431209876.41.
      expect(Number('98765431209876.40').toFixed(2)).toBe('98765431209876.41')
      expect(plainMoney($('98765431209876.40'))).toBe('98765431209876.40')
      expect(plainMoney($('79372.1'))).toBe('79372.10')
      expect(plainMoney($('-0.3'))).toBe('-0.30')
      expect(plainMoney($('0'))).toBe('0.00')
      expect(plainMoney($('2.675'))).toBe('2.68')
      expect(plainMoney($('-2.675'))).toBe('-2.68')
    })
  })

  describe('formatMoney', () => {
    it('writes whole dollars with separators, rounded half away from zero', () => {
      expect(formatMoney($('79372.10'))).toBe('$79,372')
      expect(formatMoney($('-1234.50'))).toBe('-$1,235')
      expect(formatMoney($('999.49'))).toBe('$999')
      expect(formatMoney($('-0.30'))).toBe('$0')
      expect(formatMoney($('98765431209876.40'))).toBe('$98,765,431,209,876')
    })

    it('writes cents, and any finer digit a limit was given with', () => {
      expect(formatMoney($('98765431209876.40'), 'cents')).toBe(
        '$98,765,431,209,876.40'
      )
      expect(formatMoney($('100'), 'cents')).toBe('$100.00')
      expect(formatMoney($('-0.3'), 'cents')).toBe('-$0.30')
      expect(formatMoney($('0.005'), 'cents')).toBe('$0.005')
      expect(formatMoney($('1.500'), 'cents')).toBe('$1.50')
    })

    it('writes approximate figures (numbers) the same way', () => {
      expect(formatMoney(-1512.4)).toBe('-$1,512')
      expect(formatMoney(277.3, 'cents')).toBe('$277.30')
    })
  })

  describe('formatMoneyDelta', () => {
    it('signs a difference, and leaves zero unsigned', () => {
      expect(formatMoneyDelta($('3300'))).toBe('+$3,300')
      expect(formatMoneyDelta($('-1234'))).toBe('-$1,234')
      expect(formatMoneyDelta($('-0.30'))).toBe('$0')
      expect(formatMoneyDelta($('-0.30'), 'cents')).toBe('-$0.30')
      expect(formatMoneyDelta($('0.30'), 'cents')).toBe('+$0.30')
      expect(formatMoneyDelta($('0'), 'cents')).toBe('$0.00')
    })
  })

  describe('moneyPrecision', () => {
    const far = {
      netBenefit: $('79372.10'),
      minNetBenefit: $('40000'),
      difference: $('3300.10'),
      minImprovement: $('0')
    }

    it('keeps whole dollars when every figure is $1,000 or more from its limit', () => {
      expect(moneyPrecision(far)).toBe('dollars')
      expect(moneyPrecision({ ...far, difference: $('1000') })).toBe('dollars')
      expect(moneyPrecision({ ...far, difference: $('-1000') })).toBe('dollars')
    })

    it('shows cents when a difference is within $1,000 of min-improvement', () => {
      expect(moneyPrecision({ ...far, difference: $('999.99') })).toBe('cents')
      expect(moneyPrecision({ ...far, difference: $('-0.30') })).toBe('cents')
      expect(
        moneyPrecision({
          ...far,
          difference: $('5000'),
          minImprovement: $('5999.99')
        })
      ).toBe('cents')
    })

    it('shows cents when net benefit is within $1,000 of its floor', () => {
      expect(moneyPrecision({ ...far, netBenefit: $('39999.70') })).toBe(
        'cents'
      )
      expect(moneyPrecision({ ...far, netBenefit: $('40999.99') })).toBe(
        'cents'
      )
    })

    it('ignores a floor that is off and a champion that is absent', () => {
      expect(
        moneyPrecision({
          netBenefit: $('5'),
          minImprovement: $('0')
        })
      ).toBe('dollars')
    })

    it('shows cents when a limit was given in cents', () => {
      expect(moneyPrecision({ ...far, minImprovement: $('0.5') })).toBe('cents')
      expect(moneyPrecision({ ...far, minNetBenefit: $('100.25') })).toBe(
        'cents'
      )
    })
  })

  describe('decimalFromString', () => {
    it('reads back what decimalToString wrote, at any size', () => {
      for (const text of [
        '98765431209876.40',
        '-0.30',
        '0',
        '123456789012345678901234567890.123'
      ]) {
        expect(decimalToString($(text))).toBe(text)
      }
      expect(compareDecimal($('79372.10'), parseDecimal('79372.1')!)).toBe(0)
    })

    it('refuses anything else', () => {
      for (const text of ['', '1e3', ' 1', '1.', '.5', '+1', '1,000'])
        expect(() => $(text)).toThrow('not an exact decimal')
    })
  })
})
