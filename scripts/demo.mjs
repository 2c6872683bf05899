#!/usr/bin/env node
/**
 * The README's main command (`npm run demo`): the whole champion-gate story
 * against a real, throwaway MLflow Model Registry, on this machine.
 *
 *   node scripts/demo.mjs           play the story, stop the server, exit 0
 *   node scripts/demo.mjs --keep    ... and leave the MLflow server up (UI)
 *   node scripts/demo.mjs --stop    stop a server left up by --keep
 *
 * It runs the bundled action (`dist/index.js`) exactly as the GitHub runner
 * does: INPUT_* variables (hyphens kept), GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, under the node24 runtime. Needs `.venv/`
 * (bash .ci/setup.sh --demo). Everything it writes is under .demo/; it owns
 * .demo/{mlflow,data,runs,logs} and wipes them at the start of each run.
 * Exits 0 when every step turned out as the story says, 1 otherwise.
 */

import { spawn } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:net'
import { delimiter, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DEMO = join(ROOT, '.demo')
const SERVER_DIR = join(DEMO, 'mlflow')
const PID_FILE = join(SERVER_DIR, 'server.pid')
const VENV_BIN = join(ROOT, '.venv', 'bin')
const PYTHON = join(VENV_BIN, 'python')
const MLFLOW = join(VENV_BIN, 'mlflow')
const BUNDLE = join(ROOT, 'dist', 'index.js')
/** `runs.using: node24`: the runner's Node, from the `node` npm package. */
const NODE24 = join(ROOT, 'node_modules', 'node', 'bin', 'node')
const EXAMPLE = join(ROOT, 'examples', 'fraud')

const MODEL = 'fraud-detector'
const DEADLINE_MS = 5 * 60_000
/** The score-command a workflow would use; `mlflow` is found on PATH (.venv/bin). */
const SCORE_COMMAND =
  'mlflow models predict -m {model_uri} -i {test_set} -o {output} -t csv --env-manager local'
/** The demo's policy; why these values is printed in step 2. */
const POLICY = {
  threshold: '0.2',
  'min-net-benefit': '10000',
  'min-f1': '0.20',
  'min-confidence': '0.95',
  'cost-false-negative': 'amount',
  'cost-true-positive': '5',
  'cost-false-positive': '5'
}
/** Quiet Python and MLflow: no usage pings, no job runner, no proxy for localhost. */
const QUIET_ENV = {
  MLFLOW_DISABLE_TELEMETRY: 'true',
  DO_NOT_TRACK: 'true',
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
  NO_PROXY: '127.0.0.1,localhost',
  no_proxy: '127.0.0.1,localhost',
  PYTHONWARNINGS: 'ignore'
}

/**
 * This shell's environment without MLflow or Databricks settings (a
 * token, an experiment or registry URI of the user's own), plus QUIET_ENV.
 */
const cleanEnv = () => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(MLFLOW|DATABRICKS)_/.test(key)
    )
  ),
  ...QUIET_ENV
})

const color = process.stdout.isTTY && !process.env.NO_COLOR
const paint = (code) => (text) =>
  color ? `\x1b[${code}m${text}\x1b[0m` : String(text)
const bold = paint(1)
const dim = paint(2)
const green = paint(32)
const red = paint(31)

