/**
 * The MLflow Model Registry client: the only code that speaks MLflow's REST
 * dialect (`/api/2.0/mlflow/...`, https://mlflow.org/docs/latest/api_reference/rest-api.html).
 *
 * One undici `request` per call with a per-request timeout, bounded retries
 * (exponential backoff with full jitter, `Retry-After` honoured), a zod schema
 * for every answer and one typed error, `MlflowApiError`, whose message says
 * what to check. `resolveTrackingConnection` turns inputs and MLflow's
 * environment variables into a tracking URI and credentials.
 */
import { request, type Dispatcher } from 'undici'
import { z } from 'zod'
import { GateError, InputError } from '../errors.js'
import {
  basicHeaderValue,
  splitUserinfo,
  uriSecrets,
  userinfoCredentials
} from './tracking-uri.js'

// ---------------------------------------------------------------------------
// Response schemas. MLflow omits empty fields (proto2 JSON) and some servers
// and proxies send int64 as strings, so everything but the identity of an
// entity is optional and numbers are accepted either way.

/** An int64 as MLflow sends it: a JSON number, or a string of digits. */
const int64Schema = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number)
])

/**
 * A registry value echoed into an error: quoted, anything outside printable
 * ASCII escaped (`\n`, `\u00a0`), capped at about 80 characters, so a value
 * can neither start a workflow command (`::warning ...`) on a new line nor
 * flood the log.
 */
export function escapedValue(value: string, cap = 80): string {
  const cut = value.length > cap ? value.slice(0, cap) : value
  const named: Record<string, string> = {
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t'
  }
  const escaped = cut
    .replace(/[\\"]/g, (char) => `\\${char}`)
    .replace(
      /[^\x20-\x7e]/g,
      (char) =>
        named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
  return `"${escaped}"${value.length > cap ? '…' : ''}`
}

/**
 * A version number: digits only, as MLflow's schema has it (an int64; sent
 * as a string, a number is accepted). Registry values are data: a "version"
 * holding a line break and `::warning ...`, or `](https://…)`, must never
 * reach a log line, a link or the report, so anything else is refused here.
 */
const versionSchema = z
  .union([z.string(), z.number()])
  .transform((value, context) => {
    const text = String(value)
    if (/^\d{1,19}$/.test(text)) return text
    context.addIssue({
      code: 'custom',
      message: `a model version is digits, not ${escapedValue(text)}`
    })
    return z.NEVER
  })

/** An alias name as MLflow validates it (`^[\w\-]*$`, at most 255 characters). */
const aliasNameSchema = z.string().transform((alias, context) => {
  if (/^[\p{L}\p{N}\p{M}_-]{1,255}$/u.test(alias)) return alias
  context.addIssue({
    code: 'custom',
    message: `an alias name is letters, digits, '_' and '-', not ${escapedValue(alias)}`
  })
  return z.NEVER
})

/** MLflow's `[{ key, value }]` tags (an empty value may be omitted) as a record. */
const tagsSchema = z
  .array(z.looseObject({ key: z.string(), value: z.string().optional() }))
  .optional()
  .transform((tags): Record<string, string> =>
    Object.fromEntries((tags ?? []).map((tag) => [tag.key, tag.value ?? '']))
  )

/** A registered model version (`ModelVersion` in MLflow's protos). */
export const modelVersionSchema = z.looseObject({
  name: z.string(),
  version: versionSchema,
  /** `PENDING_REGISTRATION`, `FAILED_REGISTRATION` or `READY` (printed, so an enum name only). */
  status: z
    .string()
    .regex(/^[A-Z][A-Z_]{0,63}$/, 'a status is an upper-case enum name')
    .optional(),
  status_message: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  model_id: z.string().optional(),
  run_link: z.string().optional(),
  description: z.string().optional(),
  current_stage: z.string().optional(),
  user_id: z.string().optional(),
  creation_timestamp: int64Schema.optional(),
  last_updated_timestamp: int64Schema.optional(),
  aliases: z.array(aliasNameSchema).default([]),
  tags: tagsSchema
})
export type ModelVersion = z.infer<typeof modelVersionSchema>

/** A registered model, with its aliases (`{ alias, version }`). */
export const registeredModelSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  creation_timestamp: int64Schema.optional(),
  last_updated_timestamp: int64Schema.optional(),
  latest_versions: z.array(modelVersionSchema).default([]),
  aliases: z
    .array(z.looseObject({ alias: aliasNameSchema, version: versionSchema }))
    .default([]),
  tags: tagsSchema
})
export type RegisteredModel = z.infer<typeof registeredModelSchema>

/** The parts of a run this action reads: where its artifacts live, its logged models. */
export const runSchema = z.looseObject({
  info: z.looseObject({
    run_id: z.string(),
    experiment_id: z.string().optional(),
    status: z.string().optional(),
    artifact_uri: z.string().optional(),
    lifecycle_stage: z.string().optional()
  }),
  outputs: z
    .looseObject({
      model_outputs: z
        .array(
          z.looseObject({ model_id: z.string(), step: int64Schema.optional() })
        )
        .default([])
    })
    .optional()
})
export type Run = z.infer<typeof runSchema>

/** An MLflow 3 logged model (`models:/m-<id>`). */
export const loggedModelSchema = z.looseObject({
  info: z.looseObject({
    model_id: z.string(),
    experiment_id: z.string().optional(),
    name: z.string().optional(),
    artifact_uri: z.string().optional(),
    status: z.string().optional(),
    source_run_id: z.string().optional(),
    tags: tagsSchema
  })
})
export type LoggedModel = z.infer<typeof loggedModelSchema>

const emptySchema = z.looseObject({})
const artifactListSchema = z.looseObject({
  files: z.array(z.looseObject({ path: z.string() })).default([])
})

// ---------------------------------------------------------------------------
// Connection.

/** Credentials for the tracking server: MLflow's bearer token or basic auth. */
export type TrackingAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string }

