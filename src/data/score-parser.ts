/**
 * Reads one prediction: a probability of the positive class in [0, 1], or a
 * hard label. A value equal to `positive-label` is a positive decision at any
 * threshold; the test set's other label is a negative one. Whether a
 * non-probability value is that other label can only be known once the test
 * set has been read, so such values are remembered (with where they first
 * appeared) and checked in `finish`.
 */

import { HARD_NEGATIVE, HARD_POSITIVE } from '../metrics/model-accumulator.js'
import type { LabelEncoder } from './label-encoder.js'
import { labelKey } from './label-value.js'
import {
  numberProblem,
  parseNumberBytes,
  parseNumberText
} from './parse-number.js'
import { pythonFloatText } from './python-float-text.js'
import { shown } from './shown-value.js'
import { errorAt, errorAtPosition, type RecordReader } from './record-reader.js'

const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

export class ScoreParser {
  private readonly positiveNumber: number
  private readonly positiveText: string
  private readonly others = new Map<
    string,
    { text: string; position: number }
  >()

  constructor(
    positiveLabel: string,
    private readonly reader: RecordReader,
    private readonly column: string
  ) {
    this.positiveNumber = parseNumberText(positiveLabel)
    this.positiveText = positiveLabel.trim()
  }

  /** The current record's score: a probability, HARD_POSITIVE or HARD_NEGATIVE. */
  parse(bytes: Uint8Array, start: number, end: number): number {
    const value = parseNumberBytes(bytes, start, end)
    if (value === value) {
      if (value === this.positiveNumber) return HARD_POSITIVE
      if (value >= 0 && value <= 1) return value
      return this.other(decoder.decode(bytes.subarray(start, end)).trim())
    }
    const text = decoder.decode(bytes.subarray(start, end)).trim()
    if (text === '') {
      throw errorAt(
        this.reader,
        `empty score in '${this.column}'; every row needs a prediction (a probability in [0, 1] or a label)`
      )
    }
    if (text === this.positiveText) return HARD_POSITIVE
    // Text Python's float() would read as a number is no label: say why it is not read as one.
    const problem = numberProblem(text)
    if (problem !== undefined)
      throw errorAt(
        this.reader,
        `${shown(text)} in '${this.column}' ${problem}`
      )
    return this.other(text)
  }

  /** A score stored as a number (see RecordReader.bindNumber): read as `parse` reads its text. */
  parseNumber(value: number): number {
    if (value === this.positiveNumber) return HARD_POSITIVE
    if (value >= 0 && value <= 1) return value
    return this.other(pythonFloatText(value))
  }

  /** The values that were neither probabilities nor the positive label, with where each first appeared. */
  otherValues(): OtherPredictionValues {
    return {
      path: this.reader.path,
      positionKind: this.reader.positionKind,
      column: this.column,
      values: [...this.others].map(([key, seen]) => ({ key, ...seen }))
    }
  }

  /** After the pass: every non-probability value must be the test set's negative label. */
  finish(labels: LabelEncoder): void {
    checkOtherValues(this.otherValues(), labels)
  }

  private other(text: string): number {
    const key = labelKey(text)
    if (!this.others.has(key)) {
      if (this.others.size >= 2) {
        const kind = this.reader.positionKind
        const listed = [...this.others.values()]
          .map((o) => `${shown(o.text)} (${kind} ${o.position})`)
          .join(', ')
        throw errorAt(
          this.reader,
          `${shown(text)} in '${this.column}' is not a probability in [0, 1], and neither are ${listed}; a binary classifier's predictions hold at most one label besides '${this.positiveText}'`
        )
      }
      this.others.set(key, { text, position: this.reader.position })
    }
    return HARD_NEGATIVE
  }
}

/** Plain data (it crosses from the prediction worker): the values to check against the labels. */
export interface OtherPredictionValues {
  readonly path: string
  readonly positionKind: RecordReader['positionKind']
  readonly column: string
  readonly values: readonly { key: string; text: string; position: number }[]
}

/** Each value must be the test set's negative label; else a DataError where it first appeared. */
export function checkOtherValues(
  others: OtherPredictionValues,
  labels: LabelEncoder
): void {
  for (const seen of others.values) {
    const label = labels.values.get(seen.key)
    if (label && !label.positive) continue
    const known = [...labels.values.values()]
      .map((v) => shown(v.text))
      .join(', ')
    const number = parseNumberText(seen.text)
    const problem = Number.isNaN(number)
      ? `${shown(seen.text)} in '${others.column}' is neither a probability in [0, 1] nor one of the test set's labels (${known})`
      : `score ${shown(seen.text)} in '${others.column}' is outside [0, 1]; scores must be probabilities of the positive class (or hard labels: ${known})`
    throw errorAtPosition(others, seen.position, problem)
  }
}
