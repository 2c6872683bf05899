/**
 * Credentials inside tracking URIs: found before parsing, masked in every
 * form, never printed, and still used as Basic auth.
 */
import { describe, expect, it } from '@jest/globals'
import { MockAgent } from 'undici'
import { MlflowClient } from '../../src/registry/mlflow-client.js'
import {
  displayTrackingUri,
  resolveTrackingConnection
} from '../../src/registry/tracking-connection.js'
import { splitUserinfo, uriSecrets } from '../../src/registry/tracking-uri.js'

const b64 = (text: string): string => Buffer.from(text).toString('base64')

/** Throws and returns the error, to read its message. */
function thrown(action: () => unknown): Error {
  try {
    action()
  } catch (error) {
    return error as Error
  }
  throw new Error('did not throw')
}

describe('tracking-uri', () => {
  it('cuts the userinfo at the last @, whatever the password holds', () => {
    for (const password of ['pa#ss', 'pa/ss', 'pa?ss', 'p@ss', 'a/b?c#d@e']) {
      expect(
        splitUserinfo(`https://alice:${password}@mlflow.example.com/ml?x=1`)
      ).toEqual({
        scheme: 'https://',
        userinfo: `alice:${password}`,
        rest: 'mlflow.example.com/ml?x=1'
      })
    }
    expect(splitUserinfo('alice:pw@mlflow.example.com')).toEqual({
      scheme: '',
      userinfo: 'alice:pw',
      rest: 'mlflow.example.com'
    })
    // A local path is not userinfo.
    expect(splitUserinfo('./runs@2024')).toEqual({
      scheme: '',
      rest: './runs@2024'
    })
  })

  it('lists the password raw, decoded and in the Basic header value', () => {
    expect(uriSecrets('https://alice:p%2Fw%23@host')).toEqual([
      'alice:p%2Fw%23',
      b64('alice:p/w#'),
      'p%2Fw%23',
      'p/w#'
    ])
    // A token alone in the userinfo is the secret.
    expect(uriSecrets('http://dapi%2Btok@host')).toEqual([
      'dapi%2Btok',
      b64('dapi+tok:'),
      'dapi+tok'
    ])
    expect(uriSecrets('https://host/ml')).toEqual([])
  })
})

describe('resolveTrackingConnection with credentials in the URI', () => {
  const hostile = [
    'https://alice:se#cr/et?x@mlflow.example.com/ml',
    'https://alice:se/cr@et@mlflow.example.com/ml'
  ]

  it.each(hostile)('uses %s as Basic auth and masks every form', (uri) => {
    const password = uri.slice('https://alice:'.length, uri.lastIndexOf('@'))
    const connection = resolveTrackingConnection({ trackingUri: uri }, {})
    expect(connection.trackingUri).toBe('https://mlflow.example.com/ml')
    expect(connection.auth).toEqual({
      kind: 'basic',
      username: 'alice',
      password
    })
    expect(connection.secrets).toEqual(
      expect.arrayContaining([password, b64(`alice:${password}`)])
    )
    expect(displayTrackingUri(uri)).toBe('https://mlflow.example.com/ml')
  })

  it('never prints the credentials of a URI it cannot use', () => {
    const cases: [string, Record<string, string>, string[]][] = [
      // No scheme: a local path to MLflow, credentials and all.
      ['alice:s3cr#t@mlflow.example.com', {}, ['s3cr#t']],
      // A token alone in the userinfo, on a URI that is not http(s).
      ['ftp://TOKEN-s3cret@mlflow.example.com', {}, ['TOKEN-s3cret']],
      // An invalid port: unparsable, and the error must still not show the password.
      ['https://alice:12/34@mlflow.example.com:99999', {}, ['12/34']],
      ['databricks-uc://alice:s3cret@profile', {}, ['s3cret']],
      ['databricks://alice:s3/cret@profile', {}, ['s3/cret']],
      [
        'databricks',
        { DATABRICKS_HOST: 'https://alice:s3cr?t@adb.example.net' },
        ['s3cr?t']
      ]
    ]
    for (const [trackingUri, env, secrets] of cases) {
      const error = thrown(() =>
        resolveTrackingConnection({ trackingUri }, env)
      )
      for (const secret of secrets) {
        expect(error.message).not.toContain(secret)
        expect(error.message).not.toContain(encodeURIComponent(secret))
      }
      expect(error.message).not.toContain('alice')
    }
  })

  it('masks credentials in DATABRICKS_HOST and MLFLOW_TRACKING_URI even when an input wins', () => {
    const connection = resolveTrackingConnection(
      { trackingUri: 'databricks://ci' },
      {
        DATABRICKS_HOST: 'https://alice:h0st-pw@adb.example.net',
        DATABRICKS_TOKEN: 'dapi-tok',
        MLFLOW_TRACKING_URI: 'http://bob:env-pw@other.example.com'
      }
    )
    expect(connection.trackingUri).toBe('https://adb.example.net/')
    expect(connection.auth).toEqual({ kind: 'bearer', token: 'dapi-tok' })
    expect(connection.secrets).toEqual(
      expect.arrayContaining(['h0st-pw', 'env-pw', 'dapi-tok'])
    )
  })

  it('sends the password from an unparsable-looking URI as Basic auth', async () => {
    const agent = new MockAgent()
    agent.disableNetConnect()
    let authorization: unknown
    agent
      .get('https://mlflow.example.com')
      .intercept({
        path: '/ml/api/2.0/mlflow/registered-models/get?name=m',
        method: 'GET'
      })
      .reply((options) => {
        authorization = (options.headers as Record<string, string>)
          .authorization
        return {
          statusCode: 200,
          data: { registered_model: { name: 'm' } },
          responseOptions: { headers: { 'content-type': 'application/json' } }
        }
      })
    const client = new MlflowClient({
      trackingUri: 'https://alice:se#cr/et?x@mlflow.example.com/ml',
      userAgent: 'test',
      timeoutMs: 1000,
      maxAttempts: 1,
      maxRetryMs: 1000,
      dispatcher: agent
    })
    expect(client.baseUrl).toBe('https://mlflow.example.com/ml')
    await client.getRegisteredModel('m')
    expect(authorization).toBe(`Basic ${b64('alice:se#cr/et?x')}`)
    await agent.close()
  })
})
