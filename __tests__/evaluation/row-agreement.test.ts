import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { join } from 'node:path'
import { hashValue } from '../../src/evaluation/row-agreement.js'
import { DataError } from '../../src/errors.js'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'
import { COSTS, generatedFiles } from '../../__fixtures__/reports.js'
import type { RawInputs } from '../../src/inputs.js'

const TEST = 'id,amount,label\na,10.00,1\nb,20.50,0\nc,5.25,0\nd,99.99,1\n'
const CANDIDATE = 'id,prediction\na,0.9\nb,0.1\nc,0.7\nd,0.4\n'
const CHAMPION = 'id,prediction\na,0.8\nb,0.6\nc,0.2\nd,0.3\n'

const inputs = {
  'test-set': 'test.csv',
  'candidate-predictions': 'candidate.csv',
  'champion-predictions': 'champion.csv',
  ...COSTS
} as RawInputs

/** The message of the DataError the evaluation throws, with the temp dir removed. */
async function errorOf(
  files: Record<string, string>,
  raw: RawInputs = {}
): Promise<string> {
  const dir = writeFiles(files)
  try {
    await evaluateInputs(dir, { ...inputs, ...raw })
  } catch (error) {
    expect(error).toBeInstanceOf(DataError)
    return (error as Error).message.split(join(dir, '/')).join('')
  }
  throw new Error('expected an error, but the evaluation succeeded')
}

/** A CSV's data lines in a fixed shuffled order (the header stays first). */
function shuffled(csv: string, seed = 7): string {
  const [header, ...rows] = csv.trimEnd().split('\n')
  let state = seed
  for (let i = rows.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    const j = state % (i + 1)
    ;[rows[i], rows[j]] = [rows[j], rows[i]]
  }
  return `${[header, ...rows].join('\n')}\n`
}

/** Metrics of both models, the figures the verdict is made of. */
async function metricsOf(
  files: Record<string, string>,
  raw: RawInputs = {}
): Promise<unknown> {
  const report = await evaluateInputs(writeFiles(files), { ...inputs, ...raw })
  return {
    candidate: report.candidate.metrics,
    champion: report.champion?.metrics,
    matchedBy: [report.candidate.matched_by, report.champion?.matched_by]
  }
}

