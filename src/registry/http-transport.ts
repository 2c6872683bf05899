/**
 * The registry's HTTP transport, below any dialect: one undici `request` per
 * try with a per-request timeout and the credentials, the answer read up to a
 * size cap, retries by the one policy (src/transport/retry-policy.ts), and
 * the typed error `RegistryApiError` with messages that say what to check
 * when no answer came (unreachable, TLS, too large). MLflow's REST dialect
 * (src/registry/mlflow-client.ts), Unity Catalog's
 * (src/registry/unity-catalog-client.ts) and the Databricks OAuth token
 * requests (src/registry/databricks-connection.ts) sit on it.
 */
import { request, type Dispatcher } from 'undici'
import { UserError } from '../errors.js'
import {
  NOT_SENT_CODES,
  parseRetryAfter,
  withRetries
} from '../transport/retry-policy.js'
import {
  baseOf,
  basicAuthFromUserinfo,
  parseHttpUrl,
  type TrackingAuth
} from './tracking-connection.js'
import { basicHeaderValue, splitUserinfo } from './tracking-uri.js'

/** How to reach the server and how hard to try. */
export interface HttpTransportOptions {
  /** `http(s)://host[:port][/prefix]`; credentials in the userinfo are used as Basic auth. */
  trackingUri: string
  /** Wins over credentials in the URI's userinfo. */
  auth?: TrackingAuth
  userAgent: string
  /** Per request, including reading the body. */
  timeoutMs: number
  /** Attempts per request, the first included. */
  maxAttempts: number
  /** Budget for one request's attempts and waits together; no retry starts past it. */
  maxRetryMs: number
  /** Defaults to undici's global dispatcher (tests inject a `MockAgent`). */
  dispatcher?: Dispatcher
  /** Defaults to `setTimeout`; tests inject one that does not wait. */
  sleep?: (ms: number) => Promise<void>
  /** Retry notices (the shell passes `core.info`). */
  log?: (message: string) => void
  /**
   * A bearer token that may change between requests (an OAuth token the
   * source refreshes before it expires); asked before every try, and wins
   * over `auth`.
   */
  bearer?: () => Promise<string>
}

/** One request as a dialect describes it. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** Path and query below the base URL, starting with '/'. */
  path: string
  /** Sent as JSON when given. */
  body?: Record<string, unknown>
  /** Sent as `application/x-www-form-urlencoded` when given (OAuth token requests). */
  form?: Record<string, string>
  /**
   * Safe to repeat when the first try's effect is unknown (5xx, reset,
   * timeout); the dialect decides per request (see the retry policy).
   */
  safeToRepeat: boolean
}

/** The last try's result: an answer (any status) or no answer. */
export type Exchange = (
  | { kind: 'answer'; status: number; contentType: string; text: string }
  | { kind: 'failure'; code: string; error: unknown }
) & { attempts: number; elapsedMs: number }

/** What a `RegistryApiError` records about the failed request. */
export interface RegistryApiErrorDetails {
  method: string
  /** Path and query below the tracking URI, e.g. `/api/2.0/mlflow/registered-models/alias?name=m&alias=champion`. */
  path: string
  /** Undefined when no HTTP answer came (connection error, timeout). */
  status?: number
  /** The server's error code, e.g. MLflow's `RESOURCE_DOES_NOT_EXIST`. */
  errorCode?: string
  /** The server's message, or a one-line excerpt of a non-JSON body. */
  serverMessage?: string
  /** Tries made; above 1, an earlier try may have reached the server before its answer was lost. */
  attempts?: number
}

/** A request to the registry failed; the message names the server, the request and what to check. */
export class RegistryApiError extends UserError {
  readonly method: string
  readonly path: string
  readonly status: number | undefined
  readonly errorCode: string | undefined
  readonly serverMessage: string | undefined
  readonly attempts: number

  constructor(
    message: string,
    details: RegistryApiErrorDetails,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.method = details.method
    this.path = details.path
    this.status = details.status
    this.errorCode = details.errorCode
    this.serverMessage = details.serverMessage
    this.attempts = details.attempts ?? 1
  }
}

/**
 * The largest answer read. The registry's answers are kilobytes; a server
 * (or something posing as one) sending more is cut off, not buffered.
 */