const say = (text = '') => process.stdout.write(`${text}\n`)
const rel = (path) => relative(ROOT, path) || '.'
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`
const started = Date.now()
let stepStarted = started

function heading(number, title) {
  const now = Date.now()
  if (number > 1) say(dim(`   (${seconds(now - stepStarted)})`))
  stepStarted = now
  say()
  say(bold(`${number}. ${title}`))
}

/** Set on Ctrl-C or past the deadline: nothing more is printed or started. */
let aborting = false

/** Commands still running, ended when the demo stops early. */
const running = new Set()
/** Kills a command and what it started (the action's `mlflow models predict`). */
function killTree(child) {
  try {
    process.kill(-child.pid, 'SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}
const killRunning = () => {
  for (const child of running) killTree(child)
}

/** A broken expectation: the story did not play out. */
class DemoError extends Error {}
/** Something the demo needs is missing: nothing was started. */
class SetupError extends DemoError {}

function expect(condition, message) {
  if (!condition) throw new DemoError(message)
}

// ---------------------------------------------------------------------------
// Processes

/**
 * Runs a command to completion, its output appended to a log file, and
 * resolves with its exit code and output. Never rejects on a non-zero exit;
 * rejects when the command cannot start or outlives timeoutMs.
 */
function runCommand(command, args, { env, cwd = ROOT, log, timeoutMs }) {
  if (aborting) return Promise.reject(new DemoError('aborted'))
  return new Promise((resolve, reject) => {
    // Its own process group, so the whole tree can be ended on Ctrl-C.
    const child = spawn(command, args, {
      cwd,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    running.add(child)
    child.on('exit', () => running.delete(child))
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      killTree(child)
      reject(
        new DemoError(
          `${rel(command)} did not finish within ${seconds(timeoutMs)} (log: ${rel(log)})`
        )
      )
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new DemoError(`could not start ${command}: ${error.message}`))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      writeFileSync(
        log,
        `$ ${[command, ...args].join(' ')}\n${stdout}${stderr ? `\n--- stderr ---\n${stderr}` : ''}\n`,
        { flag: 'a' }
      )
      if (aborting) reject(new DemoError('aborted'))
      else resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })
    })
  })
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** True when pid still is the demo's MLflow server (not a recycled pid). */
async function isDemoServer(pid) {
  if (!alive(pid)) return false
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    return cmdline.includes('mlflow') && cmdline.includes(SERVER_DIR)
  } catch {
    // No /proc (macOS): ask ps.
    const ps = await runCommand('ps', ['-o', 'command=', '-p', String(pid)], {
      env: process.env,
      log: join(DEMO, 'ps.log'),
      timeoutMs: 5000
    }).catch(() => ({ stdout: '' }))
    return ps.stdout.includes('mlflow') && ps.stdout.includes(SERVER_DIR)
  }
}

/** Stops the server's process group (uvicorn's worker included): TERM, then KILL. */
async function stopGroup(pid) {
  const signalGroup = (signal) => {
    try {
      process.kill(-pid, signal)
      return true
    } catch {
      return false
    }
  }
  if (!signalGroup('SIGTERM')) return
  for (let i = 0; i < 40 && signalGroup(0); i++) await sleep(250)
  signalGroup('SIGKILL')
}

// ---------------------------------------------------------------------------
// The MLflow server

let server // { pid, url, child }

async function startServer() {
  rmSync(SERVER_DIR, { recursive: true, force: true })
  const store = join(SERVER_DIR, 'store')
  mkdirSync(join(store, 'artifacts'), { recursive: true })
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logPath = join(SERVER_DIR, 'server.log')
  const logFd = openSync(logPath, 'w')
  // Its own process group (detached), so stop takes uvicorn's children too
  // and a Ctrl-C in the terminal reaches only this script, which stops it.
  const child = spawn(
    MLFLOW,
    [
      'server',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      '1',
      '--backend-store-uri',
      `sqlite:///${join(store, 'mlflow.db')}`,
      // Proxied artifacts: clients up- and download through the server.
      '--artifacts-destination',
      join(store, 'artifacts')
    ],
    {
      cwd: SERVER_DIR,
      detached: true,
      stdio: ['ignore', logFd, logFd],
      env: cleanEnv()
    }
  )
  closeSync(logFd)
  let exited = false
  child.on('exit', () => (exited = true))
  child.on('error', () => (exited = true))
  server = { pid: child.pid, url, child }
  writeFileSync(PID_FILE, `${child.pid}\n${url}\n`)

  const deadline = Date.now() + 120_000
  for (;;) {
    try {
      const response = await fetch(`${url}/health`, {
        signal: AbortSignal.timeout(2000)
      })
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (exited || Date.now() > deadline) {
      const tail = readFileSync(logPath, 'utf8').trim().split('\n').slice(-20)
      throw new DemoError(
        `the MLflow server did not become healthy at ${url}; last lines of ${rel(logPath)}:\n${tail.join('\n')}`
      )
    }
    await sleep(300)
  }
  return { url, logPath }
}

let stopping
/** Stops the server once, however many paths ask (end, failure, Ctrl-C). */
function stopServer() {
  if (!server) return Promise.resolve()
  const { pid } = server
  stopping ??= stopGroup(pid).then(() => {
    rmSync(join(SERVER_DIR, 'store'), { recursive: true, force: true })
    rmSync(PID_FILE, { force: true })
  })
  return stopping
}

/** A server left up by an earlier --keep: stopped (it is the demo's own). */
async function stopKeptServer() {
  if (!existsSync(PID_FILE)) return false
  const [pidText, url] = readFileSync(PID_FILE, 'utf8').split('\n')
  const pid = Number(pidText)
  const ours = Number.isInteger(pid) && pid > 1 && (await isDemoServer(pid))
  if (ours) {
    await stopGroup(pid)
    say(`Stopped the demo's MLflow server (pid ${pid}, ${url}).`)
  }
  rmSync(join(SERVER_DIR, 'store'), { recursive: true, force: true })
  rmSync(PID_FILE, { force: true })
  return ours
}

