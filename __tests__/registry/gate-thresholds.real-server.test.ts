/**
 * Each model at its own threshold, against a REAL MLflow server: a
 * champion version's `threshold` tag is its default, a promotion records
 * the new champion's threshold on its version, and the next gate judges it
 * there; a tag that is no threshold stops the run naming the version,
 * before anything is written.
 *
 *   bash .ci/with-mlflow.sh npx jest __tests__/registry/gate-thresholds.real-server.test.ts
 */
import { beforeAll, expect, it } from '@jest/globals'
import {
  POLICY,
  RegistryProbe,
  describeWithMlflow,
  reportOf,
  runnerEnv,
  seed,
  uniqueModelName,
  type Seeded,
  type Server
} from '../../__fixtures__/registry.js'
import { runBundle, type BundleRun } from '../../__fixtures__/run-bundle.js'

const SEED_TIMEOUT = 120_000

describeWithMlflow('mode: gate with per-model thresholds', (servers) => {
  const server: Server = servers.plain
  const probe = new RegistryProbe(server)

  function gate(
    name: string,
    seeded: Seeded,
    inputs: Record<string, string>
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
      { env: runnerEnv() }
    )
  }

  let logged: Seeded
  beforeAll(async () => {
    logged = await seed({
      server,
      modelName: uniqueModelName('thresholds-logged')
    })
  }, SEED_TIMEOUT)

  it(
    "reads the champion's threshold tag, records the new champion's on promotion, and the next gate reads it",
    async () => {
      const name = uniqueModelName('thresholds')
      await probe.register(name, [logged.models.weak, logged.models.strong], {
        champion: 1,
        candidate: 2
      })
      await probe.setVersionTag(name, '1', 'threshold', '0.35')

      const first = await gate(name, logged, {
        'candidate-predictions': logged.models.strong.predictions_csv,
        'champion-predictions': logged.models.weak.predictions_csv,
        'candidate-threshold': '0.25'
      })
      expect(first.errors).toEqual([])
      expect(first.outputs).toMatchObject({
        decision: 'promote',
        'new-champion-version': '2'
      })
      const report = reportOf(first) as ReturnType<typeof reportOf> & {
        candidate: { threshold: unknown }
        champion: { threshold: unknown }
        registry: { written: string[] }
      }
      expect(report.candidate.threshold).toEqual({
        value: 0.25,
        source: 'input'
      })
      expect(report.champion.threshold).toEqual({ value: 0.35, source: 'tag' })
      expect(report.registry.written).toContain('threshold=0.25 on v2')
      // Written before @champion moved, so the new champion carries it.
      const written = report.registry.written
      expect(written.indexOf('threshold=0.25 on v2')).toBeLessThan(
        written.indexOf('@champion → v2')
      )
      expect((await probe.version(name, '2')).tags).toMatchObject({
        threshold: '0.25'
      })
      expect(first.summary).toContain(
        "candidate ≥ 0.25 (input `candidate-threshold`), champion ≥ 0.35 (its version's `threshold` tag)"
      )

      // The next gate: v1 challenges v2; each is judged at its own tag.
      const second = await gate(name, logged, {
        'candidate-version': '1',
        'candidate-predictions': logged.models.weak.predictions_csv,
        'champion-predictions': logged.models.strong.predictions_csv
      })
      expect(second.outputs.decision).toBe('reject')
      const again = reportOf(second) as ReturnType<typeof reportOf> & {
        candidate: { threshold: unknown }
        champion: { threshold: unknown }
      }
      expect(again.champion.threshold).toEqual({ value: 0.25, source: 'tag' })
      expect(again.candidate.threshold).toEqual({ value: 0.35, source: 'tag' })
      expect(await probe.aliases(name)).toMatchObject({ champion: '2' })
    },
    SEED_TIMEOUT
  )

  it(
    'stops on a threshold tag that is no threshold, naming the version, and writes nothing',
    async () => {
      const name = uniqueModelName('thresholds-bad')
      await probe.register(name, [logged.models.weak, logged.models.strong], {
        champion: 1,
        candidate: 2
      })
      await probe.setVersionTag(name, '1', 'threshold', 'tuned')
      const before = await probe.mustState(name)

      const run = await gate(name, logged, {
        'candidate-predictions': logged.models.strong.predictions_csv,
        'champion-predictions': logged.models.weak.predictions_csv
      })
      expect(run.status).toBe(1)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toContain(
        `The champion ${name} v1 has the tag threshold='tuned', which is not a number from 0 to 1`
      )
      expect(await probe.mustState(name)).toEqual(before)
      expect(await probe.gateTags(name, '2')).toEqual({})
    },
    SEED_TIMEOUT
  )
})