const MAX_BODY_BYTES = 32 * 1024 * 1024
const BODY_TOO_LARGE = 'BODY_TOO_LARGE'

/** Sends requests to one server with its credentials, retrying by the policy. */
export class HttpTransport {
  /** Origin and path prefix, no credentials, no trailing slash. */
  readonly baseUrl: string
  readonly auth: TrackingAuth | undefined
  /** True when the credentials came from the URI's userinfo. */
  readonly authFromUri: boolean
  private readonly options: HttpTransportOptions
  /** Names the server in messages ("MLflow"). */
  private readonly service: string

  constructor(options: HttpTransportOptions, service: string) {
    // Credentials are cut out before parsing: a password may hold '/', '?' or '#'.
    const { scheme, userinfo, rest } = splitUserinfo(options.trackingUri)
    this.baseUrl = baseOf(parseHttpUrl(`${scheme}${rest}`))
    const fromUri = basicAuthFromUserinfo(userinfo)
    this.auth = options.auth ?? fromUri
    this.authFromUri = options.auth === undefined && fromUri !== undefined
    this.options = options
    this.service = service
  }

  /** Sends the request, retrying transient failures within the budget. */
  async exchange(call: TransportRequest): Promise<Exchange> {
    const { maxAttempts, maxRetryMs, timeoutMs } = this.options
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent
    }
    if (call.body !== undefined) headers['content-type'] = 'application/json'
    if (call.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
    }
    if (this.auth?.kind === 'bearer') {
      headers.authorization = `Bearer ${this.auth.token}`
    } else if (this.auth?.kind === 'basic') {
      headers.authorization = `Basic ${basicHeaderValue(this.auth.username, this.auth.password)}`
    }
    const body =
      call.form !== undefined
        ? new URLSearchParams(call.form).toString()
        : call.body === undefined
          ? undefined
          : JSON.stringify(call.body)
    type Try =
      | {
          kind: 'answer'
          status: number
          contentType: string
          text: string
          retryAfterMs: number | undefined
        }
      | { kind: 'failure'; code: string; error: unknown }
    const { result, attempts, elapsedMs } = await withRetries<Try>(
      async () => {
        // Asked per try (a token that expired during a retry wait is renewed),
        // outside the catch: a refused token request is its own error, not a
        // failure to reach the registry.
        const bearer = this.options.bearer && (await this.options.bearer())
        try {
          const response = await request(`${this.baseUrl}${call.path}`, {
            method: call.method,
            headers: bearer
              ? { ...headers, authorization: `Bearer ${bearer}` }
              : headers,
            body,
            dispatcher: this.options.dispatcher,
            signal: AbortSignal.timeout(timeoutMs)
          })
          const text = await readCapped(response.body, MAX_BODY_BYTES)
          return {
            kind: 'answer',
            status: response.statusCode,
            contentType: String(response.headers['content-type'] ?? ''),
            text,
            retryAfterMs: parseRetryAfter(response.headers['retry-after'])
          }
        } catch (error) {
          return { kind: 'failure', code: failureCode(error), error }
        }
      },
      (result) => ({ outcome: result, safeToRepeat: call.safeToRepeat }),
      { maxAttempts, maxRetryMs },
      { sleep: this.options.sleep },
      (result, { attempt, delayMs }) =>
        this.options.log?.(
          `${this.service} ${call.method} ${call.path}: ${result.kind === 'answer' ? `HTTP ${result.status}` : result.code}; retrying in ${seconds(delayMs)}s (attempt ${attempt + 1} of ${maxAttempts}).`
        )
    )
    if (result.kind === 'failure') return { ...result, attempts, elapsedMs }
    const { status, contentType, text } = result
    return { kind: 'answer', status, contentType, text, attempts, elapsedMs }
  }

  /**
   * What to say about an exchange that got no answer (too large, TLS,
   * unreachable), with what to check; the dialect throws it as its typed
   * error, with `outcome.error` as the cause. `ifLost`, for a write that is not safe to repeat, what to check when it
   * may have reached the server.
   */
  failureMessage(
    outcome: Extract<Exchange, { kind: 'failure' }>,
    label: string,
    ifLost?: string
  ): string {
    const service = this.service
    const at = `${service} at ${this.baseUrl}`
    if (outcome.code === BODY_TOO_LARGE) {
      return `${at} answered ${label} with more than ${MAX_BODY_BYTES / 1024 / 1024} MiB; the reading stopped there. Is the tracking URI an ${service} tracking server?`
    }
    const tls = tlsAdvice(outcome.code)
    if (tls) {
      return `Could not connect to ${at} over TLS: ${tls} (${label}).`
    }
    const reason =
      outcome.code === 'timeout'
        ? `no answer within ${seconds(this.options.timeoutMs)}s (timeout)`
        : outcome.code
    // Over TLS 1.3 a server that wants a client certificate completes the
    // handshake, then closes the connection: the client sees only that.
    const closedUnanswered =
      this.baseUrl.startsWith('https:') &&
      (outcome.code === 'UND_ERR_SOCKET' || outcome.code === 'ECONNRESET') &&
      (outcome.error as { socket?: { bytesRead?: number } }).socket
        ?.bytesRead === 0
    const lost =
      ifLost && !NOT_SENT_CODES.has(outcome.code)
        ? ` The request may have reached the server before the connection failed: ${ifLost}`
        : ''
    return (
      `Could not reach ${at} after ${plural(outcome.attempts, 'attempt')} over ${seconds(outcome.elapsedMs)}s: ${reason} (${label}). ` +
      (closedUnanswered
        ? 'The server closed the connection before answering: if it requires a client certificate, set MLFLOW_TRACKING_CLIENT_CERT_PATH to one PEM file holding the certificate and its private key.'
        : 'Is the server running and the tracking URI right?') +
      lost
    )
  }
}

