/**
 * A streaming CSV reader that reads a file exactly as Python's `csv` module
 * (the `excel` dialect) and pandas do: comma separated, a header row, a
 * field that *starts* with a double quote is quoted ("" for a quote, may
 * hold commas and line breaks), and a quote anywhere else is a plain
 * character (`5" a` is the text 5" a, as Python reads it; treating it as
 * the start of a quoted field would merge rows silently). Records end at
 * `\n`, `\r\n` or a lone `\r`, and lines are counted the same way, so the
 * line numbers in messages are those an editor shows.
 *
 * Records without a quoted field, nearly all of them, are split in place
 * with no copying; a record with one is unquoted into a scratch buffer.
 * Where this reader and Python's differ, this one stops with an error
 * instead: a row whose field count is not the header's (Python returns it
 * short or long), a quoted field still open at the end of the file (Python
 * takes the rest of the file as its text), a blank line between rows, a
 * bound column named twice in the header. Header names are trimmed.
 */

import { DataError } from '../errors.js'
import {
  ChunkedFile,
  recordTooLongDetail,
  type ChunkedFileOptions
} from './chunked-file.js'
import { skipBlankLine } from './line-source.js'
import { listFields, type RecordReader } from './record-reader.js'
import { shown } from './shown-value.js'

const COMMA = 44
const QUOTE = 34
const LF = 10
const CR = 13
/** `nextFast` found a quoted field: the record needs the slow path. */
const SLOW = -1

const START_FIELD = 0
const IN_FIELD = 1
const IN_QUOTED = 2
const QUOTE_IN_QUOTED = 3

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const BLANK_LINE =
  'blank line between data rows; remove it or fill in the row (rows are counted and matched, so a blank line cannot be skipped silently)'

export class CsvReader extends ChunkedFile implements RecordReader {
  readonly format = 'csv'
  readonly positionKind = 'line'
  readonly header: string[]
  bytes: Uint8Array
  start: Int32Array
  end: Int32Array
  /** The line the current record starts on (1-based). */
  position = 0
  /** Where the next record starts in `buffer`, and its line. */
  private cursor = 0
  private nextLine = 1
  /** The first blank line seen (0: none), for the blank-line rule. */
  private readonly blank = { line: 0 }
  private scratch: Buffer = Buffer.allocUnsafe(4096)
  /** Field bounds found by the slow path (any number of fields). */
  private slowStart: number[] = []
  private slowEnd: number[] = []

