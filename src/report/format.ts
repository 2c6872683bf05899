/**
 * How figures are written for people: money with thousands separators, in
 * whole dollars (`$79,372`, `-$1,234`) or to the cent when the verdict was a
 * close call (`moneyPrecision`), and as plain digits for outputs and tags
 * (`79372.10`); F1 and rates to three decimals, hashes short. Pure
 * functions shared by the renderer, the gate's reasons and the log line.
 */

import {
  compareDecimal,
  decimalFromString,
  decimalToString,
  roundDecimal,
  roundToCents,
  subtractDecimal,
  type Decimal
} from '../metrics/decimal.js'

/** Money in words: whole dollars, or cents (and any finer digit a limit was given with). */
export type MoneyPrecision = 'dollars' | 'cents'

/** The money a gate compares: each figure with the limit it must exceed. */
export interface GateMoney {
  /** The candidate's net benefit… */
  readonly netBenefit: Decimal
  /** …and its floor; undefined when min-net-benefit is off. */
  readonly minNetBenefit?: Decimal
  /** The candidate's net benefit minus the champion's; undefined with no champion… */
  readonly difference?: Decimal
  /** …and the margin it must exceed. */
  readonly minImprovement: Decimal
}

/** A figure this close to its limit is a close call (whole dollars would blur it). */
const CLOSE_CALL: Decimal = { mantissa: 1000n, scale: 0 }

function isWholeDollars(value: Decimal): boolean {
  return value.scale === 0 || value.mantissa % 10n ** BigInt(value.scale) === 0n
}

/**
 * The one rule for how precisely a run's money is written, in the reasons,
 * tables, prose and log line alike: to the cent when whole dollars could hide
 * what decided the verdict, that is when a figure the gate compared lies
 * within $1,000 of its limit (a candidate $0.30 behind the champion reads
 * "$100 vs $100, difference $0" in dollars), or when a limit was given in
 * cents (a margin of $0.50 must not read "$1"); else in whole dollars. One
 * precision for the whole run, so that no figure reads two ways.
 */
export function moneyPrecision(money: GateMoney): MoneyPrecision {
  const comparisons: [Decimal, Decimal][] = []
  if (money.minNetBenefit)
    comparisons.push([money.netBenefit, money.minNetBenefit])
  if (money.difference)
    comparisons.push([money.difference, money.minImprovement])
  const close = comparisons.some(([figure, limit]) => {
    const margin = subtractDecimal(figure, limit)
    const size =
      margin.mantissa < 0n ? { ...margin, mantissa: -margin.mantissa } : margin
    return compareDecimal(size, CLOSE_CALL) < 0
  })
  const limits = money.minNetBenefit
    ? [money.minImprovement, money.minNetBenefit]
    : [money.minImprovement]
  return close || !limits.every(isWholeDollars) ? 'cents' : 'dollars'
}

/**
 * Money as plain digits with two decimals, exact at any size
 * (`98765431209876.40`, `-0.30`): the form of outputs, tags and the
 * report's `*_exact` fields, which tools read back.
 */
export function plainMoney(value: Decimal): string {
  return decimalToString(roundToCents(value))
}

/**
 * An approximate dollar figure (a statistical interval, a chart point) as a
 * decimal of cents, so that it is written like the exact ones.
 */
function fromNumber(value: number): Decimal {
  return { mantissa: BigInt(Math.round(value * 100)), scale: 2 }
}

/** The rounded value the text will show: whole dollars, or at least cents. */
function shown(value: Decimal, precision: MoneyPrecision): Decimal {
  if (precision === 'dollars') return roundDecimal(value, 0)
  let exact = value.scale < 2 ? roundDecimal(value, 2) : value
  // Finer digits stay (a limit of $0.005 is not $0.01); zeros past cents go.
  while (exact.scale > 2 && exact.mantissa % 10n === 0n)
    exact = { mantissa: exact.mantissa / 10n, scale: exact.scale - 1 }
  return exact
}

/**
 * Money for people: a decimal, the exact text the report carries
 * (`"79372.10"`, see `plainMoney`), or an approximate number.
 */
export type Money = Decimal | string | number

function toDecimal(value: Money): Decimal {
  if (typeof value === 'number') return fromNumber(value)
  return typeof value === 'string' ? decimalFromString(value) : value
}

/** `$79,372` or `$79,372.10`, `-$1,234`; dollars round half away from zero. */
export function formatMoney(
  value: Money,
  precision: MoneyPrecision = 'dollars'
): string {
  const amount = shown(toDecimal(value), precision)
  const text = decimalToString(amount).replace(/^-/, '')
  const [whole, fraction] = text.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const money = `$${grouped}${fraction === undefined ? '' : `.${fraction}`}`
  return amount.mantissa < 0n ? `-${money}` : money
}

/** A difference: `+$3,300`, `-$1,234`, `$0`; `+$0.30`, `-$0.30`, `$0.00` to the cent. */
export function formatMoneyDelta(
  value: Money,
  precision: MoneyPrecision = 'dollars'
): string {
  const text = formatMoney(value, precision)
  return text.startsWith('-') || /^\$[0.]*$/.test(text) ? text : `+${text}`
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

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/** `1,234,567` */
export function formatCount(value: number): string {
  return counts.format(value)
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

/** A p-value: `= 0.070`, `= 0.0012`, `< 0.0001`. */
export function formatPValue(value: number): string {
  if (value < 0.0001) return '< 0.0001'
  return `= ${value < 0.01 ? value.toPrecision(2) : value.toFixed(3)}`
}
