/**
 * Turns one JSON value of a prediction or test-set record into the text the
 * readers hand on: numbers and strings as they are, a `[p0, p1]` probability
 * pair as `[p0,p1]` (which entry is the positive class is the score
 * parser's business: it depends on the test set's labels), null as empty.
 * Anything else is a message for a DataError.
 */

export function jsonValueText(value: unknown): string | { problem: string } {
  if (typeof value === 'number') {
    // JSON.parse has already rounded such an integer to a double, so two
    // labels (or ids) past 2^53 may have become one: stop rather than merge.
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return {
        problem: `holds the integer ${value}, past 2^53, which a JSON number cannot carry exactly here; write it as a string ("...")`
      }
    }
    return String(value)
  }
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return String(value)
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) {
    if (
      value.length === 2 &&
      typeof value[0] === 'number' &&
      typeof value[1] === 'number'
    )
      return `[${value[0]},${value[1]}]`
    return {
      problem: `holds an array of ${value.length} entries; expected a score, a label or a [p0, p1] probability pair`
    }
  }
  return {
    problem: 'holds an object; expected a score, a label or a [p0, p1] pair'
  }
}
