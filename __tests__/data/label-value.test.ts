import { describe, expect, it } from '@jest/globals'
import {
  compareLabels,
  labelKey,
  SpellingCache
} from '../../src/data/label-value.js'

describe('label-value.ts', () => {
  it('keeps integers past 2^53 apart that a double merges', () => {
    expect(Number('9007199254740993')).toBe(Number('9007199254740992'))
    expect(labelKey('9007199254740993')).not.toBe(labelKey('9007199254740992'))
    expect(labelKey('-9007199254740993')).not.toBe(
      labelKey('-9007199254740992')
    )
    expect(labelKey('12345678901234567890123')).not.toBe(
      labelKey('12345678901234567890124')
    )
    // Decimals too: these two are one double.
    expect(labelKey('0.10000000000000000001')).not.toBe(labelKey('0.1'))
  })

  it('treats spellings of one decimal as one value: 1, 1.0, +1, 01, 1e0, 10e-1', () => {
    const one = labelKey('1')
    for (const text of ['1.0', '+1', '01', '1e0', '10e-1', ' 1.000 ', '0.1E1'])
      expect(labelKey(text)).toBe(one)
    expect(labelKey('0')).toBe(labelKey('-0'))
    expect(labelKey('0')).toBe(labelKey('0.000'))
    expect(labelKey('9007199254740993')).toBe(labelKey('9007199254740993.0'))
    expect(labelKey('-1')).not.toBe(one)
    expect(labelKey('fraud')).toBe(labelKey(' fraud '))
    expect(labelKey('fraud')).not.toBe(labelKey('Fraud'))
    // Text that merely looks numeric stays text.
    expect(labelKey('1,0')).not.toBe(one)
    expect(labelKey('Infinity')).toBe('t:Infinity')
  })

  it('orders labels as scikit-learn orders classes_: numbers numerically, else as text by code point', () => {
    const sorted = (a: string, b: string): string[] =>
      compareLabels(a, b) < 0 ? [a, b] : [b, a]
    expect(sorted('legit', 'fraud')).toEqual(['fraud', 'legit'])
    expect(sorted('1', '0')).toEqual(['0', '1'])
    // Numerically 9 < 10, though '10' < '9' as text.
    expect(sorted('10', '9')).toEqual(['9', '10'])
    expect(sorted('1', '-1')).toEqual(['-1', '1'])
    expect(sorted('-2', '-10')).toEqual(['-10', '-2'])
    expect(sorted('0.5', '0.25')).toEqual(['0.25', '0.5'])
    expect(sorted('1e3', '999')).toEqual(['999', '1e3'])
    expect(sorted('9007199254740993', '9007199254740992')).toEqual([
      '9007199254740992',
      '9007199254740993'
    ])
    // A number and text: pandas reads the column as text (object dtype).
    expect(sorted('yes', '1')).toEqual(['1', 'yes'])
    expect(sorted('b', 'B')).toEqual(['B', 'b'])
    // Code points, as Python compares str: U+1F600 sorts after U+FF5E,
    // though its first UTF-16 unit (0xD83D) is smaller.
    expect(sorted('\u{1F600}', '\uFF5E')).toEqual(['\uFF5E', '\u{1F600}'])
    expect(compareLabels('1', '1.0')).toBe(0)
  })

  it('caches copies of the spellings it is given', () => {
    const cache = new SpellingCache(2)
    const buffer = Buffer.from('ab,cd')
    cache.add(buffer, 0, 2, 7)
    buffer.write('xx')
    expect(cache.find(Buffer.from('ab'), 0, 2)).toBe(7)
    expect(cache.find(buffer, 0, 2)).toBe(-1)
    cache.add(buffer, 3, 5, 1)
    cache.add(buffer, 0, 2, 2)
    expect(cache.find(buffer, 0, 2)).toBe(-1)
  })
})
