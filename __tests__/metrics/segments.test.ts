/**
 * No segment left worse: per-segment figures agree exactly with a pandas
 * groupby of the same files (`__tests__/support/segments/reference_segments.py`,
 * exact Decimal money), by position and joined by id, with per-row and
 * constant costs and each model at its own threshold; the gate rejects a
 * candidate that wins overall but loses one region by more than
 * max-segment-loss, naming the region and both figures.
 *
 * Python: `.venv/bin/python` (pandas).
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DataError, InputError } from '../../src/errors.js'
import type { RawInputs } from '../../src/inputs.js'
import { renderMarkdown } from '../../src/report/render-markdown.js'
import { evaluationTags, TAG_PREFIX } from '../../src/registry/evidence.js'
import type { EvaluationReport } from '../../src/report/report.js'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCRIPT = join(ROOT, '__tests__/support/segments/reference_segments.py')

function findPython(): string {
  for (const python of [join(ROOT, '.venv/bin/python'), '/usr/bin/python3']) {
    if (!existsSync(python)) continue
    if (spawnSync(python, ['-c', 'import pandas']).status === 0) return python
  }
  throw new Error(
    'No Python with pandas found (tried .venv/bin/python, /usr/bin/python3); set it up with `bash .ci/python-venv.sh`'
  )
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

/** Values a reader could get wrong: a comma, accents, an empty value, '01' beside '1'. */
const REGIONS = ['EU', 'US', 'São Paulo', 'a,b', '', '01', '1']

