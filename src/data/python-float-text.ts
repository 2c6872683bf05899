/**
 * A binary float as the text Python's `repr` (and so pandas' `to_csv` and
 * `Decimal(str(x))`) gives it: the shortest digits that read back as the
 * same value, in fixed notation from 1e-4 up to 1e16 (always with a point:
 * `7.0`), scientific outside it (`1e-05`, `1.5e+16`). A Parquet double
 * read through this text means the same row as that row written to CSV by
 * pandas: the same id, the same label, and a cost whose exact value is the
 * one Python's Decimal would sum.
 */

/** Python's `repr(x)` for a double; for a float32 (`single`), numpy's `repr(np.float32(x))` digits. */
export function pythonFloatText(x: number, single = false): string {
  if (Number.isNaN(x)) return 'nan'
  if (x === Infinity) return 'inf'
  if (x === -Infinity) return '-inf'
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  // toExponential() with no argument gives the shortest digits that round
  // trip as a double; a float32 needs the shortest that round trip through
  // Math.fround, found by trying each precision a float32 can need.
  let text = x.toExponential()
  if (single) {
    for (let p = 1; p <= 9; p++) {
      const candidate = x.toExponential(p - 1)
      if (Math.fround(Number(candidate)) === x) {
        text = candidate
        break
      }
    }
  }
  const at = text.indexOf('e')
  const negative = text[0] === '-'
  const digits = text.slice(negative ? 1 : 0, at).replace('.', '')
  const exponent = Number(text.slice(at + 1))
  const sign = negative ? '-' : ''
  if (exponent >= -4 && exponent < 16) {
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
