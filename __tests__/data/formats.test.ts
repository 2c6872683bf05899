/**
 * Parquet, part folders and gzip, on files written by pyarrow and pandas
 * (`__tests__/support/parquet/write-fixtures.py`): each must give the very
 * report the same rows give as CSV, and broken ones a clear error.
 */

import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { gzipSync } from 'node:zlib'
import { join, resolve } from 'node:path'
import { DataError } from '../../src/errors.js'
import { evaluateInputs } from '../../__fixtures__/evaluation.js'
import { openRecordReader } from '../../src/data/open-reader.js'
import { comparePartNames } from '../../src/data/part-folder.js'
import { pythonFloatText } from '../../src/data/python-float-text.js'
import type { EvaluationReport } from '../../src/report/report.js'

const PYTHON = resolve('.venv/bin/python')
const SCRIPT = resolve('__tests__/support/parquet/write-fixtures.py')

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'champion-gate-formats-'))
  execFileSync(PYTHON, [SCRIPT, dir], { stdio: 'inherit', timeout: 120_000 })
}, 130_000)

const BASE = {
  'test-set': 'test.csv',
  'candidate-predictions': 'candidate.csv',
  'champion-predictions': 'champion.csv',
  'cost-false-negative': 'amount',
  'cost-true-positive': '5',
  'cost-false-positive': '5.25'
}

async function run(raw: Record<string, string>): Promise<EvaluationReport> {
  return evaluateInputs(dir, { ...BASE, ...raw })
}

/** What must not change with the format: counts, exact sums, the comparison, the curves. */
function figures(report: EvaluationReport): unknown {
  return {
    rows: report.test_set.rows,
    positives: report.test_set.positives,
    candidate: report.candidate.metrics,
    champion: report.champion?.metrics,
    comparison: report.comparison,
    curves: report.curves,
    decision: report.decision
  }
}

async function errorOf(raw: Record<string, string>): Promise<string> {
  try {
    await run(raw)
  } catch (error) {
    expect(error).toBeInstanceOf(DataError)
    return (error as Error).message.split(join(dir, '/')).join('')
  }
  throw new Error('expected an error, but the evaluation succeeded')
}

