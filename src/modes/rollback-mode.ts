/**
 * `mode: rollback` (for workflow_dispatch): move the champion alias back in
 * one step, to `rollback-to` or, by default, to the version under the
 * previous-champion alias; the version rolled back from becomes the
 * previous champion, so a second rollback undoes the first. Checks the
 * target exists and is READY before writing anything.
 */

import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { UserError, InputError } from '../errors.js'
import type { Inputs } from '../inputs.js'
import { connectRegistry } from '../registry/connect.js'
import { rollbackTags } from '../registry/evidence.js'
import {
  buildAliasReport,
  registryOutcome,
  versionRef
} from '../report/build-report.js'
import type { AliasReport, RunInfo, VersionRef } from '../report/report.js'
import { VERSION } from '../version.js'
import { pullRequestEventOf } from '../run-context.js'
import {
  checkRegistryNames,
  halfwayError,
  requireInput,
  takePromotionLock
} from './shared.js'

export async function runRollbackMode(
  inputs: Inputs,
  env: NodeJS.ProcessEnv,
  run: RunInfo
): Promise<AliasReport> {
  // A pull request never writes to the registry (see gate-mode.ts).
  const pullRequestEvent = pullRequestEventOf(env, (path) =>
    readFileSync(path, 'utf8')
  )
  if (pullRequestEvent) {
    throw new InputError(
      'mode',
      `rollback moves @${inputs['champion-alias']} and is not run from a ${pullRequestEvent} event; trigger it with workflow_dispatch (see examples/workflows/rollback.yml)`
    )
  }
  const name = requireInput(
    inputs,
    'model-name',
    'the registered model whose champion alias is rolled back'
  )
  checkRegistryNames(inputs, name)
  const registry = connectRegistry(inputs, env)
  const { client } = registry
  const championAlias = inputs['champion-alias']
  const previousAlias = inputs['previous-champion-alias']
  if (!(await client.getRegisteredModel(name))) {
    throw new InputError(
      'model-name',
      `there is no registered model '${name}' at ${registry.shownUri}`
    )
  }
  const current = await client.getModelVersionByAlias(name, championAlias)
  if (!current) {
    throw new UserError(
      `'${name}' has no @${championAlias} at ${registry.shownUri}: there is nothing to roll back`
    )
  }
  let target
  if (inputs['rollback-to']) {
    target = await client.getModelVersion(name, inputs['rollback-to'])
    if (!target) {
      throw new InputError(
        'rollback-to',
        `'${name}' has no version ${inputs['rollback-to']} at ${registry.shownUri}`
      )
    }
  } else {
    target = await client.getModelVersionByAlias(name, previousAlias)
    if (!target) {
      throw new InputError(
        'rollback-to',
        `'${name}' has no @${previousAlias} to roll back to (no earlier champion was recorded); give the version to restore in rollback-to`
      )
    }
  }
  if (target.status && target.status !== 'READY') {
    throw new UserError(
      `Cannot roll back to v${target.version}: its status is ${target.status}, not READY`
    )
  }
  const ref = (version: string): VersionRef =>
    versionRef(name, version, registry.versionUrl(name, version))
  const aliasReport = (
    decision: AliasReport['decision'],
    notes: string[]
  ): AliasReport =>
    buildAliasReport({
      mode: 'rollback',
      modelName: name,
      decision,
      notes,
      candidate: ref(target.version),
      champion: ref(current.version),
      registry: registryOutcome({
        trackingUri: registry.shownUri,
        championAlias,
        previousChampionAlias: previousAlias,
        championVersion: current.version
      }),
      run,
      toolVersion: VERSION,
      now: new Date()
    })
  if (target.version === current.version) {
    core.info(
      `v${target.version} already is @${championAlias}: nothing to roll back.`
    )
    return aliasReport('unchanged', [
      `v${target.version} already is @${championAlias}; nothing was changed.`
    ])
  }
  const report = aliasReport('rollback', [
    `Reason: ${inputs.reason ?? 'none given'}`
  ])

  const written: string[] = []
  const from: string = current.version
  const to: string = target.version
  const { lock, writeMarginMs } = await takePromotionLock(
    registry.lock,
    inputs,
    name,
    run
  )
  try {
    // Under the lock: a gate (or another rollback) may have moved @champion
    // since it was read above.
    const now = await client.getModelVersionByAlias(name, championAlias)
    if (now?.version !== current.version) {
      throw new UserError(
        `@${championAlias} of '${name}' moved from v${current.version} to ${now ? `v${now.version}` : 'nothing'} while this rollback prepared; ` +
          'another run changed it first. Nothing was written to the registry; run the rollback again if it is still wanted.'
      )
    }
    await writeRollback()
  } finally {
    if (written.length > 0) report.registry.written = written
    await lock.release()
  }
  core.info(
    `Rolled back: @${championAlias} of '${name}' is v${target.version} again (was v${current.version}).`
  )
  return report

  async function writeRollback(): Promise<void> {
    try {
      await lock.ensureHeld(writeMarginMs)
      await core.group(
        `Roll back @${championAlias} of '${name}' from v${from} to v${to}`,
        async () => {
          await client.setAlias(name, previousAlias, from)
          written.push(`@${previousAlias} → v${from}`)
          report.registry.previous_champion_version = from
          await client.setAlias(name, championAlias, to)
          written.push(`@${championAlias} → v${to}`)
          report.registry.alias_moved = true
          report.registry.new_champion_version = to
          for (const [key, value] of Object.entries(
            rollbackTags(report, inputs.reason, 'to')
          )) {
            await client.setModelVersionTag(name, to, key, value)
          }
          for (const [key, value] of Object.entries(
            rollbackTags(report, inputs.reason, 'from')
          )) {
            await client.setModelVersionTag(name, from, key, value)
          }
          written.push('rollback tags on both versions')
        }
      )
    } catch (error) {
      throw halfwayError(
        error,
        written,
        report.registry.alias_moved
          ? 'The rollback itself is done; only the tags are missing.'
          : `To finish, run the rollback again with rollback-to: ${to}.`
      )
    }
  }
}
