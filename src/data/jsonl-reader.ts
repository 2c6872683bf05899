/**
 * A streaming JSON Lines reader: one JSON object per line. Values are
 * written as text into a scratch buffer so that callers parse them exactly
 * as they parse CSV fields.
 */

import { DataError } from '../errors.js'
import { writeFieldTexts } from './field-texts.js'
import { jsonValueText } from './json-value.js'
import type { ChunkedFileOptions } from './chunked-file.js'
import { LineSource } from './line-source.js'
import { listFields, type RecordReader } from './record-reader.js'
import { visible } from './shown-value.js'

export class JsonLinesReader implements RecordReader {
  readonly format = 'jsonl'
  readonly positionKind = 'line'
  bytes: Uint8Array = new Uint8Array(1024)
  start = new Int32Array(0)
  end = new Int32Array(0)
  private readonly lines: LineSource
  private readonly fields: string[] = []
  private firstKeys: string[] | undefined
  private pending = false
  /** The bound fields' texts of the current record, by slot (reused). */
  private readonly texts: string[] = []

  constructor(
    readonly path: string,
    options: ChunkedFileOptions = {}
  ) {
    this.lines = new LineSource(path, options)
    // Peek at the first record so `has` and `bind` can name its keys.
    if (this.advance()) {
      this.firstKeys = Object.keys(this.parse())
      this.pending = true
    } else {
      this.lines.close()
      throw new DataError(
        path,
        undefined,
        'the file is empty; expected one JSON object per line'
      )
    }
  }

  get gzip(): boolean {
    return this.lines.gzip
  }

  get position(): number {
    return this.lines.lineNumber
  }

  has(field: string): boolean {
    return this.firstKeys?.includes(field) ?? false
  }

  names(): readonly string[] {
    return this.firstKeys ?? []
  }

  bind(field: string, input: string): number {
    if (!this.has(field)) {
      throw new DataError(
        this.path,
        this.lines.lineNumber,
        `no key '${field}' (from input '${input}'); the first record has ${listFields(this.firstKeys ?? [])}`
      )
    }
    let slot = this.fields.indexOf(field)
    if (slot < 0) {
      slot = this.fields.push(field) - 1
      this.start = new Int32Array(this.fields.length)
      this.end = new Int32Array(this.fields.length)
    }
    return slot
  }

  next(): boolean {
    if (this.pending) this.pending = false
    else if (!this.advance()) return false
    const record = this.parse()
    const texts = this.texts
    texts.length = this.fields.length
    for (let slot = 0; slot < this.fields.length; slot++) {
      const key = this.fields[slot]
      if (!(key in record)) {
        throw new DataError(
          this.path,
          this.lines.lineNumber,
          `no key '${key}' in this record; every line needs it`
        )
      }
      const text = jsonValueText(record[key])
      if (typeof text !== 'string') {
        throw new DataError(
          this.path,
          this.lines.lineNumber,
          `key '${key}' ${text.problem}`
        )
      }
      texts[slot] = text
    }
    this.bytes = writeFieldTexts(texts, this.bytes, this.start, this.end)
    return true
  }

  close(): void {
    this.lines.close()
  }

  private advance(): boolean {
    for (;;) {
      if (!this.lines.next()) return false
      const problem =
        'blank line between records; remove it or fill in the record'
      if (!this.lines.skipBlank(this.lines.isBlank, problem)) return true
    }
  }

  private parse(): Record<string, unknown> {
    const { buffer, lineStart, lineEnd, lineNumber } = this.lines
    let value: unknown
    // A UTF-8 byte order mark (some Windows tools write one) is not JSON.
    const bom =
      lineNumber === 1 &&
      buffer[lineStart] === 0xef &&
      buffer[lineStart + 1] === 0xbb &&
      buffer[lineStart + 2] === 0xbf
    try {
      value = JSON.parse(
        buffer.toString('utf8', bom ? lineStart + 3 : lineStart, lineEnd)
      )
    } catch (error) {
      throw new DataError(
        this.path,
        lineNumber,
        `not valid JSON (${visible((error as Error).message)}); each line must be one JSON object`
      )
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new DataError(
        this.path,
        lineNumber,
        'each line must be a JSON object such as {"id": 1, "prediction": 0.93}'
      )
    }
    return value as Record<string, unknown>
  }
}
