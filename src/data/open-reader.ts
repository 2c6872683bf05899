/**
 * Opens a data file with the reader its format needs: `.csv` → CSV,
 * `.jsonl`/`.ndjson` → JSON Lines, `.json` → the `mlflow models predict`
 * document, `.parquet` → Parquet, any of the text ones with `.gz` after it
 * → the same, inflated as it is read; a folder → its part files (see
 * part-folder). Other names are sniffed from the first bytes. Whatever the
 * name, the first bytes are checked too: a file whose bytes are not what
 * its name says (Parquet bytes in `test.csv`), or a zip, Excel or other
 * binary file, is named for what it is instead of having its header
 * printed as if it were a row of column names. This is the one place a
 * format is chosen.
 */

import { closeSync, readSync, statSync } from 'node:fs'
import { extname } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { DataError } from '../errors.js'
import { CsvReader } from './csv-reader.js'
import { JsonLinesReader } from './jsonl-reader.js'
import {
  describeFileError,
  openRegularFile,
  type ChunkedFileOptions
} from './chunked-file.js'
import { MlflowPredictionsReader } from './mlflow-predictions-reader.js'
import { ParquetReader } from './parquet-reader.js'
import { PartFolderReader, listParts } from './part-folder.js'
import type { RecordReader } from './record-reader.js'

/** Bytes looked at to tell what a file is. */
const HEAD_BYTES = 4096

/** A file format told from its first bytes, with the advice for it. */
export interface SniffedKind {
  readonly kind:
    'parquet' | 'gzip' | 'zip' | 'xlsx' | 'compressed' | 'utf-16' | 'binary'
  /** What the file is, in words: "a Parquet file". */
  readonly what: string
  /** What to do about it. */
  readonly advice: string
}

const CONVERT =
  'champion-gate reads CSV, JSON Lines, Parquet, their gzip-compressed forms (.csv.gz, .jsonl.gz) and the JSON that `mlflow models predict` writes; write the data as one of those (pandas: `df.to_parquet(path)` or `df.to_csv(path, index=False)`)'

function startsWith(head: Uint8Array, ...bytes: number[]): boolean {
  if (head.length < bytes.length) return false
  return bytes.every((b, k) => head[k] === b)
}

function startsWithText(head: Uint8Array, text: string): boolean {
  return startsWith(head, ...[...text].map((c) => c.charCodeAt(0)))
}

/**
 * What the first bytes of a file say it is, when it is not UTF-8 text;
 * undefined for text. Magic numbers: Parquet `PAR1`, gzip 1f 8b, zip
 * `PK\x03\x04` (an .xlsx workbook is a zip holding `xl/`), bzip2, xz,
 * zstd, Arrow, ORC, Avro, NumPy, HDF5, SQLite, legacy Excel (OLE2), PDF,
 * pickle; UTF-16 by its byte order mark; anything else with a NUL byte in
 * its first KiB is binary (text never holds one).
 */
