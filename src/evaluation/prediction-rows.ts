/**
 * Reads one model's prediction file into decision codes (see
 * `decisionCode`), either in step with the test set (rows matched by
 * position, keeping the values of the columns it shares with the test set
 * for the check in `row-agreement.ts`) or scattered to the rows whose ids
 * they name (joined by id). While the file's reading is still open (see
 * `ScoreParser`), each row also gets the other reading's code, in a second
 * array.
 */

import { createHash, type Hash } from 'node:crypto'
import { statSync } from 'node:fs'
import type { IdIndex } from '../data/id-index.js'
import { decisionCode } from '../metrics/model-accumulator.js'
import { hashValue, sharedColumns } from './row-agreement.js'
import { openRecordReader } from '../data/open-reader.js'
import {
  countRemaining,
  errorAt,
  fieldShown,
  fieldText,
  storedFormat,
  type RecordReader
} from '../data/record-reader.js'
import { ScoreParser, type ScoreOptions } from '../data/score-parser.js'

/** A row without a decision code yet (codes are at most 0x80 | 102). */
export const UNSET = 0xff

/** How a data file is stored, for the report: its format, and for a folder its part count and digest. */
export interface StoredSource {
  /** `csv`, `csv.gz`, `jsonl`, `jsonl.gz`, `mlflow-json`, `parquet`. */
  readonly format: string
  /** For a folder of part files: how many. */
  readonly parts: number | null
  /** For a folder of part files: the sha256 of the parts' bytes, in name order. */
  readonly sha256: string | null
}

export interface PredictionFile {
  /** Which model: 'candidate' or 'champion'. */
  readonly role: string
  readonly path: string
  /** The input that named the file, for messages. */
  readonly input: string
  /**
   * This model's decision threshold (see `model-thresholds.ts`); absent:
   * the pass's `threshold`.
   */
  readonly threshold?: number
}

/** The threshold a file's scores are decided at. */
export function thresholdOf(file: PredictionFile, threshold: number): number {
  return file.threshold ?? threshold
}

export class PredictionReader {
  readonly reader: RecordReader
  readonly scores: ScoreParser
  readonly joinsById: boolean
  /** Matched by position: the columns it shares with the test set (see `sharedColumns`). */
  readonly shared: readonly string[]
  rows = 0
  private readonly scoreSlot: number
  /** The score column is bound as a number (a Parquet double): see RecordReader.bindNumber. */
  private readonly scoreIsNumber: boolean
  private readonly idSlot: number
  private readonly sharedSlots: readonly number[]
  /** For a folder of parts: the sha256 of its parts' bytes, in order. */
  private readonly hash?: Hash

  /** `testColumns`: the test set's columns, to find the shared ones. */
  constructor(
    readonly file: PredictionFile,
    readonly predictionColumn: string,
    options: ScoreOptions,
    readonly idColumn: string | undefined,
    testColumns: readonly string[] = []
  ) {
    let folder = false
    try {
      folder = statSync(file.path).isDirectory()
    } catch {
      // Opening it names the problem.
    }
    const hash = folder ? createHash('sha256') : undefined
    this.hash = hash
    this.reader = openRecordReader(
      file.path,
      hash ? { onBytes: (chunk) => hash.update(chunk) } : {}
    )
    const numeric = this.reader.bindNumber?.(
      predictionColumn,
      'prediction-column'
    )
    this.scoreIsNumber = numeric !== undefined
    this.scoreSlot =
      numeric ?? this.reader.bind(predictionColumn, 'prediction-column')
    // A predictions document from `mlflow models predict` has no ids (its
    // items are in test-set order, so it is matched by position); a list of
    // records that carry the id column is joined like any other file.
    this.joinsById =
      idColumn !== undefined &&
      (this.reader.format !== 'mlflow-json' || this.reader.has(idColumn))
    this.idSlot = this.joinsById ? this.reader.bind(idColumn!, 'id-column') : -1
    this.shared = this.joinsById
      ? []
      : sharedColumns(testColumns, this.reader.names(), predictionColumn)
    this.sharedSlots = this.shared.map((name) =>
      this.reader.bind(name, 'id-column')
    )
    this.scores = new ScoreParser(options, this.reader, predictionColumn)
  }

