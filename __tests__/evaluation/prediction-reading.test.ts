/**
 * What a prediction value means, through the whole evaluation (rows matched
 * by position and by id): `[p0, p1]` pairs by the labels' sorted order,
 * files of labels read as decisions, ambiguous files stopped, labels past
 * 2^53 kept apart, percentages named. Expected counts are worked out by
 * hand beside each case.
 */

import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { DataError } from '../../src/errors.js'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'

const costs = {
  'cost-false-negative': '100',
  'cost-false-positive': '10',
  'min-net-benefit': 'off',
  'min-f1': 'off'
}

async function run(files: Record<string, string>, raw: Record<string, string>) {
  const dir = writeFiles(files)
  return evaluateInputs(dir, {
    'test-set': 'test.csv',
    'candidate-predictions': 'candidate.json',
    ...costs,
    ...raw
  })
}

async function errorOf(
  files: Record<string, string>,
  raw: Record<string, string>
): Promise<string> {
  const dir = writeFiles(files)
  try {
    await evaluateInputs(dir, {
      'test-set': 'test.csv',
      'candidate-predictions': 'candidate.csv',
      ...costs,
      ...raw
    })
  } catch (error) {
    expect(error).toBeInstanceOf(DataError)
    return (error as Error).message.split(join(dir, '/')).join('')
  }
  throw new Error('expected an error, but the evaluation succeeded')
}

const counts = (m: { tp: number; fp: number; fn: number; tn: number }) => [
  m.tp,
  m.fp,
  m.fn,
  m.tn
]

// classes_ = ['fraud', 'legit']: each pair is [P(fraud), P(legit)].
const FRAUD_TEST = 'id,label\na,fraud\nb,legit\nc,fraud\nd,legit\ne,legit\n'
const FRAUD_PAIRS = [
  [0.9, 0.1], // a fraud: flagged (tp)
  [0.2, 0.8], // b legit: not (tn)
  [0.4, 0.6], // c fraud: not (fn)
  [0.7, 0.3], // d legit: flagged (fp)
  [0.1, 0.9] //  e legit: not (tn)
]

