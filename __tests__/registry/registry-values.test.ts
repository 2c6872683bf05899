/**
 * Registry values are data: a version, an alias or a status from the
 * server that MLflow's own schema would never produce is refused with an
 * error that shows it escaped and capped, so it can start no workflow
 * command (`::warning ...` on a new line) and make no link.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { MockAgent } from 'undici'
import {
  MlflowApiError,
  MlflowClient
} from '../../src/registry/mlflow-client.js'
import { escapedValue } from '../../src/registry/mlflow-schemas.js'

const ORIGIN = 'https://mlflow.example.com'
const JSON_HEADERS = { headers: { 'content-type': 'application/json' } }

let agent: MockAgent
beforeEach(() => {
  agent = new MockAgent()
  agent.disableNetConnect()
})
afterEach(async () => {
  await agent.close()
})

function client(): MlflowClient {
  return new MlflowClient({
    trackingUri: ORIGIN,
    userAgent: 'test',
    timeoutMs: 1000,
    maxAttempts: 1,
    maxRetryMs: 1000,
    dispatcher: agent
  })
}

/** The champion alias answers with this model version. */
function answerAlias(modelVersion: Record<string, unknown>): void {
  agent
    .get(ORIGIN)
    .intercept({
      path: '/api/2.0/mlflow/registered-models/alias?name=fraud&alias=champion',
      method: 'GET'
    })
    .reply(200, { model_version: modelVersion }, JSON_HEADERS)
}

async function refusal(pending: Promise<unknown>): Promise<MlflowApiError> {
  const error = await pending.then(
    () => undefined,
    (error: unknown) => error
  )
  expect(error).toBeInstanceOf(MlflowApiError)
  return error as MlflowApiError
}

describe('registry values', () => {
  it.each([
    ['a line break and a workflow command', '2\n::warning::pwned'],
    ['a Markdown link', '2](https://evil.example/x)'],
    ['a negative number', '-1'],
    ['a decimal', '2.0'],
    ['an empty string', '']
  ])('refuses a version holding %s, escaped', async (_what, version) => {
    answerAlias({ name: 'fraud', version })

    const error = await refusal(
      client().getModelVersionByAlias('fraud', 'champion')
    )

    expect(error.message).toContain(
      `model_version.version: a model version is digits, not ${escapedValue(version)}`
    )
    // Nothing raw: no line break, so no workflow command can start.
    expect(error.message).not.toContain('\n')
  })

  it('accepts versions as MLflow sends them: digits, as a string or a number', async () => {
    answerAlias({ name: 'fraud', version: 12 })
    expect(
      (await client().getModelVersionByAlias('fraud', 'champion'))?.version
    ).toBe('12')
  })

  it('refuses an alias name MLflow would not accept, and a status that is not an enum name', async () => {
    answerAlias({
      name: 'fraud',
      version: '2',
      aliases: ['champion\n::error::x']
    })
    const alias = await refusal(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(alias.message).toContain(
      "an alias name is letters, digits, '_' and '-', not \"champion\\n::error::x\""
    )

    answerAlias({ name: 'fraud', version: '2', status: 'READY\n::warning::x' })
    const status = await refusal(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(status.message).toContain('a status is an upper-case enum name')
    expect(status.message).not.toContain('\n')
  })

  it('caps an echoed value near 80 characters and escapes invisible characters', () => {
    const long = `${'9'.repeat(79)}\u00a0${'x'.repeat(10_000)}`
    const shown = escapedValue(long)
    expect(shown).toBe(`"${'9'.repeat(79)}\\u00a0"…`)
    expect(escapedValue('a"b\\c\u202e')).toBe('"a\\"b\\\\c\\u202e"')
  })

  it('stops reading an answer past 32 MiB, and caps the server message it quotes', async () => {
    agent
      .get(ORIGIN)
      .intercept({
        path: '/api/2.0/mlflow/registered-models/alias?name=fraud&alias=champion',
        method: 'GET'
      })
      .reply(200, 'x'.repeat(33 * 1024 * 1024), JSON_HEADERS)
    const big = await refusal(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(big.message).toContain(
      'answered GET /api/2.0/mlflow/registered-models/alias?name=fraud&alias=champion with more than 32 MiB'
    )

    agent
      .get(ORIGIN)
      .intercept({
        path: '/api/2.0/mlflow/registered-models/alias?name=fraud&alias=champion',
        method: 'GET'
      })
      .reply(
        500,
        { error_code: 'INTERNAL_ERROR', message: 'y'.repeat(100_000) },
        JSON_HEADERS
      )
    const long = await refusal(
      client().getModelVersionByAlias('fraud', 'champion')
    )
    expect(long.message).toContain(`${'y'.repeat(500)}…`)
    expect(long.message.length).toBeLessThan(1000)
  })
})
