/**
 * `npm run bench`: times the action's bundle (`dist/index.js`, evaluate mode)
 * against the pandas + scikit-learn script a user would write
 * (`bench/reference.py`) on the same generated fraud-like test set, checks
 * that both give the same numbers, and prints a side-by-side table.
 *
 * Flags: --rows N (default 2,000,000), --repeat N (default 3),
 * --seed N, --bundle PATH (another build of the action), --python-only,
 * --bootstrap-only (only the paired bootstrap's cost, by position, no pandas),
 * --shape fraud|cents|all and --format csv|parquet|all (which data: see
 * generate.mjs; default all of each), --flat (peak memory by position at
 * 1,000,000 and 10,000,000 rows, the action only), --data-only (only
 * make the data files, e.g. for `npm run local-action`).
 *
 * pandas runs from the project's venv (`.venv/bin/python`: pandas,
 * pyarrow, scikit-learn; `bash .ci/python-venv.sh` makes it).
 *
 * By position, each runtime also runs with `bootstrap-samples: 0`, in turn
 * with the default run (so a busy machine slows both alike): the difference
 * is the cost of the paired bootstrap's 2,000 resamples.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { delimiter, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

import { ensureData, ensureParquet, parquetOf, SHAPES } from './generate.mjs'
import { measure, measuringMethod } from './measure.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DATA = join(ROOT, 'bench', '.data')
const DEFAULT_BUNDLE = join(ROOT, 'dist', 'index.js')
let BUNDLE = DEFAULT_BUNDLE
/** pandas with pyarrow and scikit-learn: the project's venv. */
const PYTHON = join(ROOT, '.venv', 'bin', 'python')
const REFERENCE = join(ROOT, 'bench', 'reference.py')
const NODE24 = join(ROOT, 'node_modules', 'node', 'bin', 'node')
const FIGURES = ['tp', 'fp', 'fn', 'tn', 'f1', 'net_benefit']
const MODELS = ['candidate', 'champion']

const TARGET_SPEEDUP = 15
/** Joined by id (prediction files shuffled): at least this factor of pandas. */
const TARGET_JOIN_SPEEDUP = 5
const TARGET_PEAK_MB = 100
/** --flat: 10,000,000 rows' peak within this factor of 1,000,000 rows'. */
const TARGET_FLAT_FACTOR = 1.1
/** The paired bootstrap (2,000 resamples) may take at most this factor of `bootstrap-samples: 0`. */
const TARGET_BOOTSTRAP_FACTOR = 1.1
/** Suffix of the command keys that run with `bootstrap-samples: 0`. */
const NO_BOOTSTRAP = ':no-bootstrap'

/** The action inputs, as env names the runner would set (hyphens kept). */
const BASE_INPUTS = {
  INPUT_MODE: 'evaluate',
  'INPUT_LABEL-COLUMN': 'label',
  'INPUT_POSITIVE-LABEL': '1',
  'INPUT_PREDICTION-COLUMN': 'prediction',
  INPUT_THRESHOLD: '0.5',
  'INPUT_COST-FALSE-NEGATIVE': 'amount',
  'INPUT_COST-TRUE-POSITIVE': '5',
  'INPUT_COST-FALSE-POSITIVE': '5',
  'INPUT_COST-TRUE-NEGATIVE': '0',
  'INPUT_MIN-NET-BENEFIT': '40000',
  'INPUT_MIN-F1': '0.20',
  'INPUT_MIN-IMPROVEMENT': '0',
  'INPUT_FAIL-ON-REJECT': 'false'
}

