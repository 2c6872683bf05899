import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { CsvReader } from '../../src/data/csv-reader.js'
import { JsonLinesReader } from '../../src/data/jsonl-reader.js'
import { MlflowPredictionsReader } from '../../src/data/mlflow-predictions-reader.js'
import { openRecordReader } from '../../src/data/open-reader.js'
import { fieldText, type RecordReader } from '../../src/data/record-reader.js'
import { shown } from '../../src/data/shown-value.js'
import { DataError, UserError } from '../../src/errors.js'
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

function file(name: string, content: string | Uint8Array): string {
  const dir = writeFiles({})
  writeFileSync(join(dir, name), content)
  return join(dir, name)
}

/** The UserError message that `fn` throws (fails the test on any other outcome). */
function messageOf(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    return (error as Error).message
  }
  throw new Error('expected an error')
}

describe('csv-reader.ts: quotes as Python and pandas read them', () => {
  it('reads a quote inside an unquoted field as a character, not as the start of a quoted field', () => {
    const path = file(
      't.csv',
      'id,note,label,score\n1,5" a,1,0.4\n2,5" b,0,0.7\n3,x"y"z,1,0.1\n'
    )
    expect(readAll(new CsvReader(path), ['id', 'note', 'score'])).toEqual([
      [2, '1', '5" a', '0.4'],
      [3, '2', '5" b', '0.7'],
      [4, '3', 'x"y"z', '0.1']
    ])
  })

  it('keeps text after a closing quote as Python does ("ab"cd is abcd)', () => {
    const path = file('t.csv', 'a,b\n"ab"cd, "x"\n"say ""hi""",""\n')
    expect(readAll(new CsvReader(path), ['a', 'b'])).toEqual([
      [2, 'abcd', ' "x"'],
      [3, 'say "hi"', '']
    ])
  })

  it('ends a record at a lone CR and counts lines as an editor does', () => {
    const path = file('t.csv', 'a,b\r1,2\r3,"x\ry"\r4,5')
    expect(readAll(new CsvReader(path), ['a', 'b'])).toEqual([
      [2, '1', '2'],
      [3, '3', 'x\ry'],
      [5, '4', '5']
    ])
  })

  it('names the line an editor shows after quoted fields that span lines', () => {
    const path = file(
      't.csv',
      'a,b\n1,"two\nlines"\n2,"three\r\nlines\rhere"\n3\n'
    )
    // The bad row `3` is on line 7: 1 header, 2-3, 4-6, 7.
    expect(messageOf(() => readAll(new CsvReader(path), ['a']))).toBe(
      `${path}:7: this row has 1 field but the header has 2; check for a missing or extra comma (quote fields that contain commas)`
    )
  })

  it('names the line where a quoted field that never closes opens', () => {
    const path = file('t.csv', 'a,b\n1,2\n3,"open\n4,5\n')
    expect(messageOf(() => readAll(new CsvReader(path), ['a']))).toBe(
      `${path}:3: a quoted field is never closed; add the closing double quote`
    )
  })

  it('refuses a column named twice in the header when it is bound', () => {
    const path = file('t.csv', 'id,score,score\n1,0.5,0.6\n')
    expect(messageOf(() => new CsvReader(path).bind('score', 'x'))).toContain(
      "column 'score' (from input 'x') appears twice in the header (columns 2 and 3)"
    )
  })
})

