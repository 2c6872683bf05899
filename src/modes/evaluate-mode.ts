/**
 * `mode: evaluate`: the verdict only. Never writes to the registry: with a
 * tracking server and a model name it reads the registry (to resolve the
 * champion and candidate, link to them, and score them with score-command);
 * with prediction files and no tracking server it needs no registry at all.
 * Safe for pull-request checks with a read-only credential.
 */

import * as core from '@actions/core'
import type { Inputs } from '../inputs.js'
import type { EvaluationReport, RunInfo } from '../report/report.js'
import { evaluateModels, resolveModels } from './model-evaluation.js'

export async function runEvaluateMode(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  run: RunInfo
): Promise<EvaluationReport> {
  if (
    (inputs['tracking-uri'] ??
      env.MLFLOW_TRACKING_URI ??
      inputs['registry-uri'] ??
      env.MLFLOW_REGISTRY_URI) &&
    inputs['model-name']
  ) {
    // Loaded only when there is a registry: evaluating files needs no HTTP client.
    const { connectRegistry } = await import('../registry/connect.js')
    const registry = connectRegistry(inputs, env)
    const models = await core.group(
      `Resolve the models at ${registry.shownUri} (read only)`,
      () =>
        resolveModels(registry, inputs, {
          candidateFromFile: inputs['candidate-predictions'] !== undefined
        })
    )
    const report = await evaluateModels(inputs, env, run, registry, models)
    // Nothing moves in evaluate mode; the outputs still say where @champion
    // is (action.yml: new-champion-version is empty only without a registry).
    report.registry = {
      tracking_uri: registry.shownUri,
      champion_alias: inputs['champion-alias'],
      previous_champion_alias: inputs['previous-champion-alias'],
      alias_moved: false,
      new_champion_version: models.champion?.version ?? null,
      previous_champion_version: null
    }
    return report
  }
  return evaluateModels(inputs, env, run, undefined, undefined)
}
