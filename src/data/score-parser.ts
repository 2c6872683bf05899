/**
 * What a prediction value means. A value is read one of two ways:
 *
 * - as a score: a probability of the positive class in [0, 1], flagged at or
 *   above the threshold; a value outside [0, 1] must be a label (the
 *   positive label is flagged at any threshold, the other never), as in a
 *   file that mixes probabilities with hard decisions;
 * - as a label (a decision): the positive label is flagged, the test set's
 *   other label is not, whatever the threshold.
 *
 * `prediction-kind` picks the reading, or `auto` lets the file decide: a
 * file whose values are all test-set labels is a file of decisions, unless
 * every one of them also reads as a probability and the two readings would
 * flag different rows; then the file is ambiguous and the run stops to ask
 * (`choosePredictionReading`). A `[p0, p1]` pair (`predict_proba`) is a
 * score; which entry is the positive class follows scikit-learn's order of
 * the test set's labels, or `positive-class-index`.
 *
 * Both questions need the test set's labels, and the prediction files are
 * read alongside the test set (in the prediction worker, on another thread),
 * so neither can be settled row by row. The parser therefore gives each row
 * two scores while the question is open: `parse` returns the first reading's
 * (the score reading; a pair's second entry) and leaves the other in
 * `alternativeScore` (the label reading; a pair's first entry). The pass
 * keeps both readings' tallies and picks one after the last row. A file of
 * probabilities closes the question at its third distinct value, so the
 * common case pays for one reading only.
 */

import { DataError } from '../errors.js'
import { HARD_NEGATIVE, HARD_POSITIVE } from '../metrics/model-accumulator.js'
import type { LabelEncoder } from './label-encoder.js'
import { labelKey, SpellingCache } from './label-value.js'
import {
  numberProblem,
  parseNumberBytes,
  parseNumberText
} from './parse-number.js'
import { pythonFloatText } from './python-float-text.js'
import { shown, visible } from './shown-value.js'
import { errorAt, errorAtPosition, type RecordReader } from './record-reader.js'

const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
const encoder = new TextEncoder()
const OPEN_BRACKET = 91
const CLOSE_BRACKET = 93
const COMMA = 44

/** Input `prediction-kind`: how a prediction value is read. */
export type PredictionKind = 'score' | 'label' | 'auto'
/** Input `positive-class-index`: which entry of a `[p0, p1]` pair is the positive class. */
export type PositiveClassIndex = 'auto' | 0 | 1

export interface ScoreOptions {
  readonly positiveLabel: string
  readonly predictionKind: PredictionKind
  readonly positiveClassIndex: PositiveClassIndex
}

/** A distinct value of a file that may be a file of labels. */
interface DistinctValue {
  readonly key: string
  readonly text: string
  readonly position: number
  /** As a number (NaN for text). */
  readonly number: number
  readonly positive: boolean
  /** Its score in the score reading. */
  readonly score: number
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

export class ScoreParser {
  /** The current row's score in the other reading (meaningful while `alternative`). */
  alternativeScore = 0
  /**
   * True while the other reading is still possible, so `alternativeScore`
   * counts: a file of values under `prediction-kind: auto` with at most
   * two distinct values so far, or a file of pairs under
   * `positive-class-index: auto`.
   */
  alternative: boolean
  private shape?: 'values' | 'pairs'
  private readonly positiveKey: string
  private readonly positiveText: string
  /** Under `auto`, every distinct value while there are at most two. */
  private tracking: boolean
  /** Single values read as scores, the reading settled: `parse`'s fast path. */
  private scoresOnly = false
  private readonly distinct: DistinctValue[] = []
  private readonly distinctCache = new SpellingCache()
  /** Spellings of values read as labels: 1 for the positive label, 0 else. */
  private readonly labelCache = new SpellingCache()
  private readonly others = new Map<
    string,
    { text: string; position: number }
  >()

  constructor(
    private readonly options: ScoreOptions,
    private readonly reader: RecordReader,
    private readonly column: string
  ) {
    this.positiveKey = labelKey(options.positiveLabel)
    this.positiveText = options.positiveLabel.trim()
    this.tracking = options.predictionKind === 'auto'
    this.alternative = this.tracking || options.positiveClassIndex === 'auto'
  }

  /** The current record's score in the first reading: a probability, HARD_POSITIVE or HARD_NEGATIVE. */
  parse(bytes: Uint8Array, start: number, end: number): number {
    // The common case, kept small enough to inline: a file of probabilities
    // past its third distinct value.
    if (this.scoresOnly) {
      const value = parseNumberBytes(bytes, start, end)
      if (value >= 0 && value <= 1) return value
    }
    return this.parseOther(bytes, start, end)
  }

