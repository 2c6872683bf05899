/**
 * The prediction worker: an entry point of its own, bundled apart into
 * `dist/prediction-worker/index.js` so that it starts in milliseconds. It
 * reads the prediction files (rows matched by position) on the second core
 * while the main thread reads the test set, and sends each row's decision
 * code (and the other reading's while the file leaves its reading open),
 * with the hashes of its values in the columns it shares with the test set.
 * See `prediction-worker-protocol.ts`.
 */

import { parentPort, workerData } from 'node:worker_threads'
import { DataError } from '../errors.js'
import { PredictionReader, thresholdOf } from './prediction-rows.js'
import {
  newRing,
  READ_AHEAD,
  slotViews,
  type PredictionWorkerJob,
  type PredictionWorkerMessage
} from './prediction-worker-protocol.js'

/** Waits until the main thread has used all but READ_AHEAD - 1 of model's sent batches. */
function waitForRoom(consumed: Int32Array, model: number, sent: number): void {
  for (;;) {
    const used = Atomics.load(consumed, model)
    if (sent - used < READ_AHEAD) return
    // Bounded, so that a main thread that stopped (and terminates this worker) is never waited for long.
    Atomics.wait(consumed, model, used, 1000)
  }
}

function post(
  message: PredictionWorkerMessage,
  transfer: ArrayBuffer[] = []
): void {
  parentPort!.postMessage(message, transfer)
}

function work(job: PredictionWorkerJob): void {
  const readers: PredictionReader[] = []
  try {
    for (const file of job.files) {
      readers.push(
        new PredictionReader(
          file,
          job.predictionColumn,
          job,
          undefined,
          job.testColumns
        )
      )
    }
    const rings = readers.map((reader) =>
      newRing(job.batchRows, reader.shared.length)
    )
    readers.forEach((reader, model) =>
      post({
        type: 'columns',
        model,
        columns: reader.shared,
        ring: rings[model]
      })
    )
    const open = readers.map(() => true)
    const sent = readers.map(() => 0)
    while (open.some(Boolean)) {
      for (let model = 0; model < readers.length; model++) {
        if (!open[model]) continue
        const reader = readers[model]
        waitForRoom(job.consumed, model, sent[model])
        const batch = sent[model] + 1
        const ring = rings[model]
        const columns = reader.shared.length
        const slot = batch % READ_AHEAD
        const { codes, alternative, hashes } = slotViews(
          ring,
          job.batchRows,
          columns,
          slot,
          job.batchRows
        )
        const rows = reader.readCodesInOrder(
          codes,
          alternative,
          job.batchRows,
          thresholdOf(reader.file, job.threshold),
          hashes,
          job.seed
        )
        if (rows > 0) {
          // A seq-cst store after the slot's writes: the main thread's load of
          // it (before reading the slot) sees them all.
          Atomics.store(new Int32Array(ring, 0, 1), 0, batch)
          post({
            type: 'codes',
            model,
            batch,
            rows,
            alternative: reader.scores.alternative
          })
          sent[model] = batch
        }
        if (rows < job.batchRows) {
          open[model] = false
          post({
            type: 'end',
            model,
            rows: reader.rows,
            format: reader.reader.format,
            values: reader.scores.values(),
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
