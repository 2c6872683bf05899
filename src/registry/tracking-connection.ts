/**
 * Where the tracking server is and how to authenticate to it: the tracking
 * URI and credentials resolved from the inputs and MLflow's environment
 * variables (`resolveTrackingConnection`), and the URI made fit to print or
 * to link. Pure: the shell (src/registry/connect.ts) masks the secrets it
 * returns and builds the client from it. Credentials inside a URI are found
 * by src/registry/tracking-uri.ts before anything parses it.
 */
import { UserError, InputError } from '../errors.js'
import {
  basicHeaderValue,
  splitUserinfo,
  uriSecrets,
  userinfoCredentials
} from './tracking-uri.js'

/** Credentials for the tracking server: MLflow's bearer token or basic auth. */
export type TrackingAuth =
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string }

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
  // used as they are. Unity Catalog (`databricks-uc`) is a registry URI, not
  // a tracking URI (src/registry/databricks-connection.ts selects it).
  if (/^databricks-uc(:|$)/i.test(uri)) {
    throw new InputError(
      'tracking-uri',
      `'${shown}'${origin} is a registry URI, not a tracking URI: set registry-uri: databricks-uc (or leave it empty with tracking-uri: databricks) for Unity Catalog.`
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
 * (local stores get their own hint), else a `UserError`.
 */
export function parseHttpUrl(uri: string, input?: string, origin = ''): URL {
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
    : new UserError(`Tracking URI ${shown} ${detail}`)
}

/** Origin plus path prefix, without userinfo, query, fragment or trailing slash. */
export function baseOf(url: URL): string {
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
export function basicAuthFromUserinfo(
  userinfo: string | undefined
): Extract<TrackingAuth, { kind: 'basic' }> | undefined {
  if (!userinfo) return undefined
  return { kind: 'basic', ...userinfoCredentials(userinfo) }
}