  /**
   * A score stored as a number (see RecordReader.bindNumber): read as `parse`
   * reads the text pandas would write for it (Python's repr), so a Parquet
   * double means what the same value means in a CSV file.
   */
  parseNumber(value: number): number {
    if (this.scoresOnly && value >= 0 && value <= 1) return value
    const bytes = encoder.encode(pythonFloatText(value))
    return this.parseOther(bytes, 0, bytes.length)
  }

  private parseOther(bytes: Uint8Array, start: number, end: number): number {
    if (bytes[start] === OPEN_BRACKET) return this.pair(bytes, start, end)
    if (this.shape !== 'values') this.setShape('values')
    if (this.tracking) return this.tracked(bytes, start, end)
    if (this.options.predictionKind === 'label')
      return this.label(bytes, start, end)
    const value = parseNumberBytes(bytes, start, end)
    if (value >= 0 && value <= 1) return value
    return this.label(bytes, start, end)
  }

  /** What the file held, for the reading to be chosen after the pass. */
  values(): PredictionValues {
    return {
      path: this.reader.path,
      positionKind: this.reader.positionKind,
      column: this.column,
      shape: this.shape ?? 'values',
      alternative: this.alternative,
      distinct: this.tracking
        ? this.distinct.map(({ key, text, position, number }) => ({
            key,
            text,
            position,
            number
          }))
        : undefined,
      others: [...this.others].map(([key, seen]) => ({ key, ...seen }))
    }
  }

  private setShape(shape: 'values' | 'pairs'): void {
    if (this.shape === undefined) {
      this.shape = shape
      if (shape === 'pairs') {
        // A pair is a score: the question left is which entry.
        this.tracking = false
        this.alternative = this.options.positiveClassIndex === 'auto'
      } else {
        this.alternative = this.tracking
        this.scoresOnly =
          !this.tracking && this.options.predictionKind === 'score'
      }
      return
    }
    throw errorAt(
      this.reader,
      shape === 'pairs'
        ? `a [p0, p1] pair in '${this.column}' after single values; a file holds either probability pairs or single values throughout`
        : `a single value in '${this.column}' after [p0, p1] pairs; a file holds either probability pairs or single values throughout`
    )
  }

  /** A value read as a label: HARD_POSITIVE for the positive label; anything else must be the other label (checked after the pass). */
  private label(bytes: Uint8Array, start: number, end: number): number {
    let positive = this.labelCache.find(bytes, start, end)
    if (positive < 0) {
      const text = this.text(bytes, start, end)
      const key = labelKey(text)
      positive = key === this.positiveKey ? 1 : 0
      if (positive === 0) this.noteOther(text, key)
      this.labelCache.add(bytes, start, end, positive)
    }
    return positive === 1 ? HARD_POSITIVE : HARD_NEGATIVE
  }

  /** Under `auto`, while at most two distinct values have occurred: both readings. */
  private tracked(bytes: Uint8Array, start: number, end: number): number {
    let index = this.distinctCache.find(bytes, start, end)
    if (index < 0) {
      const text = this.text(bytes, start, end)
      const key = labelKey(text)
      index = this.distinct.findIndex((d) => d.key === key)
      if (index < 0) {
        if (this.distinct.length === 2) {
          // A third value: not a file of labels (a binary test set has two).
          this.tracking = false
          this.alternative = false
          this.scoresOnly = this.options.predictionKind !== 'label'
          return this.parseOther(bytes, start, end)
        }
        const number = parseNumberText(text)
        const positive = key === this.positiveKey
        const probability = number >= 0 && number <= 1
        if (!probability && !positive) this.noteOther(text, key)
        index =
          this.distinct.push({
            key,
            text,
            position: this.reader.position,
            number,
            positive,
            score: probability
              ? number
              : positive
                ? HARD_POSITIVE
                : HARD_NEGATIVE
          }) - 1
      }
      this.distinctCache.add(bytes, start, end, index)
    }
    const value = this.distinct[index]
    this.alternativeScore = value.positive ? HARD_POSITIVE : HARD_NEGATIVE
    return value.score
  }

