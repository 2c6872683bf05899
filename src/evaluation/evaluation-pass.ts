/**
 * The one pass over the data: the test set and each model's prediction file
 * are read once, side by side, and every row feeds both models'
 * accumulators.
 *
 * - By position, the files are read in step a batch at a time, so memory
 *   stays flat whatever the size. When the bundled prediction worker is
 *   there (`dist/prediction-worker/`), it reads the prediction files on the
 *   second core while this thread reads the test set; each row crosses as
 *   one byte (its decision code).
 * - Joined by id, the test set's rows are kept as typed arrays and each
 *   prediction file is scattered onto them by its ids.
 */

import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { DataError, GateError } from '../errors.js'
import {
  checkOtherValues,
  type OtherPredictionValues
} from '../data/score-parser.js'
import { ModelAccumulator } from '../metrics/model-accumulator.js'
import { constantBenefits, type CostModel } from '../metrics/net-benefit.js'
import { decimalToNumber } from '../metrics/decimal.js'
import { PairedDifference } from '../statistics/paired-difference.js'
import {
  PredictionReader,
  UNSET,
  type PredictionFile,
  type StoredSource
} from './prediction-rows.js'
import type {
  PredictionWorkerJob,
  PredictionWorkerMessage
} from './prediction-worker-protocol.js'
import { RowStore, TestSetReader } from './test-set-rows.js'
import { shown } from '../data/shown-value.js'
import { storedFormat, type RecordReader } from '../data/record-reader.js'

const BATCH = 16384

export interface PassOptions {
  readonly testSet: string
  readonly labelColumn: string
  readonly positiveLabel: string
  /** Join predictions to test rows by this column; by position when undefined. */
  readonly idColumn?: string
  readonly predictionColumn: string
  readonly threshold: number
  readonly costs: CostModel
  /** The candidate first, then the champion if there is one. */
  readonly predictions: readonly PredictionFile[]
}

export interface PassResult {
  readonly rows: number
  readonly positives: number
  readonly sha256: string
  readonly positiveLabel: string
  readonly negativeLabel?: string
  readonly perRowCosts: boolean
  /** How the test set is stored (its sha256 is `sha256`, over all parts for a folder). */
  readonly testSetSource: Omit<StoredSource, 'sha256'>
  /** One per prediction file, in the order given. */
  readonly models: readonly {
    readonly file: PredictionFile
    readonly accumulator: ModelAccumulator
    readonly matchedBy: 'position' | 'id'
    readonly source: StoredSource
  }[]
  /** The row-by-row comparison of the first two models, when there are two. */
  readonly paired?: PairedDifference
}

/** Feeds both models' decisions on a batch to the paired comparison (when there are two). */
type PairSink = (
  store: RowStore,
  codes: readonly Uint8Array[],
  rows: number
) => void

function pairSink(
  options: PassOptions,
  paired: PairedDifference | undefined
): PairSink {
  if (!paired) return () => {}
  const constant = constantBenefits(options.costs)
  const perClass = constant
    ? {
        positive: decimalToNumber(constant.positive),
        negative: decimalToNumber(constant.negative)
      }
    : undefined
  return (store, codes, rows) =>
    paired.addBatch(
      store.labels,
      perClass ?? store.benefitValue!,
      codes[0],
      codes[1],
      rows
    )
}

/** The prediction worker's bundle, beside the action's own; absent when running from source. */
function predictionWorkerScript(): string | undefined {
  const script = join(
    dirname(fileURLToPath(import.meta.url)),
    'prediction-worker',
    'index.js'
  )
  return existsSync(script) ? script : undefined
}

