/**
 * How label values are compared, in the test set and in prediction files
 * alike: numbers as exact decimals (`1`, `1.0`, `+1`, `01` and `1e0` are one
 * value; `9007199254740993` and `9007199254740992` are two, though they are
 * the same double), anything else as trimmed text (`fraud`). Exact, because
 * a label is an identity, not a measurement: two ids past 2^53 that a double
 * merges are still two classes.
 *
 * pandas reads such a column as int64 (exact) or float64 (`1` and `1.0`
 * meet), and scikit-learn sees those values; the one place the two differ is
 * a column that mixes integers past 2^53 with decimals, which pandas rounds
 * to doubles and this keeps apart.
 */

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/** An exact decimal: sign, digits without leading or trailing zeros, and a power of ten. */
interface ExactNumber {
  readonly negative: boolean
  /** '' for zero. */
  readonly digits: string
  readonly exponent: bigint
}

function exactNumber(text: string): ExactNumber | undefined {
  const match = NUMBER.exec(text)
  if (!match) return undefined
  const [, sign, whole, fraction = '', exponentText] = match
  if (whole === '' && fraction === '') return undefined
  let digits = (whole + fraction).replace(/^0+/, '')
  let exponent = BigInt(exponentText ?? '0') - BigInt(fraction.length)
  const trailing = /0*$/.exec(digits)![0].length
  digits = digits.slice(0, digits.length - trailing)
  exponent += BigInt(trailing)
  if (digits === '') return { negative: false, digits: '', exponent: 0n }
  return { negative: sign === '-', digits, exponent }
}

/** A key under which equal labels meet: `n:1e0` for 1 and 1.0, `t:fraud` for text. */
export function labelKey(text: string): string {
  const trimmed = text.trim()
  const number = exactNumber(trimmed)
  if (!number) return `t:${trimmed}`
  return `n:${number.negative ? '-' : ''}${number.digits || '0'}e${number.exponent}`
}

/** -1, 0 or 1 for two exact decimals. */
function compareNumbers(a: ExactNumber, b: ExactNumber): number {
  const signOf = (n: ExactNumber): number =>
    n.digits === '' ? 0 : n.negative ? -1 : 1
  const sa = signOf(a)
  const sb = signOf(b)
  if (sa !== sb || sa === 0) return Math.sign(sa - sb)
  // Same sign, both non-zero: compare magnitudes by their leading power of ten.
  const magnitudeA = a.exponent + BigInt(a.digits.length)
  const magnitudeB = b.exponent + BigInt(b.digits.length)
  let order: number
  if (magnitudeA !== magnitudeB) order = magnitudeA > magnitudeB ? 1 : -1
  else {
    const length = Math.max(a.digits.length, b.digits.length)
    const da = a.digits.padEnd(length, '0')
    const db = b.digits.padEnd(length, '0')
    order = da === db ? 0 : da > db ? 1 : -1
  }
  return sa * order
}

/** Code-point order, as Python compares `str` (JavaScript's `<` compares UTF-16 units). */
function compareText(a: string, b: string): number {
  const ca = [...a]
  const cb = [...b]
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
    const x = ca[i].codePointAt(0)!
    const y = cb[i].codePointAt(0)!
    if (x !== y) return x < y ? -1 : 1
  }
  return Math.sign(ca.length - cb.length)
}

/**
 * Orders two label values as scikit-learn orders `classes_` (`np.unique`
 * of the labels it was fitted on): numerically when both are numbers, else
 * as text. This is the order of a `predict_proba` pair's entries.
 */
export function compareLabels(a: string, b: string): number {
  const x = exactNumber(a.trim())
  const y = exactNumber(b.trim())
  if (x && y) return compareNumbers(x, y)
  return compareText(a.trim(), b.trim())
}

/**
 * A few raw spellings (bytes) mapped to small ids, so a hot loop that meets
 * the same handful of values (labels, hard decisions) compares bytes and
 * decodes no strings. The bytes are copied: a reader refills its buffer in
 * place (Buffer#slice would be a view).
 */
export class SpellingCache {
  private readonly spellings: Uint8Array[] = []
  private readonly ids: number[] = []

  constructor(private readonly capacity = 8) {}

  /** The id cached for these bytes, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start
    const spellings = this.spellings
    for (let k = 0; k < spellings.length; k++) {
      const known = spellings[k]
      if (known.length !== length) continue
      let same = true
      for (let j = 0; j < length; j++) {
        if (known[j] !== bytes[start + j]) {
          same = false
          break
        }
      }
      if (same) return this.ids[k]
    }
    return -1
  }

  /** Remembers these bytes as `id` while there is room. */
  add(bytes: Uint8Array, start: number, end: number, id: number): void {
    if (this.spellings.length >= this.capacity) return
    this.spellings.push(Uint8Array.prototype.slice.call(bytes, start, end))
    this.ids.push(id)
  }
}
