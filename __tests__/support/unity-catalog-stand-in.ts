/**
 * A stand-in for a Databricks workspace's Unity Catalog model registry, its
 * OAuth token endpoint and GitHub's ID-token endpoint, on 127.0.0.1, with
 * real state: registered models, versions, aliases and tags.
 *
 * No installable server implements Unity Catalog's aliases (Unity Catalog
 * OSS has models but no aliases; MLflow's `uc:` store raises for alias
 * calls), so this one is kept honest by the official clients: the tests run
 * MLflow's Python client (`databricks-uc`, mlflow 3.17.2) and
 * databricks-sdk's `WorkspaceClient` (0.167.0) against it, and it answers
 * only the requests they send, as they send them: any other method, path,
 * query parameter, body field or content type is a 400 recorded in
 * `rejected`, which the tests expect to stay empty.
 *
 * Versions are seeded directly (`seedVersion`): creating one in Unity
 * Catalog uploads artifacts to cloud storage, which no test here needs.
 */
import { randomBytes } from 'node:crypto'
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'

interface Version {
  tags: Map<string, string>
  source: string
  runId: string
  created: number
}

interface Model {
  description: string
  tags: Map<string, string>
  aliases: Map<string, string>
  versions: Map<string, Version>
  created: number
}

/** One request as it arrived. */
export interface Seen {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
  contentType: string
}

export interface StandInOptions {
  /** Personal access tokens the workspace accepts. */
  pats?: string[]
  /** Service principals: application ID and OAuth secret. */
  clients?: { id: string; secret: string }[]
  /** Lifetime of the OAuth tokens it issues, seconds. */
  tokenLifetimeSeconds?: number
  /** GitHub's side: the runtime token the ID-token endpoint wants. */
  githubRequestToken?: string
  /** The audience a federation policy names (the ID token must carry it). */
  federationAudience?: string
  /** Schemas where the principal lacks CREATE MODEL. */
  noCreateModelIn?: string[]
  /** Models the principal may read but neither owns nor MANAGEs (no alias moves). */
  noManageOn?: string[]
  /**
   * Answer with Databricks' newer codes (404 NOT_FOUND, 409 ALREADY_EXISTS)
   * instead of the MLflow-era ones; databricks-sdk maps both.
   */
  newerErrorCodes?: boolean
  /** Serve `/.well-known/databricks-config` naming the federation audience as the default. */
  hostMetadata?: boolean
}

const PUBLIC = '/api/2.1/unity-catalog/models/'
const MLFLOW_UC = '/api/2.0/mlflow/unity-catalog/'

class Reject extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

export class UnityCatalogStandIn {
  readonly models = new Map<string, Model>()
  /** Requests refused as ones no official client sends. */
  readonly rejected: string[] = []
  readonly seen: Seen[] = []
  /** Tokens issued by the token endpoint (M2M and federation). */
  readonly issued: { token: string; kind: string; expiresAt: number }[] = []
  /** ID tokens GitHub's stand-in handed out, with their audience. */
  readonly idTokens = new Map<string, string>()
  private server: Server | undefined
  private readonly options: Required<StandInOptions>
  url = ''

