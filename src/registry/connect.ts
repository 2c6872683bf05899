/**
 * Builds the registry client from the inputs and the environment, with
 * every credential masked first. The one place the shell meets MLflow's
 * connection conventions, and where the registry's dialect is chosen
 * (MLflow's REST API, or Unity Catalog's: src/registry/databricks-connection.ts):
 * the modes get a `Registry` and never learn which.
 */

import * as core from '@actions/core'
import type { Inputs } from '../inputs.js'
import { VERSION } from '../version.js'
import {
  createDispatcher,
  describeNetwork,
  networkSettings
} from './dispatcher.js'
import { InputError } from '../errors.js'
import { basicHeaderValue, uriSecrets } from './tracking-uri.js'
import {
  databricksHost,
  DatabricksTokenSource,
  resolveDatabricksAuth,
  selectRegistry
} from './databricks-connection.js'
import { MlflowClient } from './mlflow-client.js'
import {
  MLFLOW_LOCK_NAMING,
  UNITY_CATALOG_LOCK_NAMING,
  type LockClient,
  type LockNaming
} from './promotion-lock.js'
import {
  catalogExplorerUrl,
  checkUnityCatalogName,
  UnityCatalogClient
} from './unity-catalog-client.js'
import {
  displayTrackingUri,
  modelVersionUrl,
  resolveTrackingConnection,
  type TrackingConnection
} from './tracking-connection.js'

/**
 * What the modes ask of a registry, whichever dialect answers: MLflow's
 * client has all of it; Unity Catalog's refuses register-on-pass (the
 * last four) with an error saying to register in the training step.
 */
export type RegistryClient = Pick<
  MlflowClient,
  | 'baseUrl'
  | 'getRegisteredModel'
  | 'createRegisteredModel'
  | 'getModelVersion'
  | 'getModelVersionByAlias'
  | 'setAlias'
  | 'deleteAlias'
  | 'setModelVersionTag'
  | 'deleteModelVersionTag'
  | 'resolveModelSource'
  | 'createModelVersion'
  | 'waitForModelVersionReady'
  | 'searchModelVersions'
>

export interface Registry {
  readonly client: RegistryClient
  /** Where the promotion lock lives and how it is named (src/registry/promotion-lock.ts). */
  readonly lock: { client: LockClient; naming: LockNaming }
  readonly connection: TrackingConnection
  /** The tracking URI fit to print (no credentials). */
  readonly shownUri: string
  /** The page of a model version: MLflow's UI, or Unity Catalog's Catalog Explorer. */
  versionUrl(name: string, version: string): string
  /** The environment a scoring command needs to reach the same registry. */
  scoringEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv
}

export function connectRegistry(
  inputs: Inputs,
  env: NodeJS.ProcessEnv
): Registry {
  const selected = selectRegistry(
    {
      registryUri: inputs['registry-uri'],
      trackingUri: inputs['tracking-uri']
    },
    env
  )
  if (selected.kind === 'unity-catalog') {
    return connectUnityCatalog(inputs, env, selected.origin)
  }
  const connection = resolveTrackingConnection(
    {
      trackingUri: selected.trackingUri,
      token: inputs['tracking-token'],
      username: inputs['tracking-username'],
      password: inputs['tracking-password']
    },
    env
  )
  const network = networkSettings(env)
  for (const secret of [...connection.secrets, ...network.secrets]) {
    core.setSecret(secret)
  }
  for (const warning of network.warnings) core.warning(warning)
  const described = describeNetwork(network, connection.trackingUri)
  if (described.length > 0) core.info(`Network: ${described.join('; ')}.`)
  const client = new MlflowClient({
    trackingUri: connection.trackingUri,
    auth: connection.auth,
    userAgent: `champion-gate/${VERSION}`,
    timeoutMs: inputs['request-timeout-seconds'] * 1000,
    maxAttempts: inputs['retry-max-attempts'],
    maxRetryMs: inputs['retry-max-seconds'] * 1000,
    dispatcher: createDispatcher(network, connection.trackingUri),
    log: (message) => core.info(message)
  })
  return {
    client,
    lock: { client, naming: MLFLOW_LOCK_NAMING },
    connection,
    shownUri: displayTrackingUri(connection.trackingUri),
    versionUrl: (name, version) =>
      modelVersionUrl(connection.trackingUri, name, version),
    scoringEnvironment: (env) => scoringEnvironment(connection, env)
  }
}

/**
 * Unity Catalog at DATABRICKS_HOST, with a PAT, OAuth M2M or GitHub OIDC
 * federation (every token masked as soon as it is known).
 */
