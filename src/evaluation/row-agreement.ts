/**
 * The check that keeps rows matched by position honest. When no `id-column`
 * is set, a prediction file's rows are taken to be the test set's rows in
 * the same order; if the prediction file carries a column the test set also
 * has (other than the prediction itself; typically the id), its values must
 * agree row by row, or the files are in different orders and every figure
 * would be computed on mismatched rows.
 *
 * How, and why this way: as each file is read, each row's value in a shared
 * column is hashed (32-bit FNV-1a, seeded per run, its length mixed in)
 * into a typed array beside the row's decision code, from the bytes the
 * reader already has in hand (unquoted). A batch is then checked with one
 * `memcmp` (Buffer.compare) of the two arrays. The prediction worker writes
 * the hashes next to the codes in its ring of shared slots (4 bytes a row),
 * so nothing more crosses threads and nothing is allocated per row or per
 * batch. Measured on the 2,000,000-row by-position benchmark, this costs
 * about 0.08 s of CPU and no memory; copying the values into arenas and
 * comparing those cost about 0.24 s and 40-55 MB of arenas awaiting the
 * collector, and one sha256 per batch over such arenas about 0.28 s.
 *
 * What a hash can miss: two different values with the same 32-bit hash
 * (about one in four billion for a given row, drawn anew each run by the
 * seed; a file in another order disagrees on nearly every row). Values of
 * the same length that differ in one byte never collide (each FNV-1a step is
 * a bijection). When a batch's hashes differ, both files are read again up
 * to it and the first row whose values differ, byte for byte, is named.
 *
 * Values are compared as text: `7` and `7.0` differ (the message says so,
 * and how to fix it). JSON numbers are compared by the text JavaScript
 * writes for them (`7.0` reads as `7`).
 */

import { randomInt } from 'node:crypto'
import { DataError, UserError } from '../errors.js'
import { openRecordReader } from '../data/open-reader.js'
import { errorAtPosition } from '../data/record-reader.js'

const decoder = new TextDecoder()

/** A fresh seed for `hashValue`, once per run. */
export function newHashSeed(): number {
  return randomInt(0x7fffffff)
}

/** FNV-1a over the bytes, from a seeded state that mixes in the length. */
export function hashValue(
  bytes: Uint8Array,
  start: number,
  end: number,
  seed: number
): number {
  let h = Math.imul(seed ^ (end - start), 0x01000193)
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193)
  return h
}

/** True when both hold the same hashes for rows [0, rows). */
export function sameHashes(
  a: Int32Array,
  b: Int32Array,
  rows: number
): boolean {
  return (
    Buffer.compare(
      Buffer.from(a.buffer, a.byteOffset, rows * 4),
      Buffer.from(b.buffer, b.byteOffset, rows * 4)
    ) === 0
  )
}

/** Names that look like a row key (`id`, `txn_id`, `transaction_ref`, `customerId`, …). */
function looksLikeId(name: string): boolean {
  return (
    /(^|[_\-\s.])(id|ids|key|ref|uuid|guid)$/i.test(name) ||
    /^(id|key|ref|uuid|guid)$/i.test(name) ||
    /[a-z](Id|ID|Key|Ref)$/.test(name)
  )
}

/**
 * The columns of a prediction file to check against the test set: of those
 * both have (other than the prediction column, and an unnamed index column
 * that no input could name), the id-like ones if there are any, else all.
 * An id alone proves the rows line up; another shared column may hold
 * something else by the same name (a predicted `label`) or the same numbers
 * written another way (`10.0` for `10.00`), and checking it then would stop
 * a run whose rows are in fact aligned.
 */
export function sharedColumns(
  testColumns: readonly string[],
  predictionColumns: readonly string[],
  predictionColumn: string
): string[] {
  const shared = predictionColumns.filter(
    (name, k) =>
      name !== predictionColumn &&
      name.trim() !== '' &&
      testColumns.includes(name) &&
      predictionColumns.indexOf(name) === k
  )
  const ids = shared.filter((name) => looksLikeId(name))
  return ids.length > 0 ? ids : shared
}

/** What the pass knows of one prediction file for the check. */
export interface AgreementSubject {
  readonly path: string
  /** The shared columns, as `sharedColumns` ordered them. */
  readonly columns: readonly string[]
  /** The prediction column, bound first so that bare JSON items read as before. */
  readonly predictionColumn: string
  /** The id-column input, when set (the file has no such key, or it would be joined). */
  readonly idColumn?: string
}

