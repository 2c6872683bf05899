import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { CsvReader } from '../../src/data/csv-reader.js'
import { JsonLinesReader } from '../../src/data/jsonl-reader.js'
import { MlflowPredictionsReader } from '../../src/data/mlflow-predictions-reader.js'
import { openRecordReader } from '../../src/data/open-reader.js'
import { fieldText, type RecordReader } from '../../src/data/record-reader.js'
import { writeFiles } from '../../__fixtures__/evaluation.js'

/** Every record's bound fields as text, with its position. */
function readAll(
  reader: RecordReader,
  fields: string[]
): [number, ...string[]][] {
  const slots = fields.map((f) => reader.bind(f, 'test'))
  const rows: [number, ...string[]][] = []
  while (reader.next())
    rows.push([reader.position, ...slots.map((s) => fieldText(reader, s))])
  reader.close()
  return rows
}

function file(name: string, content: string): string {
  return join(writeFiles({ [name]: content }), name)
}

/** Quotes a CSV field when it needs it. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

describe('csv-reader.ts', () => {
  it('reads quoted fields, doubled quotes, line breaks in quotes, CRLF and a BOM', () => {
    const path = file(
      't.csv',
      '\uFEFFid,note,score\r\n1,"a, b",0.5\r\n2,"say ""hi""",0.25\r\n3,"two\nlines",1\r\n4,plain,0\r\n'
    )
    expect(readAll(new CsvReader(path), ['id', 'note', 'score'])).toEqual([
      [2, '1', 'a, b', '0.5'],
      [3, '2', 'say "hi"', '0.25'],
      [4, '3', 'two\nlines', '1'],
      [6, '4', 'plain', '0']
    ])
  })

  it('reads a last line without a line break', () => {
    expect(
      readAll(new CsvReader(file('t.csv', 'a,b\n1,2\n3,4')), ['b'])
    ).toEqual([
      [2, '2'],
      [3, '4']
    ])
  })

  it('gives the same records and sha256 whatever the chunk size', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })),
          { minLength: 1, maxLength: 30 }
        ),
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        (rows, chunkSize, crlf) => {
          const eol = crlf ? '\r\n' : '\n'
          // A field of only blanks would make a blank line: keep rows non-blank with an id.
          const content = `id,x,y${eol}${rows.map(([x, y], k) => `${k},${csvField(x)},${csvField(y)}`).join(eol)}${eol}`
          const path = file('t.csv', content)
          const hash = createHash('sha256')
          const reader = new CsvReader(path, {
            chunkSize,
            onBytes: (chunk) => hash.update(chunk)
          })
          const read = readAll(reader, ['x', 'y']).map(([, x, y]) => [x, y])
          expect(read).toEqual(rows.map(([x, y]) => [x, y]))
          expect(hash.digest('hex')).toBe(
            createHash('sha256').update(content).digest('hex')
          )
        }
      ),
      { numRuns: 200 }
    )
  })

  it('reports a quoted field that is never closed', () => {
    expect(() =>
      readAll(new CsvReader(file('t.csv', 'a,b\n1,"open\n2,3\n')), ['a'])
    ).toThrow('a quoted field is never closed')
  })
})

describe('jsonl-reader.ts', () => {
  it('reads keys of each line, numbers and strings alike, and [p0, p1] pairs', () => {
    const path = file(
      'p.jsonl',
      '{"id": "a", "prediction": 0.25}\n{"id": 7, "prediction": [0.1, 0.9]}\n{"id": "c", "prediction": "fraud"}\n'
    )
    expect(readAll(new JsonLinesReader(path), ['id', 'prediction'])).toEqual([
      [1, 'a', '0.25'],
      [2, '7', '[0.1,0.9]'],
      [3, 'c', 'fraud']
    ])
  })

  it('names the line of invalid JSON and of a record without the key', () => {
    expect(() =>
      readAll(
        new JsonLinesReader(
          file('p.jsonl', '{"prediction": 1}\n{"prediction": \n')
        ),
        ['prediction']
      )
    ).toThrow(/p\.jsonl:2: not valid JSON/)
    expect(() =>
      readAll(
        new JsonLinesReader(
          file('p.jsonl', '{"prediction": 1}\n{"score": 1}\n')
        ),
        ['prediction']
      )
    ).toThrow(
      "p.jsonl:2: no key 'prediction' in this record; every line needs it"
    )
  })
})

describe('line-source.ts: the blank-line rule, shared by both line readers', () => {
  it('skips blank lines at the end but names one between records', () => {
    expect(
      readAll(new JsonLinesReader(file('p.jsonl', '{"prediction": 1}\n\n')), [
        'prediction'
      ])
    ).toEqual([[1, '1']])
    expect(() =>
      readAll(
        new JsonLinesReader(
          file('p.jsonl', '{"prediction": 1}\n \n{"prediction": 0}\n')
        ),
        ['prediction']
      )
    ).toThrow(
      'p.jsonl:2: blank line between records; remove it or fill in the record'
    )
    expect(() =>
      readAll(new CsvReader(file('t.csv', 'a,b\n1,2\n\n3,4\n')), ['a'])
    ).toThrow('t.csv:3: blank line between data rows')
  })
})

describe('mlflow-predictions-reader.ts', () => {
  const cases: [string, string, string[]][] = [
    [
      'numbers',
      '{"predictions": [0.1, 1e-3, 1, 0]}',
      ['0.1', '1e-3', '1', '0']
    ],
    [
      'probability pairs',
      '{"predictions": [[0.9, 0.1], [0.2, 0.8]]}',
      ['[0.9, 0.1]', '[0.2, 0.8]']
    ],
    ['labels', '{"predictions": ["fraud", "legit"]}', ['fraud', 'legit']],
    [
      'objects keyed by the prediction column',
      '{"predictions": [{"prediction": 0.3}, {"prediction": [0.4, 0.6]}]}',
      ['0.3', '[0.4,0.6]']
    ],
    ['a bare array, pretty-printed', '[\n  0.5,\n  0.25\n]\n', ['0.5', '0.25']],
    ['escaped strings', '{"predictions": ["a\\"b", "c,]d"]}', ['a"b', 'c,]d']]
  ]
  it.each(cases)('reads %s', (_name, content, expected) => {
    const reader = new MlflowPredictionsReader(file('p.json', content))
    expect(readAll(reader, ['prediction']).map(([, v]) => v)).toEqual(expected)
  })

  it('reads a long document in tiny chunks', () => {
    const values = Array.from({ length: 500 }, (_, k) => (k / 500).toString())
    const content = JSON.stringify({
      predictions: values.map((v, k) =>
        k % 3 === 0 ? [1 - Number(v), Number(v)] : Number(v)
      )
    })
    for (const chunkSize of [1, 3, 17, 4096]) {
      const reader = new MlflowPredictionsReader(file('p.json', content), {
        chunkSize
      })
      // A pair is handed on whole; its second entry is the value written.
      const second = (v: string): number =>
        v.startsWith('[') ? (JSON.parse(v) as number[])[1] : Number(v)
      expect(readAll(reader, ['prediction']).map(([, v]) => second(v))).toEqual(
        values.map(Number)
      )
    }
  })

  it('says what it expected of a document of another shape', () => {
    expect(
      () => new MlflowPredictionsReader(file('p.json', '{"outputs": [1]}'))
    ).toThrow(
      'expected {"predictions": [...]} as written by `mlflow models predict`'
    )
    expect(
      () =>
        new MlflowPredictionsReader(
          file('p.json', '{"predictions": {"0": [1]}}')
        )
    ).toThrow('"predictions" is an object; expected an array')
    expect(() =>
      readAll(
        new MlflowPredictionsReader(
          file('p.json', '{"predictions": [0.1, 0.2')
        ),
        ['prediction']
      )
    ).toThrow('the file ends inside')
  })
})

describe('open-reader.ts', () => {
  it('picks the reader by extension, and by content for other names', () => {
    expect(openRecordReader(file('a.csv', 'x\n1\n')).format).toBe('csv')
    expect(openRecordReader(file('a.ndjson', '{"x": 1}\n')).format).toBe(
      'jsonl'
    )
    expect(
      openRecordReader(file('a.json', '{"predictions": [1]}')).format
    ).toBe('mlflow-json')
    expect(openRecordReader(file('out', '{"predictions": [1]}')).format).toBe(
      'mlflow-json'
    )
    expect(openRecordReader(file('out', '{"x": 1}\n{"x": 2}\n')).format).toBe(
      'jsonl'
    )
    expect(openRecordReader(file('out', 'x,y\n1,2\n')).format).toBe('csv')
  })
})
