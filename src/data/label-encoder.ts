/**
 * Turns the test set's label column into 1 (the positive class) and 0, and
 * holds the data to the two-class contract: at most two distinct values,
 * none empty, and the positive label present somewhere. The bytes of the
 * few raw spellings seen are cached, so the hot loop decodes no strings.
 */

import { DataError } from '../errors.js'
import { compareLabels, labelKey, SpellingCache } from './label-value.js'
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
  /** The raw spellings seen, each with its class (1 or 0). */
  private readonly cache = new SpellingCache()
  /** The key of the positive label (see `labelKey`). */
  readonly positiveKey: string

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
    const cached = this.cache.find(bytes, start, end)
    if (cached >= 0) {
      this.positives += cached
      return cached
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
    this.cache.add(bytes, start, end, cls)
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

  /**
   * Where the positive label sits among the test set's two label values in
   * scikit-learn's order (see `compareLabels`): the entry of a
   * `predict_proba` pair that is the positive class. Undefined when the
   * negative label never occurred (its order is then unknown).
   */
  positiveIndex(): 0 | 1 | undefined {
    const negative = this.negativeLabel()
    if (negative === undefined) return undefined
    return compareLabels(this.positiveLabel, negative) < 0 ? 0 : 1
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