/** How to reach the tracking server and how hard to try. */
export interface MlflowClientOptions {
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
}

/** What an `MlflowApiError` records about the failed request. */
export interface MlflowApiErrorDetails {
  method: string
  /** Path and query below the tracking URI, e.g. `/api/2.0/mlflow/registered-models/alias?name=m&alias=champion`. */
  path: string
  /** Undefined when no HTTP answer came (connection error, timeout). */
  status?: number
  /** MLflow's `error_code`, e.g. `RESOURCE_DOES_NOT_EXIST`. */
  errorCode?: string
  /** MLflow's `message`, or a one-line excerpt of a non-JSON body. */
  serverMessage?: string
  /** Tries made; above 1, an earlier try may have reached the server before its answer was lost. */
  attempts?: number
}

/** A request to MLflow failed; the message names the tracking URI, the request and what to check. */
export class MlflowApiError extends GateError {
  readonly method: string
  readonly path: string
  readonly status: number | undefined
  readonly errorCode: string | undefined
  readonly serverMessage: string | undefined
  readonly attempts: number

  constructor(
    message: string,
    details: MlflowApiErrorDetails,
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

/** What to send to `model-versions/create` for a model URI. */
export interface ModelVersionSource {
  source: string
  runId?: string
  modelId?: string
}

/** One REST call as the methods below describe it. */
interface Call {
  method: 'GET' | 'POST' | 'DELETE'
  /** Below `/api/2.0/mlflow/`. */
  endpoint: string
  query?: Record<string, string>
  body?: Record<string, unknown>
  /**
   * Safe to repeat when the first try's effect is unknown (5xx, reset,
   * timeout). Creating a model version is not: a retry could add a second one.
   */
  idempotent: boolean
  /** Completes "the user needs …" in a 403 message. */
  needs: string
  /** The registered model the call is about (MLflow's basic-auth app answers 403 when it is missing). */
  model?: string
  /**
   * For a write that is not retried: what to check when it failed after it
   * may have reached the server (its effect is then unknown).
   */
  ifLost?: string
}

type Attempt =
  | { kind: 'answer'; status: number; contentType: string; text: string }
  | { kind: 'failure'; code: string; error: unknown }
type Exchange = Attempt & { attempts: number; elapsedMs: number }

const API_PREFIX = '/api/2.0/mlflow/'
const BACKOFF_BASE_MS = 500
const BACKOFF_CAP_MS = 15_000
/** Errors after which the request certainly did not reach the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN'])
const TRANSIENT_CODES = new Set([
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
 * The largest answer read. The registry's answers are kilobytes; a server
 * (or something posing as one) sending more is cut off, not buffered.
 */
const MAX_BODY_BYTES = 32 * 1024 * 1024
const BODY_TOO_LARGE = 'BODY_TOO_LARGE'
const READY_POLL_TIMEOUT_MS = 300_000
const READY_POLL_INTERVAL_MS = 1_000

/**
 * A client for the parts of MLflow's REST API the gate needs: registered
 * models, versions, aliases, tags, runs and logged models.
 */
export class MlflowClient {
  /** Origin and path prefix, no credentials, no trailing slash. */
  readonly baseUrl: string
  private readonly auth: TrackingAuth | undefined
  private readonly authFromUri: boolean
  private readonly options: MlflowClientOptions
  private readonly sleep: (ms: number) => Promise<void>

  constructor(options: MlflowClientOptions) {
    // Credentials are cut out before parsing: a password may hold '/', '?' or '#'.
    const { scheme, userinfo, rest } = splitUserinfo(options.trackingUri)
    const url = parseHttpUrl(`${scheme}${rest}`)
    this.baseUrl = baseOf(url)
    const fromUri = basicAuthFromUserinfo(userinfo)
    this.auth = options.auth ?? fromUri
    this.authFromUri = options.auth === undefined && fromUri !== undefined
    this.options = options
    this.sleep =
      options.sleep ??
      ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
  }

  /** The registered model, or undefined when it does not exist. */
  async getRegisteredModel(name: string): Promise<RegisteredModel | undefined> {
    const answer = await this.orUndefined(
      this.call(
        {
          method: 'GET',
          endpoint: 'registered-models/get',
          query: { name },
          idempotent: true,
          needs: `READ permission on registered model '${name}' to read it`,
          model: name
        },
        z.looseObject({ registered_model: registeredModelSchema })
      ),
      isResourceMissing
    )
    return answer?.registered_model
  }

  /** Creates a registered model; fails with `RESOURCE_ALREADY_EXISTS` when it exists. */
  async createRegisteredModel(
    name: string,
    options: { description?: string; tags?: Record<string, string> } = {}
  ): Promise<RegisteredModel> {
    const answer = await this.call(
      {
        method: 'POST',
        endpoint: 'registered-models/create',
        // JSON.stringify leaves out the undefined fields.
        body: {
          name,
          description: options.description,
          tags: options.tags && tagList(options.tags)
        },
        // Retried: creation by unique name cannot make two models. But a retry
        // whose first try landed answers RESOURCE_ALREADY_EXISTS, like a model
        // someone else created: with the error's `attempts` > 1 the model may
        // be this call's own, so a caller that must know (a lock) sends an
        // owner tag in this same create and reads it back.
        idempotent: true,
        needs: `permission to create registered model '${name}' (with MLflow workspaces: USE on the workspace)`
      },
      z.looseObject({ registered_model: registeredModelSchema })
    )
    return answer.registered_model
  }

  /** The model version, or undefined when it (or its registered model) does not exist. */
  async getModelVersion(
    name: string,
    version: string
  ): Promise<ModelVersion | undefined> {
    const answer = await this.orUndefined(
      this.call(
        {
          method: 'GET',
          endpoint: 'model-versions/get',
          query: { name, version },
          idempotent: true,
          needs: `READ permission on registered model '${name}' to read version ${version}`,
          model: name
        },
        z.looseObject({ model_version: modelVersionSchema })
      ),
      isResourceMissing
    )
    return answer?.model_version
  }

  /**
   * The version `@alias` points at, or undefined when the alias does not
   * exist. A missing registered model is an error: MLflow answers 404
   * `RESOURCE_DOES_NOT_EXIST` for it, but 400 `INVALID_PARAMETER_VALUE`
   * ("Registered model alias champion not found.") for a missing alias.
   */
  async getModelVersionByAlias(
    name: string,
    alias: string
  ): Promise<ModelVersion | undefined> {
    const answer = await this.orUndefined(
      this.call(
        {
          method: 'GET',
          endpoint: 'registered-models/alias',
          query: { name, alias },
          idempotent: true,
          needs: `READ permission on registered model '${name}' to read alias @${alias}`,
          model: name
        },
        z.looseObject({ model_version: modelVersionSchema })
      ),
      (error) =>
        error.status === 400 &&
        error.errorCode === 'INVALID_PARAMETER_VALUE' &&
        /alias/i.test(error.serverMessage ?? '') &&
        /not found/i.test(error.serverMessage ?? '')
    )
    return answer?.model_version
  }

  /** Points `@alias` at `version` (moving it if it pointed elsewhere). */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.call(
      {
        method: 'POST',
        endpoint: 'registered-models/alias',
        // MLflow rejects a numeric version ("Value was of type 'int'").
        body: { name, alias, version: String(version) },
        // Retried: pointing an alias at the same version twice is one move; a
        // first try that landed before the connection dropped is simply repeated.
        idempotent: true,
        needs: `EDIT permission on registered model '${name}' to set alias @${alias}`,
        model: name
      },
      emptySchema
    )
  }

  /** Removes `@alias`; MLflow answers 200 when the alias does not exist. */
  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.call(
      {
        // MLflow reads a DELETE's parameters from a JSON body, not the query.
        method: 'DELETE',
        endpoint: 'registered-models/alias',
        body: { name, alias },
        // Retried: deleting an alias that a lost first try already deleted answers 200.
        idempotent: true,
        needs: `MANAGE permission on registered model '${name}' to delete alias @${alias}`,
        model: name
      },
      emptySchema
    )
  }

