import { describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFiles } from '../../__fixtures__/evaluation.js'
import { runBundle } from '../../__fixtures__/run-bundle.js'

/**
 * 80 fraud rows whose amounts alternate 1234567890123.45 and …46: their sum,
 * 98765431209876.40, is past 2^53 cents, where a double reads it as …41.
 * The candidate flags every row; the champion all but the first.
 */
function bigMoneyFiles(): Record<string, string> {
  const test = ['id,amount,label']
  const candidate = ['id,prediction']
  const champion = ['id,prediction']
  for (let k = 0; k < 80; k++) {
    test.push(`r${k},1234567890123.${k % 2 === 0 ? '45' : '46'},1`)
    candidate.push(`r${k},0.9`)
    champion.push(`r${k},${k === 0 ? '0.1' : '0.9'}`)
  }
  const file = (lines: string[]): string => `${lines.join('\n')}\n`
  return {
    'test.csv': file(test),
    'candidate.csv': file(candidate),
    'champion.csv': file(champion)
  }
}

const INPUTS = {
  mode: 'evaluate',
  'test-set': 'test.csv',
  'candidate-predictions': 'candidate.csv',
  'champion-predictions': 'champion.csv',
  'cost-false-negative': 'amount'
}

describe('dist/index.js with money past 2^53 cents', () => {
  it('writes the exact sums to the outputs and the report, and whole dollars with separators in the log', async () => {
    const dir = writeFiles(bigMoneyFiles())
    const run = await runBundle(INPUTS, { cwd: dir })
    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs).toMatchObject({
      decision: 'promote',
      'candidate-net-benefit': '98765431209876.40',
      'champion-net-benefit': '97530863319752.95'
    })
    const report = JSON.parse(readFileSync(run.outputs.report, 'utf8'))
    expect(report.candidate.metrics.net_benefit_exact).toBe('98765431209876.40')
    expect(report.candidate.metrics.net_benefit).toBe(98765431209876.4)
    expect(report.champion.metrics.net_benefit_exact).toBe('97530863319752.95')
    expect(report.comparison.delta_net_benefit_exact).toBe('1234567890123.45')
    expect(report.policy.min_net_benefit_exact).toBe('40000')
    expect(report.policy.min_improvement_exact).toBe('0')
    // Far from every limit: whole dollars, the same in the log and the summary.
    expect(run.stdout).toContain(
      'Decision: promote. candidate net benefit $98,765,431,209,876, F1 1.000; champion net benefit $97,530,863,319,753, F1 0.994'
    )
    expect(run.summary).toContain(
      '| Net benefit | $98,765,431,209,876 | $97,530,863,319,753 | +$1,234,567,890,123 | > $40,000 | ✅ pass |'
    )
  })

  it('quotes the exact cents the gate compared when the floor is the sum itself', async () => {
    const dir = writeFiles(bigMoneyFiles())
    const run = await runBundle(
      { ...INPUTS, 'min-net-benefit': '98765431209876.4' },
      { cwd: dir }
    )
    expect(run.status).toBe(1)
    expect(run.outputs['candidate-net-benefit']).toBe('98765431209876.40')
    expect(run.errors).toEqual([
      '::error::Rejected: Net benefit $98,765,431,209,876.40 does not exceed the floor of $98,765,431,209,876.40 (min-net-benefit).'
    ])
    expect(run.stdout).toContain(
      'Decision: reject. candidate net benefit $98,765,431,209,876.40, F1 1.000; champion net benefit $97,530,863,319,752.95, F1 0.994'
    )
    expect(run.summary).toContain(
      '| Net benefit | $98,765,431,209,876.40 | $97,530,863,319,752.95 | +$1,234,567,890,123.45 | > $98,765,431,209,876.40 | ❌ **fail** |'
    )
  })
})

describe('dist/index.js with a report-path it cannot write', () => {
  it('refuses a folder, naming the input, before evaluating', async () => {
    const dir = writeFiles(bigMoneyFiles())
    mkdirSync(join(dir, 'reports'))
    const run = await runBundle(
      { ...INPUTS, 'report-path': 'reports' },
      { cwd: dir }
    )
    expect(run.status).toBe(1)
    expect(run.errors).toEqual([
      "::error::Input 'report-path': 'reports' is a folder; give a file path for the JSON report, e.g. 'reports/champion-gate-report.json'"
    ])
    expect(run.outputs).toEqual({})
    expect(run.summary).toBe('')
  })

  it('refuses the default path when it is a folder, and says it is the default', async () => {
    const dir = writeFiles(bigMoneyFiles())
    mkdirSync(join(dir, 'champion-gate-report.json'), { recursive: true })
    const again = await runBundle(INPUTS, {
      cwd: dir,
      env: { RUNNER_TEMP: dir }
    })
    expect(again.status).toBe(1)
    expect(again.errors).toEqual([
      `::error::Input 'report-path': '${join(dir, 'champion-gate-report.json')}' is a folder (the default path, as the input is empty); give a file path for the JSON report, e.g. '${join(dir, 'champion-gate-report.json', 'champion-gate-report.json')}'`
    ])
  })

  it('refuses a path under a file, naming the input', async () => {
    const dir = writeFiles(bigMoneyFiles())
    writeFileSync(join(dir, 'notes'), 'a file, not a folder\n')
    const run = await runBundle(
      { ...INPUTS, 'report-path': 'notes/report.json' },
      { cwd: dir }
    )
    expect(run.status).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /^::error::Input 'report-path': cannot write the JSON report to 'notes\/report\.json' \(ENOTDIR: .*\); give a writable file path$/
    )
    expect(run.outputs).toEqual({})
  })
})