function parseCli() {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '2000000' },
      repeat: { type: 'string', default: '3' },
      seed: { type: 'string', default: '20240601' },
      bundle: { type: 'string', default: DEFAULT_BUNDLE },
      'python-only': { type: 'boolean', default: false },
      'bootstrap-only': { type: 'boolean', default: false },
      shape: { type: 'string', default: 'all' },
      format: { type: 'string', default: 'all' },
      flat: { type: 'boolean', default: false },
      'data-only': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false }
    }
  })
  if (values.help) {
    console.log(
      'usage: npm run bench -- [--rows N] [--repeat N] [--seed N] ' +
        '[--bundle PATH] [--python-only] [--bootstrap-only] [--data-only] ' +
        '[--shape fraud|cents|all] [--format csv|parquet|all] [--flat]'
    )
    process.exit(0)
  }
  const integer = (name, min) => {
    const n = Number(values[name].replaceAll('_', ''))
    if (!Number.isInteger(n) || n < min) {
      console.error(`--${name} must be an integer >= ${min}`)
      process.exit(2)
    }
    return n
  }
  const choice = (name, allowed) => {
    const value = values[name]
    if (value === 'all') return allowed
    if (!allowed.includes(value)) {
      console.error(`--${name} must be one of ${allowed.join(', ')} or all`)
      process.exit(2)
    }
    return [value]
  }
  return {
    shapes: choice('shape', Object.keys(SHAPES)),
    formats: choice('format', ['csv', 'parquet']),
    flat: values.flat,
    rows: integer('rows', 1),
    repeat: integer('repeat', 1),
    seed: integer('seed', 0),
    bundle: resolve(values.bundle),
    pythonOnly: values['python-only'],
    bootstrapOnly: values['bootstrap-only'],
    dataOnly: values['data-only']
  }
}

/** The first `node` on PATH outside node_modules: npm puts Node 24 first. */
function systemNode() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue
    const bin = join(dir, 'node')
    if (existsSync(bin)) return bin
  }
  return undefined
}