/** OpenSSL's verdicts on a server certificate no trusted root vouches for. */
const UNTRUSTED_CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE'
])

/**
 * What to do about a TLS failure, or undefined when the failure is not one.
 * These are never retried (the retry policy does not list them): a
 * certificate does not change between attempts.
 */
function tlsAdvice(code: string): string | undefined {
  if (UNTRUSTED_CERT_CODES.has(code)) {
    return `the server's certificate is not signed by a trusted CA (${code}). Set MLFLOW_TRACKING_SERVER_CERT_PATH to the CA bundle that signed it (as for MLflow's own client), or add that CA with NODE_EXTRA_CA_CERTS; MLFLOW_TRACKING_INSECURE_TLS=true skips the check, unsafely`
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `the server's certificate is not issued for this host (${code}); use a host name the certificate names in the tracking URI`
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `the server's certificate is outside its validity period (${code}); renew it on the server`
  }
  if (
    /^ERR_SSL_.*ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE)$/.test(
      code
    )
  ) {
    return `the server refused the handshake (${code}); if it requires a client certificate, set MLFLOW_TRACKING_CLIENT_CERT_PATH to one PEM file holding the certificate and its private key`
  }
  return undefined
}

function failureCode(error: unknown): string {
  // Duck-typed: `AbortSignal.timeout` rejects with a DOMException (named
  // TimeoutError) that need not be an `instanceof Error` of this realm.
  if (typeof error !== 'object' || error === null) return String(error)
  const { name, code, cause } = error as {
    name?: unknown
    code?: unknown
    cause?: { code?: unknown }
  }
  if (name === 'TimeoutError') return 'timeout'
  const found = code ?? cause?.code
  if (typeof found === 'string') return found
  return typeof name === 'string' ? name : String(error)
}

/** The body as text, or a `BODY_TOO_LARGE` error once it passes `limit` bytes. */
async function readCapped(
  body: AsyncIterable<Buffer | Uint8Array> & { destroy(): unknown },
  limit: number
): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > limit) {
      body.destroy()
      throw Object.assign(new Error(`answer over ${limit} bytes`), {
        code: BODY_TOO_LARGE
      })
    }
    chunks.push(Buffer.from(chunk))
  }
  // TextDecoder, as undici's text() does: a BOM is dropped, not parsed.
  return new TextDecoder().decode(Buffer.concat(chunks))
}

/** Milliseconds as seconds with one decimal, for messages. */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(1)
}

/** "1 attempt", "3 attempts". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
