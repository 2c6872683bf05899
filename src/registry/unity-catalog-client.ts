/**
 * The Unity Catalog registry client: the only code that speaks Unity
 * Catalog's dialect. Reads and alias moves go through Unity Catalog's public
 * REST API (`/api/2.1/unity-catalog/models/{full_name}…`, the calls
 * databricks-sdk's `registered_models` and `model_versions` make); version
 * and registered-model tags have no public call, so they go through the
 * endpoints MLflow's own `databricks-uc` client uses
 * (`/api/2.0/mlflow/unity-catalog/…`, mlflow/store/_unity_catalog/registry/
 * rest_store.py). A version is read there too: the public answer carries no
 * tags, and the gate reads a version's evidence and rollback tags.
 *
 * Same transport, retries and typed errors as the MLflow client
 * (src/registry/http-transport.ts); answers are mapped into MLflow's shapes
 * and checked by the same schemas (src/registry/mlflow-schemas.ts), so the
 * modes cannot tell which registry they talk to.
 *
 * Register-on-pass is not offered: registering to Unity Catalog uploads the
 * artifacts with temporary cloud credentials and finalizes the version,
 * which MLflow's client does and this action cannot do honestly.
 */
import { z } from 'zod'
import { UserError, InputError } from '../errors.js'
import {
  HttpTransport,
  plural,
  RegistryApiError,
  seconds,
  type HttpTransportOptions
} from './http-transport.js'
import {
  emptySchema,
  modelVersionSchema,
  registeredModelSchema,
  type ModelVersion,
  type RegisteredModel
} from './mlflow-schemas.js'
import type { ModelVersionSource } from './model-source.js'

/** A request to Unity Catalog failed; the message names the workspace, the request and what is missing. */
export class UnityCatalogApiError extends RegistryApiError {}

const PUBLIC = '/api/2.1/unity-catalog/models/'
const MLFLOW_UC = '/api/2.0/mlflow/unity-catalog/'

/** `catalog.schema.model`, each part without dots, slashes or spaces. */
const FULL_NAME = /^[^.\s/]+\.[^.\s/]+\.[^.\s/]+$/

/** Throws unless `name` is a three-level Unity Catalog name. */
export function checkUnityCatalogName(
  name: string,
  input = 'model-name'
): void {
  if (!FULL_NAME.test(name)) {
    throw new InputError(
      input,
      `'${name}' is not a Unity Catalog model name: the registry is Unity Catalog, where a model is named catalog.schema.model (e.g. main.fraud.detector). Give the three-level name, or set registry-uri: databricks for the legacy workspace registry.`
    )
  }
}

/** The Catalog Explorer page of a model version. */
export function catalogExplorerUrl(
  host: string,
  name: string,
  version: string
): string {
  const parts = name.split('.').map(encodeURIComponent)
  return `${host}/explore/data/models/${parts.join('/')}/version/${encodeURIComponent(version)}`
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  query?: Record<string, string>
  body?: Record<string, unknown>
  idempotent: boolean
  /** Completes "the principal needs …" in a 403 message. */
  needs: string
}

/** A Unity Catalog model version as the public API returns it. */
const publicVersionSchema = z.looseObject({
  model_name: z.string().optional(),
  catalog_name: z.string().optional(),
  schema_name: z.string().optional(),
  version: z.union([z.number(), z.string()]),
  status: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional()
})

/** A client for the parts of Unity Catalog the gate needs. */
export class UnityCatalogClient {
  /** The workspace URL, no trailing slash. */
  readonly baseUrl: string
  private readonly transport: HttpTransport

  constructor(options: HttpTransportOptions) {
    this.transport = new HttpTransport(options, 'Unity Catalog')
    this.baseUrl = this.transport.baseUrl
  }