  /** Sets (or overwrites) one tag on a model version. */
  async setModelVersionTag(
    name: string,
    version: string,
    key: string,
    value: string
  ): Promise<void> {
    await this.call(
      {
        method: 'POST',
        endpoint: 'model-versions/set-tag',
        body: { name, version: String(version), key, value },
        // Retried: setting a tag to the same value twice leaves one tag.
        idempotent: true,
        needs: `EDIT permission on registered model '${name}' to tag version ${version}`,
        model: name
      },
      emptySchema
    )
  }

  /**
   * Creates a version from an already resolved source (see
   * `resolveModelSource`). Not idempotent, so it is retried only when the
   * request cannot have been processed (connection refused, 408, 429, 503).
   */
  async createModelVersion(
    name: string,
    source: ModelVersionSource,
    options: { description?: string; tags?: Record<string, string> } = {}
  ): Promise<ModelVersion> {
    const answer = await this.call(
      {
        method: 'POST',
        endpoint: 'model-versions/create',
        body: {
          name,
          source: source.source,
          run_id: source.runId,
          model_id: source.modelId,
          description: options.description,
          tags: options.tags && tagList(options.tags)
        },
        // Not retried once it may have reached the server (reset, timeout, 5xx
        // other than 503): a retry of a create that landed adds a second version.
        // Retried only when it certainly did not (connection refused, 408, 429, 503).
        idempotent: false,
        ifLost: `MLflow may have created the version anyway; look at the newest versions of registered model '${name}' (source ${source.source}) before running again, as a re-run registers the model once more.`,
        needs: `EDIT permission on registered model '${name}' and READ permission on the source run or logged model to create a version`,
        model: name
      },
      z.looseObject({ model_version: modelVersionSchema })
    )
    return answer.model_version
  }

  /** Resolves `modelUri` and creates a version of `name` from it. */
  async registerModelVersion(
    name: string,
    modelUri: string,
    options: { description?: string; tags?: Record<string, string> } = {}
  ): Promise<ModelVersion> {
    return this.createModelVersion(
      name,
      await this.resolveModelSource(modelUri),
      options
    )
  }

