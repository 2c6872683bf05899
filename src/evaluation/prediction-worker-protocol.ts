/**
 * What the prediction worker and the main thread say to each other: plain
 * data that crosses `postMessage`. The worker reads the prediction files
 * and sends one decision code per row (see `decisionCodes`) in batches of
 * the pass's size; the main thread reads the test set meanwhile.
 *
 * The batches themselves (codes, the other reading's codes while a file
 * leaves its reading open, and the hashes of the columns checked by
 * position) are written into a ring of READ_AHEAD slots per model, on a
 * SharedArrayBuffer the worker creates; a message names the slot. Nothing
 * is allocated or copied per batch, so memory stays flat (a buffer per
 * batch, transferred, left tens of MB for the collector on the benchmark).
 */

import type {
  PositiveClassIndex,
  PredictionKind,
  PredictionValues
} from '../data/score-parser.js'
import type { RecordReader } from '../data/record-reader.js'
import type { PredictionFile, StoredSource } from './prediction-rows.js'

/**
 * How many batches per model the worker may send before the main thread has
 * used them (the ring's slots): enough to keep both threads busy; at least
 * 3, or the worker, which sends the models' batches in turn, could wait for
 * a batch that the main thread in turn waits for.
 */
export const READ_AHEAD = 4

/**
 * Where a slot's areas lie in a model's ring (after a 4-byte header): the
 * codes, the other reading's codes (see `ScoreParser.alternative`), then
 * the hashes.
 */
function slotLayout(batchRows: number, columns: number) {
  const codeBytes = (batchRows + 3) & ~3
  return { codeBytes, slotBytes: 2 * codeBytes + columns * batchRows * 4 }
}

/** A model's ring: READ_AHEAD slots, and a header the worker stores each batch's number in. */
export function newRing(batchRows: number, columns: number): SharedArrayBuffer {
  return new SharedArrayBuffer(
    4 + READ_AHEAD * slotLayout(batchRows, columns).slotBytes
  )
}

/** A slot's codes, the other reading's codes and, per shared column, hashes: views on the ring, `rows` long. */
export function slotViews(
  ring: SharedArrayBuffer,
  batchRows: number,
  columns: number,
  slot: number,
  rows: number
): { codes: Uint8Array; alternative: Uint8Array; hashes: Int32Array[] } {
  const { codeBytes, slotBytes } = slotLayout(batchRows, columns)
  const at = 4 + slot * slotBytes
  const hashesAt = at + 2 * codeBytes
  return {
    codes: new Uint8Array(ring, at, rows),
    alternative: new Uint8Array(ring, at + codeBytes, rows),
    hashes: Array.from(
      { length: columns },
      (_, k) => new Int32Array(ring, hashesAt + k * batchRows * 4, rows)
    )
  }
}

export interface PredictionWorkerJob {
  readonly files: readonly PredictionFile[]
  readonly predictionColumn: string
  readonly positiveLabel: string
  readonly predictionKind: PredictionKind
  readonly positiveClassIndex: PositiveClassIndex
  /** The threshold of a file that names none of its own (`PredictionFile.threshold`). */
  readonly threshold: number
  readonly batchRows: number
  /** The test set's columns: a prediction file's shared ones are checked row by row. */
  readonly testColumns: readonly string[]
  /** The run's seed for those columns' hashes. */
  readonly seed: number
  /** Per model, how many batches the main thread has used (on a SharedArrayBuffer). */
  readonly consumed: Int32Array
}

export type PredictionWorkerMessage =
  /** Model `model`'s file is open: the columns it shares with the test set, and its ring (first message per model). */
  | {
      readonly type: 'columns'
      readonly model: number
      readonly columns: readonly string[]
      readonly ring: SharedArrayBuffer
    }
  /**
   * Batch `batch` (from 1) of model `model` is in ring slot `batch %
   * READ_AHEAD`: `rows` codes and hashes, `batchRows` but in its last batch.
   * `alternative`: the slot's second code area holds the same rows' codes
   * under the other reading, while the file leaves its reading open (see
   * `ScoreParser`); once a batch comes without it, none after it has it.
   */
  | {
      readonly type: 'codes'
      readonly model: number
      readonly batch: number
      readonly rows: number
      readonly alternative: boolean
    }
  /** Model `model`'s file is read: its row count and what it held, to pick its reading. */
  | {
      readonly type: 'end'
      readonly model: number
      readonly rows: number
      readonly format: RecordReader['format']
      readonly values: PredictionValues
      readonly source: StoredSource
    }
  /** Reading failed: a DataError's file, line and detail (message), or another error's message. */
  | {
      readonly type: 'error'
      readonly name: string
      readonly message: string
      readonly file?: string
      readonly line?: number
    }
