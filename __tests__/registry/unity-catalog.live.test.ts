/**
 * Opt-in smoke test against a real Databricks workspace: skipped unless
 * CHAMPION_GATE_UC_SMOKE_MODEL (a `catalog.schema.model` with an @champion)
 * and DATABRICKS_HOST are set, with credentials the way the action takes
 * them (DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET).
 * It reads the model and @champion with this client and with the official
 * clients and compares, then sets and deletes a throwaway alias
 * (`champion-gate-smoke`) on the champion's version and has databricks-sdk
 * confirm both. It never moves @champion. CI does not run it: the
 * stand-in tests are what CI verifies.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PYTHON } from '../../__fixtures__/registry.js'
import { ROOT } from '../../__fixtures__/run-bundle.js'
import {
  databricksHost,
  DatabricksTokenSource,
  resolveDatabricksAuth
} from '../../src/registry/databricks-connection.js'
import { UnityCatalogClient } from '../../src/registry/unity-catalog-client.js'

const execFileAsync = promisify(execFile)
const SCRIPT = join(ROOT, '__tests__/support/unity-catalog/official_clients.py')
const MODEL = process.env.CHAMPION_GATE_UC_SMOKE_MODEL
const live = MODEL && process.env.DATABRICKS_HOST ? describe : describe.skip
const SMOKE_ALIAS = 'champion-gate-smoke'

async function official(ops: Record<string, unknown>[]): Promise<unknown[]> {
  const { stdout } = await execFileAsync(
    PYTHON,
    [SCRIPT, JSON.stringify(ops)],
    {
      env: { ...process.env, MLFLOW_TRACKING_URI: 'databricks' },
      timeout: 120_000
    }
  )
  return JSON.parse(stdout.trim().split('\n').pop()!) as unknown[]
}

live('Unity Catalog in a real workspace (opt-in)', () => {
  // Built lazily: describe.skip still runs this body, without the variables.
  let client: UnityCatalogClient
  beforeAll(() => {
    const { host } = databricksHost(process.env)
    const options = {
      userAgent: 'champion-gate-smoke',
      timeoutMs: 30_000,
      maxAttempts: 3,
      maxRetryMs: 30_000
    }
    const tokens = new DatabricksTokenSource(
      host,
      resolveDatabricksAuth(undefined, process.env),
      options
    )
    client = new UnityCatalogClient({
      ...options,
      trackingUri: host,
      bearer: () => tokens.token()
    })
  })
  const name = MODEL ?? ''

  it('reads @champion as MLflow and databricks-sdk do', async () => {
    const champion = await client.getModelVersionByAlias(name, 'champion')
    const [byAlias, model] = (await official([
      { op: 'mlflow.get_model_version_by_alias', name, alias: 'champion' },
      { op: 'sdk.registered_models.get', name }
    ])) as [
      { version: string; tags: Record<string, string> },
      { aliases: Record<string, string> }
    ]
    expect(champion?.version).toBe(byAlias.version)
    expect(champion?.tags).toEqual(byAlias.tags)
    const ours = await client.getRegisteredModel(name)
    expect(
      Object.fromEntries((ours?.aliases ?? []).map((a) => [a.alias, a.version]))
    ).toEqual(model.aliases)
  }, 300_000)

  it('sets and deletes a throwaway alias that databricks-sdk sees', async () => {
    const champion = await client.getModelVersionByAlias(name, 'champion')
    expect(champion).toBeDefined()
    await client.setAlias(name, SMOKE_ALIAS, champion!.version)
    try {
      const [seen] = (await official([
        { op: 'sdk.model_versions.get_by_alias', name, alias: SMOKE_ALIAS }
      ])) as [{ version: string }]
      expect(seen.version).toBe(champion!.version)
    } finally {
      await client.deleteAlias(name, SMOKE_ALIAS)
    }
    expect(
      await client.getModelVersionByAlias(name, SMOKE_ALIAS)
    ).toBeUndefined()
  }, 300_000)
})
