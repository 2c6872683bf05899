/**
 * The readers against Python: generated files (a fixed seed, a few hundred
 * of them) are read by champion-gate's readers and by Python's `csv` module,
 * `json`, `float()` and `decimal.Decimal` (one Python process for all, JSON
 * over stdin/stdout: `__tests__/support/python-readers/read_files.py`). No
 * difference is allowed: the same rows and the same fields, and for every
 * field the same number, or a clear error (a UserError, or a named number
 * problem) where the gate refuses on purpose. Never a number where Python
 * refuses one.
 *
 * The refusals allowed, each checked against what Python read: a row with
 * another field count than the header (Python returns it short or long), a
 * blank line between rows, a quoted field open at the end of the file; for
 * numbers, NaN and infinity, underscores, non-ASCII digits, and a cost past
 * the documented limits (15 significant digits, 15 decimal places, 2^52).
 */

import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CsvReader } from '../../src/data/csv-reader.js'
import { JsonLinesReader } from '../../src/data/jsonl-reader.js'
import {
  numberProblem,
  parseNumberBytes,
  parseNumberText
} from '../../src/data/parse-number.js'
import { fieldText } from '../../src/data/record-reader.js'
import { UserError } from '../../src/errors.js'
import {
  MANTISSA_LIMIT,
  MAX_SCALE,
  decimalProblem,
  parseDecimal
} from '../../src/metrics/decimal.js'

const PYTHON = resolve('.venv/bin/python')
const SCRIPT = resolve('__tests__/support/python-readers/read_files.py')