  /**
   * What to send to `model-versions/create` so that `models:/<name>/<v>`
   * loads afterwards (checked against MLflow 3.17 with `mlflow models predict`):
   * - `models:/m-<id>` (an MLflow 3 logged model): `source` = the URI, `model_id`
   *   = the id; the server fills `run_id` from the logged model and rejects the
   *   source without `model_id`.
   * - `runs:/<run>/<path>`: MLflow 3's `log_model` stores the model as a logged
   *   model, not under the run's artifacts, so a `runs:/` source is accepted
   *   but does not load. Like `mlflow.register_model`, use the run's logged
   *   model named `<path>` (the latest step wins): `models:/m-<id>`, `model_id`
   *   and `run_id`. Without one (MLflow 2 style), the run's artifact directory
   *   must hold `<path>/MLmodel`; then `source` = `<artifact_uri>/<path>` and
   *   `run_id`.
   * - anything else (`models:/<name>/<v>`, `s3://…`) is passed through for the
   *   server to validate.
   * Databricks' workspace registry does not take `models:/m-<id>` sources (the
   * Python client sends the logged model's artifact location there); that case
   * is not handled here.
   */
  async resolveModelSource(modelUri: string): Promise<ModelVersionSource> {
    const logged = /^models:\/(m-[^/]+)\/?$/.exec(modelUri)
    if (logged) {
      const modelId = logged[1]
      if (!(await this.getLoggedModel(modelId))) {
        throw new GateError(
          `Model URI '${modelUri}': MLflow at ${this.baseUrl} has no logged model '${modelId}'.`
        )
      }
      return { source: `models:/${modelId}`, modelId }
    }
    const runs = /^runs:\/([^/]+)\/(.+?)\/?$/.exec(modelUri)
    if (!runs) return { source: modelUri }
    const [, runId, path] = runs
    const run = await this.getRun(runId)
    if (!run) {
      throw new GateError(
        `Model URI '${modelUri}': MLflow at ${this.baseUrl} has no run '${runId}'.`
      )
    }
    const outputs = run.outputs?.model_outputs ?? []
    let best: { modelId: string; step: number } | undefined
    for (const output of outputs) {
      const model = await this.getLoggedModel(output.model_id)
      const step = output.step ?? 0
      if (
        model?.info.name === path &&
        (model.info.source_run_id ?? runId) === runId &&
        (best === undefined || step >= best.step)
      ) {
        best = { modelId: model.info.model_id, step }
      }
    }
    if (best) {
      return { source: `models:/${best.modelId}`, modelId: best.modelId, runId }
    }
    const listing = await this.call(
      {
        method: 'GET',
        endpoint: 'artifacts/list',
        query: { run_id: runId, path },
        idempotent: true,
        needs: `READ permission on the experiment of run ${runId} to list its artifacts`
      },
      artifactListSchema
    )
    if (
      run.info.artifact_uri &&
      listing.files.some((file) => file.path === `${path}/MLmodel`)
    ) {
      return {
        source: `${run.info.artifact_uri.replace(/\/+$/, '')}/${path}`,
        runId
      }
    }
    throw new GateError(
      `Model URI '${modelUri}': run ${runId} has no logged model named '${path}' and no '${path}/MLmodel' among its artifacts; check the artifact path (the 'name' given to log_model).`
    )
  }

  /**
   * Polls until the version is READY (MLflow registers asynchronously on some
   * backends); fails on FAILED_REGISTRATION or after `timeoutMs` of waiting.
   */
  async waitForModelVersionReady(
    name: string,
    version: string,
    options: { timeoutMs?: number; intervalMs?: number } = {}
  ): Promise<ModelVersion> {
    const timeoutMs = options.timeoutMs ?? READY_POLL_TIMEOUT_MS
    const intervalMs = options.intervalMs ?? READY_POLL_INTERVAL_MS
    for (let waitedMs = 0; ; waitedMs += intervalMs) {
      const current = await this.getModelVersion(name, version)
      const label = `version ${version} of registered model '${name}'`
      if (!current) {
        throw new GateError(
          `MLflow at ${this.baseUrl} no longer has ${label} (deleted while waiting for it to become READY).`
        )
      }
      // A server that sends no status has no asynchronous registration.
      if (current.status === undefined || current.status === 'READY') {
        return current
      }
      if (current.status === 'FAILED_REGISTRATION') {
        throw new GateError(
          `MLflow at ${this.baseUrl} could not register ${label}: ${current.status_message ? escapedValue(current.status_message, 200) : 'FAILED_REGISTRATION'}.`
        )
      }
      if (waitedMs + intervalMs > timeoutMs) {
        throw new GateError(
          `MLflow at ${this.baseUrl}: ${label} is still ${current.status} after ${seconds(waitedMs)}s; it did not become READY in time.`
        )
      }
      await this.sleep(intervalMs)
    }
  }

  /** The run, or undefined when it does not exist. */
  async getRun(runId: string): Promise<Run | undefined> {
    const answer = await this.orUndefined(
      this.call(
        {
          method: 'GET',
          endpoint: 'runs/get',
          query: { run_id: runId },
          idempotent: true,
          needs: `READ permission on the experiment of run ${runId} to read it`
        },
        z.looseObject({ run: runSchema })
      ),
      isResourceMissing
    )
    return answer?.run
  }

  /** The MLflow 3 logged model `m-<id>`, or undefined when it does not exist. */
  async getLoggedModel(modelId: string): Promise<LoggedModel | undefined> {
    const answer = await this.orUndefined(
      this.call(
        {
          method: 'GET',
          endpoint: `logged-models/${encodeURIComponent(modelId)}`,
          idempotent: true,
          needs: `READ permission on the experiment of logged model ${modelId} to read it`
        },
        z.looseObject({ model: loggedModelSchema })
      ),
      isResourceMissing
    )
    return answer?.model
  }

