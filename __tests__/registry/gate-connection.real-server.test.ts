/**
 * How `mode: gate` and `mode: evaluate` meet the server: an unreachable
 * tracking URI, a wrong path prefix, and MLflow's basic-auth app with a
 * read-only user and an admin. The bundled action runs as the runner runs
 * it; the registry is read back over plain REST; no credential may show in
 * anything the step prints or publishes.
 *
 *   bash .ci/with-mlflow.sh npm test -- gate-connection.real-server
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import {
  POLICY,
  RegistryProbe,
  closedPort,
  describeWithMlflow,
  everythingShown,
  runnerEnv,
  seed,
  uniqueModelName,
  type Seeded
} from '../../__fixtures__/registry.js'
import {
  assertNoSecrets,
  runBundle,
  type BundleRun
} from '../../__fixtures__/run-bundle.js'

/** A bearer token that must never be shown. */
const TOKEN = `cg-token-${Math.random().toString(36).slice(2)}-do-not-print`
/** Keep the failure fast: two tries, two seconds. */
const FAST_RETRIES = { 'retry-max-attempts': '2', 'retry-max-seconds': '2' }

describeWithMlflow(
  'how the gate meets real MLflow servers',
  (servers) => {
    const plain = new RegistryProbe(servers.plain)
    const admin = new RegistryProbe(servers.admin)
    const authUri = servers.admin.uri.replace(/\/+$/, '')

    /** Runs the bundle with the seeded files; weak is the champion, strong the candidate. */
    function run(
      seeded: Seeded,
      inputs: Record<string, string>,
      env: Record<string, string> = {}
    ): Promise<BundleRun> {
      return runBundle(
        {
          mode: 'gate',
          'test-set': seeded.test_csv,
          'candidate-predictions': seeded.models.strong.predictions_csv,
          'champion-predictions': seeded.models.weak.predictions_csv,
          ...POLICY,
          ...inputs
        },
        { env: runnerEnv(env) }
      )
    }

    describe('an unreachable or wrong tracking URI', () => {
      let logged: Seeded
      beforeAll(async () => {
        logged = await seed({
          server: servers.plain,
          modelName: uniqueModelName('conn-logged')
        })
      }, 120_000)

      it('fails after the bounded retries with one ::error:: naming the URI and the request, never the token', async () => {
        const name = uniqueModelName('unreachable')
        const uri = `http://127.0.0.1:${await closedPort()}`
        const started = Date.now()

        const result = await run(logged, {
          'model-name': name,
          'tracking-uri': uri,
          'tracking-token': TOKEN,
          ...FAST_RETRIES
        })

        expect(Date.now() - started).toBeLessThan(15_000)
        expect(result.status).toBe(1)
        expect(result.errors).toHaveLength(1)
        const [error] = result.errors
        expect(error).toContain(
          `Could not reach MLflow at ${uri} after 2 attempts`
        )
        expect(error).toContain('ECONNREFUSED')
        expect(error).toContain(
          `(GET /api/2.0/mlflow/registered-models/get?name=${name})`
        )
        expect(result.stdout).toContain('retrying in')
        expect(result.outputs).toEqual({})
        expect(result.summary).toBe('')
        // The token was masked for the runner, and shown nowhere.
        expect(result.stdout).toContain(`::add-mask::${TOKEN}`)
        expect(everythingShown(result)).not.toContain(TOKEN)
        assertNoSecrets(result, [TOKEN])
      })

      it('fails on a wrong path prefix with one ::error:: naming the URI and the request, and writes nothing', async () => {
        const name = uniqueModelName('wrong-prefix')
        await plain.register(name, [logged.models.weak, logged.models.strong], {
          champion: 1,
          candidate: 2
        })
        const before = await plain.mustState(name)
        const uri = `${servers.plain.uri.replace(/\/+$/, '')}/wrong`

        const result = await run(logged, {
          'model-name': name,
          'tracking-uri': uri,
          'tracking-token': TOKEN,
          ...FAST_RETRIES
        })

        expect(result.status).toBe(1)
        expect(result.errors).toHaveLength(1)
        const [error] = result.errors
        expect(error).toContain(
          `MLflow at ${uri} answered GET /api/2.0/mlflow/registered-models/get?name=${name} with HTTP 404`
        )
        expect(error).toContain('is the tracking URI right (path prefix)?')
        expect(result.outputs).toEqual({})
        expect(everythingShown(result)).not.toContain(TOKEN)
        assertNoSecrets(result, [TOKEN])
        // The right server was not touched.
        expect(await plain.mustState(name)).toEqual(before)
      })
    })

    describe('the basic-auth server', () => {
      const name = uniqueModelName('auth')
      let seeded: Seeded
      beforeAll(async () => {
        // Seeded and registered as the admin: v1 weak @champion, v2 strong @candidate.
        seeded = await seed({
          server: servers.admin,
          modelName: name,
          register: ['weak', 'strong'],
          aliases: { champion: 1, candidate: 2 }
        })
      }, 120_000)

      /** The read-only user's credentials, as the scanner looks for them. */
      const reader = (): { username: string; password: string } => ({
        username: servers.reader.username!,
        password: servers.reader.password!
      })

      const asReader = (): Record<string, string> => ({
        'model-name': name,
        'tracking-uri': servers.reader.uri,
        'tracking-username': servers.reader.username!,
        'tracking-password': servers.reader.password!,
        ...FAST_RETRIES
      })

      it('lets the read-only user evaluate from the registry', async () => {
        const before = await admin.mustState(name)

        const result = await run(seeded, { ...asReader(), mode: 'evaluate' })

        expect(result.errors).toEqual([])
        expect(result.status).toBe(0)
        // The versions came from the registry, read as the reader.
        expect(result.outputs).toMatchObject({
          decision: 'promote',
          'alias-moved': 'false',
          'candidate-version': '2',
          'champion-version': '1'
        })
        expect(await admin.mustState(name)).toEqual(before)
        expect(everythingShown(result)).not.toContain(servers.reader.password)
        assertNoSecrets(result, [reader()])
      })

      it('takes credentials from the tracking URI, and shows neither them nor the URI with them', async () => {
        const url = new URL(servers.reader.uri)
        url.username = servers.reader.username!
        url.password = servers.reader.password!

        const result = await run(seeded, {
          mode: 'evaluate',
          'model-name': name,
          'tracking-uri': url.toString(),
          ...FAST_RETRIES
        })

        expect(result.errors).toEqual([])
        expect(result.status).toBe(0)
        expect(result.outputs['champion-version']).toBe('1')
        const shown = everythingShown(result)
        expect(shown).not.toContain(servers.reader.password)
        expect(shown).toContain(authUri)
        assertNoSecrets(result, [reader()])
      })

      it('refuses the read-only user a gate with a clear permission error, and nothing changes', async () => {
        const before = await admin.mustState(name)

        const result = await run(seeded, asReader())

        expect(result.status).toBe(1)
        expect(result.errors).toHaveLength(1)
        const [error] = result.errors
        expect(error).toContain(
          `MLflow at ${authUri} refused POST /api/2.0/mlflow/`
        )
        expect(error).toContain('(HTTP 403')
        expect(error).toContain(`EDIT permission on registered model '${name}'`)
        expect(error).toContain('Nothing was written to the registry.')
        expect(await admin.mustState(name)).toEqual(before)
        expect(everythingShown(result)).not.toContain(servers.reader.password)
        assertNoSecrets(result, [reader()])
      })

      it('refuses the read-only user a rollback, and nothing changes', async () => {
        const before = await admin.mustState(name)

        const result = await runBundle(
          { ...asReader(), mode: 'rollback', 'rollback-to': '2' },
          { env: runnerEnv({ GITHUB_EVENT_NAME: 'workflow_dispatch' }) }
        )

        expect(result.status).toBe(1)
        expect(result.errors).toHaveLength(1)
        expect(result.errors[0]).toContain(
          `refused POST /api/2.0/mlflow/registered-models/alias (HTTP 403`
        )
        expect(result.errors[0]).toContain(
          'Nothing was written to the registry.'
        )
        expect(await admin.mustState(name)).toEqual(before)
        expect(everythingShown(result)).not.toContain(servers.reader.password)
        assertNoSecrets(result, [reader()])
      })

      it('says which credentials were refused when the password is wrong', async () => {
        const wrong = `${servers.reader.password!}-wrong`

        const result = await run(seeded, {
          ...asReader(),
          mode: 'evaluate',
          'tracking-password': wrong
        })

        expect(result.status).toBe(1)
        expect(result.errors).toHaveLength(1)
        expect(result.errors[0]).toContain('(HTTP 401')
        expect(result.errors[0]).toContain(
          "the username and password were refused; check inputs 'tracking-username' + 'tracking-password'"
        )
        expect(everythingShown(result)).not.toContain(wrong)
        assertNoSecrets(result, [
          { username: servers.reader.username!, password: wrong }
        ])
      })

      it('lets the admin gate (credentials from MLFLOW_TRACKING_USERNAME/PASSWORD)', async () => {
        // Its own model, registered as the admin from the same logged models.
        const own = uniqueModelName('auth-admin')
        await admin.register(own, [seeded.models.weak, seeded.models.strong], {
          champion: 1,
          candidate: 2
        })

        const result = await run(
          seeded,
          { 'model-name': own, 'tracking-uri': servers.admin.uri },
          {
            MLFLOW_TRACKING_USERNAME: servers.admin.username!,
            MLFLOW_TRACKING_PASSWORD: servers.admin.password!
          }
        )

        expect(result.errors).toEqual([])
        expect(result.status).toBe(0)
        expect(result.outputs).toMatchObject({
          decision: 'promote',
          'alias-moved': 'true',
          'new-champion-version': '2'
        })
        expect(await admin.aliases(own)).toEqual({
          champion: '2',
          'previous-champion': '1',
          candidate: '2'
        })
        expect((await admin.gateTags(own, '2')).decision).toBe('promote')
        expect(everythingShown(result)).not.toContain(servers.admin.password)
        // Nor in the evidence the run wrote to the registry.
        assertNoSecrets(
          result,
          [
            {
              username: servers.admin.username!,
              password: servers.admin.password!
            }
          ],
          { 'tags of v2': JSON.stringify(await admin.gateTags(own, '2')) }
        )
      })
    })
  },
  { auth: true }
)