function csvField(value: string): string {
  return /[",]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

interface Written {
  dir: string
  test: string
  candidate: string
  champion: string
}

/** A test set with regions and amounts in cents, and two models' scores. */
function write(rows: number, seed: number, shuffled: boolean): Written {
  const random = seeded(seed)
  const test = ['id,region,amount,label']
  const candidate: string[] = []
  const champion: string[] = []
  for (let i = 0; i < rows; i++) {
    const label = random() < 0.25 ? 1 : 0
    const region = REGIONS[Math.floor(random() * REGIONS.length)]
    const amount = (Math.floor(random() * 500000) / 100).toFixed(2)
    test.push(`r${i},${csvField(region)},${amount},${label}`)
    const score = (): string =>
      (
        Math.round(((label ? 0.25 : 0) + random() * 0.75) * 1000) / 1000
      ).toString()
    candidate.push(`r${i},${score()}`)
    champion.push(`r${i},${score()}`)
  }
  if (shuffled) {
    candidate.reverse()
    champion.reverse()
  }
  const dir = writeFiles({
    'test.csv': test.join('\n') + '\n',
    'candidate.csv': ['id,prediction', ...candidate].join('\n') + '\n',
    'champion.csv': ['id,prediction', ...champion].join('\n') + '\n'
  })
  return {
    dir,
    test: join(dir, 'test.csv'),
    candidate: join(dir, 'candidate.csv'),
    champion: join(dir, 'champion.csv')
  }
}

interface Reference {
  [value: string]: {
    rows: number
    positives: number
    candidate: Record<string, number | string>
    champion: Record<string, number | string>
    delta_net_benefit_exact: string
  }
}

describe('segments.ts', () => {
  let python: string
  beforeAll(() => {
    python = findPython()
  })

  function reference(request: object): Reference {
    const dir = writeFiles({ 'request.json': JSON.stringify(request) })
    const result = spawnSync(python, [SCRIPT, join(dir, 'request.json')], {
      encoding: 'utf8'
    })
    if (result.status !== 0)
      throw new Error(`${SCRIPT} failed (${result.status}):\n${result.stderr}`)
    return JSON.parse(result.stdout) as Reference
  }

  it.each([
    ['per-row costs, by position', 'amount', false],
    ['per-row costs, joined by id', 'amount', true],
    ['constant costs, by position', '120.25', false]
  ])(
    'agrees exactly with a pandas groupby (%s)',
    async (_, falseNegative, joined) => {
      const files = write(3000, joined ? 11 : 5, joined)
      const costs = { tp: '5', fp: '2.50', fn: falseNegative, tn: '0' }
      const report = await evaluateInputs(files.dir, {
        'test-set': 'test.csv',
        'candidate-predictions': 'candidate.csv',
        'champion-predictions': 'champion.csv',
        'segment-column': 'region',
        'candidate-threshold': '0.4',
        'champion-threshold': '0.55',
        'cost-true-positive': costs.tp,
        'cost-false-positive': costs.fp,
        'cost-false-negative': costs.fn,
        'cost-true-negative': costs.tn,
        ...(joined ? { 'id-column': 'id' } : {})
      })
      const expected = reference({
        test_set: files.test,
        candidate: files.candidate,
        champion: files.champion,
        segment_column: 'region',
        id_column: joined ? 'id' : null,
        thresholds: { candidate: 0.4, champion: 0.55 },
        costs
      })
      const segments = report.segments!
      expect(segments.column).toBe('region')
      expect(segments.groups.map((g) => g.value).sort()).toEqual(
        [...REGIONS].sort()
      )
      for (const group of segments.groups) {
        const want = expected[group.value]
        const model = (m: EvaluationReport['candidate']['metrics'] | null) => m
        void model
        expect({
          value: group.value,
          rows: group.rows,
          positives: group.positives,
          candidate: {
            tp: group.candidate.tp,
            fp: group.candidate.fp,
            fn: group.candidate.fn,
            tn: group.candidate.tn,
            f1: group.candidate.f1,
            net_benefit_exact: group.candidate.net_benefit_exact
          },
          champion: {
            tp: group.champion!.tp,
            fp: group.champion!.fp,
            fn: group.champion!.fn,
            tn: group.champion!.tn,
            f1: group.champion!.f1,
            net_benefit_exact: group.champion!.net_benefit_exact
          },
          delta: group.delta_net_benefit_exact
        }).toEqual({
          value: group.value,
          rows: want.rows,
          positives: want.positives,
          candidate: want.candidate,
          champion: want.champion,
          delta: want.delta_net_benefit_exact
        })
        expect(group.candidate.net_benefit).toBe(
          Number(want.candidate.net_benefit_exact)
        )
      }
      // The segments add up to the totals, exactly.
      const sum = (pick: (g: (typeof segments.groups)[0]) => number): number =>
        segments.groups.reduce((total, g) => total + pick(g), 0)
      expect(sum((g) => g.rows)).toBe(report.test_set.rows)
      expect(sum((g) => g.candidate.tp)).toBe(report.candidate.metrics.tp)
      expect(sum((g) => g.champion!.fp)).toBe(report.champion!.metrics.fp)
      // The largest losses first.
      const deltas = segments.groups.map((g) => g.delta_net_benefit!)
      expect(deltas).toEqual([...deltas].sort((a, b) => a - b))
    }
  )

  it('stops on a column with more than 1,000 distinct values, naming it and the count', async () => {
    const rows = ['id,label']
    const predictions = ['prediction']
    for (let i = 0; i < 1500; i++) {
      rows.push(`id${i},${i % 2}`)
      predictions.push('0.5')
    }
    const dir = writeFiles({
      'test.csv': rows.join('\n') + '\n',
      'candidate.csv': predictions.join('\n') + '\n'
    })
    const run = evaluateInputs(dir, {
      'test-set': 'test.csv',
      'candidate-predictions': 'candidate.csv',
      'segment-column': 'id'
    })
    await expect(run).rejects.toThrow(DataError)
    await expect(run).rejects.toThrow(
      "column 'id' (input 'segment-column') has 1,500 distinct values; at most 1,000 segments are compared"
    )
  })

  it('names the missing column', async () => {
    const dir = writeFiles({
      'test.csv': 'id,label\na,1\n',
      'candidate.csv': 'prediction\n0.9\n'
    })
    await expect(
      evaluateInputs(dir, {
        'test-set': 'test.csv',
        'candidate-predictions': 'candidate.csv',
        'segment-column': 'regoin'
      })
    ).rejects.toThrow('regoin')
  })

  it('asks for segment-column when max-segment-loss is set without it', async () => {
    const dir = writeFiles({
      'test.csv': 'id,label\na,1\n',
      'candidate.csv': 'prediction\n0.9\n'
    })
    const run = evaluateInputs(dir, {
      'test-set': 'test.csv',
      'candidate-predictions': 'candidate.csv',
      'max-segment-loss': '100'
    })
    await expect(run).rejects.toThrow(InputError)
    await expect(run).rejects.toThrow(
      "Input 'max-segment-loss': compares the models per segment, so it needs 'segment-column'"
    )
  })
})

/**
 * Three regions of positives worth $1,000 each (caught: $1,000 − $5):
 * the candidate catches more in EU and US but misses two in APAC that the
 * champion catches, so it wins overall by $2,985 and loses APAC by $1,990.
 */
function regionFiles(): string {
  const test = ['id,region,amount,label']
  const candidate = ['id,prediction']
  const champion = ['id,prediction']
  const add = (region: string, n: number, cand: number, champ: number) => {
    for (let k = 0; k < n; k++) {
      const id = `${region}-${test.length}`
      test.push(`${id},${region},1000.00,1`)
      candidate.push(`${id},${k < cand ? 0.9 : 0.1}`)
      champion.push(`${id},${k < champ ? 0.9 : 0.1}`)
    }
  }
  add('EU', 10, 9, 6)
  add('US', 10, 8, 6)
  add('APAC', 10, 5, 7)
  for (let k = 0; k < 20; k++) {
    const id = `n${k}`
    test.push(`${id},EU,20.00,0`)
    candidate.push(`${id},0.1`)
    champion.push(`${id},0.1`)
  }
  return writeFiles({
    'test.csv': test.join('\n') + '\n',
    'candidate.csv': candidate.join('\n') + '\n',
    'champion.csv': champion.join('\n') + '\n'
  })
}

const REGION_POLICY: RawInputs = {
  'test-set': 'test.csv',
  'candidate-predictions': 'candidate.csv',
  'champion-predictions': 'champion.csv',
  'cost-false-negative': 'amount',
  'cost-true-positive': '5',
  'cost-false-positive': '5',
  'min-net-benefit': 'off',
  'min-f1': 'off',
  'bootstrap-samples': '0',
  'segment-column': 'region'
}

describe('max-segment-loss in the gate', () => {
  it('rejects a candidate that wins overall but loses one region by more than max-segment-loss, naming the region', async () => {
    const report = await evaluateInputs(regionFiles(), {
      ...REGION_POLICY,
      'max-segment-loss': '1000'
    })
    expect(report.comparison.delta_net_benefit_exact).toBe('2985.00')
    expect(report.decision).toBe('reject')
    expect(report.reasons).toEqual([
      "In segment region = 'APAC' the candidate's net benefit $4,975.00 falls $1,990.00 below the champion's $6,965.00, more than the $1,000.00 allowed (max-segment-loss)."
    ])
    expect(report.gates.find((g) => g.name === 'max-segment-loss')).toEqual({
      name: 'max-segment-loss',
      value: -1990,
      threshold: 1000,
      passed: false
    })
    expect(report.segments!.groups.map((g) => g.value)).toEqual([
      'APAC',
      'US',
      'EU'
    ])
    const markdown = renderMarkdown(report)
    expect(markdown).toContain('does not beat the champion')
    expect(markdown).toContain(
      '| Worst segment (`region` = `APAC`) | $4,975.00 | $6,965.00 | 🔻 **-$1,990.00** | loss ≤ $1,000.00 | ❌ **fail** |'
    )
  })

  it('tags the candidate with the segment policy and the worst segment beside the champion version', async () => {
    const report = await evaluateInputs(regionFiles(), {
      ...REGION_POLICY,
      'max-segment-loss': '1000'
    })
    const tags = evaluationTags({
      ...report,
      champion: { ...report.champion!, version: '7' }
    })
    expect(tags).toMatchObject({
      [`${TAG_PREFIX}segment_column`]: 'region',
      [`${TAG_PREFIX}max_segment_loss`]: '1000',
      [`${TAG_PREFIX}worst_segment`]: 'APAC',
      [`${TAG_PREFIX}worst_segment_delta`]: '-1990.00'
    })
    // Files alone name no champion: no champion figure is tagged.
    expect(evaluationTags(report)).not.toHaveProperty(
      `${TAG_PREFIX}worst_segment`
    )
  })

  it('promotes the same candidate when the loss is within max-segment-loss, and without it', async () => {
    for (const limit of ['1990', 'off']) {
      const report = await evaluateInputs(regionFiles(), {
        ...REGION_POLICY,
        'max-segment-loss': limit
      })
      expect({ limit, decision: report.decision }).toEqual({
        limit,
        decision: 'promote'
      })
      expect(report.gates.some((g) => g.name === 'max-segment-loss')).toBe(
        limit !== 'off'
      )
    }
  })

  it('reports segments for a first evaluation with no champion, without the gate', async () => {
    const report = await evaluateInputs(regionFiles(), {
      ...REGION_POLICY,
      'champion-predictions': undefined,
      'max-segment-loss': '0'
    })
    expect(report.segments!.groups.map((g) => g.value)).toEqual([
      'EU',
      'US',
      'APAC'
    ])
    expect(report.segments!.groups[0].champion).toBeNull()
    expect(report.segments!.groups[0].candidate.net_benefit_exact).toBe(
      '8955.00'
    )
    expect(report.gates.some((g) => g.name === 'max-segment-loss')).toBe(false)
  })
})