describe('evaluation-pass.ts: predict_proba pairs', () => {
  it("takes P(fraud) from the first entry when the labels are fraud/legit (scikit-learn's sorted classes_)", async () => {
    const report = await run(
      {
        'test.csv': FRAUD_TEST,
        'candidate.json': JSON.stringify({ predictions: FRAUD_PAIRS })
      },
      { 'positive-label': 'fraud' }
    )
    expect(counts(report.candidate.metrics)).toEqual([1, 1, 1, 2])
    expect(report.notes.join(' ')).toContain(
      "the positive class 'fraud' was read from entry 0 (its place among the test set's labels in scikit-learn's order)"
    )
  })

  it('does the same for JSON Lines and for items keyed by the prediction column', async () => {
    const jsonl = await run(
      {
        'test.csv': FRAUD_TEST,
        'candidate.jsonl': FRAUD_PAIRS.map((p) =>
          JSON.stringify({ prediction: p })
        ).join('\n')
      },
      { 'positive-label': 'fraud', 'candidate-predictions': 'candidate.jsonl' }
    )
    expect(counts(jsonl.candidate.metrics)).toEqual([1, 1, 1, 2])
    const keyed = await run(
      {
        'test.csv': FRAUD_TEST,
        'candidate.json': JSON.stringify({
          predictions: FRAUD_PAIRS.map((p) => ({ prediction: p }))
        })
      },
      { 'positive-label': 'fraud' }
    )
    expect(counts(keyed.candidate.metrics)).toEqual([1, 1, 1, 2])
  })

  it('takes the second entry for legit, and the entry positive-class-index names', async () => {
    const files = {
      'test.csv': FRAUD_TEST,
      'candidate.json': JSON.stringify({ predictions: FRAUD_PAIRS })
    }
    // legit flagged at P(legit) >= 0.5: b (tp), c (fp), e (tp); a, d missed.
    const legit = await run(files, { 'positive-label': 'legit' })
    expect(counts(legit.candidate.metrics)).toEqual([2, 1, 1, 1])
    // A model whose classes are ordered otherwise: entry 1 read as P(fraud).
    const forced = await run(files, {
      'positive-label': 'fraud',
      'positive-class-index': '1'
    })
    expect(counts(forced.candidate.metrics)).toEqual([1, 2, 1, 1])
    expect(forced.notes.join(' ')).toContain(
      "read from entry 1 (input 'positive-class-index')"
    )
  })

  it('takes the first entry for positive-label 0 with labels 0/1, and sorts 9 before 10', async () => {
    const zero = await run(
      {
        'test.csv': FRAUD_TEST.replace(/fraud/g, '0').replace(/legit/g, '1'),
        'candidate.json': JSON.stringify({ predictions: FRAUD_PAIRS })
      },
      { 'positive-label': '0' }
    )
    expect(counts(zero.candidate.metrics)).toEqual([1, 1, 1, 2])
    // classes_ = [9, 10]: positive 10 is the second entry (as text, '10' < '9').
    const numeric = await run(
      {
        'test.csv': FRAUD_TEST.replace(/fraud/g, '10').replace(/legit/g, '9'),
        'candidate.json': JSON.stringify({
          predictions: FRAUD_PAIRS.map(([a, b]) => [b, a])
        })
      },
      { 'positive-label': '10' }
    )
    expect(counts(numeric.candidate.metrics)).toEqual([1, 1, 1, 2])
  })

  it('pairs the two models under the readings picked (one pairs file, one of scores)', async () => {
    const report = await run(
      {
        'test.csv': FRAUD_TEST,
        'candidate.json': JSON.stringify({ predictions: FRAUD_PAIRS }),
        // The champion flags a and b: it disagrees with the candidate on b and d.
        'champion.csv': 'prediction\n0.8\n0.6\n0.1\n0.2\n0.3\n'
      },
      {
        'positive-label': 'fraud',
        'champion-predictions': 'champion.csv',
        'min-improvement': '0'
      }
    )
    expect(counts(report.champion!.metrics)).toEqual([1, 1, 1, 2])
    // b: the champion's fp (-10 for it, so +10 for the candidate); d: the candidate's fp (-10).
    expect(report.comparison.paired).toMatchObject({ disagreements: 2 })
    expect(report.comparison.paired!.interval_95[0]).toBeLessThan(0)
    expect(report.comparison.delta_net_benefit).toBe(0)
  })

  it('asks for positive-class-index when the test set holds only the positive label', async () => {
    expect(
      await errorOf(
        {
          'test.csv': 'label\nfraud\nfraud\n',
          'candidate.csv': 'prediction\n"[0.9, 0.1]"\n"[0.2, 0.8]"\n'
        },
        { 'positive-label': 'fraud' }
      )
    ).toBe(
      "candidate.csv: the predictions in 'prediction' are [p0, p1] pairs, but the test set holds only the positive label 'fraud', so which entry is its probability cannot follow from the labels' order; set input 'positive-class-index' to 0 or 1"
    )
  })
})

