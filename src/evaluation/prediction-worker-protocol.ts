/**
 * What the prediction worker and the main thread say to each other: plain
 * data that crosses `postMessage`. The worker reads the prediction files
 * and sends one decision code per row (see `decisionCodes`) in batches of
 * the pass's size; the main thread reads the test set meanwhile.
 */

import type { OtherPredictionValues } from '../data/score-parser.js'
import type { PredictionFile } from './prediction-rows.js'

/**
 * How many batches per model the worker may send before the main thread has
 * used them: enough to keep both threads busy, few enough that the batches
 * in flight (codes and hashes, 5 bytes a row) stay small; at least 3,
 * or the worker, which sends the models' batches in turn, could wait for a
 * batch that the main thread in turn waits for.
 */
export const READ_AHEAD = 4

export interface PredictionWorkerJob {
  readonly files: readonly PredictionFile[]
  readonly predictionColumn: string
  readonly positiveLabel: string
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
  /** Model `model`'s file is open: the columns it shares with the test set (first message per model). */
  | {
      readonly type: 'columns'
      readonly model: number
      readonly columns: readonly string[]
    }
  /**
   * Up to `batchRows` codes of model `model`; fewer only in its last batch.
   * `hashes`: per shared column, the rows' value hashes (in the same
   * transferred buffer as the codes).
   */
  | {
      readonly type: 'codes'
      readonly model: number
      readonly codes: Uint8Array
      readonly hashes: readonly Int32Array[]
    }
  /** Model `model`'s file is read: its row count and values to check against the labels. */
  | {
      readonly type: 'end'
      readonly model: number
      readonly rows: number
      readonly format: 'csv' | 'jsonl' | 'mlflow-json'
      readonly others: OtherPredictionValues
    }
  /** Reading failed: a DataError's file, line and detail (message), or another error's message. */
  | {
      readonly type: 'error'
      readonly name: string
      readonly message: string
      readonly file?: string
      readonly line?: number
    }
