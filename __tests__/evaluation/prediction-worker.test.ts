/**
 * The prediction worker's path (rows matched by position) run from source,
 * in a worker thread, against the in-process reading of the same files: the
 * same report, the same errors. The bundle is tested the same way in
 * `__tests__/bundle/prediction-reading-bundle.test.ts`; this one needs no
 * `dist/`, so a change to the worker is tested before it is bundled.
 */

import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'
import { files } from '../../__fixtures__/prediction-files.js'
import type { RawInputs } from '../../src/inputs.js'

const WORKER = fileURLToPath(
  new URL('../support/prediction-worker-from-source.mjs', import.meta.url)
)
const MARK = '.prediction-worker-ran'

const COSTS = {
  'cost-false-negative': '100',
  'cost-false-positive': '10',
  'min-net-benefit': 'off',
  'min-f1': 'off'
}

type Outcome = Awaited<ReturnType<typeof evaluateInputs>> | Error

async function outcome(
  dir: string,
  raw: RawInputs,
  predictionWorker?: string
): Promise<Outcome> {
  try {
    return await evaluateInputs(dir, { ...COSTS, ...raw }, { predictionWorker })
  } catch (error) {
    return error as Error
  }
}

/** The same evaluation through the worker (from source) and in-process. */
async function both(
  raw: RawInputs,
  edit?: (dir: string) => void
): Promise<{ worker: Outcome; local: Outcome }> {
  const dir = writeFiles(files())
  edit?.(dir)
  const worker = await outcome(dir, raw, WORKER)
  // The mark proves the worker ran; the in-process run must leave none.
  expect(existsSync(join(dir, MARK))).toBe(true)
  rmSync(join(dir, MARK))
  const local = await outcome(dir, raw)
  expect(existsSync(join(dir, MARK))).toBe(false)
  return { worker, local }
}

describe('prediction-worker.ts (from source, in a worker thread)', () => {
  it.each([
    [
      'pairs by sorted labels against labels as decisions',
      {
        'test-set': 'test.csv',
        'positive-label': 'fraud',
        'candidate-predictions': 'pairs.json',
        'champion-predictions': 'labels.csv'
      }
    ],
    [
      'ids checked row by row while both readings of a file of labels are open',
      {
        'test-set': 'test-ids.csv',
        'positive-label': 'fraud',
        'candidate-predictions': 'labels-ids.csv',
        'champion-predictions': 'pairs.json'
      }
    ],
    [
      'a third value after 20,000 rows of 0/1, read as scores',
      {
        'test-set': 'test01.csv',
        'positive-label': '1',
        'candidate-predictions': 'late-scores.csv',
        'champion-predictions': 'labels01.csv'
      }
    ]
  ])(
    'gives the in-process report: %s',
    async (_, raw) => {
      const { worker, local } = await both(raw)
      if (worker instanceof Error) throw worker
      if (local instanceof Error) throw local
      expect(worker).toEqual(local)
      // Not a vacuous comparison: both models flagged rows.
      expect(worker.candidate.metrics.tp).toBeGreaterThan(0)
      expect(worker.champion!.metrics.tp).toBeGreaterThan(0)
    },
    60000
  )

  it('stops on two rows swapped in the third batch, with the in-process message', async () => {
    const { worker, local } = await both(
      {
        'test-set': 'test-ids.csv',
        'positive-label': 'fraud',
        'candidate-predictions': 'labels-ids.csv'
      },
      (dir) => {
        const path = join(dir, 'labels-ids.csv')
        const lines = readFileSync(path, 'utf8').split('\n')
        ;[lines[35001], lines[35002]] = [lines[35002], lines[35001]]
        writeFileSync(path, lines.join('\n'))
      }
    )
    expect(worker).toBeInstanceOf(Error)
    expect((worker as Error).message).toContain(
      "labels-ids.csv:35002: rows are matched by position (input 'id-column' is not set), but column 'id' is 't35001' here"
    )
    expect((worker as Error).message).toBe((local as Error).message)
  }, 60000)

  it('stops on a prediction file one row short, naming both counts as in-process', async () => {
    const { worker, local } = await both(
      {
        'test-set': 'test.csv',
        'positive-label': 'fraud',
        'candidate-predictions': 'labels.csv'
      },
      (dir) => {
        const path = join(dir, 'labels.csv')
        const lines = readFileSync(path, 'utf8').split('\n')
        writeFileSync(path, lines.slice(0, -1).join('\n'))
      }
    )
    expect(worker).toBeInstanceOf(Error)
    expect((worker as Error).message).toMatch(/39,?999/)
    expect((worker as Error).message).toBe((local as Error).message)
  }, 60000)

  it('stops on a value that is not a label, naming the file and line as in-process', async () => {
    const { worker, local } = await both(
      {
        'test-set': 'test.csv',
        'positive-label': 'fraud',
        'candidate-predictions': 'labels.csv'
      },
      (dir) => {
        const path = join(dir, 'labels.csv')
        const lines = readFileSync(path, 'utf8').split('\n')
        lines[30000] = 'not-a-label'
        writeFileSync(path, lines.join('\n'))
      }
    )
    expect(worker).toBeInstanceOf(Error)
    expect((worker as Error).message).toContain('labels.csv:30001')
    expect((worker as Error).message).toBe((local as Error).message)
  }, 60000)
})
