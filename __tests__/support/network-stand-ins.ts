/**
 * Loopback stand-ins for the networks a runner sits on, placed between the
 * bundled action and a real MLflow server:
 *
 * - `startFaultProxy`: a reverse proxy (the action's tracking URI points at
 *   it) that forwards to the server and, by rule, answers the Nth request
 *   matching METHOD + path with a status (503, 429 + Retry-After), resets the
 *   connection before forwarding, resets it after the server acted (forward,
 *   read the answer, destroy the socket without answering), or stalls after
 *   forwarding, or rewrites the server's answer (a hostile registry).
 * - `startForwardProxy`: a corporate proxy: CONNECT tunnels (https targets)
 *   and absolute-URI requests (`GET http://host/...`, http targets), counted.
 * - `startTlsTerminator`: TLS in front of the server's plain HTTP port, with
 *   an optional client-certificate requirement.
 * - `makeCertificates`: a throwaway CA, a server certificate for 127.0.0.1
 *   signed by it, and a client certificate + key in one PEM file (openssl).
 *
 * Everything listens on 127.0.0.1 with an ephemeral port; every socket is
 * tracked and destroyed on close, so a test never leaves one open.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type Server as HttpServer
} from 'node:http'
import { connect as netConnect, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer as createTlsServer } from 'node:tls'

/** One stand-in: its URL, and `close()` that also destroys open sockets. */
export interface StandIn {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

function track(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    })
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || address === null) {
    throw new Error('no port')
  }
  return address.port
}

// ---------------------------------------------------------------------------
// Fault injection.

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'reset-before' }
  | { kind: 'reset-after' }
  | { kind: 'stall-after'; ms: number }
  /** Forward, then answer with the server's body rewritten (a hostile registry). */
  | { kind: 'rewrite'; body: (text: string) => string }

export interface FaultRule {
  method: string
  /** The path below the server's origin, without the query (`/api/2.0/mlflow/registered-models/alias`). */
  path: string
  /** The first matching request (1-based) the fault applies to. */
  nth: number
  /** How many matching requests from the Nth on get the fault (default 1; Infinity for all). */
  times?: number
  fault: Fault
}

/** What the fault proxy saw: each request, and the fault it got (if any). */
export interface SeenRequest {
  method: string
  path: string
  body: string
  fault?: Fault['kind']
  /** True when the request reached the server. */
  forwarded: boolean
}

export interface FaultProxy extends StandIn {
  readonly seen: SeenRequest[]
  /** Replaces the rules and restarts the counting (a re-run through a healed network). */
  setRules(rules: FaultRule[]): void
}

/** A reverse proxy to `target` (an http origin) that injects faults by rule. */
export async function startFaultProxy(
  target: string,
  rules: FaultRule[] = []
): Promise<FaultProxy> {
  const origin = new URL(target)
  let active = rules
  let counts = new Map<FaultRule, number>()
  const seen: SeenRequest[] = []

  function faultFor(method: string, path: string): Fault | undefined {
    for (const rule of active) {
      if (rule.method !== method || rule.path !== path) continue
      const count = (counts.get(rule) ?? 0) + 1
      counts.set(rule, count)
      const last = rule.nth + (rule.times ?? 1) - 1
      if (count >= rule.nth && count <= last) return rule.fault
    }
    return undefined
  }

  /** Forwards and resolves with the server's whole answer. */
  function forward(
    incoming: IncomingMessage,
    body: Buffer
  ): Promise<{
    status: number
    headers: IncomingMessage['headers']
    body: Buffer
  }> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: origin.hostname,
          port: origin.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: origin.host },
          timeout: 30_000
        },
        (answer) => {
          const chunks: Buffer[] = []
          answer.on('data', (chunk: Buffer) => chunks.push(chunk))
          answer.on('end', () =>
            resolve({
              status: answer.statusCode ?? 502,
              headers: answer.headers,
              body: Buffer.concat(chunks)
            })
          )
          answer.on('error', reject)
        }
      )
      outgoing.on('timeout', () =>
        outgoing.destroy(new Error('upstream timeout'))
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    })
  }

  const server: HttpServer = createHttpServer((incoming, response) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks)
        const method = incoming.method ?? 'GET'
        const path = new URL(incoming.url ?? '/', 'http://x').pathname
        const fault = faultFor(method, path)
        const record: SeenRequest = {
          method,
          path,
          body: body.toString('utf8'),
          fault: fault?.kind,
          forwarded: false
        }
        seen.push(record)
        if (fault?.kind === 'status') {
          const headers: Record<string, string> = {
            'content-type': 'application/json'
          }
          if (fault.retryAfter !== undefined) {
            headers['retry-after'] = fault.retryAfter
          }
          response.writeHead(fault.status, headers)
          response.end(
            JSON.stringify({
              error_code: 'TEMPORARILY_UNAVAILABLE',
              message: `injected HTTP ${fault.status}`
            })
          )
          return
        }
        if (fault?.kind === 'reset-before') {
          incoming.socket.destroy()
          return
        }
        try {
          const answer = await forward(incoming, body)
          record.forwarded = true
          if (fault?.kind === 'reset-after') {
            incoming.socket.destroy()
            return
          }
          if (fault?.kind === 'stall-after') {
            await new Promise((resolve) => setTimeout(resolve, fault.ms))
            if (incoming.socket.destroyed) return
          }
          const sent =
            fault?.kind === 'rewrite'
              ? Buffer.from(fault.body(answer.body.toString('utf8')))
              : answer.body
          const headers = { ...answer.headers }
          delete headers['transfer-encoding']
          delete headers.connection
          headers['content-length'] = String(sent.length)
          response.writeHead(answer.status, headers)
          response.end(sent)
        } catch (error) {
          response.writeHead(502, { 'content-type': 'text/plain' })
          response.end(`fault proxy: upstream failed: ${String(error)}`)
        }
      })()
    })
  })
  const close = track(server)
  const port = await listen(server)
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    setRules(rules) {
      active = rules
      counts = new Map()
    },
    close
  }
}