// ---------------------------------------------------------------------------
// The registry, read back through MLflow's REST API

async function mlflowGet(url, path, query) {
  const response = await fetch(`${url}${path}?${new URLSearchParams(query)}`, {
    signal: AbortSignal.timeout(10_000)
  })
  const body = await response.json().catch(() => ({}))
  if (!response.ok)
    throw new DemoError(
      `GET ${path} answered ${response.status}: ${body.message ?? JSON.stringify(body)}`
    )
  return body
}

/** { champion: '2', 'previous-champion': '1', candidate: '3' } */
async function aliases(url) {
  const body = await mlflowGet(url, '/api/2.0/mlflow/registered-models/get', {
    name: MODEL
  })
  const result = {}
  for (const { alias, version } of body.registered_model?.aliases ?? [])
    result[alias] = version
  return result
}

async function versionTags(url, version) {
  const body = await mlflowGet(url, '/api/2.0/mlflow/model-versions/get', {
    name: MODEL,
    version
  })
  return Object.fromEntries(
    (body.model_version?.tags ?? []).map(({ key, value }) => [key, value])
  )
}

const v = (version) => (version ? `v${version}` : '(none)')

function showAliasMove(before, after, names) {
  for (const name of names) {
    const from = v(before[name])
    const to = v(after[name])
    say(
      `   @${name}: ${from === to ? `${to} ${dim('(unchanged)')}` : `${from} → ${bold(to)}`}`
    )
  }
}

// ---------------------------------------------------------------------------
// Training and running the action