  // -------------------------------------------------------------------------

  private async orUndefined<T>(
    pending: Promise<T>,
    missing: (error: MlflowApiError) => boolean
  ): Promise<T | undefined> {
    try {
      return await pending
    } catch (error) {
      if (error instanceof MlflowApiError && missing(error)) return undefined
      throw error
    }
  }

  private async call<S extends z.ZodType>(
    call: Call,
    schema: S
  ): Promise<z.output<S>> {
    const query = new URLSearchParams(call.query).toString()
    const path = `${API_PREFIX}${call.endpoint}${query ? `?${query}` : ''}`
    const outcome = await this.exchange(call, path)
    const label = `${call.method} ${path}`
    const details = {
      method: call.method,
      path,
      attempts: outcome.attempts
    }
    if (outcome.kind === 'failure') {
      const reason =
        outcome.code === 'timeout'
          ? `no answer within ${seconds(this.options.timeoutMs)}s (timeout)`
          : outcome.code
      if (outcome.code === BODY_TOO_LARGE) {
        throw new MlflowApiError(
          `MLflow at ${this.baseUrl} answered ${label} with more than ${MAX_BODY_BYTES / 1024 / 1024} MiB; the reading stopped there. Is the tracking URI an MLflow tracking server?`,
          details,
          { cause: outcome.error }
        )
      }
      const tls = tlsAdvice(outcome.code)
      if (tls) {
        throw new MlflowApiError(
          `Could not connect to MLflow at ${this.baseUrl} over TLS: ${tls} (${label}).`,
          details,
          { cause: outcome.error }
        )
      }
      // Over TLS 1.3 a server that wants a client certificate completes the
      // handshake, then closes the connection: the client sees only that.
      const closedUnanswered =
        this.baseUrl.startsWith('https:') &&
        (outcome.code === 'UND_ERR_SOCKET' || outcome.code === 'ECONNRESET') &&
        (outcome.error as { socket?: { bytesRead?: number } }).socket
          ?.bytesRead === 0
      const lost =
        call.ifLost && !NOT_SENT_CODES.has(outcome.code)
          ? ` The request may have reached the server before the connection failed: ${call.ifLost}`
          : ''
      throw new MlflowApiError(
        `Could not reach MLflow at ${this.baseUrl} after ${plural(outcome.attempts, 'attempt')} over ${seconds(outcome.elapsedMs)}s: ${reason} (${label}). ` +
          (closedUnanswered
            ? 'The server closed the connection before answering: if it requires a client certificate, set MLFLOW_TRACKING_CLIENT_CERT_PATH to one PEM file holding the certificate and its private key.'
            : 'Is the server running and the tracking URI right?') +
          lost,
        details,
        { cause: outcome.error }
      )
    }
    const { status, text, contentType } = outcome
    const json = parseJson(text)
    const body =
      json !== undefined && typeof json === 'object' && json !== null
        ? (json as Record<string, unknown>)
        : undefined
    const errorCode =
      typeof body?.error_code === 'string' ? body.error_code : undefined
    // Capped: the message goes into the step's one error line.
    const serverMessage =
      typeof body?.message === 'string'
        ? body.message.length > 500
          ? `${body.message.slice(0, 500)}…`
          : body.message
        : body === undefined
          ? excerpt(text)
          : undefined
    const full = { ...details, status, errorCode, serverMessage }
    const retried =
      outcome.attempts > 1
        ? ` after ${plural(outcome.attempts, 'attempt')} over ${seconds(outcome.elapsedMs)}s`
        : ''
    const quoted = serverMessage ? ` "${serverMessage}"` : ''

    if (status === 401) {
      throw new MlflowApiError(
        `MLflow at ${this.baseUrl} did not accept the credentials for ${label} (HTTP 401${quoted}): ${this.credentialHint()}.`,
        full
      )
    }
    if (status === 403 && /invalid host header/i.test(text)) {
      throw new MlflowApiError(
        `MLflow at ${this.baseUrl} rejected the Host header of ${label} (HTTP 403${quoted}): start the server with --allowed-hosts including '${new URL(this.baseUrl).host}'.`,
        full
      )
    }
    if (status === 403) {
      // Only reads can be about a model that is missing; writes follow a read of it.
      const alsoMissing =
        call.model && call.method === 'GET'
          ? ` (MLflow's basic-auth app also answers 403 when registered model '${call.model}' does not exist)`
          : ''
      throw new MlflowApiError(
        `MLflow at ${this.baseUrl} refused ${label} (HTTP 403${quoted}): the user needs ${call.needs}${alsoMissing}.`,
        full
      )
    }
    if (
      body === undefined &&
      (status < 300 || status === 404 || status === 405)
    ) {
      const what = looksLikeHtml(text, contentType)
        ? 'an HTML page'
        : text.trim()
          ? 'text'
          : 'an empty body'
      throw new MlflowApiError(
        `MLflow at ${this.baseUrl} answered ${label} with HTTP ${status} and ${what}${quoted} instead of JSON: is the tracking URI right (path prefix)?`,
        full
      )
    }
    if (status >= 300) {
      const code = errorCode ? ` ${errorCode}` : ''
      // A create retried after a lost answer meets its own first try.
      const ownEarlierTry =
        errorCode === 'RESOURCE_ALREADY_EXISTS' && outcome.attempts > 1
          ? ' An earlier try of this request may have created it before its answer was lost.'
          : ''
      const lost =
        call.ifLost && status >= 500 && status !== 503
          ? ` The server may have acted before failing: ${call.ifLost}`
          : ''
      throw new MlflowApiError(
        `MLflow at ${this.baseUrl} rejected ${label}${retried} (HTTP ${status}${code})${serverMessage ? `: ${serverMessage}` : ''}${/[.!?]$/.test(serverMessage ?? '') ? '' : '.'}${ownEarlierTry}${lost}`,
        full
      )
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new MlflowApiError(
        `MLflow at ${this.baseUrl} answered ${label} with HTTP ${status}, but the answer was not understood (${issueSummary(parsed.error)}): is the tracking URI an MLflow 2 or 3 tracking server?`,
        full
      )
    }
    return parsed.data
  }

