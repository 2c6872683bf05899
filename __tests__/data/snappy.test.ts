/**
 * `inflateSnappy` against snappy's own compressor (the C++ library, through
 * pyarrow in the project's venv): every case compressed there inflates to
 * the same bytes here, and damaged input is refused, never read as other
 * bytes.
 */

import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inflateSnappy } from '../../src/data/snappy.js'
import { writeFiles } from '../../__fixtures__/evaluation.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const PYTHON = join(ROOT, '.venv/bin/python')

// Shapes that reach every element kind: literals of each length encoding
// (1 to 4 length bytes), copies with 1-, 2- and 4-byte offsets, overlapping
// copies (runs), and mixtures like Parquet pages.
const CASES = `
import os, random, struct, sys, json, pyarrow as pa
random.seed(7)
def ints(n): return b''.join(struct.pack('<q', random.randrange(10**9)) for _ in range(n))
cases = {
  'empty': b'',
  'one byte': b'x',
  'short literal': b'hello, parquet',
  'random 70 kB (long literals)': os.urandom(70_000),
  'random 17 MB (4-byte literal length)': os.urandom(17_000_000),
  'a run of one byte (overlapping copies)': b'a' * 100_000,
  'a run of a 3-byte pattern': b'abc' * 50_000,
  'int64 page': ints(50_000),
  'repeated blocks 70 kB apart (4-byte offsets)': (os.urandom(70_000) * 3),
  'text with repeats': ('id,label,amount\\n' + ''.join(f'{i},{i % 2},{random.randrange(100)}.{random.randrange(100):02d}\\n' for i in range(40_000))).encode(),
}
out = sys.argv[1]
index = {}
for k, (name, raw) in enumerate(cases.items()):
  c = pa.compress(raw, codec='snappy', asbytes=True)
  open(f'{out}/{k}.raw', 'wb').write(raw)
  open(f'{out}/{k}.snappy', 'wb').write(c)
  index[name] = k
print(json.dumps(index))
`

describe('inflateSnappy', () => {
  let dir: string
  let index: Record<string, number>

  beforeAll(() => {
    if (!existsSync(PYTHON))
      throw new Error(
        'no .venv/bin/python (pyarrow); set it up with `bash .ci/python-venv.sh`'
      )
    dir = writeFiles({ 'cases.py': CASES })
    const run = spawnSync(PYTHON, [join(dir, 'cases.py'), dir], {
      encoding: 'utf8'
    })
    if (run.status !== 0) throw new Error(run.stderr)
    index = JSON.parse(run.stdout) as Record<string, number>
  }, 60_000)

  const read = (k: number, ext: string): Uint8Array =>
    new Uint8Array(readFileSync(join(dir, `${k}.${ext}`)))

  it('inflates what snappy compressed to the same bytes, for every shape', () => {
    expect(Object.keys(index)).toHaveLength(10)
    for (const [name, k] of Object.entries(index)) {
      const raw = read(k, 'raw')
      const output = new Uint8Array(raw.length)
      inflateSnappy(read(k, 'snappy'), output)
      expect({ name, same: Buffer.compare(output, raw) === 0 }).toEqual({
        name,
        same: true
      })
    }
  })

  it('refuses a page size other than the one snappy declares', () => {
    const k = index['text with repeats']
    const raw = read(k, 'raw')
    expect(() =>
      inflateSnappy(read(k, 'snappy'), new Uint8Array(raw.length + 1))
    ).toThrow(/snappy length \d+ differs from the page's \d+/)
  })

  it('refuses data cut short, and a copy from before the start', () => {
    const k = index['text with repeats']
    const raw = read(k, 'raw')
    const compressed = read(k, 'snappy')
    for (const cut of [1, 2, 100, compressed.length >> 1])
      expect(() =>
        inflateSnappy(
          compressed.subarray(0, compressed.length - cut),
          new Uint8Array(raw.length)
        )
      ).toThrow(/snappy/)
    // Length 4, then a copy (tag 0b01) of offset 1 with nothing written yet.
    expect(() =>
      inflateSnappy(Uint8Array.of(4, 0b000_000_01, 1), new Uint8Array(4))
    ).toThrow('snappy copy outside the page')
  })
})
