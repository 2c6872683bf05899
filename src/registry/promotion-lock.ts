/**
 * The promotion lock: one run at a time writes a model's verdict to the
 * registry (evidence tags, registration, @previous-champion, @champion),
 * across workflow runs, repositories and machines that share the registry.
 *
 * MLflow has no compare-and-set on aliases; the one atomic primitive in its
 * REST API is creation by unique name: of two `registered-models/create`
 * calls for one name, the second gets RESOURCE_ALREADY_EXISTS. So the lock
 * is a registered model, `<model-name>.champion-gate-lock` (see
 * `lockNameOf`), created with tags saying who holds it (the run URL), since
 * when, until when, and a random token. It never has versions. Release
 * deletes it; a holder that crashed leaves it behind, and after its expiry
 * (plus a grace for clock skew between runners) the next run takes it over.
 *
 * Taking over, and releasing, both delete the lock; a plain "read, check the
 * token, delete" would leave a window: between my check and my delete,
 * another run could delete the same expired lock and create its own, which
 * I would then delete, and both of us would hold the lock. That window is
 * closed by a second unique name: whoever deletes the lock instance with
 * token T first creates the marker `<lock>.release-<T>`. Only one run can
 * create it, so exactly one run deletes that instance; and nobody can
 * delete a lock instance without its own marker, so the lock I checked
 * carries T until I delete it. The marker is deleted right after.
 *
 * What remains (and is said in the errors and the README):
 * - A run that crashes between creating the marker and deleting the lock
 *   leaves both behind; the lock then never expires by itself and waiting
 *   runs fail naming both models, which a person deletes. The window is two
 *   requests wide.
 * - A lease is only as good as the holder's speed: a holder still writing
 *   after its expiry could overlap with a run that took over. The holder
 *   checks, before each alias write, that its lock is still its own and has
 *   at least the time of one more request left (`ensureHeld`), and the
 *   expiry (`LOCK_TTL_MS`) is far longer than the writes take.
 * - A person (or a tool) that moves aliases by hand takes no lock.
 */

import { randomBytes, createHash } from 'node:crypto'
import { UserError } from '../errors.js'
import { RegistryApiError } from './http-transport.js'
import type { MlflowClient, RegisteredModel } from './mlflow-client.js'

/** What the lock needs from the client (a subset, so tests can count calls). */
export type LockClient = Pick<
  MlflowClient,
  'createRegisteredModel' | 'getRegisteredModel' | 'deleteRegisteredModel'
>

export const LOCK_SUFFIX = '.champion-gate-lock'
/** MLflow stores registered-model names in a VARCHAR(256) column. */
export const MAX_MODEL_NAME_LENGTH = 256
const MARKER_INFIX = '.release-'
/** 16 hex characters: 64 random bits. */
const TOKEN_BYTES = 8
/**
 * How long a lock is good for. The holder writes a few tags and two aliases
 * (and, for register-on-pass, waits up to 5 minutes for the version to be
 * READY); a crashed holder blocks others for at most this long.
 */
export const LOCK_TTL_MS = 10 * 60_000
/** Runners' clocks may differ; a lock counts as expired this long after its expires-at. */
export const CLOCK_SKEW_GRACE_MS = 30_000
const POLL_MS = 5_000

const TAG = {
  owner: 'champion_gate.lock.owner',
  token: 'champion_gate.lock.token',
  model: 'champion_gate.lock.model',
  startedAt: 'champion_gate.lock.started_at',
  expiresAt: 'champion_gate.lock.expires_at'
} as const

/**
 * The lock's registered-model name: `<model-name>.champion-gate-lock`, next
 * to the model in MLflow's model list. A model name too long to carry the
 * suffix (and a release marker) gets `champion-gate-lock.<sha256 of name>`.
 */
export function lockNameOf(modelName: string): string {
  const markerRoom = MARKER_INFIX.length + TOKEN_BYTES * 2
  const plain = `${modelName}${LOCK_SUFFIX}`
  if (plain.length + markerRoom <= MAX_MODEL_NAME_LENGTH) return plain
  const hash = createHash('sha256').update(modelName).digest('hex')
  return `champion-gate-lock.${hash}`
}