/** Trains a logistic regression on the `features` best features, registered as @candidate. */
async function train(url, features, logs) {
  const kind = `logistic-${features}`
  const log = join(logs, `train-${kind}.log`)
  const result = await runCommand(
    PYTHON,
    [
      join(EXAMPLE, 'train.py'),
      '--train',
      join(DEMO, 'data', 'train.csv'),
      '--model',
      'logistic',
      '--features',
      String(features),
      '--model-name',
      MODEL
    ],
    {
      env: { ...cleanEnv(), MLFLOW_TRACKING_URI: url },
      log,
      timeoutMs: 120_000
    }
  )
  const last = result.stdout.trim().split('\n').pop() ?? ''
  let info
  try {
    info = JSON.parse(last)
  } catch {
    info = undefined
  }
  expect(
    result.code === 0 && info?.version,
    `train.py --features ${features} failed (exit ${result.code}); see ${rel(log)}:\n${result.stderr.trim().split('\n').slice(-10).join('\n')}`
  )
  say(
    `   train.py --features ${features} → ${MODEL} v${info.version} (@${info.alias}), run ${info.run_id.slice(0, 8)}…`
  )
  return String(info.version)
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter` blocks). */
function parseOutputFile(text) {
  const outputs = {}
  const lines = text.split('\n')
  for (let k = 0; k < lines.length; k++) {
    const head = /^([^<]+)<<(.+)$/.exec(lines[k])
    if (!head) continue
    const value = []
    for (k++; k < lines.length && lines[k] !== head[2]; k++)
      value.push(lines[k])
    outputs[head[1]] = value.join('\n')
  }
  return outputs
}

/** Workflow-command escapes (%25 %0D %0A %3A %2C) back to text. */
const unescapeCommand = (text) =>
  text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%')

/**
 * The action's log as the runner would show it, condensed: groups as
 * headings, errors and warnings marked, the scoring command's own output
 * (prefixed [candidate] / [champion]) counted, not shown.
 */
function showActionLog(stdout, logPath) {
  let scoreLines = 0
  for (const line of stdout.split('\n')) {
    if (!line.trim() || line === '::endgroup::') continue
    if (/^\[(candidate|champion)\] /.test(line)) {
      if (!/^\[(candidate|champion)\] mlflow models predict /.test(line)) {
        scoreLines++
        continue
      }
    }
    if (line.startsWith('::debug::') || line.startsWith('::add-mask::'))
      continue
    // Paths relative to the repository, as in a runner's workspace.
    let text = line.replaceAll(ROOT, '')
    const group = /^::group::(.*)$/.exec(text)
    const command = /^::(error|warning|notice)[^:]*::(.*)$/.exec(text)
    if (group) text = `▸ ${group[1]}`
    else if (command)
      text =
        `${command[1] === 'error' ? red('✗ error:') : `! ${command[1]}:`} ${unescapeCommand(command[2])}`
          // One reason a line.
          .replace(/\. (?=\S)/g, '.\n    ')
    for (const part of text.split('\n')) say(`   ${dim('│')} ${part}`)
  }
  if (scoreLines > 0)
    say(
      `   ${dim('│')} ${dim(`(${scoreLines} lines from mlflow models predict: ${rel(logPath)})`)}`
    )
}

/**
 * Runs `node dist/index.js` the way the runner runs a `uses:` step: inputs
 * as INPUT_<NAME> (upper-cased, hyphens kept), a fresh RUNNER_TEMP, and
 * files behind GITHUB_OUTPUT and GITHUB_STEP_SUMMARY, all in .demo/runs/<name>/.
 */
async function runAction(name, url, inputs, event, { sameAs } = {}) {
  const dir = join(DEMO, 'runs', name)
  const runnerTemp = join(dir, 'runner-temp')
  mkdirSync(runnerTemp, { recursive: true })
  const files = {
    output: join(dir, 'github-output.txt'),
    summary: join(dir, 'summary.md'),
    report: join(dir, 'report.json'),
    log: join(dir, 'action.log')
  }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  writeFileSync(files.log, '')
  const env = {
    ...QUIET_ENV,
    PATH: `${VENV_BIN}${delimiter}${process.env.PATH ?? ''}`,
    HOME: process.env.HOME ?? runnerTemp,
    LANG: process.env.LANG ?? 'C.UTF-8',
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_NAME: event,
    GITHUB_ACTOR: 'champion-gate-demo',
    // What the workflows set from a secret.
    MLFLOW_TRACKING_URI: url
  }
  const all = { 'model-name': MODEL, 'report-path': files.report, ...inputs }
  for (const [key, value] of Object.entries(all))
    env[`INPUT_${key.toUpperCase()}`] = value
  if (sameAs) {
    say(dim(`   node dist/index.js, with the same inputs as ${sameAs}`))
  } else {
    // As the step reads in a workflow (model-name and report-path are added).
    say(dim(`   node dist/index.js, as a step with:`))
    for (const [key, value] of Object.entries(inputs))
      say(dim(`     ${key}: ${value}`))
  }
  const result = await runCommand(
    existsSync(NODE24) ? NODE24 : process.execPath,
    [BUNDLE],
    { env, log: files.log, timeoutMs: 180_000 }
  )
  showActionLog(result.stdout, files.log)
  const outputs = parseOutputFile(readFileSync(files.output, 'utf8'))
  if (Object.keys(outputs).length === 0) {
    // The action did not get as far as its outputs: it crashed or was not found.
    const lines = result.stderr.trim().split('\n')
    const error = lines.find((line) => /^\w*Error\b/.test(line))
    const tail = lines.slice(-5).join('\n')
    throw new DemoError(
      `the action wrote no outputs (exit ${result.code}).` +
        (/Cannot find module '.*dist\/index\.js'/.test(error ?? '')
          ? ` ${rel(BUNDLE)} disappeared while the demo ran (a concurrent 'npm run package'?); run the demo again.`
          : `\n${error ? `${error}\n...\n` : ''}${tail || '(no stderr)'}`) +
        `\nFull log: ${rel(files.log)}`
    )
  }
  showVerdict(files.summary)
  say(
    `   exit code ${result.code === 0 ? green('0') : red(result.code)} — the step ${result.code === 0 ? 'passes' : 'fails (a red check)'}`
  )
  return { ...result, outputs, files }
}

/** The job summary's headline, as plain text. */
function showVerdict(summaryPath) {
  const headline = readFileSync(summaryPath, 'utf8')
    .split('\n')
    .find((line) => line.startsWith('### '))
  if (!headline) return
  const plain = headline
    .slice(4)
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .replace(/\*\*|\\/g, '')
  say(`   job summary: ${bold(plain)}`)
}

function showOutputs(outputs) {
  say('   outputs:')
  const width = Math.max(...Object.keys(outputs).map((k) => k.length))
  for (const [key, value] of Object.entries(outputs)) {
    const shown = key === 'report' ? rel(value) : value
    say(`     ${key.padEnd(width)}  ${shown === '' ? dim('(empty)') : shown}`)
  }
}

// ---------------------------------------------------------------------------
// The figures, read back from each run's JSON report (never restated here)

/** `"-1303.50"` (the report's exact digits) as `-$1,303.50`. */
function money(exact) {
  const negative = exact.startsWith('-')
  const [whole, cents = '00'] = exact.replace(/^[-+]/, '').split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}$${grouped}.${cents.padEnd(2, '0')}`
}

