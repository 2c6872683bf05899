/**
 * Outside a runner (no RUNNER_TEMP: a self-hosted machine, `local-action`),
 * the action's own files go into a fresh private folder, never a fixed name
 * in the shared temp folder where another local user could plant a symlink.
 */
import { describe, expect, it } from '@jest/globals'
import {
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { writeFiles } from '../../__fixtures__/evaluation.js'
import { COSTS, generatedFiles } from '../../__fixtures__/reports.js'
import { runBundle } from '../../__fixtures__/run-bundle.js'

describe('dist/index.js without RUNNER_TEMP', () => {
  it('writes the report into a private folder, not through a planted symlink', async () => {
    // The shared temp folder, where someone planted the old fixed name.
    const shared = mkdtempSync(join(tmpdir(), 'shared-tmp-'))
    const victim = join(shared, 'victim.txt')
    writeFileSync(victim, 'untouched\n')
    symlinkSync(victim, join(shared, 'champion-gate-report.json'))

    const run = await runBundle(
      {
        mode: 'evaluate',
        'model-name': 'fraud-detector',
        'test-set': 'test.csv',
        'candidate-predictions': 'candidate.csv',
        'champion-predictions': 'champion.csv',
        'min-net-benefit': '1000',
        ...(COSTS as Record<string, string>)
      },
      {
        cwd: writeFiles(generatedFiles()),
        env: { TMPDIR: shared },
        unset: ['RUNNER_TEMP']
      }
    )

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(readFileSync(victim, 'utf8')).toBe('untouched\n')
    const report = run.outputs.report
    expect(dirname(report)).toMatch(
      new RegExp(`^${shared}/champion-gate-[A-Za-z0-9]{6}$`)
    )
    expect(statSync(dirname(report)).mode & 0o777).toBe(0o700)
    expect(JSON.parse(readFileSync(report, 'utf8')).schema).toBe(1)
  })
})
