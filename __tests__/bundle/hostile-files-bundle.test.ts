/**
 * Files as a weapon, through the bundled action as the runner runs it: a
 * test set linked to /proc/self/environ, a Parquet file named .csv, a field
 * past the 64 MiB record limit. Each ends in one short `::error::` line
 * that says what the file is, with nothing of the file's bytes (and none of
 * the environment) in stdout, stderr, outputs or summary.
 */

import { describe, expect, it } from '@jest/globals'
import { symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFiles } from '../../__fixtures__/evaluation.js'
import { runBundle } from '../../__fixtures__/run-bundle.js'

const TEST = 'id,amount,label\na,10.00,1\nb,20.50,0\nc,5.25,0\nd,99.99,1\n'
const CANDIDATE = 'id,prediction\na,0.9\nb,0.1\nc,0.7\nd,0.4\n'
const CANARY = 'canary-6f1d2c-must-not-leak'
const INPUTS = {
  mode: 'evaluate',
  'test-set': 'test.csv',
  'candidate-predictions': 'candidate.csv',
  'cost-false-negative': 'amount'
}

describe('dist/index.js given hostile files', () => {
  it('refuses a test set linked to /proc/self/environ without printing the environment', async () => {
    const dir = writeFiles({ 'candidate.csv': CANDIDATE })
    symlinkSync('/proc/self/environ', join(dir, 'test.csv'))
    const run = await runBundle(INPUTS, {
      cwd: dir,
      env: { SOME_TOKEN: CANARY }
    })
    expect(run.status).toBe(1)
    expect(run.errors).toEqual([
      "::error::test.csv: is not a regular file (it is a link to the system's proc area); give the path of a data file"
    ])
    expect(`${run.stdout}${run.stderr}${run.summary}`).not.toContain(CANARY)
    expect(run.outputs).toEqual({})
  })

  it('says a Parquet file named .csv is Parquet, printing none of its bytes', async () => {
    const dir = writeFiles({ 'test.csv': TEST })
    writeFileSync(
      join(dir, 'candidate.csv'),
      Buffer.concat([
        Buffer.from('PAR1'),
        Buffer.from([0x15, 0x04, 0x15, 0x80, 0x01, 0x4c]),
        Buffer.from('prediction\u0000schema')
      ])
    )
    const run = await runBundle(INPUTS, { cwd: dir })
    expect(run.status).toBe(1)
    expect(run.errors).toEqual([
      '::error::candidate.csv: is a Parquet file, not CSV (its name ends in .csv); rename it to .parquet'
    ])
    expect(run.stdout).not.toContain('schema')
  })

  it('stops at a field past the record limit with one short error naming the line', async () => {
    const dir = writeFiles({ 'candidate.csv': CANDIDATE })
    writeFileSync(
      join(dir, 'test.csv'),
      `id,amount,label\na,10.00,1\nb,${'9'.repeat((64 << 20) + 10)},0\n`
    )
    const run = await runBundle(INPUTS, { cwd: dir })
    expect(run.status).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /^::error::test\.csv:3: a single record \(line or item\) is longer than 64 MiB/
    )
    expect(run.stdout.length + run.stderr.length).toBeLessThan(5000)
  })
})
