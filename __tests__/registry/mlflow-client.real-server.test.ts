/**
 * The MLflow client against a REAL MLflow server (`MLFLOW_TRACKING_URI`, as
 * `.ci/run` exports it; credentials from `MLFLOW_TRACKING_*`). Without the
 * variable the suite fails, unless `CHAMPION_GATE_SKIP_MLFLOW=1` skips it.
 * Models are logged by `__tests__/support/mlflow/seed.py` and registered under
 * a name unique to the run, so reruns against one server do not collide.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import {
  MlflowApiError,
  MlflowClient,
  type MlflowClientOptions
} from '../../src/registry/mlflow-client.js'
import { resolveTrackingConnection } from '../../src/registry/tracking-connection.js'

const run = promisify(execFile)
const trackingUri = process.env.MLFLOW_TRACKING_URI?.trim()
const skip = process.env.CHAMPION_GATE_SKIP_MLFLOW === '1'
const python = resolve('.venv/bin/python')
const seedScript = resolve('__tests__/support/mlflow/seed.py')
const pythonEnv = {
  ...process.env,
  MLFLOW_DISABLE_TELEMETRY: 'true',
  DO_NOT_TRACK: 'true'
}

/** What seed.py reports per logged model (its last stdout line). */
interface SeededModel {
  run_id: string
  model_id: string
  model_uri: string
  runs_uri: string
}

if (trackingUri === undefined || trackingUri === '') {
  const title = 'mlflow-client against a real MLflow server'
  if (skip) {
    describe.skip(`${title} (skipped: CHAMPION_GATE_SKIP_MLFLOW=1)`, () => {
      it('needs MLFLOW_TRACKING_URI', () => undefined)
    })
  } else {
    describe(title, () => {
      it('needs MLFLOW_TRACKING_URI', () => {
        throw new Error(
          'MLFLOW_TRACKING_URI is not set: start a server (bash .ci/mlflow-server.sh start, or .ci/run) and export its URL, or set CHAMPION_GATE_SKIP_MLFLOW=1 to skip this suite.'
        )
      })
    })
  }
} else {
  realServerSuite(trackingUri)
}

