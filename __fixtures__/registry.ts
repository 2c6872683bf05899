/**
 * Shared pieces of the tests that run the bundled action against REAL MLflow
 * servers (`bash .ci/with-mlflow.sh npm test` starts them and exports
 * MLFLOW_TRACKING_URI, MLFLOW_AUTH_TRACKING_URI and the test credentials):
 * the suite guard, `seed()` (runs `__tests__/support/mlflow/seed.py`), a small
 * REST reader/writer that shares no code with the action (so the tests check
 * the registry independently of the client under test), unique model names,
 * the runner's environment and the policy the seeded models are judged by.
 */

import { describe, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT, type BundleRun } from './run-bundle.js'

const execFileAsync = promisify(execFile)

export const VENV_BIN = join(ROOT, '.venv', 'bin')
export const PYTHON = join(VENV_BIN, 'python')
export const SEED_SCRIPT = join(ROOT, '__tests__/support/mlflow/seed.py')

/** A tracking server and, for the basic-auth one, whom to be. */
export interface Server {
  readonly uri: string
  readonly username?: string
  readonly password?: string
}

/** The servers `.ci/with-mlflow.sh` started, from the environment. */
export interface Servers {
  readonly plain: Server
  /** The `--app-name basic-auth` server as its admin (only in suites declared with `auth`). */
  readonly admin: Server
  /** The same server as the read-only user, default_permission READ (only with `auth`). */
  readonly reader: Server
}

/**
 * Declares a suite that needs the real servers. Without MLFLOW_TRACKING_URI
 * (or, with `auth`, MLFLOW_AUTH_TRACKING_URI and its credentials) the suite
 * fails and says how to run it, unless CHAMPION_GATE_SKIP_MLFLOW=1 skips it
 * visibly: the convention of mlflow-client.real-server.test.ts.
 */