describe('row-agreement.ts: rows matched by position (in process)', () => {
  it('accepts files shuffled the same way (the test set too)', async () => {
    const files = generatedFiles(400)
    // The same permutation on files of the same length, rows kept aligned.
    const same = {
      'test.csv': shuffled(files['test.csv']),
      'candidate.csv': shuffled(files['candidate.csv']),
      'champion.csv': shuffled(files['champion.csv'])
    }
    expect(await metricsOf(same)).toEqual(await metricsOf(files))
  })

  it('stops at the first row whose id differs, naming both files, lines and values and the fix', async () => {
    expect(
      await errorOf({
        'test.csv': TEST,
        'candidate.csv': 'id,prediction\nb,0.1\na,0.9\nd,0.4\nc,0.7\n',
        'champion.csv': CHAMPION
      })
    ).toBe(
      "candidate.csv:2: rows are matched by position (input 'id-column' is not set), but column 'id' is 'b' here and 'a' on the test set's row in the same position (test.csv:2); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'"
    )
    // The champion's file is checked as well, at its own first disagreement.
    expect(
      await errorOf({
        'test.csv': TEST,
        'candidate.csv': CANDIDATE,
        'champion.csv': 'id,prediction\na,0.8\nb,0.6\nd,0.3\nc,0.2\n'
      })
    ).toBe(
      "champion.csv:4: rows are matched by position (input 'id-column' is not set), but column 'id' is 'd' here and 'c' on the test set's row in the same position (test.csv:4); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'"
    )
  })

  it('gives the right figures once the fix it names is applied', async () => {
    const files = generatedFiles(400)
    const shuffledFiles = {
      ...files,
      'candidate.csv': shuffled(files['candidate.csv'], 3),
      'champion.csv': shuffled(files['champion.csv'], 5)
    }
    expect(await errorOf(shuffledFiles)).toContain("Set 'id-column: id'")
    const joined = (await metricsOf(shuffledFiles, { 'id-column': 'id' })) as {
      candidate: unknown
      champion: unknown
    }
    const inOrder = (await metricsOf(files)) as typeof joined
    expect(joined.candidate).toEqual(inOrder.candidate)
    expect(joined.champion).toEqual(inOrder.champion)
  })

  it('checks a shared column that is not called id', async () => {
    expect(
      await errorOf({
        'test.csv':
          'transaction_ref,amount,label\nT1,10.00,1\nT2,20.50,0\nT3,5.25,0\n',
        'candidate.csv': 'transaction_ref,prediction\nT1,0.9\nT3,0.7\nT2,0.1\n',
        'champion.csv': 'prediction\n0.8\n0.6\n0.2\n'
      })
    ).toBe(
      "candidate.csv:3: rows are matched by position (input 'id-column' is not set), but column 'transaction_ref' is 'T3' here and 'T2' on the test set's row in the same position (test.csv:3); the files list their rows in different orders. Set 'id-column: transaction_ref' to join the rows by 'transaction_ref'"
    )
  })

  it('checks only the id when there is one: another shared column may hold something else', async () => {
    // `label` here is the model's predicted label, not the test set's; the
    // ids prove the rows line up.
    const files = {
      'test.csv': TEST,
      'candidate.csv': CANDIDATE,
      'champion.csv': CHAMPION
    }
    const withLabel = {
      ...files,
      'candidate.csv':
        'id,label,prediction\na,1,0.9\nb,0,0.1\nc,1,0.7\nd,0,0.4\n'
    }
    expect(await metricsOf(withLabel)).toEqual(await metricsOf(files))
    // ... and an unnamed index column (pandas' to_csv(index=True)) is no id.
    const withIndex = {
      'test.csv':
        ',id,amount,label\n0,a,10.00,1\n1,b,20.50,0\n2,c,5.25,0\n3,d,99.99,1\n',
      'candidate.csv': ',id,prediction\n3,a,0.9\n2,b,0.1\n1,c,0.7\n0,d,0.4\n',
      'champion.csv': CHAMPION
    }
    expect(await metricsOf(withIndex)).toEqual(await metricsOf(files))
  })

  it('checks every shared column when none is id-like, and says to rename one that is not the same thing', async () => {
    expect(
      await errorOf({
        'test.csv': 'amount,label\n10.00,1\n20.50,0\n5.25,0\n',
        'candidate.csv': 'label,prediction\n1,0.9\n1,0.1\n0,0.7\n',
        'champion.csv': 'prediction\n0.8\n0.6\n0.2\n'
      })
    ).toBe(
      "candidate.csv:3: rows are matched by position (input 'id-column' is not set), but column 'label' is '1' here and '0' on the test set's row in the same position (test.csv:3); the files list their rows in different orders, or hold different things under that name. Set 'id-column: label' if it identifies the rows; if 'label' in candidate.csv is not the test set's 'label', rename it there"
    )
  })

  it('compares values as text and says so when they are the same number written differently', async () => {
    expect(
      await errorOf({
        'test.csv': 'id,amount,label\n7,10.00,1\n8,20.50,0\n',
        'candidate.csv': 'id,prediction\n7.0,0.9\n8.0,0.1\n',
        'champion.csv': 'prediction\n0.8\n0.6\n'
      })
    ).toBe(
      "candidate.csv:2: rows are matched by position (input 'id-column' is not set), but column 'id' is '7.0' here and '7' on the test set's row in the same position (test.csv:2); the two are the same number written differently, and values are compared as text: write 'id' the same way in both files"
    )
  })

  it('compares quoted CSV values after unquoting them, and shows invisible characters escaped', async () => {
    const files = {
      'test.csv': 'id,amount,label\n"a,1",10.00,1\nb,20.50,0\n',
      'candidate.csv': 'id,prediction\n"a,1",0.9\nb,0.1\n',
      'champion.csv': 'id,prediction\na\u00a0,0.9\nb,0.1\n'
    }
    expect(await errorOf(files)).toBe(
      "champion.csv:2: rows are matched by position (input 'id-column' is not set), but column 'id' is 'a\\u00a0' here and 'a,1' on the test set's row in the same position (test.csv:2); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'"
    )
    await expect(
      metricsOf({ ...files, 'champion.csv': files['candidate.csv'] })
    ).resolves.toBeDefined()
  })

  it('keeps working when the prediction file shares no column with the test set', async () => {
    const report = (await metricsOf({
      'test.csv': TEST,
      'candidate.csv': 'prediction\n0.1\n0.9\n0.4\n0.7\n',
      'champion.csv': 'score,prediction\n1,0.8\n2,0.6\n3,0.2\n4,0.3\n'
    })) as { matchedBy: string[] }
    expect(report.matchedBy).toEqual(['position', 'position'])
  })

  it('names a row left out in the middle rather than only the counts', async () => {
    expect(
      await errorOf({
        'test.csv': TEST,
        'candidate.csv': 'id,prediction\na,0.9\nc,0.7\nd,0.4\n',
        'champion.csv': CHAMPION
      })
    ).toBe(
      "candidate.csv:3: rows are matched by position (input 'id-column' is not set), but column 'id' is 'c' here and 'b' on the test set's row in the same position (test.csv:3); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'"
    )
  })

  it.each([
    ['the last row of the second batch', 19_999],
    ['the first row of the second batch', 16_384],
    ['the last row of the first batch', 16_383]
  ])('finds a disagreement at %s (16,384 rows a batch)', async (_name, row) => {
    const files = generatedFiles(20_000)
    const lines = files['champion.csv'].split('\n')
    // Row r is on line r + 2 (after the header); its id becomes another.
    lines[row + 1] = lines[row + 1].replace(`tx${row},`, `tx${row}b,`)
    expect(await errorOf({ ...files, 'champion.csv': lines.join('\n') })).toBe(
      `champion.csv:${row + 2}: rows are matched by position (input 'id-column' is not set), but column 'id' is 'tx${row}b' here and 'tx${row}' on the test set's row in the same position (test.csv:${row + 2}); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'`
    )
  })

  it('checks JSON Lines predictions too, naming their line', async () => {
    expect(
      await errorOf(
        {
          'test.csv': TEST,
          'candidate.jsonl':
            '{"id": "a", "prediction": 0.9}\n{"id": "c", "prediction": 0.7}\n{"id": "b", "prediction": 0.1}\n{"id": "d", "prediction": 0.4}\n',
          'champion.csv': CHAMPION
        },
        { 'candidate-predictions': 'candidate.jsonl' }
      )
    ).toBe(
      "candidate.jsonl:2: rows are matched by position (input 'id-column' is not set), but column 'id' is 'c' here and 'b' on the test set's row in the same position (test.csv:3); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'"
    )
  })
})

