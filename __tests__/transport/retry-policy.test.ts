/**
 * The one retry policy, deterministic: the random source, the clock and the
 * sleep are injected, so every delay is exact and nothing waits.
 */
import { describe, expect, it } from '@jest/globals'
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  RETRY_AFTER_CAP_MS,
  isRetryable,
  nextDelay,
  parseRetryAfter,
  withRetries,
  type TryOutcome
} from '../../src/transport/retry-policy.js'

const answer = (status: number, retryAfterMs?: number): TryOutcome => ({
  kind: 'answer',
  status,
  retryAfterMs
})
const failure = (code: string): TryOutcome => ({ kind: 'failure', code })

describe('retry-policy.ts', () => {
  describe('isRetryable', () => {
    it('retries connection errors, 408, 429 and 5xx other than 501 for a request safe to repeat', () => {
      for (const status of [408, 429, 500, 502, 503, 504, 599]) {
        expect(isRetryable(answer(status), true)).toBe(true)
      }
      for (const status of [200, 400, 401, 403, 404, 409, 422, 501]) {
        expect(isRetryable(answer(status), true)).toBe(false)
      }
      for (const code of [
        'timeout',
        'ECONNREFUSED',
        'ECONNRESET',
        'ETIMEDOUT',
        'EAI_AGAIN',
        'UND_ERR_SOCKET'
      ]) {
        expect(isRetryable(failure(code), true)).toBe(true)
      }
    })

    it('never retries a TLS failure, an invalid argument or an unknown error', () => {
      for (const code of [
        'DEPTH_ZERO_SELF_SIGNED_CERT',
        'ERR_TLS_CERT_ALTNAME_INVALID',
        'UND_ERR_INVALID_ARG',
        'unknown'
      ]) {
        expect(isRetryable(failure(code), true)).toBe(false)
      }
    })

    it('retries a request not safe to repeat only when the first try did no work', () => {
      for (const status of [408, 429, 503]) {
        expect(isRetryable(answer(status), false)).toBe(true)
      }
      for (const status of [500, 502, 504]) {
        expect(isRetryable(answer(status), false)).toBe(false)
      }
      expect(isRetryable(failure('ECONNREFUSED'), false)).toBe(true)
      expect(isRetryable(failure('EAI_AGAIN'), false)).toBe(true)
      expect(isRetryable(failure('ECONNRESET'), false)).toBe(false)
      expect(isRetryable(failure('timeout'), false)).toBe(false)
    })
  })

  describe('nextDelay', () => {
    const limits = { maxAttempts: 20, maxRetryMs: 10_000_000 }

    it('draws the wait uniformly from [0, step): full jitter, the step doubling from 500 ms up to 15 s', () => {
      const steps = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
        Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1))
      )
      expect(steps).toEqual([
        500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000
      ])
      steps.forEach((step, index) => {
        const attempt = index + 1
        // The lowest draw waits not at all (full, not equal, jitter) ...
        expect(nextDelay(attempt, 0, undefined, limits, () => 0)).toBe(0)
        // ... and every draw scales the whole step.
        expect(nextDelay(attempt, 0, undefined, limits, () => 0.25)).toBe(
          step * 0.25
        )
        expect(nextDelay(attempt, 0, undefined, limits, () => 0.5)).toBe(
          step / 2
        )
      })
    })

    it('scales from a given first step', () => {
      const small = { ...limits, baseDelayMs: 10 }
      expect(nextDelay(3, 0, undefined, small, () => 0.5)).toBe(20)
    })

    it('waits what Retry-After asks instead of the backoff, up to the cap', () => {
      expect(nextDelay(1, 0, 7000, limits, () => 0)).toBe(7000)
      expect(nextDelay(1, 0, 0, limits, () => 0.9)).toBe(0)
      expect(nextDelay(1, 0, RETRY_AFTER_CAP_MS, limits, () => 0)).toBe(
        RETRY_AFTER_CAP_MS
      )
      expect(
        nextDelay(1, 0, RETRY_AFTER_CAP_MS + 1, limits, () => 0)
      ).toBeUndefined()
    })

    it('stops when the tries are spent or the wait would pass the time budget', () => {
      const tight = { maxAttempts: 3, maxRetryMs: 5000 }
      expect(nextDelay(2, 0, undefined, tight, () => 0)).toBe(0)
      expect(nextDelay(3, 0, undefined, tight, () => 0)).toBeUndefined()
      expect(nextDelay(1, 4000, 1000, tight, () => 0)).toBe(1000)
      expect(nextDelay(1, 4000, 1001, tight, () => 0)).toBeUndefined()
      expect(nextDelay(2, 4800, undefined, tight, () => 0.5)).toBeUndefined()
    })
  })

  describe('parseRetryAfter', () => {
    it('reads seconds and HTTP dates, and nothing else', () => {
      const now = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT')
      expect(parseRetryAfter('7', now)).toBe(7000)
      expect(parseRetryAfter(['2', '9'], now)).toBe(2000)
      expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', now)).toBe(5000)
      expect(parseRetryAfter('Wed, 21 Oct 2026 07:27:00 GMT', now)).toBe(0)
      expect(parseRetryAfter('soon', now)).toBeUndefined()
      expect(parseRetryAfter(undefined, now)).toBeUndefined()
    })
  })

  describe('withRetries', () => {
    /** A clock that moves only when a try takes time or a sleep waits. */
    function world(tryMs: number) {
      let clock = 0
      const slept: number[] = []
      return {
        slept,
        tick: () => (clock += tryMs),
        environment: {
          now: () => clock,
          random: () => 0.5,
          sleep: async (ms: number) => {
            slept.push(ms)
            clock += ms
          }
        }
      }
    }

    it('retries until an answer that is not retryable, waiting as the policy says', async () => {
      const w = world(100)
      const statuses = [503, 502, 200]
      const notices: string[] = []
      const done = await withRetries(
        async (attempt) => {
          w.tick()
          return statuses[attempt - 1]
        },
        (status) => ({ outcome: answer(status), safeToRepeat: true }),
        { maxAttempts: 5, maxRetryMs: 60_000 },
        w.environment,
        (status, notice) =>
          notices.push(`${status} ${notice.attempt} ${notice.delayMs}`)
      )
      expect(done).toEqual({ result: 200, attempts: 3, elapsedMs: 1050 })
      expect(w.slept).toEqual([250, 500])
      expect(notices).toEqual(['503 1 250', '502 2 500'])
    })

    it('returns the last answer when the attempts run out', async () => {
      const w = world(0)
      const done = await withRetries(
        async () => 503,
        (status) => ({ outcome: answer(status), safeToRepeat: true }),
        { maxAttempts: 4, maxRetryMs: 60_000 },
        w.environment
      )
      expect(done.attempts).toBe(4)
      expect(w.slept).toEqual([250, 500, 1000])
    })

    it('counts the tries themselves against the time budget', async () => {
      const w = world(2000)
      const done = await withRetries(
        async () => {
          w.tick()
          return 500
        },
        (status) => ({ outcome: answer(status), safeToRepeat: true }),
        { maxAttempts: 10, maxRetryMs: 5000 },
        w.environment
      )
      // Tries of 2000 ms, waits of 250 and 500: 2000 + 250 + 2000 + 500 +
      // 2000 = 6750; the third wait (1000) starts past the 5000 budget.
      expect(done).toEqual({ result: 500, attempts: 3, elapsedMs: 6750 })
      expect(w.slept).toEqual([250, 500])
    })

    it('does not retry what the judge leaves out, nor what is not safe to repeat', async () => {
      const w = world(0)
      let tries = 0
      const unjudged = await withRetries(
        async () => ++tries,
        () => undefined,
        { maxAttempts: 5, maxRetryMs: 60_000 },
        w.environment
      )
      expect(unjudged.attempts).toBe(1)
      const unsafe = await withRetries(
        async () => failure('ECONNRESET'),
        (outcome) => ({ outcome, safeToRepeat: false }),
        { maxAttempts: 5, maxRetryMs: 60_000 },
        w.environment
      )
      expect(unsafe.attempts).toBe(1)
      expect(w.slept).toEqual([])
    })

    it('obeys Retry-After and gives up at once on one over the cap', async () => {
      const w = world(0)
      const asks = [3000, RETRY_AFTER_CAP_MS + 1000]
      const done = await withRetries(
        async (attempt) => asks[attempt - 1],
        (ms) => ({ outcome: answer(429, ms), safeToRepeat: false }),
        { maxAttempts: 5, maxRetryMs: 600_000 },
        w.environment
      )
      expect(done.attempts).toBe(2)
      expect(w.slept).toEqual([3000])
    })
  })
})
