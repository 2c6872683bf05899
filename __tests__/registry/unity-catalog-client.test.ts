/**
 * The Unity Catalog dialect (src/registry/unity-catalog-client.ts) against
 * the stand-in (__tests__/support/unity-catalog-stand-in.ts), with the
 * official clients, MLflow's `databricks-uc` client (mlflow 3.17.2) and
 * databricks-sdk's WorkspaceClient (0.167.0), as the judges: what this
 * client writes they read back, what they write this client reads, and the
 * stand-in refuses every request they would not send.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PYTHON } from '../../__fixtures__/registry.js'
import { ROOT } from '../../__fixtures__/run-bundle.js'
import {
  DatabricksTokenSource,
  resolveDatabricksAuth,
  selectRegistry
} from '../../src/registry/databricks-connection.js'
import {
  acquirePromotionLock,
  UNITY_CATALOG_LOCK_NAMING
} from '../../src/registry/promotion-lock.js'
import {
  catalogExplorerUrl,
  UnityCatalogClient,
  UnityCatalogApiError
} from '../../src/registry/unity-catalog-client.js'
import { UnityCatalogStandIn } from '../support/unity-catalog-stand-in.js'

const execFileAsync = promisify(execFile)
const SCRIPT = join(ROOT, '__tests__/support/unity-catalog/official_clients.py')
const PAT = 'dapi-stand-in-pat'
const MODEL = 'main.fraud.detector'

/** Runs the official clients with a PAT; returns their results. */
async function official(
  host: string,
  ops: Record<string, unknown>[]
): Promise<unknown[]> {
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

const transport = {
  userAgent: 'champion-gate-test',
  timeoutMs: 10_000,
  maxAttempts: 2,
  maxRetryMs: 5_000
}

describe('unity-catalog-client.ts', () => {
  const standIn = new UnityCatalogStandIn({
    pats: [PAT],
    clients: [{ id: 'sp-app-id', secret: 'sp-oauth-secret' }],
    tokenLifetimeSeconds: 3600
  })
  let host = ''
  let client: UnityCatalogClient
  beforeAll(async () => {
    host = await standIn.start()
    client = new UnityCatalogClient({
      ...transport,
      trackingUri: host,
      bearer: () => Promise.resolve(PAT)
    })
  })
  afterAll(() => standIn.stop())

  it('is judged by the client versions the README names', async () => {
    // The stand-in answers what these versions send; another version may
    // send something else, so a drift fails here, not silently.
    expect(await official(host, [{ op: 'versions' }])).toEqual([
      { mlflow: '3.17.2', 'databricks-sdk': '0.167.0' }
    ])
  }, 120_000)

  it('moves @champion and tags a version so that MLflow and databricks-sdk read the same', async () => {
    standIn.seedVersion(MODEL, '1')
    standIn.seedVersion(MODEL, '2')
    standIn.seedAlias(MODEL, 'champion', '1')

    expect(
      (await client.getModelVersionByAlias(MODEL, 'champion'))?.version
    ).toBe('1')
    await client.setModelVersionTag(
      MODEL,
      '2',
      'champion_gate.decision',
      'promote'
    )
    await client.setAlias(MODEL, 'previous-champion', '1')
    await client.setAlias(MODEL, 'champion', '2')

    const [byAlias, registered, sdkAlias] = (await official(host, [
      {
        op: 'mlflow.get_model_version_by_alias',
        name: MODEL,
        alias: 'champion'
      },
      { op: 'sdk.registered_models.get', name: MODEL },
      {
        op: 'sdk.model_versions.get_by_alias',
        name: MODEL,
        alias: 'previous-champion'
      }
    ])) as [
      { version: string; tags: Record<string, string> },
      { aliases: Record<string, string> },
      { version: string }
    ]
    expect(byAlias.version).toBe('2')
    expect(byAlias.tags).toEqual({ 'champion_gate.decision': 'promote' })
    expect(registered.aliases).toEqual({
      champion: '2',
      'previous-champion': '1'
    })
    expect(sdkAlias.version).toBe('1')
    // The answers came over the wire from both clients' own endpoints.
    const paths = standIn.seen.map((s) => `${s.method} ${s.path}`)
    expect(paths).toContain(
      'GET /api/2.0/mlflow/unity-catalog/registered-models/alias'
    )
    expect(paths).toContain(
      `GET /api/2.1/unity-catalog/models/${MODEL}/aliases/previous-champion`
    )
    expect(standIn.rejected).toEqual([])
  }, 180_000)

  it('reads what MLflow and databricks-sdk write', async () => {
    const name = 'main.fraud.written_by_clients'
    standIn.seedVersion(name, '1')
    standIn.seedVersion(name, '2')
    standIn.seedVersion(name, '3')
    await official(host, [
      {
        op: 'mlflow.set_registered_model_alias',
        name,
        alias: 'champion',
        version: '3'
      },
      {
        op: 'mlflow.set_model_version_tag',
        name,
        version: '3',
        key: 'k',
        value: 'v'
      },
      {
        op: 'sdk.registered_models.set_alias',
        name,
        alias: 'previous-champion',
        version: '2'
      }
    ])
    const champion = await client.getModelVersionByAlias(name, 'champion')
    expect(champion?.version).toBe('3')
    expect(champion?.tags).toEqual({ k: 'v' })
    expect(champion?.aliases).toEqual(['champion'])
    const model = await client.getRegisteredModel(name)
    expect(model?.aliases).toEqual([
      { alias: 'champion', version: '3' },
      { alias: 'previous-champion', version: '2' }
    ])
    expect(standIn.rejected).toEqual([])
  }, 180_000)

  it('tells a missing alias from a missing model, and names both', async () => {
    standIn.seedVersion('main.fraud.no_alias', '1')
    expect(
      await client.getModelVersionByAlias('main.fraud.no_alias', 'champion')
    ).toBeUndefined()
    expect(await client.getRegisteredModel('main.fraud.absent')).toBeUndefined()
    await expect(
      client.getModelVersionByAlias('main.fraud.absent', 'champion')
    ).rejects.toThrow(UnityCatalogApiError)
    expect(await client.getModelVersion(MODEL, '99')).toBeUndefined()
  })

  it('without a token, says which credentials to check', async () => {
    const anonymous = new UnityCatalogClient({
      ...transport,
      trackingUri: host
    })
    await expect(anonymous.getRegisteredModel(MODEL)).rejects.toThrow(
      /HTTP 401.*DATABRICKS_TOKEN/
    )
  })

  it('links the Catalog Explorer page of a version', () => {
    expect(
      catalogExplorerUrl('https://adb-1.2.azuredatabricks.net', MODEL, '7')
    ).toBe(
      'https://adb-1.2.azuredatabricks.net/explore/data/models/main/fraud/detector/version/7'
    )
  })

  it('takes and releases the promotion lock as a model in the same schema', async () => {
    const lock = await acquirePromotionLock({
      client: client.lockClient(),
      naming: UNITY_CATALOG_LOCK_NAMING,
      modelName: MODEL,
      owner: 'https://github.com/o/r/actions/runs/1',
      timeoutMs: 0
    })
    expect(lock.name).toBe('main.fraud.detector_champion_gate_lock')
    expect(
      standIn.models.get(lock.name)?.tags.get('champion_gate.lock.token')
    ).toBe(lock.token)
    // A second run cannot take it while it is held.
    await expect(
      acquirePromotionLock({
        client: client.lockClient(),
        naming: UNITY_CATALOG_LOCK_NAMING,
        modelName: MODEL,
        owner: 'another run',
        timeoutMs: 0
      })
    ).rejects.toThrow(/Another run holds the promotion lock/)
    await lock.release()
    expect(standIn.models.has(lock.name)).toBe(false)
    expect(standIn.rejected).toEqual([])
  })

  it("understands Databricks' newer codes: 404 NOT_FOUND is missing, 409 ALREADY_EXISTS a held lock", async () => {
    const newer = new UnityCatalogStandIn({
      pats: [PAT],
      newerErrorCodes: true
    })
    const url = await newer.start()
    try {
      const c = new UnityCatalogClient({
        ...transport,
        trackingUri: url,
        bearer: () => Promise.resolve(PAT)
      })
      expect(await c.getRegisteredModel('main.fraud.absent')).toBeUndefined()
      newer.seedVersion(MODEL, '1')
      expect(await c.getModelVersionByAlias(MODEL, 'champion')).toBeUndefined()
      const take = (owner: string) =>
        acquirePromotionLock({
          client: c.lockClient(),
          naming: UNITY_CATALOG_LOCK_NAMING,
          modelName: MODEL,
          owner,
          timeoutMs: 0
        })
      const lock = await take('first run')
      await expect(take('second run')).rejects.toThrow(
        /Another run holds the promotion lock of 'main\.fraud\.detector': first run/
      )
      await lock.release()
      expect(newer.models.has(lock.name)).toBe(false)
    } finally {
      await newer.stop()
    }
  })

  it('the stand-in refuses what the official clients would not send', async () => {
    const send = (method: string, path: string, body?: unknown) =>
      fetch(`${host}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${PAT}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' })
        },
        body: body === undefined ? undefined : JSON.stringify(body)
      })
    const before = standIn.rejected.length
    // An extra field, a query the SDK never sends, MLflow's field names on the public API.
    expect(
      (
        await send('PUT', `/api/2.1/unity-catalog/models/${MODEL}/aliases/x`, {
          version_num: 1,
          alias: 'x'
        })
      ).status
    ).toBe(400)
    expect(
      (
        await send(
          'GET',
          `/api/2.1/unity-catalog/models/${MODEL}?include_aliases=1`
        )
      ).status
    ).toBe(400)
    expect(
      (
        await send('PUT', `/api/2.1/unity-catalog/models/${MODEL}/aliases/x`, {
          version: '1'
        })
      ).status
    ).toBe(400)
    // A tag without its value; a DELETE of a tag with its fields in the query.
    expect(
      (
        await send(
          'POST',
          '/api/2.0/mlflow/unity-catalog/model-versions/set-tag',
          { name: MODEL, version: '1', key: 'k' }
        )
      ).status
    ).toBe(400)
    expect(
      (
        await send(
          'DELETE',
          `/api/2.0/mlflow/unity-catalog/model-versions/delete-tag?name=${MODEL}&version=1&key=k`
        )
      ).status
    ).toBe(400)
    expect(standIn.rejected.length - before).toBe(5)
    standIn.rejected.splice(before)
  })

  it('names CREATE MODEL on the schema when the lock cannot be created', async () => {
    const denied = new UnityCatalogStandIn({
      pats: [PAT],
      noCreateModelIn: ['main.locked']
    })
    const url = await denied.start()
    try {
      const c = new UnityCatalogClient({
        ...transport,
        trackingUri: url,
        bearer: () => Promise.resolve(PAT)
      })
      await expect(
        acquirePromotionLock({
          client: c.lockClient(),
          naming: UNITY_CATALOG_LOCK_NAMING,
          modelName: 'main.locked.model',
          owner: 'run',
          timeoutMs: 0
        })
      ).rejects.toThrow(/HTTP 403.*CREATE MODEL on schema 'main\.locked'/)
    } finally {
      await denied.stop()
    }
  })
})

describe('databricks-connection.ts', () => {
  it('selects Unity Catalog as MLflow 3 does', () => {
    expect(selectRegistry({ trackingUri: 'databricks' }, {}).kind).toBe(
      'unity-catalog'
    )
    expect(
      selectRegistry({}, { MLFLOW_TRACKING_URI: 'databricks://ci' }).kind
    ).toBe('unity-catalog')
    expect(selectRegistry({ registryUri: 'databricks-uc://ci' }, {}).kind).toBe(
      'unity-catalog'
    )
    expect(
      selectRegistry({}, { MLFLOW_REGISTRY_URI: 'databricks-uc' }).kind
    ).toBe('unity-catalog')
    expect(
      selectRegistry(
        { registryUri: 'databricks', trackingUri: 'databricks' },
        {}
      )
    ).toEqual({
      kind: 'mlflow',
      trackingUri: 'databricks'
    })
    expect(selectRegistry({ trackingUri: 'http://mlflow:5000' }, {}).kind).toBe(
      'mlflow'
    )
    expect(() => selectRegistry({ registryUri: 'uc:http://x' }, {})).toThrow(
      /registry-uri/
    )
  })

  it('picks PAT, then M2M, then GitHub OIDC, and says what is missing', () => {
    expect(
      resolveDatabricksAuth(undefined, { DATABRICKS_TOKEN: 't' }).kind
    ).toBe('pat')
    expect(
      resolveDatabricksAuth(undefined, {
        DATABRICKS_CLIENT_ID: 'a',
        DATABRICKS_CLIENT_SECRET: 's'
      }).kind
    ).toBe('oauth-m2m')
    expect(
      resolveDatabricksAuth(undefined, {
        DATABRICKS_CLIENT_ID: 'a',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://x',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'y'
      })
    ).toEqual({ kind: 'github-oidc', clientId: 'a', audience: undefined })
    expect(
      resolveDatabricksAuth(undefined, {
        DATABRICKS_CLIENT_ID: 'a',
        DATABRICKS_TOKEN_AUDIENCE: 'acct-1',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://x',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'y'
      })
    ).toMatchObject({ audience: 'acct-1' })
    expect(() =>
      resolveDatabricksAuth(undefined, { DATABRICKS_CLIENT_ID: 'a' })
    ).toThrow(/id-token: write/)
    expect(() => resolveDatabricksAuth(undefined, {})).toThrow(
      /DATABRICKS_TOKEN/
    )
  })

  it('refreshes an OAuth token before it expires', async () => {
    const standIn = new UnityCatalogStandIn({
      clients: [{ id: 'sp', secret: 'sec' }],
      tokenLifetimeSeconds: 100
    })
    const host = await standIn.start()
    try {
      let now = 1_000_000
      const masked: string[] = []
      const source = new DatabricksTokenSource(
        host,
        { kind: 'oauth-m2m', clientId: 'sp', clientSecret: 'sec' },
        { ...transport, now: () => now, mask: (s) => masked.push(s) }
      )
      const first = await source.token()
      expect(await source.token()).toBe(first)
      now += 79_000 // 100 s token, renewed in its last fifth
      expect(await source.token()).toBe(first)
      now += 2_000
      const second = await source.token()
      expect(second).not.toBe(first)
      expect(masked).toEqual([first, second])
      expect(standIn.issued.map((t) => t.kind)).toEqual([
        'oauth-m2m',
        'oauth-m2m'
      ])
      expect(standIn.rejected).toEqual([])
    } finally {
      await standIn.stop()
    }
  })
})
