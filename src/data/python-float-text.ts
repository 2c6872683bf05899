/**
 * A binary float as the text Python's `repr` (and so pandas' `to_csv` and
 * `Decimal(str(x))`) gives it (a float32 as numpy's `str` gives it): the shortest digits that read back as the
 * same value, in fixed notation from 1e-4 up to 1e16 (always with a point:
 * `7.0`), scientific outside it (`1e-05`, `1.5e+16`). A Parquet double
 * read through this text means the same row as that row written to CSV by
 * pandas: the same id, the same label, and a cost whose exact value is the
 * one Python's Decimal would sum.
 */

/** Python's `repr(x)` for a double; for a float32 (`single`), numpy's `str(np.float32(x))`. */
export function pythonFloatText(x: number, single = false): string {
  if (Number.isNaN(x)) return 'nan'
  if (x === Infinity) return 'inf'
  if (x === -Infinity) return '-inf'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  if (!single) {
    // The common case, fast: JavaScript's own shortest digits are Python's,
    // and from 1e-4 up to 1e16 both write them in fixed notation (only
    // Python adds `.0` to a whole number).
    const absolute = x < 0 ? -x : x
    if (absolute >= 1e-4 && absolute < 1e16) {
      const text = String(x)
      if (!text.includes('e')) return text.includes('.') ? text : `${text}.0`
    }
  }
  // toExponential() with no argument gives the shortest digits that round
  // trip as a double; a float32 needs the shortest that round trip through
  // Math.fround, found by trying each precision a float32 can need.
  let text = x.toExponential()
  if (single) {
    for (let p = 1; p <= 9; p++) {
      const candidate = x.toExponential(p - 1)
      if (Math.fround(Number(candidate)) === x) {
        text = halfEven(x, p, candidate)
        break
      }
    }
  }
  const at = text.indexOf('e')
  const negative = text[0] === '-'
  const digits = text.slice(negative ? 1 : 0, at).replace('.', '')
  const exponent = Number(text.slice(at + 1))
  const sign = negative ? '-' : ''
  // Python picks the notation by the exponent of the shortest digits;
  // numpy, for a float32, by the value itself, positional from 1e-4 up to
  // 1e6 (`np.float32(1e6)` is `1e+06`, and float32(1e-4), just below
  // 1e-4, is `1e-04`).
  const absolute = Math.abs(x)
  const positional = single
    ? absolute >= 1e-4 && absolute < 1e6
    : exponent >= -4 && exponent < 16
  if (positional) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
    const fraction = digits.slice(exponent + 1)
    return `${sign}${whole}.${fraction === '' ? '0' : fraction}`
  }
  const mantissa =
    digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
  const power = String(Math.abs(exponent)).padStart(2, '0')
  return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${power}`
}

/**
 * toExponential breaks a tie away from zero, numpy's Dragon4 to even: when
 * x lies exactly halfway at `p` digits and the rounded last digit is odd,
 * the digits cut at `p` are numpy's.
 */
function halfEven(x: number, p: number, rounded: string): string {
  const exact = x.toExponential(Math.min(100, p + 30))
  const at = exact.indexOf('e')
  const negative = exact[0] === '-'
  const digits = exact.slice(negative ? 1 : 0, at).replace('.', '')
  const roundedDigits = rounded.slice(negative ? 1 : 0, rounded.indexOf('e'))
  const last = Number(roundedDigits[roundedDigits.length - 1])
  if (!/^50*$/.test(digits.slice(p)) || last % 2 === 0) return rounded
  const cut = digits.slice(0, p)
  const mantissa = cut.length > 1 ? `${cut[0]}.${cut.slice(1)}` : cut
  const candidate = `${negative ? '-' : ''}${mantissa}${exact.slice(at)}`
  return Math.fround(Number(candidate)) === x ? candidate : rounded
}
