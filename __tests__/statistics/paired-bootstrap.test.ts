/**
 * The paired bootstrap agrees with an independent one: numpy resampling
 * every row of the test set with Poisson(1) weights
 * (`__tests__/support/bootstrap/reference_paired.py`), with none of
 * champion-gate's shortcuts (only disagreeing rows kept, equal rows grouped,
 * the agreeing cells drawn whole). Each case is written as real files,
 * evaluated the way `mode: evaluate` does, and read again by the script.
 * The 95% intervals of the net-benefit and F1 differences must agree within
 * a tenth of the interval's width, and the confidence within 0.03.
 *
 * Python: `.venv/bin/python` (numpy, scipy), else `/usr/bin/python3`.
 */

import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RawInputs } from '../../src/inputs.js'
import type { EvaluationReport } from '../../src/report/report.js'
import { mcnemarExact } from '../../src/statistics/mcnemar.js'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCRIPT = join(ROOT, '__tests__/support/bootstrap/reference_paired.py')

function findPython(): string {
  for (const python of [join(ROOT, '.venv/bin/python'), '/usr/bin/python3']) {
    if (!existsSync(python)) continue
    const probe = spawnSync(python, ['-c', 'import numpy, scipy'])
    if (probe.status === 0) return python
  }
  throw new Error(
    'No Python with numpy and scipy found (tried .venv/bin/python, /usr/bin/python3); set it up with `bash .ci/python-venv.sh`'
  )
}

function reference<T>(python: string, request: object): T {
  const dir = writeFiles({ 'request.json': JSON.stringify(request) })
  const result = spawnSync(python, [SCRIPT, join(dir, 'request.json')], {
    encoding: 'utf8'
  })
  if (result.status !== 0)
    throw new Error(`${SCRIPT} failed (${result.status}):\n${result.stderr}`)
  return JSON.parse(result.stdout) as T
}

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

interface Case {
  readonly files: Record<string, string>
  readonly costs: RawInputs
  /** The costs as the reference script takes them: a number or a column. */
  readonly referenceCosts: Record<'tp' | 'fp' | 'fn' | 'tn', number | string>
}

/** Two noisy models of a fraud-like set, independently wrong. */
function noisyModels(
  rows: number,
  seed: number,
  perRow: boolean,
  alarmsPerRow = false
): Case {
  const random = seeded(seed)
  const test = ['id,amount,label']
  const candidate = ['id,prediction']
  const champion = ['id,prediction']
  for (let k = 0; k < rows; k++) {
    const fraud = random() < 0.1
    const z =
      Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
    test.push(`r${k},${Math.exp(4 + 1.2 * z).toFixed(2)},${fraud ? 1 : 0}`)
    candidate.push(
      `r${k},${(fraud ? 0.3 + random() * 0.7 : random() * 0.6).toFixed(4)}`
    )
    champion.push(
      `r${k},${(fraud ? 0.2 + random() * 0.8 : random() * 0.65).toFixed(4)}`
    )
  }
  return {
    files: {
      'test.csv': `${test.join('\n')}\n`,
      'candidate.csv': `${candidate.join('\n')}\n`,
      'champion.csv': `${champion.join('\n')}\n`
    },
    costs: {
      'cost-false-negative': perRow ? 'amount' : '100',
      'cost-true-positive': '5',
      'cost-false-positive': alarmsPerRow ? 'amount' : '5'
    },
    referenceCosts: {
      tp: 5,
      fp: alarmsPerRow ? 'amount' : 5,
      fn: perRow ? 'amount' : 100,
      tn: 0
    }
  }
}

/**
 * 61 disagreeing rows among 2,000: the candidate alone catches 19 small
 * frauds and raises 21 false alarms, the champion alone raises 20 and
 * catches one $60,000 fraud. The difference is that one row's weight in
 * the resample, far from normal.
 */