describe('Parquet', () => {
  let csv: EvaluationReport
  beforeAll(async () => {
    csv = await run({})
  })

  it('the CSV baseline has rows of both classes and per-row money', () => {
    expect(csv.test_set.rows).toBe(2500)
    expect(csv.test_set.positives).toBeGreaterThan(500)
    expect(csv.candidate.metrics.net_benefit_exact).toMatch(/\.\d\d$/)
    expect(csv.test_set.format).toBe('csv')
  })

  for (const codec of ['snappy', 'gzip', 'zstd', 'none'])
    for (const encoding of ['dict', 'plain'])
      it(`a ${codec}, ${encoding}-encoded test set (int64 ids, decimal(18,2) amounts, 4 row groups) and Parquet predictions give the CSV's figures exactly`, async () => {
        const report = await run({
          'test-set': `test-${codec}-${encoding}.parquet`,
          'candidate-predictions': 'candidate.parquet',
          'champion-predictions': 'champion.parquet'
        })
        expect(figures(report)).toEqual(figures(csv))
        expect(report.test_set.format).toBe('parquet')
        expect(report.candidate.predictions_format).toBe('parquet')
      })

  it('reads data page v2 files with several pages per row group', async () => {
    const report = await run({ 'test-set': 'test-v2.parquet' })
    expect(figures(report)).toEqual(figures(csv))
  })

  it('sums double amounts at the exact value of their Python repr (what pandas writes to CSV)', async () => {
    const report = await run({
      'test-set': 'test-snappy-dict.parquet',
      'cost-false-negative': 'amount_double'
    })
    expect(figures(report)).toEqual(figures(csv))
  })

  it('reads int32 ids, string labels and float32 amounts as pandas writes them to CSV', async () => {
    const text = await run({
      'test-set': 'test-text.csv',
      'label-column': 'label_text',
      'positive-label': 'fraud',
      'cost-false-negative': 'amount_float'
    })
    const parquet = await run({
      'test-set': 'test-zstd-plain.parquet',
      'label-column': 'label_text',
      'positive-label': 'fraud',
      'cost-false-negative': 'amount_float'
    })
    expect(figures(parquet)).toEqual(figures(text))
  })

  it('joins by id across formats: int64 and int32 ids in Parquet meet the same ids in CSV, shuffled', async () => {
    const joined = await run({ 'id-column': 'id' })
    const parquetIds = await run({
      'test-set': 'test-snappy-dict.parquet',
      'candidate-predictions': 'candidate-shuffled.parquet',
      'id-column': 'id'
    })
    expect(figures(parquetIds)).toEqual(figures(joined))
    expect(parquetIds.candidate.matched_by).toBe('id')
    // The prediction files name their id column 'id32', to meet the test set's int32 ids.
    writeFileSync(
      join(dir, 'candidate-id32.csv'),
      readFileSync(join(dir, 'candidate.csv'), 'utf8').replace(/^id,/, 'id32,')
    )
    writeFileSync(
      join(dir, 'champion-id32.csv'),
      readFileSync(join(dir, 'champion.csv'), 'utf8').replace(/^id,/, 'id32,')
    )
    const both = await run({
      'test-set': 'test-snappy-plain.parquet',
      'id-column': 'id32',
      'candidate-predictions': 'candidate-id32.csv',
      'champion-predictions': 'champion-id32.csv'
    })
    expect(figures(both)).toEqual(figures(joined))
  })

  it('reads int64 ids to the edges (past 2^53, negative) and decimal(38, 4) amounts stored as bytes, exactly as their CSV text', async () => {
    const inputs = {
      'candidate-predictions': 'candidate-edges.csv',
      'champion-predictions': '',
      'id-column': 'id'
    }
    const csv = await run({ ...inputs, 'test-set': 'test-edges.csv' })
    const parquet = await run({ ...inputs, 'test-set': 'test-edges.parquet' })
    expect(figures(parquet)).toEqual(figures(csv))
    expect(parquet.test_set.rows).toBe(7)
    // A boolean label, written True/False as pandas writes it.
    const flags = {
      ...inputs,
      'label-column': 'flag',
      'positive-label': 'True'
    }
    expect(
      figures(await run({ ...flags, 'test-set': 'test-edges.parquet' }))
    ).toEqual(figures(await run({ ...flags, 'test-set': 'test-edges.csv' })))
    expect(figures(parquet)).not.toEqual(
      figures(
        await run({
          ...flags,
          'test-set': 'test-edges.csv',
          'positive-label': 'False'
        })
      )
    )
    // Every id met its prediction (a missing one would have stopped the run).
    expect(parquet.candidate.metrics).toMatchObject({ tp: 3, fn: 1, fp: 1 })
  })

  it('refuses a null label, cost, id or score with the words of an empty CSV cell, naming the row', async () => {
    expect(await errorOf({ 'test-set': 'test-null-label.parquet' })).toBe(
      "test-null-label.parquet: row 5: empty value in label column 'label'; every row needs its true class"
    )
    expect(await errorOf({ 'test-set': 'test-null-amount.parquet' })).toBe(
      "test-null-amount.parquet: row 1501: empty value in cost column 'amount' (input 'cost-false-negative'); every row needs a number there"
    )
    expect(
      await errorOf({ 'test-set': 'test-null-amount-plain.parquet' })
    ).toBe(
      "test-null-amount-plain.parquet: row 1501: empty value in cost column 'amount' (input 'cost-false-negative'); every row needs a number there"
    )
    expect(
      await errorOf({ 'test-set': 'test-null-id.parquet', 'id-column': 'id' })
    ).toBe(
      "test-null-id.parquet: row 10: empty id in column 'id'; every row needs a unique id to join predictions by"
    )
    expect(
      await errorOf({ 'candidate-predictions': 'candidate-null.parquet' })
    ).toBe(
      "candidate-null.parquet: row 7: empty score in 'prediction'; every row needs a prediction (a probability in [0, 1] or a label)"
    )
  })

  it('reads an int64 or int32 cost column as numbers (bindInteger): nulls and integers past 15 digits keep their text', () => {
    const reader = openRecordReader(join(dir, 'test-null-id.parquet'))
    const text = reader.bind('id', 'id-column')
    const id64 = reader.bindInteger!('id', 'cost-false-negative')!
    const id32 = reader.bindInteger!('id32', 'cost-false-negative')!
    // Not integers: bound as text.
    expect(reader.bindInteger!('amount', 'cost-false-negative')).toBeUndefined()
    expect(reader.bindInteger!('amount_double', 'x')).toBeUndefined()
    const field = (slot: number): string =>
      Buffer.from(
        reader.bytes.subarray(reader.start[slot], reader.end[slot])
      ).toString()
    let rows = 0
    while (reader.next()) {
      rows++
      const shown = field(text)
      if (shown === '') {
        // The null on row 10: NaN, and empty text as an empty CSV cell.
        expect(rows).toBe(10)
        expect(reader.numbers![id64]).toBeNaN()
        expect(field(id64)).toBe('')
      } else {
        expect(reader.numbers![id64]).toBe(Number(shown))
        expect(field(id64)).toBe('')
      }
      // id32 holds the same ids, and no null.
      if (shown !== '') expect(reader.numbers![id32]).toBe(Number(shown))
      expect(Number.isInteger(reader.numbers![id32])).toBe(true)
    }
    reader.close()
    expect(rows).toBe(2500)
    const edges = openRecordReader(join(dir, 'test-edges.parquet'))
    const id = edges.bindInteger!('id', 'cost-false-negative')!
    const seen: [number, string][] = []
    while (edges.next())
      seen.push([
        edges.numbers![id],
        Buffer.from(
          edges.bytes.subarray(edges.start[id], edges.end[id])
        ).toString()
      ])
    edges.close()
    expect(seen).toEqual([
      [NaN, '9223372036854775807'],
      [NaN, '-9223372036854775808'],
      [NaN, '9007199254740993'],
      [NaN, '-9007199254740997'],
      [0, ''],
      [7, ''],
      [NaN, '123456789012345678']
    ])
  })

  it('sums an integer cost column (int64, int32) read as numbers exactly as its CSV text, with the same errors', async () => {
    for (const column of ['id', 'id32']) {
      const cents = { 'cost-false-negative': column, 'cost-true-positive': '3' }
      const csv = await run({
        ...cents,
        'cost-false-negative': 'id',
        'test-set': 'test-text.csv'
      })
      for (const file of [
        'test-snappy-dict.parquet',
        'test-zstd-plain.parquet'
      ])
        expect(figures(await run({ ...cents, 'test-set': file }))).toEqual(
          figures(csv)
        )
    }
    expect(
      await errorOf({
        'test-set': 'test-null-id.parquet',
        'cost-false-negative': 'id'
      })
    ).toBe(
      "test-null-id.parquet: row 10: empty value in cost column 'id' (input 'cost-false-negative'); every row needs a number there"
    )
    // Past 15 digits the text is parsed, and refused as in CSV.
    const edges = {
      'candidate-predictions': 'candidate-edges.csv',
      'champion-predictions': '',
      'id-column': 'id',
      'cost-false-negative': 'id'
    }
    const detail = (message: string): string =>
      message.replace(/^[^:]+(: row \d+|:\d+): /, '')
    expect(
      detail(await errorOf({ ...edges, 'test-set': 'test-edges.parquet' }))
    ).toBe(detail(await errorOf({ ...edges, 'test-set': 'test-edges.csv' })))
  })

  it('names the row of a word in a string score column', async () => {
    expect(
      await errorOf({ 'candidate-predictions': 'candidate-words.parquet' })
    ).toBe(
      "candidate-words.parquet: row 3: 'high' in 'prediction' is neither a probability in [0, 1] nor one of the test set's labels ('0', '1')"
    )
  })

  it('refuses a timestamp column and a missing column by name', async () => {
    expect(
      await errorOf({
        'test-set': 'test-snappy-dict.parquet',
        'cost-false-negative': 'when'
      })
    ).toBe(
      "test-snappy-dict.parquet: column 'when' (from input 'cost-false-negative') holds timestamps, which champion-gate does not read as ids, labels, scores or costs; write it as a string or a number column"
    )
    expect(
      await errorOf({
        'test-set': 'test-snappy-dict.parquet',
        'label-column': 'is_fraud'
      })
    ).toBe(
      "test-snappy-dict.parquet: no column 'is_fraud' (from input 'label-column'); the file has 'id', 'id32', 'label', 'label_text', 'amount', 'amount_double', 'amount_float', 'when'"
    )
  })

  it('says what a file is when its bytes and its name disagree', async () => {
    expect(
      await errorOf({ 'candidate-predictions': 'candidate-named.csv' })
    ).toBe(
      'candidate-named.csv: is a Parquet file, not CSV (its name ends in .csv); rename it to .parquet'
    )
    copyFileSync(join(dir, 'test.csv'), join(dir, 'text.parquet'))
    expect(await errorOf({ 'test-set': 'text.parquet' })).toBe(
      'text.parquet: its name ends in .parquet but it is not a Parquet file (it does not start with PAR1; it looks like text): rename it to what it is (.csv, .jsonl)'
    )
  })

  it('refuses a Parquet file cut short', async () => {
    const whole = readFileSync(join(dir, 'candidate.parquet'))
    writeFileSync(join(dir, 'cut.parquet'), whole.subarray(0, 5000))
    expect(await errorOf({ 'candidate-predictions': 'cut.parquet' })).toMatch(
      /^cut\.parquet: is not a complete Parquet file/
    )
  })

  it('reads a damaged Parquet file to a DataError or to the end, never to a crash', () => {
    const whole = readFileSync(join(dir, 'champion.parquet'))
    let seed = 11
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    const outcomes = new Set<string>()
    for (let k = 0; k < 300; k++) {
      const bytes = Buffer.from(whole)
      // Damage the pages and the footer, not the magic bytes.
      for (let j = 0; j < 1 + random(4); j++)
        bytes[4 + random(bytes.length - 12)] = random(256)
      const path = join(dir, 'damaged.parquet')
      writeFileSync(path, bytes)
      try {
        const reader = openRecordReader(path)
        try {
          const id = reader.bind('id', 'id-column')
          const score = reader.bind('prediction', 'prediction-column')
          while (reader.next())
            if (
              reader.end[id] < reader.start[id] ||
              reader.end[score] < reader.start[score]
            )
              throw new Error('a field ends before it starts')
        } finally {
          reader.close()
        }
        outcomes.add('read')
      } catch (error) {
        if (!(error instanceof DataError)) throw error
        outcomes.add('DataError')
      }
    }
    expect([...outcomes].sort()).toEqual(['DataError', 'read'])
  })

  it("records the test set's sha256 over the file's bytes", async () => {
    const report = await run({ 'test-set': 'test-gzip-dict.parquet' })
    const bytes = readFileSync(join(dir, 'test-gzip-dict.parquet'))
    expect(report.test_set.sha256).toBe(
      createHash('sha256').update(bytes).digest('hex')
    )
  })
})

