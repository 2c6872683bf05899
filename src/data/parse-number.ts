/**
 * Parses a number from bytes without making a string in the common case
 * (`0.934512`, `-3`, `12.5`): up to 15 significant digits and no exponent
 * give an exact integer divided by an exact power of ten, which IEEE
 * division rounds correctly (Clinger's fast path), so the result equals
 * `Number(text)` and Python's `float(text)`. Blanks, signs and exponents go
 * through the exact-decimal scanner of `metrics/decimal.ts` (one scanner, two
 * readings: the exact decimal for costs, its double here); what neither reads
 * takes the slow path. NaN means "not a finite number".
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

import {
  POW10,
  parseDecimalBytes,
  type ScaledNumber
} from '../metrics/decimal.js'
import { NUMBER, trimNumberBlanks } from './number-syntax.js'

export { numberProblem } from './number-syntax.js'

/**
 * A score as a double. The fast path below is a second, tiny scanner kept on
 * purpose: `npm run bench:numbers` reads `0.934512` in 15 ns through it and
 * in 40 ns through the exact-decimal scanner (Node 20 and 24: 2.2-2.7x, for
 * whole numbers and cents alike), and a score is parsed for every row of
 * both models.
 */
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

/**
 * Blanks, signs, leading zeros, exponents: the exact-decimal scanner
 * (`parseDecimalBytes`, the one general scanner of this syntax) gives
 * `mantissa / 10^scale` with a mantissa below 2^53 and a scale of at most 15,
 * which one IEEE division rounds correctly, as on the fast path. What it
 * refuses (more than 15 significant digits, a huge exponent, text) and zero
 * (whose sign the decimal drops and `float()` keeps) take the slow path.
 */
const scaled: ScaledNumber = { mantissa: 0, scale: 0 }
function parseNumberGeneral(
  bytes: Uint8Array,
  start: number,
  end: number
): number {
  if (!parseDecimalBytes(bytes, start, end, scaled) || scaled.mantissa === 0)
    return slowPath(bytes, start, end)
  return scaled.mantissa / POW10[scaled.scale]
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