function heavyTail(): Case {
  const random = seeded(5)
  const test = ['id,amount,label']
  const candidate = ['id,prediction']
  const champion = ['id,prediction']
  for (let k = 0; k < 2000; k++) {
    const fraud = k < 100
    // Pareto amounts (index 1.1) for the frauds, the big one first.
    const amount =
      k === 0
        ? 60000
        : fraud
          ? 30 / Math.pow(1 - random(), 1 / 1.1)
          : 10 + random() * 200
    test.push(`r${k},${amount.toFixed(2)},${fraud ? 1 : 0}`)
    let a = false
    let b = false
    if (fraud) {
      if (k === 0) b = true
      else if (k < 20) a = true
      else a = b = true
    } else {
      const n = k - 100
      if (n < 10) a = b = true
      else if (n < 31) a = true
      else if (n < 51) b = true
    }
    candidate.push(`r${k},${a ? 0.9 : 0.1}`)
    champion.push(`r${k},${b ? 0.9 : 0.1}`)
  }
  return {
    files: {
      'test.csv': `${test.join('\n')}\n`,
      'candidate.csv': `${candidate.join('\n')}\n`,
      'champion.csv': `${champion.join('\n')}\n`
    },
    costs: {
      'cost-false-negative': 'amount',
      'cost-true-positive': '5',
      'cost-false-positive': '5'
    },
    referenceCosts: { tp: 5, fp: 5, fn: 'amount', tn: 0 }
  }
}

interface ReferenceBootstrap {
  interval_95: [number, number]
  f1_interval_95: [number, number]
  confidence: number
  disagreements: number
}

async function evaluateCase(
  c: Case,
  raw: RawInputs
): Promise<{ dir: string; report: EvaluationReport }> {
  const dir = writeFiles(c.files)
  const report = await evaluateInputs(dir, {
    'test-set': 'test.csv',
    'candidate-predictions': 'candidate.csv',
    'champion-predictions': 'champion.csv',
    'min-net-benefit': 'off',
    'min-f1': 'off',
    ...c.costs,
    ...raw
  })
  return { dir, report }
}

function referenceFor(
  python: string,
  c: Case,
  dir: string
): ReferenceBootstrap {
  return reference<ReferenceBootstrap>(python, {
    kind: 'bootstrap',
    test: join(dir, 'test.csv'),
    candidate: join(dir, 'candidate.csv'),
    champion: join(dir, 'champion.csv'),
    label_column: 'label',
    positive_label: '1',
    prediction_column: 'prediction',
    threshold: '0.5',
    costs: c.referenceCosts,
    samples: 10000,
    seed: 12345,
    margin: 0
  })
}

/** Within a tenth of the reference interval's width. */
function expectClose(
  ours: readonly [number, number],
  theirs: readonly [number, number]
): void {
  const tolerance = (theirs[1] - theirs[0]) / 10
  expect(tolerance).toBeGreaterThan(0)
  expect(Math.abs(ours[0] - theirs[0])).toBeLessThanOrEqual(tolerance)
  expect(Math.abs(ours[1] - theirs[1])).toBeLessThanOrEqual(tolerance)
}

