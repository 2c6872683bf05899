/**
 * A double's exact decimal as Python's `repr` (and pandas' `to_csv`) writes
 * it, as a mantissa and scale, without writing the text: for a cost column
 * stored as a Parquet DOUBLE, whose value is summed at the exact value of
 * its repr (see `python-float-text.ts`). Writing the text and parsing it
 * back took a quarter of the main thread's time on two million amounts.
 */

import type { ScaledNumber } from '../metrics/decimal.js'

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k)

/**
 * Writes into `out` the decimal with the fewest digits that reads back as
 * `value` (the repr's digits: both are the shortest that round-trip), when
 * that decimal has at most 15 digits and 15 decimals and is the only one of
 * its length that round-trips; otherwise returns false, and the caller
 * parses the repr's text as before (NaN, infinities, 1e15 and beyond, and
 * the rare value with two shortest candidates, where repr picks the nearer).
 */
export function shortestDecimal(value: number, out: ScaledNumber): boolean {
  if (value === 0) {
    // '0.0' and '-0.0' both parse to zero.
    out.mantissa = 0
    out.scale = 0
    return true
  }
  const size = Math.abs(value)
  if (!(size < 1e15)) return false
  for (let scale = 0; scale < POW10.length; scale++) {
    const power = POW10[scale]
    // The product is rounded, so the nearest integer is within one of it.
    // m / 10^scale, both exact, rounds correctly: it is what parsing the
    // text "m e-scale" gives.
    const guess = Math.round(size * power)
    if (guess + 1 >= 1e15) return false
    let found = -1
    let count = 0
    for (let m = Math.max(guess - 1, 0); m <= guess + 1; m++) {
      if (m / power === size) {
        found = m
        count++
      }
    }
    if (count === 0) continue
    if (
      count > 1 ||
      (found > 0 && (found - 1) / power === size) ||
      (found + 1) / power === size
    )
      return false
    out.mantissa = value < 0 ? -found : found
    out.scale = scale
    return true
  }
  return false
}
