/**
 * Unit tests for the promotion lock against an in-memory registry that
 * answers as MLflow does (RESOURCE_ALREADY_EXISTS on a second create):
 * acquiring, waiting, taking over an expired lock, the interleavings the
 * release marker closes, and what a holder checks before writing.
 */
import { describe, expect, it } from '@jest/globals'
import { UserError } from '../../src/errors.js'
import {
  MlflowApiError,
  type RegisteredModel
} from '../../src/registry/mlflow-client.js'
import {
  acquirePromotionLock,
  lockNameOf,
  PromotionLockTimeoutError,
  type LockClient
} from '../../src/registry/promotion-lock.js'

const T0 = Date.parse('2026-01-01T00:00:00Z')

/** Registered models by name, shared by every client made from it. */
class Registry {
  readonly models = new Map<string, RegisteredModel>()
  readonly calls: string[] = []

  client(
    options: { staleReads?: Map<string, RegisteredModel> } = {}
  ): LockClient {
    const stale = options.staleReads ?? new Map<string, RegisteredModel>()
    const step = async (call: string): Promise<void> => {
      this.calls.push(call)
      // Yield so that two acquires running together interleave call by call.
      await Promise.resolve()
    }
    return {
      createRegisteredModel: async (name, options = {}) => {
        await step(`create ${name}`)
        if (this.models.has(name)) {
          throw new MlflowApiError('exists', {
            method: 'POST',
            path: 'registered-models/create',
            status: 400,
            errorCode: 'RESOURCE_ALREADY_EXISTS'
          })
        }
        const model: RegisteredModel = {
          name,
          latest_versions: [],
          aliases: [],
          tags: { ...(options.tags ?? {}) }
        }
        this.models.set(name, model)
        return model
      },
      getRegisteredModel: async (name) => {
        await step(`get ${name}`)
        const old = stale.get(name)
        if (old) {
          stale.delete(name)
          return old
        }
        const model = this.models.get(name)
        return model && { ...model, tags: { ...model.tags } }
      },
      deleteRegisteredModel: async (name) => {
        await step(`delete ${name}`)
        if (!this.models.delete(name)) {
          throw new MlflowApiError('missing', {
            method: 'DELETE',
            path: 'registered-models/delete',
            status: 404,
            errorCode: 'RESOURCE_DOES_NOT_EXIST'
          })
        }
      }
    }
  }

  /** A lock as another run left it. */
  plant(name: string, owner: string, token: string, expiresAt: number): void {
    this.models.set(name, {
      name,
      latest_versions: [],
      aliases: [],
      tags: {
        'champion_gate.lock.owner': owner,
        'champion_gate.lock.token': token,
        'champion_gate.lock.started_at': new Date(
          expiresAt - 600_000
        ).toISOString(),
        'champion_gate.lock.expires_at': new Date(expiresAt).toISOString()
      }
    })
  }

  tokenOf(name: string): string | undefined {
    return this.models.get(name)?.tags['champion_gate.lock.token']
  }
}

function options(registry: Registry, extra: Record<string, unknown> = {}) {
  let clock = T0
  const messages: string[] = []
  return {
    messages,
    advance: (ms: number) => (clock += ms),
    options: {
      client: registry.client(),
      modelName: 'fraud',
      owner: 'https://github.com/acme/models/actions/runs/1',
      timeoutMs: 0,
      now: () => clock,
      sleep: async (ms: number) => {
        clock += ms
      },
      log: (m: string) => messages.push(m),
      ...extra
    }
  }
}

const LOCK = 'fraud.champion-gate-lock'