  /** `[p0, p1]`: the second entry first; the first as the alternative. */
  private pair(bytes: Uint8Array, start: number, end: number): number {
    if (this.shape !== 'pairs') this.setShape('pairs')
    if (this.options.predictionKind === 'label') {
      throw errorAt(
        this.reader,
        `${shown(this.text(bytes, start, end))} in '${this.column}' is a [p0, p1] pair of probabilities, but input 'prediction-kind' is label; set it to auto or score`
      )
    }
    let comma = -1
    let close = -1
    for (let i = start + 1; i < end; i++) {
      const c = bytes[i]
      if (c === COMMA) {
        if (comma >= 0) break
        comma = i
      } else if (c === CLOSE_BRACKET) {
        close = i
        break
      }
    }
    const first =
      comma >= 0 && close > comma ? entry(bytes, start + 1, comma) : NaN
    const second =
      comma >= 0 && close > comma ? entry(bytes, comma + 1, close) : NaN
    if (!(first >= 0 && first <= 1 && second >= 0 && second <= 1)) {
      throw errorAt(
        this.reader,
        `${shown(this.text(bytes, start, end))} in '${this.column}' is not a [p0, p1] pair of probabilities in [0, 1] (as predict_proba writes for two classes)`
      )
    }
    this.alternativeScore = first
    return this.options.positiveClassIndex === 0 ? first : second
  }

  private text(bytes: Uint8Array, start: number, end: number): string {
    const text = decoder.decode(bytes.subarray(start, end)).trim()
    if (text === '') {
      throw errorAt(
        this.reader,
        `empty score in '${this.column}'; every row needs a prediction (a probability in [0, 1] or a label)`
      )
    }
    return text
  }

  /** A value that is neither a probability nor the positive label: at most two distinct ones, checked after the pass. */
  private noteOther(text: string, key: string): void {
    if (this.others.has(key)) return
    // Text Python's float() would read as a number is no label: say why it is not read as one.
    if (Number.isNaN(parseNumberText(text))) {
      const problem = numberProblem(text)
      if (problem !== undefined)
        throw errorAt(
          this.reader,
          `${shown(text)} in '${this.column}' ${problem}`
        )
    }
    if (this.others.size >= 2) {
      const kind = this.reader.positionKind
      const seen = [...this.others.values()]
      const percent = percentHint(text)
      if (
        percent &&
        this.options.predictionKind !== 'label' &&
        seen.every((o) => percentHint(o.text))
      ) {
        const listed = seen
          .map((o) => `${visible(o.text)} (${kind} ${o.position})`)
          .join(', ')
        throw errorAt(
          this.reader,
          `score ${visible(text)} in '${this.column}' is outside [0, 1], and so are ${listed}; ${percent}`
        )
      }
      const listed = seen
        .map((o) => `${shown(o.text)} (${kind} ${o.position})`)
        .join(', ')
      throw errorAt(
        this.reader,
        this.options.predictionKind === 'label'
          ? `${shown(text)} in '${this.column}' is a third value besides ${listed}, none of them '${this.positiveText}'; input 'prediction-kind' is label, and a binary classifier's labels hold at most one value besides the positive label`
          : `${shown(text)} in '${this.column}' is not a probability in [0, 1], and neither are ${listed}; a binary classifier's predictions hold at most one label besides '${this.positiveText}'`
      )
    }
    this.others.set(key, { text, position: this.reader.position })
  }
}

/** One entry of a pair, without its blanks. */
function entry(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && isSpace(bytes[start])) start++
  while (end > start && isSpace(bytes[end - 1])) end--
  return parseNumberBytes(bytes, start, end)
}

/** For a number in (1, 100]: what to do about a percentage; else undefined. */
function percentHint(text: string): string | undefined {
  const number = parseNumberText(text)
  if (!(number > 1 && number <= 100)) return undefined
  const scaled = Number((number / 100).toPrecision(15))
  return `scores must be probabilities of the positive class in [0, 1]; if they are percentages, divide them by 100 (${visible(text)} → ${scaled})`
}

/** Plain data (it crosses from the prediction worker): what a prediction file held. */
export interface PredictionValues {
  readonly path: string
  readonly positionKind: RecordReader['positionKind']
  readonly column: string
  readonly shape: 'values' | 'pairs'
  /** Whether the other reading was kept to the end (see `ScoreParser.alternative`). */
  readonly alternative: boolean
  /** Under `auto`, the file's distinct values when it has at most two. */
  readonly distinct?: readonly {
    key: string
    text: string
    position: number
    number: number
  }[]
  /** Values that were neither probabilities nor the positive label, with where each first appeared. */
  readonly others: readonly { key: string; text: string; position: number }[]
}

