/**
 * Reads a file line by line (the JSON Lines reader's base). A line
 * is a byte range of `buffer`, valid until the next call; no string is made
 * for it.
 */

import { DataError } from '../errors.js'
import { ChunkedFile, recordTooLongDetail } from './chunked-file.js'

/**
 * The readers' blank-line rule, one for all: true to skip a blank record.
 * Blank lines at the end are harmless; one followed by data is a lost row,
 * and the next record of data throws a DataError with `problem` at the
 * blank. `seen` remembers the first blank line (0: none).
 */
export function skipBlankLine(
  seen: { line: number },
  blank: boolean,
  line: number,
  path: string,
  problem: string
): boolean {
  if (blank) {
    if (seen.line === 0) seen.line = line
    return true
  }
  if (seen.line !== 0) throw new DataError(path, seen.line, problem)
  return false
}

const NEWLINE = 10
const CARRIAGE_RETURN = 13

export class LineSource extends ChunkedFile {
  /** The current line: bytes [lineStart, lineEnd) of `buffer`, without its line break. */
  lineStart = 0
  lineEnd = 0
  /** 1-based number of the current line's first physical line. */
  lineNumber = 0
  private position = 0
  private physicalLines = 0
  private readonly blank = { line: 0 }

  /** The readers' blank-line rule (see `skipBlankLine`) at the current line. */
  skipBlank(blank: boolean, problem: string): boolean {
    return skipBlankLine(this.blank, blank, this.lineNumber, this.path, problem)
  }

  /** Moves to the next line; false at the end of the file. */
  next(): boolean {
    const end = this.findLineEnd(this.position)
    if (end < 0) return false
    this.lineStart = this.position
    // A UTF-8 byte order mark (Windows tools write one) is not part of the first record.
    const b = this.buffer
    if (
      this.physicalLines === 0 &&
      end - this.lineStart >= 3 &&
      b[this.lineStart] === 0xef &&
      b[this.lineStart + 1] === 0xbb &&
      b[this.lineStart + 2] === 0xbf
    )
      this.lineStart += 3
    this.physicalLines++
    this.lineNumber = this.physicalLines
    this.finishLine(end)
    return true
  }

  protected recordTooLong(): DataError {
    return new DataError(
      this.path,
      this.physicalLines + 1,
      recordTooLongDetail(this.maxRecordBytes)
    )
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
    if (lineEnd - this.lineStart > this.maxRecordBytes) {
      this.physicalLines--
      throw this.recordTooLong()
    }
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
