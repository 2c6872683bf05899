/**
 * `npm run bench:numbers`: does a second number scanner pay? champion-gate
 * reads a score as a double (`parseNumberBytes`, `src/data/parse-number.ts`)
 * and a cost as an exact decimal (`parseDecimalBytes`,
 * `src/metrics/decimal.ts`). Both read the same syntax
 * (`src/data/number-syntax.ts`). This times, on the same fields in one
 * buffer, the double scanner against the double derived from the decimal
 * scanner (`mantissa / 10^scale`, exact when the scanner accepts the text,
 * `Number(text)` otherwise), with `Number(TextDecoder.decode(...))` as the
 * baseline, and stops with MISMATCH when two readings of a field differ.
 *
 * Fields: scores as a model writes them at 6 digits (`0.934512`), scores as
 * Python's `repr` writes a double (up to 17 significant digits), costs in
 * cents (`1250.50`) and whole numbers (`3`). Median of --repeat runs of
 * --fields fields after a warm-up; CPU time of the loop alone.
 * `node --import tsx bench/numbers/run.ts [--fields N] [--repeat N]`
 */

import { parseArgs } from 'node:util'
import {
  parseNumberBytes,
  parseNumberText
} from '../../src/data/parse-number.js'
import {
  POW10,
  parseDecimalBytes,
  type ScaledNumber
} from '../../src/metrics/decimal.js'

const { values } = parseArgs({
  options: {
    fields: { type: 'string', default: '1000000' },
    repeat: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20240601' }
  }
})
const fields = Number(values.fields)
const repeat = Number(values.repeat)
let state = Number(values.seed) >>> 0

/** xorshift32: the same fields for the same seed, in any Node. */
function random(): number {
  state ^= state << 13
  state ^= state >>> 17
  state ^= state << 5
  return (state >>> 0) / 2 ** 32
}

interface Column {
  bytes: Uint8Array
  start: Uint32Array
  end: Uint32Array
}

function column(make: () => string): Column {
  const texts = Array.from({ length: fields }, make)
  const bytes = new TextEncoder().encode(texts.join(''))
  const start = new Uint32Array(fields)
  const end = new Uint32Array(fields)
  let at = 0
  texts.forEach((t, k) => {
    start[k] = at
    at += t.length
    end[k] = at
  })
  return { bytes, start, end }
}

const COLUMNS: Record<string, Column> = {
  'score 0.934512': column(() => random().toFixed(6)),
  'score repr (17 digits)': column(() => String(random())),
  'cost 1250.50': column(() => (Math.floor(random() * 1e6) / 100).toFixed(2)),
  'whole 3': column(() => String(Math.floor(random() * 1000)))
}

const decoder = new TextDecoder()
const scaled: ScaledNumber = { mantissa: 0, scale: 0 }

const READERS: Record<string, (b: Uint8Array, s: number, e: number) => number> =
  {
    'double scanner (parseNumberBytes)': parseNumberBytes,
    'decimal scanner, then / 10^scale': (b, s, e) =>
      parseDecimalBytes(b, s, e, scaled)
        ? scaled.mantissa / POW10[scaled.scale]
        : parseNumberText(decoder.decode(b.subarray(s, e))),
    'Number(decode(bytes))': (b, s, e) => {
      const value = Number(decoder.decode(b.subarray(s, e)))
      return Number.isFinite(value) ? value : NaN
    }
  }

function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

function time(
  read: (b: Uint8Array, s: number, e: number) => number,
  c: Column
): { ms: number; sum: number } {
  const t0 = cpuMs()
  let sum = 0
  for (let k = 0; k < fields; k++) sum += read(c.bytes, c.start[k], c.end[k])
  return { ms: cpuMs() - t0, sum }
}

let mismatch = false
console.log(
  `${fields.toLocaleString('en-US')} fields, median of ${repeat}, Node ${process.version}\n`
)
console.log('| field | reader | CPU ms | ns / field | vs double scanner |')
console.log('| --- | --- | ---: | ---: | ---: |')
for (const [field, c] of Object.entries(COLUMNS)) {
  // Every reader must read every field as the same double.
  for (let k = 0; k < fields; k++) {
    const values = Object.values(READERS).map((r) =>
      r(c.bytes, c.start[k], c.end[k])
    )
    if (values.some((v) => !Object.is(v, values[0]))) {
      console.log(
        `MISMATCH ${field} '${decoder.decode(c.bytes.subarray(c.start[k], c.end[k]))}': ${values.join(' ')}`
      )
      mismatch = true
      break
    }
  }
  let base = 0
  for (const [name, read] of Object.entries(READERS)) {
    time(read, c)
    const runs = Array.from({ length: repeat }, () => time(read, c).ms).sort(
      (a, b) => a - b
    )
    const ms = runs[Math.floor(repeat / 2)]
    if (base === 0) base = ms
    console.log(
      `| ${field} | ${name} | ${ms.toFixed(0)} | ${((ms * 1e6) / fields).toFixed(1)} | ${(ms / base).toFixed(2)}× |`
    )
  }
}
process.exit(mismatch ? 1 : 0)