describe('part folders', () => {
  it('reads Spark-style CSV and Parquet part folders (with _SUCCESS, .crc, _committed_, an empty part), shuffled, joined by id', async () => {
    const single = await run({ 'id-column': 'id' })
    for (const folder of ['candidate-parts-csv', 'candidate-parts-parquet']) {
      const report = await run({
        'candidate-predictions': folder,
        'id-column': 'id'
      })
      expect(figures(report)).toEqual(figures(single))
      expect(report.candidate.predictions_parts).toBe(
        folder.endsWith('csv') ? 4 : 3
      )
      expect(report.candidate.predictions_format).toBe(
        folder.endsWith('csv') ? 'csv' : 'parquet'
      )
      expect(report.candidate.predictions_sha256).toMatch(/^[0-9a-f]{64}$/)
    }
  })

  it('reads parts in name order with numbers compared as numbers (part-2 before part-10), by position', async () => {
    const csv = await run({})
    const report = await run({ 'test-set': 'test-parts' })
    expect(figures(report)).toEqual(figures(csv))
    expect(report.test_set.parts).toBe(12)
    const order = Array.from({ length: 12 }, (_, k) => `part-${k}.parquet`)
    const digest = createHash('sha256')
    for (const name of order)
      digest.update(readFileSync(join(dir, 'test-parts', name)))
    expect(report.test_set.sha256).toBe(digest.digest('hex'))
    expect(['part-10', 'part-2', 'part-1'].sort(comparePartNames)).toEqual([
      'part-1',
      'part-2',
      'part-10'
    ])
  })

  it('reads an integer or double cost column of Parquet parts as numbers, with the CSV figures', async () => {
    const parts = openRecordReader(join(dir, 'test-parts'))
    const text = parts.bind('id', 'id-column')
    const id = parts.bindInteger!('id', 'cost-false-negative')!
    let rows = 0
    while (parts.next()) {
      rows++
      const shown = Buffer.from(
        parts.bytes.subarray(parts.start[text], parts.end[text])
      ).toString()
      expect(parts.numbers![id]).toBe(Number(shown))
    }
    parts.close()
    expect(rows).toBe(2500)
    const csv = await run({
      'test-set': 'test-text.csv',
      'cost-false-negative': 'id'
    })
    expect(
      figures(
        await run({ 'test-set': 'test-parts', 'cost-false-negative': 'id' })
      )
    ).toEqual(figures(csv))
    expect(
      figures(
        await run({
          'test-set': 'test-parts',
          'cost-false-negative': 'amount_double'
        })
      )
    ).toEqual(figures(await run({})))
  })

  it('refuses an empty folder, one with no part file, one with a stray file and one of mixed formats', async () => {
    mkdirSync(join(dir, 'empty'))
    expect(await errorOf({ 'candidate-predictions': 'empty' })).toBe(
      'empty: is an empty folder; expected the part files (part-*) a Spark, pandas or Polars job writes, or give the path of a data file'
    )
    mkdirSync(join(dir, 'failed'))
    writeFileSync(join(dir, 'failed', '_started_1'), '')
    expect(await errorOf({ 'candidate-predictions': 'failed' })).toBe(
      "failed: is a folder with no part files (part-*), only '_started_1'; did the job that writes it fail before writing its rows?"
    )
    mkdirSync(join(dir, 'stray'))
    copyFileSync(join(dir, 'candidate.csv'), join(dir, 'stray', 'part-0.csv'))
    writeFileSync(join(dir, 'stray', 'notes.txt'), 'x')
    expect(await errorOf({ 'candidate-predictions': 'stray' })).toBe(
      "stray: is a folder, read as the part files a Spark, pandas or Polars job writes (part-*), but it also holds 'notes.txt'; remove them or give the path of a single data file"
    )
    mkdirSync(join(dir, 'mixed'))
    const lines = readFileSync(join(dir, 'candidate.csv'), 'utf8').split('\n')
    writeFileSync(
      join(dir, 'mixed', 'part-0.csv'),
      `${lines.slice(0, 1001).join('\n')}\n`
    )
    copyFileSync(
      join(dir, 'candidate.parquet'),
      join(dir, 'mixed', 'part-1.parquet')
    )
    expect(await errorOf({ 'candidate-predictions': 'mixed' })).toBe(
      "mixed/part-1.parquet: is parquet, but the folder's first part 'part-0.csv' is csv; all parts of a folder must have one format"
    )
  })
})

