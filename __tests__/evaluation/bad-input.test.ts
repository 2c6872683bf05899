import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { DataError } from '../../src/errors.js'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'

const TEST = 'id,amount,label\na,10.00,1\nb,20.50,0\nc,5.25,0\nd,99.99,1\n'
const CANDIDATE = 'id,prediction\na,0.9\nb,0.1\nc,0.7\nd,0.4\n'
const CHAMPION = 'id,prediction\na,0.8\nb,0.6\nc,0.2\nd,0.3\n'

const base = {
  'test-set': 'test.csv',
  'candidate-predictions': 'candidate.csv',
  'champion-predictions': 'champion.csv',
  'cost-false-negative': 'amount',
  'cost-true-positive': '5',
  'cost-false-positive': '5'
}

/** The DataError thrown by evaluating these files, with the temp dir removed from its message. */
async function errorOf(
  files: Record<string, string>,
  raw: Record<string, string> = {}
): Promise<string> {
  const dir = writeFiles({
    'test.csv': TEST,
    'candidate.csv': CANDIDATE,
    'champion.csv': CHAMPION,
    ...files
  })
  try {
    await evaluateInputs(dir, { ...base, ...raw })
  } catch (error) {
    expect(error).toBeInstanceOf(DataError)
    return (error as Error).message.split(join(dir, '/')).join('')
  }
  throw new Error('expected an error, but the evaluation succeeded')
}

