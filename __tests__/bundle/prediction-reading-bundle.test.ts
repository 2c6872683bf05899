/**
 * The prediction worker (by position, in `dist/`) reads prediction values
 * the way the in-process pass does: pairs by the labels' sorted order, files
 * of labels as decisions, ambiguous files stopped. Files span several of
 * the pass's batches (16,384 rows), so a reading that closes mid-file (a
 * third distinct value after 20,000 rows of labels) crosses a batch edge.
 */

import { describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'
import { runBundle } from '../../__fixtures__/run-bundle.js'
import { files } from '../../__fixtures__/prediction-files.js'

async function both(inputs: Record<string, string>) {
  const dir = writeFiles(files())
  const run = await runBundle(
    {
      mode: 'evaluate',
      'cost-false-negative': '100',
      'cost-false-positive': '10',
      'min-net-benefit': 'off',
      'min-f1': 'off',
      'fail-on-reject': 'false',
      ...inputs
    },
    { cwd: dir }
  )
  let local: Awaited<ReturnType<typeof evaluateInputs>> | Error
  try {
    local = await evaluateInputs(dir, {
      'cost-false-negative': '100',
      'cost-false-positive': '10',
      'min-net-benefit': 'off',
      'min-f1': 'off',
      ...inputs
    })
  } catch (error) {
    local = error as Error
  }
  const report =
    run.status === 0
      ? JSON.parse(
          readFileSync(
            join(run.runnerTemp, 'champion-gate-report.json'),
            'utf8'
          )
        )
      : undefined
  // The in-process run was given absolute paths; the bundle, the workspace's.
  if (!(local instanceof Error))
    local = {
      ...local,
      notes: local.notes.map((note) => note.split(join(dir, '/')).join(''))
    }
  return { run, report, local, dir }
}

describe('dist/: the prediction worker reads values as the in-process pass does', () => {
  it('pairs by sorted labels and labels as decisions, paired with each other', async () => {
    const { run, report, local } = await both({
      'test-set': 'test.csv',
      'positive-label': 'fraud',
      'candidate-predictions': 'pairs.json',
      'champion-predictions': 'labels.csv'
    })
    expect(run.errors).toEqual([])
    if (local instanceof Error) throw local
    expect(report.candidate.metrics).toEqual(local.candidate.metrics)
    expect(report.champion.metrics).toEqual(local.champion!.metrics)
    expect(report.comparison).toEqual(local.comparison)
    expect(report.curves).toEqual(local.curves)
    expect(report.notes).toEqual(local.notes)
    expect(report.notes.join(' ')).toContain('read from entry 0')
    expect(report.notes.join(' ')).toContain('the threshold does not apply')
    // Entry 0 is P(fraud): a model this good catches most fraud.
    expect(report.candidate.metrics.recall).toBeGreaterThan(0.5)
  }, 60000)

  it('stops on an ambiguous file of 0/1 with positive-label 0', async () => {
    const { run, local } = await both({
      'test-set': 'test01.csv',
      'positive-label': '0',
      'candidate-predictions': 'labels01.csv'
    })
    expect(run.status).not.toBe(0)
    expect(local).toBeInstanceOf(Error)
    expect(run.errors.join('\n')).toContain(
      "Set input 'prediction-kind' to label (the values are decisions) or score (they are probabilities)"
    )
    const settled = await both({
      'test-set': 'test01.csv',
      'positive-label': '0',
      'prediction-kind': 'label',
      'candidate-predictions': 'labels01.csv',
      'champion-predictions': 'labels01.csv'
    })
    expect(settled.run.errors).toEqual([])
    if (settled.local instanceof Error) throw settled.local
    expect(settled.report.candidate.metrics).toEqual(
      settled.local.candidate.metrics
    )
    expect(settled.report.champion.metrics).toEqual(
      settled.local.champion!.metrics
    )
    expect(settled.report.comparison).toEqual(settled.local.comparison)
  }, 60000)

  it('checks ids row by row while both readings of a file of labels are open, in every batch', async () => {
    const { run, report, local, dir } = await both({
      'test-set': 'test-ids.csv',
      'positive-label': 'fraud',
      'candidate-predictions': 'labels-ids.csv',
      'champion-predictions': 'pairs.json'
    })
    expect(run.errors).toEqual([])
    if (local instanceof Error) throw local
    expect(report.candidate.metrics).toEqual(local.candidate.metrics)
    expect(report.champion.metrics).toEqual(local.champion!.metrics)
    expect(report.comparison).toEqual(local.comparison)
    expect(report.notes.join(' ')).toContain('the threshold does not apply')
    // Two rows swapped in the third batch: stopped there, in both paths.
    const lines = readFileSync(join(dir, 'labels-ids.csv'), 'utf8').split('\n')
    ;[lines[35001], lines[35002]] = [lines[35002], lines[35001]]
    writeFileSync(join(dir, 'labels-ids.csv'), lines.join('\n'))
    const swapped = await runBundle(
      {
        mode: 'evaluate',
        'test-set': 'test-ids.csv',
        'positive-label': 'fraud',
        'cost-false-negative': '100',
        'cost-false-positive': '10',
        'candidate-predictions': 'labels-ids.csv'
      },
      { cwd: dir }
    )
    expect(swapped.status).not.toBe(0)
    expect(swapped.errors.join('\n')).toContain(
      "labels-ids.csv:35002: rows are matched by position (input 'id-column' is not set), but column 'id' is 't35001' here and 't35000' on the test set's row in the same position (test-ids.csv:35002)"
    )
  }, 60000)

  it('reads a file whose third value comes after 20,000 rows of 0/1 as scores', async () => {
    const { run, report, local } = await both({
      'test-set': 'test01.csv',
      'positive-label': '1',
      'candidate-predictions': 'late-scores.csv',
      'champion-predictions': 'labels01.csv'
    })
    expect(run.errors).toEqual([])
    if (local instanceof Error) throw local
    expect(report.candidate.metrics).toEqual(local.candidate.metrics)
    expect(report.champion.metrics).toEqual(local.champion!.metrics)
    expect(report.comparison).toEqual(local.comparison)
    expect(report.notes).toEqual(local.notes)
    expect(report.notes.join(' ')).not.toContain(
      "candidate's predictions (late-scores.csv) are labels"
    )
  }, 60000)
})
