/**
 * What the prediction worker and the main thread say to each other: plain
 * data that crosses `postMessage`. The worker reads the prediction files
 * and sends one decision code per row (see `decisionCodes`) in batches of
 * the pass's size; the main thread reads the test set meanwhile.
 */

import type {
  PositiveClassIndex,
  PredictionKind,
  PredictionValues
} from '../data/score-parser.js'
import type { PredictionFile } from './prediction-rows.js'

export interface PredictionWorkerJob {
  readonly files: readonly PredictionFile[]
  readonly predictionColumn: string
  readonly positiveLabel: string
  readonly predictionKind: PredictionKind
  readonly positiveClassIndex: PositiveClassIndex
  readonly threshold: number
  readonly batchRows: number
}

export type PredictionWorkerMessage =
  /**
   * Up to `batchRows` codes of model `model`; fewer only in its last batch.
   * `alternative`: the same rows' codes under the other reading, while the
   * file leaves its reading open (see `ScoreParser`); once a batch comes
   * without it, none after it has it.
   */
  | {
      readonly type: 'codes'
      readonly model: number
      readonly codes: Uint8Array
      readonly alternative?: Uint8Array
    }
  /** Model `model`'s file is read: its row count and what it held, to pick its reading. */
  | {
      readonly type: 'end'
      readonly model: number
      readonly rows: number
      readonly format: 'csv' | 'jsonl' | 'mlflow-json'
      readonly values: PredictionValues
    }
  /** Reading failed: a DataError's file, line and detail (message), or another error's message. */
  | {
      readonly type: 'error'
      readonly name: string
      readonly message: string
      readonly file?: string
      readonly line?: number
    }