describe('open-reader.ts: a file is named for what it is', () => {
  const parquet = Buffer.concat([
    Buffer.from('PAR1'),
    Buffer.from([0x15, 0x04, 0x15, 0x80, 0, 0x4c, 0x15, 0x02]),
    Buffer.from('schema\u0000id\u0000prediction')
  ])
  const cases: [string, Uint8Array, string][] = [
    ['Parquet', parquet, 'is a Parquet file'],
    ['gzip', gzipSync('id,prediction\na,0.5\n'), 'is gzip-compressed'],
    [
      'xlsx',
      Buffer.concat([
        Buffer.from('PK\u0003\u0004\u0014\u0000'),
        Buffer.from('xl/workbook.xml')
      ]),
      'is an Excel workbook (.xlsx)'
    ],
    [
      'zip',
      Buffer.concat([
        Buffer.from('PK\u0003\u0004\u0014\u0000'),
        Buffer.from('data.csv')
      ]),
      'is a zip archive'
    ],
    [
      'UTF-16',
      Buffer.from('\ufeffid,prediction\n', 'utf16le'),
      'is UTF-16 text'
    ],
    [
      'binary',
      Buffer.from([0x7b, 0x00, 0x01, 0x02, 0x41, 0x42]),
      'is a binary file'
    ]
  ]

  it.each(cases)(
    'says a %s file is one, under any name it is not read under, without printing its bytes',
    (label, bytes, expected) => {
      for (const [name, kind] of [
        ['p.csv', 'CSV'],
        ['p.jsonl', 'JSON Lines'],
        ['p.json', 'JSON'],
        ['p.dat', ''],
        ['p.csv.gz', 'gzip']
      ]) {
        // Read, not refused: Parquet and gzip under a name that does not
        // say otherwise (see formats.test.ts).
        if (label === 'Parquet' && name === 'p.dat') continue
        if (label === 'gzip' && (name === 'p.dat' || name === 'p.csv.gz'))
          continue
        const path = file(name, bytes)
        const message = messageOf(() => openRecordReader(path))
        expect(message).toContain(`${path}: ${expected}`)
        if (kind) expect(message).toContain(`, not ${kind} (its name ends in`)
        else expect(message).not.toContain(', not ')
        // No byte of the file (its control characters) reaches the message.
        expect([...message].some((c) => c.charCodeAt(0) < 32)).toBe(false)
        expect(message).not.toContain('schema')
        expect(message).not.toContain('the header has')
      }
    }
  )

  it('says what to rename a .json file that is JSON Lines or CSV to', () => {
    const jsonl = file(
      'p.json',
      '{"id": 1, "prediction": 0.5}\n{"id": 2, "prediction": 0.1}\n'
    )
    expect(messageOf(() => openRecordReader(jsonl))).toContain(
      'holds one JSON object per line (JSON Lines), but the .json extension selects the document that `mlflow models predict` writes'
    )
    expect(messageOf(() => openRecordReader(jsonl))).toContain(
      'rename it to .jsonl'
    )
    const csv = file('p.json', 'id,prediction\n1,0.5\n')
    expect(messageOf(() => openRecordReader(csv))).toContain(
      'rename it to .csv'
    )
  })

  it('skips a byte order mark whatever the read size', () => {
    for (const chunkSize of [1, 2, 3, 4, 1024]) {
      const csv = file('t.csv', '\ufeffid,p\n1,0.5\n')
      expect(new CsvReader(csv, { chunkSize }).header).toEqual(['id', 'p'])
      const doc = file('p.json', '\ufeff[0.5]')
      expect(
        readAll(new MlflowPredictionsReader(doc, { chunkSize }), ['prediction'])
      ).toEqual([[1, '0.5']])
      const lines = file('p.jsonl', '\ufeff{"p": 0.5}\n')
      expect(readAll(new JsonLinesReader(lines, { chunkSize }), ['p'])).toEqual(
        [[1, '0.5']]
      )
    }
  })

  it('accepts a byte order mark before JSON and JSON Lines', () => {
    const doc = file('p.json', '\ufeff{"predictions": [0.5, 0.25]}')
    expect(readAll(openRecordReader(doc), ['prediction'])).toEqual([
      [1, '0.5'],
      [2, '0.25']
    ])
    const lines = file('p.jsonl', '\ufeff{"p": 0.5}\n{"p": 0.25}\n')
    expect(readAll(new JsonLinesReader(lines), ['p'])).toEqual([
      [1, '0.5'],
      [2, '0.25']
    ])
  })
})

describe('chunked-file.ts: only regular files are read', () => {
  it('refuses a link to /proc/self/environ without printing the environment', () => {
    process.env.WP4_CANARY = 'canary-value-that-must-not-leak'
    const dir = writeFiles({})
    const link = join(dir, 'test.csv')
    symlinkSync('/proc/self/environ', link)
    for (const open of [
      () => openRecordReader(link),
      () => new CsvReader(link)
    ]) {
      const message = messageOf(open)
      expect(message).toContain('is not a regular file')
      expect(message).not.toContain('canary-value')
    }
  })

  it('refuses /proc, /sys and /dev files, a directory and a named pipe (without hanging)', () => {
    for (const path of ['/proc/self/status', '/dev/zero', '/dev/null'])
      expect(messageOf(() => openRecordReader(path))).toContain(
        'is not a regular file'
      )
    const dir = writeFiles({})
    mkdirSync(join(dir, 'folder.csv'))
    // A folder is read as the part files a Spark job writes (part-folder.ts).
    expect(
      messageOf(() => openRecordReader(join(dir, 'folder.csv')))
    ).toContain('is an empty folder')
    execFileSync('mkfifo', [join(dir, 'pipe.csv')])
    expect(messageOf(() => openRecordReader(join(dir, 'pipe.csv')))).toContain(
      'is a named pipe, not a regular file'
    )
  })

  it('reads a regular file through a symbolic link', () => {
    const target = file('real.csv', 'a\n1\n')
    const link = join(writeFiles({}), 'link.csv')
    symlinkSync(target, link)
    expect(readAll(openRecordReader(link), ['a'])).toEqual([[2, '1']])
  })

  it('refuses a record over the size limit, naming its line, for every reader', () => {
    const big = 'x'.repeat(5000)
    const options = { chunkSize: 256, maxRecordBytes: 4096 }
    const csv = file('t.csv', `a,b\n1,2\n3,${big}\n`)
    expect(
      messageOf(() => readAll(new CsvReader(csv, options), ['a']))
    ).toMatch(
      new RegExp(
        `^${csv}:3: a single record \\(line or item\\) is longer than 4096 bytes`
      )
    )
    const quoted = file('t.csv', `a,b\n1,"${big}"\n`)
    expect(
      messageOf(() => readAll(new CsvReader(quoted, options), ['a']))
    ).toContain(`${quoted}:2: a single record`)
    const lines = file('p.jsonl', `{"p": 1}\n{"p": "${big}"}\n`)
    expect(
      messageOf(() => readAll(new JsonLinesReader(lines, options), ['p']))
    ).toContain(`${lines}:2: a single record`)
  })
})

