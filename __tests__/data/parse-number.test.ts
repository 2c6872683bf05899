import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  numberProblem,
  parseNumberBytes,
  parseNumberText
} from '../../src/data/parse-number.js'
import { decimalProblem, parseDecimal } from '../../src/metrics/decimal.js'

const encoder = new TextEncoder()

/** Reads `text` from the middle of a larger buffer, as the readers do. */
function parse(text: string): number {
  const bytes = encoder.encode(`9,${text},9`)
  return parseNumberBytes(bytes, 2, bytes.length - 2)
}

describe('parse-number.ts', () => {
  it('equals Number() on decimal text of every shape (fast and slow paths)', () => {
    const digits = fc.stringMatching(/^[0-9]{1,20}$/)
    const numeric = fc
      .tuple(
        fc.constantFrom('', '-', '+', ' '),
        digits,
        fc.option(digits),
        fc.option(fc.integer({ min: -30, max: 30 })),
        fc.constantFrom('', ' ')
      )
      .map(
        ([sign, whole, fraction, exponent, tail]) =>
          `${sign}${whole}${fraction === null ? '' : `.${fraction}`}${exponent === null ? '' : `e${exponent}`}${tail}`
      )
    fc.assert(
      fc.property(numeric, (text) => {
        expect(parse(text)).toBe(Number(text))
      }),
      { numRuns: 3000 }
    )
  })

  it('gives NaN for what is not a finite number', () => {
    for (const text of [
      '',
      ' ',
      '.',
      'abc',
      '1.2.3',
      '0x10',
      'NaN',
      'Infinity',
      '1e999',
      '--1',
      '1,5'
    ]) {
      expect(parse(text)).toBeNaN()
      expect(parseNumberText(text)).toBeNaN()
    }
  })

  it('reads the common score shapes on the fast path exactly', () => {
    expect(parse('0.934512')).toBe(0.934512)
    expect(parse('0.1')).toBe(0.1)
    expect(parse('1')).toBe(1)
    expect(parse('0.29')).toBe(0.29)
    expect(parse('123456789012345')).toBe(123456789012345)
    expect(parse('0.000001')).toBe(0.000001)
  })
})

describe('number-syntax.ts: what Python reads as a number is never read otherwise', () => {
  it("strips the blanks Python's float() strips, Unicode ones included", () => {
    for (const blank of [
      ' ',
      '\t',
      '\n',
      '\r',
      '\u000b',
      '\u000c',
      '\u00a0',
      '\u0085',
      '\u2009',
      '\u3000'
    ]) {
      expect(parse(`${blank}0.25${blank}`)).toBe(0.25)
      expect(parseNumberText(`${blank}0.25${blank}`)).toBe(0.25)
    }
    // float() refuses these around a number: so does this (text, not 0.25).
    for (const other of ['\u001c', '\ufeff', '\u200b']) {
      expect(parse(`${other}0.25`)).toBeNaN()
      expect(numberProblem(`${other}0.25`)).toBeUndefined()
    }
  })

  it('reads .5, 5., -0 and 1e308 as float() does', () => {
    expect(parse('.5')).toBe(0.5)
    expect(parse('5.')).toBe(5)
    expect(Object.is(parse('-0'), -0)).toBe(true)
    expect(parse('1e308')).toBe(1e308)
    expect(parse('+1E-3')).toBe(0.001)
  })

  it('names what float() reads but the gate refuses: NaN, infinity, overflow, underscores, non-ASCII digits', () => {
    expect(numberProblem('NaN')).toContain('is not a finite number')
    expect(numberProblem(' -Infinity ')).toContain('is not a finite number')
    expect(numberProblem('inf')).toContain('is not a finite number')
    expect(numberProblem('1e309')).toContain('too large for a 64-bit float')
    expect(numberProblem('1_000')).toContain("uses '_' between digits")
    expect(numberProblem('0.1_5e1_0')).toContain("uses '_' between digits")
    expect(numberProblem('١٢')).toContain('not ASCII 0-9')
    // What float() refuses is text (a label), not an error of syntax.
    for (const text of ['0x10', '1__0', '_1', '1_', 'fraud', '1,5', '.'])
      expect(numberProblem(text)).toBeUndefined()
  })
})

describe('decimal.ts: costs read as Python Decimal reads them', () => {
  it('counts significant digits without trailing zeros, and says the real limit', () => {
    expect(parseDecimal('12.340000000000000000')).toEqual({
      mantissa: 1234n,
      scale: 2
    })
    expect(parseDecimal('0e999')).toEqual({ mantissa: 0n, scale: 0 })
    expect(parseDecimal('1.5e-14')).toEqual({ mantissa: 15n, scale: 15 })
    expect(parseDecimal('4500000000000000')).toEqual({
      mantissa: 4500000000000000n,
      scale: 0
    })
    expect(parseDecimal('\u00a012.5\u00a0')).toEqual({
      mantissa: 125n,
      scale: 1
    })
    expect(parseDecimal('1.5e-16')).toBeUndefined()
    expect(decimalProblem('1.5e-16')).toBe(
      'has 17 digits after the decimal point once written out; a cost may have at most 15'
    )
    expect(decimalProblem('1234567890.1234567')).toBe(
      'has 17 significant digits; a cost may have at most 15'
    )
    expect(decimalProblem('5e15')).toContain(
      'is larger than 4503599627370496 (2^52)'
    )
    expect(decimalProblem('NaN')).toBe('is not a finite number')
    expect(decimalProblem('1_000')).toContain("uses '_' between digits")
    expect(decimalProblem('$5')).toContain('is not a number')
    expect(decimalProblem('1e9999999')).toContain('exponent beyond')
  })
})