export function describeWithMlflow(
  title: string,
  body: (servers: Servers) => void,
  options: { auth?: boolean } = {}
): void {
  const env = process.env
  const needed = ['MLFLOW_TRACKING_URI']
  if (options.auth) {
    needed.push(
      'MLFLOW_AUTH_TRACKING_URI',
      'MLFLOW_AUTH_ADMIN_USER',
      'MLFLOW_AUTH_ADMIN_PASSWORD',
      'MLFLOW_AUTH_READER_USER',
      'MLFLOW_AUTH_READER_PASSWORD'
    )
  }
  const missing = needed.filter((name) => !env[name]?.trim())
  if (missing.length === 0) {
    const authUri = env.MLFLOW_AUTH_TRACKING_URI?.trim() ?? ''
    body({
      plain: { uri: env.MLFLOW_TRACKING_URI!.trim() },
      admin: {
        uri: authUri,
        username: env.MLFLOW_AUTH_ADMIN_USER,
        password: env.MLFLOW_AUTH_ADMIN_PASSWORD
      },
      reader: {
        uri: authUri,
        username: env.MLFLOW_AUTH_READER_USER,
        password: env.MLFLOW_AUTH_READER_PASSWORD
      }
    })
    return
  }
  if (env.CHAMPION_GATE_SKIP_MLFLOW === '1') {
    describe.skip(`${title} (skipped: CHAMPION_GATE_SKIP_MLFLOW=1)`, () => {
      it('needs real MLflow servers', () => undefined)
    })
    return
  }
  describe(title, () => {
    it('needs real MLflow servers', () => {
      throw new Error(
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: run the tests via 'bash .ci/with-mlflow.sh npm test' ` +
          '(it starts a plain and a basic-auth MLflow server and exports their URLs and credentials), ' +
          'or set CHAMPION_GATE_SKIP_MLFLOW=1 to skip this suite.'
      )
    })
  })
}

/** A registered-model name no other test or earlier run uses. */
export function uniqueModelName(label: string): string {
  const stamp = Date.now().toString(36)
  const random = Math.random().toString(36).slice(2, 8)
  return `cg-${label}-${stamp}-${random}`
}

/** A 127.0.0.1 port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (typeof address !== 'object' || address === null) {
    throw new Error('could not find a free port')
  }
  return address.port
}

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

// ---------------------------------------------------------------------------
// Seeding.

export type SeedModel = 'strong' | 'weak'

/** One logged model as seed.py reports it. */
export interface SeededModel {
  predictions_csv: string
  auc: number
  pyfunc_predict_fn: 'predict' | 'predict_proba'
  run_id: string
  model_id: string
  /** `models:/m-<id>` */
  model_uri: string
  /** `runs:/<run>/model` */
  runs_uri: string
}

/** seed.py's last stdout line. */
export interface Seeded {
  test_csv: string
  rows: number
  positives: number
  model_name: string
  models: Record<SeedModel, SeededModel>
  versions: Record<string, SeedModel>
  aliases: Record<string, number>
}

export interface SeedOptions {
  readonly server: Server
  readonly modelName: string
  /** Registered as versions 1, 2, … in this order (a model may repeat). */
  readonly register?: readonly SeedModel[]
  readonly aliases?: Record<string, number>
  /** Models logged with pyfunc_predict_fn=predict_proba (seed.py's default: strong). */
  readonly predictProba?: readonly SeedModel[]
}

/**
 * Trains and logs the strong and weak models with seed.py (~4 s), registers
 * and aliases them as asked (as the server's user, through MLflow's own
 * client), and writes test.csv and predictions-<model>.csv. The data and the
 * models are the same on every call (fixed seed), so the figures are too.
 */
export async function seed(options: SeedOptions): Promise<Seeded> {
  if (!existsSync(PYTHON)) {
    throw new Error(
      `${PYTHON} is missing: create it with bash .ci/python-venv.sh.`
    )
  }
  const out = await mkdtemp(join(tmpdir(), 'champion-gate-seed-'))
  const args = [
    SEED_SCRIPT,
    '--tracking-uri',
    options.server.uri,
    '--out',
    out,
    '--model-name',
    options.modelName,
    // An experiment of its own: two seeds creating one experiment at once can collide.
    '--experiment',
    `champion-gate-${options.modelName}`
  ]
  for (const model of options.register ?? []) args.push('--register', model)
  for (const [alias, version] of Object.entries(options.aliases ?? {})) {
    args.push('--alias', `${alias}=${version}`)
  }
  if (options.predictProba) {
    args.push('--predict-proba', options.predictProba.join(','))
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MLFLOW_DISABLE_TELEMETRY: 'true',
    DO_NOT_TRACK: 'true'
  }
  delete env.MLFLOW_TRACKING_USERNAME
  delete env.MLFLOW_TRACKING_PASSWORD
  delete env.MLFLOW_TRACKING_TOKEN
  if (options.server.username && options.server.password) {
    env.MLFLOW_TRACKING_USERNAME = options.server.username
    env.MLFLOW_TRACKING_PASSWORD = options.server.password
  }
  const { stdout } = await execFileAsync(PYTHON, args, {
    env,
    maxBuffer: 16 * 1024 * 1024
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Seeded
}

// ---------------------------------------------------------------------------
// The registry through plain fetch: independent of src/registry.

export interface VersionState {
  version: string
  status: string
  source: string
  run_id: string
  aliases: string[]
  tags: Record<string, string>
}

/** Everything the action could write: aliases, model tags, every version's tags. */
export interface RegistryState {
  aliases: Record<string, string>
  tags: Record<string, string>
  versions: VersionState[]
}

interface RawTag {
  key: string
  value?: string
}

function tagRecord(tags: RawTag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.key, t.value ?? '']))
}

function versionState(raw: Record<string, unknown>): VersionState {
  return {
    version: String(raw.version),
    status: String(raw.status ?? ''),
    source: String(raw.source ?? ''),
    run_id: String(raw.run_id ?? ''),
    aliases: [...((raw.aliases as string[] | undefined) ?? [])].sort(),
    tags: tagRecord(raw.tags as RawTag[] | undefined)
  }
}

/** Reads and writes MLflow's REST API directly, for test setup and checks. */
export class RegistryProbe {
  constructor(readonly server: Server) {}

  private headers(): Record<string, string> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'content-type': 'application/json'
    }
    if (this.server.username && this.server.password) {
      const pair = `${this.server.username}:${this.server.password}`
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`
    }
    return headers
  }

  private async send(
    method: 'GET' | 'POST',
    endpoint: string,
    params: Record<string, string | undefined>
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const url = new URL(
      `${this.server.uri.replace(/\/+$/, '')}/api/2.0/mlflow/${endpoint}`
    )
    let body: string | undefined
    if (method === 'GET') {
      for (const [key, value] of Object.entries(params)) {
        if (value !== undefined) url.searchParams.set(key, value)
      }
    } else {
      body = JSON.stringify(params)
    }
    const response = await fetch(url, {
      method,
      headers: this.headers(),
      body,
      signal: AbortSignal.timeout(20_000)
    })
    const text = await response.text()
    let parsed: Record<string, unknown>
    try {
      parsed = JSON.parse(text) as Record<string, unknown>
    } catch {
      parsed = { text }
    }
    return { status: response.status, body: parsed }
  }

  private async ok(
    method: 'GET' | 'POST',
    endpoint: string,
    params: Record<string, string | undefined>
  ): Promise<Record<string, unknown>> {
    const { status, body } = await this.send(method, endpoint, params)
    if (status >= 300) {
      throw new Error(
        `${method} ${endpoint} ${JSON.stringify(params)}: HTTP ${status} ${JSON.stringify(body)}`
      )
    }
    return body
  }

  /** The registry state of `name`, or undefined when the model does not exist. */
  async state(name: string): Promise<RegistryState | undefined> {
    const got = await this.send('GET', 'registered-models/get', { name })
    if (got.status === 404) return undefined
    if (got.status >= 300) {
      throw new Error(
        `GET registered-models/get ${name}: HTTP ${got.status} ${JSON.stringify(got.body)}`
      )
    }
    const model = got.body.registered_model as {
      aliases?: { alias: string; version: string }[]
      tags?: RawTag[]
    }
    const found = await this.ok('GET', 'model-versions/search', {
      filter: `name='${name}'`,
      max_results: '1000'
    })
    const versions = (
      (found.model_versions as Record<string, unknown>[] | undefined) ?? []
    )
      .map(versionState)
      .sort((a, b) => Number(a.version) - Number(b.version))
    return {
      aliases: Object.fromEntries(
        (model.aliases ?? []).map((a) => [a.alias, String(a.version)])
      ),
      tags: tagRecord(model.tags),
      versions
    }
  }

  /** Like `state`, but the model must exist. */
  async mustState(name: string): Promise<RegistryState> {
    const state = await this.state(name)
    if (!state) throw new Error(`registered model '${name}' does not exist`)
    return state
  }

  async aliases(name: string): Promise<Record<string, string>> {
    return (await this.mustState(name)).aliases
  }

  async version(name: string, version: string): Promise<VersionState> {
    const body = await this.ok('GET', 'model-versions/get', { name, version })
    return versionState(body.model_version as Record<string, unknown>)
  }

  /** The `champion_gate.*` tags of a version, without the prefix. */
  async gateTags(
    name: string,
    version: string
  ): Promise<Record<string, string>> {
    const { tags } = await this.version(name, version)
    return Object.fromEntries(
      Object.entries(tags)
        .filter(([key]) => key.startsWith('champion_gate.'))
        .map(([key, value]) => [key.slice('champion_gate.'.length), value])
    )
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.ok('POST', 'registered-models/alias', { name, alias, version })
  }

  /** Creates a registered model with tags (e.g. a promotion lock another run holds). */
  async createModel(
    name: string,
    tags: Record<string, string> = {}
  ): Promise<void> {
    const url = `${this.server.uri.replace(/\/+$/, '')}/api/2.0/mlflow/registered-models/create`
    const response = await fetch(url, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({
        name,
        tags: Object.entries(tags).map(([key, value]) => ({ key, value }))
      }),
      signal: AbortSignal.timeout(20_000)
    })
    if (response.status >= 300) {
      throw new Error(
        `create ${name}: HTTP ${response.status} ${await response.text()}`
      )
    }
  }

  /** The registered model's tags, or undefined when it does not exist. */
  async modelTags(name: string): Promise<Record<string, string> | undefined> {
    return (await this.state(name))?.tags
  }

  async setVersionTag(
    name: string,
    version: string,
    key: string,
    value: string
  ): Promise<void> {
    await this.ok('POST', 'model-versions/set-tag', {
      name,
      version,
      key,
      value
    })
  }

  /**
   * Registers logged models (`models:/m-<id>`) as the next versions of
   * `name`, creating the registered model first, then sets the aliases:
   * what seed.py does, without training again.
   */
  async register(
    name: string,
    models: readonly SeededModel[],
    aliases: Record<string, number> = {}
  ): Promise<void> {
    const existing = await this.send('GET', 'registered-models/get', { name })
    if (existing.status === 404) {
      await this.ok('POST', 'registered-models/create', { name })
    }
    for (const model of models) {
      await this.ok('POST', 'model-versions/create', {
        name,
        source: model.model_uri,
        model_id: model.model_id,
        run_id: model.run_id
      })
    }
    for (const [alias, version] of Object.entries(aliases)) {
      await this.setAlias(name, alias, String(version))
    }
  }
}

// ---------------------------------------------------------------------------
// Running the bundle as a workflow run would.

/** The runner's variables the evidence tags record (see src/run-context.ts). */
export const RUNNER = {
  GITHUB_SHA: '8f14e45fceea167a5a36dedd4bea2543f1b7a0c2',
  GITHUB_RUN_ID: '4242',
  GITHUB_REPOSITORY: 'acme/fraud-models',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SERVER_URL: 'https://github.com'
} as const

export const RUN_URL = `${RUNNER.GITHUB_SERVER_URL}/${RUNNER.GITHUB_REPOSITORY}/actions/runs/${RUNNER.GITHUB_RUN_ID}`

/** The environment of a step on a push (or the given event), `.venv/bin` on PATH. */
export function runnerEnv(
  extra: Record<string, string> = {}
): Record<string, string> {
  return {
    ...RUNNER,
    GITHUB_EVENT_NAME: 'push',
    PATH: `${VENV_BIN}:${process.env.PATH ?? ''}`,
    MLFLOW_DISABLE_TELEMETRY: 'true',
    DO_NOT_TRACK: 'true',
    ...extra
  }
}

/**
 * The policy the seeded models are judged by: flag at 0.2, a missed fraud
 * costs its amount, a false alarm $5. On seed.py's test set (3,000 rows, 51
 * frauds) the strong model nets about $2,733 at F1 0.42 and passes; the weak
 * one flags nothing (net benefit $0, F1 0) and fails both floors.
 */
export const POLICY: Record<string, string> = {
  threshold: '0.2',
  'cost-false-negative': 'amount',
  'cost-false-positive': '5',
  'min-net-benefit': '1000',
  'min-f1': '0.2',
  comment: 'never'
}

/** A model in the JSON report (the parts the tests read). */
interface ReportModel {
  version: string | null
  model_uri: string | null
  predictions: string | null
  metrics: Record<string, number>
}

/** The JSON report the run wrote. */
export function reportOf(run: BundleRun): Record<string, unknown> & {
  notes: string[]
  decision: string
  test_set: { sha256: string; rows: number }
  candidate: ReportModel
  champion: ReportModel | null
  registry: Record<string, unknown> | null
} {
  return JSON.parse(readFileSync(run.outputs.report, 'utf8'))
}

/**
 * Everything a run showed or published, to look for leaked secrets in. The
 * `::add-mask::` commands are left out: they carry the secret to the runner,
 * which consumes them and shows nothing.
 */
export function everythingShown(run: BundleRun): string {
  const shown = (text: string): string =>
    text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
  return [
    shown(run.stdout),
    shown(run.stderr),
    run.summary,
    JSON.stringify(run.outputs),
    run.outputs.report && existsSync(run.outputs.report)
      ? readFileSync(run.outputs.report, 'utf8')
      : ''
  ].join('\n')
}
