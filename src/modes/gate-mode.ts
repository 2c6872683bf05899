/**
 * `mode: gate`: evaluate the candidate against the champion and, on a win,
 * move the champion alias to it (promotion.ts: the alias move, its order
 * and its lock). Fail closed: nothing is written before the verdict. On an
 * event about a pull request nothing is written at all. A candidate that
 * already is the champion is reported unchanged without an evaluation.
 */

import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import type { Inputs } from '../inputs.js'
import { connectRegistry, type Registry } from '../registry/connect.js'
import {
  buildAliasReport,
  registryOutcome,
  versionRef
} from '../report/build-report.js'
import type {
  AliasReport,
  RegistryOutcome,
  Report,
  RunInfo
} from '../report/report.js'
import { pullRequestEventOf } from '../run-context.js'
import { VERSION } from '../version.js'
import {
  evaluateModels,
  resolveModels,
  type ResolvedModels
} from './model-evaluation.js'
import { registeredCopyOf, writeVerdict } from './promotion.js'
import { checkRegistryNames, requireInput } from './shared.js'

export async function runGateMode(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  run: RunInfo
): Promise<Report> {
  checkRegistryNames(
    inputs,
    requireInput(
      inputs,
      'model-name',
      'the registered model whose champion alias is governed'
    )
  )
  const registry = connectRegistry(inputs, env)
  const models = await core.group(
    `Resolve the models at ${registry.shownUri}`,
    () => resolveModels(registry, inputs)
  )
  const outcome = registryOutcome({
    trackingUri: registry.shownUri,
    championAlias: inputs['champion-alias'],
    previousChampionAlias: inputs['previous-champion-alias'],
    candidateAlias: inputs['candidate-alias'],
    championVersion: models.champion?.version ?? null
  })
  if (
    models.candidate.kind === 'version' &&
    models.candidate.version.version === models.champion?.version
  ) {
    return unchangedReport(inputs, registry, models, run, outcome)
  }
  if (models.candidate.kind === 'uri' && models.champion) {
    // A re-run of a register-on-pass gate that promoted: the logged model
    // already is the champion (read only; the writes look again under the lock).
    const copy = await registeredCopyOf(
      registry,
      models.modelName,
      await registry.client.resolveModelSource(models.candidate.uri)
    )
    if (copy?.version === models.champion.version) {
      return unchangedReport(inputs, registry, models, run, outcome)
    }
  }
  let evaluated = inputs
  if (!models.champion && inputs['champion-predictions']) {
    // No @champion in the registry: a file of "champion" predictions belongs
    // to no champion, and the report and tags must not speak of one.
    core.warning(
      `'${models.modelName}' has no @${inputs['champion-alias']}, so champion-predictions (${inputs['champion-predictions']}) is not used: the floors alone decide the first champion.`
    )
    evaluated = { ...inputs, 'champion-predictions': undefined }
  }
  const report = await evaluateModels(evaluated, env, run, registry, models)
  report.registry = outcome
  if (evaluated !== inputs) {
    report.notes.push(
      `'${models.modelName}' has no @${inputs['champion-alias']}: champion-predictions was not used.`
    )
  }
  const pullRequestEvent = pullRequestEventOf(env, (path) =>
    readFileSync(path, 'utf8')
  )
  if (pullRequestEvent) {
    report.notes.push(
      `On a ${pullRequestEvent} event the gate evaluates only: nothing in the registry was changed.`
    )
    core.warning(
      `mode: gate on a ${pullRequestEvent} event evaluates only; the registry is not written from pull requests.`
    )
    return { ...report, mode: 'evaluate' }
  }
  await core.group('Record the verdict in the registry', () =>
    writeVerdict(registry, inputs, models, report, run)
  )
  return report
}

function unchangedReport(
  inputs: Inputs,
  registry: Registry,
  models: ResolvedModels,
  run: RunInfo,
  outcome: RegistryOutcome
): AliasReport {
  const version = models.champion!.version
  const ref = versionRef(
    models.modelName,
    version,
    registry.versionUrl(models.modelName, version)
  )
  core.info(
    `v${version} is already @${inputs['champion-alias']}: nothing to do.`
  )
  return buildAliasReport({
    mode: inputs.mode,
    modelName: models.modelName,
    decision: 'unchanged',
    notes: [
      `The candidate v${version} already is @${inputs['champion-alias']}: nothing was evaluated or changed.`
    ],
    candidate: ref,
    champion: ref,
    registry: outcome,
    run,
    toolVersion: VERSION,
    now: new Date()
  })
}
