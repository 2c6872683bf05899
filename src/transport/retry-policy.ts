/**
 * The one retry policy for every service the action calls (the MLflow
 * registry in src/registry/http-transport.ts, GitHub in
 * src/github/pull-request-comment.ts). What is retried and how:
 *
 * - **What.** A connection error (refused, reset, DNS, timeout), HTTP 408,
 *   429, and 5xx except 501 (Not Implemented does not heal). GitHub's rate
 *   limits (a 403 or 429 saying so) count as 429. A request that is not safe
 *   to repeat (it may create a second thing) is retried only when its first
 *   try certainly did no work: the connection was refused or the name did
 *   not resolve (nothing was sent), or the server answered 408, 429 or 503
 *   (it refused the work). Whether a request is safe to repeat is the
 *   caller's decision, made per request next to the request.
 * - **Backoff.** Exponential from 500 ms (500 ms, 1 s, 2 s, …), each step
 *   capped at 15 s, with **full jitter**: the wait is drawn uniformly from
 *   [0, step), so runs that failed together do not retry together
 *   (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 * - **Retry-After.** When the server says when to come back (`Retry-After`
 *   in seconds or as an HTTP date; GitHub's `x-ratelimit-reset`), that wait
 *   replaces the backoff. It is capped at 60 s: a server that asks for longer
 *   ends the retries at once, since coming back sooner would only be refused
 *   again.
 * - **Caps.** At most `maxAttempts` tries, the first included (input
 *   `retry-max-attempts`), and no wait that would take the request's tries
 *   and waits together past `maxRetryMs` (input `retry-max-seconds`).
 *
 * Pure apart from the injected clock, sleep and random source, so the policy
 * is tested without waiting (__tests__/transport/retry-policy.test.ts).
 */

/** The first backoff step. */
export const BACKOFF_BASE_MS = 500
/** The largest backoff step (before jitter). */
export const BACKOFF_CAP_MS = 15_000
/** The longest `Retry-After` obeyed; a longer one ends the retries. */
export const RETRY_AFTER_CAP_MS = 60_000

/** How hard to try one request. */
export interface RetryLimits {
  /** Tries per request, the first included. */
  maxAttempts: number
  /** Budget for one request's tries and waits together; no retry starts past it. */
  maxRetryMs: number
  /** The first backoff step (default 500 ms; tests make it small). */
  baseDelayMs?: number
}

/** What the policy needs from the world; tests inject all three. */
export interface RetryEnvironment {
  /** Defaults to `setTimeout`. */
  sleep?: (ms: number) => Promise<void>
  /** Uniform in [0, 1); defaults to `Math.random`. */
  random?: () => number
  /** Milliseconds; defaults to `Date.now`. */
  now?: () => number
}

/** One try's result, as the policy sees it. */
export type TryOutcome =
  /** An HTTP answer; `retryAfterMs` from `Retry-After` or a rate-limit reset. */
  | { kind: 'answer'; status: number; retryAfterMs?: number }
  /** No answer: `code` is the error code (`ECONNREFUSED`, `timeout`, …). */
  | { kind: 'failure'; code: string }

/**
 * Errors after which the request certainly did not reach the server: the
 * connection was refused, or the host name did not resolve.
 */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'EAI_AGAIN'
])

/** Connection errors worth another try. */
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'timeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH'
])

/**
 * True when `outcome` is worth another try. `safeToRepeat`: the request does
 * the same thing however often it lands (a read, setting an alias); when
 * false, only outcomes that prove the first try did no work are retried.
 * TLS failures (a certificate does not change between tries) and undici's
 * argument errors are never retried.
 */
export function isRetryable(
  outcome: TryOutcome,
  safeToRepeat: boolean
): boolean {
  if (outcome.kind === 'failure') {
    if (!safeToRepeat) return NOT_SENT_CODES.has(outcome.code)
    return (
      TRANSIENT_CODES.has(outcome.code) ||
      (outcome.code.startsWith('UND_ERR_') &&
        outcome.code !== 'UND_ERR_INVALID_ARG')
    )
  }
  const { status } = outcome
  if (status === 408 || status === 429 || status === 503) return true
  return safeToRepeat && status >= 500 && status !== 501
}

/**
 * The wait before try `attempts + 1`, or undefined when there is none: the
 * tries are spent, the server asked for a wait over the cap, or the wait
 * would pass the time budget. `elapsedMs` is what the tries and waits so far
 * took.
 */
export function nextDelay(
  attempts: number,
  elapsedMs: number,
  retryAfterMs: number | undefined,
  limits: RetryLimits,
  random: () => number = Math.random
): number | undefined {
  if (attempts >= limits.maxAttempts) return undefined
  if (retryAfterMs !== undefined && retryAfterMs > RETRY_AFTER_CAP_MS) {
    return undefined
  }
  const step = Math.min(
    BACKOFF_CAP_MS,
    (limits.baseDelayMs ?? BACKOFF_BASE_MS) * 2 ** (attempts - 1)
  )
  const delay = retryAfterMs ?? random() * step
  return elapsedMs + delay > limits.maxRetryMs ? undefined : delay
}

/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(
  header: string | string[] | undefined,
  now: number = Date.now()
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header
  if (value === undefined || value.trim() === '') return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim()) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** The last try's result and what the tries cost. */
export interface Retried<T> {
  result: T
  /** Tries made, the first included. */
  attempts: number
  /** The tries' durations plus the waits between them. */
  elapsedMs: number
}

/** A retry about to happen, for a log line. */
export interface RetryNotice {
  /** The try that just failed. */
  attempt: number
  delayMs: number
}

/**
 * Runs `attempt` until its result is not retryable or the limits say stop,
 * and returns the last result. `attempt` must not throw for an outcome the
 * policy should judge: it returns it, and `judge` maps it to a
 * {@link TryOutcome} and whether the request is safe to repeat (undefined:
 * a result that is never retried, such as a success or an abort).
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  judge: (
    result: T
  ) => { outcome: TryOutcome; safeToRepeat: boolean } | undefined,
  limits: RetryLimits,
  environment: RetryEnvironment = {},
  onRetry?: (result: T, notice: RetryNotice) => void
): Promise<Retried<T>> {
  const now = environment.now ?? Date.now
  const sleep =
    environment.sleep ??
    ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  let elapsedMs = 0
  for (let attempts = 1; ; attempts++) {
    const started = now()
    const result = await attempt(attempts)
    elapsedMs += now() - started
    const verdict = judge(result)
    if (!verdict || !isRetryable(verdict.outcome, verdict.safeToRepeat)) {
      return { result, attempts, elapsedMs }
    }
    const delay = nextDelay(
      attempts,
      elapsedMs,
      verdict.outcome.kind === 'answer'
        ? verdict.outcome.retryAfterMs
        : undefined,
      limits,
      environment.random
    )
    if (delay === undefined) return { result, attempts, elapsedMs }
    onRetry?.(result, { attempt: attempts, delayMs: delay })
    await sleep(delay)
    elapsedMs += delay
  }
}
