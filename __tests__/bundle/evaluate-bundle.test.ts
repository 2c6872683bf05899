import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'
import { COSTS, generatedFiles } from '../../__fixtures__/reports.js'
import { BUNDLE, NODE24, runBundle } from '../../__fixtures__/run-bundle.js'

const runtimes: [string, string][] = [
  ['Node 20 (this machine)', process.execPath],
  ['Node 24 (the node24 runtime)', NODE24]
]

describe('dist/index.js in evaluate mode', () => {
  it('exists (npm run package builds it)', () => {
    expect(existsSync(BUNDLE)).toBe(true)
    expect(existsSync(NODE24)).toBe(true)
  })

  describe.each(runtimes)('under %s', (_name, node) => {
    it('writes the outputs, the JSON report and the job summary', async () => {
      const dir = writeFiles(generatedFiles())
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
        { cwd: dir, node }
      )
      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      const reportPath = join(run.runnerTemp, 'champion-gate-report.json')
      expect(run.outputs.report).toBe(reportPath)
      const report = JSON.parse(readFileSync(reportPath, 'utf8'))
      expect(report.schema).toBe(1)
      expect(run.outputs).toMatchObject({
        decision: 'promote',
        'candidate-net-benefit':
          report.candidate.metrics.net_benefit.toFixed(2),
        'candidate-f1': String(report.candidate.metrics.f1),
        'champion-net-benefit': report.champion.metrics.net_benefit.toFixed(2),
        'champion-f1': String(report.champion.metrics.f1),
        'alias-moved': 'false'
      })
      expect(report.test_set).toMatchObject({ path: 'test.csv', rows: 400 })
      expect(report.test_set.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(Object.keys(report.candidate.metrics)).toEqual([
        'rows',
        'tp',
        'fp',
        'fn',
        'tn',
        'precision',
        'recall',
        'f1',
        'net_benefit',
        'net_benefit_exact'
      ])
      expect(run.summary).toContain(
        '### ✅ Would promote: **fraud-detector** candidate passes the gate'
      )
      expect(run.summary).toContain(
        '| Criterion | Candidate | Champion | Difference | Floor | Result |'
      )
      expect(run.summary).toContain('#### Confusion matrices')
    })

    it('fails the step on a reject and says why, after writing the summary', async () => {
      const dir = writeFiles(generatedFiles())
      const run = await runBundle(
        {
          mode: 'evaluate',
          'test-set': 'test.csv',
          'candidate-predictions': 'candidate.csv',
          'champion-predictions': 'champion.csv',
          ...(COSTS as Record<string, string>)
        },
        { cwd: dir, node }
      )
      expect(run.status).toBe(1)
      expect(run.outputs.decision).toBe('reject')
      // $39,012.90 is within $1,000 of the floor: a close call, in cents.
      const net = Number(run.outputs['candidate-net-benefit'])
      expect(40000 - net).toBeLessThan(1000)
      expect(run.errors).toEqual([
        `::error::Rejected: Net benefit $${net.toLocaleString('en-US', { minimumFractionDigits: 2 })} does not exceed the floor of $40,000.00 (min-net-benefit).`
      ])
      expect(run.summary).toContain('### ❌ Rejected')
    })

    it('passes the step on a reject with fail-on-reject: false, with a warning', async () => {
      const dir = writeFiles(generatedFiles())
      const run = await runBundle(
        {
          mode: 'evaluate',
          'test-set': 'test.csv',
          'candidate-predictions': 'candidate.csv',
          'fail-on-reject': 'false',
          ...(COSTS as Record<string, string>)
        },
        { cwd: dir, node }
      )
      expect(run.status).toBe(0)
      expect(run.outputs.decision).toBe('reject')
      expect(run.outputs['champion-net-benefit']).toBe('')
      expect(run.stdout).toContain(
        '::warning::Rejected (fail-on-reject is false, so the step passes)'
      )
    })
  })

  it.each([
    [
      { mode: 'evalute' },
      "::error::Input 'mode': got 'evalute'; expected one of evaluate, gate, rollback"
    ],
    [
      { threshold: '1.7' },
      "::error::Input 'threshold': got '1.7'; expected a number from 0 to 1 (a score at or above it is flagged)"
    ],
    [
      { 'fail-on-reject': 'maybe' },
      "::error::Input 'fail-on-reject': got 'maybe'; expected true or false"
    ],
    [
      { 'label-column': 'is_fraud' },
      "::error::test.csv:1: no column 'is_fraud' (from input 'label-column'); the header has 'id', 'amount', 'label'"
    ],
    [
      { 'test-set': '' },
      "::error::Input 'test-set': required in mode 'evaluate': the shared test set (CSV or JSON Lines)"
    ]
  ])(
    'fails bad input %j with one ::error:: line, no outputs and no summary',
    async (bad, error) => {
      const dir = writeFiles(generatedFiles())
      const run = await runBundle(
        {
          mode: 'evaluate',
          'test-set': 'test.csv',
          'candidate-predictions': 'candidate.csv',
          ...(COSTS as Record<string, string>),
          ...bad
        },
        { cwd: dir }
      )
      expect(run.status).toBe(1)
      expect(run.errors).toEqual([error])
      expect(run.outputs).toEqual({})
      expect(run.summary).toBe('')
    }
  )
})

