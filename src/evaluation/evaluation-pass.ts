/**
 * The one pass over the data: the test set and each model's prediction file
 * are read once, side by side, and every row feeds both models'
 * accumulators.
 *
 * - By position, the files are read in step a batch at a time, so memory
 *   stays flat whatever the size. When the bundled prediction worker is
 *   there (`dist/prediction-worker/`), it reads the prediction files on the
 *   second core while this thread reads the test set; each row crosses as
 *   one byte (its decision code; two while the file's reading is open),
 *   plus a 4-byte hash per column the file shares with the test set (an
 *   id): those must agree row by row, see `row-agreement.ts`.
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
import { DataError, UserError } from '../errors.js'
import {
  choosePredictionReading,
  type PositiveClassIndex,
  type PredictionKind,
  type PredictionReading,
  type PredictionValues
} from '../data/score-parser.js'
import { ModelAccumulator } from '../metrics/model-accumulator.js'
import {
  classBenefit,
  constantBenefits,
  type CostModel,
  type RowClass
} from '../metrics/net-benefit.js'
import { decimalToNumber } from '../metrics/decimal.js'
import {
  PairedDifference,
  type PairedOptions
} from '../statistics/paired-difference.js'
import {
  PredictionReader,
  UNSET,
  thresholdOf,
  type PredictionFile,
  type StoredSource
} from './prediction-rows.js'
import {
  READ_AHEAD,
  slotViews,
  type PredictionWorkerJob,
  type PredictionWorkerMessage
} from './prediction-worker-protocol.js'
import {
  checkBatch,
  findDisagreement,
  newHashSeed,
  type AgreementSubject
} from './row-agreement.js'
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
  /** Input `prediction-kind`. */
  readonly predictionKind: PredictionKind
  /** Input `positive-class-index`. */
  readonly positiveClassIndex: PositiveClassIndex
  /** The decision threshold of a file that names none (`PredictionFile.threshold`). */
  readonly threshold: number
  readonly costs: CostModel
  /** The candidate first, then the champion if there is one. */
  readonly predictions: readonly PredictionFile[]
  /**
   * The paired bootstrap, drawn during the pass: resamples (0: none, the
   * closed-form normal approximation) and seed. Absent: none.
   */
  readonly bootstrap?: { readonly samples: number; readonly seed: number }
  /**
   * The prediction worker's script, for rows matched by position. Absent:
   * the bundled one beside this module, if there is one. Tests name a
   * script that runs the worker from source, so that its path is tested
   * without a bundle.
   */
  readonly predictionWorker?: string
  /** Input `segment-column`: tally each model per group of this column too. */
  readonly segmentColumn?: string
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
    /** How its values were read. */
    readonly reading: PredictionReading
    readonly source: StoredSource
  }[]
  /** The row-by-row comparison of the first two models, when there are two. */
  readonly paired?: PairedDifference
  /** With `segmentColumn`: its values by group number (each model's `accumulator.segments`). */
  readonly segments?: { readonly column: string; readonly values: string[] }
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

  constructor(options: PassOptions) {
    this.pairs = [0, 1, 2, 3].map(
      () => new PairedDifference(pairedOptions(options))
    )
    const constant = constantBenefits(options.costs)
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

/** The test set's hashes of a kept column, for the store's current rows. */
function testHashes(
  testSet: TestSetReader,
  store: RowStore
): (column: string) => Int32Array {
  return (column) => store.kept[testSet.keptColumns.indexOf(column)]
}

/** The union of the models' shared columns, for the test set to keep. */
function keptColumns(shared: readonly (readonly string[])[]): string[] {
  return [...new Set(shared.flat())]
}

function subjectOf(
  file: PredictionFile,
  columns: readonly string[],
  predictionColumn: string,
  idColumn?: string
): AgreementSubject {
  return { path: file.path, columns, predictionColumn, idColumn }
}

/**
 * When a prediction file's row count differs from the test set's: the first
 * of the rows both have that disagrees is the better message, if there is
 * one (a row left out in the middle shifts every row after it).
 */
function disagreementBefore(
  testSet: TestSetReader,
  subject: AgreementSubject,
  first: number,
  rows: number
) {
  return subject.columns.length > 0 && rows > 0
    ? findDisagreement(testSet.reader.path, subject, first, rows)
    : undefined
}

/**
 * The paired comparison's settings: the bootstrap's, and each class's
 * benefit where both of its costs are constants (those rows are counted per
 * cell, not drawn one by one).
 */
function pairedOptions(options: PassOptions): PairedOptions {
  const fixed = (rowClass: RowClass): number | undefined => {
    const benefit = classBenefit(options.costs, rowClass)
    return benefit && decimalToNumber(benefit)
  }
  return {
    samples: options.bootstrap?.samples ?? 0,
    seed: options.bootstrap?.seed ?? 0,
    constant: { positive: fixed('positive'), negative: fixed('negative') }
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
      options.predictions.length === 2 ? new PairedReadings(options) : undefined
    const script =
      options.idColumn === undefined
        ? (options.predictionWorker ?? predictionWorkerScript())
        : undefined
    // Seeds the hashes of the columns checked by position (row-agreement.ts).
    const seed = newHashSeed()
    let matchedBy: ('position' | 'id')[]
    let values: PredictionValues[]
    let sources: StoredSource[]
    if (script) {
      ;[values, sources] = await passByPositionInWorker(
        script,
        options,
        testSet,
        tallies,
        paired,
        seed
      )
      matchedBy = options.predictions.map(() => 'position')
    } else {
      const readers: PredictionReader[] = []
      try {
        for (const file of options.predictions) {
          readers.push(
            new PredictionReader(
              file,
              options.predictionColumn,
              options,
              options.idColumn,
              testSet.names()
            )
          )
        }
        testSet.keep(keptColumns(readers.map((reader) => reader.shared)), seed)
        if (options.idColumn === undefined)
          passByPosition(
            testSet,
            readers,
            tallies,
            options.threshold,
            paired,
            seed
          )
        else
          passJoined(testSet, readers, tallies, options.threshold, paired, seed)
      } finally {
        for (const reader of readers) reader.close()
      }
      values = readers.map((reader) => reader.scores.values())
      sources = readers.map((reader) => reader.source())
      matchedBy = readers.map((reader) =>
        reader.joinsById ? 'id' : 'position'
      )
    }
    const sha256 = testSet.finish()
    const readings = values.map((v, k) =>
      choosePredictionReading(v, testSet.labels, {
        ...options,
        threshold: thresholdOf(options.predictions[k], options.threshold)
      })
    )
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
        accumulator: tallies[k].pick(readings[k]),
        matchedBy: matchedBy[k],
        reading: readings[k],
        source: sources[k]
      })),
      paired: paired?.pick(readings[0], readings[1]),
      segments: options.segmentColumn
        ? { column: options.segmentColumn, values: testSet.segmentNames() }
        : undefined
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
  paired: PairedReadings | undefined,
  seed: number
): void {
  const store = testSet.newStore(BATCH)
  const kept = testHashes(testSet, store)
  const subjects = readers.map((reader) =>
    subjectOf(reader.file, reader.shared, reader.predictionColumn)
  )
  const codes = readers.map(() => new Uint8Array(BATCH))
  const others = readers.map(() => new Uint8Array(BATCH))
  const hashes = readers.map((reader) =>
    reader.shared.map(() => new Int32Array(BATCH))
  )
  let first = 0
  for (;;) {
    store.clear()
    const rows = testSet.readInto(store, BATCH)
    if (rows === 0) break
    const alternatives: (Uint8Array | undefined)[] = []
    for (let k = 0; k < readers.length; k++) {
      const reader = readers[k]
      const got = reader.readCodesInOrder(
        codes[k],
        others[k],
        rows,
        thresholdOf(reader.file, threshold),
        hashes[k],
        seed
      )
      if (got < rows)
        throw (
          disagreementBefore(testSet, subjects[k], first, got) ??
          countMismatch(
            testSet,
            reader.file,
            reader.rows + reader.countRest(),
            reader.reader.format
          )
        )
      // Rows agree whichever reading is chosen: the check is of alignment.
      if (subjects[k].columns.length > 0) {
        const path = testSet.reader.path
        checkBatch(path, kept, subjects[k], hashes[k], first, rows)
      }
      alternatives.push(reader.scores.alternative ? others[k] : undefined)
      tallies[k].add(store, codes[k], alternatives[k], rows)
    }
    paired?.add(store, codes, alternatives, rows)
    first += rows
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

/**
 * A batch's codes, the other reading's while the file leaves it open, and
 * hashes: views on the worker's ring, valid until the batch is marked used.
 */
interface CodeBatch {
  readonly codes: Uint8Array
  readonly alternative?: Uint8Array
  readonly hashes: Int32Array[]
}

/** Per model, the worker's shared columns, its code batches as they arrive, and its end. */
class CodeQueue {
  private readonly batches: CodeBatch[] = []
  columns?: readonly string[]
  private ring?: SharedArrayBuffer
  end?: Extract<PredictionWorkerMessage, { type: 'end' }>
  private waiting?: () => void

  constructor(private readonly batchRows: number) {}

  push(message: Extract<PredictionWorkerMessage, { type: 'codes' }>): void {
    const ring = this.ring!
    // The worker's seq-cst store of this batch number came after its writes.
    Atomics.load(new Int32Array(ring, 0, 1), 0)
    const { codes, alternative, hashes } = slotViews(
      ring,
      this.batchRows,
      this.columns!.length,
      message.batch % READ_AHEAD,
      message.rows
    )
    this.batches.push({
      codes,
      alternative: message.alternative ? alternative : undefined,
      hashes
    })
    this.wake()
  }

  setColumns(columns: readonly string[], ring: SharedArrayBuffer): void {
    this.columns = columns
    this.ring = ring
    this.wake()
  }

  /** The columns the file shares with the test set, once the worker has opened it. */
  async sharedColumns(
    failure: () => Error | undefined
  ): Promise<readonly string[]> {
    for (;;) {
      const error = failure()
      if (error) throw error
      if (this.columns) return this.columns
      await new Promise<void>((resolve) => (this.waiting = resolve))
    }
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
  paired: PairedReadings | undefined,
  seed: number
): Promise<[PredictionValues[], StoredSource[]]> {
  // Batches of each model this thread has used: the worker reads ahead of
  // them by at most READ_AHEAD batches.
  const consumed = new Int32Array(
    new SharedArrayBuffer(4 * options.predictions.length)
  )
  const job: PredictionWorkerJob = {
    files: options.predictions,
    predictionColumn: options.predictionColumn,
    positiveLabel: options.positiveLabel,
    predictionKind: options.predictionKind,
    positiveClassIndex: options.positiveClassIndex,
    threshold: options.threshold,
    batchRows: BATCH,
    testColumns: testSet.names(),
    seed,
    consumed
  }
  const queues = options.predictions.map(() => new CodeQueue(BATCH))
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
    if (message.type === 'codes') queues[message.model].push(message)
    else if (message.type === 'columns')
      queues[message.model].setColumns(message.columns, message.ring)
    else if (message.type === 'end') queues[message.model].finish(message)
    else if (message.file !== undefined)
      fail(new DataError(message.file, message.line, message.message))
    else
      fail(new UserError(`Reading the predictions failed: ${message.message}`))
  })
  worker.on('error', (error) =>
    fail(new UserError(`The prediction worker failed: ${error.message}`))
  )
  worker.on('exit', (code) => {
    if (code !== 0)
      fail(
        new UserError(`The prediction worker stopped with exit code ${code}`)
      )
    for (const queue of queues) queue.wake()
  })
  const failure = (): Error | undefined => failed
  // Once the test set is read (or the pass fails), only counts are left to
  // learn: the worker may read to the end unhindered.
  const release = (): void => {
    for (let k = 0; k < consumed.length; k++) {
      Atomics.store(consumed, k, 1 << 30)
      Atomics.notify(consumed, k)
    }
  }
  try {
    const subjects: AgreementSubject[] = []
    for (let k = 0; k < queues.length; k++) {
      const columns = await queues[k].sharedColumns(failure)
      subjects.push(
        subjectOf(options.predictions[k], columns, options.predictionColumn)
      )
    }
    testSet.keep(keptColumns(subjects.map((subject) => subject.columns)), seed)
    const store = testSet.newStore(BATCH)
    const kept = testHashes(testSet, store)
    let first = 0
    for (;;) {
      store.clear()
      const rows = testSet.readInto(store, BATCH)
      if (rows === 0) break
      const batch: Uint8Array[] = []
      const alternatives: (Uint8Array | undefined)[] = []
      for (let k = 0; k < queues.length; k++) {
        const got = await queues[k].next(failure)
        if (!got || got.codes.length !== rows) {
          // Fewer predictions than rows here, or more (a full batch against the test set's last).
          const both = Math.min(rows, got?.codes.length ?? 0)
          release()
          throw (
            disagreementBefore(testSet, subjects[k], first, both) ??
            (await mismatchFromWorker(
              testSet,
              queues[k],
              options.predictions[k],
              failure
            ))
          )
        }
        // Rows agree whichever reading is chosen: the check is of alignment.
        if (subjects[k].columns.length > 0) {
          const path = testSet.reader.path
          checkBatch(path, kept, subjects[k], got.hashes, first, rows)
        }
        tallies[k].add(store, got.codes, got.alternative, rows)
        batch.push(got.codes)
        alternatives.push(got.alternative)
      }
      paired?.add(store, batch, alternatives, rows)
      // The batches' ring slots may be written again.
      for (let k = 0; k < queues.length; k++) {
        Atomics.add(consumed, k, 1)
        Atomics.notify(consumed, k)
      }
      first += rows
    }
    release()
    const values: PredictionValues[] = []
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
      values.push(queues[k].end!.values)
      sources.push(queues[k].end!.source)
    }
    return [values, sources]
  } finally {
    release()
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
  paired: PairedReadings | undefined,
  seed: number
): void {
  const store = testSet.newStore(BATCH)
  const kept = testHashes(testSet, store)
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
      reader.readCodesJoined(
        testSet.ids!,
        codes[k],
        others[k],
        thresholdOf(reader.file, threshold)
      )
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
      // Matched by position (a predictions document without ids).
      const subject = subjectOf(
        reader.file,
        reader.shared,
        reader.predictionColumn,
        reader.idColumn
      )
      const hashes = subject.columns.map(() => new Int32Array(rows))
      const got = reader.readCodesInOrder(
        codes[k],
        others[k],
        rows,
        thresholdOf(reader.file, threshold),
        hashes,
        seed
      )
      if (got < rows || reader.countRest() > 0) {
        throw (
          disagreementBefore(testSet, subject, 0, got) ??
          countMismatch(testSet, reader.file, reader.rows, reader.reader.format)
        )
      }
      if (subject.columns.length > 0)
        checkBatch(testSet.reader.path, kept, subject, hashes, 0, rows)
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
