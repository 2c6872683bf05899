/**
 * Reads the shared test set into batches of typed arrays: each row's class
 * (1 = positive), its benefit if flagged (exact, from the cost model: a
 * constant or a per-row column such as `amount`), its line, when joining by
 * id its id into an IdIndex, and when rows are matched by position the
 * hashes of its values in the columns a prediction file shares with it (see
 * `row-agreement.ts`).
 */

import { createHash, type Hash } from 'node:crypto'
import { DataError } from '../errors.js'
import {
  POW10,
  decimalProblem,
  parseDecimalBytes,
  type ScaledNumber
} from '../metrics/decimal.js'
import {
  COST_INPUTS,
  FLAGGING,
  rowBenefit,
  type CostModel
} from '../metrics/net-benefit.js'
import type { RowBatch } from '../metrics/model-accumulator.js'
import { IdIndex } from '../data/id-index.js'
import { LabelEncoder } from '../data/label-encoder.js'
import { MAX_SEGMENTS } from '../metrics/segments.js'
import { hashValue } from './row-agreement.js'
import { openRecordReader } from '../data/open-reader.js'
import {
  countRemaining,
  errorAt,
  fieldShown,
  type RecordReader
} from '../data/record-reader.js'
import { shortestDecimal } from '../data/double-decimal.js'
import { pythonFloatText } from '../data/python-float-text.js'
import { shownBytes } from '../data/shown-value.js'

/** As `fieldText` decodes a field: for a cost's text, wherever it lies. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/** A number's text (ASCII) as bytes. */
function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
  return bytes
}

/** Growable columns of test-set rows. */
export class RowStore implements RowBatch {
  count = 0
  labels: Uint8Array
  lines: Int32Array
  benefitMantissa?: Float64Array
  benefitScale?: Uint8Array
  benefitValue?: Float64Array
  /** Per kept column (see `TestSetReader.keep`), each row's value hash. */
  kept: Int32Array[]
  /** With `segment-column`: each row's group (see `metrics/segments.ts`). */
  segments?: Uint16Array

  constructor(
    capacity: number,
    readonly perRowCosts: boolean,
    keptColumns = 0,
    segmented = false
  ) {
    if (segmented) this.segments = new Uint16Array(capacity)
    this.kept = Array.from(
      { length: keptColumns },
      () => new Int32Array(capacity)
    )
    this.labels = new Uint8Array(capacity)
    this.lines = new Int32Array(capacity)
    if (perRowCosts) {
      this.benefitMantissa = new Float64Array(capacity)
      this.benefitScale = new Uint8Array(capacity)
      this.benefitValue = new Float64Array(capacity)
    }
  }

  /** Empties the store for the next batch. */
  clear(): void {
    this.count = 0
  }

  get capacity(): number {
    return this.labels.length
  }

  grow(): void {
    const size = this.capacity * 2
    this.labels = resized(this.labels, size)
    this.lines = resized(this.lines, size)
    if (this.benefitMantissa)
      this.benefitMantissa = resized(this.benefitMantissa, size)
    if (this.benefitScale) this.benefitScale = resized(this.benefitScale, size)
    if (this.benefitValue) this.benefitValue = resized(this.benefitValue, size)
    this.kept = this.kept.map((hashes) => resized(hashes, size))
    if (this.segments) this.segments = resized(this.segments, size)
  }
}

function resized<
  T extends Uint8Array | Uint16Array | Int32Array | Float64Array
>(array: T, size: number): T {
  const larger = new (array.constructor as new (n: number) => T)(size)
  larger.set(array)
  return larger
}

export interface TestSetOptions {
  readonly path: string
  readonly labelColumn: string
  readonly positiveLabel: string
  readonly idColumn?: string
  readonly costs: CostModel
  /** Input `segment-column`: number each row's group by this column's value. */
  readonly segmentColumn?: string
}

/** One cost entry resolved for the hot loop: a column slot, or a constant. */
interface CostSource {
  readonly slot: number
  readonly mantissa: number
  readonly scale: number
  readonly column: string
  readonly input: string
  /** Index into the row's parsed column values (columns only). */
  readonly index: number
}

/** The two costs whose difference is the benefit of flagging a row of one class. */
interface BenefitSources {
  readonly missed: CostSource
  readonly flagged: CostSource
}

