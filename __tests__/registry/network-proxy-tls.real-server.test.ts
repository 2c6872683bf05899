/**
 * The networks teams run on: the bundled action reaches a real MLflow server
 * through a corporate proxy on loopback (HTTP_PROXY / HTTPS_PROXY /
 * NO_PROXY), and through a TLS-terminating front with a throwaway CA
 * (MLFLOW_TRACKING_SERVER_CERT_PATH, NODE_EXTRA_CA_CERTS,
 * MLFLOW_TRACKING_INSECURE_TLS, MLFLOW_TRACKING_CLIENT_CERT_PATH), as
 * MLflow's own client does. The registry is read back over plain REST.
 *
 *   bash .ci/with-mlflow.sh npm test -- network-proxy-tls.real-server
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  POLICY,
  RegistryProbe,
  describeWithMlflow,
  everythingShown,
  runnerEnv,
  seed,
  uniqueModelName,
  type Seeded
} from '../../__fixtures__/registry.js'
import { runBundle, type BundleRun } from '../../__fixtures__/run-bundle.js'
import {
  makeCertificates,
  startForwardProxy,
  startTlsTerminator,
  type Certificates,
  type ForwardProxy,
  type TlsTerminator
} from '../support/network-stand-ins.js'

const FAST = { 'retry-max-attempts': '2', 'retry-max-seconds': '4' }
const PROXY_SECRET = `proxy-pw-${Math.random().toString(36).slice(2)}`

describeWithMlflow('the registry behind proxies and TLS', (servers) => {
  const probe = new RegistryProbe(servers.plain)
  const plainUri = servers.plain.uri.replace(/\/+$/, '')
  let logged: Seeded
  let proxy: ForwardProxy
  let certs: Certificates
  let front: TlsTerminator
  let mutualFront: TlsTerminator

  beforeAll(async () => {
    logged = await seed({
      server: servers.plain,
      modelName: uniqueModelName('net-logged')
    })
    proxy = await startForwardProxy()
    certs = makeCertificates()
    front = await startTlsTerminator(plainUri, certs)
    mutualFront = await startTlsTerminator(plainUri, certs, {
      requireClientCertificate: true
    })
  }, 120_000)

  afterAll(async () => {
    await proxy?.close()
    await front?.close()
    await mutualFront?.close()
  })

  /** A model with v1 weak @champion and v2 strong @candidate. */
  async function registered(label: string): Promise<string> {
    const name = uniqueModelName(label)
    await probe.register(name, [logged.models.weak, logged.models.strong], {
      champion: 1,
      candidate: 2
    })
    return name
  }

  function run(
    mode: 'gate' | 'evaluate',
    name: string,
    trackingUri: string,
    env: Record<string, string>
  ): Promise<BundleRun> {
    return runBundle(
      {
        mode,
        'model-name': name,
        'tracking-uri': trackingUri,
        'test-set': logged.test_csv,
        'candidate-predictions': logged.models.strong.predictions_csv,
        'champion-predictions': logged.models.weak.predictions_csv,
        ...POLICY,
        ...FAST
      },
      { env: runnerEnv(env) }
    )
  }

  async function expectPromoted(name: string): Promise<void> {
    expect(await probe.aliases(name)).toEqual({
      champion: '2',
      'previous-champion': '1',
      candidate: '2'
    })
    expect((await probe.gateTags(name, '2')).decision).toBe('promote')
  }

  describe('proxies', () => {
    it('sends every request of a promotion through HTTP_PROXY, as absolute-URI requests', async () => {
      const name = await registered('proxy-upper')
      const before = proxy.forwarded.length

      const result = await run('gate', name, plainUri, {
        HTTP_PROXY: proxy.url
      })

      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      const seen = proxy.forwarded.slice(before)
      expect(seen).toContain(
        `${plainUri}/api/2.0/mlflow/registered-models/get?name=${name}`
      )
      expect(
        seen.filter(
          (url) => url === `${plainUri}/api/2.0/mlflow/registered-models/alias`
        )
      ).toHaveLength(2)
      await expectPromoted(name)
    }, 60_000)

    it('reads the lower-case http_proxy too, and masks the proxy password', async () => {
      const name = await registered('proxy-lower')
      const before = proxy.authorizations.length
      const withCredentials = proxy.url.replace(
        '://',
        `://corp:${PROXY_SECRET}@`
      )

      const result = await run('evaluate', name, plainUri, {
        http_proxy: withCredentials
      })

      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      const sent = proxy.authorizations.slice(before)
      expect(sent.length).toBeGreaterThan(0)
      expect(sent[0]).toBe(
        `Basic ${Buffer.from(`corp:${PROXY_SECRET}`).toString('base64')}`
      )
      // Said once, without the credentials.
      expect(result.stdout).toContain(`Network: proxy ${proxy.url}.`)
      expect(result.stdout).toContain(`::add-mask::${PROXY_SECRET}`)
      expect(everythingShown(result)).not.toContain(PROXY_SECRET)
    }, 60_000)

    it('bypasses the proxy for hosts in NO_PROXY, and only for them', async () => {
      const name = await registered('proxy-bypass')
      const seen = (): number => proxy.forwarded.length + proxy.tunnels.length

      // Another host in NO_PROXY: still through the proxy.
      const start = seen()
      const other = await run('evaluate', name, plainUri, {
        HTTP_PROXY: proxy.url,
        NO_PROXY: 'example.com'
      })
      expect(other.errors).toEqual([])
      expect(seen()).toBeGreaterThan(start)

      const before = seen()
      const result = await run('gate', name, plainUri, {
        HTTP_PROXY: proxy.url,
        NO_PROXY: 'example.com,127.0.0.1'
      })

      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      expect(seen()).toBe(before)
      await expectPromoted(name)
    }, 60_000)

    it('opens a CONNECT tunnel through HTTPS_PROXY to an https server, TLS end to end', async () => {
      const name = await registered('proxy-connect')
      const before = proxy.tunnels.length

      const result = await run('gate', name, front.url, {
        HTTPS_PROXY: proxy.url,
        MLFLOW_TRACKING_SERVER_CERT_PATH: certs.caPath
      })

      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      const tunnels = proxy.tunnels.slice(before)
      expect(tunnels.length).toBeGreaterThan(0)
      expect(new Set(tunnels)).toEqual(new Set([`127.0.0.1:${front.port}`]))
      await expectPromoted(name)
    }, 60_000)
  })

  describe('TLS', () => {
    it('verifies the certificate by default and names the fix when it is not trusted', async () => {
      const name = await registered('tls-default')

      const result = await run('evaluate', name, front.url, {})

      expect(result.status).toBe(1)
      expect(result.errors).toHaveLength(1)
      const [error] = result.errors
      expect(error).toContain(
        `Could not connect to MLflow at ${front.url} over TLS`
      )
      expect(error).toContain('MLFLOW_TRACKING_SERVER_CERT_PATH')
      expect(error).toContain('NODE_EXTRA_CA_CERTS')
      // A certificate does not change between attempts: no retry.
      expect(result.stdout).not.toContain('retrying in')
    }, 60_000)

    it('trusts the CA bundle in MLFLOW_TRACKING_SERVER_CERT_PATH, and promotes over TLS', async () => {
      const name = await registered('tls-ca')

      const result = await run('gate', name, front.url, {
        MLFLOW_TRACKING_SERVER_CERT_PATH: certs.caPath
      })

      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      await expectPromoted(name)
    }, 60_000)

    // A regression guard: Node honours NODE_EXTRA_CA_CERTS unless a `ca`
    // option replaces the roots, which only MLFLOW_TRACKING_SERVER_CERT_PATH does.
    it('keeps NODE_EXTRA_CA_CERTS working', async () => {
      const name = await registered('tls-extra')

      const result = await run('evaluate', name, front.url, {
        NODE_EXTRA_CA_CERTS: certs.caPath
      })

      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      expect(result.outputs['champion-version']).toBe('1')
    }, 60_000)

    it('trusts only the bundle in MLFLOW_TRACKING_SERVER_CERT_PATH, as requests’ verify=<path> does', async () => {
      const name = await registered('tls-only-bundle')

      const result = await run('evaluate', name, front.url, {
        MLFLOW_TRACKING_SERVER_CERT_PATH: certs.otherCaPath,
        NODE_EXTRA_CA_CERTS: certs.caPath
      })

      expect(result.status).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain('not signed by a trusted CA')
    }, 60_000)

    it('skips verification with MLFLOW_TRACKING_INSECURE_TLS=true, with a warning', async () => {
      const name = await registered('tls-insecure')

      const result = await run('evaluate', name, front.url, {
        MLFLOW_TRACKING_INSECURE_TLS: 'true'
      })

      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      expect(result.stdout).toMatch(
        /^::warning::MLFLOW_TRACKING_INSECURE_TLS=true: the tracking server’s TLS certificate is not verified/m
      )
    }, 60_000)

    it('refuses MLFLOW_TRACKING_INSECURE_TLS together with a CA bundle, as MLflow does', async () => {
      const name = await registered('tls-conflict')

      const result = await run('evaluate', name, front.url, {
        MLFLOW_TRACKING_INSECURE_TLS: 'true',
        MLFLOW_TRACKING_SERVER_CERT_PATH: certs.caPath
      })

      expect(result.status).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(
        'MLFLOW_TRACKING_INSECURE_TLS=true and MLFLOW_TRACKING_SERVER_CERT_PATH are both set'
      )
    }, 60_000)

    it('presents the client certificate of MLFLOW_TRACKING_CLIENT_CERT_PATH to a server that requires one', async () => {
      const name = await registered('tls-client')
      const server = { MLFLOW_TRACKING_SERVER_CERT_PATH: certs.caPath }

      const without = await run('evaluate', name, mutualFront.url, server)
      expect(without.status).toBe(1)
      expect(without.errors).toHaveLength(1)
      expect(without.errors[0]).toContain('MLFLOW_TRACKING_CLIENT_CERT_PATH')

      const keyless = await run('evaluate', name, mutualFront.url, {
        ...server,
        MLFLOW_TRACKING_CLIENT_CERT_PATH: certs.clientCertOnlyPath
      })
      expect(keyless.status).toBe(1)
      expect(keyless.errors[0]).toContain(
        'holds a certificate but no private key'
      )

      const withCert = await run('evaluate', name, mutualFront.url, {
        ...server,
        MLFLOW_TRACKING_CLIENT_CERT_PATH: certs.clientPemPath
      })
      expect(withCert.errors).toEqual([])
      expect(withCert.status).toBe(0)
      expect(withCert.outputs['champion-version']).toBe('1')
    }, 90_000)
  })
})
