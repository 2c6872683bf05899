/**
 * `mode: gate` with `score-command` against a REAL MLflow server: the real
 * `mlflow models predict` loading `models:/<name>/<version>` from the
 * registry, and a scorer that loses a race on purpose (it moves @champion
 * while "scoring", as a concurrent workflow run would). The bundled action
 * runs as the runner runs it; the registry is read back over plain REST.
 *
 *   bash .ci/with-mlflow.sh npm test -- gate-scoring.real-server
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  POLICY,
  PYTHON,
  RegistryProbe,
  describeWithMlflow,
  reportOf,
  runnerEnv,
  seed,
  uniqueModelName,
  type Seeded
} from '../../__fixtures__/registry.js'
import {
  ROOT,
  assertNoSecrets,
  runBundle
} from '../../__fixtures__/run-bundle.js'

const MLFLOW_PREDICT =
  'mlflow models predict -m {model_uri} -i {test_set} -o {output} -t csv --env-manager local'
const RACE_SCORER = join(ROOT, '__tests__/support/mlflow/race_scorer.py')

describeWithMlflow(
  'mode: gate with score-command against a real MLflow server',
  (servers) => {
    const server = servers.plain
    const probe = new RegistryProbe(server)

    it('scores both models with the real `mlflow models predict` and gets the figures of the prediction files', async () => {
      const name = uniqueModelName('score')
      // Both models return probabilities, as the prediction files hold.
      const seeded = await seed({
        server,
        modelName: name,
        register: ['weak', 'strong'],
        aliases: { champion: 1, candidate: 2 },
        predictProba: ['strong', 'weak']
      })
      const common = {
        'model-name': name,
        'tracking-uri': server.uri,
        'test-set': seeded.test_csv,
        ...POLICY
      }
      const before = await probe.mustState(name)

      const fromFiles = await runBundle(
        {
          ...common,
          mode: 'evaluate',
          'candidate-predictions': seeded.models.strong.predictions_csv,
          'champion-predictions': seeded.models.weak.predictions_csv
        },
        { env: runnerEnv() }
      )
      expect(fromFiles.errors).toEqual([])
      expect(fromFiles.status).toBe(0)
      // evaluate never writes, even with a registry and a winning candidate.
      expect(await probe.mustState(name)).toEqual(before)

      const scored = await runBundle(
        { ...common, mode: 'gate', 'score-command': MLFLOW_PREDICT },
        { env: runnerEnv() }
      )
      expect(scored.errors).toEqual([])
      expect(scored.status).toBe(0)

      const files = reportOf(fromFiles)
      const scores = reportOf(scored)
      expect(scores.candidate.metrics).toEqual(files.candidate.metrics)
      expect(scores.champion?.metrics).toEqual(files.champion?.metrics)
      expect(scores.curves).toEqual(files.curves)
      expect(scores.candidate.metrics.net_benefit).toBeGreaterThan(1000)
      for (const output of [
        'decision',
        'candidate-net-benefit',
        'candidate-f1',
        'champion-net-benefit',
        'champion-f1',
        'candidate-version',
        'champion-version'
      ]) {
        expect([output, scored.outputs[output]]).toEqual([
          output,
          fromFiles.outputs[output]
        ])
      }
      expect(scored.outputs).toMatchObject({
        decision: 'promote',
        'alias-moved': 'true',
        'new-champion-version': '2'
      })
      // Each model was scored by score-command, loaded from the registry by version.
      expect(scores.candidate.model_uri).toBe(`models:/${name}/2`)
      expect(scores.champion?.model_uri).toBe(`models:/${name}/1`)
      const scoresDir = join(scored.runnerTemp, 'champion-gate-scores')
      expect(scores.candidate.predictions).toContain(scoresDir)
      expect(scores.champion?.predictions).toContain(scoresDir)
      // A private folder per run (champion-gate-scores-XXXXXX), gone at the end.
      expect(
        readdirSync(scored.runnerTemp).filter((f) =>
          f.startsWith('champion-gate-scores')
        )
      ).toEqual([])
      expect(await probe.aliases(name)).toEqual({
        champion: '2',
        'previous-champion': '1',
        candidate: '2'
      })
      expect(await probe.gateTags(name, '2')).toMatchObject({
        decision: 'promote',
        net_benefit: fromFiles.outputs['candidate-net-benefit'],
        f1: fromFiles.outputs['candidate-f1']
      })
    }, 180_000)

    it('runs the scorer without the GitHub token, the INPUT_* or the runner tokens, but with what reaches the registry', async () => {
      const name = uniqueModelName('score-env')
      const seeded = await seed({
        server,
        modelName: name,
        register: ['weak', 'strong'],
        aliases: { champion: 1, candidate: 2 }
      })
      // A scorer that copies each model's prediction file and records the
      // environment it was given (model code could read the same).
      const dir = seeded.test_csv.replace(/\/[^/]+$/, '')
      const scorer = join(dir, 'env_scorer.mjs')
      writeFileSync(
        scorer,
        [
          "import { appendFileSync, copyFileSync } from 'node:fs'",
          'const [, , uri, output, dump, ...files] = process.argv',
          "const file = Object.fromEntries(files.map((f) => f.split('=')))[uri]",
          'copyFileSync(file, output)',
          "appendFileSync(dump, JSON.stringify(process.env) + '\\n')"
        ].join('\n')
      )
      const dump = join(dir, 'env.jsonl')
      const command = [
        process.execPath,
        scorer,
        '{model_uri} {output}',
        dump,
        `models:/${name}/2=${seeded.models.strong.predictions_csv}`,
        `models:/${name}/1=${seeded.models.weak.predictions_csv}`
      ].join(' ')
      const githubToken = 'ghs_scorerMustNotSeeThis0123456789'
      const trackingToken = 'cg-tracking-token-for-the-scorer'
      const run = await runBundle(
        {
          mode: 'gate',
          'model-name': name,
          'tracking-uri': server.uri,
          'tracking-token': trackingToken,
          'test-set': seeded.test_csv,
          'score-command': command,
          'github-token': githubToken,
          ...POLICY
        },
        {
          env: runnerEnv({
            GITHUB_TOKEN: githubToken,
            ACTIONS_RUNTIME_TOKEN: 'runtime-token-secret',
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-secret',
            LANG: 'C.UTF-8'
          })
        }
      )
      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      const seen = readFileSync(dump, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, string>)
      expect(seen).toHaveLength(2)
      for (const env of seen) {
        expect(
          Object.keys(env).filter((k) =>
            /^(GITHUB_|INPUT_|ACTIONS_|RUNNER_)/i.test(k)
          )
        ).toEqual([])
        expect(JSON.stringify(env)).not.toMatch(
          /ghs_scorerMustNotSeeThis|runtime-token-secret|oidc-request-secret/
        )
        // What the scorer needs to reach the same registry, and the basics.
        expect(env).toMatchObject({
          MLFLOW_TRACKING_TOKEN: trackingToken,
          LANG: 'C.UTF-8'
        })
        expect(env.MLFLOW_TRACKING_URI.replace(/\/+$/, '')).toBe(
          server.uri.replace(/\/+$/, '')
        )
        expect(env.PATH).toBeTruthy()
      }
      assertNoSecrets(run, [githubToken, trackingToken])
    }, 180_000)

    /** A score-command that moves @champion to `moveTo` while it "scores". */
    function racer(
      name: string,
      moveTo: string,
      predictions: Record<string, string>
    ): string {
      return [
        PYTHON,
        RACE_SCORER,
        '--model-uri {model_uri} --output {output}',
        `--model-name ${name} --move champion=${moveTo}`,
        ...Object.entries(predictions).map(
          ([uri, csv]) => `--predictions ${uri}=${csv}`
        )
      ].join(' ')
    }

    describe('the race: @champion moves between the read and the write', () => {
      // Logged models and files; each test registers its own versions of them.
      let seeded: Seeded
      beforeAll(async () => {
        seeded = await seed({
          server,
          modelName: uniqueModelName('race-logged')
        })
      }, 120_000)

      it('stops with "another run promoted first", moving no alias', async () => {
        const name = uniqueModelName('race')
        const { weak, strong } = seeded.models
        // v1 weak (champion), v2 strong (candidate), v3 weak (the other run's pick).
        await probe.register(name, [weak, strong, weak], {
          champion: 1,
          candidate: 2
        })

        const run = await runBundle(
          {
            mode: 'gate',
            'model-name': name,
            'tracking-uri': server.uri,
            'test-set': seeded.test_csv,
            'score-command': racer(name, '3', {
              [`models:/${name}/1`]: weak.predictions_csv,
              [`models:/${name}/2`]: strong.predictions_csv
            }),
            ...POLICY
          },
          { env: runnerEnv() }
        )

        expect(run.status).toBe(1)
        expect(run.stdout).toContain(`race: moved @champion of ${name} to v3`)
        expect(run.errors).toEqual([
          `::error::@champion of '${name}' moved from v1 to v3 while this run evaluated v2; another run promoted first. Nothing was written to the registry by this run; a re-run compares against v3.`
        ])
        expect(run.outputs).toEqual({})
        const state = await probe.mustState(name)
        // @champion is where the other run put it; @previous-champion never appeared.
        expect(state.aliases).toEqual({ champion: '3', candidate: '2' })
        for (const version of state.versions) {
          expect([version.version, Object.keys(version.tags)]).toEqual([
            version.version,
            []
          ])
        }
      })

      it('registers nothing for a logged candidate that lost the race, and a re-run registers it once', async () => {
        const name = uniqueModelName('race-uri')
        const { weak, strong } = seeded.models
        // v1 weak (champion), v2 weak (the other run's pick); strong is only logged.
        await probe.register(name, [weak, weak], { champion: 1 })

        const run = await runBundle(
          {
            mode: 'gate',
            'model-name': name,
            'tracking-uri': server.uri,
            'test-set': seeded.test_csv,
            'candidate-model-uri': strong.model_uri,
            'score-command': racer(name, '2', {
              [`models:/${name}/1`]: weak.predictions_csv,
              [strong.model_uri]: strong.predictions_csv
            }),
            ...POLICY
          },
          { env: runnerEnv() }
        )

        expect(run.status).toBe(1)
        expect(run.errors).toEqual([
          `::error::@champion of '${name}' moved from v1 to v2 while this run evaluated ${strong.model_uri} (not registered yet); another run promoted first. ` +
            'Nothing was written to the registry by this run; a re-run compares against v2.'
        ])
        // The race is decided under the lock before registering: no orphan version.
        const raced = await probe.mustState(name)
        expect(raced.aliases).toEqual({ champion: '2' })
        expect(raced.versions.map((v) => v.version)).toEqual(['1', '2'])

        // The advice works: the re-run compares v3 with the new champion v2.
        const again = await runBundle(
          {
            mode: 'gate',
            'model-name': name,
            'tracking-uri': server.uri,
            'test-set': seeded.test_csv,
            'candidate-model-uri': strong.model_uri,
            'candidate-predictions': strong.predictions_csv,
            'champion-predictions': weak.predictions_csv,
            ...POLICY
          },
          { env: runnerEnv() }
        )
        expect(again.errors).toEqual([])
        expect(again.outputs).toMatchObject({
          decision: 'promote',
          'champion-version': '2',
          'new-champion-version': '3'
        })
        const state = await probe.mustState(name)
        expect(state.aliases).toEqual({
          champion: '3',
          'previous-champion': '2',
          candidate: '3'
        })
        // Registered once: no second copy of the logged model.
        expect(state.versions.map((v) => v.version)).toEqual(['1', '2', '3'])

        // The same gate once more: the logged model already is v3 and the
        // champion, so nothing is registered or written.
        const before = await probe.mustState(name)
        const third = await runBundle(
          {
            mode: 'gate',
            'model-name': name,
            'tracking-uri': server.uri,
            'test-set': seeded.test_csv,
            'candidate-model-uri': strong.model_uri,
            'candidate-predictions': strong.predictions_csv,
            'champion-predictions': strong.predictions_csv,
            ...POLICY
          },
          { env: runnerEnv() }
        )
        expect(third.errors).toEqual([])
        expect(third.outputs).toMatchObject({
          decision: 'unchanged',
          'alias-moved': 'false',
          'new-champion-version': '3'
        })
        expect(await probe.mustState(name)).toEqual(before)
      })
    })
  }
)