export class TestSetReader {
  readonly reader: RecordReader
  readonly labels: LabelEncoder
  readonly ids?: IdIndex
  rows = 0
  private readonly hash: Hash = createHash('sha256')
  private readonly labelSlot: number
  private readonly idSlot: number
  private readonly costSources: CostSource[]
  /** Per class (index 1: positive, 0: negative), the costs its benefit is made of. */
  private readonly benefitSources: readonly BenefitSources[]
  private readonly columnSlots: number[]
  /**
   * Per cost column, how it is bound: as text, or as a number stored as one
   * (`RecordReader.bindInteger`, `bindNumber`).
   */
  private readonly columnKinds: ('text' | 'integer' | 'double')[] = []
  private readonly parsed: ScaledNumber[]
  /** The current row's benefit, written in place by `rowBenefit`. */
  private readonly benefit: ScaledNumber = { mantissa: 0, scale: 0 }
  readonly perRowCosts: boolean
  /** The columns whose value hashes each row keeps, their slots, and the hash seed. */
  keptColumns: readonly string[] = []
  private keptSlots: number[] = []
  private seed = 0
  /** With `segment-column`: its slot, and its values numbered by first appearance. */
  private readonly segmentSlot: number
  readonly segmentValues?: IdIndex

  constructor(private readonly options: TestSetOptions) {
    this.reader = openRecordReader(options.path, {
      onBytes: (chunk) => this.hash.update(chunk)
    })
    if (this.reader.format === 'mlflow-json') {
      throw errorAt(
        this.reader,
        'the test set must be CSV or JSON Lines with a header/keys, not a predictions document'
      )
    }
    this.labelSlot = this.reader.bind(options.labelColumn, 'label-column')
    this.idSlot = options.idColumn
      ? this.reader.bind(options.idColumn, 'id-column')
      : -1
    if (options.idColumn) this.ids = new IdIndex()
    this.segmentSlot = options.segmentColumn
      ? this.reader.bind(options.segmentColumn, 'segment-column')
      : -1
    if (options.segmentColumn) this.segmentValues = new IdIndex()
    this.labels = new LabelEncoder(
      options.positiveLabel,
      options.path,
      options.labelColumn,
      this.reader
    )
    // Resolve each cost to a column slot or a constant.
    const columns: number[] = []
    this.costSources = COST_INPUTS.map(([key, input]) => {
      const spec = options.costs[key]
      if (spec.kind === 'constant') {
        const mantissa = Number(spec.value.mantissa)
        return {
          slot: -1,
          mantissa,
          scale: spec.value.scale,
          column: '',
          input,
          index: -1
        }
      }
      // A number column (amounts in Parquet) is read as a number, not
      // written as text and parsed back.
      const integer = this.reader.bindInteger?.(spec.column, input)
      const double =
        integer === undefined
          ? this.reader.bindNumber?.(spec.column, input)
          : undefined
      const slot = integer ?? double ?? this.reader.bind(spec.column, input)
      if (!columns.includes(slot)) {
        columns.push(slot)
        this.columnKinds.push(
          integer !== undefined
            ? 'integer'
            : double !== undefined
              ? 'double'
              : 'text'
        )
      }
      return {
        slot,
        mantissa: 0,
        scale: 0,
        column: spec.column,
        input,
        index: columns.indexOf(slot)
      }
    })
    const source = (key: keyof CostModel): CostSource =>
      this.costSources[COST_INPUTS.findIndex(([k]) => k === key)]
    this.benefitSources = [FLAGGING.negative, FLAGGING.positive].map(
      ({ missed, flagged }) => ({
        missed: source(missed),
        flagged: source(flagged)
      })
    )
    this.columnSlots = columns
    this.parsed = columns.map(() => ({ mantissa: 0, scale: 0 }))
    this.perRowCosts = columns.length > 0
  }

  /** The test set's column names (or the first record's keys). */
  names(): readonly string[] {
    return this.reader.names()
  }

  /**
   * Keeps these columns' value hashes with each row (in `RowStore.kept`, in
   * this order), for the check of rows matched by position. Call before
   * reading.
   */
  keep(columns: readonly string[], seed: number): void {
    this.seed = seed
    this.keptColumns = columns
    this.keptSlots = columns.map((name) => this.reader.bind(name, 'id-column'))
  }

  /** A store for batches of `capacity` rows, with room for the kept columns. */
  newStore(capacity: number): RowStore {
    return new RowStore(
      capacity,
      this.perRowCosts,
      this.keptSlots.length,
      this.segmentValues !== undefined
    )
  }

  /** Appends up to `limit` rows to the store (growing it when full); returns how many. */
  readInto(store: RowStore, limit: number): number {
    const reader = this.reader
    const labels = this.labels
    const labelSlot = this.labelSlot
    let added = 0
    while (added < limit && reader.next()) {
      if (store.count === store.capacity) store.grow()
      const row = store.count
      const line = reader.position
      const cls = labels.encode(
        reader.bytes,
        reader.start[labelSlot],
        reader.end[labelSlot],
        line
      )
      store.labels[row] = cls
      store.lines[row] = line
      if (this.perRowCosts) this.rowBenefit(store, row, cls)
      if (this.ids) this.addId(store)
      if (this.segmentValues) store.segments![row] = this.segmentOf()
      for (let k = 0; k < this.keptSlots.length; k++) {
        const slot = this.keptSlots[k]
        store.kept[k][row] = hashValue(
          reader.bytes,
          reader.start[slot],
          reader.end[slot],
          this.seed
        )
      }
      store.count++
      added++
    }
    this.rows += added
    if (this.rows === 0 && limit > 0) {
      // Said before any count comparison, which would blame the predictions.
      throw new DataError(
        this.reader.path,
        undefined,
        'the test set has a header but no data rows; check that the step that wrote it wrote its rows'
      )
    }
    return added
  }

