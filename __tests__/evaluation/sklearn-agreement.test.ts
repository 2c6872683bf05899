/**
 * Metrics agree exactly with scikit-learn (`confusion_matrix`, `f1_score`)
 * and with a hand computation of net benefit.
 *
 * Each case is written as real files in a temp dir from a fixed seed, run
 * through `evaluate` the way `mode: evaluate` runs it, and read again by
 * `__tests__/support/sklearn/reference_metrics.py`, which makes its own
 * decisions from the files and asks scikit-learn for the counts, precision,
 * recall and F1 and `decimal.Decimal` for the net benefit. Counts and money
 * must be equal; precision, recall and F1 must be the same doubles.
 *
 * Python: `SKLEARN_PYTHON` if set, else `.venv/bin/python` (made by
 * `bash .ci/python-venv.sh`, scikit-learn pinned), else `/usr/bin/python3`
 * (Debian's python3-sklearn). Without scikit-learn the suite fails.
 */

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  evaluate,
  type EvaluationRequest
} from '../../src/evaluation/evaluate.js'
import { parseDecimal } from '../../src/metrics/decimal.js'
import type { CostModel, CostSpec } from '../../src/metrics/net-benefit.js'
import type { EvaluationReport, ModelEntry } from '../../src/report/report.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCRIPT = join(ROOT, '__tests__/support/sklearn/reference_metrics.py')

/** mulberry32: a small seeded generator, so every case is the same each run. */
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

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

type Random = () => number

/** A score that leans towards the row's class, written various ways. */
function score(random: Random, positive: boolean, skill: number): number {
  const noise = random()
  const raw = positive ? skill * random() + (1 - skill) * noise : noise * noise
  return Math.min(1, Math.max(0, raw))
}

/** Score text: 6 decimals, two decimals, or every digit of the double. */
function scoreText(value: number, random: Random): string {
  const r = random()
  if (r < 0.4) return String(Math.round(value * 1e6) / 1e6)
  if (r < 0.6) return (Math.round(value * 100) / 100).toFixed(2)
  return String(value)
}

/** Money with cents, sometimes a tenth of a cent, sometimes bare dollars. */
function amountText(random: Random): string {
  const dollars = Math.floor(random() * random() * 5000)
  const r = random()
  if (r < 0.15) return String(dollars)
  if (r < 0.25)
    return `${dollars}.${Math.floor(random() * 1000)
      .toString()
      .padStart(3, '0')}`
  if (r < 0.3) return `${dollars}.5`
  return `${dollars}.${Math.floor(random() * 100)
    .toString()
    .padStart(2, '0')}`
}

interface Case {
  readonly name: string
  readonly files: Record<string, string>
  readonly testSet: string
  readonly labelColumn: string
  readonly positiveLabel: string
  readonly idColumn?: string
  readonly predictionColumn: string
  readonly threshold: string
  /** Each cost: a number (constant) or a column name, as the inputs take them. */
  readonly costs: { tp: string; fp: string; fn: string; tn: string }
  readonly candidate: string
  readonly champion?: string
  /** How the models' predictions are expected to be matched. */
  readonly matchedBy: 'id' | 'position'
}

interface Row {
  id: string
  label: 1 | 0
  amount: string
  review: string
}

function rows(random: Random, count: number, positiveRate: number): Row[] {
  return Array.from({ length: count }, (_, k) => ({
    id: `tx-${(k * 7919 + 13) % 100003}`,
    label: random() < positiveRate ? 1 : 0,
    amount: amountText(random),
    review: (2 + Math.floor(random() * 1300) / 100).toFixed(2)
  }))
}

const CONSTANT_COSTS = { tp: '5', fp: '5', fn: '120.50', tn: '0' }