/** How a file's predictions were read, chosen after the pass. */
export interface PredictionReading {
  /** 'label': decisions, to which the threshold does not apply. */
  readonly kind: 'score' | 'label'
  /** Take the other reading's tallies (`ScoreParser.alternativeScore`). */
  readonly alternative: boolean
  /** For `[p0, p1]` pairs: the entry that is the positive class. */
  readonly entry?: 0 | 1
}

export interface ReadingOptions {
  readonly predictionKind: PredictionKind
  readonly positiveClassIndex: PositiveClassIndex
  readonly threshold: number
}

/**
 * Picks the reading of a prediction file once the test set's labels are
 * known; throws a DataError where the file's values cannot be read, or
 * where, under `prediction-kind: auto`, the file is ambiguous: every
 * distinct value is a test-set label, every one also reads as a probability
 * in [0, 1], and for at least one of them the two readings decide
 * differently at the threshold (as a label: flagged iff it is the positive
 * label; as a score: flagged iff it is at or above the threshold).
 */
export function choosePredictionReading(
  values: PredictionValues,
  labels: LabelEncoder,
  options: ReadingOptions
): PredictionReading {
  if (values.shape === 'pairs') {
    if (options.positiveClassIndex !== 'auto') {
      return {
        kind: 'score',
        alternative: false,
        entry: options.positiveClassIndex
      }
    }
    const index = labels.positiveIndex()
    if (index === undefined) {
      throw new DataError(
        values.path,
        undefined,
        `the predictions in '${values.column}' are [p0, p1] pairs, but the test set holds only the positive label '${labels.positiveLabel}', so which entry is its probability cannot follow from the labels' order; set input 'positive-class-index' to 0 or 1`
      )
    }
    return { kind: 'score', alternative: index === 0, entry: index }
  }
  if (options.predictionKind === 'label') {
    checkOtherValues(values, labels, 'label')
    return { kind: 'label', alternative: false }
  }
  const distinct = values.alternative ? values.distinct : undefined
  if (
    options.predictionKind === 'score' ||
    !distinct ||
    distinct.some((v) => !labels.values.has(v.key))
  ) {
    checkOtherValues(values, labels, 'score')
    return { kind: 'score', alternative: false }
  }
  // Every value is a label: a file of decisions, unless it is ambiguous.
  const disagree = distinct.filter(
    (v) =>
      v.number >= 0 &&
      v.number <= 1 &&
      v.number >= options.threshold !== labels.values.get(v.key)!.positive
  )
  if (
    disagree.length > 0 &&
    distinct.every((v) => v.number >= 0 && v.number <= 1)
  ) {
    const v = disagree[0]
    const positive = labels.values.get(v.key)!.positive
    const known = [...labels.values.values()].map((l) => shown(l.text))
    throw errorAtPosition(
      values,
      v.position,
      `every value in '${values.column}' is one of the test set's labels (${known.join(', ')}) and also reads as a probability, and the two readings disagree: as a label ${shown(v.text)} is ${positive ? 'the positive class (flagged)' : 'the negative class (not flagged)'}, as a probability it is ${positive ? 'below' : 'at or above'} the threshold ${options.threshold} (${positive ? 'not flagged' : 'flagged'}). Set input 'prediction-kind' to label (the values are decisions) or score (they are probabilities)`
    )
  }
  return { kind: 'label', alternative: true }
}

/**
 * Each value that was neither a probability nor the positive label must be
 * the test set's other label; else a DataError where it first appeared.
 */
function checkOtherValues(
  values: PredictionValues,
  labels: LabelEncoder,
  kind: 'score' | 'label'
): void {
  for (const seen of values.others) {
    const label = labels.values.get(seen.key)
    if (label && !label.positive) continue
    const known = [...labels.values.values()]
      .map((v) => shown(v.text))
      .join(', ')
    const number = parseNumberText(seen.text)
    const percent = percentHint(seen.text)
    const problem =
      kind === 'label'
        ? `${shown(seen.text)} in '${values.column}' is not one of the test set's labels (${known}); input 'prediction-kind' is label, so every prediction must be one`
        : Number.isNaN(number)
          ? `${shown(seen.text)} in '${values.column}' is neither a probability in [0, 1] nor one of the test set's labels (${known})`
          : percent
            ? `score ${visible(seen.text)} in '${values.column}' is outside [0, 1]; ${percent}`
            : `score ${visible(seen.text)} in '${values.column}' is outside [0, 1]; scores must be probabilities of the positive class (or hard labels: ${known})`
    throw errorAtPosition(values, seen.position, problem)
  }
}
