/**
 * The formats through the bundle, where the prediction files are read by
 * the prediction worker (`dist/prediction-worker/`) on a second thread when
 * rows are matched by position: Parquet, part folders and gzip must give
 * the outputs the same rows give as CSV. Needs `npm run package` first.
 */

import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runBundle, type BundleRun } from '../../__fixtures__/run-bundle.js'

const PYTHON = resolve('.venv/bin/python')
const SCRIPT = resolve('__tests__/support/parquet/write-fixtures.py')

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'champion-gate-formats-bundle-'))
  execFileSync(PYTHON, [SCRIPT, dir], { stdio: 'inherit', timeout: 120_000 })
}, 130_000)

const BASE = {
  mode: 'evaluate',
  'test-set': 'test.csv',
  'candidate-predictions': 'candidate.csv',
  'champion-predictions': 'champion.csv',
  'cost-false-negative': 'amount',
  'cost-true-positive': '5',
  'cost-false-positive': '5.25'
}

async function run(inputs: Record<string, string>): Promise<BundleRun> {
  const result = await runBundle({ ...BASE, ...inputs }, { cwd: dir })
  // The candidate loses to the champion on these rows: the step fails with
  // the verdict, and with nothing else.
  expect(
    result.errors.filter((e) => !e.startsWith('::error::Rejected'))
  ).toEqual([])
  expect(result.outputs.report).toBeDefined()
  return result
}

/** The figures of a run: its outputs but the report's path, and the report's metrics. */
function figures(result: BundleRun): unknown {
  const { report: path, ...outputs } = result.outputs
  const report = JSON.parse(readFileSync(path, 'utf8'))
  return {
    status: result.status,
    errors: result.errors,
    outputs,
    candidate: report.candidate.metrics,
    champion: report.champion.metrics,
    comparison: report.comparison
  }
}

describe('dist/index.js reading Parquet, part folders and gzip', () => {
  let csv: BundleRun
  beforeAll(async () => {
    csv = await run({})
  }, 60_000)

  it('a Parquet test set and Parquet predictions (read by the worker) give the CSV outputs', async () => {
    const parquet = await run({
      'test-set': 'test-zstd-dict.parquet',
      'candidate-predictions': 'candidate.parquet',
      'champion-predictions': 'champion.parquet'
    })
    expect(figures(parquet)).toEqual(figures(csv))
    const report = JSON.parse(readFileSync(parquet.outputs.report, 'utf8'))
    expect(report.test_set.format).toBe('parquet')
    expect(report.candidate.predictions_format).toBe('parquet')
  }, 60_000)

  it('a folder of Parquet parts as the test set and gzip JSON Lines predictions (in the worker) give the CSV outputs', async () => {
    const parts = await run({
      'test-set': 'test-parts',
      'candidate-predictions': 'candidate.jsonl.gz'
    })
    expect(figures(parts)).toEqual(figures(csv))
    const report = JSON.parse(readFileSync(parts.outputs.report, 'utf8'))
    expect(report.test_set).toMatchObject({ format: 'parquet', parts: 12 })
    expect(report.candidate.predictions_format).toBe('jsonl.gz')
  }, 60_000)

  it('shuffled Spark part folders of predictions, joined by id, give the CSV outputs', async () => {
    const joined = await run({ 'id-column': 'id' })
    const parts = await run({
      'id-column': 'id',
      'candidate-predictions': 'candidate-parts-parquet',
      'champion-predictions': 'champion.parquet'
    })
    expect(figures(parts)).toEqual(figures(joined))
  }, 60_000)

  it('a folder of prediction parts read by the worker, by position, records its part count and digest', async () => {
    const result = await run({
      'test-set': 'test-snappy-plain.parquet',
      'candidate-predictions': 'test-parts',
      'champion-predictions': '',
      'prediction-column': 'label'
    })
    const report = JSON.parse(readFileSync(result.outputs.report, 'utf8'))
    // The labels as predictions: every decision right.
    expect(result.status).toBe(0)
    expect(report.candidate.metrics).toMatchObject({ fp: 0, fn: 0 })
    expect(report.candidate.predictions_parts).toBe(12)
    const digest = createHash('sha256')
    for (let k = 0; k < 12; k++)
      digest.update(readFileSync(join(dir, 'test-parts', `part-${k}.parquet`)))
    expect(report.candidate.predictions_sha256).toBe(digest.digest('hex'))
  }, 60_000)
})
