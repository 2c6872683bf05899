/**
 * Builds the registry client from the inputs and the environment, with
 * every credential masked first. The one place the shell meets MLflow's
 * connection conventions.
 */

import * as core from '@actions/core'
import type { Inputs } from '../inputs.js'
import { VERSION } from '../version.js'
import {
  createDispatcher,
  describeNetwork,
  networkSettings
} from './dispatcher.js'
import { MlflowClient } from './mlflow-client.js'
import {
  displayTrackingUri,
  modelVersionUrl,
  resolveTrackingConnection,
  type TrackingConnection
} from './tracking-connection.js'

export interface Registry {
  readonly client: MlflowClient
  readonly connection: TrackingConnection
  /** The tracking URI fit to print (no credentials). */
  readonly shownUri: string
  /** The MLflow UI page of a model version. */
  versionUrl(name: string, version: string): string
  /** The environment a scoring command needs to reach the same registry. */
  scoringEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv
}

export function connectRegistry(
  inputs: Inputs,
  env: NodeJS.ProcessEnv
): Registry {
  const connection = resolveTrackingConnection(
    {
      trackingUri: inputs['tracking-uri'],
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
    connection,
    shownUri: displayTrackingUri(connection.trackingUri),
    versionUrl: (name, version) =>
      modelVersionUrl(connection.trackingUri, name, version),
    scoringEnvironment: (env) => scoringEnvironment(connection, env)
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