  /** Reads to the end without keeping rows (to count them for a message). */
  countRest(): number {
    const rows = countRemaining(this.reader)
    this.rows += rows
    return rows
  }

  /** After the last row: the label checks, and the file's sha256. */
  finish(): string {
    this.labels.finish()
    this.reader.close()
    return this.hash.digest('hex')
  }

  /** The current row's group: its segment value's number, by first appearance. */
  private segmentOf(): number {
    const reader = this.reader
    const values = this.segmentValues!
    const s = reader.start[this.segmentSlot]
    const e = reader.end[this.segmentSlot]
    const earlier = values.add(reader.bytes, s, e)
    if (earlier >= 0) return earlier
    if (values.size > MAX_SEGMENTS) throw this.tooManySegments()
    return values.size - 1
  }

  /**
   * Counts the column's distinct values to the end of the test set, for a
   * message that says how many there are: a column of ids or amounts was
   * likely named by mistake.
   */
  private tooManySegments(): DataError {
    const reader = this.reader
    const values = this.segmentValues!
    const slot = this.segmentSlot
    while (reader.next())
      values.add(reader.bytes, reader.start[slot], reader.end[slot])
    return new DataError(
      reader.path,
      undefined,
      `column '${this.options.segmentColumn}' (input 'segment-column') has ${values.size.toLocaleString('en-US')} distinct values; ` +
        `at most ${MAX_SEGMENTS.toLocaleString('en-US')} segments are compared. Name a column of groups, such as a region or a merchant category`
    )
  }

  /** The segment values, in the order of their group numbers. */
  segmentNames(): string[] {
    const values = this.segmentValues
    return values
      ? Array.from({ length: values.size }, (_, k) => values.idOf(k))
      : []
  }

  private addId(store: RowStore): void {
    const reader = this.reader
    const s = reader.start[this.idSlot]
    const e = reader.end[this.idSlot]
    if (s === e) {
      throw errorAt(
        reader,
        `empty id in column '${this.options.idColumn}'; every row needs a unique id to join predictions by`
      )
    }
    const earlier = this.ids!.add(reader.bytes, s, e)
    if (earlier >= 0) {
      throw errorAt(
        reader,
        `id ${fieldShown(reader, this.idSlot)} in column '${this.options.idColumn}' appears twice in the test set (first on ${reader.positionKind} ${store.lines[earlier]}); ids must be unique to join predictions`
      )
    }
  }

  /** The row's benefit if flagged (`rowBenefit` of its class's two costs), exactly. */
  private rowBenefit(store: RowStore, row: number, cls: number): void {
    const reader = this.reader
    const slots = this.columnSlots
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k]
      const kind = this.columnKinds[k]
      let bytes = reader.bytes
      let start = reader.start[slot]
      let end = reader.end[slot]
      if (kind !== 'text') {
        // NaN: a null (or a long integer), whose text is there to parse.
        const value = reader.numbers![slot]
        if (value === value) {
          if (kind === 'integer') {
            this.parsed[k].mantissa = value
            this.parsed[k].scale = 0
            continue
          }
          if (shortestDecimal(value, this.parsed[k])) continue
          // The rare double shortestDecimal leaves: its repr's text, as
          // the reader would have written it.
          bytes = asciiBytes(pythonFloatText(value))
          start = 0
          end = bytes.length
        }
      }
      if (!parseDecimalBytes(bytes, start, end, this.parsed[k])) {
        const text = decoder.decode(bytes.subarray(start, end))
        const source = this.costSources.find((c) => c.slot === slot)!
        throw errorAt(
          reader,
          text.trim() === ''
            ? `empty value in cost column '${source.column}' (input '${source.input}'); every row needs a number there`
            : `${shownBytes(bytes, start, end)} in cost column '${source.column}' (input '${source.input}') ${decimalProblem(text)}`
        )
      }
    }
    const { missed, flagged } = this.benefitSources[cls]
    const benefit = this.benefit
    if (
      !rowBenefit(
        missed.index < 0 ? missed : this.parsed[missed.index],
        flagged.index < 0 ? flagged : this.parsed[flagged.index],
        benefit
      )
    ) {
      throw errorAt(
        reader,
        'the costs on this row need more than 15 significant digits together; round them to fewer decimals'
      )
    }
    store.benefitMantissa![row] = benefit.mantissa
    store.benefitScale![row] = benefit.scale
    store.benefitValue![row] = benefit.mantissa / POW10[benefit.scale]
  }
}