export async function runEvaluationPass(
  options: PassOptions
): Promise<PassResult> {
  const testSet = new TestSetReader({ ...options, path: options.testSet })
  try {
    const accumulators = options.predictions.map(() => new ModelAccumulator())
    const paired =
      options.predictions.length === 2 ? new PairedDifference() : undefined
    const pair = pairSink(options, paired)
    const script =
      options.idColumn === undefined ? predictionWorkerScript() : undefined
    let matchedBy: ('position' | 'id')[]
    let others: OtherPredictionValues[]
    let sources: StoredSource[]
    if (script) {
      ;[others, sources] = await passByPositionInWorker(
        script,
        options,
        testSet,
        accumulators,
        pair
      )
      matchedBy = options.predictions.map(() => 'position')
    } else {
      const readers = options.predictions.map(
        (file) =>
          new PredictionReader(
            file,
            options.predictionColumn,
            options.positiveLabel,
            options.idColumn
          )
      )
      try {
        if (options.idColumn === undefined)
          passByPosition(
            testSet,
            readers,
            accumulators,
            options.threshold,
            pair
          )
        else passJoined(testSet, readers, accumulators, options.threshold, pair)
      } finally {
        for (const reader of readers) reader.close()
      }
      others = readers.map((reader) => reader.scores.otherValues())
      sources = readers.map((reader) => reader.source())
      matchedBy = readers.map((reader) =>
        reader.joinsById ? 'id' : 'position'
      )
    }
    const sha256 = testSet.finish()
    for (const values of others) checkOtherValues(values, testSet.labels)
    return {
      rows: testSet.rows,
      positives: testSet.labels.positives,
      sha256,
      positiveLabel: options.positiveLabel,
      negativeLabel: testSet.labels.negativeLabel(),
      perRowCosts: testSet.perRowCosts,
      testSetSource: {
        format: storedFormat(testSet.reader),
        parts: testSet.reader.parts ?? null
      },
      models: options.predictions.map((file, k) => ({
        file,
        accumulator: accumulators[k],
        matchedBy: matchedBy[k],
        source: sources[k]
      })),
      paired
    }
  } finally {
    testSet.reader.close()
  }
}

function passByPosition(
  testSet: TestSetReader,
  readers: PredictionReader[],
  accumulators: ModelAccumulator[],
  threshold: number,
  pair: PairSink
): void {
  const store = new RowStore(BATCH, testSet.perRowCosts)
  const codes = readers.map(() => new Uint8Array(BATCH))
  for (;;) {
    store.count = 0
    const rows = testSet.readInto(store, BATCH)
    if (rows === 0) break
    for (let k = 0; k < readers.length; k++) {
      const got = readers[k].readCodesInOrder(codes[k], rows, threshold)
      if (got < rows)
        throw countMismatch(
          testSet,
          readers[k].file,
          readers[k].rows + readers[k].countRest(),
          readers[k].reader.format
        )
      accumulators[k].addBatch(store, codes[k], rows)
    }
    pair(store, codes, rows)
  }
  for (const reader of readers) {
    const extra = reader.countRest()
    if (extra > 0)
      throw countMismatch(
        testSet,
        reader.file,
        reader.rows,
        reader.reader.format
      )
  }
}

/** Per model, the worker's code batches as they arrive, and its end. */
class CodeQueue {
  private readonly batches: Uint8Array[] = []
  end?: Extract<PredictionWorkerMessage, { type: 'end' }>
  private waiting?: () => void

  push(batch: Uint8Array): void {
    this.batches.push(batch)
    this.wake()
  }

  finish(end: Extract<PredictionWorkerMessage, { type: 'end' }>): void {
    this.end = end
    this.wake()
  }

  wake(): void {
    const waiting = this.waiting
    this.waiting = undefined
    waiting?.()
  }

  /** The next batch, or undefined once the file has ended; rejects with the worker's failure. */
  async next(
    failure: () => Error | undefined
  ): Promise<Uint8Array | undefined> {
    for (;;) {
      const error = failure()
      if (error) throw error
      const batch = this.batches.shift()
      if (batch) return batch
      if (this.end) return undefined
      await new Promise<void>((resolve) => (this.waiting = resolve))
    }
  }
}

