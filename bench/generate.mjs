/**
 * Deterministic generator of the benchmark's fraud-like data, in two shapes
 * (the same draws, written differently):
 * - `fraud`: a test set `id,amount,hour,label` (text ids `tx-0000001`,
 *   dollars with cents) and prediction files `id,prediction`;
 * - `cents`: a test set `id,label,amount` (integer ids, integer amounts in
 *   cents) and prediction files `id,score`, the shape of an independent
 *   measurement that found the by-position speed-up lower than on `fraud`;
 * plus copies of the prediction files in shuffled row order for the
 * join-by-id variant. Files are cached in a folder per row count and shape
 * and rebuilt only when missing or when the parameters below (or the row
 * count / seed) change.
 */
import { execFileSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Bump when the generated data would change for the same rows and seed. */
export const GENERATOR_VERSION = 2

/** Data shape. Candidate separates the classes better than the champion. */
export const GENERATOR_PARAMS = {
  positiveRate: 0.015,
  // Amounts are log-normal dollars; fraud skews to larger amounts.
  amountLogMean: { legit: 3.6, fraud: 4.4 },
  amountLogSd: { legit: 1.0, fraud: 1.1 },
  // Predicted probability = sigmoid(N(mean, sd)) for each class and model.
  candidate: { legit: [-4.6, 1.5], fraud: [0.6, 1.5] },
  champion: { legit: [-4.0, 1.6], fraud: [0.0, 1.6] }
}

const ROWS_PER_CHUNK = 65536

/** mulberry32: tiny, fast, deterministic 32-bit PRNG returning [0, 1). */
function makeRandom(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function makeNormal(random) {
  return () => {
    const u = 1 - random()
    const v = random()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
}

const sigmoid = (x) => 1 / (1 + Math.exp(-x))

function formatId(i) {
  return 'tx-' + String(i + 1).padStart(7, '0')
}

function formatCents(cents) {
  const rest = cents % 100
  return `${(cents - rest) / 100}.${rest < 10 ? '0' : ''}${rest}`
}

function formatMicros(micros) {
  if (micros >= 1_000_000) return '1.000000'
  return '0.' + String(micros).padStart(6, '0')
}

/**
 * Probability in millionths. The threshold value itself (0.500000) is nudged
 * up so that `>` and `>=` conventions agree and the bench measures speed, not
 * a tie-breaking rule.
 */
function toMicros(p) {
  const micros = Math.round(p * 1_000_000)
  return micros === 500_000 ? 500_001 : micros
}

async function writeLines(path, header, rows, lineAt) {
  const tmp = path + '.tmp'
  const out = createWriteStream(tmp, { highWaterMark: 1 << 20 })
  const write = (text) =>
    out.write(text) ? Promise.resolve() : once(out, 'drain')
  await write(header + '\n')
  for (let start = 0; start < rows; start += ROWS_PER_CHUNK) {
    const end = Math.min(rows, start + ROWS_PER_CHUNK)
    let chunk = ''
    for (let r = start; r < end; r++) chunk += lineAt(r) + '\n'
    await write(chunk)
  }
  await new Promise((resolve, reject) => {
    out.on('error', reject)
    out.end(resolve)
  })
  await rename(tmp, path)
}

function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, resolve))
}

function permutation(rows, random) {
  const order = new Uint32Array(rows)
  for (let i = 0; i < rows; i++) order[i] = i
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = order[i]
    order[i] = order[j]
    order[j] = t
  }
  return order
}

/** Each shape's columns: the prediction column's name, and how a row is written. */
export const SHAPES = {
  fraud: { predictionColumn: 'prediction', idColumn: 'id' },
  cents: { predictionColumn: 'score', idColumn: 'id' }
}

/** The files a data folder holds, by role. */
export function dataFiles(dir) {
  return {
    test: join(dir, 'test.csv'),
    candidate: join(dir, 'candidate.csv'),
    champion: join(dir, 'champion.csv'),
    candidateShuffled: join(dir, 'candidate-shuffled.csv'),
    championShuffled: join(dir, 'champion-shuffled.csv'),
    params: join(dir, 'params.json')
  }
}

