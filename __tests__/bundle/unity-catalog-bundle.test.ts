/**
 * The bundled action (dist/index.js, run as the runner runs it) against the
 * Unity Catalog stand-in (__tests__/support/unity-catalog-stand-in.ts): gate
 * (promote and reject), rollback, evaluate and the promotion lock, with each
 * kind of authentication Databricks documents (a PAT, OAuth M2M, GitHub OIDC
 * federation through a stand-in for GitHub's ID-token endpoint). After each
 * run, MLflow's `databricks-uc` client and databricks-sdk read the aliases
 * and tags back, and the stand-in must have refused nothing.
 *
 *   npm run -s package && npx jest __tests__/bundle/unity-catalog-bundle.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import {
  PYTHON,
  RUN_URL,
  everythingShown,
  runnerEnv
} from '../../__fixtures__/registry.js'
import {
  ROOT,
  runBundle,
  type BundleRun
} from '../../__fixtures__/run-bundle.js'
import { UnityCatalogStandIn } from '../support/unity-catalog-stand-in.js'

const execFileAsync = promisify(execFile)
const SCRIPT = join(ROOT, '__tests__/support/unity-catalog/official_clients.py')
const PAT = 'dapi-bundle-pat-s3cret'
const CLIENT = { id: 'b5e7c2a0-sp-app', secret: 'dose-oauth-s3cret' }
const GITHUB_RUNTIME_TOKEN = 'gh-runtime-s3cret'

/** 200 rows: label 1 every 10th row; a good and a useless model. */
function files(dir: string): { test: string; good: string; bad: string } {
  const rows = ['id,label,amount']
  const good = ['prediction']
  const bad = ['prediction']
  for (let i = 0; i < 200; i++) {
    const fraud = i % 10 === 0
    rows.push(`${i},${fraud ? 1 : 0},${fraud ? 900 : 40}`)
    good.push(fraud ? '0.9' : '0.05')
    bad.push(fraud ? '0.05' : '0.9')
  }
  const path = (name: string, lines: string[]) => {
    const file = join(dir, name)
    writeFileSync(file, `${lines.join('\n')}\n`)
    return file
  }
  return {
    test: path('test.csv', rows),
    good: path('good.csv', good),
    bad: path('bad.csv', bad)
  }
}

const POLICY = {
  threshold: '0.5',
  'cost-false-negative': 'amount',
  'cost-false-positive': '5',
  'min-net-benefit': '1000',
  'min-f1': '0.2',
  'bootstrap-samples': '0',
  comment: 'never'
}

