/**
 * Which registry a run talks to, and how it authenticates to Databricks.
 *
 * Registry selection follows MLflow 3: input `registry-uri`, else
 * `MLFLOW_REGISTRY_URI`; when both are empty and the tracking URI is
 * `databricks` or `databricks://<profile>`, the registry is Unity Catalog
 * (MLflow 3 made `databricks-uc` the default there). `databricks-uc` (or
 * `databricks-uc://<profile>`) selects Unity Catalog explicitly;
 * `databricks` as the registry URI selects the legacy workspace registry.
 * Profiles in ~/.databrickscfg are not read: the host and credentials come
 * from the environment, as in CI.
 *
 * Authentication as Databricks documents it (and databricks-sdk 0.167
 * implements it): a personal access token (DATABRICKS_TOKEN); OAuth M2M for
 * a service principal (DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET,
 * `client_credentials` at `<host>/oidc/v1/token` with Basic client auth and
 * scope `all-apis`); GitHub OIDC workload identity federation
 * (DATABRICKS_CLIENT_ID and the job's `id-token: write`: GitHub's ID token
 * is exchanged at the same endpoint with RFC 8693 token exchange). The
 * resolution is pure; `DatabricksTokenSource` does the token requests.
 */
import { UserError, InputError } from '../errors.js'
import { HttpTransport, type HttpTransportOptions } from './http-transport.js'
import { parseHttpUrl } from './tracking-connection.js'
import { splitUserinfo } from './tracking-uri.js'

/** The registry a run talks to. */
export type RegistrySelection =
  /** MLflow's REST dialect at the tracking URI (OSS server or legacy workspace registry). */
  | { kind: 'mlflow'; trackingUri: string | undefined }
  /** Unity Catalog at DATABRICKS_HOST. */
  | { kind: 'unity-catalog'; origin: string }

/** `databricks`, `databricks://<profile>` (userinfo cut first: a password may hold '/'). */
function isScheme(uri: string, scheme: string): boolean {
  const { scheme: given, rest } = splitUserinfo(uri)
  if (!given) return uri.toLowerCase() === scheme
  return given.toLowerCase() === `${scheme}://` && !rest.includes('/')
}

/**
 * Picks the registry from `registry-uri` (or MLFLOW_REGISTRY_URI) and the
 * tracking URI (or MLFLOW_TRACKING_URI), as MLflow 3 does. Pure.
 */
export function selectRegistry(
  inputs: { registryUri?: string; trackingUri?: string },
  env: Record<string, string | undefined>
): RegistrySelection {
  const given = (value: string | undefined): string | undefined =>
    value?.trim() ? value.trim() : undefined
  const fromInput = given(inputs.registryUri)
  const registryUri = fromInput ?? given(env.MLFLOW_REGISTRY_URI)
  const trackingUri =
    given(inputs.trackingUri) ?? given(env.MLFLOW_TRACKING_URI)
  const origin = fromInput ? "input 'registry-uri'" : 'MLFLOW_REGISTRY_URI'
  if (registryUri === undefined) {
    if (trackingUri && isScheme(trackingUri, 'databricks')) {
      return {
        kind: 'unity-catalog',
        origin:
          "tracking URI 'databricks', whose default registry is Unity Catalog since MLflow 3"
      }
    }
    return { kind: 'mlflow', trackingUri }
  }
  if (isScheme(registryUri, 'databricks-uc')) {
    return { kind: 'unity-catalog', origin: `${origin} 'databricks-uc'` }
  }
  // The legacy workspace registry: MLflow's dialect against DATABRICKS_HOST.
  if (isScheme(registryUri, 'databricks')) {
    return { kind: 'mlflow', trackingUri: registryUri }
  }
  if (/^https?:\/\//i.test(registryUri)) {
    return { kind: 'mlflow', trackingUri: registryUri }
  }
  throw new InputError(
    fromInput ? 'registry-uri' : 'tracking-uri',
    `'${splitUserinfo(registryUri).rest}' (${origin}) is not a registry this action speaks: use 'databricks-uc' (Unity Catalog), 'databricks' (the legacy workspace registry) or the http(s) URL of an MLflow server.`
  )
}

/** The workspace URL from DATABRICKS_HOST, and a warning when it is plain http. */
export function databricksHost(env: Record<string, string | undefined>): {
  host: string
  warning?: string
} {
  const raw = env.DATABRICKS_HOST?.trim()
  if (!raw) {
    throw new InputError(
      'registry-uri',
      'Unity Catalog needs DATABRICKS_HOST (the workspace URL, e.g. https://adb-123.4.azuredatabricks.net) in the environment; profiles in ~/.databrickscfg are not read.'
    )
  }
  const { scheme, rest } = splitUserinfo(raw)
  const url = parseHttpUrl(`${scheme || 'https://'}${rest}`, 'registry-uri')
  const host = `${url.origin}${url.pathname.replace(/\/+$/, '')}`
  return url.protocol === 'http:'
    ? {
        host,
        warning: `DATABRICKS_HOST is ${host}, plain http: tokens travel unencrypted. That is fine for a gateway on the runner or a test server, never for a workspace across a network.`
      }
    : { host }
}

