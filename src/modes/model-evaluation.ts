/**
 * The read-only half of evaluate and gate: resolve the champion and the
 * candidate (from the registry when there is one), obtain both models'
 * predictions on the shared test set (files, or the scoring command per
 * model URI), and evaluate them. Writes nothing to the registry.
 */

import * as core from '@actions/core'
import { join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { UserError, InputError } from '../errors.js'
import { evaluate, type ModelIdentity } from '../evaluation/evaluate.js'
import type { Inputs } from '../inputs.js'
import type { EvaluationReport, RunInfo } from '../report/report.js'
import type { Registry } from '../registry/connect.js'
import type { ModelVersion } from '../registry/mlflow-client.js'
import {
  privateScoreDirectory,
  runScoreCommand,
  scoreArguments,
  showCommand
} from '../scoring/score-command.js'
import { evaluationRequest, requireInput } from './shared.js'
import { modelThreshold } from '../evaluation/model-thresholds.js'

/** The candidate: a registered version, or a logged model not registered yet. */
export type Candidate =
  | { readonly kind: 'version'; readonly version: ModelVersion }
  | { readonly kind: 'uri'; readonly uri: string }
  | { readonly kind: 'files' }

export interface ResolvedModels {
  readonly modelName: string
  /** False when the registered model does not exist yet (first registration). */
  readonly registered: boolean
  readonly champion?: ModelVersion
  readonly candidate: Candidate
}

/**
 * Finds the champion (by alias; none is allowed) and the candidate: an
 * explicit `candidate-version` wins, then an explicit `candidate-model-uri`,
 * then the `candidate-alias`. With `candidateFromFile` (evaluate mode with
 * candidate-predictions) a candidate missing from the registry is no error:
 * a pull request's model is usually not registered yet, and its file is
 * what gets evaluated.
 */
export async function resolveModels(
  registry: Registry,
  inputs: Inputs,
  options: { candidateFromFile?: boolean } = {}
): Promise<ResolvedModels> {
  const modelName = requireInput(
    inputs,
    'model-name',
    'the registered model whose champion alias is governed'
  )
  const { client } = registry
  const registered = (await client.getRegisteredModel(modelName)) !== undefined
  const championAlias = inputs['champion-alias']
  const champion = registered
    ? await client.getModelVersionByAlias(modelName, championAlias)
    : undefined
  if (inputs['candidate-version'] && inputs['candidate-model-uri']) {
    throw new InputError(
      'candidate-model-uri',
      "give either 'candidate-version' (a registered version) or 'candidate-model-uri' (a logged model to register on pass), not both"
    )
  }
  let candidate: Candidate
  if (inputs['candidate-version']) {
    const version = registered
      ? await client.getModelVersion(modelName, inputs['candidate-version'])
      : undefined
    if (!version) {
      throw new InputError(
        'candidate-version',
        `model '${modelName}' has no version ${inputs['candidate-version']} at ${registry.shownUri}`
      )
    }
    candidate = { kind: 'version', version }
  } else if (inputs['candidate-model-uri']) {
    candidate = { kind: 'uri', uri: inputs['candidate-model-uri'] }
  } else {
    const alias = inputs['candidate-alias']
    const version = registered
      ? await client.getModelVersionByAlias(modelName, alias)
      : undefined
    if (!version && options.candidateFromFile) {
      core.info(
        `No @${alias} on '${modelName}' at ${registry.shownUri}: the candidate is evaluated from candidate-predictions only.`
      )
    } else if (!version) {
      throw new InputError(
        'candidate-alias',
        registered
          ? `model '${modelName}' has no @${alias} alias at ${registry.shownUri}; set the alias in the training job, or give candidate-version or candidate-model-uri`
          : `there is no registered model '${modelName}' at ${registry.shownUri} yet; give candidate-model-uri (the logged model to register if it passes) or check model-name`
      )
    }
    candidate = version ? { kind: 'version', version } : { kind: 'files' }
  }
  if (
    candidate.kind === 'version' &&
    candidate.version.status &&
    candidate.version.status !== 'READY'
  ) {
    const { version: v, status, status_message: why } = candidate.version
    throw new UserError(
      status === 'FAILED_REGISTRATION'
        ? `Candidate ${modelName} v${v} is FAILED_REGISTRATION${why ? ` (${why})` : ''}: its registration failed and will not finish; register the model again (a new version) and gate that version, or give another candidate`
        : `Candidate ${modelName} v${v} is ${status}, not READY; wait for its registration to finish, then run again`
    )
  }
  core.info(
    `Champion (@${championAlias}): ${champion ? `v${champion.version}` : 'none yet'}; candidate: ${describeCandidate(candidate)}`
  )
  return { modelName, registered, champion, candidate }
}

export function describeCandidate(candidate: Candidate): string {
  switch (candidate.kind) {
    case 'version':
      return `v${candidate.version.version}`
    case 'uri':
      return `${candidate.uri} (not registered yet)`
    case 'files':
      return 'from prediction files'
  }
}

/** The URI a scoring command loads a model by. */
function modelUriOf(
  modelName: string,
  candidate: Candidate
): string | undefined {
  if (candidate.kind === 'version')
    return `models:/${modelName}/${candidate.version.version}`
  if (candidate.kind === 'uri') return candidate.uri
  return undefined
}

interface PredictionSource {
  readonly predictions: string
  readonly input: string
}

/**
 * The prediction file for each model: the given files, or the scoring
 * command's output (both models scored at once, their logs interleaved with
 * a prefix).
 */
async function obtainPredictions(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  registry: Registry | undefined,
  models: { candidate?: string; champion?: string },
  testSet: string
): Promise<{ candidate: PredictionSource; champion?: PredictionSource }> {
  const command = inputs['score-command']
  const fromFile = (
    name: 'candidate-predictions' | 'champion-predictions'
  ): PredictionSource | undefined =>
    inputs[name] ? { predictions: inputs[name], input: name } : undefined
  const jobs: { role: 'candidate' | 'champion'; modelUri: string }[] = []
  let candidate = fromFile('candidate-predictions')
  let champion = fromFile('champion-predictions')
  if (!candidate) {
    if (!command || !models.candidate) {
      throw new InputError(
        'candidate-predictions',
        "no predictions for the candidate: give 'candidate-predictions' (a file) or 'score-command' (to score the candidate's model)"
      )
    }
    jobs.push({ role: 'candidate', modelUri: models.candidate })
  }
  if (!champion && models.champion) {
    if (!command) {
      throw new InputError(
        'champion-predictions',
        `@${inputs['champion-alias']} is ${models.champion}, but there are no predictions for it: give 'champion-predictions' or 'score-command'`
      )
    }
    jobs.push({ role: 'champion', modelUri: models.champion })
  }
  if (jobs.length === 0) return { candidate: candidate!, champion }
  const directory = privateScoreDirectory(env.RUNNER_TEMP ?? tmpdir())
  const childEnv = registry ? registry.scoringEnvironment(env) : env
  const outputs = await core.group(
    `Score ${jobs.map((j) => j.role).join(' and ')} with score-command`,
    () =>
      Promise.all(
        jobs.map(async (job) => {
          const output = join(
            directory,
            `${job.role}-predictions-${Date.now()}`
          )
          const args = scoreArguments(command!, {
            modelUri: job.modelUri,
            testSet: resolve(testSet),
            output
          })
          core.info(`[${job.role}] ${showCommand(args)}`)
          await runScoreCommand({
            role: job.role,
            args,
            output,
            env: childEnv,
            log: (line) => core.info(line)
          })
          return {
            role: job.role,
            source: { predictions: output, input: 'score-command' }
          }
        })
      )
  )
  for (const { role, source } of outputs) {
    if (role === 'candidate') candidate = source
    else champion = source
  }
  return { candidate: candidate!, champion }
}

/** Evaluates the resolved models (or the given files) exactly as evaluate mode does. */
export async function evaluateModels(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  run: RunInfo,
  registry: Registry | undefined,
  models: ResolvedModels | undefined
): Promise<EvaluationReport> {
  const testSet = requireInput(
    inputs,
    'test-set',
    'the shared test set (CSV or JSON Lines)'
  )
  const modelName = models?.modelName ?? inputs['model-name']
  const candidateUri = models && modelUriOf(models.modelName, models.candidate)
  const championUri = models?.champion
    ? `models:/${models.modelName}/${models.champion.version}`
    : undefined
  const candidateVersion =
    models?.candidate.kind === 'version' ? models.candidate.version : undefined
  // A version's `threshold` tag is its default (an explicit input wins);
  // a bad tag stops the run before anything is scored.
  const candidateThreshold = modelThreshold('candidate', modelName, {
    input: inputs['candidate-threshold'],
    version: candidateVersion,
    fallback: inputs.threshold
  })
  const championThreshold = modelThreshold('champion', modelName, {
    input: inputs['champion-threshold'],
    version: models?.champion,
    fallback: inputs.threshold
  })
  if (
    !registry &&
    inputs['score-command'] &&
    !inputs['candidate-predictions']
  ) {
    throw new InputError(
      'score-command',
      'scoring a model needs the registry to name it: set tracking-uri (or MLFLOW_TRACKING_URI) and model-name, or give prediction files'
    )
  }
  const predictions = await obtainPredictions(
    inputs,
    env,
    registry,
    { candidate: candidateUri, champion: championUri },
    testSet
  )
  const identity = (
    version: ModelVersion | undefined,
    uri: string | undefined
  ): ModelIdentity => ({
    version: version?.version,
    modelUri: uri,
    url:
      version && registry && modelName
        ? registry.versionUrl(modelName, version.version)
        : undefined
  })
  return core.group(
    'Evaluate the candidate and the champion on the test set',
    async () =>
      evaluate(
        evaluationRequest(
          inputs,
          {
            modelName,
            testSet,
            candidate: {
              ...identity(candidateVersion, candidateUri),
              ...predictions.candidate,
              threshold: candidateThreshold
            },
            champion: predictions.champion
              ? {
                  ...identity(models?.champion, championUri),
                  ...predictions.champion,
                  threshold: championThreshold
                }
              : undefined,
            run
          },
          new Date()
        )
      )
  )
}