// ---------------------------------------------------------------------------
// A corporate proxy.

export interface ForwardProxy extends StandIn {
  /** `host:port` of every CONNECT tunnel opened. */
  readonly tunnels: string[]
  /** Absolute URIs of every plain-HTTP request forwarded. */
  readonly forwarded: string[]
  /** The Proxy-Authorization headers received. */
  readonly authorizations: string[]
}

/** An HTTP proxy on loopback: CONNECT tunnels and absolute-URI forwarding. */
export async function startForwardProxy(): Promise<ForwardProxy> {
  const tunnels: string[] = []
  const forwarded: string[] = []
  const authorizations: string[] = []
  const note = (incoming: IncomingMessage): void => {
    const auth = incoming.headers['proxy-authorization']
    if (auth) authorizations.push(auth)
  }
  const server = createHttpServer((incoming, response) => {
    note(incoming)
    const url = incoming.url ?? ''
    if (!/^http:\/\//.test(url)) {
      response.writeHead(400).end('not a proxy request')
      return
    }
    forwarded.push(url)
    const target = new URL(url)
    const headers = { ...incoming.headers }
    delete headers['proxy-authorization']
    delete headers['proxy-connection']
    const outgoing = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: `${target.pathname}${target.search}`,
        headers,
        timeout: 30_000
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      }
    )
    outgoing.on('error', () => response.destroy())
    incoming.pipe(outgoing)
  })
  server.on(
    'connect',
    (incoming: IncomingMessage, client: Socket, head: Buffer) => {
      note(incoming)
      const [host, port] = (incoming.url ?? '').split(':')
      tunnels.push(incoming.url ?? '')
      const upstream = netConnect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.write(head)
        upstream.pipe(client)
        client.pipe(upstream)
      })
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    }
  )
  const close = track(server)
  const port = await listen(server)
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    tunnels,
    forwarded,
    authorizations,
    close
  }
}

// ---------------------------------------------------------------------------
// TLS.

export interface Certificates {
  dir: string
  /** The CA that signed the server and client certificates (PEM file). */
  caPath: string
  /** Another CA, that signed nothing here. */
  otherCaPath: string
  serverCert: string
  serverKey: string
  /** Client certificate and key in one PEM file, as MLflow's client takes it. */
  clientPemPath: string
  /** The client certificate alone, no key. */
  clientCertOnlyPath: string
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, by openssl. */
export function makeCertificates(): Certificates {
  const dir = mkdtempSync(join(tmpdir(), 'champion-gate-tls-'))
  const at = (name: string): string => join(dir, name)
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 30_000 })
  }
  const ca = (name: string): void =>
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      at(`${name}.key`),
      '-out',
      at(`${name}.pem`)
    )
  ca('test-ca')
  ca('other-ca')
  const leaf = (name: string, ext: string): void => {
    openssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      at(`${name}.key`),
      '-out',
      at(`${name}.csr`)
    )
    writeFileSync(at(`${name}.ext`), ext)
    openssl(
      'x509',
      '-req',
      '-in',
      at(`${name}.csr`),
      '-CA',
      at('test-ca.pem'),
      '-CAkey',
      at('test-ca.key'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      at(`${name}.ext`),
      '-out',
      at(`${name}.pem`)
    )
  }
  leaf('server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n')
  leaf('client', 'extendedKeyUsage=clientAuth\n')
  const clientPemPath = at('client-with-key.pem')
  writeFileSync(
    clientPemPath,
    readFileSync(at('client.pem'), 'utf8') +
      readFileSync(at('client.key'), 'utf8')
  )
  return {
    dir,
    caPath: at('test-ca.pem'),
    otherCaPath: at('other-ca.pem'),
    serverCert: readFileSync(at('server.pem'), 'utf8'),
    serverKey: readFileSync(at('server.key'), 'utf8'),
    clientPemPath,
    clientCertOnlyPath: at('client.pem')
  }
}

export interface TlsTerminator extends StandIn {
  /** TLS handshakes completed. */
  readonly handshakes: () => number
}

/**
 * `https://127.0.0.1:<port>` piping decrypted bytes to `target` (an http
 * origin); with `caPath` it requires a client certificate signed by that CA.
 */
export async function startTlsTerminator(
  target: string,
  certificates: Certificates,
  options: { requireClientCertificate?: boolean } = {}
): Promise<TlsTerminator> {
  const origin = new URL(target)
  let handshakes = 0
  const server = createTlsServer(
    {
      cert: certificates.serverCert,
      key: certificates.serverKey,
      ...(options.requireClientCertificate
        ? {
            requestCert: true,
            rejectUnauthorized: true,
            ca: readFileSync(certificates.caPath, 'utf8')
          }
        : {})
    },
    (secure) => {
      handshakes++
      const upstream = netConnect(Number(origin.port), origin.hostname)
      secure.pipe(upstream)
      upstream.pipe(secure)
      upstream.on('error', () => secure.destroy())
      secure.on('error', () => upstream.destroy())
    }
  )
  // A refused handshake is the client's failure to see, not the test's.
  server.on('tlsClientError', () => undefined)
  const close = track(server)
  const port = await listen(server)
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    handshakes: () => handshakes,
    close
  }
}