describe('shown-value.ts: what a file puts into a message is capped and visible', () => {
  it('caps a huge header name and escapes invisible characters in the header list', () => {
    const path = file(
      't.csv',
      `${'h'.repeat(1_000_000)},amount\u200b,lab\tel\n1,2,3\n`
    )
    const message = messageOf(() =>
      new CsvReader(path).bind('amount', 'cost-false-negative')
    )
    expect(message.length).toBeLessThan(400)
    expect(message).toContain("'amount\\u200b'")
    expect(message).toContain("'lab\\tel'")
    expect(message).toContain('(1000000 characters)')
  })

  it('caps a huge field echoed in an error (a third label value)', async () => {
    const { evaluateInputs } = await import('../../__fixtures__/evaluation.js')
    const big = `z${'9'.repeat(3_000_000)}`
    const dir = writeFiles({
      'test.csv': `id,label\na,1\nb,0\nc,${big}\n`,
      'candidate.csv': 'id,prediction\na,0.5\nb,0.5\nc,0.5\n'
    })
    let message = ''
    try {
      await evaluateInputs(dir, {
        'test-set': 'test.csv',
        'candidate-predictions': 'candidate.csv'
      })
    } catch (error) {
      expect(error).toBeInstanceOf(DataError)
      message = (error as Error).message
    }
    expect(message).toContain('a third value')
    expect(message.length).toBeLessThan(600)
  })

  it('caps ids echoed in join errors (missing, unknown, duplicate)', async () => {
    const { evaluateInputs } = await import('../../__fixtures__/evaluation.js')
    const big = `i\u0007${'d'.repeat(2_000_000)}`
    const cases: Record<string, string>[] = [
      {
        'test.csv': `id,label\na,1\n${big},0\n`,
        'candidate.csv': 'id,prediction\na,0.5\n'
      },
      {
        'test.csv': 'id,label\na,1\nb,0\n',
        'candidate.csv': `id,prediction\na,0.5\n${big},0.5\n`
      },
      {
        'test.csv': `id,label\na,1\n${big},0\n${big},0\n`,
        'candidate.csv': 'id,prediction\na,0.5\n'
      }
    ]
    for (const files of cases) {
      let message = ''
      try {
        await evaluateInputs(writeFiles(files), {
          'test-set': 'test.csv',
          'candidate-predictions': 'candidate.csv',
          'id-column': 'id'
        })
      } catch (error) {
        expect(error).toBeInstanceOf(DataError)
        message = (error as Error).message
      }
      expect(message).toContain("id 'i\\u0007ddd")
      expect(message.length).toBeLessThan(600)
    }
  })

  it('caps and escapes keys and parser messages from JSON files', () => {
    const keys = Object.fromEntries(
      Array.from({ length: 30 }, (_, k) => [`k${k}\u0007${'y'.repeat(200)}`, k])
    )
    const doc = file('p.json', JSON.stringify({ predictions: [keys] }))
    const message = messageOf(() =>
      readAll(openRecordReader(doc), ['prediction'])
    )
    expect(message).toContain("it has 'k0\\u0007yyy")
    expect(message).toContain('(10 more)')
    expect(message.length).toBeLessThan(2600)
    const lines = file(
      'p.jsonl',
      `{"p": 1}\n{"p": \u0007${'z'.repeat(5000)}}\n`
    )
    const bad = messageOf(() => readAll(new JsonLinesReader(lines), ['p']))
    expect(bad).toContain('not valid JSON')
    expect([...bad].some((c) => c.charCodeAt(0) < 32)).toBe(false)
    expect(bad.length).toBeLessThan(300)
  })

  it('shows a short value whole, and a long one cut on a code point', () => {
    expect(shown('fraud')).toBe("'fraud'")
    expect(shown('a\u0000b\r\n\u200b')).toBe("'a\\u0000b\\r\\n\\u200b'")
    const emoji = '😀'.repeat(100)
    const cut = shown(emoji)
    expect(cut).toMatch(/…' \(200 characters\)$/)
    expect(cut).not.toMatch(/[\ud800-\udbff]…/)
  })
})