  /** The registered model with its aliases (no tags: the public API has none), or undefined. */
  async getRegisteredModel(name: string): Promise<RegisteredModel | undefined> {
    const answer = await this.orUndefined(
      this.call(
        {
          method: 'GET',
          path: `${PUBLIC}${encodeURIComponent(name)}`,
          query: { include_aliases: 'true' },
          idempotent: true,
          needs: readNeeds(name)
        },
        z.looseObject({
          full_name: z.string().optional(),
          aliases: z
            .array(
              z.looseObject({
                alias_name: z.string(),
                version_num: z.union([z.number(), z.string()])
              })
            )
            .default([])
        })
      )
    )
    if (!answer) return undefined
    return registeredModelSchema.parse({
      name: answer.full_name ?? name,
      aliases: answer.aliases.map((alias) => ({
        alias: alias.alias_name,
        version: String(alias.version_num)
      }))
    })
  }

  /**
   * The version with its tags and aliases (MLflow's UC `model-versions/get`:
   * the public answer has no tags), or undefined when it does not exist.
   */
  async getModelVersion(
    name: string,
    version: string
  ): Promise<ModelVersion | undefined> {
    const answer = await this.orUndefined(
      this.call(
        {
          method: 'GET',
          path: `${MLFLOW_UC}model-versions/get`,
          query: { name, version: String(version) },
          idempotent: true,
          needs: readNeeds(name)
        },
        z.looseObject({ model_version: z.looseObject({}) })
      )
    )
    return answer && ucVersion(answer.model_version)
  }

  /** The version `@alias` points at, or undefined when the alias does not exist. */
  async getModelVersionByAlias(
    name: string,
    alias: string
  ): Promise<ModelVersion | undefined> {
    const path = `${PUBLIC}${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`
    let answer: z.output<typeof publicVersionSchema>
    try {
      answer = await this.call(
        { method: 'GET', path, idempotent: true, needs: readNeeds(name) },
        publicVersionSchema
      )
    } catch (error) {
      // A missing alias is a 404 too; a missing model is told apart by reading it.
      if (isMissing(error) && (await this.getRegisteredModel(name))) {
        return undefined
      }
      throw error
    }
    const version = await this.getModelVersion(name, String(answer.version))
    if (!version) {
      throw new UserError(
        `Unity Catalog at ${this.baseUrl}: @${alias} of '${name}' points at version ${String(answer.version)}, which could not be read.`
      )
    }
    return version
  }