/** How to authenticate to the workspace. */
export type DatabricksAuth =
  | { kind: 'pat'; token: string }
  | { kind: 'oauth-m2m'; clientId: string; clientSecret: string }
  /** `audience` undefined: discovered as databricks-sdk does (see `federationAudience`). */
  | { kind: 'github-oidc'; clientId: string; audience: string | undefined }

/**
 * Picks the authentication from the environment, in databricks-sdk's
 * order (a PAT, then M2M, then GitHub OIDC) unless DATABRICKS_AUTH_TYPE
 * names one. `token` is input 'tracking-token' (a PAT). Pure.
 */
export function resolveDatabricksAuth(
  token: string | undefined,
  env: Record<string, string | undefined>
): DatabricksAuth {
  const given = (value: string | undefined): string | undefined =>
    value?.trim() ? value.trim() : undefined
  const pat = given(token) ?? given(env.DATABRICKS_TOKEN)
  const clientId = given(env.DATABRICKS_CLIENT_ID)
  const clientSecret = given(env.DATABRICKS_CLIENT_SECRET)
  const oidcAvailable = Boolean(
    env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  )
  const type = given(env.DATABRICKS_AUTH_TYPE)?.toLowerCase()
  const audience = given(env.DATABRICKS_TOKEN_AUDIENCE)
  const none =
    'set DATABRICKS_TOKEN (a personal access token), DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET (OAuth for a service principal), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (GitHub OIDC workload identity federation)'
  if (type === 'pat' || (type === undefined && pat)) {
    if (!pat) {
      throw new InputError(
        'tracking-token',
        'DATABRICKS_AUTH_TYPE is pat but no token is set: set DATABRICKS_TOKEN or the input.'
      )
    }
    return { kind: 'pat', token: pat }
  }
  if (
    type === 'oauth-m2m' ||
    (type === undefined && clientId && clientSecret)
  ) {
    if (!clientId || !clientSecret) {
      throw new InputError(
        'registry-uri',
        "DATABRICKS_AUTH_TYPE is oauth-m2m: set both DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (the service principal's OAuth secret)."
      )
    }
    return { kind: 'oauth-m2m', clientId, clientSecret }
  }
  if (type === 'github-oidc' || (type === undefined && clientId)) {
    if (!clientId) {
      throw new InputError(
        'registry-uri',
        "GitHub OIDC federation needs DATABRICKS_CLIENT_ID: the service principal's application ID named in its federation policy."
      )
    }
    if (!oidcAvailable) {
      throw new InputError(
        'registry-uri',
        "GitHub OIDC federation needs the job's ID token: add `permissions: id-token: write` to the job (ACTIONS_ID_TOKEN_REQUEST_URL is not set), or " +
          none.replace(/, or DATABRICKS_CLIENT_ID.*$/, '') +
          '.'
      )
    }
    return { kind: 'github-oidc', clientId, audience }
  }
  if (type !== undefined) {
    throw new InputError(
      'registry-uri',
      `DATABRICKS_AUTH_TYPE '${type}' is not one this action speaks (pat, oauth-m2m, github-oidc).`
    )
  }
  throw new InputError('registry-uri', `no Databricks credentials: ${none}.`)
}

/** A token the source holds, and when it stops being good. */
interface HeldToken {
  value: string
  expiresAtMs: number
}

/** What the token source needs from the shell. */
export interface TokenSourceOptions extends Omit<
  HttpTransportOptions,
  'trackingUri' | 'auth' | 'bearer'
> {
  /** GitHub's ID token for an audience (`core.getIDToken`). */
  getIdToken?: (audience: string) => Promise<string>
  /** Masks each token as soon as it is known (`core.setSecret`). */
  mask?: (secret: string) => void
  now?: () => number
}

/**
 * A bearer token for the workspace: the PAT as it is, or an OAuth token
 * fetched when first needed and fetched again before it expires (the last
 * minute of its life, or its last fifth when it is short-lived).
 */
export class DatabricksTokenSource {
  readonly auth: DatabricksAuth
  private readonly transport: HttpTransport
  private readonly options: TokenSourceOptions
  private held: HeldToken | undefined
  private pending: Promise<HeldToken> | undefined

  constructor(host: string, auth: DatabricksAuth, options: TokenSourceOptions) {
    this.auth = auth
    this.options = options
    this.transport = new HttpTransport(
      {
        ...options,
        trackingUri: host,
        // M2M: the client authenticates with Basic, as the SDK's use_header.
        auth:
          auth.kind === 'oauth-m2m'
            ? {
                kind: 'basic',
                username: auth.clientId,
                password: auth.clientSecret
              }
            : undefined
      },
      'Databricks OAuth'
    )
  }

