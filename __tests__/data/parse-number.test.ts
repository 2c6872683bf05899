import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  parseNumberBytes,
  parseNumberText
} from '../../src/data/parse-number.js'

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
