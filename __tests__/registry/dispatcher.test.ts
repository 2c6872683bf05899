/**
 * The network settings MLflow's client reads (proxies, TLS), and the
 * NO_PROXY rules as they apply: requests through `createDispatcher` to a
 * loopback server, with the loopback proxy counting what went through it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import { request } from 'undici'
import {
  createDispatcher,
  networkSettings
} from '../../src/registry/dispatcher.js'
import {
  startForwardProxy,
  type ForwardProxy
} from '../support/network-stand-ins.js'

const PEM_CERT =
  '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
const PEM_KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n'

function files(map: Record<string, string>): (path: string) => string {
  return (path) => {
    if (path in map) return map[path]
    throw Object.assign(new Error('missing'), { code: 'ENOENT' })
  }
}

describe('networkSettings', () => {
  it('reads the lower-case proxy variables before the upper-case ones, as requests does', () => {
    const settings = networkSettings({
      http_proxy: 'http://lower:3128',
      HTTP_PROXY: 'http://upper:3128',
      HTTPS_PROXY: 'http://secure:3128',
      NO_PROXY: 'internal.example.com'
    })
    expect(settings).toMatchObject({
      httpProxy: 'http://lower:3128',
      httpsProxy: 'http://secure:3128',
      noProxy: 'internal.example.com'
    })
  })

  it('masks a proxy password, raw and decoded', () => {
    expect(
      networkSettings({ HTTPS_PROXY: 'http://me:p%40ss@proxy:3128' }).secrets
    ).toEqual(['p%40ss', 'p@ss'])
  })

  it('verifies TLS by default and takes the CA bundle and client certificate files', () => {
    expect(networkSettings({}).tls).toEqual({ rejectUnauthorized: true })
    const settings = networkSettings(
      {
        MLFLOW_TRACKING_SERVER_CERT_PATH: '/ca.pem',
        MLFLOW_TRACKING_CLIENT_CERT_PATH: '/client.pem'
      },
      files({ '/ca.pem': PEM_CERT, '/client.pem': PEM_CERT + PEM_KEY })
    )
    expect(settings.tls).toEqual({
      rejectUnauthorized: true,
      ca: PEM_CERT,
      cert: PEM_CERT + PEM_KEY,
      key: PEM_CERT + PEM_KEY
    })
    expect(settings.warnings).toEqual([])
  })

  it('falls back to REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE, as requests does, behind MLflow’s own variable', () => {
    const read = files({ '/a.pem': PEM_CERT, '/b.pem': `${PEM_CERT}\n` })
    expect(networkSettings({ CURL_CA_BUNDLE: '/a.pem' }, read)).toMatchObject({
      caVariable: 'CURL_CA_BUNDLE',
      tls: { ca: PEM_CERT }
    })
    expect(
      networkSettings(
        { REQUESTS_CA_BUNDLE: '/b.pem', CURL_CA_BUNDLE: '/a.pem' },
        read
      ).caVariable
    ).toBe('REQUESTS_CA_BUNDLE')
    expect(
      networkSettings(
        {
          MLFLOW_TRACKING_SERVER_CERT_PATH: '/a.pem',
          REQUESTS_CA_BUNDLE: '/b.pem'
        },
        read
      )
    ).toMatchObject({
      caVariable: 'MLFLOW_TRACKING_SERVER_CERT_PATH',
      tls: { ca: PEM_CERT }
    })
    // verify=False wins over a requests bundle.
    expect(
      networkSettings(
        { MLFLOW_TRACKING_INSECURE_TLS: 'true', REQUESTS_CA_BUNDLE: '/b.pem' },
        read
      ).tls
    ).toEqual({ rejectUnauthorized: false })
    expect(() =>
      networkSettings({ REQUESTS_CA_BUNDLE: '/nope.pem' }, read)
    ).toThrow("REQUESTS_CA_BUNDLE: cannot read '/nope.pem' (ENOENT).")
  })

  it('warns on insecure TLS and refuses it with a CA bundle, as MLflow does', () => {
    const insecure = networkSettings({ MLFLOW_TRACKING_INSECURE_TLS: 'true' })
    expect(insecure.tls.rejectUnauthorized).toBe(false)
    expect(insecure.warnings[0]).toMatch(/^MLFLOW_TRACKING_INSECURE_TLS=true/)
    expect(() =>
      networkSettings(
        {
          MLFLOW_TRACKING_INSECURE_TLS: 'true',
          MLFLOW_TRACKING_SERVER_CERT_PATH: '/ca.pem'
        },
        files({ '/ca.pem': PEM_CERT })
      )
    ).toThrow(/both set/)
  })

  it('names the variable and the problem for a missing file, a file without a certificate, a certificate without a key', () => {
    expect(() =>
      networkSettings(
        { MLFLOW_TRACKING_SERVER_CERT_PATH: '/nope.pem' },
        files({})
      )
    ).toThrow(
      "MLFLOW_TRACKING_SERVER_CERT_PATH: cannot read '/nope.pem' (ENOENT)."
    )
    expect(() =>
      networkSettings(
        { MLFLOW_TRACKING_SERVER_CERT_PATH: '/key.pem' },
        files({ '/key.pem': PEM_KEY })
      )
    ).toThrow(/holds no PEM certificate/)
    expect(() =>
      networkSettings(
        { MLFLOW_TRACKING_CLIENT_CERT_PATH: '/c.pem' },
        files({ '/c.pem': PEM_CERT })
      )
    ).toThrow(/holds a certificate but no private key/)
  })
})

describe('createDispatcher: which requests go through the proxy', () => {
  let server: Server
  let origin: string
  let port: number
  let proxy: ForwardProxy

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('ok'))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
    origin = `http://127.0.0.1:${port}`
    proxy = await startForwardProxy()
  })

  afterAll(async () => {
    await proxy.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  /** True when a GET to the loopback server went through the proxy. */
  async function proxied(env: Record<string, string>): Promise<boolean> {
    const before = proxy.forwarded.length
    const dispatcher = createDispatcher(networkSettings(env), origin)
    const response = await request(`${origin}/x`, {
      dispatcher,
      signal: AbortSignal.timeout(5000)
    })
    expect(await response.body.text()).toBe('ok')
    await dispatcher?.close()
    return proxy.forwarded.length > before
  }

  it('uses no dispatcher of its own when nothing is set', () => {
    expect(createDispatcher(networkSettings({}), origin)).toBeUndefined()
  })

  it('takes the proxy variable of the tracking URI’s scheme only, as requests does', async () => {
    expect(await proxied({ HTTPS_PROXY: proxy.url })).toBe(false)
    const https = createDispatcher(
      networkSettings({ HTTP_PROXY: proxy.url }),
      'https://mlflow.example.com'
    )
    // Direct, with Node's default TLS: no dispatcher of its own.
    expect(https).toBeUndefined()
  })

  it.each([
    ['no NO_PROXY', {}, true],
    ['NO_PROXY naming the host', { NO_PROXY: '127.0.0.1' }, false],
    [
      'no_proxy (lower case) naming the host',
      { no_proxy: 'example.com 127.0.0.1' },
      false
    ],
    ['NO_PROXY=*', { NO_PROXY: '*' }, false],
    ['NO_PROXY naming another host', { NO_PROXY: 'example.com' }, true],
    // undici matches host:port entries on the port too (requests as well).
    [
      'NO_PROXY naming the host on another port',
      { NO_PROXY: '127.0.0.1:1' },
      true
    ]
  ])('%s', async (_what, extra, expected) => {
    expect(await proxied({ HTTP_PROXY: proxy.url, ...extra })).toBe(expected)
  })

  it('bypasses for host:port naming the right port', async () => {
    expect(
      await proxied({ HTTP_PROXY: proxy.url, NO_PROXY: `127.0.0.1:${port}` })
    ).toBe(false)
  })
})
