/**
 * The one pass over the data: the test set and each model's prediction file
 * are read once, side by side, and every row feeds both models'
 * accumulators.
 *
 * - By position, the files are read in step a batch at a time, so memory
 *   stays flat whatever the size. When the bundled prediction worker is
 *   there (`dist/prediction-worker/`), it reads the prediction files on the
 *   second core while this thread reads the test set; each row crosses as
 *   one byte (its decision code; two while the file's reading is open).
 * - Joined by id, the test set's rows are kept as typed arrays and each
 *   prediction file is scattered onto them by its ids.
 *
 * What a prediction value means (a score or a label; which entry of a
 * `[p0, p1]` pair) depends on the test set's labels, known only after the
 * last row; so while a file leaves it open, its rows are tallied under both
 * readings, and the reading is picked after the pass (see `ScoreParser`).
 */

import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { DataError, GateError } from '../errors.js'
import {
  choosePredictionReading,
  type PositiveClassIndex,
  type PredictionKind,
  type PredictionReading,
  type PredictionValues
} from '../data/score-parser.js'
import { ModelAccumulator } from '../metrics/model-accumulator.js'
import { constantBenefits, type CostModel } from '../metrics/net-benefit.js'
import { decimalToNumber } from '../metrics/decimal.js'
import { PairedDifference } from '../statistics/paired-difference.js'
import {
  PredictionReader,
  UNSET,
  type PredictionFile
} from './prediction-rows.js'
import type {
  PredictionWorkerJob,
  PredictionWorkerMessage
} from './prediction-worker-protocol.js'
import { RowStore, TestSetReader } from './test-set-rows.js'

const BATCH = 16384

export interface PassOptions {
  readonly testSet: string
  readonly labelColumn: string
  readonly positiveLabel: string
  /** Join predictions to test rows by this column; by position when undefined. */
  readonly idColumn?: string
  readonly predictionColumn: string
  /** Input `prediction-kind`. */
  readonly predictionKind: PredictionKind
  /** Input `positive-class-index`. */
  readonly positiveClassIndex: PositiveClassIndex
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
  /** One per prediction file, in the order given. */
  readonly models: readonly {
    readonly file: PredictionFile
    readonly accumulator: ModelAccumulator
    readonly matchedBy: 'position' | 'id'
    /** How its values were read. */
    readonly reading: PredictionReading
  }[]
  /** The row-by-row comparison of the first two models, when there are two. */
  readonly paired?: PairedDifference
}

/**
 * One model's tallies: under the first reading, and under the other while
 * the file leaves its reading open (see `ScoreParser.alternative`).
 */
class ModelTallies {
  readonly first = new ModelAccumulator()
  other?: ModelAccumulator = new ModelAccumulator()

  /** `alternative` is undefined once the other reading is closed; it stays closed. */
  add(
    store: RowStore,
    codes: Uint8Array,
    alternative: Uint8Array | undefined,
    rows: number
  ): void {
    this.first.addBatch(store, codes, rows)
    if (alternative && this.other) this.other.addBatch(store, alternative, rows)
    else this.other = undefined
  }

  pick(reading: PredictionReading): ModelAccumulator {
    const accumulator = reading.alternative ? this.other : this.first
    if (!accumulator)
      throw new Error('internal: the reading picked was not tallied')
    return accumulator
  }
}

/**
 * The paired comparison of the first two models, under each pair of
 * readings still open (at most four; one once both files are settled).
 */
class PairedReadings {
  private readonly pairs: (PairedDifference | undefined)[]
  private readonly perClass?: { positive: number; negative: number }

  constructor(costs: CostModel) {
    this.pairs = [0, 1, 2, 3].map(() => new PairedDifference())
    const constant = constantBenefits(costs)
    this.perClass = constant
      ? {
          positive: decimalToNumber(constant.positive),
          negative: decimalToNumber(constant.negative)
        }
      : undefined
  }

  /** Both models' codes on a batch, and their other readings' (undefined once closed). */
  add(
    store: RowStore,
    codes: readonly Uint8Array[],
    alternatives: readonly (Uint8Array | undefined)[],
    rows: number
  ): void {
    const benefit = this.perClass ?? store.benefitValue!
    for (let k = 0; k < 4; k++) {
      const paired = this.pairs[k]
      if (!paired) continue
      const candidate = k & 1 ? alternatives[0] : codes[0]
      const champion = k & 2 ? alternatives[1] : codes[1]
      if (!candidate || !champion) this.pairs[k] = undefined
      else paired.addBatch(store.labels, benefit, candidate, champion, rows)
    }
  }

  pick(candidate: PredictionReading, champion: PredictionReading) {
    const paired =
      this.pairs[
        (candidate.alternative ? 1 : 0) + (champion.alternative ? 2 : 0)
      ]
    if (!paired)
      throw new Error('internal: the readings picked were not paired')
    return paired
  }
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
    const tallies = options.predictions.map(() => new ModelTallies())
    const paired =
      options.predictions.length === 2
        ? new PairedReadings(options.costs)
        : undefined
    const script =
      options.idColumn === undefined ? predictionWorkerScript() : undefined
    let matchedBy: ('position' | 'id')[]
    let values: PredictionValues[]
    if (script) {
      values = await passByPositionInWorker(
        script,
        options,
        testSet,
        tallies,
        paired
      )
      matchedBy = options.predictions.map(() => 'position')
    } else {
      const readers = options.predictions.map(
        (file) =>
          new PredictionReader(
            file,
            options.predictionColumn,
            options,
            options.idColumn
          )
      )
      try {
        if (options.idColumn === undefined)
          passByPosition(testSet, readers, tallies, options.threshold, paired)
        else passJoined(testSet, readers, tallies, options.threshold, paired)
      } finally {
        for (const reader of readers) reader.close()
      }
      values = readers.map((reader) => reader.scores.values())
      matchedBy = readers.map((reader) =>
        reader.joinsById ? 'id' : 'position'
      )
    }
    const sha256 = testSet.finish()
    const readings = values.map((v) =>
      choosePredictionReading(v, testSet.labels, options)
    )
    return {
      rows: testSet.rows,
      positives: testSet.labels.positives,
      sha256,
      positiveLabel: options.positiveLabel,
      negativeLabel: testSet.labels.negativeLabel(),
      perRowCosts: testSet.perRowCosts,
      models: options.predictions.map((file, k) => ({
        file,
        accumulator: tallies[k].pick(readings[k]),
        matchedBy: matchedBy[k],
        reading: readings[k]
      })),
      paired: paired?.pick(readings[0], readings[1])
    }
  } finally {
    testSet.reader.close()
  }
}

