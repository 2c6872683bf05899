/**
 * Exact decimal money arithmetic for net benefit.
 *
 * Costs arrive as decimal text ("123.45", a column of amounts). Summing them
 * as binary floats drifts; summing them as integers at their own scale does
 * not. A value is `mantissa / 10^scale` with an integer mantissa kept below
 * 2^53, so every add in the hot loop is an exact float add; the few sums that
 * grow large are moved into a bigint.
 */

import {
  NON_ASCII,
  NOT_FINITE,
  UNDERSCORED,
  trimNumberBlanks
} from '../data/number-syntax.js'

/** A decimal value: `mantissa / 10 ** scale`, exactly. */
export interface Decimal {
  readonly mantissa: bigint
  readonly scale: number
}

/**
 * A decimal as the hot loop holds it, `mantissa / 10^scale` in plain
 * numbers (|mantissa| at most 2^52), written in place to allocate nothing.
 */
export interface ScaledNumber {
  mantissa: number
  scale: number
}

/** The largest scale (digits after the point) a value may carry. */
export const MAX_SCALE = 15

/** Powers of ten that are exact doubles (10^0 … 10^22). */
export const POW10: readonly number[] = Array.from(
  { length: 23 },
  (_, k) => 10 ** k
)

/** The largest mantissa a single value may have in the hot loop (2^52). */
export const MANTISSA_LIMIT = 2 ** 52
const SAFE = Number.MAX_SAFE_INTEGER
/** Room kept below 2^53 so that adding one more mantissa is still exact. */
const FLUSH_AT = SAFE - MANTISSA_LIMIT

/** The largest exponent written in a cost that is read (`0e999999` is 0; `1e9999999` is refused). */
const MAX_EXPONENT = 999_999

function isAsciiBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13)
}

/**
 * Parses decimal text such as `-12.50`, `3`, `1e3`, `0.000125` into an exact
 * mantissa and scale, reading what Python's `Decimal` reads. Writes into
 * `out` (to keep the hot loop allocation free) and returns false when the
 * text is not a finite decimal number or is outside what the hot loop holds
 * exactly: at most 15 significant digits (trailing zeros are not
 * significant: `12.340000000000000000` has 4), at most 15 digits after the
 * point once those zeros are dropped (`1.5e-16` needs 17), and at most 2^52
 * at that scale. `decimalProblem` says which, for the message.
 */
export function parseDecimalBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: ScaledNumber
): boolean {
  while (start < end && isAsciiBlank(bytes[start])) start++
  while (end > start && isAsciiBlank(bytes[end - 1])) end--
  if (start === end) return false
  let i = start
  let negative = false
  const first = bytes[i]
  if (first === 45 || first === 43) {
    negative = first === 45
    i++
  }
  // The significant digits so far, without zeros after the last non-zero
  // digit (`zeros` of them, added only when another non-zero digit follows).
  let mantissa = 0
  let digits = 0
  let zeros = 0
  let fraction = 0
  let seenDigit = false
  let seenPoint = false
  for (; i < end; i++) {
    const c = bytes[i]
    if (c >= 48 && c <= 57) {
      seenDigit = true
      if (seenPoint) fraction++
      if (c === 48) {
        if (digits > 0) zeros++
        continue
      }
      digits += zeros + 1
      if (digits > 15) return notAscii(bytes, start, end, out)
      mantissa = mantissa * POW10[zeros + 1] + (c - 48)
      zeros = 0
    } else if (c === 46 && !seenPoint) {
      seenPoint = true
    } else break
  }
  if (!seenDigit) return notAscii(bytes, start, end, out)
  let exponent = 0
  if (i < end) {
    const e = bytes[i]
    if (e !== 101 && e !== 69) return notAscii(bytes, start, end, out)
    i++
    let expNegative = false
    if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
      expNegative = bytes[i] === 45
      i++
    }
    if (i === end) return false
    for (; i < end; i++) {
      const c = bytes[i]
      if (c < 48 || c > 57) return notAscii(bytes, start, end, out)
      exponent = exponent * 10 + (c - 48)
      if (exponent > MAX_EXPONENT) return false
    }
    if (expNegative) exponent = -exponent
  }
  if (mantissa === 0) {
    // Zero, whatever its sign or exponent (Python: Decimal('-0') == 0).
    out.mantissa = 0
    out.scale = 0
    return true
  }
  let scale = fraction - zeros - exponent
  if (scale > MAX_SCALE) return false
  if (scale < 0) {
    if (digits - scale > 16) return false
    mantissa *= POW10[-scale]
    scale = 0
  }
  if (mantissa > MANTISSA_LIMIT) return false
  out.mantissa = negative ? -mantissa : mantissa
  out.scale = scale
  return true
}

