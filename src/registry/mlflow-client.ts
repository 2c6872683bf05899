/**
 * The MLflow Model Registry client: the only code that speaks MLflow's REST
 * dialect (`/api/2.0/mlflow/...`, https://mlflow.org/docs/latest/api_reference/rest-api.html).
 *
 * Each method says what it calls, whether it is safe to repeat, and what
 * permission it needs; the request goes over the registry's transport
 * (src/registry/http-transport.ts: timeout, retries by the one policy in
 * src/transport/retry-policy.ts), the answer is checked against its schema
 * (src/registry/mlflow-schemas.ts), and a failure becomes one typed error,
 * `MlflowApiError`, whose message says what to check. Where the tracking
 * server is and which credentials to use: src/registry/tracking-connection.ts.
 * Which source a model URI registers as: src/registry/model-source.ts.
 */
import { z } from 'zod'
import { UserError } from '../errors.js'
import {
  HttpTransport,
  plural,
  RegistryApiError,
  seconds,
  type HttpTransportOptions
} from './http-transport.js'
import {
  artifactListSchema,
  emptySchema,
  escapedValue,
  loggedModelSchema,
  modelVersionSchema,
  registeredModelSchema,
  runSchema,
  type LoggedModel,
  type ModelVersion,
  type RegisteredModel,
  type Run
} from './mlflow-schemas.js'
import { resolveModelSource, type ModelVersionSource } from './model-source.js'

// The types this client's methods take and return, importable with it.
export type {
  LoggedModel,
  ModelVersion,
  ModelVersionSource,
  RegisteredModel,
  Run
}

/** How to reach the tracking server and how hard to try. */
export type MlflowClientOptions = HttpTransportOptions

/** A request to MLflow failed; the message names the tracking URI, the request and what to check. */
export class MlflowApiError extends RegistryApiError {}

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

const API_PREFIX = '/api/2.0/mlflow/'
const READY_POLL_TIMEOUT_MS = 300_000
const READY_POLL_INTERVAL_MS = 1_000

/**
 * A client for the parts of MLflow's REST API the gate needs: registered
 * models, versions, aliases, tags, runs and logged models.
 */
export class MlflowClient {
  /** Origin and path prefix, no credentials, no trailing slash. */
  readonly baseUrl: string
  private readonly transport: HttpTransport
  private readonly sleep: (ms: number) => Promise<void>

  constructor(options: MlflowClientOptions) {
    this.transport = new HttpTransport(options, 'MLflow')
    this.baseUrl = this.transport.baseUrl
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

  /** What to send to `model-versions/create` for a model URI (see src/registry/model-source.ts). */
  async resolveModelSource(modelUri: string): Promise<ModelVersionSource> {
    return resolveModelSource(this, modelUri)
  }

  /** The paths of a run's artifacts directly under `path`. */
  async listArtifacts(runId: string, path: string): Promise<string[]> {
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
    return listing.files.map((file) => file.path)
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
        throw new UserError(
          `MLflow at ${this.baseUrl} no longer has ${label} (deleted while waiting for it to become READY).`
        )
      }
      // A server that sends no status has no asynchronous registration.
      if (current.status === undefined || current.status === 'READY') {
        return current
      }
      if (current.status === 'FAILED_REGISTRATION') {
        throw new UserError(
          `MLflow at ${this.baseUrl} could not register ${label}: ${current.status_message ? escapedValue(current.status_message, 200) : 'FAILED_REGISTRATION'}.`
        )
      }
      if (waitedMs + intervalMs > timeoutMs) {
        throw new UserError(
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
    const outcome = await this.transport.exchange({
      method: call.method,
      path,
      body: call.body,
      safeToRepeat: call.idempotent
    })
    const label = `${call.method} ${path}`
    const details = {
      method: call.method,
      path,
      attempts: outcome.attempts
    }
    if (outcome.kind === 'failure') {
      throw new MlflowApiError(
        this.transport.failureMessage(outcome, label, call.ifLost),
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

  private credentialHint(): string {
    const both =
      "input 'tracking-token' (or MLFLOW_TRACKING_TOKEN) for a bearer token, or 'tracking-username' + 'tracking-password' (or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD) for basic auth"
    if (this.transport.auth === undefined)
      return `no credentials were sent; set ${both}`
    if (this.transport.auth.kind === 'bearer') {
      return "the bearer token was refused; check input 'tracking-token' (or MLFLOW_TRACKING_TOKEN, or DATABRICKS_TOKEN for Databricks)"
    }
    return this.transport.authFromUri
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

function tagList(
  tags: Record<string, string>
): { key: string; value: string }[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }))
}

function isResourceMissing(error: MlflowApiError): boolean {
  return error.errorCode === 'RESOURCE_DOES_NOT_EXIST'
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
