/**
 * A plain HTTP proxy on loopback in front of a real MLflow server that
 * holds back chosen requests (e.g. alias writes) before forwarding them, so
 * that two runs' registry writes overlap as they would on a slow network.
 * Records every request it forwards, in arrival order.
 */

import {
  createServer,
  request as forward,
  type IncomingMessage,
  type Server
} from 'node:http'

export interface SlowProxy {
  /** `http://127.0.0.1:<port>` plus the target's path prefix. */
  readonly uri: string
  /** `METHOD path` of each request, as it arrived. */
  readonly seen: string[]
  close(): Promise<void>
}

export async function startSlowProxy(
  target: string,
  options: {
    /** How long to hold a request back, in ms (0: forward at once). */
    delayOf: (method: string, path: string) => number
  }
): Promise<SlowProxy> {
  const base = new URL(target)
  const seen: string[] = []
  const server: Server = createServer((incoming: IncomingMessage, out) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const method = incoming.method ?? 'GET'
      const path = incoming.url ?? '/'
      seen.push(`${method} ${path}`)
      const delay = Math.min(10_000, options.delayOf(method, path))
      setTimeout(() => {
        const headers = { ...incoming.headers, host: base.host }
        const upstream = forward(
          {
            host: base.hostname,
            port: base.port,
            method,
            path,
            headers,
            timeout: 30_000
          },
          (answer) => {
            out.writeHead(answer.statusCode ?? 502, answer.headers)
            answer.pipe(out)
          }
        )
        upstream.on('error', () => {
          out.writeHead(502)
          out.end()
        })
        upstream.on('timeout', () => upstream.destroy())
        upstream.end(Buffer.concat(chunks))
      }, delay)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (typeof address !== 'object' || address === null) {
    throw new Error('the slow proxy has no port')
  }
  return {
    uri: `http://127.0.0.1:${address.port}${base.pathname.replace(/\/+$/, '')}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