  /** Sends the request, retrying transient failures within the budget. */
  private async exchange(call: Call, path: string): Promise<Exchange> {
    const { maxAttempts, maxRetryMs, timeoutMs } = this.options
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.options.userAgent
    }
    if (call.body !== undefined) headers['content-type'] = 'application/json'
    if (this.auth?.kind === 'bearer') {
      headers.authorization = `Bearer ${this.auth.token}`
    } else if (this.auth?.kind === 'basic') {
      headers.authorization = `Basic ${basicHeaderValue(this.auth.username, this.auth.password)}`
    }
    const body = call.body === undefined ? undefined : JSON.stringify(call.body)
    let elapsedMs = 0
    for (let attempts = 1; ; attempts++) {
      const started = Date.now()
      let attempt: Attempt
      let retryAfter: number | undefined
      try {
        const response = await request(`${this.baseUrl}${path}`, {
          method: call.method,
          headers,
          body,
          dispatcher: this.options.dispatcher,
          signal: AbortSignal.timeout(timeoutMs)
        })
        const text = await readCapped(response.body, MAX_BODY_BYTES)
        attempt = {
          kind: 'answer',
          status: response.statusCode,
          contentType: String(response.headers['content-type'] ?? ''),
          text
        }
        retryAfter = parseRetryAfter(response.headers['retry-after'])
      } catch (error) {
        attempt = { kind: 'failure', code: failureCode(error), error }
      }
      elapsedMs += Date.now() - started
      const done = { ...attempt, attempts, elapsedMs }
      if (!isRetryable(attempt, call.idempotent) || attempts >= maxAttempts) {
        return done
      }
      const delay = retryAfter ?? Math.random() * backoffCeiling(attempts)
      if (elapsedMs + delay > maxRetryMs) return done
      this.options.log?.(
        `MLflow ${call.method} ${path}: ${attempt.kind === 'answer' ? `HTTP ${attempt.status}` : attempt.code}; retrying in ${seconds(delay)}s (attempt ${attempts + 1} of ${maxAttempts}).`
      )
      await this.sleep(delay)
      elapsedMs += delay
    }
  }

  private credentialHint(): string {
    const both =
      "input 'tracking-token' (or MLFLOW_TRACKING_TOKEN) for a bearer token, or 'tracking-username' + 'tracking-password' (or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD) for basic auth"
    if (this.auth === undefined) return `no credentials were sent; set ${both}`
    if (this.auth.kind === 'bearer') {
      return "the bearer token was refused; check input 'tracking-token' (or MLFLOW_TRACKING_TOKEN, or DATABRICKS_TOKEN for Databricks)"
    }
    return this.authFromUri
      ? "the username and password in the tracking URI were refused; check them, or set 'tracking-username' + 'tracking-password'"
      : "the username and password were refused; check inputs 'tracking-username' + 'tracking-password' (or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD)"
  }

  /**
   * Deletes a registered model (with every version it has): used only for
   * the promotion lock's own models (src/registry/promotion-lock.ts). Not
   * retried once sent: if a first try landed and its answer was lost, a
   * retry could delete a lock another run created in between.
   */
  async deleteRegisteredModel(name: string): Promise<void> {
    await this.call(
      {
        // MLflow reads a DELETE's parameters from a JSON body, not the query.
        method: 'DELETE',
        endpoint: 'registered-models/delete',
        body: { name },
        idempotent: false,
        needs: `MANAGE permission on registered model '${name}' to delete it`,
        model: name
      },
      emptySchema
    )
  }

  /** Removes one tag from a model version; MLflow answers 200 when it is absent. */
  async deleteModelVersionTag(
    name: string,
    version: string,
    key: string
  ): Promise<void> {
    await this.call(
      {
        // MLflow reads a DELETE's parameters from a JSON body, not the query.
        method: 'DELETE',
        endpoint: 'model-versions/delete-tag',
        body: { name, version: String(version), key },
        idempotent: true,
        needs: `EDIT permission on registered model '${name}' to remove a tag of version ${version}`,
        model: name
      },
      emptySchema
    )
  }

  /**
   * Every version of a registered model (`model-versions/search` with
   * `name = '<name>'`, all pages). MLflow's filter grammar quotes strings
   * with ' or "; a name holding both cannot be searched and gives [].
   */
  async searchModelVersions(name: string): Promise<ModelVersion[]> {
    const quote = !name.includes("'") ? "'" : !name.includes('"') ? '"' : ''
    if (!quote) return []
    const found: ModelVersion[] = []
    let pageToken: string | undefined
    // Bounded: 100 pages of 1,000 versions.
    for (let page = 0; page < 100; page++) {
      const query: Record<string, string> = {
        filter: `name = ${quote}${name}${quote}`,
        max_results: '1000'
      }
      if (pageToken) query.page_token = pageToken
      const answer = await this.call(
        {
          method: 'GET',
          endpoint: 'model-versions/search',
          query,
          idempotent: true,
          needs: `READ permission on registered model '${name}' to list its versions`,
          model: name
        },
        z.looseObject({
          model_versions: z.array(modelVersionSchema).default([]),
          next_page_token: z.string().optional()
        })
      )
      found.push(...answer.model_versions)
      pageToken = answer.next_page_token
      if (!pageToken) break
    }
    return found
  }
}

