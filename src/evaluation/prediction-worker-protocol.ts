/**
 * What the prediction worker and the main thread say to each other: plain
 * data that crosses `postMessage`. The worker reads the prediction files
 * and sends one decision code per row (see `decisionCodes`) in batches of
 * the pass's size; the main thread reads the test set meanwhile.
 */

import type { OtherPredictionValues } from '../data/score-parser.js'
import type { RecordReader } from '../data/record-reader.js'
import type { PredictionFile, StoredSource } from './prediction-rows.js'

export interface PredictionWorkerJob {
  readonly files: readonly PredictionFile[]
  readonly predictionColumn: string
  readonly positiveLabel: string
  readonly threshold: number
  readonly batchRows: number
}

export type PredictionWorkerMessage =
  /** Up to `batchRows` codes of model `model`; fewer only in its last batch. */
  | {
      readonly type: 'codes'
      readonly model: number
      readonly codes: Uint8Array
    }
  /** Model `model`'s file is read: its row count and values to check against the labels. */
  | {
      readonly type: 'end'
      readonly model: number
      readonly rows: number
      readonly format: RecordReader['format']
      readonly others: OtherPredictionValues
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