  /** Points `@alias` at `version` (`PUT …/aliases/{alias}` with `version_num`). */
  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.call(
      {
        method: 'PUT',
        path: `${PUBLIC}${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`,
        body: { version_num: Number(version) },
        // Pointing an alias at the same version twice is one move.
        idempotent: true,
        needs: aliasNeeds(name)
      },
      emptySchema
    )
  }

  /** Removes `@alias`; a missing alias is not an error. */
  async deleteAlias(name: string, alias: string): Promise<void> {
    await this.orUndefined(
      this.call(
        {
          method: 'DELETE',
          path: `${PUBLIC}${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`,
          idempotent: true,
          needs: aliasNeeds(name)
        },
        emptySchema
      )
    )
  }

  /** Sets one tag on a version (MLflow's UC `model-versions/set-tag`). */
  async setModelVersionTag(
    name: string,
    version: string,
    key: string,
    value: string
  ): Promise<void> {
    await this.call(
      {
        method: 'POST',
        path: `${MLFLOW_UC}model-versions/set-tag`,
        body: { name, version: String(version), key, value },
        idempotent: true,
        needs: `APPLY TAG on model '${name}' (or ownership of it), with USE CATALOG and USE SCHEMA on its parents, to tag version ${version}`
      },
      emptySchema
    )
  }

  /** Removes one tag from a version (MLflow's UC `model-versions/delete-tag`). */
  async deleteModelVersionTag(
    name: string,
    version: string,
    key: string
  ): Promise<void> {
    await this.orUndefined(
      this.call(
        {
          // As MLflow's client sends it: a DELETE with a JSON body.
          method: 'DELETE',
          path: `${MLFLOW_UC}model-versions/delete-tag`,
          body: { name, version: String(version), key },
          idempotent: true,
          needs: `APPLY TAG on model '${name}' (or ownership of it) to remove a tag of version ${version}`
        },
        emptySchema
      )
    )
  }

  /**
   * Creates a registered model with tags (MLflow's UC
   * `registered-models/create`); used for the promotion lock. Needs CREATE
   * MODEL on the schema.
   */
  async createRegisteredModel(
    name: string,
    options: { description?: string; tags?: Record<string, string> } = {}
  ): Promise<RegisteredModel> {
    checkUnityCatalogName(name)
    const answer = await this.call(
      {
        method: 'POST',
        path: `${MLFLOW_UC}registered-models/create`,
        body: {
          name,
          description: options.description,
          tags:
            options.tags &&
            Object.entries(options.tags).map(([key, value]) => ({ key, value }))
        },
        // Creation by unique name cannot make two; the lock reads back its token.
        idempotent: true,
        needs: `CREATE MODEL on schema '${name.split('.').slice(0, 2).join('.')}' (with USE CATALOG and USE SCHEMA) to create '${name}'`
      },
      z.looseObject({ registered_model: z.looseObject({}) })
    )
    return ucRegisteredModel(answer.registered_model)
  }

  /** The registered model with its tags (MLflow's UC `registered-models/get`); for the lock. */
  async getRegisteredModelWithTags(
    name: string
  ): Promise<RegisteredModel | undefined> {
    const answer = await this.orUndefined(
      this.call(
        {
          method: 'GET',
          path: `${MLFLOW_UC}registered-models/get`,
          query: { name },
          idempotent: true,
          needs: readNeeds(name)
        },
        z.looseObject({ registered_model: z.looseObject({}) })
      )
    )
    return answer && ucRegisteredModel(answer.registered_model)
  }

  /** Deletes a registered model (the lock's own); not retried once sent. */
  async deleteRegisteredModel(name: string): Promise<void> {
    await this.call(
      {
        method: 'DELETE',
        path: `${MLFLOW_UC}registered-models/delete`,
        body: { name },
        idempotent: false,
        needs: `ownership of (or MANAGE on) model '${name}' to delete it`
      },
      emptySchema
    )
  }

  /** The promotion lock's view of this client: models read with their tags. */
  lockClient(): {
    createRegisteredModel: UnityCatalogClient['createRegisteredModel']
    getRegisteredModel: UnityCatalogClient['getRegisteredModelWithTags']
    deleteRegisteredModel: UnityCatalogClient['deleteRegisteredModel']
  } {
    return {
      createRegisteredModel: (name, options) =>
        this.createRegisteredModel(name, options),
      getRegisteredModel: (name) => this.getRegisteredModelWithTags(name),
      deleteRegisteredModel: (name) => this.deleteRegisteredModel(name)
    }
  }

  // Register-on-pass: not on Unity Catalog (see the header).
  resolveModelSource(modelUri: string): Promise<ModelVersionSource> {
    return Promise.reject(registerOnPassError(modelUri))
  }
  createModelVersion(name: string): Promise<ModelVersion> {
    return Promise.reject(registerOnPassError(name))
  }
  waitForModelVersionReady(name: string): Promise<ModelVersion> {
    return Promise.reject(registerOnPassError(name))
  }
  searchModelVersions(name: string): Promise<ModelVersion[]> {
    return Promise.reject(registerOnPassError(name))
  }

  // -------------------------------------------------------------------------

  private async orUndefined<T>(pending: Promise<T>): Promise<T | undefined> {
    try {
      return await pending
    } catch (error) {
      if (isMissing(error)) return undefined
      throw error
    }
  }

  private async call<S extends z.ZodType>(
    call: Call,
    schema: S
  ): Promise<z.output<S>> {
    const query = new URLSearchParams(call.query).toString()
    const path = `${call.path}${query ? `?${query}` : ''}`
    const outcome = await this.transport.exchange({
      method: call.method,
      path,
      body: call.body,
      safeToRepeat: call.idempotent
    })
    const label = `${call.method} ${path}`
    const details = { method: call.method, path, attempts: outcome.attempts }
    if (outcome.kind === 'failure') {
      throw new UnityCatalogApiError(
        this.transport.failureMessage(outcome, label),
        details,
        { cause: outcome.error }
      )
    }
    const { status, text } = outcome
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    const body =
      typeof json === 'object' && json !== null
        ? (json as Record<string, unknown>)
        : undefined
    const serverCode =
      typeof body?.error_code === 'string' ? body.error_code : undefined
    const errorCode = normalizedCode(status, serverCode)
    const message =
      typeof body?.message === 'string' ? body.message.slice(0, 500) : undefined
    const full = { ...details, status, errorCode, serverMessage: message }
    const quoted = message ? ` "${message}"` : ''
    const at = `Unity Catalog at ${this.baseUrl}`
    if (status === 401) {
      throw new UnityCatalogApiError(
        `${at} did not accept the token for ${label} (HTTP 401${quoted}): check DATABRICKS_TOKEN, or the service principal's OAuth credentials (DATABRICKS_CLIENT_ID with DATABRICKS_CLIENT_SECRET or its GitHub federation policy).`,
        full
      )
    }
    if (status === 403) {
      throw new UnityCatalogApiError(
        `${at} refused ${label} (HTTP 403${quoted}): the principal needs ${call.needs}.`,
        full
      )
    }
    if (status >= 300 || body === undefined) {
      const retried =
        outcome.attempts > 1
          ? ` after ${plural(outcome.attempts, 'attempt')} over ${seconds(outcome.elapsedMs)}s`
          : ''
      throw new UnityCatalogApiError(
        `${at} ${status >= 300 ? 'rejected' : 'answered'} ${label}${retried} (HTTP ${status}${serverCode ? ` ${serverCode}` : ''})${message ? `: ${message}` : body === undefined ? ' with no JSON: is DATABRICKS_HOST the workspace URL?' : ''}`,
        full
      )
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      throw new UnityCatalogApiError(
        `${at} answered ${label} with HTTP ${status}, but the answer was not understood (${parsed.error.issues[0]?.message ?? 'schema'}).`,
        full
      )
    }
    return parsed.data
  }
}