function markerNameOf(lockName: string, token: string): string {
  return `${lockName}${MARKER_INFIX}${token}`
}

/** How a registry names the lock and its release markers. */
export interface LockNaming {
  lockNameOf(modelName: string): string
  markerNameOf(lockName: string, token: string): string
}

/** MLflow's names: `<model>.champion-gate-lock`, `<lock>.release-<token>`. */
export const MLFLOW_LOCK_NAMING: LockNaming = { lockNameOf, markerNameOf }

/**
 * Unity Catalog's: a model name is `catalog.schema.model` with the last part
 * letters, digits and '_', so the lock is `<catalog>.<schema>.<model>_champion_gate_lock`
 * in the model's own schema (creating it needs CREATE MODEL there), and its
 * marker `<lock>_release_<token>`. UC identifiers hold 255 characters; a
 * longer name gets `champion_gate_lock_<sha256 of the name, 32 hex>`.
 */
export const UNITY_CATALOG_LOCK_NAMING: LockNaming = {
  lockNameOf(modelName) {
    const cut = modelName.lastIndexOf('.')
    const [parent, model] = [modelName.slice(0, cut), modelName.slice(cut + 1)]
    const plain = `${model}_champion_gate_lock`
    if (plain.length + '_release_'.length + TOKEN_BYTES * 2 <= 255) {
      return `${parent}.${plain}`
    }
    const hash = createHash('sha256').update(modelName).digest('hex')
    return `${parent}.champion_gate_lock_${hash.slice(0, 32)}`
  },
  markerNameOf: (lockName, token) => `${lockName}_release_${token}`
}

export interface PromotionLockOptions {
  readonly client: LockClient
  /** The registered model whose aliases the holder will write. */
  readonly modelName: string
  /** Who holds it, shown to waiting runs: the run URL (no secret). */
  readonly owner: string
  /** How long to wait for a lock another run holds (input lock-timeout-seconds). */
  readonly timeoutMs: number
  readonly ttlMs?: number
  readonly pollMs?: number
  readonly now?: () => number
  readonly sleep?: (ms: number) => Promise<void>
  readonly log?: (message: string) => void
  readonly warn?: (message: string) => void
  /** Defaults to MLflow's names. */
  readonly naming?: LockNaming
}

/** A lock this run holds. */
export interface PromotionLock {
  readonly name: string
  readonly token: string
  readonly expiresAt: number
  /**
   * Throws unless the lock still is this run's and has at least `marginMs`
   * left before it expires: called before each alias write.
   */
  ensureHeld(marginMs: number): Promise<void>
  /** Deletes the lock; never throws (a failure is a warning, the expiry covers it). */
  release(): Promise<void>
}

/** Another run holds the lock and did not release it in time. */
export class PromotionLockTimeoutError extends UserError {}

interface LockInfo {
  owner: string
  token: string
  startedAt: string
  expiresAt: string
  expiresAtMs: number
}

function lockInfoOf(model: RegisteredModel): LockInfo | undefined {
  const tags = model.tags
  const token = tags[TAG.token]
  const expiresAtMs = Date.parse(tags[TAG.expiresAt] ?? '')
  if (!token || Number.isNaN(expiresAtMs)) return undefined
  return {
    owner: tags[TAG.owner] || 'an unknown run',
    token,
    startedAt: tags[TAG.startedAt] ?? 'an unknown time',
    expiresAt: tags[TAG.expiresAt],
    expiresAtMs
  }
}

function isAlreadyExists(error: unknown): boolean {
  return (
    error instanceof RegistryApiError &&
    error.errorCode === 'RESOURCE_ALREADY_EXISTS'
  )
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof RegistryApiError &&
    error.errorCode === 'RESOURCE_DOES_NOT_EXIST'
  )
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Takes the promotion lock of `modelName`, waiting up to `timeoutMs` for a
 * live lock of another run; takes over a lock whose holder let it expire.
 */