describe('dist/index.js against Unity Catalog (stand-in)', () => {
  const standIn = new UnityCatalogStandIn({
    pats: [PAT],
    clients: [CLIENT],
    githubRequestToken: GITHUB_RUNTIME_TOKEN,
    federationAudience: 'databricks-account-id-123',
    noManageOn: ['main.fraud.not_managed']
  })
  let host = ''
  let data: ReturnType<typeof files>
  beforeAll(async () => {
    host = await standIn.start()
    data = files(mkdtempSync(join(tmpdir(), 'uc-bundle-')))
  })
  afterAll(() => standIn.stop())

  type Auth = 'pat' | 'oauth-m2m' | 'github-oidc'
  function authEnv(auth: Auth): Record<string, string> {
    if (auth === 'pat') return { DATABRICKS_TOKEN: PAT }
    if (auth === 'oauth-m2m') {
      return {
        DATABRICKS_CLIENT_ID: CLIENT.id,
        DATABRICKS_CLIENT_SECRET: CLIENT.secret
      }
    }
    return {
      DATABRICKS_CLIENT_ID: CLIENT.id,
      DATABRICKS_TOKEN_AUDIENCE: 'databricks-account-id-123',
      ACTIONS_ID_TOKEN_REQUEST_URL: standIn.idTokenRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_RUNTIME_TOKEN
    }
  }

  function run(
    auth: Auth,
    inputs: Record<string, string>,
    env: Record<string, string> = {}
  ): Promise<BundleRun> {
    return runBundle(
      {
        'tracking-uri': 'databricks',
        'test-set': data.test,
        ...POLICY,
        ...inputs
      },
      {
        env: runnerEnv({
          DATABRICKS_HOST: host,
          ...authEnv(auth),
          ...env
        })
      }
    )
  }

  async function official(ops: Record<string, unknown>[]): Promise<unknown[]> {
    const { stdout } = await execFileAsync(
      PYTHON,
      [SCRIPT, JSON.stringify(ops)],
      {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          DATABRICKS_HOST: host,
          DATABRICKS_TOKEN: PAT,
          MLFLOW_TRACKING_URI: 'databricks'
        },
        timeout: 120_000
      }
    )
    return JSON.parse(stdout.trim().split('\n').pop()!) as unknown[]
  }

  function seedModel(name: string): void {
    standIn.seedVersion(name, '1')
    standIn.seedVersion(name, '2')
    standIn.seedAlias(name, 'champion', '1')
  }

  function secretsShown(result: BundleRun): string[] {
    const shown = everythingShown(result)
    const issued = standIn.issued.map((t) => t.token)
    const idTokens = [...standIn.idTokens.keys()]
    return [
      PAT,
      CLIENT.secret,
      GITHUB_RUNTIME_TOKEN,
      ...issued,
      ...idTokens
    ].filter((secret) => shown.includes(secret))
  }

  it.each<Auth>(['pat', 'oauth-m2m', 'github-oidc'])(
    'gate promotes with %s: MLflow and databricks-sdk see @champion on the candidate, with the evidence tags',
    async (auth) => {
      const name = `main.fraud.promote_${auth.replace('-', '_')}`
      seedModel(name)
      const issuedBefore = standIn.issued.length
      const result = await run(auth, {
        mode: 'gate',
        'model-name': name,
        'candidate-version': '2',
        'candidate-predictions': data.good,
        'champion-predictions': data.bad
      })
      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      expect(result.outputs.decision).toBe('promote')
      const [champion, previous, model] = (await official([
        { op: 'mlflow.get_model_version_by_alias', name, alias: 'champion' },
        {
          op: 'mlflow.get_model_version_by_alias',
          name,
          alias: 'previous-champion'
        },
        { op: 'sdk.registered_models.get', name }
      ])) as [
        { version: string; tags: Record<string, string> },
        { version: string },
        { aliases: Record<string, string> }
      ]
      // DATABRICKS_HOST is plain http here: said, not refused.
      expect(result.stdout).toMatch(
        /::warning::DATABRICKS_HOST is http:\/\/127\.0\.0\.1:\d+, plain http/
      )
      expect(champion.version).toBe('2')
      expect(champion.tags['champion_gate.decision']).toBe('promote')
      expect(champion.tags['champion_gate.run_url']).toBe(RUN_URL)
      expect(previous.version).toBe('1')
      expect(model.aliases).toMatchObject({
        champion: '2',
        'previous-champion': '1'
      })
      // The lock was taken and released in the model's schema.
      expect(standIn.models.has(`${name}_champion_gate_lock`)).toBe(false)
      expect(
        standIn.seen.some(
          (s) =>
            s.method === 'POST' &&
            s.path.endsWith('/registered-models/create') &&
            (s.body as { name: string }).name === `${name}_champion_gate_lock`
        )
      ).toBe(true)
      // Links go to the Catalog Explorer page of the version.
      expect(result.summary).toContain(
        `${host}/explore/data/models/main/fraud/${name.split('.')[2]}/version/2`
      )
      if (auth !== 'pat') {
        expect(standIn.issued.slice(issuedBefore).map((t) => t.kind)).toContain(
          auth
        )
      }
      expect(secretsShown(result)).toEqual([])
      expect(standIn.rejected).toEqual([])
    },
    240_000
  )

  it.each<Auth>(['pat', 'oauth-m2m', 'github-oidc'])(
    'gate rejects a worse candidate with %s: @champion stays, the evidence is tagged',
    async (auth) => {
      const name = `main.fraud.reject_${auth.replace('-', '_')}`
      seedModel(name)
      const result = await run(auth, {
        mode: 'gate',
        'model-name': name,
        'candidate-version': '2',
        'candidate-predictions': data.bad,
        'champion-predictions': data.good,
        'fail-on-reject': 'false'
      })
      expect(result.errors).toEqual([])
      expect(result.outputs.decision).toBe('reject')
      const [champion, candidate] = (await official([
        { op: 'mlflow.get_model_version_by_alias', name, alias: 'champion' },
        { op: 'mlflow.get_model_version', name, version: '2' }
      ])) as [{ version: string }, { tags: Record<string, string> }]
      expect(champion.version).toBe('1')
      expect(candidate.tags['champion_gate.decision']).toBe('reject')
      expect(secretsShown(result)).toEqual([])
      expect(standIn.rejected).toEqual([])
    },
    240_000
  )

  it.each<Auth>(['pat', 'oauth-m2m', 'github-oidc'])(
    'rollback with %s moves @champion back to @previous-champion, as the official clients read it',
    async (auth) => {
      const name = `main.fraud.rollback_${auth.replace('-', '_')}`
      seedModel(name)
      standIn.seedAlias(name, 'champion', '2')
      standIn.seedAlias(name, 'previous-champion', '1')
      const result = await run(auth, {
        mode: 'rollback',
        'model-name': name,
        reason: 'alerts doubled'
      })
      expect(result.errors).toEqual([])
      const [champion, model] = (await official([
        { op: 'mlflow.get_model_version_by_alias', name, alias: 'champion' },
        { op: 'sdk.registered_models.get', name }
      ])) as [
        { version: string; tags: Record<string, string> },
        { aliases: Record<string, string> }
      ]
      expect(champion.version).toBe('1')
      expect(model.aliases).toMatchObject({
        champion: '1',
        'previous-champion': '2'
      })
      expect(standIn.rejected).toEqual([])
    },
    240_000
  )

  it.each<Auth>(['pat', 'oauth-m2m', 'github-oidc'])(
    "evaluate with %s reads an alias set by MLflow's client and writes nothing",
    async (auth) => {
      const name = `main.fraud.evaluate_${auth.replace('-', '_')}`
      standIn.seedVersion(name, '1')
      standIn.seedVersion(name, '2')
      await official([
        {
          op: 'mlflow.set_registered_model_alias',
          name,
          alias: 'champion',
          version: '1'
        },
        {
          op: 'sdk.registered_models.set_alias',
          name,
          alias: 'candidate',
          version: '2'
        }
      ])
      const apiWrites = () =>
        standIn.seen.filter(
          (s) => s.method !== 'GET' && s.path.startsWith('/api/')
        ).length
      const writesBefore = apiWrites()
      const result = await run(auth, {
        mode: 'evaluate',
        'model-name': name,
        'candidate-predictions': data.good,
        'champion-predictions': data.bad
      })
      expect(result.errors).toEqual([])
      const report = JSON.parse(
        readFileSync(result.outputs.report, 'utf8')
      ) as {
        candidate: { version: string | null }
        champion: { version: string | null }
      }
      expect(report.candidate.version).toBe('2')
      expect(report.champion.version).toBe('1')
      expect(apiWrites()).toBe(writesBefore)
      expect(standIn.aliasOf(name, 'champion')).toBe('1')
      expect(standIn.rejected).toEqual([])
    },
    240_000
  )

  it.each<Auth>(['pat', 'oauth-m2m', 'github-oidc'])(
    'with %s, waits for the promotion lock another run holds, and does not write',
    async (auth) => {
      const name = `main.fraud.race_${auth.replace('-', '_')}`
      seedModel(name)
      // Another run holds the lock, far from expiry.
      standIn.models.set(`${name}_champion_gate_lock`, {
        description: 'held',
        tags: new Map([
          [
            'champion_gate.lock.owner',
            'https://github.com/acme/other/actions/runs/1'
          ],
          ['champion_gate.lock.token', 'aaaaaaaaaaaaaaaa'],
          ['champion_gate.lock.model', name],
          ['champion_gate.lock.started_at', new Date().toISOString()],
          [
            'champion_gate.lock.expires_at',
            new Date(Date.now() + 600_000).toISOString()
          ]
        ]),
        aliases: new Map(),
        versions: new Map(),
        created: Date.now()
      })
      const result = await run(auth, {
        mode: 'gate',
        'model-name': name,
        'candidate-version': '2',
        'candidate-predictions': data.good,
        'champion-predictions': data.bad,
        'lock-timeout-seconds': '1'
      })
      expect(result.status).toBe(1)
      expect(result.errors.join('\n')).toMatch(
        /Another run holds the promotion lock/
      )
      expect(standIn.aliasOf(name, 'champion')).toBe('1')
      expect(standIn.tagsOf(name, '2')).toEqual({})
      expect(standIn.rejected).toEqual([])
    },
    240_000
  )

  it('refuses a name that is not catalog.schema.model, and register-on-pass, before any request', async () => {
    const before = standIn.seen.length
    const short = await run('pat', {
      mode: 'gate',
      'model-name': 'fraud-detector',
      'candidate-version': '2',
      'candidate-predictions': data.good
    })
    expect(short.errors.join('\n')).toMatch(
      /Input 'model-name': 'fraud-detector' is not a Unity Catalog model name.*catalog\.schema\.model/
    )
    const uri = await run('pat', {
      mode: 'gate',
      'model-name': 'main.fraud.detector',
      'candidate-model-uri': 'runs:/abc/model',
      'candidate-predictions': data.good
    })
    expect(uri.errors.join('\n')).toMatch(
      /Input 'candidate-model-uri'.*Register the model in the training step/
    )
    expect(standIn.seen.length).toBe(before)
  }, 120_000)

  it.each<Auth>(['oauth-m2m', 'github-oidc'])(
    'score-command with %s scores models:/catalog.schema.model/<v> URIs: MLflow in the scorer reads them with the token this run holds',
    async (auth) => {
      const name = `main.fraud.scored_${auth.replace('-', '_')}`
      seedModel(name)
      const dir = mkdtempSync(join(tmpdir(), 'uc-score-'))
      const record = join(dir, 'record.jsonl')
      const scorer = join(ROOT, '__tests__/support/unity-catalog/scorer.py')
      const result = await run(auth, {
        mode: 'gate',
        'model-name': name,
        'candidate-version': '2',
        'score-command': `${PYTHON} ${scorer} {model_uri} {output} ${record} 2=${data.good} 1=${data.bad}`
      })
      expect(result.errors).toEqual([])
      expect(result.outputs.decision).toBe('promote')
      const calls = readFileSync(record, 'utf8')
        .trim()
        .split('\n')
        .map(
          (line) =>
            JSON.parse(line) as {
              model_uri: string
              env: Record<string, string | null>
            }
        )
      expect(calls.map((c) => c.model_uri).sort()).toEqual([
        `models:/${name}/1`,
        `models:/${name}/2`
      ])
      const issued = new Map(standIn.issued.map((t) => [t.token, t.kind]))
      for (const { env } of calls) {
        expect(env.MLFLOW_REGISTRY_URI).toBe('databricks-uc')
        expect(env.DATABRICKS_HOST).toBe(host)
        expect(issued.get(env.DATABRICKS_TOKEN ?? '')).toBe(auth)
        // No long-lived secret reaches the scorer.
        expect(env.DATABRICKS_CLIENT_SECRET).toBeNull()
      }
      expect(standIn.aliasOf(name, 'champion')).toBe('2')
      expect(secretsShown(result)).toEqual([])
      expect(standIn.rejected).toEqual([])
    },
    240_000
  )

  it('an OAuth token that expires mid-run is fetched again before the writes', async () => {
    const shortLived = new UnityCatalogStandIn({
      clients: [CLIENT],
      tokenLifetimeSeconds: 1
    })
    const url = await shortLived.start()
    try {
      const name = 'main.fraud.short_tokens'
      shortLived.seedVersion(name, '1')
      shortLived.seedVersion(name, '2')
      shortLived.seedAlias(name, 'champion', '1')
      const scorer = join(
        ROOT,
        '__tests__/support/unity-catalog/slow-scorer.mjs'
      )
      const result = await runBundle(
        {
          'tracking-uri': 'databricks',
          'test-set': data.test,
          ...POLICY,
          mode: 'gate',
          'model-name': name,
          'candidate-version': '2',
          'score-command': `${process.execPath} ${scorer} {model_uri} {output} 2=${data.good} 1=${data.bad}`
        },
        {
          env: runnerEnv({
            DATABRICKS_HOST: url,
            DATABRICKS_CLIENT_ID: CLIENT.id,
            DATABRICKS_CLIENT_SECRET: CLIENT.secret
          })
        }
      )
      expect(result.errors).toEqual([])
      expect(shortLived.aliasOf(name, 'champion')).toBe('2')
      // Two scorers of 1.5 s each: the token of the reads is gone by the writes.
      expect(shortLived.issued.length).toBeGreaterThanOrEqual(2)
      expect(shortLived.rejected).toEqual([])
    } finally {
      await shortLived.stop()
    }
  }, 240_000)

  it('a federation policy that names another audience is named in the error', async () => {
    const result = await run(
      'github-oidc',
      {
        mode: 'evaluate',
        'model-name': 'main.fraud.detector',
        'candidate-predictions': data.good
      },
      { DATABRICKS_TOKEN_AUDIENCE: '' }
    )
    expect(result.status).toBe(1)
    expect(result.errors.join('\n')).toMatch(
      /token endpoint refused GitHub's ID token for service principal .* \(audience http:\/\/127\.0\.0\.1:\d+\/oidc\/v1\/token\).*federation policy.*DATABRICKS_TOKEN_AUDIENCE/
    )
    expect(secretsShown(result)).toEqual([])
  }, 120_000)

  it("registry-uri 'databricks' keeps the legacy workspace registry: MLflow's dialect at DATABRICKS_HOST", async () => {
    const before = standIn.seen.length
    const result = await run('pat', {
      mode: 'evaluate',
      'registry-uri': 'databricks',
      'model-name': 'fraud-detector',
      'candidate-predictions': data.good
    })
    expect(result.status).toBe(1)
    const paths = standIn.seen.slice(before).map((s) => s.path)
    expect(paths[0]).toBe('/api/2.0/mlflow/registered-models/get')
    expect(result.errors.join('\n')).toMatch(/MLflow at http:\/\/127\.0\.0\.1/)
  }, 120_000)

  it("without DATABRICKS_TOKEN_AUDIENCE, asks GitHub for the workspace's default federation audience, as databricks-sdk does", async () => {
    const withMetadata = new UnityCatalogStandIn({
      clients: [CLIENT],
      githubRequestToken: GITHUB_RUNTIME_TOKEN,
      federationAudience: 'databricks-account-id-456',
      hostMetadata: true
    })
    const url = await withMetadata.start()
    try {
      const name = 'main.fraud.default_audience'
      withMetadata.seedVersion(name, '1')
      withMetadata.seedAlias(name, 'champion', '1')
      const result = await runBundle(
        {
          'tracking-uri': 'databricks',
          'test-set': data.test,
          ...POLICY,
          mode: 'evaluate',
          'model-name': name,
          'candidate-predictions': data.good,
          'champion-predictions': data.bad
        },
        {
          env: runnerEnv({
            DATABRICKS_HOST: url,
            DATABRICKS_CLIENT_ID: CLIENT.id,
            ACTIONS_ID_TOKEN_REQUEST_URL: withMetadata.idTokenRequestUrl,
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_RUNTIME_TOKEN
          })
        }
      )
      expect(result.errors).toEqual([])
      expect([...withMetadata.idTokens.values()]).toEqual([
        'databricks-account-id-456'
      ])
      expect(withMetadata.issued.map((t) => t.kind)).toEqual(['github-oidc'])
      expect(withMetadata.rejected).toEqual([])
    } finally {
      await withMetadata.stop()
    }
  }, 120_000)

  it("deletes an earlier verdict's tag this verdict does not set, as MLflow reads it", async () => {
    const name = 'main.fraud.stale_tags'
    standIn.seedVersion(name, '1')
    standIn.seedVersion(name, '2', { 'champion_gate.segment_column': 'region' })
    standIn.seedAlias(name, 'champion', '1')
    const result = await run('pat', {
      mode: 'gate',
      'model-name': name,
      'candidate-version': '2',
      'candidate-predictions': data.good,
      'champion-predictions': data.bad
    })
    expect(result.errors).toEqual([])
    const [candidate] = (await official([
      { op: 'mlflow.get_model_version', name, version: '2' }
    ])) as [{ tags: Record<string, string> }]
    expect(candidate.tags['champion_gate.decision']).toBe('promote')
    expect(candidate.tags).not.toHaveProperty('champion_gate.segment_column')
    expect(standIn.rejected).toEqual([])
  }, 120_000)

  it('a missing MANAGE on the model is named, and @champion does not move', async () => {
    const name = 'main.fraud.not_managed'
    seedModel(name)
    const result = await run('pat', {
      mode: 'gate',
      'model-name': name,
      'candidate-version': '2',
      'candidate-predictions': data.good,
      'champion-predictions': data.bad
    })
    expect(result.status).toBe(1)
    expect(result.errors.join('\n')).toMatch(
      /HTTP 403.*ownership of \(or MANAGE on\) model 'main\.fraud\.not_managed'/
    )
    expect(standIn.aliasOf(name, 'champion')).toBe('1')
    expect(standIn.rejected).toEqual([])
  }, 120_000)

  it('a refused token names what is missing', async () => {
    const result = await run(
      'pat',
      {
        mode: 'evaluate',
        'model-name': 'main.fraud.detector',
        'candidate-predictions': data.good
      },
      { DATABRICKS_TOKEN: 'dapi-wrong' }
    )
    expect(result.errors.join('\n')).toMatch(
      /Unity Catalog at .*HTTP 401.*DATABRICKS_TOKEN/
    )
  }, 120_000)
})