async function exists(path) {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/**
 * Makes sure `dir` holds the data for `rows` rows and `seed`; generates it
 * when missing or stale. Returns the file paths and whether it generated.
 */
export async function ensureData(
  dir,
  rows,
  seed,
  log = () => {},
  shape = 'fraud'
) {
  const files = dataFiles(dir)
  const wanted = JSON.stringify(
    { version: GENERATOR_VERSION, rows, seed, shape, params: GENERATOR_PARAMS },
    null,
    2
  )
  const have = await readFile(files.params, 'utf8').catch(() => '')
  const complete = await Promise.all(
    Object.values(files).map((path) => exists(path))
  )
  if (have === wanted && complete.every(Boolean)) {
    return { files, generated: false }
  }

  log(`generating ${rows.toLocaleString('en-US')} rows in ${dir} ...`)
  const started = performance.now()
  await rm(files.params, { force: true })
  await mkdir(dir, { recursive: true })

  const random = makeRandom(seed)
  const normal = makeNormal(random)
  const p = GENERATOR_PARAMS
  const cents = new Uint32Array(rows)
  const hour = new Uint8Array(rows)
  const label = new Uint8Array(rows)
  const candidate = new Uint32Array(rows)
  const champion = new Uint32Array(rows)
  for (let r = 0; r < rows; r++) {
    const fraud = random() < p.positiveRate
    const cls = fraud ? 'fraud' : 'legit'
    const dollars = Math.exp(
      p.amountLogMean[cls] + p.amountLogSd[cls] * normal()
    )
    cents[r] = Math.max(1, Math.min(2_500_000, Math.round(dollars * 100)))
    // Fraud happens more at night.
    hour[r] =
      fraud && random() < 0.4
        ? Math.floor(random() * 6)
        : Math.floor(random() * 24)
    label[r] = fraud ? 1 : 0
    const [cm, cs] = p.candidate[cls]
    const [hm, hs] = p.champion[cls]
    candidate[r] = toMicros(sigmoid(cm + cs * normal()))
    champion[r] = toMicros(sigmoid(hm + hs * normal()))
  }

  const cent = shape === 'cents'
  await writeLines(
    files.test,
    cent ? 'id,label,amount' : 'id,amount,hour,label',
    rows,
    cent
      ? (r) => `${r + 1},${label[r]},${cents[r]}`
      : (r) => `${formatId(r)},${formatCents(cents[r])},${hour[r]},${label[r]}`
  )
  const header = `id,${SHAPES[shape].predictionColumn}`
  const predictions = (values, order) => (r) => {
    const i = order ? order[r] : r
    return `${cent ? i + 1 : formatId(i)},${formatMicros(values[i])}`
  }
  await writeLines(files.candidate, header, rows, predictions(candidate))
  await writeLines(files.champion, header, rows, predictions(champion))
  await writeLines(
    files.candidateShuffled,
    header,
    rows,
    predictions(candidate, permutation(rows, random))
  )
  await writeLines(
    files.championShuffled,
    header,
    rows,
    predictions(champion, permutation(rows, random))
  )
  await writeFile(files.params, wanted)
  log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return { files, generated: true }
}

/** The Parquet copy of a CSV file beside it: `test.csv` → `test.parquet`. */
export function parquetOf(csv) {
  return csv.replace(/\.csv$/, '.parquet')
}

/**
 * Writes a Parquet copy of each CSV file with pyarrow's defaults (snappy,
 * dictionary encoding, row groups of 1,048,576 rows): what a pandas or
 * Spark pipeline hands over. `python` must have pandas and pyarrow.
 */
export async function ensureParquet(files, python, log = () => {}) {
  const csvs = [
    files.test,
    files.candidate,
    files.champion,
    files.candidateShuffled,
    files.championShuffled
  ]
  const stale = []
  for (const csv of csvs) {
    const [source, copy] = await Promise.all([
      stat(csv),
      stat(parquetOf(csv)).catch(() => undefined)
    ])
    if (!copy || copy.mtimeMs < source.mtimeMs) stale.push(csv)
  }
  if (stale.length === 0) return
  log(`writing Parquet copies of ${stale.length} files ...`)
  const script = [
    'import sys, pandas as pd',
    'for path in sys.argv[1:]:',
    '    pd.read_csv(path).to_parquet(path[:-4] + ".parquet", index=False)'
  ].join('\n')
  execFileSync(python, ['-c', script, ...stale], { stdio: 'inherit' })
}
