/**
 * The syntax of a number in a data file, shared by the exact cost parser
 * (`parseDecimalBytes` in `metrics/decimal.ts`, the one byte scanner of it)
 * and the score parser (`parse-number.ts`, which takes its double from that
 * scanner past a 15-digit fast path that `npm run bench:numbers` shows pays): the
 * syntax of Python's `float()` and `Decimal()`, minus what the gate refuses
 * on purpose. A value is never read as a different number than Python reads
 * it; where Python reads a number and the gate does not, `numberProblem`
 * says why, and the run stops (see README, "Numbers in data files").
 */

/** Plain decimal syntax: `-12.5`, `.5`, `5.`, `1e-3` (after the blanks are trimmed). */
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * The blanks Python's `float()` strips around a number: `str.isspace()`
 * characters except U+001C–U+001F (which `float()` refuses). JavaScript's
 * `trim()` differs (it strips U+FEFF, keeps U+0085), so it is not used.
 */
const BLANKS =
  '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const LEADING_BLANKS = new RegExp(`^[${BLANKS}]+`)
const TRAILING_BLANKS = new RegExp(`[${BLANKS}]+$`)

/** Text without the blanks `float()` and `Decimal()` strip around a number. */
export function trimNumberBlanks(text: string): string {
  return text.replace(LEADING_BLANKS, '').replace(TRAILING_BLANKS, '')
}

export const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i
// Python's grammar for digits: single underscores between digits allowed.
const DIGITS = '\\d(?:_?\\d)*'
export const UNDERSCORED = new RegExp(
  `^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`
)
export const NON_ASCII = /[^\p{ASCII}]/u

/**
 * Why text that Python's `float()` (or `Decimal`) would read as a number is
 * not one here; undefined when it is one here too, or when Python would
 * refuse it as well (then it is text, e.g. a label).
 */
export function numberProblem(text: string): string | undefined {
  const trimmed = trimNumberBlanks(text)
  if (NOT_FINITE.test(trimmed))
    return 'is not a finite number (Python reads it as NaN or infinity)'
  if (NUMBER.test(trimmed))
    return Number.isFinite(Number(trimmed))
      ? undefined
      : 'is too large for a 64-bit float (Python reads it as infinity)'
  if (UNDERSCORED.test(trimmed))
    return "uses '_' between digits; Python's float() reads it as a number but pandas and most tools read text: write the number without '_'"
  if (NON_ASCII.test(trimmed)) {
    const ascii = trimmed.replace(/\p{Nd}/gu, '0')
    if (NUMBER.test(ascii) || UNDERSCORED.test(ascii))
      return 'has digits that are not ASCII 0-9; write the number with ASCII digits'
  }
  return undefined
}
