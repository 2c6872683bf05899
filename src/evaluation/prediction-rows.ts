/**
 * Reads one model's prediction file into a Float64Array of scores, either in
 * step with the test set (rows matched by position) or scattered to the rows
 * whose ids they name (joined by id).
 */

import type { IdIndex } from '../data/id-index.js'
import { decisionCode } from '../metrics/model-accumulator.js'
import { openRecordReader } from '../data/open-reader.js'
import { errorAt, fieldText, type RecordReader } from '../data/record-reader.js'
import { ScoreParser } from '../data/score-parser.js'

export interface PredictionFile {
  /** Which model: 'candidate' or 'champion'. */
  readonly role: string
  readonly path: string
  /** The input that named the file, for messages. */
  readonly input: string
}

export class PredictionReader {
  readonly reader: RecordReader
  readonly scores: ScoreParser
  readonly joinsById: boolean
  rows = 0
  private readonly scoreSlot: number
  private readonly idSlot: number

  constructor(
    readonly file: PredictionFile,
    predictionColumn: string,
    positiveLabel: string,
    private readonly idColumn: string | undefined
  ) {
    this.reader = openRecordReader(file.path)
    this.scoreSlot = this.reader.bind(predictionColumn, 'prediction-column')
    // A predictions document from `mlflow models predict` has no ids: its
    // items are in test-set order, so it is matched by position.
    this.joinsById =
      idColumn !== undefined && this.reader.format !== 'mlflow-json'
    this.idSlot = this.joinsById ? this.reader.bind(idColumn!, 'id-column') : -1
    this.scores = new ScoreParser(positiveLabel, this.reader, predictionColumn)
  }

  /** Reads up to `limit` rows' decision codes (see `decisionCode`) into `out`; returns how many. */
  readCodesInOrder(out: Uint8Array, limit: number, threshold: number): number {
    const reader = this.reader
    const slot = this.scoreSlot
    const scores = this.scores
    let count = 0
    while (count < limit && reader.next()) {
      const score = scores.parse(
        reader.bytes,
        reader.start[slot],
        reader.end[slot]
      )
      out[count] = decisionCode(score, threshold)
      count++
    }
    this.rows += count
    return count
  }

  /**
   * Reads every row into `out` at the row its id names. `out` starts as NaN;
   * `lines` remembers where each row's prediction came from, for messages.
   */
  readJoined(ids: IdIndex, out: Float64Array, lines: Int32Array): void {
    const reader = this.reader
    const scoreSlot = this.scoreSlot
    const idSlot = this.idSlot
    const scores = this.scores
    const kind = this.reader.format === 'csv' ? 'column' : 'key'
    while (reader.next()) {
      const row = ids.find(
        reader.bytes,
        reader.start[idSlot],
        reader.end[idSlot]
      )
      if (row < 0) {
        throw errorAt(
          reader,
          `id '${fieldText(reader, idSlot)}' (${kind} '${this.idColumn}') is not in the test set; every prediction must be for a test-set row`
        )
      }
      if (out[row] === out[row]) {
        throw errorAt(
          reader,
          `id '${fieldText(reader, idSlot)}' has a second prediction here (the first is on ${reader.positionKind} ${lines[row]}); each id needs exactly one`
        )
      }
      out[row] = scores.parse(
        reader.bytes,
        reader.start[scoreSlot],
        reader.end[scoreSlot]
      )
      lines[row] = reader.position
      this.rows++
    }
  }

  /** Reads to the end without keeping scores (to count rows for a message). */
  countRest(): number {
    let rows = 0
    while (this.reader.next()) rows++
    this.rows += rows
    return rows
  }

  close(): void {
    this.reader.close()
  }
}