/** A number of dollars from the report (an interval's end) as money. */
const moneyOf = (dollars) => money(dollars.toFixed(2))

/** The gate checks of a report, by name: { 'min-f1': true, ... }. */
const passed = (report) =>
  Object.fromEntries(report.gates.map((gate) => [gate.name, gate.passed]))

/**
 * What decided the run, from its JSON report: each model's net benefit and
 * F1, the difference with its 95% interval and confidence, every gate
 * check, and the reasons. Returns the report.
 */
function showReport(run) {
  const report = JSON.parse(readFileSync(run.files.report, 'utf8'))
  const { candidate, champion, comparison } = report
  const model = (entry) =>
    `v${entry.version}: net benefit ${money(entry.metrics.net_benefit_exact)}, F1 ${entry.metrics.f1.toFixed(3)}`
  say(`   From ${rel(run.files.report)}:`)
  say(`     candidate ${model(candidate)}`)
  if (champion) {
    say(`     champion  ${model(champion)}`)
    const paired = comparison.paired
    say(
      `     difference ${money(comparison.delta_net_benefit_exact)}` +
        (paired
          ? `, 95% interval ${moneyOf(paired.interval_95[0])} to ${moneyOf(paired.interval_95[1])}, confidence ${(100 * paired.confidence).toFixed(1)}%`
          : '')
    )
  }
  // Money gates in dollars and cents, the others (F1, confidence) to 3 places.
  const shown = (name, value) =>
    ['min-net-benefit', 'min-improvement'].includes(name)
      ? moneyOf(value)
      : value.toFixed(3)
  for (const gate of report.gates)
    say(
      `     ${gate.passed ? green('pass') : red('FAIL')} ${gate.name}: ${shown(gate.name, gate.value)} against ${shown(gate.name, gate.threshold)}`
    )
  for (const reason of report.reasons) say(`     reason: ${reason}`)
  return report
}

// ---------------------------------------------------------------------------
// The test set, for the floors' explanation

function testSetFacts(path) {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n')
  const columns = header.split(',')
  const amount = columns.indexOf('amount')
  const label = columns.indexOf('label')
  let frauds = 0
  let cents = 0
  for (const row of rows) {
    const cells = row.split(',')
    if (cells[label] === '1') {
      frauds++
      cents += Math.round(Number(cells[amount]) * 100)
    }
  }
  return { rows: rows.length, frauds, fraudDollars: cents / 100 }
}

const dollars = (n) =>
  `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`

// ---------------------------------------------------------------------------
// The story