describe('evaluation-pass.ts: files of labels', () => {
  const ZERO_ONE = 'id,label\na,1\nb,0\nc,1\nd,0\ne,0\n'
  // Hard decisions for rows a..e.
  const DECISIONS = 'id,prediction\na,1\nb,1\nc,0\nd,0\ne,0\n'

  it('stops on labels 0/1 with positive-label 0 (a 1 was read as probability 1.0 and flagged)', async () => {
    expect(
      await errorOf(
        { 'test.csv': ZERO_ONE, 'candidate.csv': DECISIONS },
        { 'positive-label': '0' }
      )
    ).toBe(
      "candidate.csv:2: every value in 'prediction' is one of the test set's labels ('1', '0') and also reads as a probability, and the two readings disagree: as a label '1' is the negative class (not flagged), as a probability it is at or above the threshold 0.5 (flagged). Set input 'prediction-kind' to label (the values are decisions) or score (they are probabilities)"
    )
  })

  it('reads that file as decisions under prediction-kind label, and as probabilities under score', async () => {
    const files = { 'test.csv': ZERO_ONE, 'candidate.csv': DECISIONS }
    // Positive class 0 = rows b, d, e; flagged (prediction 0) = c, d, e.
    const label = await run(files, {
      'positive-label': '0',
      'prediction-kind': 'label',
      'candidate-predictions': 'candidate.csv'
    })
    expect(counts(label.candidate.metrics)).toEqual([2, 1, 1, 1])
    // As probabilities of class 0: flagged where the value is 1 (a, b).
    const score = await run(files, {
      'positive-label': '0',
      'prediction-kind': 'score',
      'candidate-predictions': 'candidate.csv'
    })
    expect(counts(score.candidate.metrics)).toEqual([1, 1, 2, 1])
  })

  it('reads decisions by id as well', async () => {
    const report = await run(
      {
        'test.csv': ZERO_ONE,
        'candidate.csv': 'id,prediction\ne,0\nd,0\nc,0\nb,1\na,1\n'
      },
      {
        'positive-label': '0',
        'prediction-kind': 'label',
        'id-column': 'id',
        'candidate-predictions': 'candidate.csv'
      }
    )
    expect(counts(report.candidate.metrics)).toEqual([2, 1, 1, 1])
    expect(report.candidate.matched_by).toBe('id')
  })

  it('stops on threshold 0 with labels 0/1 (every 0 was flagged), by position and by id', async () => {
    const problem =
      "candidate.csv:4: every value in 'prediction' is one of the test set's labels ('1', '0') and also reads as a probability, and the two readings disagree: as a label '0' is the negative class (not flagged), as a probability it is at or above the threshold 0 (flagged)."
    const files = { 'test.csv': ZERO_ONE, 'candidate.csv': DECISIONS }
    expect(await errorOf(files, { threshold: '0' })).toContain(problem)
    expect(
      await errorOf(files, { threshold: '0', 'id-column': 'id' })
    ).toContain(problem)
    const label = await run(files, {
      threshold: '0',
      'prediction-kind': 'label',
      'candidate-predictions': 'candidate.csv'
    })
    expect(counts(label.candidate.metrics)).toEqual([1, 1, 1, 2])
  })

  it.each([
    ['2', '1'],
    ['-1', '1'],
    ['1', '-1'],
    ['fraud', 'legit']
  ])(
    'reads labels %s (positive) and %s as decisions, whatever the threshold',
    async (positive, negative) => {
      const test = ZERO_ONE.replace(/,1\n/g, ',P\n')
        .replace(/,0\n/g, `,${negative}\n`)
        .replace(/P/g, positive)
      const predictions = DECISIONS.replace(/,1\n/g, ',P\n')
        .replace(/,0\n/g, `,${negative}\n`)
        .replace(/P/g, positive)
      for (const threshold of ['0', '0.5', '1']) {
        const report = await run(
          { 'test.csv': test, 'candidate.csv': predictions },
          {
            'positive-label': positive,
            threshold,
            'candidate-predictions': 'candidate.csv'
          }
        )
        // Flagged a, b; positives a, c.
        expect(counts(report.candidate.metrics)).toEqual([1, 1, 1, 2])
        expect(report.notes.join(' ')).toContain(
          'are labels, i.e. decisions, so the threshold does not apply to them'
        )
      }
    }
  )

  it('reads 0/1 decisions with positive-label 1 as decisions: the curve is flat, the note says why', async () => {
    const report = await run(
      { 'test.csv': ZERO_ONE, 'candidate.csv': DECISIONS },
      { 'candidate-predictions': 'candidate.csv' }
    )
    expect(counts(report.candidate.metrics)).toEqual([1, 1, 1, 2])
    // Read as probabilities, threshold 0 would flag every row.
    expect(new Set(report.curves.candidate).size).toBe(1)
    expect(report.notes.join(' ')).toContain("The candidate's predictions (")
  })
})