describe('dist/index.js reading predictions in its worker (rows by position)', () => {
  const TEST = 'id,amount,label\na,10.00,1\nb,20.50,0\nc,5.25,0\nd,99.99,1\n'
  const cases: [string, Record<string, string>][] = [
    [
      'an empty score',
      { 'candidate.csv': 'id,prediction\na,0.9\nb,\nc,0.7\nd,0.4\n' }
    ],
    [
      'a label that is not in the test set',
      { 'candidate.csv': 'id,prediction\na,0.9\nb,0.1\nc,high\nd,0.4\n' }
    ],
    [
      'a score outside [0, 1]',
      { 'champion.csv': 'id,prediction\na,0.8\nb,1.7\nc,0.2\nd,0.3\n' }
    ],
    [
      'fewer predictions than rows',
      { 'champion.csv': 'id,prediction\na,0.8\nb,0.6\nc,0.2\n' }
    ],
    [
      'more predictions than rows',
      { 'candidate.csv': 'id,prediction\na,0.9\nb,0.1\nc,0.7\nd,0.4\ne,0.5\n' }
    ],
    ['a missing prediction file', { 'candidate.csv': '' }],
    [
      'a bad mlflow document',
      { 'champion.csv': '{"predictions": [0.8, 0.6, 0.2' }
    ]
  ]

  it.each(cases)(
    'reports %s exactly as the in-process evaluation does',
    async (_name, files) => {
      const contents: Record<string, string> = {
        'test.csv': TEST,
        'candidate.csv': 'id,prediction\na,0.9\nb,0.1\nc,0.7\nd,0.4\n',
        'champion.csv': 'id,prediction\na,0.8\nb,0.6\nc,0.2\nd,0.3\n',
        ...files
      }
      const missing = contents['candidate.csv'] === ''
      if (missing) delete contents['candidate.csv']
      const dir = writeFiles(contents)
      const inputs = {
        mode: 'evaluate',
        'test-set': 'test.csv',
        'candidate-predictions': 'candidate.csv',
        'champion-predictions': 'champion.csv',
        ...(COSTS as Record<string, string>)
      }
      let expected = ''
      try {
        await evaluateInputs(dir, inputs)
      } catch (error) {
        expected = (error as Error).message.split(join(dir, '/')).join('')
      }
      expect(expected).not.toBe('')
      const run = await runBundle(inputs, { cwd: dir })
      expect(run.status).toBe(1)
      expect(run.errors).toEqual([`::error::${expected.replace(/\n/g, '%0A')}`])
    }
  )
})