const bytesDecoder = new TextDecoder('utf-8', { ignoreBOM: true })
const textEncoder = new TextEncoder()

/**
 * The rare case of a non-ASCII byte: Unicode blanks around the number (a
 * non-breaking space from a spreadsheet) are stripped as Python strips them;
 * anything else non-ASCII is no number here.
 */
function notAscii(
  bytes: Uint8Array,
  start: number,
  end: number,
  out: ScaledNumber
): boolean {
  let ascii = true
  for (let i = start; i < end; i++) if (bytes[i] > 127) ascii = false
  if (ascii) return false
  const trimmed = trimNumberBlanks(
    bytesDecoder.decode(bytes.subarray(start, end))
  )
  if (NON_ASCII.test(trimmed)) return false
  const plain = textEncoder.encode(trimmed)
  return parseDecimalBytes(plain, 0, plain.length, out)
}

/** Parses decimal text exactly; undefined when it is not one (see `decimalProblem`). */
export function parseDecimal(text: string): Decimal | undefined {
  const bytes = textEncoder.encode(text)
  const out = { mantissa: 0, scale: 0 }
  if (!parseDecimalBytes(bytes, 0, bytes.length, out)) return undefined
  return { mantissa: BigInt(out.mantissa), scale: out.scale }
}

/** U+001C-U+001F: blanks to Python's Decimal, not to float(); refused here. */
function isSeparatorControl(c: number): boolean {
  return c >= 0x1c && c <= 0x1f
}

const DECIMAL_PARTS = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/**
 * Why `parseDecimal` refuses this text, in words for an error message
 * ("has 17 significant digits; …"). Call it only for refused text.
 */
export function decimalProblem(text: string): string {
  const trimmed = trimNumberBlanks(text)
  if (trimmed === '') return 'is empty'
  if (NOT_FINITE.test(trimmed)) return 'is not a finite number'
  if (trimmed.includes('_') && UNDERSCORED.test(trimmed.replace(/_+/g, '_')))
    return "uses '_' between digits; write the number without '_'"
  if (NON_ASCII.test(trimmed)) {
    const ascii = trimmed.replace(/\p{Nd}/gu, '0')
    return DECIMAL_PARTS.test(ascii) && /\d/.test(ascii)
      ? 'has digits that are not ASCII 0-9; write the number with ASCII digits'
      : 'is not a number (write it like 1250.50: no currency sign, no thousands separators)'
  }
  const parts = DECIMAL_PARTS.exec(trimmed)
  if (!parts || (parts[1] + (parts[2] ?? '')).length === 0)
    return isSeparatorControl(trimmed.charCodeAt(0)) ||
      isSeparatorControl(trimmed.charCodeAt(trimmed.length - 1))
      ? 'has control characters U+001C-U+001F around it; remove them'
      : 'is not a number (write it like 1250.50: no currency sign, no thousands separators)'
  const exponent = BigInt(parts[3] ?? '0')
  if (exponent > BigInt(MAX_EXPONENT) || exponent < -BigInt(MAX_EXPONENT))
    return `has an exponent beyond ±${MAX_EXPONENT}`
  const all = (parts[1] + (parts[2] ?? '')).replace(/^0+/, '')
  const significant = all.replace(/0+$/, '')
  const trailing = all.length - significant.length
  const scale = (parts[2] ?? '').length - trailing - Number(exponent)
  if (significant.length > 15)
    return `has ${significant.length} significant digits; a cost may have at most 15`
  if (scale > MAX_SCALE)
    return `has ${scale} digits after the decimal point once written out; a cost may have at most ${MAX_SCALE}`
  return `is larger than ${MANTISSA_LIMIT} (2^52), the largest cost champion-gate sums exactly`
}

