/**
 * `npm run local-action` as the README tells a first user to run it: the
 * data made by `npm run bench -- --rows 20000 --data-only`, `.env.example`
 * copied to `.env`. The example runs and promotes, names no unknown input,
 * and a failing run (a rejected candidate, a bad input) exits non-zero.
 */

import { describe, expect, it, beforeAll } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const LOCAL_ACTION = join(
  ROOT,
  'node_modules',
  '@github',
  'local-action',
  'bin',
  'local-action.js'
)

/** Runs local-action on `.env.example` with some lines changed. */
function localAction(changes: Record<string, string> = {}): {
  status: number | null
  output: string
} {
  let text = readFileSync(join(ROOT, '.env.example'), 'utf8')
  for (const [name, value] of Object.entries(changes))
    text = text.replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=${value}`)
  const env = join(mkdtempSync(join(tmpdir(), 'local-action-')), '.env')
  writeFileSync(env, text)
  const run = spawnSync(
    process.execPath,
    [LOCAL_ACTION, '.', 'src/main.ts', env],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120000,
      env: { PATH: process.env.PATH, HOME: process.env.HOME }
    }
  )
  return { status: run.status, output: run.stdout + run.stderr }
}

describe('npm run local-action (.env.example)', () => {
  beforeAll(() => {
    const made = execFileSync(
      process.execPath,
      ['bench/run.mjs', '--rows', '20000', '--data-only'],
      { cwd: ROOT, encoding: 'utf8' }
    )
    // Data only: nothing timed, so no targets to report as missed.
    expect(made).not.toMatch(/target|MISMATCH|faster/i)
    expect(made).toContain('bench/.data/rows-20000/test.csv')
  }, 60000)

  it('runs the example as given: exit 0, a verdict, no unknown input', () => {
    const run = localAction()
    expect(run.output).toContain('Decision: promote')
    expect(run.output).not.toContain('is not an input of champion-gate')
    expect(run.status).toBe(0)
  }, 120000)

  it('exits 1 when the candidate is rejected with fail-on-reject', () => {
    const run = localAction({ 'INPUT_MIN-F1': '0.99' })
    expect(run.output).toContain('::error::Rejected: F1')
    expect(run.status).toBe(1)
  }, 120000)

  it('exits 1 on a bad input, and warns about a misspelt one', () => {
    const run = localAction({
      INPUT_MODE: 'evaluat',
      'INPUT_MIN-F1': '0.20\nINPUT_MIN-F=0.5'
    })
    expect(run.output).toContain(
      "::error::Input 'mode': got 'evaluat'; expected one of evaluate, gate, rollback"
    )
    expect(run.output).toContain(
      "::warning::Input 'min-f' (variable INPUT_MIN-F) is not an input of champion-gate and is ignored; did you mean 'min-f1'?"
    )
    expect(run.status).toBe(1)
  }, 120000)
})