/** MLflow's UC shapes (aliases as `{alias, version}`) into MLflow's. */
function ucVersion(raw: Record<string, unknown>): ModelVersion {
  const aliases = Array.isArray(raw.aliases)
    ? (raw.aliases as { alias?: unknown }[]).map((alias) => alias.alias)
    : []
  return modelVersionSchema.parse({ ...raw, aliases })
}

function ucRegisteredModel(raw: Record<string, unknown>): RegisteredModel {
  return registeredModelSchema.parse(raw)
}

/**
 * Databricks answers a missing or existing object with the MLflow-era codes
 * (RESOURCE_DOES_NOT_EXIST, RESOURCE_ALREADY_EXISTS) or the newer ones
 * (NOT_FOUND, ALREADY_EXISTS; databricks-sdk maps both): one code each for
 * the modes and the lock. A 404 for an unknown path (ENDPOINT_NOT_FOUND)
 * is not a missing model: it is a wrong host.
 */
function normalizedCode(
  status: number,
  code: string | undefined
): string | undefined {
  if (code === 'ALREADY_EXISTS' || (status === 409 && code === undefined)) {
    return 'RESOURCE_ALREADY_EXISTS'
  }
  if (
    status === 404 &&
    code !== 'ENDPOINT_NOT_FOUND' &&
    (code === undefined || code === 'NOT_FOUND' || /DOES_NOT_EXIST$/.test(code))
  ) {
    return 'RESOURCE_DOES_NOT_EXIST'
  }
  return code
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof UnityCatalogApiError &&
    error.errorCode === 'RESOURCE_DOES_NOT_EXIST'
  )
}

function readNeeds(name: string): string {
  const [catalog, schema] = name.split('.')
  return `USE CATALOG on '${catalog}', USE SCHEMA on '${catalog}.${schema}' and EXECUTE on model '${name}' (or its ownership) to read it`
}

function aliasNeeds(name: string): string {
  return `ownership of (or MANAGE on) model '${name}', with USE CATALOG and USE SCHEMA on its parents, to move its aliases`
}

function registerOnPassError(what: string): InputError {
  return new InputError(
    'candidate-model-uri',
    `cannot register ${what} on Unity Catalog: registering there uploads the model's artifacts with temporary cloud credentials and finalizes the version, which MLflow's client does and this action does not. Register the model in the training step (mlflow.register_model or log_model with registered_model_name), set an alias or give candidate-version.`
  )
}
