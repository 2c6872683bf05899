/**
 * Reads a file line by line (the CSV and JSON Lines readers' base). A line
 * is a byte range of `buffer`, valid until the next call; no string is made
 * for it.
 */

import { DataError } from '../errors.js'
import { ChunkedFile } from './chunked-file.js'

const NEWLINE = 10
const CARRIAGE_RETURN = 13
const COMMA = 44
const QUOTE = 34

export class LineSource extends ChunkedFile {
  /** The current line: bytes [lineStart, lineEnd) of `buffer`, without its line break. */
  lineStart = 0
  lineEnd = 0
  /** 1-based number of the current line's first physical line. */
  lineNumber = 0
  private position = 0
  private physicalLines = 0
  private blankLine = 0

  /**
   * The readers' blank-line rule: true to skip a blank current line. Blank
   * lines at the end are harmless; one followed by data is a lost row, and
   * the next line of data throws a DataError with `problem` at the blank.
   */
  skipBlank(blank: boolean, problem: string): boolean {
    if (blank) {
      if (this.blankLine === 0) this.blankLine = this.lineNumber
      return true
    }
    if (this.blankLine !== 0)
      throw new DataError(this.path, this.blankLine, problem)
    return false
  }

  /** Moves to the next line; false at the end of the file. */
  next(): boolean {
    const end = this.findLineEnd(this.position)
    if (end < 0) return false
    this.lineStart = this.position
    this.physicalLines++
    this.lineNumber = this.physicalLines
    this.finishLine(end)
    return true
  }

  /**
   * The CSV fast path: moves to the next line and records its comma-separated
   * field bounds in the same scan (one pass over the bytes instead of two).
   * Returns the number of fields, 0 at the end of the file, or -1 when the
   * line holds a double quote: the line is then current, for the slow path.
   */
  nextFields(start: Int32Array, end: Int32Array): number {
    const columns = start.length
    for (;;) {
      const bytes = this.buffer
      const filled = this.filled
      const lineStart = this.position
      let fieldStart = lineStart
      let field = 0
      let i = lineStart
      for (; i < filled; i++) {
        const c = bytes[i]
        if (c === COMMA) {
          if (field < columns) {
            start[field] = fieldStart
            end[field] = i
          }
          field++
          fieldStart = i + 1
        } else if (c === NEWLINE) {
          break
        } else if (c === QUOTE) {
          return this.next() ? -1 : 0
        }
      }
      if (i === filled && !this.endOfFile) {
        this.refill(lineStart)
        continue
      }
      if (i === filled && lineStart === filled) return 0
      let lineEnd = i
      if (lineEnd > lineStart && bytes[lineEnd - 1] === CARRIAGE_RETURN)
        lineEnd--
      if (field < columns) {
        start[field] = fieldStart
        end[field] = lineEnd
      }
      this.lineStart = lineStart
      this.lineEnd = lineEnd
      this.position = i < filled ? i + 1 : i
      this.physicalLines++
      this.lineNumber = this.physicalLines
      return field + 1
    }
  }

  /**
   * Extends the current line by the next physical line (a quoted CSV field
   * that holds a line break); false when the file ends first.
   */
  extend(): boolean {
    const keep = this.lineStart
    const end = this.findLineEnd(this.position, keep)
    if (end < 0) return false
    this.physicalLines++
    this.finishLine(end)
    return true
  }

  /** True when the current line holds nothing but blanks. */
  get isBlank(): boolean {
    for (let i = this.lineStart; i < this.lineEnd; i++) {
      const c = this.buffer[i]
      if (c !== 32 && c !== 9) return false
    }
    return true
  }

  private finishLine(end: number): void {
    // `end` is the index of the newline, or `filled` for a last line without one.
    this.position = end < this.filled ? end + 1 : end
    let lineEnd = end
    if (
      lineEnd > this.lineStart &&
      this.buffer[lineEnd - 1] === CARRIAGE_RETURN
    )
      lineEnd--
    this.lineEnd = lineEnd
  }

  /**
   * Index of the next newline at or after `from`, reading more as needed;
   * `filled` for a final line without a newline; -1 when nothing is left.
   * Bytes from `keep` on are kept in the buffer (indexes may shift).
   */
  private findLineEnd(from: number, keep = from): number {
    let searchFrom = from
    for (;;) {
      const found = this.buffer.indexOf(NEWLINE, searchFrom)
      if (found >= 0 && found < this.filled) return found
      if (this.endOfFile) return this.filled > from ? this.filled : -1
      // [searchFrom, filled) holds no newline: after the refill, search on
      // from where this search stopped.
      const searched = this.filled
      const shift = this.refill(keep)
      searchFrom = searched - shift
      from -= shift
      keep -= shift
      this.lineStart -= shift
    }
  }

  /** Keeps bytes from `keep` on, reads more; returns the shift. */
  private refill(keep: number): number {
    const shift = this.readMore(keep)
    this.position -= shift
    return shift
  }
}