function passByPosition(
  testSet: TestSetReader,
  readers: PredictionReader[],
  tallies: ModelTallies[],
  threshold: number,
  paired: PairedReadings | undefined
): void {
  const store = new RowStore(BATCH, testSet.perRowCosts)
  const codes = readers.map(() => new Uint8Array(BATCH))
  const others = readers.map(() => new Uint8Array(BATCH))
  for (;;) {
    store.count = 0
    const rows = testSet.readInto(store, BATCH)
    if (rows === 0) break
    const alternatives: (Uint8Array | undefined)[] = []
    for (let k = 0; k < readers.length; k++) {
      const got = readers[k].readCodesInOrder(
        codes[k],
        others[k],
        rows,
        threshold
      )
      if (got < rows)
        throw countMismatch(
          testSet,
          readers[k].file,
          readers[k].rows + readers[k].countRest(),
          readers[k].reader.format
        )
      alternatives.push(readers[k].scores.alternative ? others[k] : undefined)
      tallies[k].add(store, codes[k], alternatives[k], rows)
    }
    paired?.add(store, codes, alternatives, rows)
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

/** A batch of one model's codes from the worker, and the other reading's while open. */
interface CodeBatch {
  readonly codes: Uint8Array
  readonly alternative?: Uint8Array
}

/** Per model, the worker's code batches as they arrive, and its end. */
class CodeQueue {
  private readonly batches: CodeBatch[] = []
  end?: Extract<PredictionWorkerMessage, { type: 'end' }>
  private waiting?: () => void

  push(batch: CodeBatch): void {
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
  async next(failure: () => Error | undefined): Promise<CodeBatch | undefined> {
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
  tallies: ModelTallies[],
  paired: PairedReadings | undefined
): Promise<PredictionValues[]> {
  const job: PredictionWorkerJob = {
    files: options.predictions,
    predictionColumn: options.predictionColumn,
    positiveLabel: options.positiveLabel,
    predictionKind: options.predictionKind,
    positiveClassIndex: options.positiveClassIndex,
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
    if (message.type === 'codes')
      queues[message.model].push({
        codes: message.codes,
        alternative: message.alternative
      })
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
      const alternatives: (Uint8Array | undefined)[] = []
      for (let k = 0; k < queues.length; k++) {
        const next = await queues[k].next(failure)
        const codes = next?.codes
        if (!codes || codes.length !== rows) {
          // Fewer predictions than rows here, or more (a full batch against the test set's last).
          throw await mismatchFromWorker(
            testSet,
            queues[k],
            options.predictions[k],
            failure
          )
        }
        tallies[k].add(store, codes, next.alternative, rows)
        batch.push(codes)
        alternatives.push(next.alternative)
      }
      paired?.add(store, batch, alternatives, rows)
    }
    const values: PredictionValues[] = []
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
      values.push(queues[k].end!.values)
    }
    return values
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
  tallies: ModelTallies[],
  threshold: number,
  paired: PairedReadings | undefined
): void {
  const store = new RowStore(BATCH, testSet.perRowCosts)
  while (testSet.readInto(store, Number.MAX_SAFE_INTEGER) > 0) {
    // readInto reads to the end in one call; the loop ends on the next.
  }
  const rows = store.count
  const codes = readers.map(() => new Uint8Array(rows))
  const others = readers.map(() => new Uint8Array(rows))
  const alternatives: (Uint8Array | undefined)[] = []
  for (let k = 0; k < readers.length; k++) {
    const reader = readers[k]
    if (reader.joinsById) {
      codes[k].fill(UNSET)
      reader.readCodesJoined(testSet.ids!, codes[k], others[k], threshold)
      const missing = codes[k].indexOf(UNSET)
      if (missing >= 0) {
        throw new DataError(
          reader.file.path,
          undefined,
          `no prediction for id '${testSet.ids!.idOf(missing)}' (test set ${testSet.reader.path} line ${store.lines[missing]})` +
            `${rows - reader.rows > 1 ? ` and ${rows - reader.rows - 1} more` : ''}; the ${reader.file.role}'s predictions must cover every test-set row`
        )
      }
    } else {
      const got = reader.readCodesInOrder(codes[k], others[k], rows, threshold)
      if (got < rows || reader.countRest() > 0) {
        throw countMismatch(
          testSet,
          reader.file,
          reader.rows,
          reader.reader.format
        )
      }
    }
    alternatives.push(reader.scores.alternative ? others[k] : undefined)
    tallies[k].add(store, codes[k], alternatives[k], rows)
  }
  paired?.add(store, codes, alternatives, rows)
}

/** Both files and both counts, for rows matched by position. */
function countMismatch(
  testSet: TestSetReader,
  file: PredictionFile,
  predicted: number,
  format: 'csv' | 'jsonl' | 'mlflow-json'
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