  constructor(path: string, options: ChunkedFileOptions = {}) {
    super(path, options)
    this.start = new Int32Array(0)
    this.end = new Int32Array(0)
    while (this.filled < 3 && !this.endOfFile) this.refill(0)
    // A UTF-8 byte order mark (Excel writes one) is not part of the first name.
    const b = this.buffer
    if (this.filled >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
      this.cursor = 3
    if (!this.hasMore()) {
      this.close()
      throw new DataError(
        path,
        undefined,
        'the file is empty; expected a CSV header row and at least one data row'
      )
    }
    let count: number
    try {
      count = this.nextSlow()
    } catch (error) {
      this.close()
      throw error
    }
    let names: string[]
    try {
      names = this.slowStart.map((s, k) =>
        strictUtf8.decode(this.scratch.subarray(s, this.slowEnd[k]))
      )
    } catch {
      this.close()
      throw new DataError(
        path,
        1,
        'the header is not valid UTF-8; save the file as UTF-8 (a spreadsheet may have written Latin-1 or Windows-1252)'
      )
    }
    this.header = names.slice(0, count).map((name) => name.trim())
    if (this.header.length === 1 && this.header[0] === '') {
      this.close()
      throw new DataError(
        path,
        1,
        'the header row is blank; the first line must name the columns'
      )
    }
    this.start = new Int32Array(this.header.length)
    this.end = new Int32Array(this.header.length)
    this.bytes = this.buffer
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
        `no column ${shown(field)} (from input '${input}'); the header has ${listFields(this.header)}`
      )
    }
    const again = this.header.indexOf(field, index + 1)
    if (again >= 0) {
      // Python's DictReader would take the last, pandas the first: neither silently.
      throw new DataError(
        this.path,
        1,
        `column ${shown(field)} (from input '${input}') appears twice in the header (columns ${index + 1} and ${again + 1}); rename one`
      )
    }
    return index
  }

  next(): boolean {
    for (;;) {
      if (!this.hasMore()) return false
      let fields = this.nextFast()
      let quoted = false
      if (fields === SLOW) {
        fields = this.nextSlow()
        this.copySlowBounds()
        quoted = true
      } else {
        this.bytes = this.buffer
      }
      // Only a one-field record can be blank (a comma or a quote makes it not).
      const blank = fields === 1 && !quoted && this.isBlank()
      if (
        skipBlankLine(this.blank, blank, this.position, this.path, BLANK_LINE)
      )
        continue
      if (fields !== this.start.length) {
        throw new DataError(
          this.path,
          this.position,
          `this row has ${fields} field${fields === 1 ? '' : 's'} but the header has ${this.start.length}; check for a missing or extra comma (quote fields that contain commas)`
        )
      }
      return true
    }
  }

  protected recordTooLong(): DataError {
    return new DataError(
      this.path,
      this.nextLine,
      recordTooLongDetail(this.maxRecordBytes)
    )
  }

  /** True when bytes are left to read (reading more if needed). */
  private hasMore(): boolean {
    while (this.cursor >= this.filled) {
      if (this.endOfFile) return false
      this.refill(this.cursor)
    }
    return true
  }

  private isBlank(): boolean {
    const b = this.bytes
    for (let i = this.start[0]; i < this.end[0]; i++) {
      const c = b[i]
      if (c !== 32 && c !== 9) return false
    }
    return true
  }

  /**
   * The fast path: the next record's field bounds in `buffer`, found in one
   * scan. Returns the number of fields, or SLOW when a field starts with a
   * quote (nothing consumed then).
   */
  private nextFast(): number {
    const columns = this.start.length
    const start = this.start
    const end = this.end
    for (;;) {
      const b = this.buffer
      const filled = this.filled
      const recordStart = this.cursor
      let fieldStart = recordStart
      let field = 0
      let i = recordStart
      for (; i < filled; i++) {
        const c = b[i]
        if (c === COMMA) {
          if (field < columns) {
            start[field] = fieldStart
            end[field] = i
          }
          field++
          fieldStart = i + 1
        } else if (c === LF || c === CR) {
          break
        } else if (c === QUOTE && i === fieldStart) {
          return SLOW
        }
      }
      // The record (or a CR that may be half of CRLF) runs past the bytes in hand.
      if (
        (i === filled || (b[i] === CR && i + 1 === filled)) &&
        !this.endOfFile
      ) {
        this.refill(recordStart)
        continue
      }
      if (i - recordStart > this.maxRecordBytes) throw this.recordTooLong()
      if (field < columns) {
        start[field] = fieldStart
        end[field] = i
      }
      this.cursor =
        i === filled
          ? i
          : b[i] === CR && i + 1 < filled && b[i + 1] === LF
            ? i + 2
            : i + 1
      this.position = this.nextLine++
      return field + 1
    }
  }

  /**
   * The slow path, Python's `csv` state machine byte by byte: unquotes the
   * next record's fields into `scratch` (bounds in slowStart/slowEnd) and
   * returns how many there are. Line breaks inside quoted fields are
   * counted, so the next record's line stays right.
   */
  private nextSlow(): number {
    const slowStart = this.slowStart
    const slowEnd = this.slowEnd
    slowStart.length = 0
    slowEnd.length = 0
    const recordLine = this.nextLine
    let line = recordLine
    let state = START_FIELD
    let out = 0
    let fieldOut = 0
    let scratch = this.scratch
    let i = this.cursor
    for (;;) {
      if (
        i >= this.filled ||
        (this.buffer[i] === CR && i + 1 === this.filled)
      ) {
        if (!this.endOfFile) {
          i -= this.refill(i)
          continue
        }
        if (i >= this.filled) {
          if (state === IN_QUOTED) {
            throw new DataError(
              this.path,
              recordLine,
              'a quoted field is never closed; add the closing double quote'
            )
          }
          slowStart.push(fieldOut)
          slowEnd.push(out)
          break
        }
      }
      const c = this.buffer[i]
      if (state === IN_QUOTED) {
        if (c === QUOTE) {
          state = QUOTE_IN_QUOTED
        } else {
          if (c === LF || (c === CR && !this.lfAt(i + 1))) line++
          if (out === scratch.length) scratch = this.growScratch(out)
          scratch[out++] = c
        }
        i++
        continue
      }
      if (c === LF || c === CR) {
        slowStart.push(fieldOut)
        slowEnd.push(out)
        i += c === CR && this.lfAt(i + 1) ? 2 : 1
        line++
        break
      }
      if (c === COMMA) {
        slowStart.push(fieldOut)
        slowEnd.push(out)
        fieldOut = out
        state = START_FIELD
      } else if (c === QUOTE && state === START_FIELD) {
        state = IN_QUOTED
      } else if (c === QUOTE && state === QUOTE_IN_QUOTED) {
        // "" inside a quoted field: one quote.
        if (out === scratch.length) scratch = this.growScratch(out)
        scratch[out++] = c
        state = IN_QUOTED
      } else {
        // Text after a closing quote, or any character of an unquoted field
        // (a quote included), is kept as it is, as Python does.
        if (out === scratch.length) scratch = this.growScratch(out)
        scratch[out++] = c
        state = IN_FIELD
      }
      i++
    }
    if (out > this.maxRecordBytes) throw this.recordTooLong()
    this.cursor = i
    this.position = recordLine
    this.nextLine = line
    return slowStart.length
  }

  private lfAt(i: number): boolean {
    return i < this.filled && this.buffer[i] === LF
  }

  private copySlowBounds(): void {
    const n = Math.min(this.start.length, this.slowStart.length)
    for (let k = 0; k < n; k++) {
      this.start[k] = this.slowStart[k]
      this.end[k] = this.slowEnd[k]
    }
    this.bytes = this.scratch
  }

  private growScratch(used: number): Buffer {
    if (used >= this.maxRecordBytes) throw this.recordTooLong()
    const larger = Buffer.allocUnsafe(this.scratch.length * 2)
    this.scratch.copy(larger, 0, 0, used)
    this.scratch = larger
    return larger
  }

  /** Keeps bytes from `keep` on, reads more; returns how far they moved. */
  private refill(keep: number): number {
    const shift = this.readMore(keep)
    this.cursor -= shift
    return shift
  }
}
