/**
 * A folder of part files, as Spark, pandas (pyarrow) or Polars write a
 * table: `part-00000-….csv`, `part-0.parquet`, … read one after another as
 * one file. Bookkeeping files are skipped: names starting with `_`
 * (`_SUCCESS`, `_committed_*`, `_started_*`, `_metadata`) or `.` (`.crc`
 * checksums, `.part-….crc`, editor files), and `*.crc`. Anything else that
 * is not a `part*` file, or a subfolder (a partitioned table,
 * `key=value/`), is refused by name rather than skipped or guessed at.
 *
 * Parts are read in name order, digits compared as numbers (`part-2`
 * before `part-10`, as pyarrow numbers them; Spark's zero-padded names sort
 * the same either way). Each part is opened like a single file (extension
 * and magic bytes, the regular-file checks), and all must be of one format.
 * The bytes of all parts, in that order, go to `onBytes`: the test set's
 * sha256 of a folder is that of its parts concatenated. Messages name the
 * part and its line or row.
 */

import { readdirSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import { DataError } from '../errors.js'
import type { ChunkedFileOptions } from './chunked-file.js'
import { describeFileError } from './chunked-file.js'
import { storedFormat, type RecordReader } from './record-reader.js'
import { shown, shownList } from './shown-value.js'

/** Numeric-aware name order: runs of digits compare as numbers. */
export function comparePartNames(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? []
  const pb = b.match(/\d+|\D+/g) ?? []
  for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
    const x = pa[k]
    const y = pb[k]
    if (x === y) continue
    const digits = /^\d/.test(x) && /^\d/.test(y)
    if (digits) {
      const nx = BigInt(x)
      const ny = BigInt(y)
      if (nx !== ny) return nx < ny ? -1 : 1
    }
    return x < y ? -1 : 1
  }
  return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0)
}

function isBookkeeping(name: string): boolean {
  return name.startsWith('_') || name.startsWith('.') || name.endsWith('.crc')
}

/** The part files of a folder in read order; throws a DataError for a folder that is not one. */
export function listParts(folder: string): string[] {
  let names: string[]
  try {
    names = readdirSync(folder)
  } catch (error) {
    throw new DataError(folder, undefined, describeFileError(error))
  }
  const parts: string[] = []
  const strangers: string[] = []
  let emptyParts = 0
  for (const name of names) {
    if (isBookkeeping(name)) continue
    let directory = false
    let empty = false
    try {
      const stat = statSync(join(folder, name))
      directory = stat.isDirectory()
      // Spark writes an empty file for a partition with no rows.
      empty = stat.isFile() && stat.size === 0
    } catch {
      // A dangling link: opening it as a part names the problem.
    }
    if (directory) {
      throw new DataError(
        folder,
        undefined,
        `holds a subfolder ${shown(name)}; partitioned tables (key=value/ folders) are not read: write the table unpartitioned (Spark: without partitionBy) or give the path of one partition`
      )
    }
    if (!name.startsWith('part')) strangers.push(name)
    else if (empty) emptyParts++
    else parts.push(name)
  }
  if (strangers.length > 0) {
    throw new DataError(
      folder,
      undefined,
      `is a folder, read as the part files a Spark, pandas or Polars job writes (part-*), but it also holds ${shownList(strangers.sort())}; remove them or give the path of a single data file`
    )
  }
  if (parts.length === 0) {
    throw new DataError(
      folder,
      undefined,
      emptyParts > 0
        ? `is a folder whose ${emptyParts} part file${emptyParts === 1 ? ' is' : 's are all'} empty (0 bytes); the job that wrote it wrote no rows`
        : names.length === 0
          ? 'is an empty folder; expected the part files (part-*) a Spark, pandas or Polars job writes, or give the path of a data file'
          : `is a folder with no part files (part-*), only ${shownList(names.sort())}; did the job that writes it fail before writing its rows?`
    )
  }
  return parts.sort(comparePartNames).map((name) => join(folder, name))
}