/** Brings two decimals to a common scale. */
function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale)
  return [
    a.mantissa * 10n ** BigInt(scale - a.scale),
    b.mantissa * 10n ** BigInt(scale - b.scale),
    scale
  ]
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b)
  return { mantissa: x + y, scale }
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b)
  return { mantissa: x - y, scale }
}

export function multiplyDecimal(a: Decimal, count: number | bigint): Decimal {
  return { mantissa: a.mantissa * BigInt(count), scale: a.scale }
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Rounds to `scale` digits after the point, half away from zero (as money
 * is rounded on paper), and returns the exact result at that scale.
 */
export function roundDecimal(value: Decimal, scale: number): Decimal {
  if (value.scale <= scale) {
    return {
      mantissa: value.mantissa * 10n ** BigInt(scale - value.scale),
      scale
    }
  }
  const divisor = 10n ** BigInt(value.scale - scale)
  const negative = value.mantissa < 0n
  const magnitude = negative ? -value.mantissa : value.mantissa
  let rounded = magnitude / divisor
  if ((magnitude % divisor) * 2n >= divisor) rounded += 1n
  return { mantissa: negative ? -rounded : rounded, scale }
}

/** Rounds to cents (see `roundDecimal`): the precision net benefit is judged at. */
export function roundToCents(value: Decimal): Decimal {
  return roundDecimal(value, 2)
}

/** Exact decimal text, e.g. `79372.10` for mantissa 7937210, scale 2. */
export function decimalToString(value: Decimal): string {
  if (value.scale === 0) return value.mantissa.toString()
  const negative = value.mantissa < 0n
  const digits = (negative ? -value.mantissa : value.mantissa)
    .toString()
    .padStart(value.scale + 1, '0')
  const cut = digits.length - value.scale
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`
}

/**
 * The inverse of `decimalToString`, for the exact text the report itself
 * carries (`"98765431209876.40"`): any number of digits, no exponent, no
 * blanks. User input goes through `parseDecimal`, which checks its limits.
 */
export function decimalFromString(text: string): Decimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) throw new Error(`not an exact decimal: '${text}'`)
  const [, sign, whole, fraction = ''] = match
  const magnitude = BigInt(whole + fraction)
  return {
    mantissa: sign === '-' ? -magnitude : magnitude,
    scale: fraction.length
  }
}

/** The nearest double (for JSON and charts; the exact value stays above). */
export function decimalToNumber(value: Decimal): number {
  return Number(decimalToString(value))
}

/**
 * An exact running sum of decimals, fed from the hot loop with plain numbers:
 * one float accumulator per scale, each kept below 2^53, flushed into a
 * bigint before it could lose a digit.
 */
export class ExactSum {
  private readonly small = new Float64Array(MAX_SCALE + 1)
  private readonly big: bigint[] = new Array<bigint>(MAX_SCALE + 1).fill(0n)

  /** Adds `mantissa / 10^scale`; `|mantissa|` must not exceed 2^52. */
  add(mantissa: number, scale: number): void {
    const next = this.small[scale] + mantissa
    if (next > FLUSH_AT || next < -FLUSH_AT) {
      this.big[scale] += BigInt(next)
      this.small[scale] = 0
    } else {
      this.small[scale] = next
    }
  }

  /** Adds `count` copies of a decimal. */
  addTimes(value: Decimal, count: number): void {
    this.big[value.scale] += value.mantissa * BigInt(count)
  }

  /** Adds another sum into this one. */
  merge(other: ExactSum): void {
    for (let s = 0; s <= MAX_SCALE; s++) {
      this.big[s] += other.big[s] + BigInt(other.small[s])
    }
  }

  total(): Decimal {
    let scale = 0
    for (let s = 0; s <= MAX_SCALE; s++) {
      if (this.small[s] !== 0 || this.big[s] !== 0n) scale = s
    }
    let mantissa = 0n
    for (let s = 0; s <= scale; s++) {
      const part = this.big[s] + BigInt(this.small[s])
      mantissa += part * 10n ** BigInt(scale - s)
    }
    return { mantissa, scale }
  }
}
