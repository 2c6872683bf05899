/**
 * The promotion lock against a REAL MLflow server: two gate runs of the
 * bundle racing with different candidates (alias writes slowed by a proxy
 * on loopback, so their writes would overlap), a lock left behind by a
 * crashed run, a lock another run holds, and rollback taking the same lock.
 * The registry is read back over plain REST.
 *
 *   bash .ci/with-mlflow.sh npm test -- promotion-lock.real-server
 */
import { afterEach, beforeAll, expect, it } from '@jest/globals'
import {
  POLICY,
  RegistryProbe,
  describeWithMlflow,
  runnerEnv,
  seed,
  uniqueModelName,
  type Seeded
} from '../../__fixtures__/registry.js'
import { runBundle, type BundleRun } from '../../__fixtures__/run-bundle.js'
import { startSlowProxy, type SlowProxy } from '../support/slow-proxy.js'

const SEED_TIMEOUT = 120_000
const LOCK = '.champion-gate-lock'

describeWithMlflow(
  'the promotion lock against a real MLflow server',
  (servers) => {
    const server = servers.plain
    const probe = new RegistryProbe(server)
    let logged: Seeded
    let proxy: SlowProxy | undefined

    beforeAll(async () => {
      logged = await seed({ server, modelName: uniqueModelName('lock-logged') })
    }, SEED_TIMEOUT)

    afterEach(async () => {
      await proxy?.close()
      proxy = undefined
    })

    function gate(
      name: string,
      uri: string,
      inputs: Record<string, string>,
      env: Record<string, string> = {}
    ): Promise<BundleRun> {
      return runBundle(
        {
          mode: 'gate',
          'model-name': name,
          'tracking-uri': uri,
          'test-set': logged.test_csv,
          ...POLICY,
          ...inputs
        },
        { env: runnerEnv(env) }
      )
    }

    /** A lock another run holds (or held): the tags the action writes. */
    function lockTags(owner: string, startedAt: Date, expiresAt: Date) {
      return {
        'champion_gate.lock.owner': owner,
        'champion_gate.lock.token': 'feedfacefeedface',
        'champion_gate.lock.model': 'x',
        'champion_gate.lock.started_at': startedAt.toISOString(),
        'champion_gate.lock.expires_at': expiresAt.toISOString()
      }
    }

    it(
      'lets only one of two racing gates promote; the other stops with the race error and writes nothing',
      async () => {
        const name = uniqueModelName('lock-race')
        const { weak, strong } = logged.models
        // v1 weak (champion); v2 and v3 the strong model, each a candidate.
        await probe.register(name, [weak, strong, strong], { champion: 1 })
        // Alias writes take 1.5 s: without a lock, both runs' re-reads of
        // @champion fall before either's write (the race of issue 7).
        proxy = await startSlowProxy(server.uri, {
          delayOf: (method, path) =>
            method === 'POST' && path.includes('/registered-models/alias')
              ? 1500
              : 0
        })
        const files = {
          'candidate-predictions': strong.predictions_csv,
          'champion-predictions': weak.predictions_csv
        }
        const runs = await Promise.all([
          gate(
            name,
            proxy.uri,
            { ...files, 'candidate-version': '2' },
            {
              GITHUB_RUN_ID: '1002'
            }
          ),
          gate(
            name,
            proxy.uri,
            { ...files, 'candidate-version': '3' },
            {
              GITHUB_RUN_ID: '1003'
            }
          )
        ])

        const winners = runs.filter((r) => r.outputs['alias-moved'] === 'true')
        expect(winners).toHaveLength(1)
        const [winner] = winners
        const loser = runs.find((r) => r !== winner)!
        expect(winner.status).toBe(0)
        expect(winner.errors).toEqual([])
        const won = winner.outputs['candidate-version']
        const lost = won === '2' ? '3' : '2'
        expect(loser.status).toBe(1)
        expect(loser.errors).toHaveLength(1)
        expect(loser.errors[0]).toContain(
          `@champion of '${name}' moved from v1 to v${won} while this run evaluated v${lost}`
        )
        expect(loser.errors[0]).toContain(
          'Nothing was written to the registry by this run'
        )
        expect(loser.errors[0]).toContain(`a re-run compares against v${won}`)

        const state = await probe.mustState(name)
        expect(state.aliases).toEqual({
          champion: won,
          'previous-champion': '1'
        })
        // The loser wrote nothing at all: no evidence on its candidate.
        expect(await probe.gateTags(name, lost)).toEqual({})
        expect((await probe.gateTags(name, won)).decision).toBe('promote')
        // The lock is gone, and both runs asked for it.
        expect(await probe.state(`${name}${LOCK}`)).toBeUndefined()
        const creates = proxy.seen.filter((line) =>
          line.startsWith('POST /api/2.0/mlflow/registered-models/create')
        )
        expect(creates.length).toBeGreaterThanOrEqual(2)
      },
      SEED_TIMEOUT
    )

    it('takes over a lock whose holder crashed (past its expiry) and promotes', async () => {
      const name = uniqueModelName('lock-stale')
      const { weak, strong } = logged.models
      await probe.register(name, [weak, strong], { champion: 1, candidate: 2 })
      const crashed = 'https://github.com/acme/other/actions/runs/77'
      const hourAgo = new Date(Date.now() - 3_600_000)
      await probe.createModel(
        `${name}${LOCK}`,
        lockTags(crashed, hourAgo, new Date(hourAgo.getTime() + 600_000))
      )

      const run = await gate(name, server.uri, {
        'candidate-predictions': strong.predictions_csv,
        'champion-predictions': weak.predictions_csv
      })

      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      expect(run.outputs['alias-moved']).toBe('true')
      expect(run.stdout).toContain(
        `::warning::The promotion lock '${name}${LOCK}' of ${crashed}`
      )
      expect(run.stdout).toContain('taking it over')
      expect(await probe.aliases(name)).toEqual({
        champion: '2',
        candidate: '2',
        'previous-champion': '1'
      })
      expect(await probe.state(`${name}${LOCK}`)).toBeUndefined()
      expect(
        await probe.state(`${name}${LOCK}.release-feedfacefeedface`)
      ).toBeUndefined()
    })

    it('waits for a live lock of another run, then fails naming who holds it and since when, writing nothing', async () => {
      const name = uniqueModelName('lock-live')
      const { weak, strong } = logged.models
      await probe.register(name, [weak, strong], { champion: 1, candidate: 2 })
      const holder = 'https://github.com/acme/other/actions/runs/88'
      const since = new Date(Date.now() - 5_000)
      await probe.createModel(
        `${name}${LOCK}`,
        lockTags(holder, since, new Date(Date.now() + 600_000))
      )
      const before = await probe.mustState(name)
      const started = Date.now()

      const run = await gate(name, server.uri, {
        'candidate-predictions': strong.predictions_csv,
        'champion-predictions': weak.predictions_csv,
        'lock-timeout-seconds': '3'
      })

      expect(Date.now() - started).toBeGreaterThanOrEqual(3000)
      expect(run.status).toBe(1)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toContain(
        `Another run holds the promotion lock of '${name}': ${holder}, since ${since.toISOString()}`
      )
      expect(run.errors[0]).toContain('Nothing was written to the registry')
      expect(run.stdout).toContain(
        `Waiting for the promotion lock '${name}${LOCK}'`
      )
      expect(await probe.mustState(name)).toEqual(before)
      // Their lock is still theirs.
      expect(
        (await probe.modelTags(`${name}${LOCK}`))?.['champion_gate.lock.owner']
      ).toBe(holder)
    })

    it('makes rollback wait for the same lock', async () => {
      const name = uniqueModelName('lock-rollback')
      const { weak, strong } = logged.models
      await probe.register(name, [weak, strong], {
        champion: 2,
        'previous-champion': 1
      })
      const holder = 'https://github.com/acme/other/actions/runs/99'
      const since = new Date(Date.now() - 1_000)
      await probe.createModel(
        `${name}${LOCK}`,
        lockTags(holder, since, new Date(Date.now() + 600_000))
      )
      const before = await probe.mustState(name)

      const run = await runBundle(
        {
          mode: 'rollback',
          'model-name': name,
          'tracking-uri': server.uri,
          'lock-timeout-seconds': '1',
          reason: 'drift'
        },
        { env: runnerEnv({ GITHUB_EVENT_NAME: 'workflow_dispatch' }) }
      )

      expect(run.status).toBe(1)
      expect(run.errors[0]).toContain(
        `Another run holds the promotion lock of '${name}': ${holder}`
      )
      expect(await probe.mustState(name)).toEqual(before)
    })

    it('refuses a registered model that has the lock name but is not a lock', async () => {
      const name = uniqueModelName('lock-squat')
      const { weak, strong } = logged.models
      await probe.register(name, [weak, strong], { champion: 1, candidate: 2 })
      await probe.createModel(`${name}${LOCK}`)
      const before = await probe.mustState(name)

      const run = await gate(name, server.uri, {
        'candidate-predictions': strong.predictions_csv,
        'champion-predictions': weak.predictions_csv
      })

      expect(run.status).toBe(1)
      expect(run.errors[0]).toContain(
        `A registered model named '${name}${LOCK}' exists but is not a champion-gate promotion lock`
      )
      expect(await probe.mustState(name)).toEqual(before)
      // Not deleted: it is not ours.
      expect(await probe.state(`${name}${LOCK}`)).toBeDefined()
    })
  }
)