// ---------------------------------------------------------------------------
// Pure helpers.

/**
 * The MLflow UI page of a model version,
 * `<base>/#/models/<name>/versions/<v>`, without credentials.
 */
export function modelVersionUrl(
  trackingUri: string,
  name: string,
  version: string
): string {
  const { scheme, rest } = splitUserinfo(trackingUri)
  const base = baseOf(parseHttpUrl(`${scheme}${rest}`))
  return `${base}/#/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`
}

/**
 * The tracking URI fit to print: no userinfo (cut before parsing, so an
 * unparsable URI loses it too), query or fragment. A URI is never printed
 * as given.
 */
export function displayTrackingUri(trackingUri: string): string {
  const { scheme, rest } = splitUserinfo(trackingUri.trim())
  const stripped = `${scheme}${rest}`
  try {
    const url = new URL(stripped)
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return baseOf(url)
    }
  } catch {
    // Not a URL: shown without userinfo, query and fragment all the same.
  }
  return stripped.replace(/[?#][\s\S]*$/, '')
}

/** Inputs that say how to reach the tracking server (all optional). */
export interface TrackingInputs {
  trackingUri?: string
  token?: string
  username?: string
  password?: string
}

/** Where the registry is and how to authenticate; `secrets` for `core.setSecret`. */
export interface TrackingConnection {
  /** `http(s)://…`, credentials removed from the userinfo (they are in `auth`). */
  trackingUri: string
  auth: TrackingAuth | undefined
  /** Every credential seen (used or not), to mask all at once. */
  secrets: string[]
}

/**
 * Resolves the tracking server with MLflow's conventions: inputs first, then
 * `MLFLOW_TRACKING_URI`, `MLFLOW_TRACKING_USERNAME` + `MLFLOW_TRACKING_PASSWORD`
 * (Basic; MLflow prefers them to a token when both are set) and
 * `MLFLOW_TRACKING_TOKEN` (Bearer). `databricks` or `databricks://<profile>`
 * means `DATABRICKS_HOST` + `DATABRICKS_TOKEN` (profiles in ~/.databrickscfg
 * are not read). Only called when the mode needs the registry, so an empty
 * or local (`file:`, database) URI is an error naming the input. Pure.
 */
export function resolveTrackingConnection(
  inputs: TrackingInputs,
  env: Record<string, string | undefined>
): TrackingConnection {
  const given = (value: string | undefined): string | undefined =>
    value?.trim() ? value.trim() : undefined
  const token = given(inputs.token)
  const username = given(inputs.username)
  const password = inputs.password ? inputs.password : undefined
  const secrets = new Set<string>()
  for (const secret of [
    token,
    password,
    env.MLFLOW_TRACKING_TOKEN,
    env.MLFLOW_TRACKING_PASSWORD,
    env.DATABRICKS_TOKEN,
    // Basic auth puts user:pass on the wire in Base64: mask that form too.
    username && password && basicHeaderValue(username, password),
    env.MLFLOW_TRACKING_USERNAME &&
      env.MLFLOW_TRACKING_PASSWORD &&
      basicHeaderValue(
        env.MLFLOW_TRACKING_USERNAME.trim(),
        env.MLFLOW_TRACKING_PASSWORD
      ),
    ...uriSecrets(inputs.trackingUri),
    ...uriSecrets(env.MLFLOW_TRACKING_URI),
    ...uriSecrets(env.DATABRICKS_HOST)
  ]) {
    if (secret) secrets.add(secret)
  }
  const finish = (
    trackingUri: string,
    auth: TrackingAuth | undefined
  ): TrackingConnection => ({ trackingUri, auth, secrets: [...secrets] })

  const fromInput = given(inputs.trackingUri)
  const uri = fromInput ?? given(env.MLFLOW_TRACKING_URI)
  const origin = fromInput ? '' : ' (from MLFLOW_TRACKING_URI)'
  // Printed in errors: without credentials, query or fragment.
  const shown = uri === undefined ? '' : displayTrackingUri(uri)
  if (uri === undefined) {
    throw new InputError(
      'tracking-uri',
      'is required to reach the MLflow Model Registry; set it (or MLFLOW_TRACKING_URI) to the tracking server, e.g. https://mlflow.example.com.'
    )
  }
  if (token && (username || password)) {
    throw new InputError(
      'tracking-token',
      "set either 'tracking-token' or 'tracking-username' + 'tracking-password', not both."
    )
  }
  if (username && !password) {
    throw new InputError(
      'tracking-password',
      "is required with 'tracking-username'."
    )
  }
  if (password && !username) {
    throw new InputError(
      'tracking-username',
      "is required with 'tracking-password'."
    )
  }
  const inputAuth: TrackingAuth | undefined = token
    ? { kind: 'bearer', token }
    : username && password
      ? { kind: 'basic', username, password }
      : undefined

  // Databricks: the workspace registry's `/api/2.0/mlflow/...` endpoints are
  // used as they are. Unity Catalog (`databricks-uc`) has its own endpoints
  // and three-level names, which this client does not speak.
  if (/^databricks-uc(:|$)/i.test(uri)) {
    throw new InputError(
      'tracking-uri',
      `'${shown}'${origin}: the Unity Catalog registry is not supported; use the workspace registry ('databricks').`
    )
  }
  const split = splitUserinfo(uri)
  if (
    /^databricks$/i.test(uri) ||
    (/^databricks:\/\/$/i.test(split.scheme) && !split.rest.includes('/'))
  ) {
    const host = given(env.DATABRICKS_HOST)
    if (!host) {
      throw new InputError(
        'tracking-uri',
        `'${shown}'${origin} needs DATABRICKS_HOST (and DATABRICKS_TOKEN) in the environment; profiles in ~/.databrickscfg are not read.`
      )
    }
    const databricksToken = token ?? given(env.DATABRICKS_TOKEN)
    if (!databricksToken) {
      throw new InputError(
        'tracking-token',
        `is required for '${shown}'${origin}: set it or DATABRICKS_TOKEN.`
      )
    }
    // Credentials in DATABRICKS_HOST are masked (above) and not used.
    const hostSplit = splitUserinfo(host)
    const hostUrl = `${hostSplit.scheme || 'https://'}${hostSplit.rest}`
    return finish(
      withoutUserinfo(parseHttpUrl(hostUrl, 'tracking-uri')),
      inputAuth ?? { kind: 'bearer', token: databricksToken }
    )
  }

  const url = parseHttpUrl(
    `${split.scheme}${split.rest}`,
    'tracking-uri',
    origin
  )
  const fromUserinfo = basicAuthFromUserinfo(split.userinfo)
  const envUser = given(env.MLFLOW_TRACKING_USERNAME)
  const envPassword = env.MLFLOW_TRACKING_PASSWORD || undefined
  const envToken = given(env.MLFLOW_TRACKING_TOKEN)
  const envAuth: TrackingAuth | undefined =
    envUser && envPassword
      ? { kind: 'basic', username: envUser, password: envPassword }
      : envToken
        ? { kind: 'bearer', token: envToken }
        : undefined
  return finish(withoutUserinfo(url), inputAuth ?? fromUserinfo ?? envAuth)
}

/**
 * Parses an http(s) URL or throws: an `InputError` for `input` when given
 * (local stores get their own hint), else a `GateError`.
 */
function parseHttpUrl(uri: string, input?: string, origin = ''): URL {
  let url: URL | undefined
  try {
    url = new URL(uri)
  } catch {
    url = undefined
  }
  if (url?.protocol === 'http:' || url?.protocol === 'https:') return url
  const server =
    "the Model Registry needs an MLflow tracking server (start one with 'mlflow server' and give its http(s) URL)."
  // No scheme, file: or a Windows drive letter: MLflow's local file store.
  const detail =
    url === undefined ||
    url.protocol === 'file:' ||
    /^[a-z]:$/i.test(url.protocol)
      ? `is a local path or file: store; ${server}`
      : /^(sqlite|postgresql|mysql|mssql)/i.test(url.protocol)
        ? `is a database store; ${server}`
        : 'is not the http(s) URL of an MLflow tracking server.'
  const shown = `'${displayTrackingUri(uri)}'${origin}`
  throw input
    ? new InputError(input, `${shown} ${detail}`)
    : new GateError(`Tracking URI ${shown} ${detail}`)
}

/** Origin plus path prefix, without userinfo, query, fragment or trailing slash. */
function baseOf(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

function withoutUserinfo(url: URL): string {
  const copy = new URL(url)
  copy.username = ''
  copy.password = ''
  return copy.toString()
}

/**
 * Basic auth from a raw userinfo, as requests takes it from a URL
 * (`http://TOKEN@host` is the username TOKEN with an empty password).
 */
function basicAuthFromUserinfo(
  userinfo: string | undefined
): Extract<TrackingAuth, { kind: 'basic' }> | undefined {
  if (!userinfo) return undefined
  return { kind: 'basic', ...userinfoCredentials(userinfo) }
}

function tagList(
  tags: Record<string, string>
): { key: string; value: string }[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }))
}

function isResourceMissing(error: MlflowApiError): boolean {
  return error.errorCode === 'RESOURCE_DOES_NOT_EXIST'
}

function isRetryable(attempt: Attempt, idempotent: boolean): boolean {
  if (attempt.kind === 'failure') {
    if (!idempotent) return NOT_SENT_CODES.has(attempt.code)
    return (
      TRANSIENT_CODES.has(attempt.code) ||
      (attempt.code.startsWith('UND_ERR_') &&
        attempt.code !== 'UND_ERR_INVALID_ARG')
    )
  }
  const { status } = attempt
  if (status === 408 || status === 429 || status === 503) return true
  return idempotent && status >= 500 && status !== 501
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
 * These are never retried (see `isRetryable`): a certificate does not change
 * between attempts.
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

/** Full jitter: the delay is drawn from [0, ceiling). */
function backoffCeiling(attempt: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1))
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

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function looksLikeHtml(text: string, contentType: string): boolean {
  return /^\s*</.test(text) || (/html/i.test(contentType) && /<\w/.test(text))
}

/** A short, single-line excerpt of a non-JSON body (an HTML page's title). */
function excerpt(text: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]
  const flat = (title ?? text.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
  if (!flat) return undefined
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat
}

function issueSummary(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1)
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
