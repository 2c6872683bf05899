/**
 * How figures are written for people: money as whole dollars with thousands
 * separators (`$79,372`, `-$1,234`), F1 and rates to three decimals, hashes
 * short. Pure functions shared by the renderer and the gate's reasons.
 */

const dollars = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 0,
  minimumFractionDigits: 0
})

/** `$79,372`, `-$1,234`; rounded half away from zero to the dollar. */
export function formatMoney(value: number): string {
  const rounded = Math.sign(value) * Math.round(Math.abs(value))
  const text = `$${dollars.format(Math.abs(rounded))}`
  return rounded < 0 ? `-${text}` : text
}

/** A difference: `+$3,300`, `-$1,234`, `$0`. */
export function formatMoneyDelta(value: number): string {
  const text = formatMoney(value)
  return text === '$0' || text.startsWith('-') ? text : `+${text}`
}

/** `0.912` */
export function formatRatio(value: number): string {
  return value.toFixed(3)
}

/** `+0.012`, `-0.004`, `0.000` */
export function formatRatioDelta(value: number): string {
  const text = value.toFixed(3)
  if (/^-0\.000$/.test(text)) return '0.000'
  return value > 0 && text !== '0.000' ? `+${text}` : text
}

/** `1,234,567` */
export function formatCount(value: number): string {
  return dollars.format(value)
}

/** The first 12 hex digits of a sha256. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 12)
}

/** `97.3%` (one decimal; `>99.9%` and `<0.1%` at the ends, never a false 100%). */
export function formatPercent(value: number): string {
  if (value > 0.999 && value < 1) return '>99.9%'
  if (value < 0.001 && value > 0) return '<0.1%'
  return `${(value * 100).toFixed(1)}%`
}
