/**
 * A streaming reader for the JSON that `mlflow models predict` writes:
 * `{"predictions": [...]}` (a bare top-level array is accepted too). Items
 * may be numbers, labels, `[p0, p1]` probability pairs, or objects keyed by
 * the prediction column. The file is scanned in chunks, item by item, so a
 * 2-million-item document never sits in memory whole; items are numbered
 * from 1 in messages ("item 12").
 */

import { DataError } from '../errors.js'
import { jsonValueText } from './json-value.js'
import { ChunkedFile, type ChunkedFileOptions } from './chunked-file.js'
import type { RecordReader } from './record-reader.js'

const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const encoder = new TextEncoder()

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9
}

export class MlflowPredictionsReader
  extends ChunkedFile
  implements RecordReader
{
  readonly format = 'mlflow-json'
  readonly positionKind = 'item'
  position = 0
  bytes: Uint8Array
  readonly start = new Int32Array(1)
  readonly end = new Int32Array(1)
  private cursor = 0
  private finished = false
  private key = 'prediction'
  private scratch = new Uint8Array(256)

  constructor(path: string, options: ChunkedFileOptions = {}) {
    super(path, options)
    this.bytes = this.buffer
    this.openArray()
  }

  /** Items carry no other fields than the prediction, so no id column. */
  has(): boolean {
    return false
  }

  bind(field: string): number {
    this.key = field
    return 0
  }

  next(): boolean {
    if (this.finished) return false
    let c = this.peekNonSpace()
    if (c === -1)
      this.fail(
        'the file ends inside the predictions array; was it written completely?'
      )
    if (this.position > 0) {
      if (c === COMMA) {
        this.cursor++
        c = this.peekNonSpace()
      } else if (c !== CLOSE_BRACKET) {
        this.fail('expected "," or "]" after this item')
      }
    }
    if (c === CLOSE_BRACKET) {
      this.finished = true
      return false
    }
    if (c === -1)
      this.fail(
        'the file ends inside the predictions array; was it written completely?'
      )
    this.position++
    this.readItem()
    return true
  }

  private fail(detail: string): never {
    throw new DataError(
      this.path,
      undefined,
      `item ${Math.max(this.position, 1)}: ${detail}`
    )
  }

  /** Skips `{"predictions":` up to and including the array's `[`. */
  private openArray(): void {
    this.refill()
    const c = this.peekNonSpace()
    if (c === OPEN_BRACKET) {
      this.cursor++
      return
    }
    // Read enough of the head to see the key.
    while (!this.endOfFile && this.filled - this.cursor < 256) this.refill()
    const head = this.buffer.toString(
      'utf8',
      this.cursor,
      Math.min(this.filled, this.cursor + 256)
    )
    const match = /^\{\s*"predictions"\s*:\s*\[/.exec(head)
    if (!match) {
      const problem =
        c === -1
          ? 'the file is empty'
          : /^\{\s*"predictions"\s*:\s*\{/.test(head)
            ? '"predictions" is an object; expected an array (one item per test-set row)'
            : 'expected {"predictions": [...]} as written by `mlflow models predict`, a CSV with a header, or JSON Lines'
      throw new DataError(this.path, undefined, problem)
    }
    this.cursor += Buffer.byteLength(match[0])
    if (this.peekNonSpace() === CLOSE_BRACKET) {
      throw new DataError(
        this.path,
        undefined,
        'the predictions array is empty; the scorer produced no predictions'
      )
    }
  }

  /** The next non-blank byte (not consumed), or -1 at the end of the file. */
  private peekNonSpace(): number {
    for (;;) {
      while (this.cursor < this.filled && isSpace(this.buffer[this.cursor]))
        this.cursor++
      if (this.cursor < this.filled) return this.buffer[this.cursor]
      if (this.endOfFile) return -1
      this.refill()
    }
  }

  /** Scans one item from the cursor and points start/end at its text. */
  private readItem(): void {
    for (;;) {
      const itemStart = this.cursor
      const itemEnd = this.scanItem(itemStart)
      if (itemEnd >= 0) {
        this.cursor = itemEnd
        this.takeItem(itemStart, itemEnd)
        return
      }
      if (this.endOfFile)
        this.fail('the file ends inside this item; was it written completely?')
      this.refill()
    }
  }

  /** The end of the item starting at `from`, or -1 when the buffer ends first. */
  private scanItem(from: number): number {
    const b = this.buffer
    const filled = this.filled
    const first = b[from]
    if (first === QUOTE) {
      for (let i = from + 1; i < filled; i++) {
        if (b[i] === BACKSLASH) i++
        else if (b[i] === QUOTE) return i + 1
      }
      return -1
    }
    if (first === OPEN_BRACKET || first === OPEN_BRACE) {
      let depth = 0
      for (let i = from; i < filled; i++) {
        const c = b[i]
        if (c === QUOTE) {
          for (i++; i < filled && b[i] !== QUOTE; i++)
            if (b[i] === BACKSLASH) i++
          if (i >= filled) return -1
        } else if (c === OPEN_BRACKET || c === OPEN_BRACE) depth++
        else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
          depth--
          if (depth === 0) return i + 1
        }
      }
      return -1
    }
    for (let i = from; i < filled; i++) {
      const c = b[i]
      if (c === COMMA || c === CLOSE_BRACKET || isSpace(c)) return i
    }
    return this.endOfFile ? filled : -1
  }

  private takeItem(itemStart: number, itemEnd: number): void {
    const b = this.buffer
    const first = b[itemStart]
    if (first !== QUOTE && first !== OPEN_BRACKET && first !== OPEN_BRACE) {
      // A bare number (the common case): hand on its bytes as they are.
      const isNull =
        itemEnd - itemStart === 4 &&
        b.toString('latin1', itemStart, itemEnd) === 'null'
      this.bytes = b
      this.start[0] = itemStart
      this.end[0] = isNull ? itemStart : itemEnd
      return
    }
    if (first === OPEN_BRACKET) {
      // [p0, p1] of plain numbers: hand on the pair's bytes without parsing;
      // the score parser picks the entry (it depends on the test set's labels).
      let commas = 0
      let simple = true
      for (let i = itemStart + 1; i < itemEnd - 1; i++) {
        const c = b[i]
        if (c === COMMA) commas++
        else if (c === QUOTE || c === OPEN_BRACKET || c === OPEN_BRACE)
          simple = false
      }
      if (simple && commas === 1) {
        this.bytes = b
        this.start[0] = itemStart
        this.end[0] = itemEnd
        return
      }
    }
    let value: unknown
    try {
      value = JSON.parse(b.toString('utf8', itemStart, itemEnd))
    } catch (error) {
      this.fail(`not valid JSON (${(error as Error).message})`)
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const record = value as Record<string, unknown>
      if (!(this.key in record)) {
        this.fail(
          `this object has no key '${this.key}' (input 'prediction-column'); it has ${
            Object.keys(record)
              .map((k) => `'${k}'`)
              .join(', ') || 'no keys'
          }`
        )
      }
      value = record[this.key]
    }
    const text = jsonValueText(value)
    if (typeof text !== 'string') this.fail(text.problem)
    const encoded = encoder.encode(text)
    if (encoded.length > this.scratch.length)
      this.scratch = new Uint8Array(encoded.length * 2)
    this.scratch.set(encoded)
    this.bytes = this.scratch
    this.start[0] = 0
    this.end[0] = encoded.length
  }

  /** Keeps bytes from the cursor on, reads the next chunk after them. */
  private refill(): void {
    this.cursor -= this.readMore(this.cursor)
  }
}