/** A small deterministic PRNG (mulberry32), so every run sees the same files. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const NUMBERS = [
  '0.5',
  '.5',
  '5.',
  '-0',
  '+0.25',
  '0',
  '1',
  '0.934512',
  '1e308',
  '1e309',
  '-1e309',
  '1e-400',
  '2.5E+3',
  '0x10',
  'NaN',
  'nan',
  '-inf',
  'Infinity',
  '1_000',
  '1__0',
  '0.1_5',
  '_1',
  ' 0.25 ',
  '\t0.75\t',
  '\u00a00.3\u00a0',
  '\u20090.7',
  '\u30001',
  '\u00851',
  '\u001c1',
  '\ufeff1',
  '\u200b1',
  '١٢',
  '12.340000000000000000',
  '1.5e-16',
  '1.5e-14',
  '0e999',
  '0e-999',
  '1e9999999',
  '123456789012345678',
  '4503599627370496',
  '4503599627370497',
  '0.1234567890123456',
  '0.123456789012345',
  '00012',
  '.',
  '-',
  '',
  'e5',
  '1e',
  '1.2.3',
  '1,5',
  '$5',
  '5$',
  '0.30000000000000004',
  '9007199254740993'
]
const TEXTS = [
  'fraud',
  'a,b',
  'say "hi"',
  '5" a',
  'x"y',
  '"q"',
  'two\nlines',
  'cr\rhere',
  'crlf\r\nx',
  'sep\u2028x',
  'nel\u0085x',
  'tab\tx',
  'é',
  '😀',
  '  ',
  ' '
]

function randomDecimal(next: () => number): string {
  const digits = (n: number): string =>
    Array.from({ length: n }, () => String(Math.floor(next() * 10))).join('')
  let text = next() < 0.2 ? (next() < 0.5 ? '-' : '+') : ''
  text += digits(Math.floor(next() * 10))
  if (next() < 0.7) text += `.${digits(Math.floor(next() * 20))}`
  if (next() < 0.3)
    text += `e${next() < 0.5 ? '-' : ''}${Math.floor(next() * 30)}`
  return text
}

/** Quoted the standard way when it needs it (as csv.writer does). */
function quoted(value: string): string {
  return /[",\r\n]/.test(value) || value.startsWith('"')
    ? `"${value.replace(/"/g, '""')}"`
    : value
}

interface CsvCase {
  readonly path: string
  readonly columns: number
}

function buildCsv(dir: string, k: number): CsvCase {
  const next = random(1000 + k)
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(next() * list.length)]
  const columns = 1 + Math.floor(next() * 4)
  const header = Array.from({ length: columns }, (_, c) => `c${c}`)
  const eols = ['\n', '\r\n', '\r']
  let text = (next() < 0.2 ? '\ufeff' : '') + header.join(',')
  const rows = Math.floor(next() * 7)
  for (let r = 0; r < rows; r++) {
    text += pick(eols)
    const fields: string[] = []
    for (let c = 0; c < columns; c++) {
      const roll = next()
      const value =
        roll < 0.45
          ? pick(NUMBERS)
          : roll < 0.75
            ? randomDecimal(next)
            : pick(TEXTS)
      const how = next()
      // Mostly written as csv.writer would; some raw (stray quotes, extra
      // commas, bare line breaks) and some odd quoting Python still reads.
      // A whitespace-only value is never quoted: a lone quoted blank on a
      // line would look blank to Python's result but is a value here.
      fields.push(
        how < 0.6 || value.trim() === ''
          ? /[",\r\n]/.test(value) && how < 0.6
            ? quoted(value)
            : value
          : how < 0.8
            ? value
            : how < 0.9
              ? `"${value.replace(/"/g, '""')}"${pick(['', 'x', ' '])}`
              : ` ${quoted(value)}`
      )
    }
    text += fields.join(',')
  }
  if (next() < 0.7) text += pick(eols)
  if (next() < 0.1) text += pick(['\n', '\r\n\r\n', '  \n'])
  const path = join(dir, `case-${k}.csv`)
  writeFileSync(path, text)
  return { path, columns }
}

/** A JSON Lines file of {"p": value}: JSON numbers of every shape, strings, null, booleans. */
function buildJsonl(dir: string, k: number): string {
  const next = random(5000 + k)
  const pick = <T>(list: readonly T[]): T =>
    list[Math.floor(next() * list.length)]
  const lines: string[] = []
  const count = 1 + Math.floor(next() * 6)
  for (let r = 0; r < count; r++) {
    const roll = next()
    let value: string
    if (roll < 0.4) {
      // A JSON number as written (JSON has no '.5', '5.', '+1').
      const number = randomDecimal(next).replace(/^\+/, '')
      value = /^-?\d+(\.\d+)?(e-?\d+)?$/.test(number)
        ? number
        : pick([
            '0',
            '-0',
            '1e400',
            '-1e400',
            '1e-400',
            '12345678901234567890',
            '0.30000000000000004'
          ])
    } else if (roll < 0.85) value = JSON.stringify(pick(NUMBERS))
    else value = pick(['null', 'true', 'false', '"fraud"'])
    lines.push(`{"id": ${r}, "p": ${value}}`)
  }
  const path = join(dir, `case-${k}.jsonl`)
  writeFileSync(
    path,
    (next() < 0.2 ? '\ufeff' : '') +
      lines.join(next() < 0.3 ? '\r\n' : '\n') +
      '\n'
  )
  return path
}

type Outcome = { rows: (string[] | null)[] } | { error: string }

interface PythonValue {
  float: string
  decimal: string | [number, string, number]
}

/** What our readers make of a file: rows of field text, or the UserError. */
function readOurs(path: string, columns: number): Outcome {
  try {
    const reader = new CsvReader(path)
    const slots = Array.from({ length: columns }, (_, c) =>
      reader.bind(`c${c}`, 'test')
    )
    const rows: string[][] = []
    while (reader.next()) rows.push(slots.map((s) => fieldText(reader, s)))
    reader.close()
    return { rows }
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    return { error: error.message }
  }
}

/** A blank line to champion-gate: empty, or only spaces and tabs. */
function isBlankRow(row: string[]): boolean {
  return row.length === 0 || (row.length === 1 && /^[ \t]*$/.test(row[0]))
}

/** Our decimal as Python's normalized [sign, digits, exponent]. */
function normalized(value: {
  mantissa: bigint
  scale: number
}): [number, string, number] {
  if (value.mantissa === 0n) return [0, '0', 0]
  const negative = value.mantissa < 0n
  let digits = (negative ? -value.mantissa : value.mantissa).toString()
  let exponent = 0 - value.scale || 0
  while (digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1)
    exponent++
  }
  return [negative ? 1 : 0, digits, exponent]
}