export function sniffKind(head: Uint8Array): SniffedKind | undefined {
  if (startsWithText(head, 'PAR1'))
    return { kind: 'parquet', what: 'a Parquet file', advice: CONVERT }
  if (startsWith(head, 0x1f, 0x8b))
    return {
      kind: 'gzip',
      what: 'gzip-compressed',
      advice: 'decompress it first (`gunzip`) and give the path of the result'
    }
  if (startsWithText(head, 'PK\x03\x04')) {
    const xlsx = Buffer.from(head).includes('xl/')
    return xlsx
      ? {
          kind: 'xlsx',
          what: 'an Excel workbook (.xlsx)',
          advice: `${CONVERT}, or save the sheet as "CSV UTF-8"`
        }
      : {
          kind: 'zip',
          what: 'a zip archive',
          advice: 'unzip it first and give the path of the data file inside'
        }
  }
  const compressed: [number[], string][] = [
    [[0x42, 0x5a, 0x68], 'bzip2-compressed'],
    [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed'],
    [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed']
  ]
  for (const [magic, what] of compressed)
    if (startsWith(head, ...magic))
      return {
        kind: 'compressed',
        what,
        advice: 'decompress it first and give the path of the result'
      }
  const binary: [string | number[], string][] = [
    ['ARROW1', 'an Arrow IPC file'],
    ['ORC', 'an ORC file'],
    ['Obj\x01', 'an Avro file'],
    ['\x93NUMPY', 'a NumPy array file'],
    [[0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 'an HDF5 file'],
    ['SQLite format 3\x00', 'an SQLite database'],
    [
      [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
      'an old-style Excel workbook (.xls)'
    ],
    ['%PDF', 'a PDF document']
  ]
  for (const [magic, what] of binary) {
    const found =
      typeof magic === 'string'
        ? startsWithText(head, magic)
        : startsWith(head, ...magic)
    if (found) return { kind: 'binary', what, advice: CONVERT }
  }
  if (startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff))
    return {
      kind: 'utf-16',
      what: 'UTF-16 text',
      advice: 'save it as UTF-8 (Excel: "CSV UTF-8"; iconv -f UTF-16 -t UTF-8)'
    }
  if (head.subarray(0, 1024).includes(0)) {
    const pickle =
      head[0] === 0x80 && head[1] >= 2 && head[1] <= 5
        ? 'a Python pickle'
        : 'a binary file'
    return { kind: 'binary', what: pickle, advice: CONVERT }
  }
  return undefined
}

/** The first bytes of a file (only regular files are opened at all). */
function readHead(path: string): Uint8Array {
  const { fd } = openRegularFile(path)
  try {
    const bytes = Buffer.alloc(HEAD_BYTES)
    const read = readSync(fd, bytes, 0, bytes.length, 0)
    return bytes.subarray(0, read)
  } catch (error) {
    throw new DataError(path, undefined, describeFileError(error))
  } finally {
    closeSync(fd)
  }
}

const NAMED_FORMATS: Record<string, string> = {
  '.csv': 'CSV',
  '.jsonl': 'JSON Lines',
  '.ndjson': 'JSON Lines',
  '.json': 'JSON',
  '.parquet': 'Parquet',
  '.pq': 'Parquet',
  '.gz': 'gzip'
}

type TextFormat = 'csv' | 'jsonl' | 'mlflow-json'

function textFormat(extension: string): TextFormat | undefined {
  if (extension === '.csv') return 'csv'
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl'
  if (extension === '.json') return 'mlflow-json'
  return undefined
}

/**
 * Opens a data file, or a folder of part files, for reading. The path's
 * extension and its first bytes must agree; see the module comment.
 */
export function openRecordReader(
  path: string,
  options: ChunkedFileOptions = {}
): RecordReader {
  let directory = false
  try {
    directory = statSync(path).isDirectory()
  } catch {
    // Not there, or not readable: opening it as a file names the problem.
  }
  if (directory)
    return new PartFolderReader(path, listParts(path), openFileReader, options)
  return openFileReader(path, options)
}

function openFileReader(
  path: string,
  options: ChunkedFileOptions
): RecordReader {
  const head = readHead(path)
  const extension = extname(path).toLowerCase()
  const gzipped = extension === '.gz'
  // `test.csv.gz`: the format is the extension before `.gz`.
  const inner = gzipped
    ? extname(path.slice(0, -extension.length)).toLowerCase()
    : extension
  const kind = sniffKind(head)
  const promised = NAMED_FORMATS[extension]
  const not = promised
    ? `, not ${promised} (its name ends in ${extension})`
    : ''
  if (kind?.kind === 'parquet') {
    if (promised && promised !== 'Parquet')
      throw new DataError(
        path,
        undefined,
        `is a Parquet file${not}; rename it to .parquet`
      )
    return new ParquetReader(path, options)
  }
  if (promised === 'Parquet')
    throw new DataError(
      path,
      undefined,
      kind
        ? `its name ends in ${extension} but it is ${kind.what}, not a Parquet file; ${kind.advice}`
        : `its name ends in ${extension} but it is not a Parquet file (it does not start with PAR1; it looks like text): rename it to what it is (.csv, .jsonl)`
    )
  if (kind?.kind === 'gzip') {
    if (promised && !gzipped)
      throw new DataError(
        path,
        undefined,
        `is gzip-compressed${not}; name it ${extension}.gz, or decompress it (\`gunzip\`)`
      )
    const inflated = inflatedHead(head)
    const innerKind = sniffKind(inflated)
    if (innerKind)
      throw new DataError(
        path,
        undefined,
        innerKind.kind === 'parquet'
          ? 'is a gzip-compressed Parquet file; Parquet compresses its own pages: give the .parquet file itself'
          : `is gzip-compressed ${innerKind.what}; ${innerKind.advice}`
      )
    const format = textFormat(inner) ?? sniffText(inflated)
    return openTextReader(path, format, inflated, { ...options, gzip: true })
  }
  if (kind)
    throw new DataError(
      path,
      undefined,
      `is ${kind.what}${not}; ${kind.advice}`
    )
  if (gzipped)
    throw new DataError(
      path,
      undefined,
      'its name ends in .gz but it is not gzip-compressed (it does not start with the gzip bytes 1f 8b); remove the .gz from its name'
    )
  return openTextReader(
    path,
    textFormat(extension) ?? sniffText(head),
    head,
    options
  )
}

function openTextReader(
  path: string,
  format: TextFormat,
  head: Uint8Array,
  options: ChunkedFileOptions
): RecordReader {
  switch (format) {
    case 'csv':
      return new CsvReader(path, options)
    case 'jsonl':
      return new JsonLinesReader(path, options)
    case 'mlflow-json':
      checkJsonDocument(path, head)
      return new MlflowPredictionsReader(path, options)
  }
}

/** The first inflated bytes of a gzip file (to tell what it holds); empty when they cannot be had. */
function inflatedHead(head: Uint8Array): Uint8Array {
  try {
    // Z_SYNC_FLUSH: the head is a prefix of the stream, not all of it.
    return gunzipSync(head, { finishFlush: 2 }).subarray(0, HEAD_BYTES)
  } catch {
    // A damaged stream: the reader says so when it reads it.
    return new Uint8Array(0)
  }
}

/** The format of a file whose name does not say it, from its first bytes. */
function sniffText(head: Uint8Array): TextFormat {
  const text = Buffer.from(head).toString('utf8').trimStart()
  if (text.startsWith('[') || /^\{\s*"predictions"\s*:/.test(text))
    return 'mlflow-json'
  if (text.startsWith('{')) return 'jsonl'
  return 'csv'
}

/**
 * A `.json` file must be a JSON document; one that is JSON Lines or CSV
 * gets told what to rename it to (the extension is what chose the reader).
 */
function checkJsonDocument(path: string, head: Uint8Array): void {
  // trimStart also drops a byte order mark.
  const text = Buffer.from(head).toString('utf8').trimStart()
  if (text === '' || text.startsWith('[')) return
  const selects =
    'the .json extension selects the document that `mlflow models predict` writes ({"predictions": [...]})'
  if (!text.startsWith('{')) {
    throw new DataError(
      path,
      undefined,
      `does not start with { or [, so it is not JSON (it looks like CSV); ${selects}: if the file is CSV, rename it to .csv`
    )
  }
  const lines = text.split('\n')
  if (lines.length < 2 || !lines[1].trimStart().startsWith('{')) return
  let first: unknown
  try {
    first = JSON.parse(lines[0])
  } catch {
    return
  }
  if (
    typeof first === 'object' &&
    first !== null &&
    !Array.isArray(first) &&
    !('predictions' in first)
  ) {
    throw new DataError(
      path,
      undefined,
      `holds one JSON object per line (JSON Lines), but ${selects}; rename it to .jsonl`
    )
  }
}