describe('promotion-lock.ts', () => {
  it('names the lock after the model, and hashes a name too long to carry the suffix', () => {
    expect(lockNameOf('fraud')).toBe(LOCK)
    const long = 'm'.repeat(240)
    const name = lockNameOf(long)
    expect(name).toMatch(/^champion-gate-lock\.[0-9a-f]{64}$/)
    expect(name).toBe(lockNameOf(long))
    expect(lockNameOf('n'.repeat(240))).not.toBe(name)
  })

  it('creates the lock with its owner and times, and deletes it on release', async () => {
    const registry = new Registry()
    const { options: o } = options(registry)
    const lock = await acquirePromotionLock({ ...o, ttlMs: 60_000 })
    expect(registry.models.get(LOCK)?.tags).toEqual({
      'champion_gate.lock.owner':
        'https://github.com/acme/models/actions/runs/1',
      'champion_gate.lock.token': lock.token,
      'champion_gate.lock.model': 'fraud',
      'champion_gate.lock.started_at': '2026-01-01T00:00:00.000Z',
      'champion_gate.lock.expires_at': '2026-01-01T00:01:00.000Z'
    })
    await lock.release()
    expect([...registry.models.keys()]).toEqual([])
  })

  it('waits for a live lock, then fails naming who holds it and since when', async () => {
    const registry = new Registry()
    const holder = 'https://github.com/acme/other/actions/runs/9'
    registry.plant(LOCK, holder, 'aaaa', T0 + 300_000)
    const { options: o, messages } = options(registry, {
      timeoutMs: 20_000,
      pollMs: 5_000
    })
    const error = await acquirePromotionLock(o).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PromotionLockTimeoutError)
    expect((error as Error).message).toContain(
      `Another run holds the promotion lock of 'fraud': ${holder}, since ${new Date(T0 - 300_000).toISOString()}`
    )
    expect((error as Error).message).toContain(
      'Waited 20s (input lock-timeout-seconds)'
    )
    expect(messages[0]).toContain(
      `Waiting for the promotion lock '${LOCK}': held by ${holder}`
    )
    // Polled every 5 s within the 20 s: five creates, and the lock is still theirs.
    expect(registry.calls.filter((c) => c === `create ${LOCK}`)).toHaveLength(5)
    expect(registry.tokenOf(LOCK)).toBe('aaaa')
  })

  it('gets the lock when its holder releases it while waiting', async () => {
    const registry = new Registry()
    registry.plant(LOCK, 'other', 'aaaa', T0 + 300_000)
    let polls = 0
    const { options: o } = options(registry, {
      timeoutMs: 60_000,
      sleep: async () => {
        if (++polls === 2) registry.models.delete(LOCK)
      }
    })
    const lock = await acquirePromotionLock(o)
    expect(registry.tokenOf(LOCK)).toBe(lock.token)
  })

  it('takes over a lock past its expiry and the skew grace, leaving no marker', async () => {
    const registry = new Registry()
    registry.plant(LOCK, 'crashed', 'aaaa', T0 - 31_000)
    const { options: o, messages } = options(registry)
    const lock = await acquirePromotionLock(o)
    expect(registry.tokenOf(LOCK)).toBe(lock.token)
    expect(messages.join('\n')).toContain('taking it over')
    expect([...registry.models.keys()]).toEqual([LOCK])
  })

  it('does not take over a lock that expired less than the skew grace ago', async () => {
    const registry = new Registry()
    registry.plant(LOCK, 'slow', 'aaaa', T0 - 10_000)
    const { options: o } = options(registry)
    await expect(acquirePromotionLock(o)).rejects.toThrow(
      PromotionLockTimeoutError
    )
    expect(registry.tokenOf(LOCK)).toBe('aaaa')
  })

  it('never deletes the new lock of a run that took over first, even from a stale read', async () => {
    const registry = new Registry()
    registry.plant(LOCK, 'crashed', 'aaaa', T0 - 60_000)
    const stale = { ...registry.models.get(LOCK)! }
    // A takes over.
    const a = await acquirePromotionLock(options(registry).options)
    // B still sees the expired lock from before (its read raced A's takeover).
    const { options: b } = options(registry, {
      owner: 'B',
      client: registry.client({ staleReads: new Map([[LOCK, stale]]) })
    })
    await expect(acquirePromotionLock(b)).rejects.toThrow(
      PromotionLockTimeoutError
    )
    expect(registry.tokenOf(LOCK)).toBe(a.token)
  })

  it('lets exactly one of two runs that see the same expired lock take it over', async () => {
    const registry = new Registry()
    registry.plant(LOCK, 'crashed', 'aaaa', T0 - 60_000)
    const results = await Promise.allSettled([
      acquirePromotionLock(options(registry, { owner: 'A' }).options),
      acquirePromotionLock(options(registry, { owner: 'B' }).options)
    ])
    const held = results.filter((r) => r.status === 'fulfilled')
    expect(held).toHaveLength(1)
    const [winner] = held as PromiseFulfilledResult<{ token: string }>[]
    expect(registry.tokenOf(LOCK)).toBe(winner.value.token)
    const [loser] = results.filter(
      (r) => r.status === 'rejected'
    ) as PromiseRejectedResult[]
    expect(loser.reason).toBeInstanceOf(PromotionLockTimeoutError)
    // Only one delete of the expired lock happened.
    expect(registry.calls.filter((c) => c === `delete ${LOCK}`)).toHaveLength(1)
  })

  it('treats its own create that landed before a retry as held', async () => {
    const registry = new Registry()
    const base = registry.client()
    let first = true
    const client: LockClient = {
      ...base,
      // The first create lands, its answer is lost, the retry is refused.
      createRegisteredModel: async (name, o) => {
        if (first) {
          first = false
          await base.createRegisteredModel(name, o)
        }
        return base.createRegisteredModel(name, o)
      }
    }
    const lock = await acquirePromotionLock({
      ...options(registry).options,
      client
    })
    expect(registry.tokenOf(LOCK)).toBe(lock.token)
  })

  it('refuses a registered model with the lock name that is no lock', async () => {
    const registry = new Registry()
    registry.models.set(LOCK, {
      name: LOCK,
      latest_versions: [],
      aliases: [],
      tags: {}
    })
    await expect(
      acquirePromotionLock(options(registry).options)
    ).rejects.toThrow(
      `A registered model named '${LOCK}' exists but is not a champion-gate promotion lock`
    )
    expect(registry.models.has(LOCK)).toBe(true)
  })

  it('names the permission when the lock cannot be created', async () => {
    const registry = new Registry()
    const client: LockClient = {
      ...registry.client(),
      createRegisteredModel: async () => {
        throw new MlflowApiError('MLflow refused it (HTTP 403)', {
          method: 'POST',
          path: 'registered-models/create',
          status: 403
        })
      }
    }
    await expect(
      acquirePromotionLock({ ...options(registry).options, client })
    ).rejects.toThrow('permission to create and delete registered models')
  })

  describe('ensureHeld', () => {
    it('passes while the lock is this run’s with time to spare', async () => {
      const registry = new Registry()
      const lock = await acquirePromotionLock({
        ...options(registry).options,
        ttlMs: 600_000
      })
      await expect(lock.ensureHeld(150_000)).resolves.toBeUndefined()
    })

    it('stops when less than one more write’s time is left', async () => {
      const registry = new Registry()
      const o = options(registry)
      const lock = await acquirePromotionLock({ ...o.options, ttlMs: 600_000 })
      o.advance(500_000)
      await expect(lock.ensureHeld(150_000)).rejects.toThrow(UserError)
      await expect(lock.ensureHeld(150_000)).rejects.toThrow('expires in 100s')
    })

    it('stops when another run holds the lock now', async () => {
      const registry = new Registry()
      const lock = await acquirePromotionLock(options(registry).options)
      registry.plant(
        LOCK,
        'https://github.com/x/y/actions/runs/5',
        'bbbb',
        T0 + 600_000
      )
      await expect(lock.ensureHeld(0)).rejects.toThrow(
        "no longer this run's (now held by https://github.com/x/y/actions/runs/5"
      )
    })
  })

  it('warns instead of throwing when the release fails', async () => {
    const registry = new Registry()
    const warnings: string[] = []
    const base = registry.client()
    const client: LockClient = {
      ...base,
      deleteRegisteredModel: async (name) => {
        if (name === LOCK) throw new Error('connection reset')
        return base.deleteRegisteredModel(name)
      }
    }
    const lock = await acquirePromotionLock({
      ...options(registry).options,
      client,
      warn: (m: string) => warnings.push(m)
    })
    await expect(lock.release()).resolves.toBeUndefined()
    expect(warnings.join('\n')).toContain(
      `Could not release the promotion lock '${LOCK}' (connection reset)`
    )
    // The marker is cleaned up; the lock waits for its expiry.
    expect([...registry.models.keys()]).toEqual([LOCK])
  })
})
