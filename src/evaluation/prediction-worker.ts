/**
 * The prediction worker: an entry point of its own, bundled apart into
 * `dist/prediction-worker/index.js` so that it starts in milliseconds. It
 * reads the prediction files (rows matched by position) on the second core
 * while the main thread reads the test set, and sends each row's decision
 * code. See `prediction-worker-protocol.ts`.
 */

import { parentPort, workerData } from 'node:worker_threads'
import { DataError } from '../errors.js'
import { PredictionReader } from './prediction-rows.js'
import type {
  PredictionWorkerJob,
  PredictionWorkerMessage
} from './prediction-worker-protocol.js'

function post(
  message: PredictionWorkerMessage,
  transfer: ArrayBuffer[] = []
): void {
  parentPort!.postMessage(message, transfer)
}

function work(job: PredictionWorkerJob): void {
  const readers = job.files.map(
    (file) =>
      new PredictionReader(
        file,
        job.predictionColumn,
        job.positiveLabel,
        undefined
      )
  )
  const open = readers.map(() => true)
  try {
    while (open.some(Boolean)) {
      for (let model = 0; model < readers.length; model++) {
        if (!open[model]) continue
        const reader = readers[model]
        const batch = new Uint8Array(job.batchRows)
        const count = reader.readCodesInOrder(
          batch,
          job.batchRows,
          job.threshold
        )
        if (count > 0) {
          // The last batch is cut to its rows, so its length says how many.
          const codes = count === batch.length ? batch : batch.slice(0, count)
          post({ type: 'codes', model, codes }, [codes.buffer as ArrayBuffer])
        }
        if (count < job.batchRows) {
          open[model] = false
          post({
            type: 'end',
            model,
            rows: reader.rows,
            format: reader.reader.format,
            others: reader.scores.otherValues(),
            source: reader.source()
          })
        }
      }
    }
  } finally {
    for (const reader of readers) reader.close()
  }
}

try {
  work(workerData as PredictionWorkerJob)
} catch (error) {
  post(
    error instanceof DataError
      ? {
          type: 'error',
          name: error.name,
          message: error.detail,
          file: error.file,
          line: error.line
        }
      : {
          type: 'error',
          name: 'Error',
          message: error instanceof Error ? error.message : String(error)
        }
  )
}
