/**
 * Unit tests for the MLflow client against an undici MockAgent (no network,
 * no real waiting): retries, error messages, schemas, auth headers, and the
 * pure helpers.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { MockAgent } from 'undici'
import { InputError } from '../../src/errors.js'
import {
  MlflowApiError,
  MlflowClient,
  type MlflowClientOptions
} from '../../src/registry/mlflow-client.js'
import {
  modelVersionUrl,
  resolveTrackingConnection
} from '../../src/registry/tracking-connection.js'
import { parseRetryAfter } from '../../src/transport/retry-policy.js'

const ORIGIN = 'https://mlflow.example.com'
const ALIAS_PATH =
  '/api/2.0/mlflow/registered-models/alias?name=fraud&alias=champion'
const VERSION = {
  name: 'fraud',
  version: '3',
  status: 'READY',
  source: 'models:/m-abc',
  run_id: 'r1',
  aliases: ['champion'],
  tags: [{ key: 'gate.verdict', value: 'promote' }, { key: 'empty' }],
  creation_timestamp: '1795691216813'
}
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } }

let agent: MockAgent
let slept: number[]
let logged: string[]

beforeEach(() => {
  agent = new MockAgent()
  agent.disableNetConnect()
  slept = []
  logged = []
})

afterEach(async () => {
  await agent.close()
})

function client(overrides: Partial<MlflowClientOptions> = {}): MlflowClient {
  return new MlflowClient({
    trackingUri: ORIGIN,
    userAgent: 'champion-gate/test',
    timeoutMs: 1000,
    maxAttempts: 3,
    maxRetryMs: 60_000,
    dispatcher: agent,
    sleep: async (ms) => {
      slept.push(ms)
    },
    log: (message) => logged.push(message),
    ...overrides
  })
}

function intercept(path: string, method = 'GET', origin = ORIGIN) {
  return agent.get(origin).intercept({ path, method })
}

async function failure(promise: Promise<unknown>): Promise<MlflowApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught
  )
  expect(error).toBeInstanceOf(MlflowApiError)
  return error as MlflowApiError
}

describe('mlflow-client', () => {
  it('retries a 503 and returns the parsed version on success', async () => {
    intercept(ALIAS_PATH).reply(503, 'busy').times(2)
    intercept(ALIAS_PATH).reply(200, { model_version: VERSION }, JSON_HEADERS)

    const version = await client().getModelVersionByAlias('fraud', 'champion')

    expect(version).toMatchObject({
      name: 'fraud',
      version: '3',
      aliases: ['champion'],
      tags: { 'gate.verdict': 'promote', empty: '' },
      creation_timestamp: 1795691216813
    })
    expect(slept).toHaveLength(2)
    // Full jitter: each wait is drawn below the doubling ceiling.
    expect(slept[0]).toBeLessThan(500)
    expect(slept[1]).toBeLessThan(1000)
    expect(logged[0]).toMatch(/HTTP 503; retrying in .* \(attempt 2 of 3\)/)
  })

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    intercept(ALIAS_PATH).reply(429, '', { headers: { 'retry-after': '7' } })
    intercept(ALIAS_PATH).reply(200, { model_version: VERSION })
    await client().getModelVersionByAlias('fraud', 'champion')
    expect(slept).toEqual([7000])

    const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })

  it('stops retrying when Retry-After would exceed the time budget', async () => {
    intercept(ALIAS_PATH).reply(503, 'busy', {
      headers: { 'retry-after': '120' }
    })
    const error = await failure(
      client({ maxRetryMs: 10_000 }).getModelVersionByAlias('fraud', 'champion')
    )
    expect(slept).toEqual([])
    expect(error.status).toBe(503)
  })

  it('gives up at once on a Retry-After over the cap, even within the time budget', async () => {
    intercept(ALIAS_PATH).reply(429, '', { headers: { 'retry-after': '61' } })
    const error = await failure(
      client({ maxRetryMs: 600_000 }).getModelVersionByAlias(
        'fraud',
        'champion'
      )
    )
    expect(slept).toEqual([])
    expect(error).toMatchObject({ status: 429, attempts: 1 })
  })

  it('gives up after maxAttempts, naming the URI and request but not the token', async () => {
    intercept(ALIAS_PATH)
      .replyWithError(
        Object.assign(new Error('connect ECONNREFUSED'), {
          code: 'ECONNREFUSED'
        })
      )
      .times(3)
    const error = await failure(
      client({
        trackingUri: `${ORIGIN}/`,
        auth: { kind: 'bearer', token: 'tok-s3cret' }
      }).getModelVersionByAlias('fraud', 'champion')
    )
    expect(error.message).toMatch(
      /^Could not reach MLflow at https:\/\/mlflow\.example\.com after 3 attempts over \d+\.\ds: ECONNREFUSED \(GET \/api\/2\.0\/mlflow\/registered-models\/alias\?name=fraud&alias=champion\)/
    )
    expect(error.message).not.toContain('tok-s3cret')
    expect(error.status).toBeUndefined()
    expect(slept).toHaveLength(2)
  })

  it('reports the last HTTP status when retries run out', async () => {
    intercept(ALIAS_PATH)
      .reply(502, '<html><title>502 Bad Gateway</title></html>', {
        headers: { 'content-type': 'text/html' }
      })
      .times(3)
    const error = await failure(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(error.message).toMatch(
      /rejected GET \S+ after 3 attempts over .*s \(HTTP 502\): 502 Bad Gateway\.$/
    )
    expect(error.serverMessage).toBe('502 Bad Gateway')
  })

  it('does not retry other 4xx answers', async () => {
    intercept('/api/2.0/mlflow/model-versions/get?name=fraud&version=x').reply(
      400,
      {
        error_code: 'INVALID_PARAMETER_VALUE',
        message: "Parameter 'version' must be an integer, got 'x'."
      }
    )
    const error = await failure(client().getModelVersion('fraud', 'x'))
    expect(slept).toEqual([])
    expect(error).toMatchObject({
      method: 'GET',
      path: '/api/2.0/mlflow/model-versions/get?name=fraud&version=x',
      status: 400,
      errorCode: 'INVALID_PARAMETER_VALUE'
    })
    expect(error.message).toBe(
      "MLflow at https://mlflow.example.com rejected GET /api/2.0/mlflow/model-versions/get?name=fraud&version=x (HTTP 400 INVALID_PARAMETER_VALUE): Parameter 'version' must be an integer, got 'x'."
    )
  })

  it('retries a non-idempotent create only when it cannot have been processed', async () => {
    const path = '/api/2.0/mlflow/model-versions/create'
    intercept(path, 'POST').reply(500, { error_code: 'INTERNAL_ERROR' })
    const error = await failure(
      client().createModelVersion('fraud', {
        source: 'models:/m-abc',
        modelId: 'm-abc'
      })
    )
    expect(error.status).toBe(500)
    expect(slept).toEqual([])

    intercept(path, 'POST').reply(503, '')
    intercept(path, 'POST').reply(200, { model_version: VERSION })
    await client().createModelVersion('fraud', { source: 'models:/m-abc' })
    expect(slept).toHaveLength(1)
  })

  it('treats a timeout as retryable and says so', async () => {
    intercept(ALIAS_PATH).reply(200, { model_version: VERSION }).delay(200)
    intercept(ALIAS_PATH).reply(200, { model_version: VERSION }).delay(200)
    const error = await failure(
      client({ timeoutMs: 20, maxAttempts: 2 }).getModelVersionByAlias(
        'fraud',
        'champion'
      )
    )
    expect(error.message).toMatch(
      /after 2 attempts over \d+\.\ds: no answer within 0\.0s \(timeout\)/
    )
  })

  it('returns undefined for a missing alias (HTTP 400 INVALID_PARAMETER_VALUE)', async () => {
    intercept(ALIAS_PATH).reply(400, {
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'Registered model alias champion not found.'
    })
    await expect(
      client().getModelVersionByAlias('fraud', 'champion')
    ).resolves.toBeUndefined()
  })

  it('fails for a missing registered model behind an alias (HTTP 404)', async () => {
    intercept(ALIAS_PATH).reply(404, {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Registered Model with name=fraud not found'
    })
    const error = await failure(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(error.errorCode).toBe('RESOURCE_DOES_NOT_EXIST')
    expect(error.message).toContain(
      'Registered Model with name=fraud not found'
    )
  })

  it('returns undefined for a missing model or version', async () => {
    intercept('/api/2.0/mlflow/registered-models/get?name=fraud').reply(404, {
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Registered Model with name=fraud not found'
    })
    intercept('/api/2.0/mlflow/model-versions/get?name=fraud&version=9').reply(
      404,
      {
        error_code: 'RESOURCE_DOES_NOT_EXIST',
        message: 'Model Version (name=fraud, version=9) not found'
      }
    )
    await expect(client().getRegisteredModel('fraud')).resolves.toBeUndefined()
    await expect(
      client().getModelVersion('fraud', '9')
    ).resolves.toBeUndefined()
  })

  it('names the credential inputs on a plain-text 401', async () => {
    const body =
      'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.'
    intercept(ALIAS_PATH)
      .reply(401, body, { headers: { 'content-type': 'text/html' } })
      .times(3)

    const anonymous = await failure(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(anonymous.message).toContain(
      "no credentials were sent; set input 'tracking-token' (or MLFLOW_TRACKING_TOKEN) for a bearer token, or 'tracking-username' + 'tracking-password' (or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD)"
    )
    expect(anonymous.message).toContain(
      `did not accept the credentials for GET ${ALIAS_PATH} (HTTP 401 "You are not authenticated.`
    )
    expect(anonymous.serverMessage).toBe(body)
    expect(anonymous.status).toBe(401)

    const bearer = await failure(
      client({
        auth: { kind: 'bearer', token: 'tok-s3cret' }
      }).getModelVersionByAlias('fraud', 'champion')
    )
    expect(bearer.message).toContain("check input 'tracking-token'")
    expect(bearer.message).not.toContain('tok-s3cret')

    const basic = await failure(
      client({
        auth: { kind: 'basic', username: 'bob', password: 'pw-s3cret' }
      }).getModelVersionByAlias('fraud', 'champion')
    )
    expect(basic.message).toContain(
      "check inputs 'tracking-username' + 'tracking-password'"
    )
    expect(basic.message).not.toContain('pw-s3cret')
    expect(slept).toEqual([])
  })

  it('says which permission is missing on a 403, per operation', async () => {
    intercept('/api/2.0/mlflow/registered-models/alias', 'POST').reply(
      403,
      'Permission denied'
    )
    intercept('/api/2.0/mlflow/registered-models/alias', 'DELETE').reply(
      403,
      'Permission denied'
    )
    const set = await failure(client().setAlias('fraud', 'champion', '3'))
    expect(set.message).toBe(
      'MLflow at https://mlflow.example.com refused POST /api/2.0/mlflow/registered-models/alias (HTTP 403 "Permission denied"): the user needs EDIT permission on registered model \'fraud\' to set alias @champion.'
    )
    const remove = await failure(client().deleteAlias('fraud', 'champion'))
    expect(remove.message).toContain(
      "the user needs MANAGE permission on registered model 'fraud' to delete alias @champion"
    )
  })

  it('adds on a read refused with 403 that the model may not exist (the basic-auth app hides missing models)', async () => {
    intercept(ALIAS_PATH).reply(403, 'Permission denied')
    const read = await failure(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(read.message).toContain(
      "(MLflow's basic-auth app also answers 403 when registered model 'fraud' does not exist)"
    )
  })

  it("explains the server's host check on a 403", async () => {
    intercept(ALIAS_PATH).reply(
      403,
      'Invalid Host header - possible DNS rebinding attack detected'
    )
    const error = await failure(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(error.message).toContain(
      "start the server with --allowed-hosts including 'mlflow.example.com'"
    )
  })

  it('hints at the path prefix when the answer is an HTML page', async () => {
    const prefixed = 'https://mlflow.example.com/mlflow'
    intercept(`/mlflow${ALIAS_PATH}`).reply(
      404,
      '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>',
      { headers: { 'content-type': 'text/html; charset=utf-8' } }
    )
    intercept(`/mlflow${ALIAS_PATH}`).reply(
      200,
      '<!doctype html><html><body><div id="root"></div></body></html>',
      { headers: { 'content-type': 'text/html' } }
    )
    const notFound = await failure(
      client({ trackingUri: `${prefixed}/` }).getModelVersionByAlias(
        'fraud',
        'champion'
      )
    )
    expect(notFound.message).toBe(
      `MLflow at https://mlflow.example.com/mlflow answered GET ${ALIAS_PATH} with HTTP 404 and an HTML page "404 Not Found" instead of JSON: is the tracking URI right (path prefix)?`
    )
    const uiPage = await failure(
      client({ trackingUri: prefixed }).getModelVersionByAlias(
        'fraud',
        'champion'
      )
    )
    expect(uiPage.message).toContain(
      'with HTTP 200 and an HTML page instead of JSON: is the tracking URI right (path prefix)?'
    )
  })

  it('rejects an answer that does not match the schema', async () => {
    intercept(ALIAS_PATH).reply(200, {
      model_version: { name: 'fraud', aliases: 'champion' }
    })
    const error = await failure(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(error.message).toMatch(
      /answered GET \S+ with HTTP 200, but the answer was not understood \(model_version\.version: .*model_version\.aliases: .*\)/
    )
  })

  it('sends bearer and basic credentials, the user agent and a JSON body', async () => {
    const seen: Record<string, string>[] = []
    const bodies: unknown[] = []
    intercept('/api/2.0/mlflow/registered-models/alias', 'POST')
      .reply((options) => {
        seen.push(options.headers as Record<string, string>)
        bodies.push(JSON.parse(String(options.body)))
        return { statusCode: 200, data: {} }
      })
      .times(2)
    await client({
      auth: { kind: 'bearer', token: 'tok' }
    }).setAlias('fraud', 'champion', '3')
    await client({
      auth: { kind: 'basic', username: 'bob', password: 'p:w' }
    }).setAlias('fraud', 'champion', '3')

    expect(seen[0]).toMatchObject({
      authorization: 'Bearer tok',
      'user-agent': 'champion-gate/test',
      'content-type': 'application/json'
    })
    expect(seen[1].authorization).toBe(
      `Basic ${Buffer.from('bob:p:w').toString('base64')}`
    )
    expect(bodies[0]).toEqual({
      name: 'fraud',
      alias: 'champion',
      version: '3'
    })
  })

  it('uses credentials in the URI userinfo as Basic auth but never prints them', async () => {
    let authorization: unknown
    intercept('/prefix/api/2.0/mlflow/registered-models/get?name=fraud')
      .reply((options) => {
        authorization = (options.headers as Record<string, string>)
          .authorization
        return { statusCode: 500, data: 'boom' }
      })
      .times(3)
    const withUserinfo = client({
      trackingUri: 'https://alice:pa%40ss-s3cret@mlflow.example.com/prefix/'
    })
    const error = await failure(withUserinfo.getRegisteredModel('fraud'))
    expect(authorization).toBe(
      `Basic ${Buffer.from('alice:pa@ss-s3cret').toString('base64')}`
    )
    expect(withUserinfo.baseUrl).toBe('https://mlflow.example.com/prefix')
    expect(error.message).toContain(
      'MLflow at https://mlflow.example.com/prefix'
    )
    expect(error.message).not.toMatch(/alice|s3cret/)
    expect(logged.join('\n')).not.toMatch(/alice|s3cret/)
  })

  it('sends DELETE parameters as a JSON body, as MLflow expects', async () => {
    let body: unknown
    intercept('/api/2.0/mlflow/registered-models/alias', 'DELETE').reply(
      (options) => {
        body = JSON.parse(String(options.body))
        return { statusCode: 200, data: {} }
      }
    )
    await client().deleteAlias('fraud', 'champion')
    expect(body).toEqual({ name: 'fraud', alias: 'champion' })
  })

  it('sends source, run_id, model_id and tags to model-versions/create', async () => {
    const bodies: unknown[] = []
    intercept('/api/2.0/mlflow/model-versions/create', 'POST')
      .reply((options) => {
        bodies.push(JSON.parse(String(options.body)))
        return { statusCode: 200, data: { model_version: VERSION } }
      })
      .times(2)
    await client().createModelVersion(
      'fraud',
      { source: 'models:/m-abc', modelId: 'm-abc', runId: 'r1' },
      { tags: { origin: 'ci' } }
    )
    await client().createModelVersion('fraud', { source: 's3://b/model' })
    expect(bodies).toEqual([
      {
        name: 'fraud',
        source: 'models:/m-abc',
        run_id: 'r1',
        model_id: 'm-abc',
        tags: [{ key: 'origin', value: 'ci' }]
      },
      { name: 'fraud', source: 's3://b/model' }
    ])
  })

  it('resolves a runs:/ URI to its MLflow 3 logged model', async () => {
    intercept('/api/2.0/mlflow/runs/get?run_id=r1').reply(200, {
      run: {
        info: { run_id: 'r1', experiment_id: '1', artifact_uri: 'a:/1/r1' },
        outputs: {
          model_outputs: [
            { model_id: 'm-old', step: 0 },
            { model_id: 'm-new', step: '5' },
            { model_id: 'm-other', step: 9 }
          ]
        }
      }
    })
    for (const [id, name] of [
      ['m-old', 'model'],
      ['m-new', 'model'],
      ['m-other', 'other']
    ]) {
      intercept(`/api/2.0/mlflow/logged-models/${id}`).reply(200, {
        model: { info: { model_id: id, name, source_run_id: 'r1' } }
      })
    }
    await expect(
      client().resolveModelSource('runs:/r1/model')
    ).resolves.toEqual({
      source: 'models:/m-new',
      modelId: 'm-new',
      runId: 'r1'
    })
  })

  it('resolves a runs:/ URI without a logged model to the run artifacts', async () => {
    intercept('/api/2.0/mlflow/runs/get?run_id=r2').reply(200, {
      run: {
        info: {
          run_id: 'r2',
          artifact_uri: 'mlflow-artifacts:/1/r2/artifacts'
        },
        outputs: {}
      }
    })
    intercept('/api/2.0/mlflow/artifacts/list?run_id=r2&path=legacy').reply(
      200,
      { files: [{ path: 'legacy/MLmodel' }, { path: 'legacy/model.pkl' }] }
    )
    await expect(
      client().resolveModelSource('runs:/r2/legacy')
    ).resolves.toEqual({
      source: 'mlflow-artifacts:/1/r2/artifacts/legacy',
      runId: 'r2'
    })
  })

  it('resolves models:/m-<id> to its id and checks that it exists', async () => {
    intercept('/api/2.0/mlflow/logged-models/m-abc').reply(200, {
      model: { info: { model_id: 'm-abc', source_run_id: 'r1' } }
    })
    await expect(client().resolveModelSource('models:/m-abc')).resolves.toEqual(
      {
        source: 'models:/m-abc',
        modelId: 'm-abc'
      }
    )
    await expect(
      client().resolveModelSource('s3://bucket/model')
    ).resolves.toEqual({ source: 's3://bucket/model' })
  })

  it('waits until a version is READY, and fails on FAILED_REGISTRATION', async () => {
    const path = '/api/2.0/mlflow/model-versions/get?name=fraud&version=3'
    intercept(path)
      .reply(200, {
        model_version: { ...VERSION, status: 'PENDING_REGISTRATION' }
      })
      .times(2)
    intercept(path).reply(200, { model_version: VERSION })
    const ready = await client().waitForModelVersionReady('fraud', '3', {
      intervalMs: 250
    })
    expect(ready.status).toBe('READY')
    expect(slept).toEqual([250, 250])

    intercept(path).reply(200, {
      model_version: {
        ...VERSION,
        status: 'FAILED_REGISTRATION',
        status_message: 'copy failed'
      }
    })
    await expect(
      client().waitForModelVersionReady('fraud', '3')
    ).rejects.toThrow(/could not register version 3 .*: "copy failed"\./)

    intercept(path)
      .reply(200, {
        model_version: { ...VERSION, status: 'PENDING_REGISTRATION' }
      })
      .times(3)
    await expect(
      client().waitForModelVersionReady('fraud', '3', {
        timeoutMs: 2000,
        intervalMs: 1000
      })
    ).rejects.toThrow(/still PENDING_REGISTRATION after 2\.0s/)
  })

  it('builds the UI link of a version without credentials', () => {
    expect(
      modelVersionUrl(
        'https://u:p@mlflow.example.com/ml/',
        'fraud model/v2',
        '3'
      )
    ).toBe(
      'https://mlflow.example.com/ml/#/models/fraud%20model%2Fv2/versions/3'
    )
  })
})

describe('resolveTrackingConnection', () => {
  it('prefers inputs over the environment', () => {
    const env = {
      MLFLOW_TRACKING_URI: 'https://env.example.com',
      MLFLOW_TRACKING_TOKEN: 'env-token'
    }
    expect(
      resolveTrackingConnection(
        {
          trackingUri: 'https://input.example.com/ml',
          username: 'bob',
          password: 'pw'
        },
        env
      )
    ).toEqual({
      trackingUri: 'https://input.example.com/ml',
      auth: { kind: 'basic', username: 'bob', password: 'pw' },
      // The Basic header's value too: base64('bob:pw').
      secrets: ['pw', 'env-token', 'Ym9iOnB3']
    })
  })

  it("falls back to MLflow's environment variables (basic before token)", () => {
    expect(
      resolveTrackingConnection(
        {},
        {
          MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000',
          MLFLOW_TRACKING_TOKEN: 'tok'
        }
      )
    ).toEqual({
      trackingUri: 'http://127.0.0.1:5000/',
      auth: { kind: 'bearer', token: 'tok' },
      secrets: ['tok']
    })
    expect(
      resolveTrackingConnection(
        { trackingUri: 'http://127.0.0.1:5000' },
        {
          MLFLOW_TRACKING_TOKEN: 'tok',
          MLFLOW_TRACKING_USERNAME: 'bob',
          MLFLOW_TRACKING_PASSWORD: 'pw'
        }
      ).auth
    ).toEqual({ kind: 'basic', username: 'bob', password: 'pw' })
  })

  it('moves userinfo credentials into auth and the secrets', () => {
    const connection = resolveTrackingConnection(
      { trackingUri: 'https://alice:p%40ss@mlflow.example.com/' },
      {}
    )
    expect(connection).toEqual({
      trackingUri: 'https://mlflow.example.com/',
      auth: { kind: 'basic', username: 'alice', password: 'p@ss' },
      secrets: [
        'alice:p%40ss',
        Buffer.from('alice:p@ss').toString('base64'),
        'p%40ss',
        'p@ss'
      ]
    })
  })

  it('uses DATABRICKS_HOST and DATABRICKS_TOKEN for databricks URIs', () => {
    const env = {
      DATABRICKS_HOST: 'adb-123.azuredatabricks.net',
      DATABRICKS_TOKEN: 'dapi-s3cret'
    }
    for (const trackingUri of ['databricks', 'databricks://ci-profile']) {
      expect(resolveTrackingConnection({ trackingUri }, env)).toEqual({
        trackingUri: 'https://adb-123.azuredatabricks.net/',
        auth: { kind: 'bearer', token: 'dapi-s3cret' },
        secrets: ['dapi-s3cret']
      })
    }
    expect(() =>
      resolveTrackingConnection({ trackingUri: 'databricks' }, {})
    ).toThrow(/DATABRICKS_HOST/)
    expect(() =>
      resolveTrackingConnection({ trackingUri: 'databricks-uc' }, env)
    ).toThrow(/Unity Catalog/)
  })

  it('names the input when the URI is missing or a local store', () => {
    const missing = () => resolveTrackingConnection({ trackingUri: ' ' }, {})
    expect(missing).toThrow(InputError)
    expect(missing).toThrow(/^Input 'tracking-uri': is required/)
    expect(() =>
      resolveTrackingConnection({ trackingUri: 'file:///tmp/mlruns' }, {})
    ).toThrow(/^Input 'tracking-uri': 'file:\/\/\/tmp\/mlruns' is a local path/)
    expect(() =>
      resolveTrackingConnection({}, { MLFLOW_TRACKING_URI: './mlruns' })
    ).toThrow(/'\.\/mlruns' \(from MLFLOW_TRACKING_URI\) is a local path/)
    expect(() =>
      resolveTrackingConnection({ trackingUri: 'sqlite:///mlflow.db' }, {})
    ).toThrow(/is a database store/)
  })

  it('rejects ambiguous or incomplete credential inputs', () => {
    const uri = 'https://mlflow.example.com'
    expect(() =>
      resolveTrackingConnection(
        { trackingUri: uri, token: 't', username: 'u', password: 'p' },
        {}
      )
    ).toThrow(/^Input 'tracking-token': set either/)
    expect(() =>
      resolveTrackingConnection({ trackingUri: uri, username: 'u' }, {})
    ).toThrow(/^Input 'tracking-password': is required/)
  })
})