export class PartFolderReader implements RecordReader {
  private current: RecordReader
  private index = 0
  private readonly fields: {
    field: string
    input: string
    asNumber: boolean
    /** Bound with bindInteger (else bindNumber), when asNumber. */
    integer?: boolean
  }[] = []
  /** Per slot: the current part gives it as a number (see RecordReader.bindNumber). */
  private numeric: boolean[] = []
  /** Slot in the current part of each folder slot. */
  private slots: number[] = []

  constructor(
    readonly folder: string,
    private readonly partPaths: string[],
    private readonly openPart: (
      path: string,
      options: ChunkedFileOptions
    ) => RecordReader,
    private readonly options: ChunkedFileOptions = {}
  ) {
    this.current = this.openPart(partPaths[0], options)
  }

  get path(): string {
    return this.current.path
  }

  get format(): RecordReader['format'] {
    return this.current.format
  }

  get gzip(): boolean {
    return this.current.gzip ?? false
  }

  get parts(): number {
    return this.partPaths.length
  }

  get position(): number {
    return this.current.position
  }

  get positionKind(): RecordReader['positionKind'] {
    return this.current.positionKind
  }

  get bytes(): Uint8Array {
    return this.current.bytes
  }

  start = new Int32Array(0)
  end = new Int32Array(0)
  numbers = new Float64Array(0)

  has(field: string): boolean {
    return this.current.has(field)
  }

  names(): readonly string[] {
    return this.current.names()
  }

  bindNumber(field: string, input: string): number | undefined {
    const slot = this.current.bindNumber?.(field, input)
    return slot === undefined ? undefined : this.add(field, input, true, slot)
  }

  bindInteger(field: string, input: string): number | undefined {
    const slot = this.current.bindInteger?.(field, input)
    return slot === undefined
      ? undefined
      : this.add(field, input, true, slot, true)
  }

  bind(field: string, input: string): number {
    const known = this.fields.findIndex((f) => f.field === field && !f.asNumber)
    if (known >= 0) return known
    return this.add(field, input, false, this.current.bind(field, input))
  }

  private add(
    field: string,
    input: string,
    asNumber: boolean,
    slot: number,
    integer = false
  ): number {
    this.slots.push(slot)
    this.numeric.push(asNumber)
    this.fields.push({ field, input, asNumber, integer })
    this.start = new Int32Array(this.fields.length)
    this.end = new Int32Array(this.fields.length)
    this.numbers = new Float64Array(this.fields.length)
    return this.fields.length - 1
  }

  next(): boolean {
    while (!this.current.next()) {
      if (this.index + 1 >= this.partPaths.length) return false
      this.openNext()
    }
    const { start, end, numbers } = this.current
    for (let k = 0; k < this.slots.length; k++) {
      this.start[k] = start[this.slots[k]]
      this.end[k] = end[this.slots[k]]
      // NaN: the field's text is in `bytes` (see RecordReader.bindNumber).
      this.numbers[k] = this.numeric[k] ? numbers![this.slots[k]] : NaN
    }
    return true
  }

  close(): void {
    this.current.close()
  }

  private openNext(): void {
    const first = storedFormat(this.current)
    this.current.close()
    this.index++
    const path = this.partPaths[this.index]
    this.current = this.openPart(path, this.options)
    const format = storedFormat(this.current)
    if (format !== first) {
      this.current.close()
      throw new DataError(
        path,
        undefined,
        `is ${format}, but the folder's first part ${shown(basename(this.partPaths[0]))} is ${first}; all parts of a folder must have one format`
      )
    }
    this.slots = []
    this.numeric = []
    for (const { field, input, asNumber, integer } of this.fields) {
      const slot = !asNumber
        ? undefined
        : integer
          ? this.current.bindInteger?.(field, input)
          : this.current.bindNumber?.(field, input)
      this.numeric.push(slot !== undefined)
      this.slots.push(slot ?? this.current.bind(field, input))
    }
  }
}