async function passByPositionInWorker(
  script: string,
  options: PassOptions,
  testSet: TestSetReader,
  accumulators: ModelAccumulator[],
  pair: PairSink
): Promise<[OtherPredictionValues[], StoredSource[]]> {
  const job: PredictionWorkerJob = {
    files: options.predictions,
    predictionColumn: options.predictionColumn,
    positiveLabel: options.positiveLabel,
    threshold: options.threshold,
    batchRows: BATCH
  }
  const queues = options.predictions.map(() => new CodeQueue())
  let failed: Error | undefined
  const fail = (error: Error): void => {
    failed ??= error
    for (const queue of queues) queue.wake()
  }
  // A small young generation: the worker allocates little, and RSS counts against the 100 MB budget.
  const worker = new Worker(script, {
    workerData: job,
    resourceLimits: { maxYoungGenerationSizeMb: 4 }
  })
  worker.on('message', (message: PredictionWorkerMessage) => {
    if (message.type === 'codes') queues[message.model].push(message.codes)
    else if (message.type === 'end') queues[message.model].finish(message)
    else if (message.file !== undefined)
      fail(new DataError(message.file, message.line, message.message))
    else
      fail(new GateError(`Reading the predictions failed: ${message.message}`))
  })
  worker.on('error', (error) =>
    fail(new GateError(`The prediction worker failed: ${error.message}`))
  )
  worker.on('exit', (code) => {
    if (code !== 0)
      fail(
        new GateError(`The prediction worker stopped with exit code ${code}`)
      )
    for (const queue of queues) queue.wake()
  })
  const failure = (): Error | undefined => failed
  try {
    const store = new RowStore(BATCH, testSet.perRowCosts)
    for (;;) {
      store.count = 0
      const rows = testSet.readInto(store, BATCH)
      if (rows === 0) break
      const batch: Uint8Array[] = []
      for (let k = 0; k < queues.length; k++) {
        const codes = await queues[k].next(failure)
        if (!codes || codes.length !== rows) {
          // Fewer predictions than rows here, or more (a full batch against the test set's last).
          throw await mismatchFromWorker(
            testSet,
            queues[k],
            options.predictions[k],
            failure
          )
        }
        accumulators[k].addBatch(store, codes, rows)
        batch.push(codes)
      }
      pair(store, batch, rows)
    }
    const others: OtherPredictionValues[] = []
    const sources: StoredSource[] = []
    for (let k = 0; k < queues.length; k++) {
      if ((await queues[k].next(failure)) !== undefined) {
        throw await mismatchFromWorker(
          testSet,
          queues[k],
          options.predictions[k],
          failure
        )
      }
      if (queues[k].end!.rows !== testSet.rows) {
        throw await mismatchFromWorker(
          testSet,
          queues[k],
          options.predictions[k],
          failure
        )
      }
      others.push(queues[k].end!.others)
      sources.push(queues[k].end!.source)
    }
    return [others, sources]
  } finally {
    await worker.terminate()
  }
}

/** Waits for the worker to finish counting the file, then names both counts. */
async function mismatchFromWorker(
  testSet: TestSetReader,
  queue: CodeQueue,
  file: PredictionFile,
  failure: () => Error | undefined
): Promise<Error> {
  while ((await queue.next(failure)) !== undefined) {
    // Drain: the end message carries the file's full row count.
  }
  return countMismatch(testSet, file, queue.end!.rows, queue.end!.format)
}

function passJoined(
  testSet: TestSetReader,
  readers: PredictionReader[],
  accumulators: ModelAccumulator[],
  threshold: number,
  pair: PairSink
): void {
  const store = new RowStore(BATCH, testSet.perRowCosts)
  while (testSet.readInto(store, Number.MAX_SAFE_INTEGER) > 0) {
    // readInto reads to the end in one call; the loop ends on the next.
  }
  const rows = store.count
  const codes = readers.map(() => new Uint8Array(rows))
  for (let k = 0; k < readers.length; k++) {
    const reader = readers[k]
    if (reader.joinsById) {
      codes[k].fill(UNSET)
      reader.readCodesJoined(testSet.ids!, codes[k], threshold)
      const missing = codes[k].indexOf(UNSET)
      if (missing >= 0) {
        throw new DataError(
          reader.file.path,
          undefined,
          `no prediction for id ${shown(testSet.ids!.idOf(missing))} (test set ${testSet.reader.path} line ${store.lines[missing]})` +
            `${rows - reader.rows > 1 ? ` and ${rows - reader.rows - 1} more` : ''}; the ${reader.file.role}'s predictions must cover every test-set row`
        )
      }
    } else {
      const got = reader.readCodesInOrder(codes[k], rows, threshold)
      if (got < rows || reader.countRest() > 0) {
        throw countMismatch(
          testSet,
          reader.file,
          reader.rows,
          reader.reader.format
        )
      }
    }
    accumulators[k].addBatch(store, codes[k], rows)
  }
  pair(store, codes, rows)
}

/** Both files and both counts, for rows matched by position. */
function countMismatch(
  testSet: TestSetReader,
  file: PredictionFile,
  predicted: number,
  format: RecordReader['format']
): DataError {
  const testRows = testSet.rows + testSet.countRest()
  const unit = format === 'mlflow-json' ? 'predictions' : 'rows'
  return new DataError(
    file.path,
    undefined,
    `${predicted} ${unit} (input '${file.input}') but the test set ${testSet.reader.path} has ${testRows} rows; ` +
      `rows are matched by position, so both must have one row per test example in the same order (or set 'id-column' to join by id)`
  )
}