export async function acquirePromotionLock(
  options: PromotionLockOptions
): Promise<PromotionLock> {
  const { client, modelName, owner } = options
  const now = options.now ?? Date.now
  const sleep =
    options.sleep ??
    ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const log = options.log ?? (() => undefined)
  const warn = options.warn ?? log
  const ttlMs = options.ttlMs ?? LOCK_TTL_MS
  const pollMs = options.pollMs ?? POLL_MS
  const naming = options.naming ?? MLFLOW_LOCK_NAMING
  const name = naming.lockNameOf(modelName)
  const token = randomBytes(TOKEN_BYTES).toString('hex')
  const deadline = now() + options.timeoutMs
  let lastSeen: LockInfo | undefined
  let waitingSaid = false

  for (let attempt = 0; ; attempt++) {
    const startedAt = now()
    const expiresAt = startedAt + ttlMs
    try {
      await client.createRegisteredModel(name, {
        description:
          `Promotion lock of registered model '${modelName}', held by champion-gate while it writes a verdict ` +
          '(see the champion_gate.lock.* tags). It is deleted when that run ends; a lock left by a crashed run ' +
          'is taken over after its expires_at. Never register versions under this name.',
        tags: {
          [TAG.owner]: owner,
          [TAG.token]: token,
          [TAG.model]: modelName,
          [TAG.startedAt]: new Date(startedAt).toISOString(),
          [TAG.expiresAt]: new Date(expiresAt).toISOString()
        }
      })
      log(
        `Took the promotion lock '${name}' (until ${new Date(expiresAt).toISOString()}).`
      )
      return held(name, token, expiresAt)
    } catch (error) {
      if (!isAlreadyExists(error)) {
        throw new UserError(
          `Could not take the promotion lock '${name}': ${describeError(error)}\n` +
            'The lock is a registered model that the run creates and deletes: the credentials need permission to ' +
            'create and delete registered models. Nothing was written to the registry.',
          { cause: error }
        )
      }
    }
    const existing = await client.getRegisteredModel(name)
    if (!existing) continue // released between our create and our read
    const info = lockInfoOf(existing)
    if (!info) {
      throw new UserError(
        `A registered model named '${name}' exists but is not a champion-gate promotion lock (it has no ` +
          `${TAG.token} and ${TAG.expiresAt} tags). That name is reserved for the lock of '${modelName}': ` +
          'rename or delete that model. Nothing was written to the registry.'
      )
    }
    // Our own create landed, its answer was lost and the client's retry was refused.
    if (info.token === token) return held(name, token, info.expiresAtMs)
    lastSeen = info
    if (now() > info.expiresAtMs + CLOCK_SKEW_GRACE_MS) {
      warn(
        `The promotion lock '${name}' of ${info.owner} (since ${info.startedAt}) expired at ${info.expiresAt}: ` +
          'its run ended without releasing it; taking it over.'
      )
      let outcome
      try {
        outcome = await deleteInstance(client, naming, name, info.token, owner)
      } catch (error) {
        throw new UserError(
          `Could not take over the expired promotion lock '${name}' of ${info.owner}: ${describeError(error)}\n` +
            'Deleting a lock another user created needs MANAGE permission on it (or an admin deletes it by hand). ' +
            'Nothing was written to the registry.',
          { cause: error }
        )
      }
      if (outcome === 'marker-exists' && now() >= deadline) {
        throw new PromotionLockTimeoutError(
          `The promotion lock '${name}' of ${info.owner} expired at ${info.expiresAt}, but the release marker ` +
            `'${naming.markerNameOf(name, info.token)}' has been there for the whole ${seconds(options.timeoutMs)}s ` +
            'wait: a run crashed while releasing it. If no champion-gate run for this model is running, delete ' +
            'both registered models and run again. Nothing was written to the registry.'
        )
      }
      if (outcome !== 'marker-exists') continue
    } else if (now() >= deadline) {
      break
    }
    if (!waitingSaid || attempt % 6 === 0) {
      log(
        `Waiting for the promotion lock '${name}': held by ${info.owner} since ${info.startedAt} ` +
          `(expires ${info.expiresAt}); giving up at ${new Date(deadline).toISOString()}.`
      )
      waitingSaid = true
    }
    await sleep(Math.max(0, Math.min(pollMs, deadline - now())))
  }
  throw new PromotionLockTimeoutError(
    `Another run holds the promotion lock of '${modelName}': ${lastSeen?.owner ?? 'an unknown run'}, since ` +
      `${lastSeen?.startedAt ?? 'an unknown time'} (it expires at ${lastSeen?.expiresAt ?? 'an unknown time'}). ` +
      `Waited ${seconds(options.timeoutMs)}s (input lock-timeout-seconds). Nothing was written to the registry; ` +
      'run the job again once that run has finished (a re-run compares against the champion it leaves). ' +
      'If that run is no longer running, its lock is taken over after it expires.'
  )

  function held(
    lockName: string,
    lockToken: string,
    expiresAt: number
  ): PromotionLock {
    let released = false
    return {
      name: lockName,
      token: lockToken,
      expiresAt,
      async ensureHeld(marginMs) {
        const left = expiresAt - now()
        if (left < marginMs) {
          throw new UserError(
            `The promotion lock '${lockName}' expires in ${seconds(Math.max(0, left))}s, less than the ` +
              `${seconds(marginMs)}s one more registry write may take; stopping before the alias write so that ` +
              'no other run can write at the same time.'
          )
        }
        const current = await client.getRegisteredModel(lockName)
        const info = current && lockInfoOf(current)
        if (info?.token !== lockToken) {
          throw new UserError(
            `The promotion lock '${lockName}' is no longer this run's (${info ? `now held by ${info.owner} since ${info.startedAt}` : 'it was deleted'}); ` +
              'stopping before the alias write.'
          )
        }
      },
      async release() {
        if (released) return
        released = true
        try {
          const outcome = await deleteInstance(
            client,
            naming,
            lockName,
            lockToken,
            owner
          )
          if (outcome === 'marker-exists') {
            warn(
              `The promotion lock '${lockName}' expired before this run released it and another run is taking it over.`
            )
          } else {
            log(`Released the promotion lock '${lockName}'.`)
          }
        } catch (error) {
          warn(
            `Could not release the promotion lock '${lockName}' (${describeError(error)}); ` +
              `it expires at ${new Date(expiresAt).toISOString()}, after which the next run takes it over.`
          )
        }
      }
    }
  }
}