function versionOf(bin, args) {
  try {
    return execFileSync(bin, args, { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

function machineInfo(method) {
  const python = versionOf(PYTHON, [
    '-c',
    'import sys, numpy, pandas, sklearn; print(sys.version.split()[0], ' +
      'pandas.__version__, sklearn.__version__, numpy.__version__)'
  ])
  const [pythonVersion, pandas, sklearn, numpy] = (python ?? '').split(' ')
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(
      Number(readFileSync('/proc/meminfo', 'utf8').match(/\d+/)[0]) / 1048576
    ),
    loadavg: loadavg().map((x) => Number(x.toFixed(2))),
    python: pythonVersion,
    pandas,
    sklearn,
    numpy,
    measuring:
      method === 'gnu-time'
        ? '/usr/bin/time -f "%e %M %U %S"'
        : 'os.wait4 wrapper'
  }
}

/** A clean runner-like environment: none of ours leaks into the action. */
function baseEnv() {
  const env = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_|npm_)/i.test(key)) continue
    if (key === 'NODE_OPTIONS') continue
    env[key] = value
  }
  return env
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const toMB = (kib) => (kib * 1024) / 1e6

function tail(text, lines = 25) {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

/** One run of the bundle under `node`; returns the sample and the metrics. */
async function runAction(node, variant, method, inputs = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-action-'))
  try {
    const files = {
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      GITHUB_STATE: join(dir, 'state'),
      GITHUB_ENV: join(dir, 'env'),
      GITHUB_PATH: join(dir, 'path')
    }
    await Promise.all(Object.values(files).map((f) => writeFile(f, '')))
    const report = join(dir, 'report.json')
    const env = {
      ...baseEnv(),
      ...files,
      ...BASE_INPUTS,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_WORKSPACE: ROOT,
      RUNNER_TEMP: dir,
      'INPUT_TEST-SET': variant.test,
      'INPUT_CANDIDATE-PREDICTIONS': variant.candidate,
      'INPUT_CHAMPION-PREDICTIONS': variant.champion,
      'INPUT_ID-COLUMN': variant.idColumn,
      'INPUT_PREDICTION-COLUMN': variant.predictionColumn,
      ...inputs,
      'INPUT_REPORT-PATH': report
    }
    const sample = await measure(node, [BUNDLE], { env, cwd: ROOT, method })
    if (sample.code !== 0) {
      return { sample, error: `exit ${sample.code ?? sample.signal}` }
    }
    let parsed
    try {
      parsed = JSON.parse(await readFile(report, 'utf8'))
    } catch (e) {
      return { sample, error: `no readable report at report-path: ${e}` }
    }
    const metrics = {}
    for (const model of MODELS) metrics[model] = parsed?.[model]?.metrics
    return { sample, metrics }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function runPython(variant, method) {
  const sample = await measure(
    PYTHON,
    [
      REFERENCE,
      variant.test,
      variant.candidate,
      variant.champion,
      variant.predictionColumn
    ],
    { env: baseEnv(), cwd: ROOT, method }
  )
  if (sample.code !== 0) {
    return { sample, error: `exit ${sample.code ?? sample.signal}` }
  }
  const line = sample.stdout.trim().split('\n').at(-1)
  return { sample, metrics: JSON.parse(line) }
}

/** Equal as the brief defines it: counts exactly, f1 to 12 significant
 * digits, net benefit to the cent. */
function sameFigure(figure, a, b) {
  if (typeof a !== 'number' || typeof b !== 'number') return false
  if (figure === 'f1') return a.toPrecision(12) === b.toPrecision(12)
  if (figure === 'net_benefit')
    return Math.round(a * 100) === Math.round(b * 100)
  return a === b
}

function crossCheck(actionMetrics, pythonMetrics) {
  const rows = []
  for (const model of MODELS) {
    for (const figure of FIGURES) {
      const action = actionMetrics?.[model]?.[figure]
      const python = pythonMetrics?.[model]?.[figure]
      rows.push({
        model,
        figure,
        action,
        python,
        match: sameFigure(figure, action, python)
      })
    }
  }
  return rows
}

function pad(text, width, right = false) {
  const s = String(text)
  return right ? s.padStart(width) : s.padEnd(width)
}

function printTable(header, rows) {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => String(r[i]).length))
  )
  const line = (cells) =>
    cells.map((c, i) => pad(c, widths[i], i > 0)).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}

async function main() {
  const cli = parseCli()
  if (cli.dataOnly) {
    // Data for `npm run local-action` (see .env.example): no timing, so no
    // targets to miss on a size they were not set for.
    const dir = join(DATA, `rows-${cli.rows}`)
    const { files } = await ensureData(dir, cli.rows, cli.seed, (m) =>
      console.log(m)
    )
    for (const key of ['test', 'candidate', 'champion'])
      console.log(`${key}: ${relative(process.cwd(), files[key])}`)
    return
  }
  const method = measuringMethod()
  BUNDLE = cli.bundle
  const node20 = systemNode()
  const runtimes = cli.pythonOnly
    ? []
    : [
        node20 && { key: 'node20', bin: node20 },
        existsSync(NODE24) && { key: 'node24', bin: NODE24 }
      ].filter(Boolean)
  for (const rt of runtimes) rt.version = versionOf(rt.bin, ['--version'])

  const machine = machineInfo(method)
  console.log(
    `machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, ` +
      `load ${machine.loadavg.join(' ')}`
  )
  console.log(
    `node: ${runtimes.map((r) => `${r.version} (${r.bin})`).join(', ') || 'not run'}`
  )
  console.log(
    `python: ${machine.python} (${PYTHON}), pandas ${machine.pandas}, ` +
      `scikit-learn ${machine.sklearn}, numpy ${machine.numpy}`
  )
  console.log(
    `measuring: ${machine.measuring}, median of ${cli.repeat} after 1 warm-up`
  )

  if (cli.flat) return flat(cli, runtimes, method)

  const variants = []
  for (const shape of cli.shapes) {
    const files = await dataFor(cli.rows, cli.seed, shape, cli.formats)
    for (const format of cli.formats) {
      const path = format === 'parquet' ? parquetOf : (csv) => csv
      const common = {
        shape,
        format,
        predictionColumn: SHAPES[shape].predictionColumn,
        test: path(files.test)
      }
      const label = `${shape} ${format === 'csv' ? 'CSV' : 'Parquet'}`
      variants.push(
        {
          ...common,
          key: `${shape}-${format}-position`,
          matching: 'position',
          name: `${label}, by position`,
          idColumn: '',
          candidate: path(files.candidate),
          champion: path(files.champion)
        },
        {
          ...common,
          key: `${shape}-${format}-join`,
          matching: 'join',
          name: `${label}, join by id`,
          idColumn: SHAPES[shape].idColumn,
          candidate: path(files.candidateShuffled),
          champion: path(files.championShuffled)
        }
      )
    }
  }

  let bundleMissing = false
  if (runtimes.length > 0 && !existsSync(BUNDLE)) {
    console.log(
      `\n${BUNDLE} does not exist (run 'npm run package'): timing pandas only`
    )
    bundleMissing = true
    runtimes.length = 0
  }

  if (cli.bootstrapOnly) variants.splice(1)
  // The bootstrap's cost is measured on the first variant by position.
  const bootstrapVariant = variants.find((v) => v.matching === 'position')

  let failed = bundleMissing
  const results = []
  for (const variant of variants) {
    console.log(`\n== ${variant.name} ==`)
    const commands = [
      ...runtimes.flatMap((rt) => [
        {
          key: rt.key,
          label: `Node ${rt.version}`,
          run: () => runAction(rt.bin, variant, method)
        },
        ...(variant === bootstrapVariant
          ? [
              {
                key: `${rt.key}${NO_BOOTSTRAP}`,
                label: `Node ${rt.version}, bootstrap-samples: 0`,
                run: () =>
                  runAction(rt.bin, variant, method, {
                    'INPUT_BOOTSTRAP-SAMPLES': '0'
                  })
              }
            ]
          : [])
      ]),
      ...(cli.bootstrapOnly
        ? []
        : [
            {
              key: 'pandas',
              label: 'pandas',
              run: () => runPython(variant, method)
            }
          ])
    ]
    const outcome = {}
    for (const c of commands) outcome[c.key] = { samples: [], metrics: [] }
    const record = (c, r, warm) => {
      const o = outcome[c.key]
      if (r.error) {
        o.error = r.error
        console.log(`${c.label}: FAILED (${r.error})`)
        if (r.sample.stderr) console.log(`stderr:\n${tail(r.sample.stderr)}`)
        if (r.sample.stdout) console.log(`stdout:\n${tail(r.sample.stdout)}`)
        return
      }
      o.metrics.push(r.metrics)
      if (warm) return
      o.samples.push({
        seconds: r.sample.seconds,
        cpuSeconds: r.sample.cpuSeconds,
        peakMB: toMB(r.sample.peakKiB)
      })
      console.log(
        `${pad(c.label, 14)} ${r.sample.seconds.toFixed(3)} s wall  ` +
          `${r.sample.cpuSeconds.toFixed(2)} s cpu  ` +
          `${toMB(r.sample.peakKiB).toFixed(1)} MB peak`
      )
    }
    for (const c of commands) record(c, await c.run(), true)
    for (let i = 0; i < cli.repeat; i++) {
      for (const c of commands) {
        if (!outcome[c.key].error) record(c, await c.run(), false)
      }
    }

    const summary = {
      variant: variant.key,
      name: variant.name,
      shape: variant.shape,
      format: variant.format,
      matching: variant.matching
    }
    for (const c of commands) {
      const o = outcome[c.key]
      summary[c.key] = {
        label: c.label,
        error: o.error,
        samples: o.samples,
        seconds: o.samples.length
          ? median(o.samples.map((s) => s.seconds))
          : null,
        cpuSeconds: o.samples.length
          ? median(o.samples.map((s) => s.cpuSeconds))
          : null,
        peakMB: o.samples.length ? median(o.samples.map((s) => s.peakMB)) : null
      }
    }
    if (!outcome.pandas) {
      // --bootstrap-only: no pandas; every run is held to the first one.
      const first = outcome[runtimes[0]?.key]?.metrics[0]
      outcome.pandas = { samples: [], metrics: [first] }
      summary.pandas = { label: 'pandas', seconds: null, cpuSeconds: null }
    }
    if (outcome.pandas.error) failed = true
    const reference = outcome.pandas.metrics[0]
    summary.pandas.metrics = reference
    summary.checks = {}
    const checked = runtimes.flatMap((rt) =>
      outcome[`${rt.key}${NO_BOOTSTRAP}`]
        ? [
            rt,
            {
              ...rt,
              key: `${rt.key}${NO_BOOTSTRAP}`,
              version: `${rt.version}, bootstrap-samples: 0`
            }
          ]
        : [rt]
    )
    for (const rt of checked) {
      const o = outcome[rt.key]
      if (o.error) {
        failed = true
        summary.checks[rt.key] = { ok: false, error: o.error }
        continue
      }
      // Every run, warm-up included, must agree with pandas.
      const checks = o.metrics.map((m) => crossCheck(m, reference))
      const ok = checks.every((rows) => rows.every((r) => r.match))
      const shown =
        checks.find((rows) => rows.some((r) => !r.match)) ?? checks[0]
      summary.checks[rt.key] = { ok, figures: shown }
      summary[rt.key].metrics = o.metrics[0]
      if (!ok) failed = true
      console.log(`cross-check Node ${rt.version} vs pandas/sklearn:`)
      for (const model of MODELS) {
        const cells = shown
          .filter((r) => r.model === model)
          .map((r) =>
            r.match
              ? `${r.figure} MATCH`
              : `${r.figure} MISMATCH (action ${r.action}, pandas ${r.python})`
          )
        console.log(`  ${pad(model, 9)} ${cells.join('  ')}`)
      }
    }
    results.push(summary)
  }

  // Side-by-side table and targets.
  const fmt = (x, digits) => (x == null ? 'n/a' : x.toFixed(digits))
  const speedup = (s, rt) =>
    s[rt]?.seconds && s.pandas.seconds ? s.pandas.seconds / s[rt].seconds : null
  const rtLabel = (rt) => `Node ${rt.version.replace(/^v/, '').split('.')[0]}`
  console.log(
    `\nResults: ${cli.rows.toLocaleString('en-US')} rows, median of ${cli.repeat} ` +
      `(MB = 10^6 bytes of peak RSS)\n`
  )
  printTable(
    [
      'variant',
      ...runtimes.map((rt) => `${rtLabel(rt)} s`),
      ...runtimes.map((rt) => `${rtLabel(rt)} MB`),
      'pandas s',
      'pandas MB',
      ...runtimes.map((rt) => `x (${rtLabel(rt)})`)
    ],
    results.map((s) => [
      s.name,
      ...runtimes.map((rt) => fmt(s[rt.key].seconds, 3)),
      ...runtimes.map((rt) => fmt(s[rt.key].peakMB, 1)),
      fmt(s.pandas.seconds, 2),
      fmt(s.pandas.peakMB, 1),
      ...runtimes.map((rt) => {
        const x = speedup(s, rt.key)
        return x == null ? 'n/a' : `${x.toFixed(1)}x`
      })
    ])
  )

  // CPU time is steadier than wall time when other processes compete.
  console.log('\nCPU time (user + system), median\n')
  const cpuSpeedup = (s, rt) =>
    s[rt]?.cpuSeconds && s.pandas.cpuSeconds
      ? s.pandas.cpuSeconds / s[rt].cpuSeconds
      : null
  printTable(
    [
      'variant',
      ...runtimes.map((rt) => `${rtLabel(rt)} cpu s`),
      'pandas cpu s',
      ...runtimes.map((rt) => `x cpu (${rtLabel(rt)})`)
    ],
    results.map((s) => [
      s.name,
      ...runtimes.map((rt) => fmt(s[rt.key].cpuSeconds, 2)),
      fmt(s.pandas.cpuSeconds, 2),
      ...runtimes.map((rt) => {
        const x = cpuSpeedup(s, rt.key)
        return x == null ? 'n/a' : `${x.toFixed(1)}x`
      })
    ])
  )

  // The bootstrap's cost: the default (2,000 resamples) against none, by
  // position, run in turn.
  const byPosition = results.find((s) => s.variant === bootstrapVariant?.key)
  const bootstrapFactor = (rt, field) => {
    const a = byPosition?.[rt]?.[field]
    const b = byPosition?.[`${rt}${NO_BOOTSTRAP}`]?.[field]
    return a && b ? a / b : null
  }
  if (byPosition && runtimes.length) {
    console.log(
      '\nThe paired bootstrap (2,000 resamples) vs bootstrap-samples: 0, by position, median\n'
    )
    printTable(
      [
        'runtime',
        'bootstrap s',
        'none s',
        'x wall',
        'bootstrap cpu s',
        'none cpu s',
        'x cpu'
      ],
      runtimes.map((rt) => [
        rtLabel(rt),
        fmt(byPosition[rt.key].seconds, 3),
        fmt(byPosition[`${rt.key}${NO_BOOTSTRAP}`].seconds, 3),
        fmt(bootstrapFactor(rt.key, 'seconds'), 3),
        fmt(byPosition[rt.key].cpuSeconds, 2),
        fmt(byPosition[`${rt.key}${NO_BOOTSTRAP}`].cpuSeconds, 2),
        fmt(bootstrapFactor(rt.key, 'cpuSeconds'), 3)
      ])
    )
  }

  const targets = []
  for (const s of results) {
    for (const rt of runtimes) {
      const a = s[rt.key]
      const x = speedup(s, rt.key)
      const check = (name, ok, detail) =>
        targets.push({ variant: s.variant, runtime: rt.key, name, ok, detail })
      if (s.variant === bootstrapVariant?.key) {
        const factor = bootstrapFactor(rt.key, 'seconds')
        check(
          `bootstrap <= ${TARGET_BOOTSTRAP_FACTOR}x bootstrap-samples: 0`,
          factor != null && factor <= TARGET_BOOTSTRAP_FACTOR,
          factor == null ? 'n/a' : `${factor.toFixed(3)}x`
        )
      }
      if (cli.bootstrapOnly) continue
      if (s.matching === 'position') {
        check(
          `>= ${TARGET_SPEEDUP}x faster than pandas`,
          x != null && x >= TARGET_SPEEDUP,
          x == null ? 'n/a' : `${x.toFixed(1)}x`
        )
        check(
          `peak memory < ${TARGET_PEAK_MB} MB`,
          a.peakMB != null && a.peakMB < TARGET_PEAK_MB,
          `${fmt(a.peakMB, 1)} MB`
        )
      } else {
        check(
          `>= ${TARGET_JOIN_SPEEDUP}x faster than pandas`,
          x != null && x >= TARGET_JOIN_SPEEDUP,
          x == null ? 'n/a' : `${x.toFixed(1)}x`
        )
        check(
          'peak memory below pandas',
          a.peakMB != null &&
            s.pandas.peakMB != null &&
            a.peakMB < s.pandas.peakMB,
          `${fmt(a.peakMB, 1)} MB vs ${fmt(s.pandas.peakMB, 1)} MB`
        )
      }
      if (s.format === 'parquet') {
        // The same rows in CSV, same shape and matching: Parquet must not be slower.
        const csv = results.find(
          (c) =>
            c.format === 'csv' &&
            c.shape === s.shape &&
            c.matching === s.matching
        )?.[rt.key]?.seconds
        check(
          'Parquet at least as fast as the same rows in CSV',
          csv != null && a.seconds != null && a.seconds <= csv,
          csv == null ? 'n/a' : `${fmt(a.seconds, 3)} s vs ${fmt(csv, 3)} s`
        )
      }
    }
  }
  if (targets.length) {
    console.log('\nTargets')
    printTable(
      ['variant', 'runtime', 'target', 'measured', 'holds'],
      targets.map((t) => [
        results.find((s) => s.variant === t.variant).name,
        rtLabel(runtimes.find((rt) => rt.key === t.runtime)),
        t.name,
        t.detail,
        t.ok ? 'YES' : 'NO'
      ])
    )
  }
  const allMatch = results.every((s) =>
    Object.values(s.checks).every((c) => c.ok)
  )
  console.log(
    `\ncross-check: ${
      runtimes.length === 0
        ? 'not run (no action run)'
        : allMatch
          ? 'all MATCH'
          : 'MISMATCH or failure'
    }`
  )

  const out = join(DATA, 'last-results.json')
  await writeFile(
    out,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        rows: cli.rows,
        repeat: cli.repeat,
        seed: cli.seed,
        machine,
        node: Object.fromEntries(runtimes.map((rt) => [rt.key, rt.version])),
        variants,
        results,
        targets,
        ok: !failed
      },
      null,
      2
    ) + '\n'
  )
  console.log(`results written to ${out}`)
  const load = loadavg()[0]
  if (load > machine.nproc) {
    console.log(
      `note: load average ${load.toFixed(2)} on ${machine.nproc} cores: other ` +
        'processes were competing; wall times are inflated (see cpu s)'
    )
  }
  if (failed) process.exitCode = 1
}

