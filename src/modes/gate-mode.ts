/**
 * `mode: gate`: evaluate the candidate against the champion and, on a win,
 * move the champion alias to it. Fail closed: nothing is written before the
 * verdict, and the writes come last, in an order that a re-run completes:
 *
 *   1. (a logged model that passed the floors) register it, set @candidate
 *   2. re-read @champion; if it moved since the evaluation, stop: another run won
 *   3. tag the candidate with the evidence
 *   4. @previous-champion → the old champion
 *   5. @champion → the candidate
 *
 * On a reject only the evidence tags are written (a registered candidate),
 * and no alias moves. On a pull_request event nothing is written at all.
 */

import * as core from '@actions/core'
import { GateError } from '../errors.js'
import type { Inputs } from '../inputs.js'
import { evaluationTags, TAG_PREFIX } from '../registry/evidence.js'
import { connectRegistry, type Registry } from '../registry/connect.js'
import type {
  AliasReport,
  EvaluationReport,
  Report,
  RunInfo
} from '../report/report.js'
import { VERSION } from '../version.js'
import {
  describeCandidate,
  evaluateModels,
  resolveModels,
  type ResolvedModels
} from './model-evaluation.js'

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])

export async function runGateMode(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  run: RunInfo
): Promise<Report> {
  const registry = connectRegistry(inputs, env)
  const models = await core.group(
    `Resolve the models at ${registry.shownUri}`,
    () => resolveModels(registry, inputs)
  )
  const outcome = {
    tracking_uri: registry.shownUri,
    champion_alias: inputs['champion-alias'],
    previous_champion_alias: inputs['previous-champion-alias'],
    alias_moved: false,
    new_champion_version: models.champion?.version ?? null,
    previous_champion_version: null as string | null
  }
  if (
    models.candidate.kind === 'version' &&
    models.candidate.version.version === models.champion?.version
  ) {
    return unchangedReport(inputs, registry, models, run, outcome)
  }
  const report = await evaluateModels(inputs, env, run, registry, models)
  report.registry = outcome
  if (run.event && PULL_REQUEST_EVENTS.has(run.event)) {
    report.notes.push(
      `On a ${run.event} event the gate evaluates only: nothing in the registry was changed.`
    )
    core.warning(
      `mode: gate on a ${run.event} event evaluates only; the registry is not written from pull requests.`
    )
    return { ...report, mode: 'evaluate' }
  }
  await core.group('Record the verdict in the registry', () =>
    writeVerdict(registry, inputs, models, report)
  )
  return report
}

/** Floors alone: a logged model is registered only if these pass. */
function floorsPass(report: EvaluationReport): boolean {
  return report.gates
    .filter((g) => g.name === 'min-net-benefit' || g.name === 'min-f1')
    .every((g) => g.passed)
}

