/**
 * Turns one JSON value of a prediction or test-set record into the text the
 * readers hand on: numbers and strings as they are, a `[p0, p1]` probability
 * pair as `[p0,p1]` (which entry is the positive class is the score
 * parser's business: it depends on the test set's labels), null as empty.
 * Anything else is a message for a DataError.
 */

export function jsonValueText(value: unknown): string | { problem: string } {
  if (typeof value === 'number') {
    // JSON.parse has already rounded such a number (9007199254740993 reads
    // as ...992): as an id or a label it would silently name another row.
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return {
        problem: `holds an integer beyond 2^53 (read as ${String(value)}), which JSON numbers cannot carry exactly; write it as a string ("...")`
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