describe('gzip', () => {
  it('reads .csv.gz and .jsonl.gz as the files they hold, with the sha256 of the compressed file', async () => {
    const csv = await run({})
    const report = await run({
      'test-set': 'test.csv.gz',
      'candidate-predictions': 'candidate.jsonl.gz'
    })
    expect(figures(report)).toEqual(figures(csv))
    expect(report.test_set.format).toBe('csv.gz')
    expect(report.candidate.predictions_format).toBe('jsonl.gz')
    expect(report.test_set.sha256).toBe(
      createHash('sha256')
        .update(readFileSync(join(dir, 'test.csv.gz')))
        .digest('hex')
    )
  })

  it('refuses a gzip file cut short, and gzip bytes under a plain name', async () => {
    expect(await errorOf({ 'test-set': 'test-cut.csv.gz' })).toMatch(
      /^test-cut\.csv\.gz: is not a complete gzip file \(unexpected EOF\)/
    )
    // Stored (level 0) blocks: a changed byte is still valid deflate, and
    // only the CRC-32 in the trailer tells; a cut trailer, only its length.
    const stored = gzipSync(readFileSync(join(dir, 'test.csv')), { level: 0 })
    const changed = Buffer.from(stored)
    // A digit made another digit: a different amount, rows still well formed.
    let at = Math.floor(changed.length / 2)
    while (!(changed[at] >= 0x30 && changed[at] <= 0x38)) at++
    changed[at] += 1
    writeFileSync(join(dir, 'changed.csv.gz'), changed)
    writeFileSync(join(dir, 'short.csv.gz'), stored.subarray(0, -3))
    for (const name of ['changed.csv.gz', 'short.csv.gz'])
      expect(await errorOf({ 'test-set': name })).toBe(
        `${name}: is a damaged gzip file: its data does not match the CRC-32 and length at its end (cut short, or changed when copied?); check it with \`gzip -t\``
      )
    // Two members (`cat a.gz b.gz`) read as one file, as gunzip reads them.
    const text = readFileSync(join(dir, 'test.csv'), 'utf8')
    const cut = text.indexOf('\n', text.length / 2) + 1
    writeFileSync(
      join(dir, 'members.csv.gz'),
      Buffer.concat([gzipSync(text.slice(0, cut)), gzipSync(text.slice(cut))])
    )
    expect(figures(await run({ 'test-set': 'members.csv.gz' }))).toEqual(
      figures(await run({}))
    )
    writeFileSync(join(dir, 'stored.csv.gz'), stored)
    expect(figures(await run({ 'test-set': 'stored.csv.gz' }))).toEqual(
      figures(await run({}))
    )
    copyFileSync(join(dir, 'test.csv.gz'), join(dir, 'zipped.csv'))
    expect(await errorOf({ 'test-set': 'zipped.csv' })).toBe(
      'zipped.csv: is gzip-compressed, not CSV (its name ends in .csv); name it .csv.gz, or decompress it (`gunzip`)'
    )
  })
})

