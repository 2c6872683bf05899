/**
 * The network under the registry client: which proxy a request goes through
 * and which TLS certificates it trusts or presents, from the same environment
 * variables MLflow's Python client (requests) reads, so a runner set up for
 * `mlflow` works for this action unchanged.
 *
 * Proxies (requests' `trust_env`, and `@actions/http-client`):
 * - `https_proxy` / `HTTPS_PROXY` for https tracking URIs, `http_proxy` /
 *   `HTTP_PROXY` for http ones, and only so: an https server with only
 *   HTTP_PROXY set is reached directly, as requests and @actions/http-client
 *   do (undici's own EnvHttpProxyAgent would fall back to HTTP_PROXY). The
 *   lower-case name wins when both are set, as in requests. `ALL_PROXY` is
 *   not read. Credentials in the proxy URL go as Proxy-Authorization.
 * - `no_proxy` / `NO_PROXY`: comma- or space-separated hosts, `host:port`,
 *   `.example.com` or `*.example.com` (the domain and its subdomains), and
 *   `*` alone (no proxy at all): undici's `EnvHttpProxyAgent` rules.
 *   Differences from requests: no CIDR ranges (`10.0.0.0/8` is matched as a
 *   host name, so never), and a bare `example.com` matches `x.example.com`
 *   but not `badexample.com` (requests' plain suffix test matches both).
 *   Unlike `@actions/http-client`, loopback hosts are proxied unless
 *   NO_PROXY names them, as requests does.
 * - An http tracking URI goes through the proxy as an absolute-URI request
 *   (`GET http://host/...`), as requests sends it; proxies that allow
 *   CONNECT only to port 443 (squid's default) accept that. An https one
 *   goes through a CONNECT tunnel, with TLS end to end.
 *
 * TLS (MLflow's `MLFLOW_TRACKING_*` variables, which set requests' `verify`
 * and `cert`):
 * - verified by default against Node's roots plus `NODE_EXTRA_CA_CERTS`;
 * - `MLFLOW_TRACKING_SERVER_CERT_PATH`: a PEM bundle that becomes the ONLY
 *   trusted roots, as requests' `verify=<path>` does (so NODE_EXTRA_CA_CERTS
 *   and the public roots no longer apply while it is set); without it,
 *   `REQUESTS_CA_BUNDLE` or `CURL_CA_BUNDLE` play that part, as requests
 *   reads them when `verify` is left True;
 * - `MLFLOW_TRACKING_CLIENT_CERT_PATH`: one PEM file holding the client
 *   certificate and its private key, as requests' `cert=<path>` takes it;
 * - `MLFLOW_TRACKING_INSECURE_TLS=true`: no verification (a warning says so);
 *   MLflow refuses it together with a server cert path, and so does this.
 */
import { readFileSync } from 'node:fs'
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici'
import { UserError } from '../errors.js'

/** The TLS options given to every connection to the tracking server. */
export interface TrackingTls {
  /** PEM roots replacing Node's defaults (MLFLOW_TRACKING_SERVER_CERT_PATH). */
  ca?: string
  /** PEM client certificate and key (MLFLOW_TRACKING_CLIENT_CERT_PATH). */
  cert?: string
  key?: string
  /** False only with MLFLOW_TRACKING_INSECURE_TLS=true. */
  rejectUnauthorized: boolean
}

/** What the environment asks of the network, read but not yet connected. */
export interface NetworkSettings {
  httpProxy?: string
  httpsProxy?: string
  noProxy?: string
  tls: TrackingTls
  /** The variable the CA bundle came from, when one did. */
  caVariable?: string
  /** Degraded-but-usable states for `core.warning` (insecure TLS). */
  warnings: string[]
  /** Proxy passwords, to mask with the other credentials. */
  secrets: string[]
}

/** The first non-empty value among the names, lower case first as requests reads them. */
function fromEnv(
  env: Record<string, string | undefined>,
  name: string
): string | undefined {
  for (const key of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[key]?.trim()
    if (value) return value
  }
  return undefined
}

/**
 * Reads the proxy and TLS variables; `readFile` reads the certificate files
 * (injected by tests). Throws a `UserError` naming the variable when a file
 * cannot be read or holds no certificate.
 */
