/**
 * The check that keeps rows matched by position honest. When no `id-column`
 * is set, a prediction file's rows are taken to be the test set's rows in
 * the same order; if the prediction file carries a column the test set also
 * has (other than the prediction itself; typically the id), its values must
 * agree row by row, or the files are in different orders and every figure
 * would be computed on mismatched rows.
 *
 * Both sides copy the shared columns' bytes (already unquoted by the
 * readers) into a ColumnValues arena per batch, and compare one sha256 per
 * column per batch. Why a digest rather than the bytes themselves: the
 * prediction worker reads ahead of the main thread, and its batches wait in
 * a queue; a 44-character digest per batch keeps that queue as small as the
 * decision codes alone, whatever the ids' length, where the raw bytes would
 * add tens of megabytes on a two-million-row file. sha256 is native (one call
 * per batch, no per-row call) and collision-resistant, so equal digests mean
 * equal values even for a file built to fool the check. Only when a digest
 * differs is the prediction file read again, up to that batch, to find the
 * first row that disagrees and name it.
 *
 * Values are compared as text, byte for byte: `7` and `7.0` differ (the
 * message says so, and how to fix it). JSON numbers are compared by the text
 * JavaScript writes for them (`7.0` reads as `7`).
 */

import { createHash } from 'node:crypto'
import { DataError, GateError } from '../errors.js'
import { openRecordReader } from '../data/open-reader.js'
import { errorAtPosition } from '../data/record-reader.js'

const decoder = new TextDecoder()

/** One column's values for a batch of rows, as bytes in one arena. */
export class ColumnValues {
  count = 0
  private bytes = new Uint8Array(1 << 16)
  /** Value i is bytes [offsets[i], offsets[i + 1]). */
  private offsets = new Int32Array(1 << 12)

  clear(): void {
    this.count = 0
  }

  push(source: Uint8Array, start: number, end: number): void {
    const at = this.offsets[this.count]
    const length = end - start
    if (at + length > this.bytes.length) {
      const bytes = new Uint8Array((at + length) * 2)
      bytes.set(this.bytes.subarray(0, at))
      this.bytes = bytes
    }
    if (this.count + 2 > this.offsets.length) {
      const offsets = new Int32Array(this.offsets.length * 2)
      offsets.set(this.offsets)
      this.offsets = offsets
    }
    // Ids are short: a loop beats `set(subarray())`, which allocates a view.
    const bytes = this.bytes
    for (let i = 0; i < length; i++) bytes[at + i] = source[start + i]
    this.count++
    this.offsets[this.count] = at + length
  }

  /** True when value i has these bytes. */
  equalsAt(i: number, source: Uint8Array, start: number, end: number): boolean {
    const from = this.offsets[i]
    const length = end - start
    if (this.offsets[i + 1] - from !== length) return false
    for (let j = 0; j < length; j++)
      if (this.bytes[from + j] !== source[start + j]) return false
    return true
  }

  text(i: number): string {
    return decoder.decode(
      this.bytes.subarray(this.offsets[i], this.offsets[i + 1])
    )
  }

  /** sha256 of the values and their lengths (so `ab`,`c` differs from `a`,`bc`). */
  digest(): string {
    return createHash('sha256')
      .update(this.bytes.subarray(0, this.offsets[this.count]))
      .update(new Uint8Array(this.offsets.buffer, 0, (this.count + 1) * 4))
      .digest('base64')
  }
}

/** Names that look like a row key: checked (and reported) first. */
function looksLikeId(name: string): boolean {
  return (
    /(^|[_\-\s.])(id|ids|key|ref|uuid|guid)$/i.test(name) ||
    /^(id|key|ref|uuid|guid)$/i.test(name) ||
    /[a-z](Id|ID|Key|Ref)$/.test(name)
  )
}

/**
 * The columns of a prediction file that the test set also has, other than
 * the prediction column: the id-like ones first, then in the file's order.
 */
export function sharedColumns(
  testColumns: readonly string[],
  predictionColumns: readonly string[],
  predictionColumn: string
): string[] {
  const shared = predictionColumns.filter(
    (name, k) =>
      name !== predictionColumn &&
      testColumns.includes(name) &&
      predictionColumns.indexOf(name) === k
  )
  return [
    ...shared.filter((name) => looksLikeId(name)),
    ...shared.filter((name) => !looksLikeId(name))
  ]
}

/** What the pass knows of one prediction file for the check. */
export interface AgreementSubject {
  readonly path: string
  /** The shared columns, as `sharedColumns` ordered them. */
  readonly columns: readonly string[]
  /** The prediction column, bound first so that bare JSON items read as before. */
  readonly predictionColumn: string
}

/** The test set's side: its path, and per shared column its values for the batch. */
export interface AgreementReference {
  readonly path: string
  readonly lines: Int32Array
  value(column: string): ColumnValues
}

/**
 * Finds the first of `rows` rows, from row `first` (0-based) on, where the
 * prediction file disagrees with the test set in a shared column, by reading
 * the prediction file again (the error path only). Returns the error to
 * throw, or undefined when every row agrees.
 */
export function findDisagreement(
  reference: AgreementReference,
  subject: AgreementSubject,
  first: number,
  rows: number
): DataError | undefined {
  const reader = openRecordReader(subject.path)
  try {
    reader.bind(subject.predictionColumn, 'prediction-column')
    const slots = subject.columns.map((name) => reader.bind(name, 'id-column'))
    for (let skipped = 0; skipped < first; skipped++)
      if (!reader.next()) return undefined
    for (let i = 0; i < rows; i++) {
      if (!reader.next()) return undefined
      for (let k = 0; k < slots.length; k++) {
        const s = reader.start[slots[k]]
        const e = reader.end[slots[k]]
        const expected = reference.value(subject.columns[k])
        if (expected.equalsAt(i, reader.bytes, s, e)) continue
        return errorAtPosition(
          reader,
          reader.position,
          disagreement(
            subject.columns[k],
            decoder.decode(reader.bytes.subarray(s, e)),
            expected.text(i),
            `${reference.path}:${reference.lines[i]}`,
            subject.path
          )
        )
      }
    }
    return undefined
  } finally {
    reader.close()
  }
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
  predictionPath: string
): string {
  const head =
    `rows are matched by position (input 'id-column' is not set), but column '${column}' is ${shown(predicted)} here ` +
    `and ${shown(expected)} on the test set's row in the same position (${testPlace})`
  const a = Number(predicted)
  const b = Number(expected)
  if (predicted.trim() !== '' && expected.trim() !== '' && a === b) {
    return `${head}; the two are the same number written differently, and values are compared as text: write '${column}' the same way in both files`
  }
  const rename = looksLikeId(column)
    ? ''
    : ` (if '${column}' in ${predictionPath} is not the test set's '${column}', rename it there)`
  return `${head}; the files list their rows in different orders. Set 'id-column: ${column}' to join the rows by '${column}'${rename}`
}

/**
 * Compares a batch's digests with the test set's and throws the first
 * disagreeing row; `predicted` holds one digest per shared column.
 */
export function checkBatch(
  reference: AgreementReference & { digest(column: string): string },
  subject: AgreementSubject,
  predicted: readonly string[],
  first: number,
  rows: number
): void {
  for (let k = 0; k < subject.columns.length; k++) {
    if (predicted[k] === reference.digest(subject.columns[k])) continue
    throw (
      findDisagreement(reference, subject, first, rows) ??
      new GateError(
        `${subject.path} changed while it was being read (its '${subject.columns[k]}' values differ from a second read); write it completely before the action runs`
      )
    )
  }
}