describe('mlflow-predictions-reader.ts: records that carry ids', () => {
  const records = (rows: [string | number, number][]): string =>
    JSON.stringify(rows.map(([id, prediction]) => ({ id, prediction })))

  it('joins a list of records by id, as pandas to_json(orient="records") writes it', async () => {
    const inOrder = await metricsOf({
      'test.csv': TEST,
      'candidate.csv': CANDIDATE,
      'champion.csv': CHAMPION
    })
    const json = await metricsOf(
      {
        'test.csv': TEST,
        'candidate.json': records([
          ['d', 0.4],
          ['b', 0.1],
          ['a', 0.9],
          ['c', 0.7]
        ]),
        'champion.json': `{"predictions": ${records([
          ['c', 0.2],
          ['a', 0.8],
          ['d', 0.3],
          ['b', 0.6]
        ])}}`
      },
      {
        'id-column': 'id',
        'candidate-predictions': 'candidate.json',
        'champion-predictions': 'champion.json'
      }
    )
    expect(json).toEqual({
      ...(inOrder as object),
      matchedBy: ['id', 'id']
    })
  })

  it('matches a JSON number id to the same text in the CSV test set', async () => {
    const test = 'id,amount,label\n7,10.00,1\n8,20.50,0\n10,5.25,0\n'
    const report = await evaluateInputs(
      writeFiles({
        'test.csv': test,
        'candidate.json': records([
          [10, 0.9],
          [7, 0.8],
          [8, 0.1]
        ])
      }),
      {
        ...inputs,
        'champion-predictions': undefined,
        'candidate-predictions': 'candidate.json',
        'id-column': 'id'
      } as RawInputs
    )
    expect(report.candidate.matched_by).toBe('id')
    expect(report.candidate.metrics).toMatchObject({
      tp: 1,
      fp: 1,
      fn: 0,
      tn: 1
    })
  })

  it('names an id of a record that is not in the test set, with its item', async () => {
    expect(
      await errorOf(
        {
          'test.csv': TEST,
          'candidate.json': records([
            ['a', 0.9],
            ['z', 0.1]
          ]),
          'champion.csv': CHAMPION
        },
        { 'id-column': 'id', 'candidate-predictions': 'candidate.json' }
      )
    ).toBe(
      "candidate.json: item 2: id 'z' (key 'id') is not in the test set; every prediction must be for a test-set row"
    )
  })

  it('checks the ids of records matched by position, naming the item', async () => {
    expect(
      await errorOf(
        {
          'test.csv': TEST,
          'candidate.json': records([
            ['a', 0.9],
            ['c', 0.7],
            ['b', 0.1],
            ['d', 0.4]
          ]),
          'champion.csv': CHAMPION
        },
        { 'candidate-predictions': 'candidate.json' }
      )
    ).toBe(
      "candidate.json: item 2: rows are matched by position (input 'id-column' is not set), but column 'id' is 'c' here and 'b' on the test set's row in the same position (test.csv:3); the files list their rows in different orders. Set 'id-column: id' to join the rows by 'id'"
    )
  })

  it('matches a document without ids by position, with a note, when id-column is set', async () => {
    const report = await evaluateInputs(
      writeFiles({
        'test.csv': TEST,
        'candidate.json': '{"predictions": [0.9, 0.1, 0.7, 0.4]}',
        'champion.csv': CHAMPION
      }),
      {
        ...inputs,
        'candidate-predictions': 'candidate.json',
        'id-column': 'id'
      }
    )
    expect(report.candidate.matched_by).toBe('position')
    expect(report.champion?.matched_by).toBe('id')
    expect(report.notes).toContain(
      `The candidate's predictions (${report.candidate.predictions}) carry no ids, so they were matched to the test set by position.`
    )
  })

  it('says that a record without the id is missing it, when the first has one', async () => {
    expect(
      await errorOf(
        {
          'test.csv': TEST,
          'candidate.json':
            '[{"id": "a", "prediction": 0.9}, {"prediction": 0.1}]',
          'champion.csv': CHAMPION
        },
        { 'id-column': 'id', 'candidate-predictions': 'candidate.json' }
      )
    ).toBe(
      "candidate.json: item 2: this object has no key 'id' (input 'id-column'); it has 'prediction'"
    )
  })
})