async function story(keep) {
  for (const [path, fix] of [
    [PYTHON, 'bash .ci/setup.sh --demo'],
    [MLFLOW, 'bash .ci/setup.sh --demo'],
    [BUNDLE, 'npm run package']
  ]) {
    if (!existsSync(path))
      throw new SetupError(`${rel(path)} is missing; run: ${fix}`)
  }
  if (await stopKeptServer()) say()
  for (const dir of ['data', 'runs', 'logs'])
    rmSync(join(DEMO, dir), { recursive: true, force: true })
  const logs = join(DEMO, 'logs')
  mkdirSync(logs, { recursive: true })

  say(bold('champion-gate demo'))
  say(
    `A fraud model goes through the champion-challenger gate on a throwaway MLflow\n` +
      `Model Registry. Each gate run below is the bundled action (node dist/index.js),\n` +
      `started exactly as a GitHub runner starts it. Everything lands in .demo/.`
  )

  // 1 -------------------------------------------------------------------------
  heading(1, 'Start a throwaway MLflow server')
  const { url, logPath } = await startServer()
  say(
    `   ${url}  (SQLite and artifacts in ${rel(SERVER_DIR)}/store, log ${rel(logPath)})`
  )
  say(`   MLflow UI: ${url}/#/models/${MODEL}`)

  // 2 -------------------------------------------------------------------------
  heading(2, 'Data, a first model, and the first gate run (no champion yet)')
  const data = await runCommand(
    PYTHON,
    [join(EXAMPLE, 'make_data.py'), '--out', join(DEMO, 'data')],
    {
      env: cleanEnv(),
      log: join(logs, 'make-data.log'),
      timeoutMs: 60_000
    }
  )
  expect(data.code === 0, `make_data.py failed: ${data.stderr.trim()}`)
  for (const line of data.stdout.trim().split('\n'))
    say(`   ${line.replace(ROOT, '')}`)
  const testSet = join(DEMO, 'data', 'test.csv')
  const facts = testSetFacts(testSet)
  const perfect =
    facts.fraudDollars - facts.frauds * Number(POLICY['cost-true-positive'])
  const share = (100 * facts.frauds) / facts.rows
  const policyLines = [
    ['cost-false-negative: amount', 'a missed fraud costs its amount;'],
    ['cost-true-positive: 5', 'every alert costs $5 of review,'],
    ['cost-false-positive: 5', 'fraud or not'],
    [
      `threshold: ${POLICY.threshold}`,
      `fraud is ${share.toFixed(1)}% of transactions, so its scores rarely reach 0.5;`,
      'at 0.2 the models here send 1-2% of transactions to review'
    ],
    [
      `min-net-benefit: ${POLICY['min-net-benefit']}`,
      "the action's default, $40,000, suits a production-sized test set;",
      `this one holds ${facts.frauds} frauds worth ${dollars(facts.fraudDollars)}, so even a`,
      `perfect model nets ${dollars(perfect)}: $10,000 asks for over a quarter of it`
    ],
    [
      `min-f1: ${POLICY['min-f1']}`,
      'the default: a model that flags nothing (F1 0) never passes'
    ],
    [
      `min-confidence: ${POLICY['min-confidence']}`,
      'beat the champion in 95% of the paired bootstrap resamples, so',
      'a win within the noise of this test set keeps the champion'
    ]
  ]
  say()
  say('   The policy, the same inputs for every gate run below:')
  for (const [input, ...why] of policyLines)
    why.forEach((line, k) =>
      say(`     ${(k === 0 ? input : '').padEnd(32)}${dim(line)}`)
    )
  say()
  say(
    dim(
      '   Each model is a logistic regression on the first N feature columns of the data\n' +
        '   (amount, feature_1, feature_2, ...: train.py --features N).'
    )
  )
  const v1 = await train(url, 2, logs)
  say(`   No @champion yet: the floors alone decide.`)
  const before1 = await aliases(url)
  const gateInputs = {
    mode: 'gate',
    'test-set': rel(testSet),
    'score-command': SCORE_COMMAND,
    ...POLICY
  }
  const run1 = await runAction('1-first-champion', url, gateInputs, 'push')
  showOutputs(run1.outputs)
  showReport(run1)
  const after1 = await aliases(url)
  showAliasMove(before1, after1, ['champion'])
  expect(
    run1.code === 0 &&
      run1.outputs.decision === 'promote' &&
      after1.champion === v1,
    `expected the first gate run to promote v${v1} to @champion; got exit ${run1.code}, decision '${run1.outputs.decision ?? '(none)'}', @champion ${v(after1.champion)} (log: ${rel(run1.files.log)})`
  )

  // 3 -------------------------------------------------------------------------
  heading(3, 'A clearly better challenger takes @champion')
  const v2 = await train(url, 6, logs)
  say(`   v${v2} (6 features) challenges @champion v${v1} (2 features).`)
  const run2 = await runAction('2-clear-win', url, gateInputs, 'push', {
    sameAs: 'step 2'
  })
  showOutputs(run2.outputs)
  const report2 = showReport(run2)
  const after2 = await aliases(url)
  showAliasMove(after1, after2, ['champion', 'previous-champion'])
  expect(
    run2.code === 0 &&
      run2.outputs.decision === 'promote' &&
      run2.outputs['alias-moved'] === 'true' &&
      after2.champion === v2 &&
      after2['previous-champion'] === v1 &&
      report2.comparison.paired?.interval_95[0] > 0,
    `expected v${v2} to beat v${v1} clearly (the whole 95% interval above $0) and become @champion (v${v1} @previous-champion); got exit ${run2.code}, decision '${run2.outputs.decision ?? '(none)'}', interval ${JSON.stringify(report2.comparison.paired?.interval_95)}, @champion ${v(after2.champion)}, @previous-champion ${v(after2['previous-champion'])} (log: ${rel(run2.files.log)})`
  )
  say(`   The whole 95% interval is above $0: a win the test set is sure of.`)
  const tags = await versionTags(url, v2)
  say(`   Evidence tagged on v${v2} (champion_gate.*):`)
  for (const key of [
    'decision',
    'net_benefit',
    'f1',
    'champion_version',
    'champion_net_benefit',
    'test_set_sha256'
  ])
    say(
      `     champion_gate.${key} = ${tags[`champion_gate.${key}`] ?? dim('(missing)')}`
    )
  say(
    `   Serving loads models:/${MODEL}@champion, so it now gets v${v2} on its next reload.`
  )

  // 4 -------------------------------------------------------------------------
  heading(4, 'A candidate that passes both floors but loses to the champion')
  const v3 = await train(url, 3, logs)
  say(
    `   v${v3} (3 features) is good enough to pass both floors, not good enough against v${v2}.`
  )
  const run3 = await runAction('3-loses-to-champion', url, gateInputs, 'push', {
    sameAs: 'step 2'
  })
  showOutputs(run3.outputs)
  const report3 = showReport(run3)
  const after3 = await aliases(url)
  showAliasMove(after2, after3, ['champion', 'previous-champion'])
  const checks3 = passed(report3)
  expect(
    run3.code === 1 &&
      run3.outputs.decision === 'reject' &&
      run3.outputs['alias-moved'] === 'false' &&
      checks3['min-net-benefit'] &&
      checks3['min-f1'] &&
      checks3['min-improvement'] === false &&
      after3.champion === v2 &&
      after3['previous-champion'] === v1,
    `expected v${v3} to pass both floors, lose to v${v2} and be rejected with exit code 1, no alias moved; got exit ${run3.code}, decision '${run3.outputs.decision ?? '(none)'}', checks ${JSON.stringify(checks3)}, @champion ${v(after3.champion)} (log: ${rel(run3.files.log)})`
  )
  const tags3 = await versionTags(url, v3)
  expect(
    tags3['champion_gate.decision'] === 'reject',
    `expected the rejection to be tagged on v${v3}; got champion_gate.decision = ${tags3['champion_gate.decision'] ?? '(missing)'}`
  )
  say(
    `   The step failed (exit 1), so a workflow stops here. @champion still is v${v2}:\n` +
      `   production never noticed v${v3}. The registry changed only in v${v3}'s own tags:\n` +
      `   champion_gate.decision = ${tags3['champion_gate.decision']}, for the record.`
  )

  // 5 -------------------------------------------------------------------------
  heading(5, 'A win within the noise: min-confidence keeps the champion')
  const v4 = await train(url, 5, logs)
  say(
    `   v${v4} (5 features, one fewer than v${v2}) challenges @champion v${v2}.`
  )
  const run4 = await runAction('4-win-within-noise', url, gateInputs, 'push', {
    sameAs: 'step 2'
  })
  showOutputs(run4.outputs)
  const report4 = showReport(run4)
  const after4 = await aliases(url)
  showAliasMove(after3, after4, ['champion', 'previous-champion'])
  const checks4 = passed(report4)
  const paired4 = report4.comparison.paired
  expect(
    run4.code === 1 &&
      run4.outputs.decision === 'reject' &&
      checks4['min-net-benefit'] &&
      checks4['min-f1'] &&
      checks4['min-improvement'] === true &&
      checks4['min-confidence'] === false &&
      paired4?.interval_95[0] < 0 &&
      after4.champion === v2,
    `expected v${v4} to beat v${v2} on this test set but within the noise (the 95% interval spanning $0), and be kept out by min-confidence; got exit ${run4.code}, decision '${run4.outputs.decision ?? '(none)'}', checks ${JSON.stringify(checks4)}, interval ${JSON.stringify(paired4?.interval_95)}, @champion ${v(after4.champion)} (log: ${rel(run4.files.log)})`
  )
  say(
    `   v${v4} nets ${money(report4.comparison.delta_net_benefit_exact)} more on this test set, but the 95% interval\n` +
      `   (${moneyOf(paired4.interval_95[0])} to ${moneyOf(paired4.interval_95[1])}) reaches below $0: in ${(100 * (1 - paired4.confidence)).toFixed(1)}% of the resamples v${v2} does\n` +
      `   as well or better. Without min-confidence it would have been promoted on luck.`
  )

  // 6 -------------------------------------------------------------------------
  heading(6, 'Roll back (mode: rollback, as the workflow_dispatch job runs it)')
  const reason = `demo: v${v2} mis-scores a new merchant category; back to v${v1} while we look`
  say(
    `   Suppose v${v2} misbehaves in production. An on-call engineer dispatches the rollback.`
  )
  const run5 = await runAction(
    '5-rollback',
    url,
    { mode: 'rollback', reason },
    'workflow_dispatch'
  )
  showOutputs(run5.outputs)
  const after5 = await aliases(url)
  showAliasMove(after4, after5, ['champion', 'previous-champion'])
  expect(
    run5.code === 0 &&
      run5.outputs.decision === 'rollback' &&
      after5.champion === v1 &&
      after5['previous-champion'] === v2,
    `expected the rollback to move @champion back to v${v1}; got exit ${run5.code}, decision '${run5.outputs.decision ?? '(none)'}', @champion ${v(after5.champion)} (log: ${rel(run5.files.log)})`
  )
  const rollbackTags = await versionTags(url, v1)
  say(
    `   Tagged on v${v1}: champion_gate.rollback_to.reason = ${rollbackTags['champion_gate.rollback_to.reason'] ?? dim('(missing)')}`
  )
  say(
    `   A second rollback would undo this one (v${v2} is @previous-champion now).`
  )

  // 7 -------------------------------------------------------------------------
  const runs = [run1, run2, run3, run4, run5]
  if (keep) {
    heading(7, 'Keep the MLflow server up (--keep)')
    server.child.unref()
    const pid = server.pid
    server = undefined // not ours to stop any more
    say(`   MLflow UI: ${url}/#/models/${MODEL}  (pid ${pid})`)
    say(`   Stop it with: node scripts/demo.mjs --stop   (or: kill -- -${pid})`)
  } else {
    heading(7, 'Stop the server')
    await stopServer()
    say(
      `   Stopped; its store is gone. The MLflow UI was at ${url}/#/models/${MODEL} while it ran`
    )
    say(`   (node scripts/demo.mjs --keep leaves it up to explore).`)
  }
  say()
  say('   What each run wrote (what a runner would show and keep):')
  const width = Math.max(...runs.map((run) => rel(run.files.report).length))
  for (const run of runs) {
    say(`     ${rel(run.files.summary).padEnd(width)}  job summary (Markdown)`)
    say(`     ${rel(run.files.report).padEnd(width)}  JSON report`)
  }
  say(`   Action logs: .demo/runs/*/action.log; training logs: ${rel(logs)}/`)
  say(dim(`   (${seconds(Date.now() - stepStarted)})`))
  say()
  say(
    green(
      bold(
        `Done in ${seconds(Date.now() - started)}: promoted v${v1}, promoted v${v2} (a clear win), rejected v${v3} (lost to the champion), kept v${v4} out (a win within the noise), rolled back to v${v1}.`
      )
    )
  )
}