function connectUnityCatalog(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  origin: string
): Registry {
  const name = inputs['model-name']
  if (name) checkUnityCatalogName(name)
  if (inputs.mode === 'gate' && inputs['candidate-model-uri']) {
    throw new InputError(
      'candidate-model-uri',
      `cannot be registered on Unity Catalog (the registry, from ${origin}): registering there uploads the model's artifacts with temporary cloud credentials and finalizes the version, which MLflow's client does and this action does not. Register the model in the training step (mlflow.register_model, or log_model with registered_model_name), then give candidate-version or candidate-alias.`
    )
  }
  for (const secret of [
    inputs['tracking-token'],
    env.DATABRICKS_TOKEN,
    env.DATABRICKS_CLIENT_SECRET,
    ...uriSecrets(env.DATABRICKS_HOST),
    ...uriSecrets(inputs['registry-uri']),
    ...uriSecrets(env.MLFLOW_REGISTRY_URI),
    ...uriSecrets(inputs['tracking-uri'])
  ]) {
    if (secret?.trim()) core.setSecret(secret.trim())
  }
  const { host, warning } = databricksHost(env)
  if (warning) core.warning(warning)
  const auth = resolveDatabricksAuth(inputs['tracking-token'], env)
  // M2M sends the secret as Basic auth: mask that form too.
  if (auth.kind === 'oauth-m2m') {
    core.setSecret(basicHeaderValue(auth.clientId, auth.clientSecret))
  }
  const network = networkSettings(env)
  for (const secret of network.secrets) core.setSecret(secret)
  for (const message of network.warnings) core.warning(message)
  const transport = {
    userAgent: `champion-gate/${VERSION}`,
    timeoutMs: inputs['request-timeout-seconds'] * 1000,
    maxAttempts: inputs['retry-max-attempts'],
    maxRetryMs: inputs['retry-max-seconds'] * 1000,
    dispatcher: createDispatcher(network, host),
    log: (message: string) => core.info(message)
  }
  const tokens = new DatabricksTokenSource(host, auth, {
    ...transport,
    getIdToken: (audience) => core.getIDToken(audience),
    mask: (secret) => core.setSecret(secret)
  })
  core.info(
    `Registry: Unity Catalog at ${host} (from ${origin}), authenticated by ${auth.kind === 'pat' ? 'a personal access token' : auth.kind === 'oauth-m2m' ? `OAuth M2M as ${auth.clientId}` : `GitHub OIDC federation as ${auth.clientId}`}.`
  )
  const client = new UnityCatalogClient({
    ...transport,
    trackingUri: host,
    bearer: () => tokens.token()
  })
  return {
    client,
    lock: { client: client.lockClient(), naming: UNITY_CATALOG_LOCK_NAMING },
    connection: { trackingUri: host, auth: undefined, secrets: [] },
    shownUri: host,
    versionUrl: (model, version) => catalogExplorerUrl(host, model, version),
    scoringEnvironment: (childEnv) => {
      // MLflow in the scoring command reads `models:/main.fraud.detector/2`
      // from Unity Catalog with the same workspace and token.
      const child: NodeJS.ProcessEnv = {
        ...childEnv,
        MLFLOW_TRACKING_URI: 'databricks',
        MLFLOW_REGISTRY_URI: 'databricks-uc',
        DATABRICKS_HOST: host
      }
      // The scorer gets the token this run holds, not the way to mint one:
      // with federation it could not (the ID-token variables are not passed
      // to scorers), and with M2M it needs no long-lived secret. The token
      // is good for its lifetime (an hour, typically), longer than a scorer.
      const token = tokens.current()
      if (token) {
        child.DATABRICKS_TOKEN = token
        child.DATABRICKS_AUTH_TYPE = 'pat'
        delete child.DATABRICKS_CLIENT_SECRET
        delete child.DATABRICKS_CLIENT_ID
      }
      return child
    }
  }
}

/** MLFLOW_TRACKING_* for a child process, so it reaches the same registry. */
function scoringEnvironment(
  connection: TrackingConnection,
  env: NodeJS.ProcessEnv
): NodeJS.ProcessEnv {
  const auth = connection.auth
  const child: NodeJS.ProcessEnv = {
    ...env,
    MLFLOW_TRACKING_URI: connection.trackingUri
  }
  if (auth?.kind === 'bearer') child.MLFLOW_TRACKING_TOKEN = auth.token
  if (auth?.kind === 'basic') {
    child.MLFLOW_TRACKING_USERNAME = auth.username
    child.MLFLOW_TRACKING_PASSWORD = auth.password
  }
  return child
}