describe('python-float-text.ts', () => {
  it("writes doubles and float32s exactly as Python's repr and numpy's do", () => {
    const values: number[] = [
      0.1,
      7,
      -0.0,
      1e16,
      1.5e16,
      123456789012345680,
      1e-4,
      1e-5,
      0.00012345,
      5e-324,
      1.7976931348623157e308,
      2 / 3,
      100,
      1234.5
    ]
    let seed = 42
    for (let k = 0; k < 300; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      values.push((seed / 2 ** 31 - 0.5) * 10 ** ((k % 40) - 20))
    }
    const doubles = JSON.parse(
      execFileSync(PYTHON, [
        '-c',
        'import json,sys; print(json.dumps([repr(float(x)) for x in json.loads(sys.argv[1])]))',
        JSON.stringify(values)
      ]).toString()
    ) as string[]
    // JSON has no -0: Python reads it as 0.
    expect(
      values.map((v) => pythonFloatText(Object.is(v, -0) ? 0 : v))
    ).toEqual(doubles)
    const singles = values
      .map((v) => Math.fround(v))
      .filter((v) => Number.isFinite(v) && v !== 0)
    const expected = JSON.parse(
      execFileSync(PYTHON, [
        '-c',
        'import json,sys,numpy as np; print(json.dumps([str(np.float32(x)) for x in json.loads(sys.argv[1])]))',
        JSON.stringify(singles)
      ]).toString()
    ) as string[]
    expect(singles.map((v) => pythonFloatText(v, true))).toEqual(expected)
  })
})