function realServerSuite(uri: string): void {
  const connection = resolveTrackingConnection({}, process.env)
  const options: MlflowClientOptions = {
    trackingUri: connection.trackingUri,
    auth: connection.auth,
    userAgent: 'champion-gate/real-server-test',
    timeoutMs: 15_000,
    maxAttempts: 3,
    maxRetryMs: 20_000
  }
  const client = new MlflowClient(options)
  const name = `champion-gate-rc-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  let outDir = ''
  let strong: SeededModel
  let weak: SeededModel

  describe(`mlflow-client against ${uri}`, () => {
    beforeAll(async () => {
      if (!existsSync(python)) {
        throw new Error(
          `${python} is missing: create it with bash .ci/python-venv.sh.`
        )
      }
      outDir = await mkdtemp(join(tmpdir(), 'champion-gate-mlflow-'))
      const { stdout } = await run(
        python,
        [
          seedScript,
          '--tracking-uri',
          uri,
          '--out',
          outDir,
          '--model-name',
          name,
          '--rows',
          '200'
        ],
        { env: pythonEnv, maxBuffer: 16 * 1024 * 1024 }
      )
      const seeded = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
        models: Record<'strong' | 'weak', SeededModel>
      }
      strong = seeded.models.strong
      weak = seeded.models.weak
    }, 180_000)

    afterAll(async () => {
      if (outDir) await rm(outDir, { recursive: true, force: true })
    })

    it('creates a registered model and reads it back', async () => {
      await expect(client.getRegisteredModel(name)).resolves.toBeUndefined()
      const created = await client.createRegisteredModel(name, {
        description: 'champion-gate real-server test',
        tags: { purpose: 'test' }
      })
      expect(created.name).toBe(name)
      const read = await client.getRegisteredModel(name)
      expect(read).toMatchObject({ name, tags: { purpose: 'test' } })
      const again = await client.createRegisteredModel(name).catch((e) => e)
      expect(again).toBeInstanceOf(MlflowApiError)
      expect(again).toMatchObject({
        status: 400,
        errorCode: 'RESOURCE_ALREADY_EXISTS'
      })
    })

    it('registers versions from models:/m-<id> and runs:/ URIs that load', async () => {
      const fromModel = await client.registerModelVersion(
        name,
        strong.model_uri,
        { tags: { origin: 'models-uri' } }
      )
      const fromRun = await client.registerModelVersion(name, weak.runs_uri)
      const v1 = await client.waitForModelVersionReady(name, fromModel.version)
      const v2 = await client.waitForModelVersionReady(name, fromRun.version)
      expect(v1).toMatchObject({
        version: '1',
        status: 'READY',
        source: `models:/${strong.model_id}`,
        run_id: strong.run_id,
        tags: { origin: 'models-uri' }
      })
      // A runs:/ URI of an MLflow 3 logged model registers the logged model.
      expect(v2).toMatchObject({
        version: '2',
        status: 'READY',
        source: `models:/${weak.model_id}`,
        run_id: weak.run_id
      })
      // What `mlflow models predict -m models:/<name>/<v>` does: load and score.
      const { stdout } = await run(
        python,
        [
          '-c',
          [
            'import sys, mlflow, pandas as pd',
            'df = pd.read_csv(sys.argv[2]).head(3)',
            'for v in ("1", "2"):',
            '    m = mlflow.pyfunc.load_model(f"models:/{sys.argv[1]}/{v}")',
            '    print(v, len(m.predict(df)))'
          ].join('\n'),
          name,
          join(outDir, 'test.csv')
        ],
        { env: { ...pythonEnv, MLFLOW_TRACKING_URI: uri } }
      )
      expect(stdout.trim().split('\n').slice(-2)).toEqual(['1 3', '2 3'])
    }, 120_000)

    it('sets, moves, reads and deletes aliases', async () => {
      await client.setAlias(name, 'champion', '1')
      await expect(
        client.getModelVersionByAlias(name, 'champion')
      ).resolves.toMatchObject({ version: '1', aliases: ['champion'] })

      await client.setAlias(name, 'previous-champion', '1')
      await client.setAlias(name, 'champion', '2')
      await expect(
        client.getModelVersionByAlias(name, 'champion')
      ).resolves.toMatchObject({ version: '2' })
      const model = await client.getRegisteredModel(name)
      expect(
        Object.fromEntries(
          model?.aliases.map((a) => [a.alias, a.version]) ?? []
        )
      ).toEqual({ champion: '2', 'previous-champion': '1' })

      await client.deleteAlias(name, 'previous-champion')
      await expect(
        client.getModelVersionByAlias(name, 'previous-champion')
      ).resolves.toBeUndefined()
      // Deleting an alias that does not exist succeeds (MLflow answers 200).
      await client.deleteAlias(name, 'previous-champion')
    })

    it('tells a missing alias (undefined) from a missing model (error)', async () => {
      await expect(
        client.getModelVersionByAlias(name, 'never-set')
      ).resolves.toBeUndefined()
      const error = await client
        .getModelVersionByAlias(`${name}-missing`, 'champion')
        .catch((e) => e)
      expect(error).toBeInstanceOf(MlflowApiError)
      expect(error).toMatchObject({
        status: 404,
        errorCode: 'RESOURCE_DOES_NOT_EXIST'
      })
      await expect(client.getModelVersion(name, '99')).resolves.toBeUndefined()
    })

    it('sets model version tags, including an empty value', async () => {
      await client.setModelVersionTag(
        name,
        '2',
        'champion-gate.verdict',
        'promote'
      )
      await client.setModelVersionTag(name, '2', 'champion-gate.note', '')
      const version = await client.getModelVersion(name, '2')
      expect(version?.tags).toMatchObject({
        'champion-gate.verdict': 'promote',
        'champion-gate.note': ''
      })
    })

    it('reads runs and logged models, undefined when missing', async () => {
      const found = await client.getRun(strong.run_id)
      expect(found?.info.run_id).toBe(strong.run_id)
      expect(found?.outputs?.model_outputs.map((o) => o.model_id)).toContain(
        strong.model_id
      )
      const logged = await client.getLoggedModel(strong.model_id)
      expect(logged?.info).toMatchObject({
        model_id: strong.model_id,
        name: 'model',
        source_run_id: strong.run_id
      })
      await expect(client.getRun('0'.repeat(32))).resolves.toBeUndefined()
      await expect(client.getLoggedModel('m-missing')).resolves.toBeUndefined()
    })

    it('hints at the path prefix when the tracking URI is wrong', async () => {
      const wrong = new MlflowClient({
        ...options,
        trackingUri: `${options.trackingUri.replace(/\/+$/, '')}/not-mlflow/`
      })
      const error = await wrong.getRegisteredModel(name).catch((e) => e)
      expect(error).toBeInstanceOf(MlflowApiError)
      expect(error.status).toBe(404)
      expect(error.message).toContain(
        'instead of JSON: is the tracking URI right (path prefix)?'
      )
      expect(error.message).toContain('/not-mlflow answered GET')
    })
  })
}