describe('evaluation-pass.ts: labels past 2^53', () => {
  it('keeps 9007199254740993 and 9007199254740992 as two classes, in the test set and in predictions', async () => {
    const test =
      'label\n9007199254740993\n9007199254740992\n9007199254740993\n9007199254740992\n'
    const report = await run(
      {
        'test.csv': test,
        // Right, wrong, wrong, right.
        'candidate.csv':
          'prediction\n9007199254740993\n9007199254740993\n9007199254740992\n9007199254740992.0\n'
      },
      {
        'positive-label': '9007199254740993',
        'candidate-predictions': 'candidate.csv'
      }
    )
    expect(report.test_set.positives).toBe(2)
    expect(counts(report.candidate.metrics)).toEqual([1, 1, 1, 1])
  })

  it('names a third class that a double would have merged', async () => {
    expect(
      await errorOf(
        {
          'test.csv':
            'label\n9007199254740993\n9007199254740992\n9007199254740994\n',
          'candidate.csv': 'prediction\n0.5\n0.5\n0.5\n'
        },
        { 'positive-label': '9007199254740993' }
      )
    ).toContain("test.csv:4: a third value '9007199254740994'")
  })
})

describe('evaluation-pass.ts: percentages', () => {
  const TEST = 'label\n1\n0\n1\n0\n'

  it('suggests dividing by 100, naming the line, with no clause about labels', async () => {
    for (const raw of [{}, { 'id-column': 'id' }] as Record<string, string>[]) {
      const message = await errorOf(
        {
          'test.csv': 'id,label\na,1\nb,0\nc,1\nd,0\n',
          'candidate.csv': 'id,prediction\na,14.8\nb,0.5\nc,0.2\nd,0.9\n'
        },
        raw
      )
      expect(message).toBe(
        "candidate.csv:2: score 14.8 in 'prediction' is outside [0, 1]; scores must be probabilities of the positive class in [0, 1]; if they are percentages, divide them by 100 (14.8 → 0.148)"
      )
    }
  })

  it('says the same of a whole file of percentages', async () => {
    expect(
      await errorOf(
        {
          'test.csv': TEST,
          'candidate.csv': 'prediction\n14.8\n62\n0.5\n87.5\n'
        },
        {}
      )
    ).toBe(
      "candidate.csv:5: score 87.5 in 'prediction' is outside [0, 1], and so are 14.8 (line 2), 62 (line 3); scores must be probabilities of the positive class in [0, 1]; if they are percentages, divide them by 100 (87.5 → 0.875)"
    )
  })
})

describe('evaluation-pass.ts: labels past 2^53 in JSON', () => {
  it('stops on a JSON number past 2^53 (JSON.parse has rounded it) and reads the same label as a string exactly', async () => {
    const numbers = [
      '{"label": 9007199254740993}',
      '{"label": 9007199254740992}'
    ].join('\n')
    expect(
      await errorOf(
        {
          'test.jsonl': numbers,
          'candidate.csv': 'prediction\n0.9\n0.1\n'
        },
        { 'test-set': 'test.jsonl', 'positive-label': '9007199254740993' }
      )
    ).toBe(
      'test.jsonl:1: key \'label\' holds an integer beyond 2^53 (read as 9007199254740992), which JSON numbers cannot carry exactly; write it as a string ("...")'
    )
    const report = await run(
      {
        'test.jsonl': numbers.replace(/(\d{16})/g, '"$1"'),
        'candidate.csv': 'prediction\n0.9\n0.1\n'
      },
      {
        'test-set': 'test.jsonl',
        'positive-label': '9007199254740993',
        'candidate-predictions': 'candidate.csv'
      }
    )
    expect(report.test_set.positives).toBe(1)
    expect(counts(report.candidate.metrics)).toEqual([1, 0, 0, 1])
  })
})