/**
 * Deletes the lock instance carrying `token`, and only that one: first the
 * marker `<lock>.release-<token>` (unique, so one deleter per instance),
 * then a re-read (the instance may already be gone), then the delete, then
 * the marker. See the header for why this closes the window.
 */
async function deleteInstance(
  client: LockClient,
  naming: LockNaming,
  lockName: string,
  token: string,
  owner: string
): Promise<'deleted' | 'gone' | 'marker-exists'> {
  const marker = naming.markerNameOf(lockName, token)
  try {
    await client.createRegisteredModel(marker, {
      description: `Release marker of the champion-gate lock '${lockName}' (token ${token}); deleted right after the lock.`,
      tags: { [TAG.owner]: owner }
    })
  } catch (error) {
    if (isAlreadyExists(error)) return 'marker-exists'
    throw error
  }
  let outcome: 'deleted' | 'gone' = 'gone'
  try {
    const current = await client.getRegisteredModel(lockName)
    const info = current && lockInfoOf(current)
    if (
      info?.token === token &&
      (current?.latest_versions ?? []).length === 0
    ) {
      try {
        await client.deleteRegisteredModel(lockName)
      } catch (error) {
        if (!isMissing(error)) throw error
      }
      outcome = 'deleted'
    }
  } finally {
    await client.deleteRegisteredModel(marker).catch(() => undefined)
  }
  return outcome
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(0)
}