async function writeVerdict(
  registry: Registry,
  inputs: Inputs,
  models: ResolvedModels,
  report: EvaluationReport
): Promise<void> {
  const { client } = registry
  const name = models.modelName
  const written: string[] = []
  /** Set once this run registered the candidate: a re-run must name it, not register it again. */
  let registeredVersion: string | undefined
  const failHalfway = (error: unknown): never => {
    const cause = error instanceof Error ? error.message : String(error)
    throw new GateError(
      written.length === 0
        ? `${cause}\nNothing was written to the registry.`
        : `${cause}\nWritten before the failure: ${written.join('; ')}. ` +
            (registeredVersion
              ? `To finish, run the gate again with candidate-version: ${registeredVersion} (with candidate-model-uri it would register the model once more).`
              : 'Run the job again to finish: each step is safe to repeat.'),
      { cause: error }
    )
  }

  let candidateVersion =
    models.candidate.kind === 'version'
      ? models.candidate.version.version
      : undefined
  if (models.candidate.kind === 'uri') {
    if (!floorsPass(report)) {
      report.notes.push(
        `${models.candidate.uri} failed the floors, so it was not registered.`
      )
      core.info(
        `Not registering ${models.candidate.uri}: it failed the floors.`
      )
      return
    }
    try {
      if (!models.registered) {
        await client.createRegisteredModel(name)
        written.push(`created registered model '${name}'`)
      }
      const created = await client.registerModelVersion(
        name,
        models.candidate.uri
      )
      registeredVersion = created.version
      written.push(`registered ${models.candidate.uri} as v${created.version}`)
      const ready = await client.waitForModelVersionReady(name, created.version)
      candidateVersion = ready.version
      await client.setAlias(name, inputs['candidate-alias'], candidateVersion)
      written.push(`@${inputs['candidate-alias']} → v${candidateVersion}`)
    } catch (error) {
      failHalfway(error)
    }
    report.candidate.version = candidateVersion!
    report.candidate.model_uri = `models:/${name}/${candidateVersion}`
    report.candidate.url = registry.versionUrl(name, candidateVersion!)
    report.notes.push(
      `${models.candidate.uri} passed the floors and was registered as v${candidateVersion}.`
    )
    core.info(
      `Registered ${models.candidate.uri} as ${name} v${candidateVersion} (@${inputs['candidate-alias']}).`
    )
  }
  if (candidateVersion === undefined) return

  if (report.decision === 'promote') {
    // The champion may have moved while this run was scoring: another run won.
    const current = await client
      .getModelVersionByAlias(name, inputs['champion-alias'])
      .catch(failHalfway)
    if (current?.version !== models.champion?.version) {
      throw new GateError(
        `@${inputs['champion-alias']} of '${name}' moved from ${models.champion ? `v${models.champion.version}` : 'nothing'} to ` +
          `${current ? `v${current.version}` : 'nothing'} while this run evaluated ${describeCandidate(models.candidate)}; ` +
          `another run promoted first. No alias was moved${written.length > 0 ? ` (written before: ${written.join('; ')})` : ''}; ` +
          (registeredVersion
            ? `run the gate again with candidate-version: ${registeredVersion} to compare it with the new champion.`
            : 'run the gate again to compare with the new champion.')
      )
    }
  }
  try {
    for (const [key, value] of Object.entries(evaluationTags(report))) {
      await client.setModelVersionTag(name, candidateVersion, key, value)
    }
    written.push(`evidence tags (${TAG_PREFIX}*) on v${candidateVersion}`)
    if (report.decision !== 'promote') return
    const outcome = report.registry!
    if (models.champion) {
      await client.setAlias(
        name,
        inputs['previous-champion-alias'],
        models.champion.version
      )
      written.push(
        `@${inputs['previous-champion-alias']} → v${models.champion.version}`
      )
      outcome.previous_champion_version = models.champion.version
    }
    await client.setAlias(name, inputs['champion-alias'], candidateVersion)
    written.push(`@${inputs['champion-alias']} → v${candidateVersion}`)
    outcome.alias_moved = true
    outcome.new_champion_version = candidateVersion
    core.info(
      `Promoted: @${inputs['champion-alias']} of '${name}' now points at v${candidateVersion}.`
    )
  } catch (error) {
    failHalfway(error)
  }
}

function unchangedReport(
  inputs: Inputs,
  registry: Registry,
  models: ResolvedModels,
  run: RunInfo,
  outcome: AliasReport['registry']
): AliasReport {
  const version = models.champion!.version
  const ref = {
    version,
    model_uri: `models:/${models.modelName}/${version}`,
    url: registry.versionUrl(models.modelName, version)
  }
  core.info(
    `v${version} is already @${inputs['champion-alias']}: nothing to do.`
  )
  return {
    schema: 1,
    tool: { name: 'champion-gate', version: VERSION },
    mode: inputs.mode,
    model_name: models.modelName,
    decision: 'unchanged',
    reasons: [],
    notes: [
      `The candidate v${version} already is @${inputs['champion-alias']}: nothing was evaluated or changed.`
    ],
    candidate: ref,
    champion: ref,
    registry: outcome,
    run,
    created_at: new Date().toISOString()
  }
}
