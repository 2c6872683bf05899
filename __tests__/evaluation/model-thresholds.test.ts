/**
 * Each model at its own threshold: the inputs, the version tag as default,
 * the report's `{value, source}`, and the pass deciding (and pairing) each
 * model at its own threshold, by position and joined by id.
 */
import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/errors.js'
import { parseInputs } from '../../src/inputs.js'
import {
  modelThreshold,
  thresholdTag
} from '../../src/evaluation/model-thresholds.js'
import { evaluateModels } from '../../src/modes/model-evaluation.js'
import type { Registry } from '../../src/registry/connect.js'
import type { ModelVersion } from '../../src/registry/mlflow-client.js'
import { renderMarkdown } from '../../src/report/render-markdown.js'
import { renderNetBenefitChart } from '../../src/report/net-benefit-chart.js'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'

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

interface Data {
  labels: number[]
  candidate: number[]
  champion: number[]
}

function data(rows: number): Data {
  const random = seeded(7)
  const labels: number[] = []
  const candidate: number[] = []
  const champion: number[] = []
  for (let i = 0; i < rows; i++) {
    const label = random() < 0.2 ? 1 : 0
    labels.push(label)
    candidate.push(Math.round(((label ? 0.3 : 0) + random() * 0.7) * 100) / 100)
    champion.push(Math.round(((label ? 0.3 : 0) + random() * 0.7) * 100) / 100)
  }
  return { labels, candidate, champion }
}

/** Confusion counts at a threshold, counted plainly. */
function counts(labels: number[], scores: number[], threshold: number) {
  const c = { tp: 0, fp: 0, fn: 0, tn: 0 }
  labels.forEach((label, i) => {
    const flagged = scores[i] >= threshold
    if (label === 1 && flagged) c.tp++
    else if (label === 1) c.fn++
    else if (flagged) c.fp++
    else c.tn++
  })
  return c
}

function files(d: Data, shuffled = false): string {
  const order = d.labels.map((_, i) => i)
  if (shuffled) order.reverse()
  const predictions = (scores: number[]): string =>
    ['id,prediction', ...order.map((i) => `r${i},${scores[i]}`)].join('\n') +
    '\n'
  return writeFiles({
    'test.csv':
      ['id,label', ...d.labels.map((l, i) => `r${i},${l}`)].join('\n') + '\n',
    'candidate.csv': predictions(d.candidate),
    'champion.csv': predictions(d.champion)
  })
}

const COSTS = {
  'cost-false-negative': '100',
  'cost-true-positive': '5',
  'cost-false-positive': '5',
  'min-net-benefit': 'off',
  'min-f1': 'off'
}

describe('model-thresholds.ts', () => {
  it('prefers the input, then the version tag, then threshold', () => {
    const version = { version: '3', tags: { threshold: '0.35' } }
    expect(
      modelThreshold('champion', 'fraud', {
        input: 0.6,
        version,
        fallback: 0.5
      })
    ).toEqual({ value: 0.6, source: 'input' })
    expect(
      modelThreshold('champion', 'fraud', { version, fallback: 0.5 })
    ).toEqual({ value: 0.35, source: 'tag' })
    expect(
      modelThreshold('champion', 'fraud', {
        version: { version: '3', tags: {} },
        fallback: 0.5
      })
    ).toEqual({ value: 0.5, source: 'default' })
  })

  it.each(['high', '1.5', '-0.1', '', 'NaN'])(
    "stops on a threshold tag '%s' that is not a number in [0, 1], naming the version",
    (tag) => {
      const read = (): unknown =>
        modelThreshold('champion', 'fraud', {
          version: { version: '3', tags: { threshold: tag } },
          fallback: 0.5
        })
      expect(read).toThrow(UserError)
      expect(read).toThrow(
        `The champion fraud v3 has the tag threshold='${tag}', which is not a number from 0 to 1`
      )
    }
  )

  it('records the threshold as the tag the next comparison reads', () => {
    const tag = thresholdTag({ value: 0.35, source: 'input' })
    expect(
      modelThreshold('champion', 'fraud', {
        version: { version: '4', tags: tag },
        fallback: 0.5
      })
    ).toEqual({ value: 0.35, source: 'tag' })
  })

  it('rejects a candidate-threshold outside [0, 1]', () => {
    expect(() => parseInputs({ 'candidate-threshold': '1.2' })).toThrow(
      "Input 'candidate-threshold': got '1.2'; expected a number from 0 to 1"
    )
    expect(parseInputs({})['champion-threshold']).toBeUndefined()
  })
})

