/**
 * `mode: rollback` end to end: the bundled action against a REAL MLflow
 * server, the registry read back over plain REST. A rollback moves @champion
 * to @previous-champion (or `rollback-to`) and keeps the version it left as
 * @previous-champion, so a second rollback undoes the first.
 *
 *   bash .ci/with-mlflow.sh npm test -- rollback.real-server
 */
import { beforeAll, expect, it } from '@jest/globals'
import {
  RUN_URL,
  RUNNER,
  RegistryProbe,
  describeWithMlflow,
  runnerEnv,
  seed,
  uniqueModelName,
  type Seeded
} from '../../__fixtures__/registry.js'
import { runBundle, type BundleRun } from '../../__fixtures__/run-bundle.js'

describeWithMlflow('mode: rollback against a real MLflow server', (servers) => {
  const server = servers.plain
  const shownUri = server.uri.replace(/\/+$/, '')
  const probe = new RegistryProbe(server)

  function rollback(
    name: string,
    inputs: Record<string, string> = {}
  ): Promise<BundleRun> {
    return runBundle(
      {
        mode: 'rollback',
        'model-name': name,
        'tracking-uri': server.uri,
        ...inputs
      },
      { env: runnerEnv({ GITHUB_EVENT_NAME: 'workflow_dispatch' }) }
    )
  }

  // v1 weak (the earlier champion), v2 strong (the champion), v3 weak.
  const name = uniqueModelName('rollback')
  let seeded: Seeded
  beforeAll(async () => {
    seeded = await seed({
      server,
      modelName: name,
      register: ['weak', 'strong', 'weak'],
      aliases: { champion: 2, 'previous-champion': 1 }
    })
  }, 120_000)

  it('rolls back, rolls the rollback back, then goes to an explicit rollback-to', async () => {
    const first = await rollback(name, { reason: 'fraud spike after release' })
    expect(first.errors).toEqual([])
    expect(first.status).toBe(0)
    expect(first.outputs).toMatchObject({
      decision: 'rollback',
      'alias-moved': 'true',
      'new-champion-version': '1',
      'candidate-version': '1',
      'champion-version': '2'
    })
    expect(await probe.aliases(name)).toEqual({
      champion: '1',
      'previous-champion': '2'
    })
    expect(await probe.gateTags(name, '1')).toMatchObject({
      'rollback_to.reason': 'fraud spike after release',
      'rollback_to.other_version': '2',
      'rollback_to.commit': RUNNER.GITHUB_SHA,
      'rollback_to.run_url': RUN_URL,
      'rollback_to.actor': RUNNER.GITHUB_ACTOR
    })
    expect(await probe.gateTags(name, '2')).toMatchObject({
      'rollback_from.reason': 'fraud spike after release',
      'rollback_from.other_version': '1',
      'rollback_from.run_url': RUN_URL
    })
    expect(first.summary).toContain(`### ↩️ Rolled back: **${name}**`)
    expect(first.summary).toContain('> Reason: fraud spike after release')

    const second = await rollback(name, { reason: 'false alarm' })
    expect(second.errors).toEqual([])
    expect(second.status).toBe(0)
    expect(second.outputs).toMatchObject({
      decision: 'rollback',
      'alias-moved': 'true',
      'new-champion-version': '2'
    })
    expect(await probe.aliases(name)).toEqual({
      champion: '2',
      'previous-champion': '1'
    })
    expect(await probe.gateTags(name, '2')).toMatchObject({
      'rollback_to.reason': 'false alarm',
      'rollback_to.other_version': '1'
    })
    expect(await probe.gateTags(name, '1')).toMatchObject({
      'rollback_from.reason': 'false alarm',
      'rollback_from.other_version': '2',
      // The first rollback's record stays.
      'rollback_to.reason': 'fraud spike after release'
    })

    const explicit = await rollback(name, {
      'rollback-to': '3',
      reason: 'known-good build'
    })
    expect(explicit.errors).toEqual([])
    expect(explicit.status).toBe(0)
    expect(explicit.outputs).toMatchObject({
      decision: 'rollback',
      'new-champion-version': '3'
    })
    expect(await probe.aliases(name)).toEqual({
      champion: '3',
      'previous-champion': '2'
    })
    expect(await probe.gateTags(name, '3')).toMatchObject({
      'rollback_to.reason': 'known-good build',
      'rollback_to.other_version': '2'
    })
    expect(await probe.gateTags(name, '2')).toMatchObject({
      'rollback_from.reason': 'known-good build',
      'rollback_from.other_version': '3'
    })
  })

  it('answers unchanged for rollback-to the current champion, writing nothing', async () => {
    const other = uniqueModelName('rollback-same')
    await probe.register(other, [seeded.models.weak, seeded.models.strong], {
      champion: 2,
      'previous-champion': 1
    })
    const before = await probe.mustState(other)

    const run = await rollback(other, { 'rollback-to': '2' })

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs).toMatchObject({
      decision: 'unchanged',
      'alias-moved': 'false'
    })
    expect(await probe.mustState(other)).toEqual(before)
  })

  it('fails clearly and writes nothing with no previous champion and no rollback-to', async () => {
    const other = uniqueModelName('rollback-none')
    await probe.register(other, [seeded.models.strong], { champion: 1 })
    const before = await probe.mustState(other)

    const run = await rollback(other, { reason: 'incident' })

    expect(run.status).toBe(1)
    expect(run.errors).toEqual([
      `::error::Input 'rollback-to': '${other}' has no @previous-champion to roll back to (no earlier champion was recorded); give the version to restore in rollback-to`
    ])
    expect(run.outputs).toEqual({})
    expect(await probe.mustState(other)).toEqual(before)
  })

  it('fails clearly and writes nothing when rollback-to does not exist', async () => {
    const other = uniqueModelName('rollback-missing')
    await probe.register(other, [seeded.models.weak, seeded.models.strong], {
      champion: 2,
      'previous-champion': 1
    })
    const before = await probe.mustState(other)

    const run = await rollback(other, { 'rollback-to': '99' })

    expect(run.status).toBe(1)
    expect(run.errors).toEqual([
      `::error::Input 'rollback-to': '${other}' has no version 99 at ${shownUri}`
    ])
    expect(await probe.mustState(other)).toEqual(before)
  })

  it('fails clearly when there is no champion or no such model', async () => {
    const noChampion = uniqueModelName('rollback-nochamp')
    await probe.register(noChampion, [seeded.models.strong])
    const noChampionRun = await rollback(noChampion)
    expect(noChampionRun.status).toBe(1)
    expect(noChampionRun.errors).toEqual([
      `::error::'${noChampion}' has no @champion at ${shownUri}: there is nothing to roll back`
    ])
    expect((await probe.mustState(noChampion)).aliases).toEqual({})

    const missing = uniqueModelName('rollback-nomodel')
    const missingRun = await rollback(missing)
    expect(missingRun.status).toBe(1)
    expect(missingRun.errors).toEqual([
      `::error::Input 'model-name': there is no registered model '${missing}' at ${shownUri}`
    ])
    expect(await probe.state(missing)).toBeUndefined()
  })
})
