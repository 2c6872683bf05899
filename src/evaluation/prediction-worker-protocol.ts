/**
 * What the prediction worker and the main thread say to each other: plain
 * data that crosses `postMessage`. The worker reads the prediction files
 * and sends one decision code per row (see `decisionCodes`) in batches of
 * the pass's size; the main thread reads the test set meanwhile.
 */

import type { OtherPredictionValues } from '../data/score-parser.js'
import type { PredictionFile } from './prediction-rows.js'

export interface PredictionWorkerJob {
  readonly files: readonly PredictionFile[]
  readonly predictionColumn: string
  readonly positiveLabel: string
  readonly threshold: number
  readonly batchRows: number
  /** The test set's columns: a prediction file's shared ones are checked row by row. */
  readonly testColumns: readonly string[]
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
   * `digests`: per shared column, the sha256 of the batch's values (see
   * `row-agreement.ts`: a digest rather than the values keeps the queue of
   * batches that the worker reads ahead small).
   */
  | {
      readonly type: 'codes'
      readonly model: number
      readonly codes: Uint8Array
      readonly digests: readonly string[]
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
