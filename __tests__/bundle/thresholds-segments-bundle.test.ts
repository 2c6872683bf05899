/**
 * The bundled action reads prediction files on the prediction worker (rows
 * matched by position), which decides each row on its own thread: each
 * model's own threshold must cross to it, and the segments, tallied on the
 * main thread from the worker's codes, must be the same. The bundle's JSON
 * report is compared with the in-process evaluation of the same files
 * (which reads them without the worker).
 *
 *   npm run package && npx jest __tests__/bundle/thresholds-segments-bundle.test.ts
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'
import { BUNDLE, ROOT, runBundle } from '../../__fixtures__/run-bundle.js'
import { formatMoney } from '../../src/report/format.js'

/** mulberry32: the same data on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** More rows than one batch of the pass (16,384), so the worker sends several. */
function files(rows: number): Record<string, string> {
  const random = seeded(3)
  const test = ['region,amount,label']
  const candidate = ['prediction']
  const champion = ['prediction']
  const regions = ['north', 'south', 'east', 'west', '']
  for (let i = 0; i < rows; i++) {
    const label = random() < 0.1 ? 1 : 0
    const region = regions[Math.floor(random() * regions.length)]
    test.push(`${region},${(random() * 900 + 5).toFixed(2)},${label}`)
    const score = (lean: number): string =>
      (
        Math.round(((label ? lean : 0) + random() * (1 - lean)) * 1000) / 1000
      ).toFixed(3)
    // The candidate is the better model but for the west, where it knows
    // nothing: it wins overall and loses that region.
    candidate.push(score(region === 'west' ? 0 : 0.4))
    champion.push(score(0.3))
  }
  return {
    'test.csv': test.join('\n') + '\n',
    'candidate.csv': candidate.join('\n') + '\n',
    'champion.csv': champion.join('\n') + '\n'
  }
}

describe('dist/index.js: each model at its own threshold, and segments, through the prediction worker', () => {
  it('is built with its prediction worker (npm run package)', () => {
    expect(existsSync(BUNDLE)).toBe(true)
    expect(
      existsSync(join(ROOT, 'dist', 'prediction-worker', 'index.js'))
    ).toBe(true)
  })

  it('gives the same report as the in-process pass, and rejects the candidate that loses the west', async () => {
    const dir = writeFiles(files(40_000))
    const inputs = {
      mode: 'evaluate',
      'test-set': 'test.csv',
      'candidate-predictions': 'candidate.csv',
      'champion-predictions': 'champion.csv',
      'cost-false-negative': 'amount',
      'cost-true-positive': '5',
      'cost-false-positive': '5',
      'min-net-benefit': 'off',
      'candidate-threshold': '0.45',
      'champion-threshold': '0.6',
      'segment-column': 'region',
      'max-segment-loss': '0'
    }
    const run = await runBundle(inputs, { cwd: dir })
    const report = JSON.parse(
      readFileSync(join(run.runnerTemp, 'champion-gate-report.json'), 'utf8')
    )
    const local = await evaluateInputs(dir, inputs)
    expect(report.candidate.threshold).toEqual({
      value: 0.45,
      source: 'input'
    })
    expect(report.champion.threshold).toEqual({ value: 0.6, source: 'input' })
    expect(report.candidate.metrics).toEqual(local.candidate.metrics)
    expect(report.champion.metrics).toEqual(local.champion!.metrics)
    expect(report.comparison.paired).toEqual(local.comparison.paired)
    expect(report.segments).toEqual(local.segments)
    expect(report.gates).toEqual(local.gates)
    expect(report.segments.groups).toHaveLength(5)
    // A win overall, a loss in the west: rejected, naming the west.
    expect(report.comparison.delta_net_benefit).toBeGreaterThan(0)
    const west = report.segments.groups[0]
    expect(west.value).toBe('west')
    expect(west.delta_net_benefit).toBeLessThan(0)
    expect(report.decision).toBe('reject')
    expect(report.reasons).toEqual(local.reasons)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toContain(
      `In segment region = 'west' the candidate's net benefit ${formatMoney(west.candidate.net_benefit_exact, 'cents')} falls ${formatMoney(-west.delta_net_benefit, 'cents')} below the champion's ${formatMoney(west.champion.net_benefit_exact, 'cents')}`
    )
    // The two thresholds really differ in effect: not one shared decision.
    expect(report.comparison.paired.disagreements).toBeGreaterThan(1000)
    expect(run.summary).toContain('#### Segments by `region`')
    expect(run.summary).toContain(
      'candidate ≥ 0.45 (input `candidate-threshold`), champion ≥ 0.6 (input `champion-threshold`)'
    )
  })
})
