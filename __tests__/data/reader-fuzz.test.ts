/**
 * Property-based fuzzing of every reader (CSV, JSON Lines, the mlflow JSON
 * document, and a name that is sniffed): random bytes, and random mixtures
 * of the bytes that steer a parser (quotes, commas, line breaks, CRLF, a
 * lone CR, a byte order mark, brackets, NUL, invalid UTF-8), read in random
 * chunk sizes. A reader either reads the file or throws a UserError (one
 * clear message); any other throw fails, and so does a hang (the same
 * reads run in a child process under a time limit), and reading in other
 * chunk sizes must give the same records or the same error.
 */

import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readAny } from '../support/reader-fuzz/read-any.js'

const dir = mkdtempSync(join(tmpdir(), 'champion-gate-fuzz-'))
const NAMES = ['f.csv', 'f.jsonl', 'f.json', 'f.txt']
let serial = 0

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, `${serial++}-${name}`)
  writeFileSync(path, bytes)
  return path
}

/** The pieces that steer a CSV or JSON parser, plus some data. */
const PIECES = [
  '"',
  '""',
  ',',
  '\n',
  '\r',
  '\r\n',
  '\ufeff',
  '{',
  '}',
  '[',
  ']',
  ':',
  '"p"',
  '"predictions"',
  '"prediction"',
  'p',
  'id',
  '0.5',
  '-0',
  '1e308',
  'NaN',
  '\\',
  ' ',
  '\t',
  '\u00a0',
  'é',
  '\u0000',
  'null',
  'true',
  '0,1',
  'a,b\n',
  'x'
]

const structured: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PIECES).map((p) => Buffer.from(p)),
      fc.uint8Array({ minLength: 1, maxLength: 3 })
    ),
    { maxLength: 80 }
  )
  .map((parts) => Buffer.concat(parts))

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  structured,
  // Starts the way each format does, then anything.
  fc
    .tuple(
      fc.constantFrom(
        'p,id\n',
        '{"p": 1, "id": 2}\n',
        '{"predictions": [',
        '['
      ),
      structured
    )
    .map(([head, rest]) => Buffer.concat([Buffer.from(head), rest]))
)

describe('readers under fuzzing', () => {
  it('read random files or throw one UserError, the same whatever the chunk size', () => {
    fc.assert(
      fc.property(
        bytes,
        fc.constantFrom(...NAMES),
        fc.integer({ min: 1, max: 64 }),
        (content, name, chunkSize) => {
          const path = write(name, content)
          const whole = readAny(path)
          const chunked = readAny(path, { chunkSize })
          expect(chunked).toEqual(whole)
        }
      ),
      { numRuns: 1500, seed: 7 }
    )
  })

  it('refuse a record over the size limit with a UserError naming it, in every reader, whatever the chunk size', () => {
    const shapes: [string, (long: string) => string][] = [
      ['f.csv', (long) => `p,id\n0.5,1\n"${long.replace(/"/g, '""')}",2\n`],
      ['f.csv', (long) => `p,id\n0.5,${long.replace(/[",\r\n]/g, '')}\n`],
      ['f.jsonl', (long) => `{"p": 1}\n{"p": ${JSON.stringify(long)}}\n`],
      ['f.json', (long) => `{"predictions": [0.5, ${JSON.stringify(long)}]}`],
      ['f.txt', (long) => `p,id\n${long.replace(/[",\r\n]/g, '')}\n`]
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...shapes),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 64, max: 200 }),
        fc.string({ minLength: 250, maxLength: 400 }),
        ([name, shape], chunkSize, maxRecordBytes, long) => {
          fc.pre(long.replace(/[",\r\n]/g, '').length > 210)
          const path = write(name, shape(long))
          const result = readAny(path, { chunkSize, maxRecordBytes })
          expect(result).toEqual({
            error: expect.stringContaining(
              `a single record (line or item) is longer than ${maxRecordBytes} bytes`
            )
          })
          expect((result as { error: string }).error.length).toBeLessThan(400)
        }
      ),
      { numRuns: 300, seed: 11 }
    )
  })

  it('read lines of several MB: a quoted CSV field, a JSON Lines record, an mlflow item', () => {
    const big = `${'a,"b"\n'.repeat(600_000)}end`
    const text = big.replace(/"/g, '""')
    const csv = write('big.csv', `id,note,p\n1,"${text}",0.5\n2,x,0.25\n`)
    expect(readAny(csv, { chunkSize: 65536 })).toEqual({
      records: [
        ['2', '1', big, '0.5'],
        ['600003', '2', 'x', '0.25']
      ]
    })
    const jsonl = write(
      'big.jsonl',
      `{"id": 1, "p": 0.5, "note": ${JSON.stringify(big)}}\n{"id": 2, "p": 0.25}\n`
    )
    expect(readAny(jsonl, { chunkSize: 65536 })).toEqual({
      records: [
        ['1', '0.5', '1'],
        ['2', '0.25', '2']
      ]
    })
    const doc = write(
      'big.json',
      `{"predictions": [0.5, ${JSON.stringify(big)}, 0.25]}`
    )
    expect(readAny(doc, { chunkSize: 65536 })).toEqual({
      records: [
        ['1', '0.5'],
        ['2', big],
        ['3', '0.25']
      ]
    })
  })

  it('never hangs: the same reads finish in a child process within a time limit', () => {
    const runner = resolve('__tests__/support/reader-fuzz/no-hang.ts')
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', runner, dir],
      { encoding: 'utf8', timeout: 120_000 }
    )
    expect({ signal: result.signal, stderr: result.stderr }).toEqual({
      signal: null,
      stderr: ''
    })
    expect(result.stdout.trim()).toMatch(/^read \d+ files$/)
  })
})
