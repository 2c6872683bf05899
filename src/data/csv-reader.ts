/**
 * A streaming CSV reader (RFC 4180: header row, comma separated, fields may
 * be quoted with "" for a quote and may hold line breaks). Lines without a
 * quote, nearly all of them, are split in place with no copying; a quoted
 * record is unquoted into a scratch buffer.
 */

import { DataError } from '../errors.js'
import type { ChunkedFileOptions } from './chunked-file.js'
import { LineSource } from './line-source.js'
import { listFields, type RecordReader } from './record-reader.js'

const COMMA = 44
const QUOTE = 34
const encoder = new TextEncoder()
const BLANK_LINE =
  'blank line between data rows; remove it or fill in the row (rows are counted and matched, so a blank line cannot be skipped silently)'

export class CsvReader implements RecordReader {
  readonly format = 'csv'
  readonly positionKind = 'line'
  readonly header: string[]
  bytes: Uint8Array
  readonly start: Int32Array
  readonly end: Int32Array
  private readonly lines: LineSource
  private scratch = Buffer.allocUnsafe(4096)

  constructor(
    readonly path: string,
    options: ChunkedFileOptions = {}
  ) {
    this.lines = new LineSource(path, options)
    if (!this.lines.next()) {
      this.lines.close()
      throw new DataError(
        path,
        undefined,
        'the file is empty; expected a CSV header row and at least one data row'
      )
    }
    // A UTF-8 byte order mark (Excel writes one) is not part of the first name.
    const b = this.lines.buffer
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
      this.lines.lineStart += 3
    this.header = this.readFields().map((name) => name.trim())
    if (this.header.length === 1 && this.header[0] === '') {
      throw new DataError(
        path,
        1,
        'the header row is blank; the first line must name the columns'
      )
    }
    this.start = new Int32Array(this.header.length)
    this.end = new Int32Array(this.header.length)
    this.bytes = this.lines.buffer
  }

  get position(): number {
    return this.lines.lineNumber
  }

  has(field: string): boolean {
    return this.header.includes(field)
  }

  names(): readonly string[] {
    return this.header
  }

  bind(field: string, input: string): number {
    const index = this.header.indexOf(field)
    if (index < 0) {
      throw new DataError(
        this.path,
        1,
        `no column '${field}' (from input '${input}'); the header has ${listFields(this.header)}`
      )
    }
    return index
  }

  next(): boolean {
    for (;;) {
      const fields = this.lines.nextFields(this.start, this.end)
      if (fields === 0) return false
      // A line with a comma (or a quote: -1) is not blank; only one-field lines need the check.
      const blank = fields === 1 && this.lines.isBlank
      if (this.lines.skipBlank(blank, BLANK_LINE)) continue
      if (fields < 0) {
        this.splitQuoted()
      } else {
        this.bytes = this.lines.buffer
        this.checkFieldCount(fields)
      }
      return true
    }
  }

  close(): void {
    this.lines.close()
  }

  /** The slow path: a record with quotes, possibly over several lines. */
  private splitQuoted(): void {
    const values = this.readFields()
    this.checkFieldCount(values.length)
    let size = 0
    const encoded = values.map((v) => encoder.encode(v))
    for (const e of encoded) size += e.length
    if (this.scratch.length < size) this.scratch = Buffer.allocUnsafe(size * 2)
    let offset = 0
    for (let k = 0; k < encoded.length; k++) {
      this.scratch.set(encoded[k], offset)
      this.start[k] = offset
      offset += encoded[k].length
      this.end[k] = offset
    }
    this.bytes = this.scratch
  }

  private checkFieldCount(found: number): void {
    if (found !== this.start.length) {
      throw new DataError(
        this.path,
        this.lines.lineNumber,
        `this row has ${found} field${found === 1 ? '' : 's'} but the header has ${this.start.length}; check for a missing or extra comma (quote fields that contain commas)`
      )
    }
  }

  /** Parses the current line (extending it over quoted line breaks) into strings. */
  private readFields(): string[] {
    const lines = this.lines
    const fields: string[] = []
    let current = ''
    let quoted = false
    let i = lines.lineStart
    let chunkStart = i
    for (;;) {
      const bytes = lines.buffer
      const lineEnd = lines.lineEnd
      for (; i < lineEnd; i++) {
        const c = bytes[i]
        if (quoted) {
          if (c === QUOTE) {
            current += bytes.toString('utf8', chunkStart, i)
            if (i + 1 < lineEnd && bytes[i + 1] === QUOTE) {
              current += '"'
              i++
            } else {
              quoted = false
            }
            chunkStart = i + 1
          }
        } else if (c === QUOTE) {
          current += bytes.toString('utf8', chunkStart, i)
          quoted = true
          chunkStart = i + 1
        } else if (c === COMMA) {
          current += bytes.toString('utf8', chunkStart, i)
          fields.push(current)
          current = ''
          chunkStart = i + 1
        }
      }
      current += bytes.toString('utf8', chunkStart, lineEnd)
      if (!quoted) break
      // A quoted field goes on over the line break.
      const offset = i - lines.lineStart
      const lineBreak = bytes[lineEnd] === 13 ? '\r\n' : '\n'
      if (!lines.extend()) {
        throw new DataError(
          this.path,
          lines.lineNumber,
          'a quoted field is never closed; add the closing double quote'
        )
      }
      current += lineBreak
      i = lines.lineStart + offset
      // Skip the line break itself.
      while (
        i < lines.lineEnd &&
        (lines.buffer[i] === 10 || lines.buffer[i] === 13)
      )
        i++
      chunkStart = i
    }
    fields.push(current)
    return fields
  }
}
