/**
 * The alias move of `mode: gate`: once the verdict is in, record it in the
 * registry. Fail closed: the writes come last, under the promotion lock
 * (shared by every run on the registry, see src/registry/promotion-lock.ts),
 * in an order that a re-run completes:
 *
 *   1. take the lock; re-read @champion: if it moved since the evaluation,
 *      another run won; stop before writing anything
 *   2. (a logged model that passed the floors) register it, or find the
 *      version an earlier run registered from the same source; set @candidate
 *   3. tag the candidate with the evidence, removing an earlier verdict's
 *   4. @previous-champion → the old champion
 *   5. @champion → the candidate
 *   6. release the lock
 *
 * On a reject only the evidence tags are written (and, for a logged model
 * that passed the floors, its registration), and no serving alias moves.
 */

import * as core from '@actions/core'
import { UserError } from '../errors.js'
import { floorsPassed } from '../gate/decide.js'
import type { Inputs } from '../inputs.js'
import {
  evaluationTags,
  rolledBackFrom,
  staleEvaluationTagKeys,
  TAG_PREFIX
} from '../registry/evidence.js'
import type { Registry } from '../registry/connect.js'
import { RegistryApiError } from '../registry/http-transport.js'
import type {
  ModelVersion,
  ModelVersionSource
} from '../registry/mlflow-client.js'
import { versionRef } from '../report/build-report.js'
import type { EvaluationReport, RunInfo } from '../report/report.js'
import { describeCandidate, type ResolvedModels } from './model-evaluation.js'
import { recordThreshold } from './record-threshold.js'
import { halfwayError, takePromotionLock } from './shared.js'

/**
 * A promote of a version that a rollback moved @champion away from becomes
 * a reject unless `allow-repromote` is set: the rollback was somebody's
 * decision that this version should not serve.
 */
function refuseRepromotion(
  inputs: Inputs,
  report: EvaluationReport,
  version: ModelVersion
): void {
  const rollback = rolledBackFrom(version.tags)
  if (!rollback || report.decision !== 'promote') return
  const when = [
    rollback.at && `on ${rollback.at}`,
    rollback.runUrl && `by ${rollback.runUrl}`,
    rollback.reason && `(reason: ${rollback.reason})`
  ]
    .filter(Boolean)
    .join(' ')
  if (inputs['allow-repromote']) {
    report.notes.push(
      `v${version.version} was rolled back from ${when}; allow-repromote is true, so it is promoted again.`
    )
    return
  }
  report.decision = 'reject'
  report.reasons.push(
    `v${version.version} was rolled back from ${when}; it passes the gate, but is not promoted again without allow-repromote: true.`
  )
}

/**
 * Records the verdict in the registry, under the promotion lock: on a
 * promote the alias move (steps 1-6 above); on a reject the evidence tags
 * alone. Fills in `report.registry` as it writes; a failure halfway says
 * what was written and how to finish.
 */