// ---------------------------------------------------------------------------

async function main() {
  const args = process.argv.slice(2)
  const unknown = args.filter(
    (a) => !['--keep', '--stop', '--help', '-h'].includes(a)
  )
  if (args.includes('--help') || args.includes('-h') || unknown.length > 0) {
    say('usage: node scripts/demo.mjs [--keep | --stop]')
    say('  --keep  leave the MLflow server up afterwards, to explore its UI')
    say('  --stop  stop a server left up by --keep')
    process.exit(unknown.length > 0 ? 2 : 0)
  }
  if (args.includes('--stop')) {
    if (!(await stopKeptServer())) say('No demo MLflow server is running.')
    return
  }
  // Ctrl-C or the overall deadline: end the commands, stop the server, exit.
  const abort = (message, code) => {
    if (aborting) return
    aborting = true
    say(message)
    killRunning()
    stopServer().finally(() => process.exit(code))
  }
  process.on('SIGINT', () =>
    abort('\ndemo: interrupted; stopping what it started', 130)
  )
  process.on('SIGTERM', () =>
    abort('\ndemo: terminated; stopping what it started', 143)
  )
  const overall = setTimeout(
    () =>
      abort(red(`\ndemo: FAILED: took longer than ${seconds(DEADLINE_MS)}`), 1),
    DEADLINE_MS
  )
  try {
    await story(args.includes('--keep'))
    clearTimeout(overall)
  } catch (error) {
    clearTimeout(overall)
    if (aborting) return // abort() exits once the server is down
    say()
    say(
      red(
        bold(
          error instanceof SetupError
            ? 'demo: FAILED: cannot start.'
            : 'demo: FAILED: the story did not play out as expected.'
        )
      )
    )
    say(
      red(
        error instanceof DemoError
          ? error.message
          : (error?.stack ?? String(error))
      )
    )
    killRunning()
    if (server) {
      await stopServer()
      say(
        'The MLflow server was stopped. Logs: .demo/runs/*/action.log, .demo/logs/, .demo/mlflow/server.log'
      )
    }
    process.exit(1)
  }
}

await main()