  constructor(options: StandInOptions = {}) {
    this.options = {
      pats: [],
      clients: [],
      tokenLifetimeSeconds: 3600,
      githubRequestToken: '',
      federationAudience: '',
      noCreateModelIn: [],
      noManageOn: [],
      newerErrorCodes: false,
      hostMetadata: false,
      ...options
    }
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) =>
      this.server!.listen(0, '127.0.0.1', resolve)
    )
    const { port } = this.server.address() as AddressInfo
    this.url = `http://127.0.0.1:${port}`
    return this.url
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  /** GitHub's ACTIONS_ID_TOKEN_REQUEST_URL for this stand-in. */
  get idTokenRequestUrl(): string {
    return `${this.url}/_github/idtoken?api-version=2.0`
  }

  /** Creates the model if needed and adds a READY version. */
  seedVersion(
    name: string,
    version: string,
    tags: Record<string, string> = {}
  ): void {
    const model = this.models.get(name) ?? this.newModel('')
    this.models.set(name, model)
    model.versions.set(version, {
      tags: new Map(Object.entries(tags)),
      source: `dbfs:/databricks/mlflow-tracking/1/run${version}/artifacts/model`,
      runId: `run${version}`,
      created: Date.now()
    })
  }

  seedAlias(name: string, alias: string, version: string): void {
    this.models.get(name)!.aliases.set(alias, version)
  }

  aliasOf(name: string, alias: string): string | undefined {
    return this.models.get(name)?.aliases.get(alias)
  }

  tagsOf(name: string, version: string): Record<string, string> {
    return Object.fromEntries(
      this.models.get(name)?.versions.get(version)?.tags ?? []
    )
  }

  private newModel(description: string): Model {
    return {
      description,
      tags: new Map(),
      aliases: new Map(),
      versions: new Map(),
      created: Date.now()
    }
  }

  // ---------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const method = req.method ?? 'GET'
    const contentType = String(req.headers['content-type'] ?? '')
    const query = Object.fromEntries(url.searchParams)
    let body: unknown = undefined
    if (raw) {
      if (contentType.startsWith('application/json')) {
        try {
          body = JSON.parse(raw)
        } catch {
          body = raw
        }
      } else body = raw
    }
    this.seen.push({ method, path: url.pathname, query, body, contentType })
    try {
      const answer = this.route(req, method, url, query, body, raw, contentType)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer))
    } catch (error) {
      const e =
        error instanceof Reject
          ? error
          : new Reject(500, 'INTERNAL_ERROR', String(error))
      const newer = this.options.newerErrorCodes
      if (newer && e.code === 'RESOURCE_DOES_NOT_EXIST') {
        Object.assign(e, { code: 'NOT_FOUND' })
      }
      if (newer && e.code === 'RESOURCE_ALREADY_EXISTS') {
        Object.assign(e, { code: 'ALREADY_EXISTS', status: 409 })
      }
      if (e.code === 'BAD_REQUEST_SHAPE') {
        this.rejected.push(
          `${method} ${url.pathname}${url.search}: ${e.message}`
        )
      }
      res.writeHead(e.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error_code: e.code, message: e.message }))
    }
  }

  private route(
    req: IncomingMessage,
    method: string,
    url: URL,
    query: Record<string, string>,
    body: unknown,
    raw: string,
    contentType: string
  ): unknown {
    const path = url.pathname
    if (path === '/_github/idtoken') return this.githubIdToken(req, query)
    if (path === '/oidc/v1/token') {
      return this.token(req, method, raw, contentType)
    }
    if (path === '/oidc/.well-known/oauth-authorization-server') {
      expectShape(method === 'GET', 'discovery is a GET')
      return {
        authorization_endpoint: `${this.url}/oidc/v1/authorize`,
        token_endpoint: `${this.url}/oidc/v1/token`
      }
    }
    if (
      path === '/.well-known/databricks-config' &&
      this.options.hostMetadata
    ) {
      expectShape(method === 'GET', 'host metadata is a GET')
      return {
        oidc_endpoint: `${this.url}/oidc`,
        workspace_id: '1234567890',
        account_id: this.options.federationAudience,
        token_federation_default_oidc_audiences: [
          this.options.federationAudience
        ]
      }
    }
    if (!path.startsWith('/api/')) {
      throw new Reject(
        404,
        'ENDPOINT_NOT_FOUND',
        `No API found for '${method} ${path}'`
      )
    }
    this.authenticate(req)
    if (path.startsWith(PUBLIC)) {
      return this.publicApi(method, path.slice(PUBLIC.length), query, body)
    }
    if (path.startsWith(MLFLOW_UC)) {
      return this.mlflowUc(method, path.slice(MLFLOW_UC.length), query, body)
    }
    throw new Reject(
      404,
      'ENDPOINT_NOT_FOUND',
      `No API found for '${method} ${path}'`
    )
  }

  // --- auth --------------------------------------------------------------------

  private authenticate(req: IncomingMessage): void {
    const header = String(req.headers.authorization ?? '')
    const token = /^Bearer (.+)$/.exec(header)?.[1]
    if (!token) {
      throw new Reject(
        401,
        'UNAUTHENTICATED',
        'Credential was not sent or was of an unsupported type for this API.'
      )
    }
    if (this.options.pats.includes(token)) return
    const issued = this.issued.find((t) => t.token === token)
    if (issued && issued.expiresAt > Date.now()) return
    throw new Reject(
      401,
      'UNAUTHENTICATED',
      issued ? 'Token expired.' : 'Invalid access token.'
    )
  }

  private githubIdToken(
    req: IncomingMessage,
    query: Record<string, string>
  ): unknown {
    const want = `Bearer ${this.options.githubRequestToken}`
    if (
      !this.options.githubRequestToken ||
      req.headers.authorization !== want
    ) {
      throw new Reject(401, 'UNAUTHENTICATED', 'bad runtime token')
    }
    expectShape(
      query['api-version'] === '2.0' && !!query.audience,
      'id token query'
    )
    const value = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify({ aud: query.audience, iss: 'https://token.actions.githubusercontent.com' })).toString('base64url')}.${randomBytes(16).toString('hex')}`
    this.idTokens.set(value, query.audience)
    return { value, count: 1 }
  }

  private token(
    req: IncomingMessage,
    method: string,
    raw: string,
    contentType: string
  ): unknown {
    expectShape(method === 'POST', 'the token endpoint takes POST')
    expectShape(
      contentType.startsWith('application/x-www-form-urlencoded'),
      'the token request is a form'
    )
    const form = Object.fromEntries(new URLSearchParams(raw))
    const lifetime = this.options.tokenLifetimeSeconds
    const issue = (kind: string) => {
      const token = `dbx-oauth-${randomBytes(12).toString('hex')}`
      this.issued.push({ token, kind, expiresAt: Date.now() + lifetime * 1000 })
      return {
        access_token: token,
        token_type: 'Bearer',
        expires_in: lifetime,
        scope: 'all-apis'
      }
    }
    if (form.grant_type === 'client_credentials') {
      expectKeys(form, ['grant_type', 'scope'], [])
      expectShape(form.scope === 'all-apis', 'scope all-apis')
      const basic = /^Basic (.+)$/.exec(
        String(req.headers.authorization ?? '')
      )?.[1]
      const [id, secret] = Buffer.from(basic ?? '', 'base64')
        .toString()
        .split(':')
      const client = this.options.clients.find((c) => c.id === id)
      if (!client || client.secret !== secret) {
        throw new Reject(401, 'invalid_client', 'Client authentication failed')
      }
      return issue('oauth-m2m')
    }
    if (form.grant_type === 'urn:ietf:params:oauth:grant-type:token-exchange') {
      expectKeys(
        form,
        [
          'grant_type',
          'subject_token',
          'subject_token_type',
          'scope',
          'client_id'
        ],
        []
      )
      expectShape(
        form.subject_token_type === 'urn:ietf:params:oauth:token-type:jwt',
        'jwt subject'
      )
      expectShape(form.scope === 'all-apis', 'scope all-apis')
      const audience = this.idTokens.get(form.subject_token)
      if (
        audience === undefined ||
        audience !== this.options.federationAudience ||
        !this.options.clients.some((c) => c.id === form.client_id)
      ) {
        throw new Reject(
          401,
          'invalid_request',
          'Token exchange failed: no federation policy matches the token'
        )
      }
      return issue('github-oidc')
    }
    throw new Reject(400, 'BAD_REQUEST_SHAPE', `grant_type ${form.grant_type}`)
  }

  // --- Unity Catalog's public API (databricks-sdk's calls) ------------------------

  private publicApi(
    method: string,
    rest: string,
    query: Record<string, string>,
    body: unknown
  ): unknown {
    const parts = rest.split('/').map(decodeURIComponent)
    const name = parts[0]
    const model = this.model(name)
    const includeAliases = (allowed: boolean) => {
      expectKeys(query, [], allowed ? ['include_aliases'] : [])
      const value = query.include_aliases
      expectShape(
        value === undefined || value === 'true' || value === 'false',
        `include_aliases=${value}`
      )
      return value === 'true'
    }
    if (parts.length === 1 && method === 'GET') {
      expectShape(body === undefined, 'a GET has no body')
      return this.publicModel(name, model, includeAliases(true))
    }
    if (parts.length === 3 && parts[1] === 'aliases') {
      const alias = parts[2]
      if (method === 'GET') {
        expectShape(body === undefined, 'a GET has no body')
        const with_ = includeAliases(true)
        const version = model.aliases.get(alias)
        if (version === undefined) {
          throw new Reject(
            404,
            'RESOURCE_DOES_NOT_EXIST',
            `Alias ${alias} does not exist on model ${name}.`
          )
        }
        return this.publicVersion(name, model, version, with_)
      }
      if (
        (method === 'PUT' || method === 'DELETE') &&
        this.options.noManageOn.includes(name)
      ) {
        throw new Reject(
          403,
          'PERMISSION_DENIED',
          `User does not have MANAGE on Registered Model '${name}'.`
        )
      }
      if (method === 'PUT') {
        includeAliases(false)
        expectBody(body, ['version_num'], [])
        const versionNum = (body as { version_num: unknown }).version_num
        expectShape(Number.isInteger(versionNum), 'version_num is an integer')
        const version = String(versionNum)
        if (!model.versions.has(version)) {
          throw new Reject(
            404,
            'RESOURCE_DOES_NOT_EXIST',
            `Model version ${name}/${version} does not exist.`
          )
        }
        model.aliases.set(alias, version)
        const [catalog, schema, modelName] = name.split('.')
        return {
          alias_name: alias,
          version_num: Number(version),
          catalog_name: catalog,
          schema_name: schema,
          model_name: modelName
        }
      }
      if (method === 'DELETE') {
        includeAliases(false)
        expectShape(body === undefined, 'this DELETE has no body')
        if (!model.aliases.delete(alias)) {
          throw new Reject(
            404,
            'RESOURCE_DOES_NOT_EXIST',
            `Alias ${alias} does not exist on model ${name}.`
          )
        }
        return {}
      }
    }
    if (parts.length === 3 && parts[1] === 'versions' && method === 'GET') {
      expectShape(body === undefined, 'a GET has no body')
      const with_ = includeAliases(true)
      if (!model.versions.has(parts[2])) {
        throw new Reject(
          404,
          'RESOURCE_DOES_NOT_EXIST',
          `Model version ${name}/${parts[2]} does not exist.`
        )
      }
      return this.publicVersion(name, model, parts[2], with_)
    }
    throw new Reject(
      400,
      'BAD_REQUEST_SHAPE',
      `no public call ${method} ${rest}`
    )
  }

  private publicModel(
    name: string,
    model: Model,
    withAliases: boolean
  ): unknown {
    const [catalog, schema, short] = name.split('.')
    return {
      full_name: name,
      catalog_name: catalog,
      schema_name: schema,
      name: short,
      owner: 'champion-gate-sp',
      comment: model.description || undefined,
      created_at: model.created,
      updated_at: model.created,
      ...(withAliases
        ? {
            aliases: [...model.aliases].map(([alias, version]) => ({
              alias_name: alias,
              version_num: Number(version),
              catalog_name: catalog,
              schema_name: schema,
              model_name: short
            }))
          }
        : {})
    }
  }

  private publicVersion(
    name: string,
    model: Model,
    version: string,
    withAliases: boolean
  ): unknown {
    const [catalog, schema, short] = name.split('.')
    const v = model.versions.get(version)!
    return {
      catalog_name: catalog,
      schema_name: schema,
      model_name: short,
      version: Number(version),
      status: 'READY',
      source: v.source,
      run_id: v.runId,
      created_at: v.created,
      ...(withAliases
        ? {
            aliases: [...model.aliases]
              .filter(([, to]) => to === version)
              .map(([alias]) => ({
                alias_name: alias,
                version_num: Number(version)
              }))
          }
        : {})
    }
  }

  // --- MLflow's UC endpoints (mlflow's databricks-uc client) ------------------------

  private mlflowUc(
    method: string,
    endpoint: string,
    query: Record<string, string>,
    body: unknown
  ): unknown {
    const get = (keys: string[]) => {
      expectShape(
        method === 'GET' && body === undefined,
        `${endpoint} is a GET without body`
      )
      expectKeys(query, keys, [])
      return query
    }
    const json = (required: string[], optional: string[] = []) => {
      expectKeys(query, [], [])
      expectBody(body, required, optional)
      return body as Record<string, unknown>
    }
    const call = `${method} ${endpoint}`
    switch (call) {
      case 'POST registered-models/create': {
        const b = json(['name'], ['tags', 'description'])
        const name = String(b.name)
        expectShape(name.split('.').length === 3, 'a three-level name')
        const schema = name.split('.').slice(0, 2).join('.')
        if (this.options.noCreateModelIn.includes(schema)) {
          throw new Reject(
            403,
            'PERMISSION_DENIED',
            `User does not have CREATE MODEL on Schema '${schema}'.`
          )
        }
        if (this.models.has(name)) {
          throw new Reject(
            400,
            'RESOURCE_ALREADY_EXISTS',
            `Registered model '${name}' already exists.`
          )
        }
        const model = this.newModel(
          typeof b.description === 'string' ? b.description : ''
        )
        for (const tag of (b.tags as
          { key: string; value?: string }[] | undefined) ?? []) {
          expectKeys(tag, ['key'], ['value'])
          model.tags.set(tag.key, tag.value ?? '')
        }
        this.models.set(name, model)
        return { registered_model: this.ucModel(name, model) }
      }
      case 'GET registered-models/get': {
        const { name } = get(['name'])
        return { registered_model: this.ucModel(name, this.model(name)) }
      }
      case 'DELETE registered-models/delete': {
        const name = String(json(['name']).name)
        this.model(name)
        this.models.delete(name)
        return {}
      }
      case 'GET model-versions/get': {
        const { name, version } = get(['name', 'version'])
        return {
          model_version: this.ucVersion(name, this.model(name), version)
        }
      }
      case 'POST model-versions/set-tag': {
        const b = json(['name', 'version', 'key', 'value'])
        this.version(String(b.name), String(b.version)).tags.set(
          String(b.key),
          String(b.value)
        )
        return {}
      }
      case 'DELETE model-versions/delete-tag': {
        const b = json(['name', 'version', 'key'])
        const tags = this.version(String(b.name), String(b.version)).tags
        if (!tags.delete(String(b.key))) {
          throw new Reject(
            404,
            'RESOURCE_DOES_NOT_EXIST',
            `Tag ${String(b.key)} does not exist.`
          )
        }
        return {}
      }
      case 'POST registered-models/alias': {
        const b = json(['name', 'alias', 'version'])
        this.version(String(b.name), String(b.version))
        this.model(String(b.name)).aliases.set(
          String(b.alias),
          String(b.version)
        )
        return {}
      }
      case 'GET registered-models/alias': {
        const { name, alias } = get(['name', 'alias'])
        const model = this.model(name)
        const version = model.aliases.get(alias)
        if (version === undefined) {
          throw new Reject(
            404,
            'RESOURCE_DOES_NOT_EXIST',
            `Alias ${alias} does not exist on model ${name}.`
          )
        }
        return { model_version: this.ucVersion(name, model, version) }
      }
      case 'DELETE registered-models/alias': {
        const b = json(['name', 'alias'])
        if (!this.model(String(b.name)).aliases.delete(String(b.alias))) {
          throw new Reject(
            404,
            'RESOURCE_DOES_NOT_EXIST',
            `Alias does not exist.`
          )
        }
        return {}
      }
    }
    throw new Reject(400, 'BAD_REQUEST_SHAPE', `no MLflow UC call ${call}`)
  }

  private ucModel(name: string, model: Model): unknown {
    return {
      name,
      creation_timestamp: model.created,
      last_updated_timestamp: model.created,
      description: model.description || undefined,
      aliases: [...model.aliases].map(([alias, version]) => ({
        alias,
        version
      })),
      tags: [...model.tags].map(([key, value]) => ({ key, value }))
    }
  }

  private ucVersion(name: string, model: Model, version: string): unknown {
    const v = model.versions.get(version)
    if (!v) {
      throw new Reject(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Model version ${name}/${version} does not exist.`
      )
    }
    return {
      name,
      version,
      creation_timestamp: v.created,
      last_updated_timestamp: v.created,
      status: 'READY',
      source: v.source,
      run_id: v.runId,
      aliases: [...model.aliases]
        .filter(([, to]) => to === version)
        .map(([alias]) => ({ alias, version })),
      tags: [...v.tags].map(([key, value]) => ({ key, value }))
    }
  }

  private model(name: string): Model {
    const model = this.models.get(name)
    if (!model) {
      throw new Reject(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Registered model '${name}' does not exist.`
      )
    }
    return model
  }

  private version(name: string, version: string): Version {
    const v = this.model(name).versions.get(version)
    if (!v) {
      throw new Reject(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Model version ${name}/${version} does not exist.`
      )
    }
    return v
  }
}

function expectShape(ok: boolean, what: string): void {
  if (!ok)
    throw new Reject(400, 'BAD_REQUEST_SHAPE', `unexpected request: ${what}`)
}

function expectKeys(
  object: Record<string, unknown>,
  required: string[],
  optional: string[]
): void {
  for (const key of required) expectShape(key in object, `missing '${key}'`)
  for (const key of Object.keys(object)) {
    expectShape(
      required.includes(key) || optional.includes(key),
      `unexpected '${key}'`
    )
  }
}

function expectBody(
  body: unknown,
  required: string[],
  optional: string[]
): void {
  expectShape(
    typeof body === 'object' && body !== null && !Array.isArray(body),
    'a JSON object body'
  )
  expectKeys(body as Record<string, unknown>, required, optional)
}