export function networkSettings(
  env: Record<string, string | undefined>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')
): NetworkSettings {
  const warnings: string[] = []
  const secrets: string[] = []
  const httpProxy = fromEnv(env, 'http_proxy')
  const httpsProxy = fromEnv(env, 'https_proxy')
  for (const proxy of [httpProxy, httpsProxy]) {
    const password = proxyPassword(proxy)
    if (password) secrets.push(password, safeDecode(password))
  }
  // requests reads no_proxy before NO_PROXY; an empty one means "none".
  const noProxy = env.no_proxy ?? env.NO_PROXY

  // requests takes REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE, when MLflow leaves verify=True.
  const caVariable = [
    'MLFLOW_TRACKING_SERVER_CERT_PATH',
    'REQUESTS_CA_BUNDLE',
    'CURL_CA_BUNDLE'
  ].find((name) => env[name]?.trim())
  const serverCertPath = caVariable && env[caVariable]?.trim()
  const clientCertPath = env.MLFLOW_TRACKING_CLIENT_CERT_PATH?.trim()
  const insecure = /^(true|1)$/i.test(
    env.MLFLOW_TRACKING_INSECURE_TLS?.trim() ?? ''
  )
  if (insecure && env.MLFLOW_TRACKING_SERVER_CERT_PATH?.trim()) {
    // MLflow's own client raises the same conflict (rest_utils.http_request).
    throw new UserError(
      'MLFLOW_TRACKING_INSECURE_TLS=true and MLFLOW_TRACKING_SERVER_CERT_PATH are both set: unset one (MLflow refuses the pair too).'
    )
  }
  const tls: TrackingTls = { rejectUnauthorized: !insecure }
  if (insecure) {
    warnings.push(
      'MLFLOW_TRACKING_INSECURE_TLS=true: the tracking server’s TLS certificate is not verified, so anyone on the network path can read the credentials and change what the registry answers. Set MLFLOW_TRACKING_SERVER_CERT_PATH to its CA bundle instead.'
    )
  }
  // Insecure wins over a requests bundle, as verify=False does in requests.
  if (caVariable && serverCertPath && !insecure) {
    const pem = readPem(caVariable, serverCertPath, readFile)
    if (!/-----BEGIN (TRUSTED )?CERTIFICATE-----/.test(pem)) {
      throw new UserError(
        `${caVariable}: '${serverCertPath}' holds no PEM certificate ('-----BEGIN CERTIFICATE-----'); give the CA bundle that signed the tracking server's certificate.`
      )
    }
    tls.ca = pem
  }
  if (clientCertPath) {
    const pem = readPem(
      'MLFLOW_TRACKING_CLIENT_CERT_PATH',
      clientCertPath,
      readFile
    )
    if (!/-----BEGIN CERTIFICATE-----/.test(pem)) {
      throw new UserError(
        `MLFLOW_TRACKING_CLIENT_CERT_PATH: '${clientCertPath}' holds no PEM certificate; give one file with the client certificate and its private key, as MLflow's client (requests' cert=) takes it.`
      )
    }
    if (!/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
      throw new UserError(
        `MLFLOW_TRACKING_CLIENT_CERT_PATH: '${clientCertPath}' holds a certificate but no private key; put the key (unencrypted PEM) in the same file, as MLflow's client (requests' cert=) needs it.`
      )
    }
    // One file for both: OpenSSL picks the certificate blocks for `cert` and the key block for `key`.
    tls.cert = pem
    tls.key = pem
  }
  return {
    httpProxy,
    httpsProxy,
    noProxy,
    tls,
    caVariable: tls.ca === undefined ? undefined : caVariable,
    warnings,
    secrets
  }
}

/**
 * The undici dispatcher for these settings, or undefined when nothing is set
 * (undici's global dispatcher then applies, which tests replace with a
 * `MockAgent`).
 */
export function createDispatcher(
  settings: NetworkSettings,
  trackingUri: string
): Dispatcher | undefined {
  const { noProxy, tls } = settings
  // The client talks to one server, so its scheme picks the one proxy variable.
  const proxy = proxyFor(settings, trackingUri)
  const customTls =
    tls.ca !== undefined || tls.cert !== undefined || !tls.rejectUnauthorized
  // Only the TLS options that are set: `ca: undefined` would still be passed to tls.connect.
  const connect = Object.fromEntries(
    Object.entries(tls).filter(([, value]) => value !== undefined)
  )
  if (!proxy) {
    return customTls ? new Agent({ connect }) : undefined
  }
  // EnvHttpProxyAgent for its NO_PROXY rules; explicit values, so it does not read process.env.
  return new EnvHttpProxyAgent({
    httpProxy: proxy,
    httpsProxy: proxy,
    noProxy: noProxy ?? '',
    connect,
    // Through a proxy the target's TLS runs inside the CONNECT tunnel.
    requestTls: connect,
    // http targets as absolute-URI requests, like requests (see the header).
    proxyTunnel: false
  } as EnvHttpProxyAgent.Options)
}

/** The proxy variable's value that applies to the tracking URI's scheme. */
function proxyFor(
  settings: NetworkSettings,
  trackingUri: string
): string | undefined {
  return /^https:/i.test(trackingUri) ? settings.httpsProxy : settings.httpProxy
}

/** How the network was set up, for `core.info` (no credentials). */
export function describeNetwork(
  settings: NetworkSettings,
  trackingUri: string
): string[] {
  const lines: string[] = []
  const proxy = proxyFor(settings, trackingUri)
  if (proxy) {
    let shown: string
    try {
      shown = new URL(proxy).origin
    } catch {
      shown = '(an unparsable proxy URL)'
    }
    lines.push(
      `proxy ${shown}${settings.noProxy ? ` unless NO_PROXY (${settings.noProxy}) names the host` : ''}`
    )
  }
  if (settings.tls.ca) lines.push(`CA bundle from ${settings.caVariable}`)
  if (settings.tls.cert) {
    lines.push('client certificate from MLFLOW_TRACKING_CLIENT_CERT_PATH')
  }
  return lines
}

function readPem(
  variable: string,
  path: string,
  readFile: (path: string) => string
): string {
  try {
    return readFile(path)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    throw new UserError(
      `${variable}: cannot read '${path}' (${typeof code === 'string' ? code : String(error)}).`,
      { cause: error }
    )
  }
}

function proxyPassword(proxy: string | undefined): string | undefined {
  if (!proxy) return undefined
  try {
    return new URL(proxy).password || undefined
  } catch {
    // Unparsable: mask whatever sits between ':' and '@' in the authority.
    return /^[^:/]*:\/\/[^:@/]*:([^@]*)@/.exec(proxy)?.[1] || undefined
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}