describe('each model decided at its own threshold', () => {
  const d = data(400)
  const expected = {
    candidate: counts(d.labels, d.candidate, 0.3),
    champion: counts(d.labels, d.champion, 0.7)
  }
  const disagreements = d.labels.filter(
    (_, i) => d.candidate[i] >= 0.3 !== d.champion[i] >= 0.7
  ).length

  it.each([
    ['by position', false],
    ['joined by id', true]
  ])(
    'counts, nets and pairs each model at its own threshold (%s)',
    async (_, joined) => {
      const report = await evaluateInputs(files(d, joined), {
        'test-set': 'test.csv',
        'candidate-predictions': 'candidate.csv',
        'champion-predictions': 'champion.csv',
        'candidate-threshold': '0.3',
        'champion-threshold': '0.7',
        ...(joined ? { 'id-column': 'id' } : {}),
        ...COSTS
      })
      expect(report.candidate.metrics).toMatchObject(expected.candidate)
      expect(report.champion!.metrics).toMatchObject(expected.champion)
      expect(report.candidate.metrics.net_benefit).toBe(
        95 * expected.candidate.tp - 5 * expected.candidate.fp
      )
      expect(report.candidate.threshold).toEqual({
        value: 0.3,
        source: 'input'
      })
      expect(report.champion!.threshold).toEqual({
        value: 0.7,
        source: 'input'
      })
      // The paired comparison sees each model's own decisions.
      expect(report.comparison.paired!.disagreements).toBe(disagreements)
      expect(disagreements).toBeGreaterThan(0)
      const markdown = renderMarkdown(report)
      expect(markdown).toContain(
        '- Decision thresholds, each model at its own: candidate ≥ 0.3 (input `candidate-threshold`), champion ≥ 0.7 (input `champion-threshold`)'
      )
      const chart = renderNetBenefitChart(report).join('\n')
      expect(chart).toContain(
        "light blue band: the candidate's threshold (0.3) · light orange band: the champion's (0.7)"
      )
      // One band at 0.30 and one at 0.70, each full height at its point only.
      const bars = chart
        .split('\n')
        .filter((line) => line.startsWith('  bar '))
        .map((line) => JSON.parse(line.slice(6)) as number[])
      const axis = JSON.parse(
        chart
          .split('\n')
          .find((line) => line.startsWith('  x-axis'))!
          .replace(/^ {2}x-axis "[^"]*" /, '')
          .replace(/(\d\.\d\d)/g, '"$1"')
      ) as string[]
      const high = Math.max(...bars[0])
      expect(axis[bars[0].indexOf(high)]).toBe('0.30')
      expect(axis[bars[1].indexOf(high)]).toBe('0.70')
      expect(bars[0].filter((v) => v === high)).toHaveLength(1)
    }
  )

  it('keeps the one-threshold report when both models use threshold', async () => {
    const report = await evaluateInputs(files(d), {
      'test-set': 'test.csv',
      'candidate-predictions': 'candidate.csv',
      'champion-predictions': 'champion.csv',
      threshold: '0.3',
      ...COSTS
    })
    expect(report.champion!.metrics).toMatchObject(
      counts(d.labels, d.champion, 0.3)
    )
    expect(report.champion!.threshold).toEqual({
      value: 0.3,
      source: 'default'
    })
    expect(renderMarkdown(report)).toContain(
      '- Decision threshold: a score ≥ 0.3 is flagged'
    )
  })
})

describe('model-evaluation.ts: thresholds from the registry', () => {
  const d = data(200)
  function registryWith(
    champion: ModelVersion,
    candidate: ModelVersion
  ): { registry: Registry; models: Parameters<typeof evaluateModels>[4] } {
    const registry = {
      shownUri: 'https://mlflow.example.com',
      versionUrl: (name: string, version: string) =>
        `https://mlflow.example.com/#/models/${name}/versions/${version}`
    } as unknown as Registry
    return {
      registry,
      models: {
        modelName: 'fraud',
        registered: true,
        champion,
        candidate: { kind: 'version', version: candidate }
      }
    }
  }
  const version = (v: string, tags: Record<string, string>): ModelVersion => ({
    name: 'fraud',
    version: v,
    aliases: [],
    tags
  })
  const run = {
    repository: null,
    sha: null,
    run_url: null,
    actor: null,
    event: null
  }

  it("judges the champion at its version's threshold tag, and an input wins over a tag", async () => {
    const dir = files(d)
    const { registry, models } = registryWith(
      version('3', { threshold: '0.7' }),
      version('4', { threshold: '0.2' })
    )
    const inputs = parseInputs({
      mode: 'evaluate',
      'model-name': 'fraud',
      'test-set': `${dir}/test.csv`,
      'candidate-predictions': `${dir}/candidate.csv`,
      'champion-predictions': `${dir}/champion.csv`,
      'candidate-threshold': '0.3',
      ...COSTS
    })
    const report = await evaluateModels(inputs, {}, run, registry, models)
    expect(report.champion!.threshold).toEqual({ value: 0.7, source: 'tag' })
    expect(report.candidate.threshold).toEqual({ value: 0.3, source: 'input' })
    expect(report.champion!.metrics).toMatchObject(
      counts(d.labels, d.champion, 0.7)
    )
    expect(report.candidate.metrics).toMatchObject(
      counts(d.labels, d.candidate, 0.3)
    )
    expect(renderMarkdown(report)).toContain(
      "champion ≥ 0.7 (its version's `threshold` tag)"
    )
  })

  it('stops before evaluating when a version carries a threshold tag that is no threshold', async () => {
    const dir = files(d)
    const { registry, models } = registryWith(
      version('3', { threshold: 'tuned' }),
      version('4', {})
    )
    const inputs = parseInputs({
      mode: 'evaluate',
      'model-name': 'fraud',
      'test-set': `${dir}/test.csv`,
      'candidate-predictions': `${dir}/candidate.csv`,
      'champion-predictions': `${dir}/champion.csv`
    })
    await expect(
      evaluateModels(inputs, {}, run, registry, models)
    ).rejects.toThrow(
      "The champion fraud v3 has the tag threshold='tuned', which is not a number from 0 to 1"
    )
  })
})