describe('mlflow-predictions-reader.ts: errors a user can act on', () => {
  it('says that a .json file of JSON Lines needs the .jsonl extension', async () => {
    expect(
      await errorOf(
        {
          'test.csv': TEST,
          'candidate.json':
            '{"id": "a", "prediction": 0.9}\n{"id": "b", "prediction": 0.1}\n',
          'champion.csv': CHAMPION
        },
        { 'candidate-predictions': 'candidate.json' }
      )
    ).toBe(
      'candidate.json: holds one JSON object per line (JSON Lines), but the .json extension selects the document that `mlflow models predict` writes ({"predictions": [...]}) or a list of records; rename it to .jsonl'
    )
  })

  it('says that a .json file of CSV needs the .csv extension', async () => {
    expect(
      await errorOf(
        {
          'test.csv': TEST,
          'candidate.json': CANDIDATE,
          'champion.csv': CHAMPION
        },
        { 'candidate-predictions': 'candidate.json' }
      )
    ).toBe(
      'candidate.json: does not start with { or [, so it is not JSON (it looks like CSV); the .json extension selects the document that `mlflow models predict` writes ({"predictions": [...]}) or a list of records: if the file is CSV, rename it to .csv'
    )
  })

  it('accepts a UTF-8 byte order mark before the JSON', async () => {
    const report = await evaluateInputs(
      writeFiles({
        'test.csv': TEST,
        'candidate.json': '\uFEFF{"predictions": [0.9, 0.1, 0.7, 0.4]}',
        'champion.json':
          '\uFEFF[{"id": "a", "prediction": 0.8}, {"id": "b", "prediction": 0.6}, {"id": "c", "prediction": 0.2}, {"id": "d", "prediction": 0.3}]'
      }),
      {
        ...inputs,
        'candidate-predictions': 'candidate.json',
        'champion-predictions': 'champion.json'
      }
    )
    expect(report.candidate.metrics).toMatchObject({
      tp: 1,
      fp: 1,
      fn: 1,
      tn: 1
    })
    expect(report.champion?.metrics).toMatchObject({ tp: 1, fp: 1 })
    // JSON Lines too.
    const jsonl = await evaluateInputs(
      writeFiles({
        'test.csv': TEST,
        'candidate.jsonl':
          '\uFEFF{"id": "a", "prediction": 0.9}\n{"id": "b", "prediction": 0.1}\n{"id": "c", "prediction": 0.7}\n{"id": "d", "prediction": 0.4}\n'
      }),
      {
        ...inputs,
        'champion-predictions': undefined,
        'candidate-predictions': 'candidate.jsonl'
      } as RawInputs
    )
    expect(jsonl.candidate.metrics).toEqual(report.candidate.metrics)
  })
})

