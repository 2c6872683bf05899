import { describe, expect, it } from '@jest/globals'
import { LabelEncoder } from '../../src/data/label-encoder.js'

describe('label-encoder.ts', () => {
  it('keeps its own copy of the spellings it caches (the reader refills its buffer in place)', () => {
    const encoder = new LabelEncoder('1', 'test.csv', 'label')
    const buffer = Buffer.from('1,0')
    expect(encoder.encode(buffer, 0, 1, 2)).toBe(1)
    expect(encoder.encode(buffer, 2, 3, 3)).toBe(0)
    // The reader reuses its buffer: the bytes that held "1" now hold "0".
    buffer.write('0,1')
    expect(encoder.encode(buffer, 0, 1, 4)).toBe(0)
    expect(encoder.encode(buffer, 2, 3, 5)).toBe(1)
    expect(encoder.positives).toBe(2)
  })

  it('compares numbers as numbers and text as text', () => {
    const encoder = new LabelEncoder('1', 'test.csv', 'label')
    const bytes = Buffer.from('1.0 1 0.00')
    expect(encoder.encode(bytes, 0, 3, 2)).toBe(1)
    expect(encoder.encode(bytes, 4, 5, 3)).toBe(1)
    expect(encoder.encode(bytes, 6, 10, 4)).toBe(0)
    expect(encoder.values.size).toBe(2)
  })

  it('keeps labels past 2^53 apart: 9007199254740993 and 9007199254740992 are two classes', () => {
    const encoder = new LabelEncoder('9007199254740993', 'test.csv', 'label')
    const bytes = Buffer.from(
      '9007199254740993 9007199254740992 9007199254740994'
    )
    expect(encoder.encode(bytes, 0, 16, 2)).toBe(1)
    expect(encoder.encode(bytes, 17, 33, 3)).toBe(0)
    expect(encoder.positives).toBe(1)
    expect(encoder.values.size).toBe(2)
    // A third id a double would also merge with the first is a third class.
    expect(() => encoder.encode(bytes, 34, 50, 4)).toThrow(
      "test.csv:4: a third value '9007199254740994' in label column 'label'"
    )
  })

  it("knows the positive label's place in scikit-learn's order of the two labels", () => {
    const place = (positive: string, labels: string[]): number | undefined => {
      const encoder = new LabelEncoder(positive, 'test.csv', 'label')
      for (const [k, label] of labels.entries()) {
        const bytes = Buffer.from(label)
        encoder.encode(bytes, 0, bytes.length, k + 2)
      }
      return encoder.positiveIndex()
    }
    expect(place('fraud', ['legit', 'fraud'])).toBe(0)
    expect(place('legit', ['legit', 'fraud'])).toBe(1)
    expect(place('1', ['0', '1'])).toBe(1)
    expect(place('0', ['0', '1'])).toBe(0)
    expect(place('10', ['9', '10'])).toBe(1)
    expect(place('-1', ['1', '-1'])).toBe(0)
    expect(place('1.0', ['1', '0'])).toBe(1)
    expect(place('1', ['1', '1.0'])).toBeUndefined()
  })
})