describe('readers against Python (csv, json, float, Decimal)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'champion-gate-python-'))
  const csvCases = Array.from({ length: 300 }, (_, k) => buildCsv(dir, k))
  const jsonlCases = Array.from({ length: 100 }, (_, k) => buildJsonl(dir, k))
  let python: { files: Outcome[]; values: PythonValue[] }
  let values: string[]

  beforeAll(() => {
    // Every field text of every file, for float() and Decimal().
    const seen = new Set<string>([...NUMBERS, ...TEXTS])
    for (const c of csvCases) {
      const ours = readOurs(c.path, c.columns)
      if ('rows' in ours)
        for (const row of ours.rows) for (const v of row!) seen.add(v)
    }
    values = [...seen]
    const request = {
      files: [
        ...csvCases.map((c) => ({ path: c.path, kind: 'csv' })),
        ...jsonlCases.map((path) => ({ path, kind: 'jsonl' }))
      ],
      values
    }
    const result = spawnSync(PYTHON, [SCRIPT], {
      input: JSON.stringify(request),
      encoding: 'utf8',
      maxBuffer: 64 << 20
    })
    if (result.status !== 0)
      throw new Error(`${PYTHON} ${SCRIPT} failed: ${result.stderr}`)
    python = JSON.parse(result.stdout)
  })

  it('reads every generated CSV file as the csv module does, or stops with an error Python explains', () => {
    let agreed = 0
    let refused = 0
    for (const [k, c] of csvCases.entries()) {
      const theirs = python.files[k]
      const ours = readOurs(c.path, c.columns)
      const where = { file: k }
      if ('error' in theirs) {
        // Python refused the file: so must we.
        expect({ ...where, ours }).toMatchObject({
          ...where,
          ours: { error: expect.any(String) }
        })
        continue
      }
      const [header, ...all] = theirs.rows as string[][]
      const rows = [...all]
      while (rows.length > 0 && isBlankRow(rows[rows.length - 1])) rows.pop()
      if ('error' in ours) {
        refused++
        const message = ours.error
        if (/this row has \d+ fields? but the header has/.test(message)) {
          expect({
            ...where,
            python: rows.some((r) => r.length !== header.length)
          }).toEqual({ ...where, python: true })
        } else if (/blank line between data rows/.test(message)) {
          expect({ ...where, python: rows.some(isBlankRow) }).toEqual({
            ...where,
            python: true
          })
        } else if (/a quoted field is never closed/.test(message)) {
          // Python takes the rest of the file as the field's text: the
          // last field it read holds a line break or runs to the end.
          expect(message).toMatch(/^.*:\d+: a quoted field is never closed/)
        } else {
          throw new Error(
            `file ${k}: an error Python does not explain: ${message}`
          )
        }
        continue
      }
      agreed++
      expect({ ...where, rows: ours.rows }).toEqual({ ...where, rows })
    }
    // The generator must exercise both outcomes, mostly agreement.
    expect(agreed).toBeGreaterThan(150)
    expect(refused).toBeGreaterThan(10)
  })

  it('reads every JSON Lines score as json.loads then float() does, or names why not', () => {
    for (const [k, path] of jsonlCases.entries()) {
      const theirs = python.files[csvCases.length + k]
      const got: string[] = []
      let error: unknown
      try {
        const reader = new JsonLinesReader(path)
        const slot = reader.bind('p', 'test')
        while (reader.next()) got.push(fieldText(reader, slot))
        reader.close()
      } catch (caught) {
        error = caught
      }
      if ('error' in theirs) {
        // Python refused the file (invalid JSON): so must we, clearly.
        expect({ file: k, error }).toEqual({
          file: k,
          error: expect.any(UserError)
        })
        continue
      }
      const expected = theirs.rows.map((r) => r![0])
      if (
        error instanceof UserError &&
        /beyond 2\^53/.test(error.message) &&
        expected.some((f) => Math.abs(Number(f)) > 2 ** 53)
      ) {
        // A JSON integer past 2^53 is refused by name (a double would round
        // it, so an id or label could merge): Python's int explains it.
        continue
      }
      expect({ file: k, error }).toEqual({ file: k, error: undefined })
      expect({ file: k, rows: got.length }).toEqual({
        file: k,
        rows: expected.length
      })
      for (const [r, text] of got.entries()) {
        const float = expected[r]
        const ours = parseNumberText(text)
        const problem = numberProblem(text)
        const where = { file: k, row: r, text, float }
        if (float === 'refused')
          expect({ ...where, ours }).toEqual({ ...where, ours: NaN })
        else if (float === 'nan' || float.endsWith('inf'))
          expect({ ...where, ours, problem: typeof problem }).toEqual({
            ...where,
            ours: NaN,
            problem: 'string'
          })
        else if (Number.isNaN(ours))
          expect({ ...where, problem: typeof problem }).toEqual({
            ...where,
            problem: 'string'
          })
        else
          expect({ ...where, same: Object.is(ours, Number(float)) }).toEqual({
            ...where,
            same: true
          })
      }
    }
  })

  it("reads every field's number as float() does, or names why not; never a number float() refuses", () => {
    const encoder = new TextEncoder()
    for (const [k, text] of values.entries()) {
      const theirs = python.values[k].float
      const ours = parseNumberText(text)
      const bytes = encoder.encode(`7,${text},7`)
      const fromBytes = parseNumberBytes(bytes, 2, bytes.length - 2)
      expect({ text, fromBytes }).toEqual({ text, fromBytes: ours })
      const problem = numberProblem(text)
      if (theirs === 'refused') {
        expect({ text, ours }).toEqual({ text, ours: NaN })
        expect({ text, problem }).toEqual({ text, problem: undefined })
      } else if (theirs === 'nan' || theirs.endsWith('inf')) {
        expect({ text, ours }).toEqual({ text, ours: NaN })
        expect({ text, problem: typeof problem }).toEqual({
          text,
          problem: 'string'
        })
      } else if (Number.isNaN(ours)) {
        // float() reads a number we do not: only with a named problem.
        expect({ text, problem: typeof problem }).toEqual({
          text,
          problem: 'string'
        })
      } else {
        expect({ text, same: Object.is(ours, Number(theirs)) }).toEqual({
          text,
          same: true
        })
      }
    }
  })

  it('reads every cost as Decimal does, or names why not (a documented limit); never a number Decimal refuses', () => {
    for (const [k, text] of values.entries()) {
      const theirs = python.values[k].decimal
      const ours = parseDecimal(text)
      if (theirs === 'refused' || theirs === 'nan' || theirs === 'inf') {
        expect({ text, ours }).toEqual({ text, ours: undefined })
        continue
      }
      if (ours) {
        const [sign, digits, exponent] = normalized(ours)
        const [theirSign, theirDigits, theirExponent] = theirs as [
          number,
          string,
          number
        ]
        expect({
          text,
          value: [digits === '0' ? 0 : sign, digits, exponent]
        }).toEqual({
          text,
          value: [
            theirDigits === '0' ? 0 : theirSign,
            theirDigits,
            theirExponent
          ]
        })
        continue
      }
      // Decimal reads it and we refuse: only past a documented limit, or
      // for a spelling refused on purpose, and the message says which.
      const [, digits, exponent] = theirs as [number, string, number]
      const scale = Math.max(0, -exponent)
      const withinLimits =
        digits.length <= 15 &&
        scale <= MAX_SCALE &&
        (digits === '0' ||
          BigInt(digits) * 10n ** BigInt(Math.max(0, exponent)) <=
            BigInt(MANTISSA_LIMIT))
      const spelling =
        /_|[^\p{ASCII}]/u.test(text) ||
        [...text].some((ch) => ch >= '\u001c' && ch <= '\u001f')
      expect({ text, explained: !withinLimits || spelling }).toEqual({
        text,
        explained: true
      })
      expect({ text, problem: decimalProblem(text) }).toEqual({
        text,
        problem: expect.stringMatching(
          /significant digits|digits after the decimal point|larger than|exponent|'_'|ASCII|U\+001C|not a number/
        )
      })
    }
  })
})
