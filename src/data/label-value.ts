/**
 * How label values are compared: as numbers when both sides are numbers
 * (`1` equals `1.0`), otherwise as trimmed text (`fraud`).
 */

import { parseNumberText } from './parse-number.js'

/** A key under which equal labels meet: `n:1` for 1 and 1.0, `t:fraud` for text. */
export function labelKey(text: string): string {
  const number = parseNumberText(text)
  return Number.isNaN(number) ? `t:${text.trim()}` : `n:${number}`
}
