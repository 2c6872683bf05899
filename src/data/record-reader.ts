/**
 * The common shape of the three file readers (CSV, JSON Lines, the JSON that
 * `mlflow models predict` writes). A reader is opened, its needed fields are
 * bound by name once, then `next()` walks the records; after each, the value
 * of a bound field is the byte range [start[slot], end[slot]) of `bytes`.
 * Fields stay bytes so the hot loop parses numbers without making strings.
 */

import { DataError } from '../errors.js'
import { shownBytes, shownList } from './shown-value.js'

export interface RecordReader {
  readonly path: string
  readonly format: 'csv' | 'jsonl' | 'mlflow-json' | 'parquet'
  /** True when the file is gzip-compressed (`.csv.gz`, `.jsonl.gz`). */
  readonly gzip?: boolean
  /** For a folder of part files: how many parts it has. */
  readonly parts?: number
  /** Binds a field by name; throws a DataError naming the file and the fields it has. */
  bind(field: string, input: string): number
  /**
   * Binds a field as a number, for a format that stores it as one (a
   * Parquet DOUBLE): after `next()`, `numbers[slot]` is the value, or NaN
   * when the field has no number (a null, a NaN), and then the field's text
   * is in `bytes` as for `bind`. Absent, or undefined for a field not
   * stored as a double: bind it as text. Saves writing a double as text only
   * to parse it back (the score column of a Parquet file).
   */
  bindNumber?(field: string, input: string): number | undefined
  /**
   * Binds a field as an integer, for a format that stores it as one (a
   * Parquet INT32 or INT64): after `next()`, `numbers[slot]` is the value
   * when it has at most 15 digits (what the decimal parsers here hold
   * exactly), or NaN, and then the field's text is in `bytes` as for
   * `bind` (a null: empty). Absent, or undefined for a field not stored as
   * a signed integer: bind it as text. Saves writing an amount in cents as
   * text only to parse it back (a cost column of a Parquet test set).
   */
  bindInteger?(field: string, input: string): number | undefined
  /** The values of fields bound with `bindNumber` or `bindInteger`, by slot. */
  readonly numbers?: Float64Array
  /** True when the file has this field (a column, a key, …). */
  has(field: string): boolean
  /** The fields a record has: the CSV header, the first record's keys (none for bare values). */
  names(): readonly string[]
  /** Moves to the next record; false at the end. */
  next(): boolean
  /** Where the current record is, e.g. `12` (a line number) or an item number. */
  readonly position: number
  /** "line", "item" or "row" (Parquet): how `position` is counted, for messages. */
  readonly positionKind: 'line' | 'item' | 'row'
  bytes: Uint8Array
  readonly start: Int32Array
  readonly end: Int32Array
  close(): void
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/** The text of a bound field of the current record. */
export function fieldText(reader: RecordReader, slot: number): string {
  return decoder.decode(
    reader.bytes.subarray(reader.start[slot], reader.end[slot])
  )
}

/**
 * A bound field of the current record as a message shows it: quoted, cut
 * after about 80 characters, invisible characters escaped (see shown-value).
 */
export function fieldShown(reader: RecordReader, slot: number): string {
  return shownBytes(reader.bytes, reader.start[slot], reader.end[slot])
}

/** A field list for messages: `'id', 'amount', 'label'` (cut after 20, each name cut after about 80 characters). */
export function listFields(fields: readonly string[]): string {
  return shownList(fields)
}

/** A DataError at the reader's current record: its line, or its item number. */
export function errorAt(reader: RecordReader, detail: string): DataError {
  return reader.positionKind === 'line'
    ? new DataError(reader.path, reader.position, detail)
    : new DataError(
        reader.path,
        undefined,
        `${reader.positionKind} ${reader.position}: ${detail}`
      )
}

/** Like `errorAt`, for a position remembered earlier. */
export function errorAtPosition(
  reader: Pick<RecordReader, 'path' | 'positionKind'>,
  position: number,
  detail: string
): DataError {
  return reader.positionKind === 'line'
    ? new DataError(reader.path, position, detail)
    : new DataError(
        reader.path,
        undefined,
        `${reader.positionKind} ${position}: ${detail}`
      )
}

/** Reads to the end without keeping anything; returns how many records were left. */
export function countRemaining(reader: RecordReader): number {
  let records = 0
  while (reader.next()) records++
  return records
}

/** How a file is stored, for the report: `csv`, `csv.gz`, `parquet`, `jsonl.gz`, … */
export function storedFormat(
  reader: Pick<RecordReader, 'format' | 'gzip'>
): string {
  return reader.gzip ? `${reader.format}.gz` : reader.format
}
