/**
 * Parses a number from bytes without making a string in the common case
 * (`0.934512`, `-3`, `12.5`): up to 15 significant digits and no exponent
 * give an exact integer divided by an exact power of ten, which IEEE
 * division rounds correctly (Clinger's fast path), so the result equals
 * `Number(text)` and Python's `float(text)`. Anything else takes the slow path.
 * NaN means "not a finite number".
 *
 * The syntax is Python's `float()`, so that a score is never read as a
 * different number than the data scientist's own code reads it: the same
 * blanks around a number (space, tab, line breaks, the non-breaking space
 * and the other Unicode blanks), `.5`, `5.`, `-0`, `1e308`. What `float()`
 * reads but this does not, `numberProblem` names, so the run stops with a
 * clear error instead of taking it for a label: `nan`/`inf` (no score),
 * a number too large for a double (`1e309`, which `float()` makes inf),
 * `1_000` (underscores between digits: `float()` reads 1000, pandas and most
 * tools read text; refused rather than guessed), non-ASCII digits (`١٢`).
 * `0x10` is text to `float()` as here.
 */

import { POW10 } from '../metrics/decimal.js'
import { NUMBER, trimNumberBlanks } from './number-syntax.js'

export { numberProblem } from './number-syntax.js'

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
  // ASCII blanks as float() strips them: space, \t \n \v \f \r (others: slowPath).
  while (start < end && isAsciiBlank(bytes[start])) start++
  while (end > start && isAsciiBlank(bytes[end - 1])) end--
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

function isAsciiBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13)
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
function slowPath(bytes: Uint8Array, start: number, end: number): number {
  return parseNumberText(decoder.decode(bytes.subarray(start, end)))
}

/** The same rules for a string: a finite number, or NaN. */
export function parseNumberText(text: string): number {
  const trimmed = trimNumberBlanks(text)
  if (!NUMBER.test(trimmed)) return NaN
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : NaN
}
