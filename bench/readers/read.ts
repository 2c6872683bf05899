/**
 * One timed read, in a process of its own so that its peak memory is its
 * own: `node --import tsx bench/readers/read.ts <reader> <file>`. Each reader
 * computes the same figures (rows, the sum of a numeric field, the rows
 * whose label is 1) so that the runner can check they read the same thing,
 * then prints one JSON line: the figures, wall and CPU milliseconds of the
 * read alone (start-up and imports excluded), and the process's peak RSS.
 */

import { createReadStream, readFileSync } from 'node:fs'
import { parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import { CsvReader } from '../../src/data/csv-reader.js'
import { MlflowPredictionsReader } from '../../src/data/mlflow-predictions-reader.js'
import { parseNumberBytes } from '../../src/data/parse-number.js'
import type { RecordReader } from '../../src/data/record-reader.js'

interface Figures {
  rows: number
  sum: number
  positives: number
}

const ONE = 49

/** champion-gate's reader, as the pass drives it: bind by name, bytes out, numbers parsed from bytes. */
function ours(reader: RecordReader, value: string, label?: string): Figures {
  const v = reader.bind(value, 'bench')
  const l = label === undefined ? -1 : reader.bind(label, 'bench')
  const figures = { rows: 0, sum: 0, positives: 0 }
  try {
    while (reader.next()) {
      figures.rows++
      figures.sum += parseNumberBytes(
        reader.bytes,
        reader.start[v],
        reader.end[v]
      )
      if (
        l >= 0 &&
        reader.end[l] - reader.start[l] === 1 &&
        reader.bytes[reader.start[l]] === ONE
      )
        figures.positives++
    }
  } finally {
    reader.close()
  }
  return figures
}

/** csv-parse's streaming API, records as arrays (its fastest shape), the header read as names. */
async function csvParseStream(path: string): Promise<Figures> {
  const figures = { rows: 0, sum: 0, positives: 0 }
  let amount = -1
  let label = -1
  for await (const record of createReadStream(path).pipe(parse())) {
    const fields = record as string[]
    if (amount < 0) {
      amount = fields.indexOf('amount')
      label = fields.indexOf('label')
      continue
    }
    figures.rows++
    figures.sum += Number(fields[amount])
    if (fields[label] === '1') figures.positives++
  }
  return figures
}

/** csv-parse's synchronous API over the whole file read into memory, records as objects. */
function csvParseSync(path: string): Figures {
  const records = parseSync(readFileSync(path), { columns: true }) as Record<
    string,
    string
  >[]
  const figures = { rows: 0, sum: 0, positives: 0 }
  for (const record of records) {
    figures.rows++
    figures.sum += Number(record.amount)
    if (record.label === '1') figures.positives++
  }
  return figures
}

/** JSON.parse of the whole file, as a script would read `mlflow models predict`'s output. */
function jsonParse(path: string): Figures {
  const document = JSON.parse(readFileSync(path, 'utf8')) as
    { predictions: unknown[] } | unknown[]
  const items = Array.isArray(document) ? document : document.predictions
  const figures = { rows: 0, sum: 0, positives: 0 }
  for (const item of items) {
    figures.rows++
    figures.sum += Number(
      typeof item === 'object' && item !== null
        ? (item as { prediction: unknown }).prediction
        : item
    )
  }
  return figures
}

const [which, path] = process.argv.slice(2)
const readers: Record<string, () => Figures | Promise<Figures>> = {
  // Loads the module graph above and reads nothing: the processes' baseline.
  none: () => ({ rows: 0, sum: 0, positives: 0 }),
  'csv:champion-gate': () => ours(new CsvReader(path), 'amount', 'label'),
  'csv:csv-parse-stream': () => csvParseStream(path),
  'csv:csv-parse-sync': () => csvParseSync(path),
  'json:champion-gate': () =>
    ours(new MlflowPredictionsReader(path), 'prediction'),
  'json:JSON.parse': () => jsonParse(path)
}
const read = readers[which]
if (!read)
  throw new Error(
    `unknown reader ${which}; one of ${Object.keys(readers).join(', ')}`
  )
const cpu = process.cpuUsage()
const started = performance.now()
const figures = await read()
const ms = performance.now() - started
const used = process.cpuUsage(cpu)
console.log(
  JSON.stringify({
    ...figures,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakMB: (process.resourceUsage().maxRSS * 1024) / 1e6
  })
)