describe('dist/index.js checking rows matched by position in its worker', () => {
  /** The in-process evaluation's error for these files, with the temp dir removed. */
  async function inProcessError(
    dir: string,
    inputs: Record<string, string>
  ): Promise<string> {
    try {
      await evaluateInputs(dir, inputs)
    } catch (error) {
      return (error as Error).message.split(join(dir, '/')).join('')
    }
    throw new Error('expected the in-process evaluation to fail')
  }

  /** Runs the bundle on the files; returns its ::error:: lines and status, with the expected one. */
  async function check(
    files: Record<string, string>,
    raw: Record<string, string> = {}
  ) {
    const dir = writeFiles(files)
    const inputs = {
      mode: 'evaluate',
      'test-set': 'test.csv',
      'candidate-predictions': 'candidate.csv',
      'champion-predictions': 'champion.csv',
      ...(COSTS as Record<string, string>),
      ...raw
    }
    const run = await runBundle(inputs, { cwd: dir })
    return { run, dir, inputs }
  }

  /** Data lines reversed in blocks of three (the header first): a fixed shuffle. */
  function reordered(csv: string): string {
    const [header, ...rows] = csv.trimEnd().split('\n')
    const out: string[] = []
    for (let k = 0; k < rows.length; k += 3)
      out.push(...rows.slice(k, k + 3).reverse())
    return `${[header, ...out].join('\n')}\n`
  }

  it('accepts files shuffled the same way, test set included', async () => {
    const files = generatedFiles(400)
    const { run } = await check(
      {
        'test.csv': reordered(files['test.csv']),
        'candidate.csv': reordered(files['candidate.csv']),
        'champion.csv': reordered(files['champion.csv'])
      },
      { 'min-net-benefit': '1000' }
    )
    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs.decision).toBe('promote')
  })

  it('fails a shuffled prediction file with one ::error:: naming both files, the lines, the values and id-column: id', async () => {
    const files = generatedFiles(400)
    const { run } = await check({
      ...files,
      'candidate.csv': reordered(files['candidate.csv'])
    })
    expect(run.status).toBe(1)
    expect(run.errors).toEqual([
      "::error::candidate.csv:2: rows are matched by position (input 'id-column' is not set), but column 'id' is 'tx2' here and 'tx0' on the test set's row in the same position (test.csv:2); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'"
    ])
    expect(run.outputs).toEqual({})
    expect(run.summary).toBe('')
  })

  it('checks a shared column that is not called id', async () => {
    const files = generatedFiles(400)
    const rename = (csv: string): string =>
      csv.replace(/^id,/, 'transaction_ref,')
    const { run } = await check({
      'test.csv': rename(files['test.csv']),
      'candidate.csv': rename(files['candidate.csv']),
      'champion.csv': rename(reordered(files['champion.csv']))
    })
    expect(run.status).toBe(1)
    expect(run.errors).toEqual([
      "::error::champion.csv:2: rows are matched by position (input 'id-column' is not set), but column 'transaction_ref' is 'tx2' here and 'tx0' on the test set's row in the same position (test.csv:2); the files list their rows in different orders. Set 'id-column: transaction_ref' to join the rows by 'transaction_ref'"
    ])
  })

  it.each([
    ['the last row of the second batch', 19_999],
    ['the first row of the second batch', 16_384]
  ])(
    'finds a disagreement only at %s, as the in-process pass does',
    async (_name, row) => {
      const files = generatedFiles(20_000)
      const lines = files['candidate.csv'].split('\n')
      lines[row + 1] = lines[row + 1].replace(`tx${row},`, `tx${row}b,`)
      const { run, dir, inputs } = await check({
        ...files,
        'candidate.csv': lines.join('\n')
      })
      const expected = `candidate.csv:${row + 2}: rows are matched by position (input 'id-column' is not set), but column 'id' is 'tx${row}b' here and 'tx${row}' on the test set's row in the same position (test.csv:${row + 2}); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'`
      expect(await inProcessError(dir, inputs)).toBe(expected)
      expect(run.status).toBe(1)
      expect(run.errors).toEqual([`::error::${expected}`])
    }
  )

  it('checks the ids of JSON records by position, and joins them with id-column: id', async () => {
    const files = generatedFiles(400)
    // pandas' to_json(orient="records") of the champion's file, rows shuffled.
    const rows = reordered(files['champion.csv']).trimEnd().split('\n').slice(1)
    const records = JSON.stringify(
      rows.map((line) => {
        const [id, prediction] = line.split(',')
        return { id, prediction: Number(prediction) }
      })
    )
    const json = { ...files, 'champion.json': records }
    const byPosition = await check(json, {
      'champion-predictions': 'champion.json'
    })
    const expected = await inProcessError(byPosition.dir, byPosition.inputs)
    expect(expected).toBe(
      "champion.json: item 1: rows are matched by position (input 'id-column' is not set), but column 'id' is 'tx2' here and 'tx0' on the test set's row in the same position (test.csv:2); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'"
    )
    expect(byPosition.run.errors).toEqual([`::error::${expected}`])

    const joined = await check(json, {
      'champion-predictions': 'champion.json',
      'id-column': 'id',
      'min-net-benefit': '1000'
    })
    const inOrder = await check(files, { 'min-net-benefit': '1000' })
    expect(joined.run.errors).toEqual([])
    expect(joined.run.outputs['champion-net-benefit']).toBe(
      inOrder.run.outputs['champion-net-benefit']
    )
    expect(joined.run.outputs['champion-f1']).toBe(
      inOrder.run.outputs['champion-f1']
    )
  })

  it('names a row left out in the middle of a later batch, not only the counts', async () => {
    const files = generatedFiles(20_000)
    const lines = files['champion.csv'].split('\n')
    lines.splice(18_001, 1)
    const { run, dir, inputs } = await check({
      ...files,
      'champion.csv': lines.join('\n')
    })
    // Row 18,000 (line 18,002) is gone: the next one takes its place.
    const expected = `champion.csv:18002: rows are matched by position (input 'id-column' is not set), but column 'id' is 'tx18001' here and 'tx18000' on the test set's row in the same position (test.csv:18002); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'`
    expect(await inProcessError(dir, inputs)).toBe(expected)
    expect(run.errors).toEqual([`::error::${expected}`])
  })
})