describe('evaluation-pass.ts: bad input', () => {
  it('accepts the good files (the cases below differ from them in one thing)', async () => {
    const dir = writeFiles({
      'test.csv': TEST,
      'candidate.csv': CANDIDATE,
      'champion.csv': CHAMPION
    })
    const report = await evaluateInputs(dir, base)
    expect(report.candidate.metrics).toMatchObject({
      tp: 1,
      fp: 1,
      fn: 1,
      tn: 1
    })
  })

  it('names a missing file and says what to check', async () => {
    expect(await errorOf({}, { 'candidate-predictions': 'nope.csv' })).toBe(
      'nope.csv: file not found; check the path (it is relative to the workspace) and that an earlier step wrote it'
    )
  })

  it('names a missing column, the input it came from, and the columns there are', async () => {
    expect(await errorOf({}, { 'label-column': 'is_fraud' })).toBe(
      "test.csv:1: no column 'is_fraud' (from input 'label-column'); the header has 'id', 'amount', 'label'"
    )
    expect(await errorOf({ 'candidate.csv': 'id,score\na,0.9\n' })).toContain(
      "candidate.csv:1: no column 'prediction' (from input 'prediction-column')"
    )
  })

  it('names the line of an empty score', async () => {
    expect(
      await errorOf({
        'candidate.csv': 'id,prediction\na,0.9\nb,\nc,0.7\nd,0.4\n'
      })
    ).toBe(
      "candidate.csv:3: empty score in 'prediction'; every row needs a prediction (a probability in [0, 1] or a label)"
    )
  })

  it('names the line of a non-numeric score', async () => {
    expect(
      await errorOf({
        'candidate.csv': 'id,prediction\na,0.9\nb,0.1\nc,high\nd,0.4\n'
      })
    ).toBe(
      "candidate.csv:4: 'high' in 'prediction' is neither a probability in [0, 1] nor one of the test set's labels ('1', '0')"
    )
  })

  it('names the line of a score outside [0, 1]', async () => {
    expect(
      await errorOf({
        'champion.csv': 'id,prediction\na,0.8\nb,1.7\nc,0.2\nd,0.3\n'
      })
    ).toBe(
      "champion.csv:3: score 1.7 in 'prediction' is outside [0, 1]; scores must be probabilities of the positive class in [0, 1]; if they are percentages, divide them by 100 (1.7 → 0.017)"
    )
  })

  it('rejects an empty prediction file', async () => {
    expect(await errorOf({ 'candidate.csv': '' })).toBe(
      'candidate.csv: the file is empty; expected a CSV header row and at least one data row'
    )
    expect(
      await errorOf(
        { 'candidate.json': '{"predictions": []}' },
        { 'candidate-predictions': 'candidate.json' }
      )
    ).toBe(
      'candidate.json: the predictions array is empty; the scorer produced no predictions'
    )
  })

  it('rejects a prediction file with a header and no rows, naming both counts', async () => {
    expect(await errorOf({ 'candidate.csv': 'id,prediction\n' })).toBe(
      "candidate.csv: 0 rows (input 'candidate-predictions') but the test set test.csv has 4 rows; rows are matched by position, so both must have one row per test example in the same order (or set 'id-column' to join by id)"
    )
  })

  it('names both files and both counts when rows by position do not match', async () => {
    expect(
      await errorOf({ 'champion.csv': 'id,prediction\na,0.8\nb,0.6\nc,0.2\n' })
    ).toBe(
      "champion.csv: 3 rows (input 'champion-predictions') but the test set test.csv has 4 rows; rows are matched by position, so both must have one row per test example in the same order (or set 'id-column' to join by id)"
    )
    expect(
      await errorOf({ 'candidate.csv': `${CANDIDATE}e,0.5\nf,0.5\n` })
    ).toContain(
      "candidate.csv: 6 rows (input 'candidate-predictions') but the test set test.csv has 4 rows"
    )
  })

  it('names a prediction id missing from the test set, with its line', async () => {
    expect(
      await errorOf(
        { 'candidate.csv': 'id,prediction\nd,0.4\nc,0.7\nzz,0.1\na,0.9\n' },
        { 'id-column': 'id' }
      )
    ).toBe(
      "candidate.csv:4: id 'zz' (column 'id') is not in the test set; every prediction must be for a test-set row"
    )
  })

  it('names a duplicate prediction id and both of its lines', async () => {
    expect(
      await errorOf(
        { 'candidate.csv': 'id,prediction\nd,0.4\nc,0.7\nd,0.1\na,0.9\n' },
        { 'id-column': 'id' }
      )
    ).toBe(
      "candidate.csv:4: id 'd' has a second prediction here (the first is on line 2); each id needs exactly one"
    )
  })

  it('names a test-set id without a prediction, with its test-set line', async () => {
    expect(
      await errorOf(
        { 'candidate.csv': 'id,prediction\nd,0.4\na,0.9\nc,0.7\n' },
        { 'id-column': 'id' }
      )
    ).toBe(
      "candidate.csv: no prediction for id 'b' (test set test.csv line 3); the candidate's predictions must cover every test-set row"
    )
  })

  it('names a duplicate id in the test set', async () => {
    expect(
      await errorOf(
        { 'test.csv': 'id,amount,label\na,1,1\nb,2,0\na,3,0\n' },
        { 'id-column': 'id' }
      )
    ).toBe(
      "test.csv:4: id 'a' in column 'id' appears twice in the test set (first on line 2); ids must be unique to join predictions"
    )
  })

  it('rejects a third label value, naming its line and the two before it', async () => {
    expect(
      await errorOf({
        'test.csv': 'id,amount,label\na,1,1\nb,2,0\nc,3,2\nd,4,0\n'
      })
    ).toBe(
      "test.csv:4: a third value '2' in label column 'label' after '1' (line 2), '0' (line 3); champion-gate compares binary classifiers, so the column must hold exactly two classes"
    )
  })

  it('treats 1 and 1.0 as one label value', async () => {
    const dir = writeFiles({
      'test.csv': 'id,amount,label\na,1,1\nb,2,0.0\nc,3,1.0\nd,4,0\n',
      'candidate.csv': CANDIDATE,
      'champion.csv': CHAMPION
    })
    expect((await evaluateInputs(dir, base)).test_set.positives).toBe(2)
  })

  it('says when the positive label never occurs', async () => {
    expect(await errorOf({}, { 'positive-label': 'fraud' })).toBe(
      "test.csv: the positive label 'fraud' (input 'positive-label') never occurs in column 'label'; values seen: '1', '0'. Set positive-label to the value that marks the positive class"
    )
  })

  it('names the line and column of a non-numeric or blank cost value', async () => {
    expect(
      await errorOf({
        'test.csv': 'id,amount,label\na,10.00,1\nb,n/a,0\nc,5.25,0\nd,99.99,1\n'
      })
    ).toBe(
      "test.csv:3: 'n/a' in cost column 'amount' (input 'cost-false-negative') is not a number (write it like 1250.50: no currency sign, no thousands separators)"
    )
    expect(
      await errorOf({
        'test.csv': 'id,amount,label\na,10.00,1\nb,,0\nc,5.25,0\nd,99.99,1\n'
      })
    ).toBe(
      "test.csv:3: empty value in cost column 'amount' (input 'cost-false-negative'); every row needs a number there"
    )
  })

  it('names a cost column that does not exist', async () => {
    expect(await errorOf({}, { 'cost-false-negative': 'amout' })).toBe(
      "test.csv:1: no column 'amout' (from input 'cost-false-negative'); the header has 'id', 'amount', 'label'"
    )
  })

  it('names the line of a row with a missing comma', async () => {
    expect(
      await errorOf({ 'test.csv': 'id,amount,label\na,10.00,1\nb 20.50,0\n' })
    ).toBe(
      'test.csv:3: this row has 2 fields but the header has 3; check for a missing or extra comma (quote fields that contain commas)'
    )
  })

  it('refuses a blank line between rows (a lost row) but not at the end', async () => {
    expect(
      await errorOf({
        'candidate.csv': 'id,prediction\na,0.9\n\nb,0.1\nc,0.7\nd,0.4\n'
      })
    ).toContain('candidate.csv:3: blank line between data rows')
    const dir = writeFiles({
      'test.csv': `${TEST}\n\n`,
      'candidate.csv': CANDIDATE,
      'champion.csv': `${CHAMPION}\r\n`
    })
    expect((await evaluateInputs(dir, base)).test_set.rows).toBe(4)
  })

  it('reads a stray quote inside an unquoted field as Python does, keeping every row', async () => {
    const plain = writeFiles({
      'test.csv':
        'id,note,amount,label\na,5 a,10.00,1\nb,5 b,20.50,0\nc,x,5.25,0\nd,y,99.99,1\n',
      'candidate.csv': CANDIDATE,
      'champion.csv': CHAMPION
    })
    const quoted = writeFiles({
      'test.csv':
        'id,note,amount,label\na,5" a,10.00,1\nb,5" b,20.50,0\nc,x,5.25,0\nd,y,99.99,1\n',
      'candidate.csv': CANDIDATE,
      'champion.csv': CHAMPION
    })
    const expected = await evaluateInputs(plain, base)
    const got = await evaluateInputs(quoted, base)
    expect(got.test_set.rows).toBe(4)
    expect(got.candidate.metrics).toEqual(expected.candidate.metrics)
    expect(got.champion?.metrics).toEqual(expected.champion?.metrics)
  })

  it('says a header-only test set has no rows', async () => {
    expect(await errorOf({ 'test.csv': 'id,amount,label\n' })).toBe(
      'test.csv: the test set has a header but no data rows; check that the step that wrote it wrote its rows'
    )
  })

  it('stops at a NaN, infinite, underscored or overflowing score, naming the line', async () => {
    for (const [score, problem] of [
      ['NaN', "'NaN' in 'prediction' is not a finite number"],
      ['inf', "'inf' in 'prediction' is not a finite number"],
      ['1e309', "'1e309' in 'prediction' is too large for a 64-bit float"],
      ['0_5', "'0_5' in 'prediction' uses '_' between digits"]
    ])
      expect(
        await errorOf({
          'candidate.csv': `id,prediction\na,0.9\nb,${score}\nc,0.7\nd,0.4\n`
        })
      ).toContain(`candidate.csv:3: ${problem}`)
  })

  it('reads scores and costs with non-breaking spaces around them as Python does', async () => {
    const dir = writeFiles({
      'test.csv':
        'id,amount,label\na,\u00a010.00,1\nb,20.50\u00a0,0\nc,5.25,0\nd,99.99,1\n',
      'candidate.csv':
        'id,prediction\na,\u00a00.9\nb,0.1\u00a0\nc,0.7\nd,0.4\n',
      'champion.csv': CHAMPION
    })
    const report = await evaluateInputs(dir, base)
    const good = await evaluateInputs(
      writeFiles({
        'test.csv': TEST,
        'candidate.csv': CANDIDATE,
        'champion.csv': CHAMPION
      }),
      base
    )
    expect(report.candidate.metrics).toEqual(good.candidate.metrics)
  })

  it('names the real limit of a cost: digits after the point, not trailing zeros', async () => {
    const dir = writeFiles({
      'test.csv':
        'id,amount,label\na,10.000000000000000000,1\nb,20.50,0\nc,5.25,0\nd,99.99,1\n',
      'candidate.csv': CANDIDATE,
      'champion.csv': CHAMPION
    })
    const good = await evaluateInputs(
      writeFiles({
        'test.csv': TEST,
        'candidate.csv': CANDIDATE,
        'champion.csv': CHAMPION
      }),
      base
    )
    expect((await evaluateInputs(dir, base)).candidate.metrics).toEqual(
      good.candidate.metrics
    )
    expect(
      await errorOf({
        'test.csv':
          'id,amount,label\na,1.5e-16,1\nb,20.50,0\nc,5.25,0\nd,99.99,1\n'
      })
    ).toBe(
      "test.csv:2: '1.5e-16' in cost column 'amount' (input 'cost-false-negative') has 17 digits after the decimal point once written out; a cost may have at most 15"
    )
  })

  it('names the item of a bad entry in an mlflow predictions document', async () => {
    expect(
      await errorOf(
        { 'candidate.json': '{"predictions": [0.9, 0.1, {"x": 1}, 0.4]}' },
        { 'candidate-predictions': 'candidate.json' }
      )
    ).toBe(
      "candidate.json: item 3: this object has no key 'prediction' (input 'prediction-column'); it has 'x'"
    )
    expect(
      await errorOf(
        { 'candidate.json': '{"predictions": [0.9, 0.1, null, 0.4]}' },
        { 'candidate-predictions': 'candidate.json' }
      )
    ).toBe(
      "candidate.json: item 3: empty score in 'prediction'; every row needs a prediction (a probability in [0, 1] or a label)"
    )
  })
})

describe('evaluation-pass.ts: files larger than a read chunk', () => {
  it('counts labels and decisions right across buffer refills (a 3 MB test set)', async () => {
    const rows = 150_000
    const test = ['id,amount,label']
    const candidate = ['id,prediction']
    let positives = 0
    let tp = 0
    for (let k = 0; k < rows; k++) {
      const fraud = k % 37 === 0
      if (fraud) positives++
      const score = ((k * 7919) % 1000) / 1000
      if (fraud && score >= 0.5) tp++
      test.push(`row-${k},${(k % 500) + 0.25},${fraud ? 1 : 0}`)
      candidate.push(`row-${k},${score}`)
    }
    const dir = writeFiles({
      'test.csv': `${test.join('\n')}\n`,
      'candidate.csv': `${candidate.join('\n')}\n`
    })
    const report = await evaluateInputs(dir, {
      'test-set': 'test.csv',
      'candidate-predictions': 'candidate.csv'
    })
    expect(report.test_set.positives).toBe(positives)
    expect(report.candidate.metrics.tp).toBe(tp)
    expect(report.candidate.metrics.tp + report.candidate.metrics.fn).toBe(
      positives
    )
  })
})