  /**
   * Reads up to `limit` rows' decision codes (see `decisionCode`) into
   * `out`, the other reading's into `alternative` (written only while
   * `scores.alternative` is true when called; meaningful only if it still
   * is after the call) and, per shared column, their values' hashes (see
   * `row-agreement.ts`, seeded by `seed`) into `hashes`; returns how many.
   */
  readCodesInOrder(
    out: Uint8Array,
    alternative: Uint8Array,
    limit: number,
    threshold: number,
    hashes: readonly Int32Array[] = [],
    seed = 0
  ): number {
    const reader = this.reader
    const slot = this.scoreSlot
    const scores = this.scores
    const sharedSlots = this.sharedSlots
    let count = 0
    // Fixed for the batch: a reading that closes mid-batch leaves the rest
    // of `alternative` unread (the worker then sends none), and a file of
    // probabilities pays one predictable branch per row.
    const both = scores.alternative
    while (count < limit && reader.next()) {
      out[count] = decisionCode(this.score(slot), threshold)
      if (both)
        alternative[count] = decisionCode(scores.alternativeScore, threshold)
      for (let k = 0; k < sharedSlots.length; k++) {
        const shared = sharedSlots[k]
        hashes[k][count] = hashValue(
          reader.bytes,
          reader.start[shared],
          reader.end[shared],
          seed
        )
      }
      count++
    }
    this.rows += count
    return count
  }

  /**
   * Reads every row's decision code into `out`, and the other reading's
   * into `alternative` (written on every row here; meaningful only while
   * `scores.alternative` is still true after the call), at the row its id
   * names. `out` starts filled with UNSET; a second prediction for an id is
   * an error naming both lines.
   */
  readCodesJoined(
    ids: IdIndex,
    out: Uint8Array,
    alternative: Uint8Array,
    threshold: number
  ): void {
    const reader = this.reader
    const scoreSlot = this.scoreSlot
    const idSlot = this.idSlot
    // Try the next row first while the file follows the test set's order.
    let expected = 0
    let inOrder = true
    while (reader.next()) {
      const s = reader.start[idSlot]
      const e = reader.end[idSlot]
      const row: number = inOrder
        ? ids.findFrom(expected, reader.bytes, s, e)
        : ids.find(reader.bytes, s, e)
      if (row < 0) {
        const kind = reader.format === 'csv' ? 'column' : 'key'
        throw errorAt(
          reader,
          `id ${fieldShown(reader, idSlot)} (${kind} '${this.idColumn}') is not in the test set; every prediction must be for a test-set row`
        )
      }
      if (out[row] !== UNSET) {
        const id = fieldText(reader, idSlot)
        throw errorAt(
          reader,
          `id ${fieldShown(reader, idSlot)} has a second prediction here (the first is on ${reader.positionKind} ${this.firstPositionOf(id)}); each id needs exactly one`
        )
      }
      inOrder = row === expected
      expected = row + 1
      out[row] = decisionCode(this.score(scoreSlot), threshold)
      alternative[row] = decisionCode(this.scores.alternativeScore, threshold)
      this.rows++
    }
  }

  /** The current record's score (see ScoreParser). */
  private score(slot: number): number {
    const reader = this.reader
    if (this.scoreIsNumber) {
      const value = reader.numbers![slot]
      if (value === value) return this.scores.parseNumber(value)
    }
    return this.scores.parse(reader.bytes, reader.start[slot], reader.end[slot])
  }

  /** Where an id first appears in this file (for the duplicate message: reads the file again). */
  private firstPositionOf(id: string): number {
    const again = openRecordReader(this.file.path)
    try {
      const slot = again.bind(this.idColumn!, 'id-column')
      while (again.next())
        if (fieldText(again, slot) === id) return again.position
      return 0
    } finally {
      again.close()
    }
  }

  /** Reads to the end without decoding scores (to count rows for a message). */
  countRest(): number {
    const rows = countRemaining(this.reader)
    this.rows += rows
    return rows
  }

  close(): void {
    this.reader.close()
  }

  /** How the file is stored, for the report (after the last row). */
  source(): StoredSource {
    return {
      format: storedFormat(this.reader),
      parts: this.reader.parts ?? null,
      sha256: this.hash ? this.hash.digest('hex') : null
    }
  }
}