describe('paired-difference.ts: the bootstrap against numpy', () => {
  let python: string
  beforeAll(() => {
    python = findPython()
  })

  const cases: [string, () => Case][] = [
    ['constant costs', () => noisyModels(3000, 21, false)],
    ['per-row costs', () => noisyModels(3000, 22, true)],
    ['per-row costs in both classes', () => noisyModels(2000, 24, true, true)],
    ['under 100 disagreeing rows, heavy-tailed amounts', heavyTail]
  ]
  it.each(cases)(
    'agrees with a numpy Poisson bootstrap of every row (%s)',
    async (_name, make) => {
      const c = make()
      const { dir, report } = await evaluateCase(c, { seed: '7' })
      const paired = report.comparison.paired!
      const theirs = referenceFor(python, c, dir)
      expect(paired.method).toBe('bootstrap')
      expect(paired.samples).toBe(2000)
      expect(paired.disagreements).toBe(theirs.disagreements)
      expectClose(paired.interval_95, theirs.interval_95)
      expectClose(paired.f1_interval_95!, theirs.f1_interval_95)
      expect(Math.abs(paired.confidence - theirs.confidence)).toBeLessThan(0.03)
      const gate = report.gates.find((g) => g.name === 'min-confidence')
      expect(gate).toBeUndefined()
    },
    60000
  )

  it('differs visibly from the normal approximation when one row carries the difference, and the bootstrap is the one numpy agrees with', async () => {
    const c = heavyTail()
    const { dir, report } = await evaluateCase(c, {})
    const { report: normal } = await evaluateCase(c, {
      'bootstrap-samples': '0'
    })
    const theirs = referenceFor(python, c, dir)
    const bootstrap = report.comparison.paired!
    const closedForm = normal.comparison.paired!
    expect(bootstrap.disagreements).toBeLessThan(100)
    expect(closedForm.method).toBe('normal')
    expect(closedForm.f1_interval_95).toBeNull()
    const width = theirs.interval_95[1] - theirs.interval_95[0]
    // The normal interval's upper end is tens of thousands of dollars off…
    expect(
      Math.abs(closedForm.interval_95[1] - theirs.interval_95[1])
    ).toBeGreaterThan(width / 4)
    // …and so is its confidence; the bootstrap's are not.
    expect(Math.abs(closedForm.confidence - theirs.confidence)).toBeGreaterThan(
      0.1
    )
    expectClose(bootstrap.interval_95, theirs.interval_95)
    expect(report.warnings.join('\n')).toMatch(
      /One row moves the net benefit by \$59,995, more than half of the -\$\d{2},\d{3} difference/
    )
  }, 60000)

  it('gives the same report for the same seed and a different interval for another', async () => {
    const c = noisyModels(1500, 23, true)
    const first = (await evaluateCase(c, { seed: '99' })).report
    const again = (await evaluateCase(c, { seed: '99' })).report
    const other = (await evaluateCase(c, { seed: '100' })).report
    expect(again.comparison).toEqual(first.comparison)
    expect(again.warnings).toEqual(first.warnings)
    expect(first.comparison.paired!.seed).toBe(99)
    expect(other.comparison.paired!.interval_95).not.toEqual(
      first.comparison.paired!.interval_95
    )
  })

  it('gates min-confidence on the bootstrap confidence: a near tie passes without it and is kept out with 0.95', async () => {
    const c = heavyTail()
    const without = (await evaluateCase(c, { 'min-improvement': '-60000' }))
      .report
    expect(without.decision).toBe('promote')
    const strict = (
      await evaluateCase(c, {
        'min-improvement': '-60000',
        'min-confidence': '0.95'
      })
    ).report
    const gate = strict.gates.find((g) => g.name === 'min-confidence')!
    expect(gate.value).toBe(strict.comparison.paired!.confidence)
    expect(gate.passed).toBe(false)
    expect(strict.decision).toBe('reject')
  })
})

describe('mcnemar.ts', () => {
  it('gives the textbook exact p-value: 1 vs 7 discordant pairs is 2 × (1 + 8) / 2^8', () => {
    // Fagerland, Lydersen and Laake (2013), BMC Medical Research Methodology
    // 13:91, worked example: exact conditional p = 0.0703.
    const result = mcnemarExact(1, 7)
    expect(result.pValue).toBeCloseTo(18 / 256, 14)
    expect(mcnemarExact(7, 1).pValue).toBe(result.pValue)
    expect(mcnemarExact(0, 0).pValue).toBe(1)
    expect(mcnemarExact(5, 5).pValue).toBe(1)
  })

  it("agrees with scipy's binomtest, at small counts and past a thousand discordant rows", () => {
    const pairs: [number, number][] = [
      [0, 1],
      [0, 12],
      [3, 9],
      [10, 11],
      [40, 60],
      [150, 86],
      [480, 520],
      [430, 570],
      [2400, 2600],
      [20000, 20500],
      [1000, 3000]
    ]
    const scipy = reference<number[]>(findPython(), {
      kind: 'binomtest',
      cases: pairs.map(([a, b]) => [Math.min(a, b), a + b])
    })
    pairs.forEach(([a, b], k) => {
      const ours = mcnemarExact(a, b).pValue
      if (scipy[k] < 1e-300) expect(ours).toBeLessThan(1e-290)
      else expect(Math.abs(ours - scipy[k]) / scipy[k]).toBeLessThan(1e-9)
    })
  })
})