export async function writeVerdict(
  registry: Registry,
  inputs: Inputs,
  models: ResolvedModels,
  report: EvaluationReport,
  run: RunInfo
): Promise<void> {
  const { client } = registry
  const name = models.modelName
  const outcome = report.registry!
  const championAlias = inputs['champion-alias']
  const written: string[] = []
  /** Set once this run registered the candidate: a re-run must name it, not register it again. */
  let registeredVersion: string | undefined
  const failHalfway = (error: unknown): never => {
    throw halfwayError(
      error,
      written,
      registeredVersion
        ? `To finish, run the gate again with candidate-version: ${registeredVersion} (a re-run with candidate-model-uri finds that version too).`
        : 'Run the job again to finish: each step is safe to repeat.'
    )
  }

  if (models.candidate.kind === 'uri' && !floorsPassed(report.gates)) {
    report.notes.push(
      `${models.candidate.uri} failed the floors, so it was not registered.`
    )
    core.info(`Not registering ${models.candidate.uri}: it failed the floors.`)
    return
  }
  if (models.candidate.kind === 'version') {
    refuseRepromotion(inputs, report, models.candidate.version)
  }

  const { lock, writeMarginMs } = await takePromotionLock(
    registry.lock,
    inputs,
    name,
    run
  )
  try {
    // The champion may have moved while this run was scoring: another run
    // won. Read under the lock, so no run can move it between this read and
    // the writes below (except a person editing aliases by hand). Another
    // run may also have created the registered model meanwhile.
    const exists =
      models.registered ||
      (await client.getRegisteredModel(name).catch(failHalfway)) !== undefined
    const current = exists
      ? await client
          .getModelVersionByAlias(name, championAlias)
          .catch(failHalfway)
      : undefined
    if (current?.version !== models.champion?.version) {
      const was = models.champion ? `v${models.champion.version}` : 'nothing'
      const now = current ? `v${current.version}` : 'nothing'
      outcome.new_champion_version = current?.version ?? null
      if (report.decision === 'promote') {
        throw new UserError(
          `@${championAlias} of '${name}' moved from ${was} to ${now} while this run evaluated ${describeCandidate(models.candidate)}; ` +
            `another run promoted first. Nothing was written to the registry by this run; ` +
            `a re-run compares against ${now === 'nothing' ? 'the floors alone' : now}.`
        )
      }
      report.notes.push(
        `@${championAlias} moved from ${was} to ${now} while this run evaluated; this reject compared against ${was}, so nothing was written to the registry. A re-run compares against ${now}.`
      )
      return
    }

    let candidateVersion =
      models.candidate.kind === 'version'
        ? models.candidate.version.version
        : undefined
    if (models.candidate.kind === 'uri') {
      const uri = models.candidate.uri
      let reused: ModelVersion | undefined
      try {
        // A create whose first try landed but whose answer was lost meets
        // RESOURCE_ALREADY_EXISTS on its retry (creation by name cannot tell
        // the two apart): either way the model now exists, which is all this
        // step needs, and a copy registered by an earlier try is looked for.
        const created = exists
          ? false
          : await createModelIfMissing(registry, name)
        if (created) written.push(`created registered model '${name}'`)
        const source = await client.resolveModelSource(uri)
        reused =
          exists || !created
            ? await registeredCopyOf(registry, name, source)
            : undefined
        if (reused && reused.version === current?.version) {
          // Registered and promoted by an earlier run of this gate.
          outcome.new_champion_version = reused.version
          report.notes.push(
            `${uri} is already registered as v${reused.version}, which is @${championAlias}: nothing was written.`
          )
          return
        }
        if (reused) {
          candidateVersion = (
            await client.waitForModelVersionReady(name, reused.version)
          ).version
        } else {
          const created = await client.createModelVersion(name, source)
          registeredVersion = created.version
          written.push(`registered ${uri} as v${created.version}`)
          const ready = await client.waitForModelVersionReady(
            name,
            created.version
          )
          candidateVersion = ready.version
        }
      } catch (error) {
        failHalfway(error)
      }
      if (reused) {
        report.notes.push(
          `${uri} was already registered as v${candidateVersion}; that version is used, not registered again.`
        )
        refuseRepromotion(inputs, report, reused)
      } else {
        report.notes.push(
          `${uri} passed the floors and was registered as v${candidateVersion}.`
        )
      }
      Object.assign(
        report.candidate,
        versionRef(
          name,
          candidateVersion!,
          registry.versionUrl(name, candidateVersion!)
        )
      )
      try {
        await client.setAlias(
          name,
          inputs['candidate-alias'],
          candidateVersion!
        )
        written.push(`@${inputs['candidate-alias']} → v${candidateVersion}`)
      } catch (error) {
        failHalfway(error)
      }
      core.info(
        `Candidate ${uri} is ${name} v${candidateVersion} (@${inputs['candidate-alias']}).`
      )
    }
    if (candidateVersion === undefined) return

    try {
      const fresh = evaluationTags(report)
      for (const [key, value] of Object.entries(fresh)) {
        await client.setModelVersionTag(name, candidateVersion, key, value)
      }
      // Each verdict replaces the whole set of evidence tags it owns.
      const existing =
        (await client.getModelVersion(name, candidateVersion))?.tags ?? {}
      const cleared: string[] = []
      for (const key of staleEvaluationTagKeys(existing, report)) {
        try {
          await client.deleteModelVersionTag(name, candidateVersion, key)
        } catch (error) {
          // MLflow's basic-auth app asks MANAGE for deleting a tag, EDIT for
          // setting one: with EDIT only, the stale value is blanked instead.
          if (!(error instanceof RegistryApiError && error.status === 403)) {
            throw error
          }
          await client.setModelVersionTag(name, candidateVersion, key, '')
          cleared.push(key)
        }
      }
      if (cleared.length > 0) {
        report.notes.push(
          `Tags of an earlier verdict that this one does not set were blanked, not deleted (deleting a tag needs MANAGE permission): ${cleared.join(', ')}.`
        )
      }
      written.push(`evidence tags (${TAG_PREFIX}*) on v${candidateVersion}`)
      if (report.decision !== 'promote') return
      written.push(
        ...(await recordThreshold(
          registry,
          name,
          candidateVersion,
          report,
          existing
        ))
      )
      if (models.champion) {
        await lock.ensureHeld(writeMarginMs)
        await client.setAlias(
          name,
          inputs['previous-champion-alias'],
          models.champion.version
        )
        written.push(
          `@${inputs['previous-champion-alias']} → v${models.champion.version}`
        )
        outcome.previous_champion_version = models.champion.version
      } else {
        // No champion now (never set, or its version was deleted): a
        // @previous-champion left from before still decides where a
        // rollback goes, so the report names it.
        const previous = await client.getModelVersionByAlias(
          name,
          inputs['previous-champion-alias']
        )
        if (previous) {
          outcome.previous_champion_version = previous.version
          report.notes.push(
            `'${name}' had no @${championAlias}, but @${inputs['previous-champion-alias']} still points at v${previous.version} from before; a rollback would move @${championAlias} there.`
          )
        }
      }
      await lock.ensureHeld(writeMarginMs)
      await client.setAlias(name, championAlias, candidateVersion)
      written.push(`@${championAlias} → v${candidateVersion}`)
      outcome.alias_moved = true
      outcome.new_champion_version = candidateVersion
      core.info(
        `Promoted: @${championAlias} of '${name}' now points at v${candidateVersion}.`
      )
    } catch (error) {
      failHalfway(error)
    }
  } finally {
    if (written.length > 0) outcome.written = written
    await lock.release()
  }
}

/** Creates the registered model; false when it turned out to exist already. */
async function createModelIfMissing(
  registry: Registry,
  name: string
): Promise<boolean> {
  try {
    await registry.client.createRegisteredModel(name)
    return true
  } catch (error) {
    if (
      error instanceof RegistryApiError &&
      error.errorCode === 'RESOURCE_ALREADY_EXISTS'
    )
      return false
    throw error
  }
}

/**
 * The version of `name` an earlier run registered from the same source
 * (and run), if any: a re-run of a register-on-pass gate uses it instead of
 * registering another copy each time. The oldest such version wins.
 */
export async function registeredCopyOf(
  registry: Registry,
  name: string,
  source: ModelVersionSource
): Promise<ModelVersion | undefined> {
  return (await registry.client.searchModelVersions(name))
    .filter(
      (v) =>
        v.source === source.source &&
        (source.runId === undefined || v.run_id === source.runId) &&
        v.status !== 'FAILED_REGISTRATION'
    )
    .sort((a, b) => Number(a.version) - Number(b.version))[0]
}