/** The data for one shape: generated if missing, with Parquet copies when asked. */
async function dataFor(rows, seed, shape, formats) {
  const dir = join(
    DATA,
    shape === 'fraud' ? `rows-${rows}` : `rows-${rows}-${shape}`
  )
  const { files } = await ensureData(
    dir,
    rows,
    seed,
    (m) => console.log(m),
    shape
  )
  if (formats.includes('parquet'))
    await ensureParquet(files, PYTHON, (m) => console.log(m))
  return files
}

/**
 * --flat: peak memory by position at 1,000,000 and 10,000,000 rows, the
 * action only (pandas would need gigabytes): memory must not grow with the
 * rows.
 */
async function flat(cli, runtimes, method) {
  const sizes = [1_000_000, 10_000_000]
  const rows = []
  let failed = false
  for (const shape of cli.shapes) {
    const data = {}
    for (const size of sizes)
      data[size] = await dataFor(size, cli.seed, shape, cli.formats)
    for (const format of cli.formats) {
      const path = format === 'parquet' ? parquetOf : (csv) => csv
      for (const rt of runtimes) {
        const peak = {}
        for (const size of sizes) {
          const variant = {
            format,
            predictionColumn: SHAPES[shape].predictionColumn,
            idColumn: '',
            test: path(data[size].test),
            candidate: path(data[size].candidate),
            champion: path(data[size].champion)
          }
          const samples = []
          for (let i = 0; i <= cli.repeat; i++) {
            const r = await runAction(rt.bin, variant, method)
            if (r.error) {
              console.log(`${shape} ${format} ${size}: FAILED (${r.error})`)
              failed = true
              break
            }
            // The first run warms the disk cache.
            if (i > 0) samples.push(toMB(r.sample.peakKiB))
          }
          peak[size] = samples.length ? median(samples) : null
          console.log(
            `${shape} ${format} ${rt.key} ${size.toLocaleString('en-US')} rows: ${peak[size]?.toFixed(1)} MB peak`
          )
        }
        const factor =
          peak[sizes[0]] && peak[sizes[1]]
            ? peak[sizes[1]] / peak[sizes[0]]
            : null
        const ok = factor != null && factor <= TARGET_FLAT_FACTOR
        if (!ok) failed = true
        rows.push([
          `${shape} ${format}`,
          rt.key,
          peak[sizes[0]]?.toFixed(1) ?? 'n/a',
          peak[sizes[1]]?.toFixed(1) ?? 'n/a',
          factor == null ? 'n/a' : `${factor.toFixed(3)}x`,
          ok ? 'YES' : 'NO'
        ])
      }
    }
  }
  console.log(
    `\nPeak memory by position, median of ${cli.repeat} (target: 10M within ${Math.round((TARGET_FLAT_FACTOR - 1) * 100)}% of 1M)\n`
  )
  printTable(['data', 'runtime', '1M MB', '10M MB', '10M / 1M', 'holds'], rows)
  if (failed) process.exitCode = 1
}

await main()
