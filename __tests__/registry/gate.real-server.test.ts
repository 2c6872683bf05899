/**
 * `mode: gate` end to end: the bundled action (dist/index.js, run as the
 * runner runs it) against a REAL MLflow server, with real scikit-learn models
 * logged and registered by seed.py, and the registry read back over plain
 * REST afterwards. Each test has its own registered model, so the tests are
 * independent and reruns against one server do not collide.
 *
 *   bash .ci/with-mlflow.sh npm test -- gate.real-server
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import {
  POLICY,
  RUN_URL,
  RUNNER,
  RegistryProbe,
  describeWithMlflow,
  reportOf,
  runnerEnv,
  seed,
  sha256Of,
  uniqueModelName,
  type Seeded,
  type Server
} from '../../__fixtures__/registry.js'
import { runBundle, type BundleRun } from '../../__fixtures__/run-bundle.js'

const SEED_TIMEOUT = 120_000

describeWithMlflow('mode: gate against a real MLflow server', (servers) => {
  const server: Server = servers.plain
  const probe = new RegistryProbe(server)

  /** Runs the bundle in gate mode with the seeded files and the test policy. */
  function gate(
    name: string,
    seeded: Seeded,
    inputs: Record<string, string>,
    env: Record<string, string> = {}
  ): Promise<BundleRun> {
    return runBundle(
      {
        mode: 'gate',
        'model-name': name,
        'tracking-uri': server.uri,
        'test-set': seeded.test_csv,
        ...POLICY,
        ...inputs
      },
      { env: runnerEnv(env) }
    )
  }

  // Logged (not registered) models and the CSV files, for the tests that
  // register them through the REST API (no training again) or need no
  // registration. The promote and runs:/ tests seed their own, registered by
  // MLflow's Python client.
  let logged: Seeded
  beforeAll(async () => {
    logged = await seed({
      server,
      modelName: uniqueModelName('gate-logged')
    })
  }, SEED_TIMEOUT)

  it(
    'promotes a better candidate: @champion moves, @previous-champion keeps the old one, evidence is tagged',
    async () => {
      const name = uniqueModelName('promote')
      const seeded = await seed({
        server,
        modelName: name,
        register: ['weak', 'strong'],
        aliases: { champion: 1, candidate: 2 }
      })
      expect(await probe.aliases(name)).toEqual({
        champion: '1',
        candidate: '2'
      })

      const run = await gate(name, seeded, {
        'candidate-predictions': seeded.models.strong.predictions_csv,
        'champion-predictions': seeded.models.weak.predictions_csv
      })

      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs).toMatchObject({
        decision: 'promote',
        'alias-moved': 'true',
        'candidate-version': '2',
        'champion-version': '1',
        'new-champion-version': '2'
      })
      expect(await probe.aliases(name)).toEqual({
        champion: '2',
        'previous-champion': '1',
        candidate: '2'
      })
      const tags = await probe.gateTags(name, '2')
      expect(tags).toMatchObject({
        decision: 'promote',
        net_benefit: run.outputs['candidate-net-benefit'],
        f1: run.outputs['candidate-f1'],
        champion_version: '1',
        champion_net_benefit: run.outputs['champion-net-benefit'],
        test_set_sha256: sha256Of(seeded.test_csv),
        test_set_rows: String(seeded.rows),
        threshold: '0.2',
        min_net_benefit: '1000',
        commit: RUNNER.GITHUB_SHA,
        run_url: RUN_URL,
        actor: RUNNER.GITHUB_ACTOR,
        repository: RUNNER.GITHUB_REPOSITORY
      })
      // The figures are the strong model's: a real win, not an empty one.
      expect(Number(tags.net_benefit)).toBeGreaterThan(1000)
      expect(Number(tags.f1)).toBeGreaterThan(0.2)
      // Only the candidate carries evidence.
      expect(await probe.gateTags(name, '1')).toEqual({})
      expect(run.summary).toContain(`### ✅ Promoted: **${name}**`)
      expect(reportOf(run).registry).toMatchObject({
        alias_moved: true,
        new_champion_version: '2',
        previous_champion_version: '1'
      })
    },
    SEED_TIMEOUT
  )

  it(
    'rejects a worse candidate with one ::error:: line and moves no alias',
    async () => {
      const name = uniqueModelName('reject')
      await probe.register(name, [logged.models.strong, logged.models.weak], {
        champion: 1,
        candidate: 2,
        'previous-champion': 1
      })
      const before = await probe.mustState(name)

      const run = await gate(name, logged, {
        'candidate-predictions': logged.models.weak.predictions_csv,
        'champion-predictions': logged.models.strong.predictions_csv
      })

      expect(run.status).toBe(1)
      expect(run.outputs).toMatchObject({
        decision: 'reject',
        'alias-moved': 'false',
        'candidate-version': '2',
        'champion-version': '1'
      })
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toMatch(/^::error::Rejected: /)
      expect(run.errors[0]).toContain('(min-net-benefit)')
      expect(run.errors[0]).toContain('(min-f1)')
      expect(run.errors[0]).toContain('min-improvement')
      const after = await probe.mustState(name)
      expect(after.aliases).toEqual(before.aliases)
      expect(after.aliases).toEqual({
        champion: '1',
        candidate: '2',
        'previous-champion': '1'
      })
      const tags = await probe.gateTags(name, '2')
      expect(tags).toMatchObject({
        decision: 'reject',
        champion_version: '1',
        commit: RUNNER.GITHUB_SHA
      })
      expect(tags.reasons).toContain('min-improvement')
      expect(await probe.gateTags(name, '1')).toEqual({})
      expect(run.summary).toContain('### ❌ Rejected')
    },
    SEED_TIMEOUT
  )

  it(
    'promotes the first champion on the floors alone and says so',
    async () => {
      const name = uniqueModelName('first')
      await probe.register(name, [logged.models.strong], { candidate: 1 })

      const run = await gate(name, logged, {
        'candidate-predictions': logged.models.strong.predictions_csv
      })

      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs).toMatchObject({
        decision: 'promote',
        'alias-moved': 'true',
        'candidate-version': '1',
        'champion-version': '',
        'champion-net-benefit': '',
        'new-champion-version': '1'
      })
      // No earlier champion, so no @previous-champion either.
      expect(await probe.aliases(name)).toEqual({
        champion: '1',
        candidate: '1'
      })
      const note = 'No champion to compare with: the floors alone decide.'
      expect(reportOf(run).notes).toContain(note)
      expect(run.summary).toContain(`> ${note}`)
      const tags = await probe.gateTags(name, '1')
      expect(tags.decision).toBe('promote')
      expect(tags.champion_version).toBeUndefined()
    },
    SEED_TIMEOUT
  )

  describe('register on pass (candidate-model-uri)', () => {
    it(
      'registers runs:/<run>/model as a new version, sets @candidate on it and promotes it',
      async () => {
        const name = uniqueModelName('runs-uri')
        // The weak model is the champion; the strong one is logged only.
        const seeded = await seed({
          server,
          modelName: name,
          register: ['weak'],
          aliases: { champion: 1 }
        })
        const strong = seeded.models.strong
        expect((await probe.mustState(name)).versions).toHaveLength(1)

        const run = await gate(name, seeded, {
          'candidate-model-uri': strong.runs_uri,
          'candidate-predictions': strong.predictions_csv,
          'champion-predictions': seeded.models.weak.predictions_csv
        })

        expect(run.errors).toEqual([])
        expect(run.status).toBe(0)
        expect(run.outputs).toMatchObject({
          decision: 'promote',
          'alias-moved': 'true',
          'candidate-version': '2',
          'new-champion-version': '2'
        })
        const state = await probe.mustState(name)
        expect(state.aliases).toEqual({
          champion: '2',
          candidate: '2',
          'previous-champion': '1'
        })
        // Registered as MLflow 3 registers a run's logged model.
        expect(state.versions.map((v) => v.version)).toEqual(['1', '2'])
        expect(state.versions[1]).toMatchObject({
          status: 'READY',
          source: strong.model_uri,
          run_id: strong.run_id
        })
        expect(state.versions[1].tags['champion_gate.decision']).toBe('promote')
        expect(reportOf(run).notes).toContain(
          `${strong.runs_uri} passed the floors and was registered as v2.`
        )
      },
      SEED_TIMEOUT
    )

    it('creates the registered model for models:/m-<id> and makes it the first champion', async () => {
      const name = uniqueModelName('m-uri')
      const strong = logged.models.strong
      expect(await probe.state(name)).toBeUndefined()

      const run = await gate(name, logged, {
        'candidate-model-uri': strong.model_uri,
        'candidate-predictions': strong.predictions_csv
      })

      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs).toMatchObject({
        decision: 'promote',
        'alias-moved': 'true',
        'candidate-version': '1',
        'new-champion-version': '1'
      })
      const state = await probe.mustState(name)
      expect(state.aliases).toEqual({ champion: '1', candidate: '1' })
      expect(state.versions).toHaveLength(1)
      expect(state.versions[0]).toMatchObject({
        source: strong.model_uri,
        run_id: strong.run_id
      })
      expect(state.versions[0].tags['champion_gate.test_set_sha256']).toBe(
        sha256Of(logged.test_csv)
      )
    })

    it('never registers a logged model that fails the floors', async () => {
      const name = uniqueModelName('floors')
      await probe.register(name, [logged.models.strong], { champion: 1 })
      const before = await probe.mustState(name)

      const run = await gate(name, logged, {
        'candidate-model-uri': logged.models.weak.model_uri,
        'candidate-predictions': logged.models.weak.predictions_csv,
        'champion-predictions': logged.models.strong.predictions_csv
      })

      expect(run.status).toBe(1)
      expect(run.outputs.decision).toBe('reject')
      expect(run.outputs['candidate-version']).toBe('')
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toMatch(/^::error::Rejected: /)
      expect(await probe.mustState(name)).toEqual(before)
      expect(reportOf(run).notes).toContain(
        `${logged.models.weak.model_uri} failed the floors, so it was not registered.`
      )
    })

    it('does not even create the registered model when the only candidate fails the floors', async () => {
      const name = uniqueModelName('floors-new')

      const run = await gate(name, logged, {
        'candidate-model-uri': logged.models.weak.runs_uri,
        'candidate-predictions': logged.models.weak.predictions_csv
      })

      expect(run.status).toBe(1)
      expect(run.outputs.decision).toBe('reject')
      expect(run.errors).toHaveLength(1)
      expect(await probe.state(name)).toBeUndefined()
    })

    it('registers a model that passes the floors but loses to the champion, without promoting it', async () => {
      const name = uniqueModelName('floors-pass')
      await probe.register(name, [logged.models.weak], { champion: 1 })

      // The strong model beats the weak one by about $2,733: not by the
      // $5,000 asked. (The same model as the champion would be "unchanged":
      // it is already registered as the champion's version.)
      const run = await gate(name, logged, {
        'candidate-model-uri': logged.models.strong.model_uri,
        'candidate-predictions': logged.models.strong.predictions_csv,
        'champion-predictions': logged.models.weak.predictions_csv,
        'min-improvement': '5000'
      })

      expect(run.status).toBe(1)
      expect(run.outputs).toMatchObject({
        decision: 'reject',
        'alias-moved': 'false',
        'candidate-version': '2'
      })
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toContain('min-improvement')
      const state = await probe.mustState(name)
      expect(state.aliases).toEqual({ champion: '1', candidate: '2' })
      expect(state.versions[1].tags['champion_gate.decision']).toBe('reject')
    })
  })

  it('answers unchanged when the candidate already is the champion, and writes nothing', async () => {
    const name = uniqueModelName('unchanged')
    await probe.register(name, [logged.models.strong], {
      champion: 1,
      candidate: 1
    })
    const before = await probe.mustState(name)

    const run = await gate(name, logged, {
      'candidate-predictions': logged.models.strong.predictions_csv,
      'champion-predictions': logged.models.strong.predictions_csv
    })

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs).toMatchObject({
      decision: 'unchanged',
      'alias-moved': 'false',
      'candidate-version': '1',
      'new-champion-version': '1'
    })
    expect(await probe.mustState(name)).toEqual(before)
    expect(run.summary).toContain(`### ⏸️ Unchanged: **${name}**`)
  })

  it('only evaluates on a pull_request event: no alias moves, no tag, no registration', async () => {
    const name = uniqueModelName('pull-request')
    await probe.register(name, [logged.models.weak, logged.models.strong], {
      champion: 1,
      candidate: 2
    })
    const before = await probe.mustState(name)
    const pullRequest = { GITHUB_EVENT_NAME: 'pull_request' }

    const byAlias = await gate(
      name,
      logged,
      {
        'candidate-predictions': logged.models.strong.predictions_csv,
        'champion-predictions': logged.models.weak.predictions_csv
      },
      pullRequest
    )
    expect(byAlias.errors).toEqual([])
    expect(byAlias.status).toBe(0)
    expect(byAlias.outputs).toMatchObject({
      decision: 'promote',
      'alias-moved': 'false'
    })
    expect(byAlias.stdout).toContain(
      '::warning::mode: gate on a pull_request event evaluates only'
    )
    expect(reportOf(byAlias).notes).toContain(
      'On a pull_request event the gate evaluates only: nothing in the registry was changed.'
    )

    const byUri = await gate(
      name,
      logged,
      {
        'candidate-model-uri': logged.models.strong.model_uri,
        'candidate-predictions': logged.models.strong.predictions_csv,
        'champion-predictions': logged.models.weak.predictions_csv
      },
      pullRequest
    )
    expect(byUri.status).toBe(0)
    expect(byUri.outputs.decision).toBe('promote')
    expect(byUri.outputs['alias-moved']).toBe('false')

    expect(await probe.mustState(name)).toEqual(before)
    // Sanity: the same run on a push does write (so the check above means something).
    const push = await gate(name, logged, {
      'candidate-predictions': logged.models.strong.predictions_csv,
      'champion-predictions': logged.models.weak.predictions_csv
    })
    expect(push.status).toBe(0)
    expect(push.outputs['alias-moved']).toBe('true')
  })

  describe('mode: evaluate with a registry (a pull-request check)', () => {
    it('evaluates a candidate that is only a file against the registered champion, writing nothing', async () => {
      const name = uniqueModelName('eval-file')
      await probe.register(name, [logged.models.weak], { champion: 1 })
      const before = await probe.mustState(name)

      const run = await gate(
        name,
        logged,
        {
          mode: 'evaluate',
          'candidate-predictions': logged.models.strong.predictions_csv,
          'champion-predictions': logged.models.weak.predictions_csv
        },
        { GITHUB_EVENT_NAME: 'pull_request' }
      )

      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs).toMatchObject({
        decision: 'promote',
        'alias-moved': 'false',
        'candidate-version': '',
        'champion-version': '1'
      })
      expect(run.stdout).toContain(
        `No @candidate on '${name}' at ${server.uri.replace(/\/+$/, '')}: the candidate is evaluated from candidate-predictions only.`
      )
      expect(await probe.mustState(name)).toEqual(before)
    })

    it('evaluates files for a model that is not registered yet, creating nothing', async () => {
      const name = uniqueModelName('eval-new')

      const run = await gate(name, logged, {
        mode: 'evaluate',
        'candidate-predictions': logged.models.strong.predictions_csv
      })

      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs.decision).toBe('promote')
      expect(await probe.state(name)).toBeUndefined()
    })
  })

  it('fails the step when the candidate alias is missing, and names it', async () => {
    const name = uniqueModelName('no-candidate')
    await probe.register(name, [logged.models.weak], { champion: 1 })
    const before = await probe.mustState(name)

    const run = await gate(name, logged, {
      'candidate-predictions': logged.models.strong.predictions_csv,
      'champion-predictions': logged.models.weak.predictions_csv
    })

    expect(run.status).toBe(1)
    expect(run.errors).toEqual([
      `::error::Input 'candidate-alias': model '${name}' has no @candidate alias at ${server.uri.replace(/\/+$/, '')}; set the alias in the training job, or give candidate-version or candidate-model-uri`
    ])
    expect(await probe.mustState(name)).toEqual(before)
    expect(run.outputs).toEqual({})
  })
})
