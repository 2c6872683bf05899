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
})