function buildCases(): Case[] {
  const cases: Case[] = []

  {
    const random = seeded(101)
    const data = rows(random, 1500, 0.08)
    const test = [
      'id,amount,label',
      ...data.map((r) => `${r.id},${r.amount},${r.label}`)
    ].join('\n')
    const predictions = (skill: number): string =>
      [
        'id,prediction',
        ...shuffle(data, random).map(
          (r) =>
            `${r.id},${scoreText(score(random, r.label === 1, skill), random)}`
        )
      ].join('\n') + '\n'
    cases.push({
      name: 'joined by id, prediction rows shuffled',
      files: {
        'test.csv': `${test}\n`,
        'candidate.csv': predictions(0.8),
        'champion.csv': predictions(0.6)
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: '1',
      idColumn: 'id',
      predictionColumn: 'prediction',
      threshold: '0.5',
      costs: CONSTANT_COSTS,
      candidate: 'candidate.csv',
      champion: 'champion.csv',
      matchedBy: 'id'
    })
  }

  {
    // Excel's byte order mark, CRLF line ends and a quoted field with commas.
    const random = seeded(202)
    const data = rows(random, 1200, 0.12)
    const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n`
    const predictions = (skill: number): string =>
      crlf([
        'score,prediction',
        ...data.map((r) => {
          const s = scoreText(score(random, r.label === 1, skill), random)
          return `${s},${s}`
        })
      ])
    cases.push({
      name: 'matched by position (BOM, CRLF, quoted fields)',
      files: {
        'test.csv':
          '\uFEFF' +
          crlf([
            'label,note,amount',
            ...data.map(
              (r, k) =>
                `${r.label},${k % 5 === 0 ? '"card, not present"' : 'in store'},${r.amount}`
            )
          ]),
        'candidate.csv': predictions(0.7),
        'champion.csv': predictions(0.9)
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: '1',
      predictionColumn: 'prediction',
      threshold: '0.3',
      costs: { tp: '5', fp: '5', fn: 'amount', tn: '0' },
      candidate: 'candidate.csv',
      champion: 'champion.csv',
      matchedBy: 'position'
    })
  }

  {
    const random = seeded(303)
    const data = rows(random, 900, 0.15)
    const text = (label: number): string => (label === 1 ? 'fraud' : 'legit')
    const hard = (accuracy: number): string[] =>
      data.map((r) => text(random() < accuracy ? r.label : 1 - r.label))
    cases.push({
      name: 'hard-label predictions: fraud/legit',
      files: {
        'test.csv': [
          'id,is_fraud,amount',
          ...data.map((r) => `${r.id},${text(r.label)},${r.amount}`)
        ].join('\n'),
        'candidate.csv': [
          'id,prediction',
          ...shuffle(
            hard(0.9).map((p, k) => `${data[k].id},${p}`),
            random
          )
        ].join('\n'),
        'champion.jsonl': hard(0.8)
          .map((p, k) => JSON.stringify({ id: data[k].id, prediction: p }))
          .join('\n')
      },
      testSet: 'test.csv',
      labelColumn: 'is_fraud',
      positiveLabel: 'fraud',
      idColumn: 'id',
      predictionColumn: 'prediction',
      threshold: '0.5',
      costs: CONSTANT_COSTS,
      candidate: 'candidate.csv',
      champion: 'champion.jsonl',
      matchedBy: 'id'
    })
  }

  {
    const random = seeded(404)
    const data = rows(random, 800, 0.2)
    const hard = (accuracy: number, one: string, zero: string): string[] =>
      data.map((r) =>
        (random() < accuracy ? r.label : 1 - r.label) === 1 ? one : zero
      )
    cases.push({
      name: 'hard-label predictions: 0/1 (and 1.0/0.0)',
      files: {
        'test.csv': [
          'label,amount',
          ...data.map((r) => `${r.label},${r.amount}`)
        ].join('\n'),
        'candidate.csv': ['prediction', ...hard(0.85, '1', '0')].join('\n'),
        'champion.csv': ['prediction', ...hard(0.75, '1.0', '0.0')].join('\n')
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: '1',
      predictionColumn: 'prediction',
      threshold: '0.5',
      costs: CONSTANT_COSTS,
      candidate: 'candidate.csv',
      champion: 'champion.csv',
      matchedBy: 'position'
    })
  }

  {
    // cost_fn = amount, cost_tp = cost_fp = review: both per row.
    const random = seeded(505)
    const data = rows(random, 2000, 0.1)
    const predictions = (skill: number): string =>
      shuffle(data, random)
        .map((r) =>
          JSON.stringify({
            id: r.id,
            prediction: Number(
              scoreText(score(random, r.label === 1, skill), random)
            )
          })
        )
        .join('\n')
    cases.push({
      name: 'per-row costs: amount with cents and a review cost column',
      files: {
        'test.csv': [
          'id,label,amount,review',
          ...data.map((r) => `${r.id},${r.label},${r.amount},${r.review}`)
        ].join('\n'),
        'candidate.jsonl': predictions(0.85),
        'champion.jsonl': predictions(0.7)
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: '1',
      idColumn: 'id',
      predictionColumn: 'prediction',
      threshold: '0.42',
      costs: { tp: 'review', fp: 'review', fn: 'amount', tn: '0' },
      candidate: 'candidate.jsonl',
      champion: 'champion.jsonl',
      matchedBy: 'id'
    })
  }

  {
    // The same, with the test set in JSON Lines (numbers as JSON numbers).
    const random = seeded(606)
    const data = rows(random, 700, 0.1)
    cases.push({
      name: 'per-row costs from a JSON Lines test set',
      files: {
        'test.jsonl': data
          .map((r) =>
            JSON.stringify({
              id: r.id,
              label: r.label,
              amount: Number(r.amount),
              review: r.review
            })
          )
          .join('\n'),
        'candidate.csv': [
          'id,prediction',
          ...data.map(
            (r) =>
              `${r.id},${scoreText(score(random, r.label === 1, 0.8), random)}`
          )
        ].join('\n')
      },
      testSet: 'test.jsonl',
      labelColumn: 'label',
      positiveLabel: '1',
      idColumn: 'id',
      predictionColumn: 'prediction',
      threshold: '0.5',
      costs: { tp: 'review', fp: 'review', fn: 'amount', tn: '0' },
      candidate: 'candidate.csv',
      matchedBy: 'id'
    })
  }

  {
    const random = seeded(707)
    const data = rows(random, 600, 0.1)
    const low = (): string =>
      [
        'prediction',
        ...data.map(() => (random() * 0.89).toFixed(4).replace(/0+$/, ''))
      ].join('\n')
    cases.push({
      name: 'no positive decisions at all',
      files: {
        'test.csv': ['label', ...data.map((r) => r.label)].join('\n'),
        'candidate.csv': low(),
        'champion.csv': low()
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: '1',
      predictionColumn: 'prediction',
      threshold: '0.9',
      costs: CONSTANT_COSTS,
      candidate: 'candidate.csv',
      champion: 'champion.csv',
      matchedBy: 'position'
    })
  }

  for (const threshold of ['0.37', '0.29', '0.57', '1']) {
    // Many scores are exactly the threshold's value: flagged (>=).
    const random = seeded(808 + Number(threshold) * 100)
    const data = rows(random, 500, 0.3)
    const grid = (): string =>
      [
        'prediction',
        ...data.map((r) => {
          const roll = random()
          if (roll < 0.3) return threshold
          if (roll < 0.4) return Number(threshold).toFixed(2)
          return (Math.round(score(random, r.label === 1, 0.7) * 100) / 100)
            .toFixed(2)
            .replace(/\.?0+$/, '')
        })
      ].join('\n')
    cases.push({
      name: `a threshold of exactly a score value (${threshold})`,
      files: {
        'test.csv': ['label', ...data.map((r) => r.label)].join('\n'),
        'candidate.csv': grid(),
        'champion.csv': grid()
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: '1',
      predictionColumn: 'prediction',
      threshold,
      costs: CONSTANT_COSTS,
      candidate: 'candidate.csv',
      champion: 'champion.csv',
      matchedBy: 'position'
    })
  }

  {
    // Net benefit in eighths of a dollar: a third decimal of 5 to round.
    const random = seeded(909)
    const data = rows(random, 301, 0.1)
    const scores = data.map((r) =>
      scoreText(score(random, r.label === 1, 0.5), random)
    )
    // An odd number of alerts, so that the sum has half a cent to round.
    if (scores.filter((s) => Number(s) >= 0.5).length % 2 === 0) {
      scores[0] = Number(scores[0]) >= 0.5 ? '0' : '1'
    }
    cases.push({
      name: 'fractions of a cent, rounded half away from zero',
      files: {
        'test.csv': ['label', ...data.map((r) => r.label)].join('\n'),
        'candidate.csv': ['prediction', ...scores].join('\n')
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: '1',
      predictionColumn: 'prediction',
      threshold: '0.5',
      costs: { tp: '0.125', fp: '0.125', fn: '0', tn: '0' },
      candidate: 'candidate.csv',
      matchedBy: 'position'
    })
  }

  {
    // Larger than the readers' buffers, so they refill them mid-file; a
    // wide column of digits (a device fingerprint) fills those buffers.
    const random = seeded(1212)
    const data = rows(random, 10000, 0.1)
    const fingerprint = (): string =>
      Array.from({ length: 200 }, () => (random() < 0.9 ? '1' : '7')).join('')
    cases.push({
      name: 'a test set of several MiB (buffers refilled mid-file)',
      files: {
        'test.csv': [
          'label,amount,fingerprint',
          ...data.map((r) => `${r.label},${r.amount},${fingerprint()}`)
        ].join('\n'),
        'candidate.csv': [
          'prediction',
          ...data.map((r) =>
            scoreText(score(random, r.label === 1, 0.8), random)
          )
        ].join('\n')
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: '1',
      predictionColumn: 'prediction',
      threshold: '0.5',
      costs: { tp: '5', fp: '5', fn: 'amount', tn: '0' },
      candidate: 'candidate.csv',
      matchedBy: 'position'
    })
  }

  {
    // `mlflow models predict` output: numbers and [p0, p1] pairs. The
    // document has no ids, so with id-column set it is matched by position.
    const random = seeded(1001)
    const data = rows(random, 1000, 0.1)
    const probabilities = (skill: number): number[] =>
      data.map((r) =>
        Number(scoreText(score(random, r.label === 1, skill), random))
      )
    cases.push({
      name: 'mlflow predictions JSON: numbers and [p0, p1] pairs',
      files: {
        'test.csv': [
          'id,label,amount',
          ...data.map((r) => `${r.id},${r.label},${r.amount}`)
        ].join('\n'),
        'candidate.json': JSON.stringify({ predictions: probabilities(0.8) }),
        'champion.json': JSON.stringify(
          {
            predictions: probabilities(0.6).map((p) => [1 - p, p])
          },
          null,
          1
        )
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: '1',
      idColumn: 'id',
      predictionColumn: 'prediction',
      threshold: '0.5',
      costs: { tp: '5', fp: '5', fn: 'amount', tn: '0' },
      candidate: 'candidate.json',
      champion: 'champion.json',
      matchedBy: 'position'
    })
  }

  {
    // predict_proba on labels fraud/legit: classes_ is ['fraud', 'legit'],
    // so each pair is [P(fraud), P(legit)] and the positive class is first.
    // The reference takes the entry at np.unique's place of the label.
    const random = seeded(1203)
    const data = rows(random, 900, 0.2)
    const text = (label: number): string => (label === 1 ? 'fraud' : 'legit')
    const pairs = (skill: number): number[][] =>
      data.map((r) => {
        const p = Number(scoreText(score(random, r.label === 1, skill), random))
        return [p, 1 - p]
      })
    cases.push({
      name: 'mlflow predictions JSON: [p0, p1] pairs on labels fraud/legit (positive first)',
      files: {
        'test.csv': [
          'label,amount',
          ...data.map((r) => `${text(r.label)},${r.amount}`)
        ].join('\n'),
        'candidate.json': JSON.stringify({ predictions: pairs(0.8) }),
        'champion.jsonl': pairs(0.6)
          .map((pair) => JSON.stringify({ prediction: pair }))
          .join('\n')
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: 'fraud',
      predictionColumn: 'prediction',
      threshold: '0.35',
      costs: { tp: '5', fp: '5', fn: 'amount', tn: '0' },
      candidate: 'candidate.json',
      champion: 'champion.jsonl',
      matchedBy: 'position'
    })
  }

  {
    const random = seeded(1102)
    const data = rows(random, 800, 0.15)
    const text = (label: number): string => (label === 1 ? 'fraud' : 'legit')
    cases.push({
      name: 'mlflow predictions JSON: objects keyed by prediction, label strings',
      files: {
        'test.csv': [
          'label,amount',
          ...data.map((r) => `${text(r.label)},${r.amount}`)
        ].join('\n'),
        'candidate.json': JSON.stringify({
          predictions: data.map((r) => ({
            prediction: Number(
              scoreText(score(random, r.label === 1, 0.75), random)
            ),
            probability: 0.5
          }))
        }),
        'champion.json': JSON.stringify({
          predictions: data.map((r) =>
            text(random() < 0.85 ? r.label : 1 - r.label)
          )
        })
      },
      testSet: 'test.csv',
      labelColumn: 'label',
      positiveLabel: 'fraud',
      predictionColumn: 'prediction',
      threshold: '0.35',
      costs: { tp: '5', fp: '2.5', fn: 'amount', tn: '0' },
      candidate: 'candidate.json',
      champion: 'champion.json',
      matchedBy: 'position'
    })
  }

  return cases
}

function costSpec(text: string): CostSpec {
  const value = parseDecimal(text)
  return value
    ? { kind: 'constant', value, text }
    : { kind: 'column', column: text }
}

function costModel(c: Case): CostModel {
  return {
    truePositive: costSpec(c.costs.tp),
    falsePositive: costSpec(c.costs.fp),
    falseNegative: costSpec(c.costs.fn),
    trueNegative: costSpec(c.costs.tn)
  }
}

/** The request `mode: evaluate` would make from these inputs. */
function requestFor(c: Case, dir: string): EvaluationRequest {
  return {
    mode: 'evaluate',
    testSet: join(dir, c.testSet),
    labelColumn: c.labelColumn,
    positiveLabel: c.positiveLabel,
    idColumn: c.idColumn,
    predictionColumn: c.predictionColumn,
    predictionKind: 'auto',
    positiveClassIndex: 'auto',
    threshold: Number(c.threshold),
    costs: costModel(c),
    policy: { minImprovement: parseDecimal('0')! },
    candidate: {
      predictions: join(dir, c.candidate),
      input: 'candidate-predictions'
    },
    champion: c.champion
      ? { predictions: join(dir, c.champion), input: 'champion-predictions' }
      : undefined,
    run: {
      repository: null,
      sha: null,
      run_url: null,
      actor: null,
      event: null
    },
    toolVersion: 'test',
    now: new Date('2026-01-01T00:00:00Z')
  }
}

/** The case as the Python script reads it. */
function referenceSpec(c: Case, dir: string): object {
  const cost = (text: string): object =>
    parseDecimal(text) ? { constant: text } : { column: text }
  return {
    name: c.name,
    test_set: join(dir, c.testSet),
    label_column: c.labelColumn,
    positive_label: c.positiveLabel,
    id_column: c.idColumn ?? null,
    prediction_column: c.predictionColumn,
    threshold: c.threshold,
    costs: {
      true_positive: cost(c.costs.tp),
      false_positive: cost(c.costs.fp),
      false_negative: cost(c.costs.fn),
      true_negative: cost(c.costs.tn)
    },
    models: {
      candidate: join(dir, c.candidate),
      ...(c.champion ? { champion: join(dir, c.champion) } : {})
    }
  }
}

interface ReferenceModel {
  rows: number
  tp: number
  fp: number
  fn: number
  tn: number
  precision: number
  recall: number
  f1: number
  f1_from_counts: number
  net_benefit_exact: string
  net_benefit: string
}

interface Reference {
  sklearn: string
  python: string
  cases: Record<
    string,
    { positives: number; models: Record<string, ReferenceModel> }
  >
}

function runs(python: string, args: string[]): string | undefined {
  const result = spawnSync(python, args, { encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

/** A Python that imports scikit-learn, in the documented order of preference. */
function findPython(): { python: string; version: string } {
  const override = process.env.SKLEARN_PYTHON
  const candidates = override
    ? [override]
    : [join(ROOT, '.venv/bin/python'), '/usr/bin/python3']
  for (const python of candidates) {
    if (!existsSync(python)) continue
    const version = runs(python, [
      '-c',
      'import sklearn; print(sklearn.__version__)'
    ])
    if (version) return { python, version }
  }
  throw new Error(
    `No Python with scikit-learn found (tried ${candidates.join(', ')}). ` +
      'Set it up with `bash .ci/python-venv.sh` (creates .venv/ with the pinned scikit-learn), ' +
      'or install Debian python3-sklearn, or point SKLEARN_PYTHON at a python that imports sklearn.'
  )
}

describe('evaluate.ts', () => {
  describe('Metrics agree exactly with scikit-learn (`confusion_matrix`, `f1_score`) and with a hand computation of net benefit', () => {
    const cases = buildCases()
    let dir: string
    let reference: Reference
    /**
     * Whether this scikit-learn computes F1 from the counts (>= 1.3), as
     * champion-gate does; older ones are held to 2 ulps and the F1 is checked
     * against the counts formula, evaluated in Python.
     */
    let countsF1 = true
    const reports = new Map<string, EvaluationReport>()

    beforeAll(async () => {
      const { python } = findPython()
      dir = mkdtempSync(join(tmpdir(), 'champion-gate-sklearn-'))
      const specs: object[] = []
      for (const [k, c] of cases.entries()) {
        const caseDir = join(dir, `case-${k}`)
        mkdirSync(caseDir)
        for (const [name, content] of Object.entries(c.files)) {
          writeFileSync(join(caseDir, name), content)
        }
        reports.set(c.name, await evaluate(requestFor(c, caseDir)))
        specs.push(referenceSpec(c, caseDir))
      }
      const specPath = join(dir, 'cases.json')
      writeFileSync(specPath, JSON.stringify(specs))
      const result = spawnSync(python, [SCRIPT, specPath], { encoding: 'utf8' })
      if (result.status !== 0) {
        throw new Error(
          `${python} ${SCRIPT} failed (${result.status}):\n${result.stderr}`
        )
      }
      reference = JSON.parse(result.stdout) as Reference
      const [major, minor] = reference.sklearn.split('.').map(Number)
      countsF1 = major > 1 || (major === 1 && minor >= 3)
    })

    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
      const report = reports.get(c.name)!
      const expected = reference.cases[c.name]
      expect({ case: c.name, positives: report.test_set.positives }).toEqual({
        case: c.name,
        positives: expected.positives
      })
      const models: [string, ModelEntry | null][] = [
        ['candidate', report.candidate],
        ['champion', report.champion]
      ]
      for (const [role, entry] of models) {
        const want = expected.models[role]
        if (!want) {
          expect(entry).toBeNull()
          continue
        }
        const context = `${c.name}, ${role}, scikit-learn ${reference.sklearn}`
        expect({ context, matchedBy: entry?.matched_by }).toEqual({
          context,
          matchedBy: c.matchedBy
        })
        const got = entry!.metrics
        expect({ context, ...got }).toEqual({
          context,
          rows: want.rows,
          tp: want.tp,
          fp: want.fp,
          fn: want.fn,
          tn: want.tn,
          // toEqual compares numbers with Object.is: the same doubles.
          precision: want.precision,
          recall: want.recall,
          f1: countsF1 ? want.f1 : want.f1_from_counts,
          // + 0: a Decimal of -0.00 is the same cents as 0.00.
          net_benefit: Number(want.net_benefit) + 0,
          // The exact cents, as Python's Decimal wrote them.
          net_benefit_exact: want.net_benefit.replace(/^-(0\.00)$/, '$1')
        })
        if (!countsF1) {
          // scikit-learn < 1.3 took F1 from the rounded precision and recall,
          // which can differ from 2tp / (2tp + fp + fn) in the last bit.
          const close =
            Math.abs(got.f1 - want.f1) <= 2 * Number.EPSILON * want.f1
          expect({ context, f1: close ? want.f1 : got.f1 }).toEqual({
            context,
            f1: want.f1
          })
        }
      }
    })

    it('covers the cases it means to: flags, no flags, every count', () => {
      const none = reference.cases['no positive decisions at all']
      for (const model of Object.values(none.models)) {
        expect([model.tp, model.fp, model.precision, model.f1]).toEqual([
          0, 0, 0, 0
        ])
        expect(model.net_benefit).toBe('0.00')
      }
      const cents =
        reference.cases['fractions of a cent, rounded half away from zero']
          .models.candidate
      // An odd number of $0.125 alerts: the exact sum ends in half a cent.
      expect(cents.net_benefit_exact).toMatch(/^-\d+\.\d\d5$/)
      for (const c of Object.values(reference.cases)) {
        for (const model of Object.values(c.models)) {
          expect(model.rows).toBe(model.tp + model.fp + model.fn + model.tn)
        }
      }
      const flagged = Object.values(reference.cases).flatMap((c) =>
        Object.values(c.models).filter((m) => m.tp > 0 && m.fp > 0 && m.fn > 0)
      )
      expect(flagged.length).toBeGreaterThan(15)
    })
  })
})