/**
 * Finds the first of `rows` rows, from row `first` (0-based) on, where the
 * prediction file's value in a shared column differs from the test set's,
 * by reading both files again (the error path only). Returns the error to
 * throw, or undefined when every row agrees.
 */
export function findDisagreement(
  testSet: string,
  subject: AgreementSubject,
  first: number,
  rows: number
): DataError | undefined {
  const test = openRecordReader(testSet)
  const predicted = openRecordReader(subject.path)
  try {
    predicted.bind(subject.predictionColumn, 'prediction-column')
    const testSlots = subject.columns.map((name) =>
      test.bind(name, 'id-column')
    )
    const slots = subject.columns.map((name) =>
      predicted.bind(name, 'id-column')
    )
    for (let skipped = 0; skipped < first; skipped++)
      if (!test.next() || !predicted.next()) return undefined
    for (let i = 0; i < rows; i++) {
      if (!test.next() || !predicted.next()) return undefined
      for (let k = 0; k < slots.length; k++) {
        const value = text(predicted, slots[k])
        const expected = text(test, testSlots[k])
        if (value === expected) continue
        return errorAtPosition(
          predicted,
          predicted.position,
          disagreement(
            subject.columns[k],
            value,
            expected,
            `${testSet}:${test.position}`,
            subject
          )
        )
      }
    }
    return undefined
  } finally {
    test.close()
    predicted.close()
  }
}

function text(
  reader: { bytes: Uint8Array; start: Int32Array; end: Int32Array },
  slot: number
): string {
  return decoder.decode(
    reader.bytes.subarray(reader.start[slot], reader.end[slot])
  )
}

/** Characters a reader cannot see in a message: controls, odd spaces, marks. */
function invisible(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0xa0) ||
    (code >= 0x200b && code <= 0x200f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0xfeff
  )
}

/** A value for a message: quoted, invisible characters escaped, cut at 80 characters. */
function shown(value: string): string {
  let text = ''
  for (const c of value.length > 80 ? value.slice(0, 80) : value) {
    const code = c.charCodeAt(0)
    text += invisible(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c
  }
  return `'${text}${value.length > 80 ? '…' : ''}'`
}

function disagreement(
  column: string,
  predicted: string,
  expected: string,
  testPlace: string,
  subject: AgreementSubject
): string {
  const why =
    subject.idColumn === undefined
      ? "rows are matched by position (input 'id-column' is not set)"
      : `this file's rows are matched by position (its records have no key '${subject.idColumn}', from input 'id-column')`
  const head =
    `${why}, but column '${column}' is ${shown(predicted)} here ` +
    `and ${shown(expected)} on the test set's row in the same position (${testPlace})`
  const a = Number(predicted)
  const b = Number(expected)
  if (predicted.trim() !== '' && expected.trim() !== '' && a === b) {
    return `${head}; the two are the same number written differently, and values are compared as text: write '${column}' the same way in both files`
  }
  const other = `if '${column}' in ${subject.path} is not the test set's '${column}', rename it there`
  if (subject.idColumn !== undefined) {
    const rename = looksLikeId(column) ? '' : ` (${other})`
    return `${head}; the files list their rows in different orders. Give each record its '${subject.idColumn}' so that it is joined by id${rename}`
  }
  if (looksLikeId(column)) {
    return `${head}; the files list their rows in different orders. Set 'id-column: ${column}' to join the rows by '${column}'`
  }
  return `${head}; the files list their rows in different orders, or hold different things under that name. Set 'id-column: ${column}' if it identifies the rows; ${other}`
}

/**
 * Compares a batch's hashes (one array per shared column) with the test
 * set's, and throws the first disagreeing row.
 */
export function checkBatch(
  testSet: string,
  testHashes: (column: string) => Int32Array,
  subject: AgreementSubject,
  predicted: readonly Int32Array[],
  first: number,
  rows: number
): void {
  for (let k = 0; k < subject.columns.length; k++) {
    if (sameHashes(predicted[k], testHashes(subject.columns[k]), rows)) continue
    throw (
      findDisagreement(testSet, subject, first, rows) ??
      new UserError(
        `${subject.path} or ${testSet} changed while being read (a second read of '${subject.columns[k]}' differs from the first); write the files completely before the action runs`
      )
    )
  }
}