  /** The token to send now. */
  async token(): Promise<string> {
    if (this.auth.kind === 'pat') return this.auth.token
    const now = (this.options.now ?? Date.now)()
    if (this.held && now < this.held.expiresAtMs) return this.held.value
    // One request at a time, however many calls wait for it.
    this.pending ??= this.fetch().finally(() => (this.pending = undefined))
    this.held = await this.pending
    return this.held.value
  }

  /**
   * The audience to ask GitHub for, as databricks-sdk 0.167 picks it when
   * DATABRICKS_TOKEN_AUDIENCE is unset: the first of the workspace's
   * `token_federation_default_oidc_audiences` from
   * `<host>/.well-known/databricks-config`, else the token endpoint URL.
   * Best effort, like the SDK's: any failure falls back.
   */
  private async defaultAudience(): Promise<string> {
    const fallback = `${this.transport.baseUrl}/oidc/v1/token`
    try {
      const outcome = await this.transport.exchange({
        method: 'GET',
        path: '/.well-known/databricks-config',
        safeToRepeat: true
      })
      if (outcome.kind !== 'answer' || outcome.status !== 200) return fallback
      const audiences = (
        JSON.parse(outcome.text) as {
          token_federation_default_oidc_audiences?: unknown
        }
      ).token_federation_default_oidc_audiences
      return Array.isArray(audiences) && typeof audiences[0] === 'string'
        ? audiences[0]
        : fallback
    } catch {
      return fallback
    }
  }

  /** The token held now, if any and still good (for a child process). */
  current(): string | undefined {
    if (this.auth.kind === 'pat') return this.auth.token
    const now = (this.options.now ?? Date.now)()
    return this.held && now < this.held.expiresAtMs
      ? this.held.value
      : undefined
  }

  private async fetch(): Promise<HeldToken> {
    const auth = this.auth
    let form: Record<string, string>
    let audience = ''
    if (auth.kind === 'oauth-m2m') {
      form = { grant_type: 'client_credentials', scope: 'all-apis' }
    } else if (auth.kind === 'github-oidc') {
      if (!this.options.getIdToken) {
        throw new UserError('GitHub OIDC federation needs the runner.')
      }
      audience = auth.audience ?? (await this.defaultAudience())
      let idToken: string
      try {
        idToken = await this.options.getIdToken(audience)
      } catch (error) {
        throw new UserError(
          `Could not get GitHub's ID token (audience ${audience}): ${error instanceof Error ? error.message : String(error)}. The job needs \`permissions: id-token: write\`.`,
          { cause: error }
        )
      }
      this.options.mask?.(idToken)
      // The body databricks-sdk sends (use_params: the client ID in the form, no secret).
      form = {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: idToken,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        scope: 'all-apis',
        client_id: auth.clientId
      }
    } else {
      throw new UserError('a personal access token is not fetched')
    }
    const path = '/oidc/v1/token'
    const outcome = await this.transport.exchange({
      method: 'POST',
      path,
      form,
      // Asking for a token twice gives two tokens, both good.
      safeToRepeat: true
    })
    const what =
      auth.kind === 'oauth-m2m'
        ? `the OAuth secret of service principal ${auth.clientId} (DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET)`
        : `GitHub's ID token for service principal ${auth.clientId} (audience ${audience}): check the service principal's federation policy (issuer https://token.actions.githubusercontent.com, subject, audience; DATABRICKS_TOKEN_AUDIENCE sets the audience asked for)`
    if (outcome.kind === 'failure') {
      throw new UserError(
        this.transport.failureMessage(outcome, `POST ${path}`),
        { cause: outcome.error }
      )
    }
    let body: Record<string, unknown> = {}
    try {
      body = JSON.parse(outcome.text) as Record<string, unknown>
    } catch {
      // Reported below as a refusal or an answer not understood.
    }
    if (outcome.status >= 300) {
      const reason = [body.error, body.error_description]
        .filter((part) => typeof part === 'string')
        .join(': ')
      throw new UserError(
        `The workspace's token endpoint refused ${what} (HTTP ${outcome.status}${reason ? ` ${reason}` : ''}).`
      )
    }
    const token = body.access_token
    const expiresIn = Number(body.expires_in)
    if (typeof token !== 'string' || !token || !Number.isFinite(expiresIn)) {
      throw new UserError(
        `The workspace's token endpoint answered POST ${path} without an access_token and expires_in.`
      )
    }
    this.options.mask?.(token)
    const lifetimeMs = expiresIn * 1000
    const now = (this.options.now ?? Date.now)()
    return {
      value: token,
      expiresAtMs: now + lifetimeMs - Math.min(60_000, lifetimeMs / 5)
    }
  }
}
