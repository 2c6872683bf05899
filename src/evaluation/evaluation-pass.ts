/**
 * The one pass over the data: the test set and each model's prediction file
 * are read once, side by side, and every row feeds both models'
 * accumulators. By position the three files are read in step, a batch at a
 * time, so memory stays flat whatever the size; joined by id, the test set's
 * rows are kept as typed arrays and each prediction file is scattered onto
 * them by its ids.
 */

import { DataError } from '../errors.js'
import { ModelAccumulator } from '../metrics/model-accumulator.js'
import type { CostModel } from '../metrics/net-benefit.js'
import { PredictionReader, type PredictionFile } from './prediction-rows.js'
import { RowStore, TestSetReader } from './test-set-rows.js'

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
  /** One per prediction file, in the order given. */
  readonly models: readonly {
    readonly file: PredictionFile
    readonly accumulator: ModelAccumulator
    readonly matchedBy: 'position' | 'id'
  }[]
}

export function runEvaluationPass(options: PassOptions): PassResult {
  const testSet = new TestSetReader({ ...options, path: options.testSet })
  const readers: PredictionReader[] = []
  try {
    for (const file of options.predictions) {
      readers.push(
        new PredictionReader(
          file,
          options.predictionColumn,
          options.positiveLabel,
          options.idColumn
        )
      )
    }
    const accumulators = readers.map(
      () => new ModelAccumulator(options.threshold)
    )
    if (options.idColumn === undefined) {
      passByPosition(testSet, readers, accumulators)
    } else {
      passJoined(testSet, readers, accumulators)
    }
    const sha256 = testSet.finish()
    for (const reader of readers) reader.scores.finish(testSet.labels)
    return {
      rows: testSet.rows,
      positives: testSet.labels.positives,
      sha256,
      positiveLabel: options.positiveLabel,
      negativeLabel: testSet.labels.negativeLabel(),
      perRowCosts: testSet.perRowCosts,
      models: readers.map((reader, k) => ({
        file: reader.file,
        accumulator: accumulators[k],
        matchedBy: reader.joinsById ? 'id' : 'position'
      }))
    }
  } finally {
    testSet.reader.close()
    for (const reader of readers) reader.close()
  }
}

function passByPosition(
  testSet: TestSetReader,
  readers: PredictionReader[],
  accumulators: ModelAccumulator[]
): void {
  const store = new RowStore(BATCH, testSet.perRowCosts)
  const scores = new Float64Array(BATCH)
  for (;;) {
    store.count = 0
    const rows = testSet.readInto(store, BATCH)
    if (rows === 0) break
    for (let k = 0; k < readers.length; k++) {
      const got = readers[k].readInOrder(scores, 0, rows)
      if (got < rows) throw countMismatch(testSet, readers[k])
      accumulators[k].addBatch(store, scores, rows)
    }
  }
  checkNoRowsLeft(testSet, readers)
}

function passJoined(
  testSet: TestSetReader,
  readers: PredictionReader[],
  accumulators: ModelAccumulator[]
): void {
  const store = new RowStore(BATCH, testSet.perRowCosts)
  while (testSet.readInto(store, Number.MAX_SAFE_INTEGER) > 0) {
    // readInto reads to the end in one call; the loop ends on the next.
  }
  const rows = store.count
  const scores = new Float64Array(rows)
  for (let k = 0; k < readers.length; k++) {
    const reader = readers[k]
    if (reader.joinsById) {
      scores.fill(NaN)
      const lines = new Int32Array(rows)
      reader.readJoined(testSet.ids!, scores, lines)
      const missing = scores.findIndex((s) => s !== s)
      if (missing >= 0) {
        throw new DataError(
          reader.file.path,
          undefined,
          `no prediction for id '${testSet.ids!.idOf(missing)}' (test set ${testSet.reader.path} line ${store.lines[missing]})` +
            `${rows - reader.rows > 1 ? ` and ${rows - reader.rows - 1} more` : ''}; the ${reader.file.role}'s predictions must cover every test-set row`
        )
      }
    } else {
      const got = reader.readInOrder(scores, 0, rows)
      if (got < rows || reader.countRest() > 0)
        throw countMismatch(testSet, reader)
    }
    accumulators[k].addBatch(store, scores, rows)
  }
}

function checkNoRowsLeft(
  testSet: TestSetReader,
  readers: PredictionReader[]
): void {
  for (const reader of readers) {
    if (reader.countRest() > 0) throw countMismatch(testSet, reader)
  }
}

/** Both files and both counts, for rows matched by position. */
function countMismatch(
  testSet: TestSetReader,
  reader: PredictionReader
): DataError {
  const testRows = testSet.rows + testSet.countRest()
  const predicted = reader.rows + reader.countRest()
  const unit = reader.reader.format === 'mlflow-json' ? 'predictions' : 'rows'
  return new DataError(
    reader.file.path,
    undefined,
    `${predicted} ${unit} (input '${reader.file.input}') but the test set ${testSet.reader.path} has ${testRows} rows; ` +
      `rows are matched by position, so both must have one row per test example in the same order (or set 'id-column' to join by id)`
  )
}