describe('json-value.ts: ids that JSON numbers cannot carry', () => {
  it('refuses an integer id beyond 2^53 rather than joining it to another row', async () => {
    // JSON.parse reads 9007199254740993 as 9007199254740992: the test set's
    // only id, which this prediction is not for.
    expect(
      await errorOf(
        {
          'test.csv': 'id,amount,label\n9007199254740992,10.00,1\n',
          'candidate.jsonl': '{"id": 9007199254740993, "prediction": 0.9}\n',
          'champion.csv': 'id,prediction\n9007199254740992,0.8\n'
        },
        { 'id-column': 'id', 'candidate-predictions': 'candidate.jsonl' }
      )
    ).toBe(
      'candidate.jsonl:1: key \'id\' holds an integer beyond 2^53 (read as 9007199254740992), which JSON numbers cannot carry exactly; write it as a string ("...")'
    )
  })
})

describe('row-agreement.ts: the row hash', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
  const hash = (text: string, seed: number): number => {
    const b = bytes(text)
    return hashValue(b, 0, b.length, seed)
  }

  it('never gives one hash to two values of the same length that differ in one byte', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.nat({ max: 0x7fffffff }),
        (value, at, delta, seed) => {
          const other = value.slice()
          const i = at % value.length
          other[i] = (other[i] + delta) & 0xff
          return (
            hashValue(value, 0, value.length, seed) !==
            hashValue(other, 0, other.length, seed)
          )
        }
      )
    )
  })

  it('tells apart ids that differ in length, order or a trailing part', () => {
    const seed = 12345
    const ids = ['tx1', 'tx10', 'tx01', 'xt1', 'tx1 ', '', '1tx', 'tx-0000001']
    expect(new Set(ids.map((id) => hash(id, seed))).size).toBe(ids.length)
    // Hashes depend on the whole range given, and only on it.
    const b = bytes('a,tx7,b')
    expect(hashValue(b, 2, 5, seed)).toBe(hash('tx7', seed))
  })
})

describe('row-agreement.ts: records without the id, when id-column is set', () => {
  it('checks their other shared columns by position and says to add the id', async () => {
    expect(
      await errorOf(
        {
          'test.csv': TEST,
          'candidate.json': JSON.stringify([
            { amount: 10.0, prediction: 0.9 },
            { amount: 5.25, prediction: 0.7 },
            { amount: 20.5, prediction: 0.1 },
            { amount: 99.99, prediction: 0.4 }
          ]),
          'champion.csv': CHAMPION
        },
        { 'id-column': 'id', 'candidate-predictions': 'candidate.json' }
      )
    ).toBe(
      "candidate.json: item 1: this file's rows are matched by position (its records have no key 'id', from input 'id-column'), but column 'amount' is '10' here and '10.00' on the test set's row in the same position (test.csv:2); the two are the same number written differently, and values are compared as text: write 'amount' the same way in both files"
    )
  })
})
