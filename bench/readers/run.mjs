/**
 * `npm run bench:readers`: champion-gate's hand-written readers against the
 * maintained way to read the same file, in the same run, on the same data:
 *
 * - the CSV reader (`src/data/csv-reader.ts`) against csv-parse, streaming
 *   (records as arrays) and synchronous (the whole file, records as
 *   objects), on the benchmark's test set and on a copy whose ids are
 *   quoted (the reader's slower path);
 * - the `mlflow models predict` JSON reader
 *   (`src/data/mlflow-predictions-reader.ts`) against `JSON.parse` of the
 *   whole file, on bare numbers (`{"predictions": [0.12, ...]}`) and on
 *   pandas' records (`[{"id": ..., "prediction": ...}, ...]`).
 *
 * Each read runs in a process of its own (`read.ts`, through tsx), one
 * warm-up then `--repeat` times, median kept; every reader of a file must
 * give the same rows, sum and positives, or the run exits 1. Options:
 * --rows N (default 200,000), --repeat N (3), --seed N.
 */

import { execFileSync } from 'node:child_process'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureData } from '../generate.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = join(HERE, '..', '..')
const READ = join(HERE, 'read.ts')

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '200000' },
    repeat: { type: 'string', default: '3' },
    seed: { type: 'string', default: '20240601' }
  }
})
const rows = Number(values.rows)
const repeat = Number(values.repeat)
const seed = Number(values.seed)
for (const [name, n] of Object.entries({ rows, repeat, seed }))
  if (!Number.isInteger(n) || n < (name === 'seed' ? 0 : 1))
    throw new Error(`--${name} must be a positive whole number`)

/** Writes `path` line by line from the lines of `from`, unless it is newer. */
async function derive(from, path, write) {
  if (existsSync(path) && statSync(path).mtimeMs >= statSync(from).mtimeMs)
    return
  const out = await open(path + '.tmp', 'w')
  const lines = createInterface({ input: createReadStream(from) })
  let pending = ''
  const emit = async (text) => {
    pending += text
    if (pending.length > 1 << 20) {
      await out.write(pending)
      pending = ''
    }
  }
  await write(lines, emit)
  await out.write(pending)
  await out.close()
  execFileSync('mv', [path + '.tmp', path])
}

const dir = join(ROOT, 'bench', '.data', `rows-${rows}`)
const { files } = await ensureData(dir, rows, seed, (m) => console.log(m))
const quoted = join(dir, 'test-quoted-ids.csv')
await derive(files.test, quoted, async (lines, emit) => {
  let header = true
  for await (const line of lines) {
    if (header) await emit(line + '\n')
    else {
      const comma = line.indexOf(',')
      await emit(`"${line.slice(0, comma)}"${line.slice(comma)}\n`)
    }
    header = false
  }
})
const numbers = join(dir, 'candidate-mlflow.json')
await derive(files.candidate, numbers, async (lines, emit) => {
  let k = -1
  for await (const line of lines) {
    if (k >= 0)
      await emit(
        (k ? ', ' : '{"predictions": [') + line.slice(line.indexOf(',') + 1)
      )
    k++
  }
  await emit(k > 0 ? ']}' : '{"predictions": []}')
})
const records = join(dir, 'candidate-records.json')
await derive(files.candidate, records, async (lines, emit) => {
  let k = -1
  for await (const line of lines) {
    if (k >= 0) {
      const comma = line.indexOf(',')
      await emit(
        `${k ? ', ' : '['}{"id": "${line.slice(0, comma)}", "prediction": ${line.slice(comma + 1)}}`
      )
    }
    k++
  }
  await emit(k > 0 ? ']' : '[]')
})

const CASES = [
  {
    title: 'CSV test set (id,amount,hour,label)',
    file: files.test,
    readers: ['csv:champion-gate', 'csv:csv-parse-stream', 'csv:csv-parse-sync']
  },
  {
    title: 'CSV test set, ids quoted',
    file: quoted,
    readers: ['csv:champion-gate', 'csv:csv-parse-stream', 'csv:csv-parse-sync']
  },
  {
    title: 'mlflow models predict JSON, bare numbers',
    file: numbers,
    readers: ['json:champion-gate', 'json:JSON.parse']
  },
  {
    title: 'mlflow models predict JSON, records with an id',
    file: records,
    readers: ['json:champion-gate', 'json:JSON.parse']
  }
]

function readOnce(reader, file) {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', READ, reader, file],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 }
  )
  return JSON.parse(out.trim().split('\n').at(-1))
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const fixed = (x, digits) => x.toFixed(digits).padStart(8)

console.log(
  `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}, load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(
      ' '
    )}; node ${process.version}; ${rows.toLocaleString('en-US')} rows; median of ${repeat} after 1 warm-up`
)
const baseline = median(
  Array.from({ length: repeat }, () => readOnce('none', files.test).peakMB)
)
console.log(
  `peak RSS of a process that loads the readers and reads nothing: ${baseline.toFixed(0)} MB (included in every peak below)`
)
let mismatch = false
for (const c of CASES) {
  const size = statSync(c.file).size / 1e6
  console.log(`\n${c.title}: ${size.toFixed(1)} MB`)
  console.log(
    `  ${'reader'.padEnd(22)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)} ${'peak MB'.padStart(8)} ${'CPU / ours'.padStart(12)}  figures`
  )
  let ours
  for (const reader of c.readers) {
    readOnce(reader, c.file)
    const runs = Array.from({ length: repeat }, () => readOnce(reader, c.file))
    const result = {
      ms: median(runs.map((r) => r.ms)),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      peakMB: median(runs.map((r) => r.peakMB)),
      figures: `${runs[0].rows} rows, sum ${runs[0].sum}${c.file.endsWith('.csv') ? `, ${runs[0].positives} positives` : ''}`
    }
    ours ??= result
    const same = result.figures === ours.figures
    if (!same) mismatch = true
    console.log(
      `  ${reader.split(':')[1].padEnd(22)} ${fixed(result.ms, 0)} ${fixed(result.cpuMs, 0)} ${fixed(result.peakMB, 0)} ${(result === ours ? '1.00x' : `${(result.cpuMs / ours.cpuMs).toFixed(2)}x`).padStart(12)}  ${result === ours ? result.figures : same ? 'MATCH' : `MISMATCH: ${result.figures}`}`
    )
  }
}
if (mismatch) {
  console.log(
    "\nA reader gave different figures from champion-gate's: see MISMATCH above."
  )
  process.exit(1)
}
