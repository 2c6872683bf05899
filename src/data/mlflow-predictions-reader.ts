/**
 * A streaming reader for the JSON that `mlflow models predict` writes:
 * `{"predictions": [...]}` (a bare top-level array is accepted too). Items
 * may be numbers, labels, `[p0, p1]` probability pairs, or objects keyed by
 * the prediction column, as pandas' `to_json(orient="records")` writes them;
 * objects may carry more keys (an id), which are bound like CSV columns. The
 * file is scanned in chunks, item by item, so a 2-million-item document
 * never sits in memory whole; items are numbered from 1 in messages
 * ("item 12").
 */

import { extname } from 'node:path'
import { DataError } from '../errors.js'
import { writeFieldTexts } from './field-texts.js'
import { jsonValueText } from './json-value.js'
import {
  ChunkedFile,
  recordTooLongDetail,
  type ChunkedFileOptions
} from './chunked-file.js'
import type { RecordReader } from './record-reader.js'
import { shownList, visible } from './shown-value.js'

const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44

function isObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}

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
  start = new Int32Array(1)
  end = new Int32Array(1)
  private cursor = 0
  private finished = false
  /** Bound keys, by slot, and the inputs that named them (for messages). */
  private readonly fields: string[] = []
  private readonly inputs: string[] = []
  /** The slot a bare item (number, label, pair) fills: the first bound, the prediction. */
  private valueSlot = -1
  /** The first item's keys, when it is an object. */
  private firstKeys: string[] | undefined
  private scratch: Uint8Array = new Uint8Array(256)

  constructor(path: string, options: ChunkedFileOptions = {}) {
    super(path, options)
    this.bytes = this.buffer
    this.openArray()
    this.peekFirstKeys()
  }

  /** True when the items are objects and the first has this key (an id). */
  has(field: string): boolean {
    return this.firstKeys?.includes(field) ?? false
  }

  names(): readonly string[] {
    return this.firstKeys ?? []
  }

  /**
   * The first field bound is the prediction: a bare item is its value, so it
   * may always be bound. Any other key must be in the first item, which must
   * then be an object.
   */
  bind(field: string, input: string): number {
    if (this.fields.length > 0 && !this.has(field)) {
      throw new DataError(
        this.path,
        undefined,
        this.firstKeys
          ? `item 1: no key '${field}' (from input '${input}'); the first item has ${shownList(this.firstKeys)}`
          : `no key '${field}' (from input '${input}'): the items are bare values, not objects with keys`
      )
    }
    let slot = this.fields.indexOf(field)
    if (slot < 0) {
      slot = this.fields.push(field) - 1
      this.inputs.push(input)
      if (this.start.length < this.fields.length) {
        this.start = new Int32Array(this.fields.length)
        this.end = new Int32Array(this.fields.length)
      }
    }
    if (this.valueSlot < 0) this.valueSlot = slot
    return slot
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

  protected recordTooLong(): DataError {
    return new DataError(
      this.path,
      undefined,
      `item ${Math.max(this.position, 1)}: ${recordTooLongDetail(this.maxRecordBytes)}`
    )
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
    while (this.filled < 3 && !this.endOfFile) this.refill()
    // A UTF-8 byte order mark (Windows tools write one) is not JSON: skip it.
    const b = this.buffer
    if (this.filled >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
      this.cursor = 3
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
            : this.otherFormat(c)
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

  /**
   * What to say when the file is not the `mlflow models predict` document:
   * a `.json` file that holds JSON Lines or CSV is common (pandas'
   * `to_json(lines=True)` to a `.json` name), and renaming it is the fix.
   */
  private otherFormat(first: number): string {
    const byName = extname(this.path).toLowerCase() === '.json'
    const selects = byName
      ? 'the .json extension selects the JSON that `mlflow models predict` writes ({"predictions": [...]} or a list of records)'
      : 'expected the JSON that `mlflow models predict` writes ({"predictions": [...]} or a list of records)'
    const newline = this.buffer.indexOf(10, this.cursor)
    const lineEnd =
      newline >= 0 && newline < this.filled ? newline : this.filled
    const firstLine = this.buffer.toString('utf8', this.cursor, lineEnd)
    if (first === OPEN_BRACE) {
      // JSON Lines: a first line that is a whole object, and another after it.
      const rest = this.buffer
        .toString('utf8', lineEnd, Math.min(this.filled, lineEnd + 64))
        .trimStart()
      if (isObject(firstLine) && rest.startsWith('{')) {
        return `this looks like JSON Lines (one JSON object per line), but ${selects}; rename the file to .jsonl`
      }
      return `expected {"predictions": [...]} as written by \`mlflow models predict\`, or a list of records (pandas' to_json(orient="records")); JSON Lines need the .jsonl extension, CSV the .csv extension`
    }
    const shown =
      firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine
    const escaped = JSON.stringify(shown.replace(/\r$/, ''))
    return byName
      ? `this is not JSON (its first line is ${escaped}), but ${selects}; if it is CSV, rename the file to .csv`
      : `this is not JSON (its first line is ${escaped}); ${selects}`
  }

  /** Reads the first item's keys when it is an object (without moving on). */
  private peekFirstKeys(): void {
    if (this.peekNonSpace() !== OPEN_BRACE) return
    for (;;) {
      const end = this.scanItem(this.cursor)
      if (end >= 0) {
        try {
          const value: unknown = JSON.parse(
            this.buffer.toString('utf8', this.cursor, end)
          )
          if (typeof value === 'object' && value !== null)
            this.firstKeys = Object.keys(value)
        } catch {
          // next() reports the bad item with its number.
        }
        return
      }
      if (this.endOfFile) return
      this.refill()
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
        if (itemEnd - itemStart > this.maxRecordBytes)
          throw this.recordTooLong()
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
    if (first !== OPEN_BRACE) this.checkBare()
    const slot = this.valueSlot
    if (first !== QUOTE && first !== OPEN_BRACKET && first !== OPEN_BRACE) {
      // A bare number (the common case): hand on its bytes as they are.
      const isNull =
        itemEnd - itemStart === 4 &&
        b.toString('latin1', itemStart, itemEnd) === 'null'
      this.bytes = b
      this.start[slot] = itemStart
      this.end[slot] = isNull ? itemStart : itemEnd
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
        this.start[slot] = itemStart
        this.end[slot] = itemEnd
        return
      }
    }
    let value: unknown
    try {
      value = JSON.parse(b.toString('utf8', itemStart, itemEnd))
    } catch (error) {
      this.fail(`not valid JSON (${visible((error as Error).message)})`)
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      this.takeRecord(value as Record<string, unknown>)
      return
    }
    this.setScratch([this.text(value, slot)])
  }

  /** A bare item has only the prediction: fails when other keys are bound. */
  private checkBare(): void {
    for (let slot = 0; slot < this.fields.length; slot++) {
      if (slot === this.valueSlot) continue
      this.fail(
        `this item is a bare value, not an object with key '${this.fields[slot]}' (input '${this.inputs[slot]}'); every item needs it, like the first`
      )
    }
  }

  /** An object item: each bound key's value as text. */
  private takeRecord(record: Record<string, unknown>): void {
    const texts = this.fields.map((key, slot) => {
      if (!(key in record)) {
        this.fail(
          `this object has no key '${key}' (input '${this.inputs[slot]}'); it has ${shownList(Object.keys(record))}`
        )
      }
      return this.text(record[key], slot)
    })
    this.setScratch(texts)
  }

  private text(value: unknown, slot: number): string {
    const text = jsonValueText(value)
    if (typeof text === 'string') return text
    return this.fail(
      slot === this.valueSlot || slot < 0
        ? text.problem
        : `key '${this.fields[slot]}' ${text.problem}`
    )
  }

  /** Writes the bound fields' texts (in slot order) to the scratch buffer. */
  private setScratch(texts: readonly string[]): void {
    this.scratch = writeFieldTexts(texts, this.scratch, this.start, this.end)
    this.bytes = this.scratch
  }

  /** Keeps bytes from the cursor on, reads the next chunk after them. */
  private refill(): void {
    this.cursor -= this.readMore(this.cursor)
  }
}
