/**
 * Parses a number from bytes without making a string in the common case
 * (`0.934512`, `-3`, `12.5`): up to 15 significant digits and no exponent
 * give an exact integer divided by an exact power of ten, which IEEE
 * division rounds correctly (Clinger's fast path), so the result equals
 * `Number(text)` and Python's `float(text)`. Anything else takes the slow path.
 * NaN means "not a finite number".
 */

import { POW10 } from '../metrics/decimal.js'

export function parseNumberBytes(
  bytes: Uint8Array,
  start: number,
  end: number
): number {
  // The common case first, kept small enough to inline: `0.934512`, `12`.
  let mantissa = 0
  let i = start
  for (; i < end; i++) {
    const c = bytes[i] - 48
    if (c < 0 || c > 9) break
    mantissa = mantissa * 10 + c
  }
  if (i > start && i - start <= 15) {
    if (i === end) return mantissa
    if (bytes[i] === 46) {
      const point = i
      for (i++; i < end; i++) {
        const c = bytes[i] - 48
        if (c < 0 || c > 9) break
        mantissa = mantissa * 10 + c
      }
      // At most 15 digits in all: an exact integer over an exact power of ten.
      if (i === end && i > point + 1 && i - start - 1 <= 15) {
        return mantissa / POW10[i - point - 1]
      }
    }
  }
  return parseNumberGeneral(bytes, start, end)
}

/** Blanks, signs, leading zeros, long and exponent forms. */
function parseNumberGeneral(
  bytes: Uint8Array,
  start: number,
  end: number
): number {
  while (start < end && (bytes[start] === 32 || bytes[start] === 9)) start++
  while (end > start && (bytes[end - 1] === 32 || bytes[end - 1] === 9)) end--
  if (start === end) return NaN
  let i = start
  let negative = false
  if (bytes[i] === 45) {
    negative = true
    i++
  } else if (bytes[i] === 43) i++
  let mantissa = 0
  let digits = 0
  let fraction = 0
  let seenPoint = false
  let seenDigit = false
  for (; i < end; i++) {
    const c = bytes[i]
    if (c >= 48 && c <= 57) {
      seenDigit = true
      if (mantissa !== 0 || c !== 48) digits++
      mantissa = mantissa * 10 + (c - 48)
      if (seenPoint) fraction++
    } else if (c === 46 && !seenPoint) {
      seenPoint = true
    } else {
      return slowPath(bytes, start, end)
    }
  }
  if (!seenDigit) return NaN
  if (digits > 15 || fraction > 22) return slowPath(bytes, start, end)
  const value = fraction === 0 ? mantissa : mantissa / POW10[fraction]
  return negative ? -value : value
}

const decoder = new TextDecoder()
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

function slowPath(bytes: Uint8Array, start: number, end: number): number {
  const text = decoder.decode(bytes.subarray(start, end))
  if (!NUMBER.test(text)) return NaN
  const value = Number(text)
  return Number.isFinite(value) ? value : NaN
}

/** The same rules for a string: a finite number, or NaN. */
export function parseNumberText(text: string): number {
  const trimmed = text.trim()
  if (!NUMBER.test(trimmed)) return NaN
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : NaN
}
