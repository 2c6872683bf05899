/**
 * Turns the test set's label column into 1 (the positive class) and 0, and
 * holds the data to the two-class contract: at most two distinct values,
 * none empty, and the positive label present somewhere. The bytes of the
 * few raw spellings seen are cached, so the hot loop decodes no strings.
 */

import { DataError } from '../errors.js'
import { labelKey } from './label-value.js'
import { errorAtPosition, type RecordReader } from './record-reader.js'
import { shown } from './shown-value.js'

// Fatal: two different invalid byte sequences must not both become U+FFFD and meet as one class.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

export class LabelEncoder {
  /** Distinct label values by key, with their first spelling and line. */
  readonly values = new Map<
    string,
    { text: string; line: number; positive: boolean }
  >()
  positives = 0
  private readonly cacheBytes: Uint8Array[] = []
  private readonly cacheClass: number[] = []
  private readonly positiveKey: string

  constructor(
    readonly positiveLabel: string,
    private readonly file: string,
    private readonly column: string,
    /** The reader, when given: messages name its current file (a part of a folder) and count its rows as it does (a Parquet file has rows, not lines). */
    private readonly where?: Pick<RecordReader, 'path' | 'positionKind'>
  ) {
    this.positiveKey = labelKey(positiveLabel)
  }

  private errorAt(position: number, detail: string): DataError {
    return errorAtPosition(
      this.where ?? { path: this.file, positionKind: 'line' },
      position,
      detail
    )
  }

  /** 1 for the positive class, 0 for the other; throws on a bad value. */
  encode(bytes: Uint8Array, start: number, end: number, line: number): number {
    const length = end - start
    const cache = this.cacheBytes
    for (let k = 0; k < cache.length; k++) {
      const known = cache[k]
      if (known.length !== length) continue
      let same = true
      for (let j = 0; j < length; j++) {
        if (known[j] !== bytes[start + j]) {
          same = false
          break
        }
      }
      if (same) {
        const cls = this.cacheClass[k]
        this.positives += cls
        return cls
      }
    }
    let text: string
    try {
      text = decoder.decode(bytes.subarray(start, end))
    } catch {
      throw this.errorAt(
        line,
        `the value in label column '${this.column}' is not valid UTF-8; save the file as UTF-8`
      )
    }
    const cls = this.classify(text, line)
    if (cache.length < 8) {
      // A copy: `bytes` is the reader's buffer, refilled in place (Buffer#slice would be a view).
      cache.push(Uint8Array.prototype.slice.call(bytes, start, end))
      this.cacheClass.push(cls)
    }
    this.positives += cls
    return cls
  }

  /** After the pass: the positive label must have occurred. */
  finish(): void {
    if (this.positives === 0) {
      const seen = [...this.values.values()]
        .map((v) => shown(v.text))
        .join(', ')
      throw new DataError(
        this.file,
        undefined,
        `the positive label '${this.positiveLabel}' (input 'positive-label') never occurs in column '${this.column}'; values seen: ${seen || 'none'}. Set positive-label to the value that marks the positive class`
      )
    }
  }

  /** The value of the negative class as written, if it occurred. */
  negativeLabel(): string | undefined {
    for (const v of this.values.values()) if (!v.positive) return v.text
    return undefined
  }

  private classify(text: string, line: number): number {
    const trimmed = text.trim()
    if (trimmed === '') {
      throw this.errorAt(
        line,
        `empty value in label column '${this.column}'; every row needs its true class`
      )
    }
    const key = labelKey(trimmed)
    let value = this.values.get(key)
    if (!value) {
      if (this.values.size === 2) {
        const seen = [...this.values.values()]
          .map((v) => `${shown(v.text)} (line ${v.line})`)
          .join(', ')
        throw this.errorAt(
          line,
          `a third value ${shown(trimmed)} in label column '${this.column}' after ${seen}; champion-gate compares binary classifiers, so the column must hold exactly two classes`
        )
      }
      value = { text: trimmed, line, positive: key === this.positiveKey }
      this.values.set(key, value)
    }
    return value.positive ? 1 : 0
  }
}
