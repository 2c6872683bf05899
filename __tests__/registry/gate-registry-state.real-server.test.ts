/**
 * The registry ends in the state the report says (issue 8), against a REAL
 * MLflow server with the bundled action: colliding or over-long alias
 * inputs refused before any write, events about a pull request that never
 * write, evidence tags replaced as a whole, reports that name what was
 * written, and advice that can be followed (re-promoting a version a
 * rollback moved away from needs allow-repromote).
 *
 *   bash .ci/with-mlflow.sh npm test -- gate-registry-state.real-server
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  POLICY,
  RegistryProbe,
  describeWithMlflow,
  reportOf,
  runnerEnv,
  seed,
  uniqueModelName,
  type Seeded
} from '../../__fixtures__/registry.js'
import { runBundle, type BundleRun } from '../../__fixtures__/run-bundle.js'

const SEED_TIMEOUT = 120_000

describeWithMlflow(
  'the registry ends in the state the report says',
  (servers) => {
    const server = servers.plain
    const probe = new RegistryProbe(server)
    let logged: Seeded

    beforeAll(async () => {
      logged = await seed({
        server,
        modelName: uniqueModelName('state-logged')
      })
    }, SEED_TIMEOUT)

    function gate(
      name: string,
      inputs: Record<string, string>,
      env: Record<string, string> = {}
    ): Promise<BundleRun> {
      return runBundle(
        {
          mode: 'gate',
          'model-name': name,
          'tracking-uri': server.uri,
          'test-set': logged.test_csv,
          ...POLICY,
          ...inputs
        },
        { env: runnerEnv(env) }
      )
    }

    /** weak v1 @champion, strong v2 @candidate: a winning candidate. */
    async function championAndCandidate(label: string): Promise<string> {
      const name = uniqueModelName(label)
      await probe.register(name, [logged.models.weak, logged.models.strong], {
        champion: 1,
        candidate: 2
      })
      return name
    }

    const winning = () => ({
      'candidate-predictions': logged.models.strong.predictions_csv,
      'champion-predictions': logged.models.weak.predictions_csv
    })

    describe('alias inputs that collide or that MLflow refuses', () => {
      it.each([
        [
          { 'candidate-alias': 'champion' },
          'candidate-alias',
          'champion-alias'
        ],
        [
          { 'candidate-alias': 'previous-champion' },
          'candidate-alias',
          'previous-champion-alias'
        ],
        [
          { 'previous-champion-alias': 'champion' },
          'previous-champion-alias',
          'champion-alias'
        ],
        [
          { 'previous-champion-alias': 'candidate' },
          'candidate-alias',
          'previous-champion-alias'
        ]
      ])(
        'refuses %j before any write, naming both inputs',
        async (aliases, second, first) => {
          const name = await championAndCandidate('collide')
          const before = await probe.mustState(name)

          const run = await gate(name, {
            ...winning(),
            // A logged model to register: the case that moved @champion onto a loser.
            'candidate-model-uri': logged.models.weak.model_uri,
            'candidate-predictions': logged.models.weak.predictions_csv,
            'champion-predictions': logged.models.strong.predictions_csv,
            ...aliases
          })

          expect(run.status).toBe(1)
          expect(run.errors).toHaveLength(1)
          expect(run.errors[0]).toContain(`::error::Input '${second}'`)
          expect(run.errors[0]).toContain(`the same as '${first}'`)
          expect(run.outputs).toEqual({})
          expect(await probe.mustState(name)).toEqual(before)
          expect(
            await probe.state(`${name}.champion-gate-lock`)
          ).toBeUndefined()
        }
      )

      it('refuses a 300-character alias before writing any tag', async () => {
        const name = await championAndCandidate('long-alias')
        const before = await probe.mustState(name)

        const run = await gate(name, {
          ...winning(),
          'previous-champion-alias': 'p'.repeat(300)
        })

        expect(run.status).toBe(1)
        expect(run.errors).toHaveLength(1)
        expect(run.errors[0]).toContain(
          "::error::Input 'previous-champion-alias'"
        )
        expect(run.errors[0]).toContain('at most 255')
        expect(run.errors[0]).not.toContain('re-run')
        expect(await probe.mustState(name)).toEqual(before)
      })
    })

    describe('events about a pull request', () => {
      function eventFile(payload: unknown): string {
        const dir = mkdtempSync(join(tmpdir(), 'champion-gate-event-'))
        const path = join(dir, 'event.json')
        writeFileSync(path, JSON.stringify(payload))
        return path
      }

      it.each([
        ['pull_request_review', { pull_request: { number: 3 } }],
        ['pull_request_review_comment', { pull_request: { number: 3 } }],
        ['issue_comment', { issue: { number: 3, pull_request: {} } }]
      ])(
        'gate on %s evaluates only: nothing is written',
        async (event, payload) => {
          const name = await championAndCandidate('pr-event')
          const before = await probe.mustState(name)

          const run = await gate(name, winning(), {
            GITHUB_EVENT_NAME: event,
            GITHUB_EVENT_PATH: eventFile(payload)
          })

          expect(run.errors).toEqual([])
          expect(run.status).toBe(0)
          expect(run.outputs).toMatchObject({
            decision: 'promote',
            'alias-moved': 'false',
            'new-champion-version': '1'
          })
          expect(run.stdout).toContain(
            `::warning::mode: gate on a ${event} event evaluates only`
          )
          expect(await probe.mustState(name)).toEqual(before)
        }
      )

      it('rollback on pull_request_review is refused', async () => {
        const name = uniqueModelName('pr-rollback')
        await probe.register(name, [logged.models.weak, logged.models.strong], {
          champion: 2,
          'previous-champion': 1
        })
        const before = await probe.mustState(name)

        const run = await runBundle(
          { mode: 'rollback', 'model-name': name, 'tracking-uri': server.uri },
          {
            env: runnerEnv({
              GITHUB_EVENT_NAME: 'pull_request_review',
              GITHUB_EVENT_PATH: eventFile({ pull_request: { number: 3 } })
            })
          }
        )

        expect(run.status).toBe(1)
        expect(run.errors[0]).toContain(
          'is not run from a pull_request_review event'
        )
        expect(await probe.mustState(name)).toEqual(before)
      })
    })

    it('replaces an earlier verdict’s evidence tags as a whole, keeping rollback tags', async () => {
      const name = uniqueModelName('stale-tags')
      // v1 strong: no champion now; an earlier run rejected it against a
      // champion since deleted, and a rollback once moved away from it.
      await probe.register(name, [logged.models.strong], { candidate: 1 })
      const earlier: Record<string, string> = {
        decision: 'reject',
        reasons: 'Net benefit $10 is not above the floor.',
        champion_version: '7',
        champion_net_benefit: '99.00',
        champion_f1: '0.5',
        'rollback_from.reason': 'drift'
      }
      for (const [key, value] of Object.entries(earlier)) {
        await probe.setVersionTag(name, '1', `champion_gate.${key}`, value)
      }

      const run = await gate(name, {
        'candidate-predictions': logged.models.strong.predictions_csv,
        'allow-repromote': 'true'
      })

      expect(run.errors).toEqual([])
      expect(run.outputs['alias-moved']).toBe('true')
      const tags = await probe.gateTags(name, '1')
      expect(tags.decision).toBe('promote')
      for (const key of [
        'reasons',
        'champion_version',
        'champion_net_benefit',
        'champion_f1'
      ]) {
        expect([key, tags[key]]).toEqual([key, undefined])
      }
      expect(tags['rollback_from.reason']).toBe('drift')
    })

    describe('reports that agree with the registry', () => {
      it('a reject that registered a model says what it wrote, and that @champion did not move', async () => {
        const name = uniqueModelName('reject-written')
        await probe.register(name, [logged.models.weak], { champion: 1 })

        const run = await gate(name, {
          'candidate-model-uri': logged.models.strong.model_uri,
          'candidate-predictions': logged.models.strong.predictions_csv,
          'champion-predictions': logged.models.weak.predictions_csv,
          'min-improvement': '5000'
        })

        expect(run.status).toBe(1)
        expect(run.outputs).toMatchObject({
          decision: 'reject',
          'alias-moved': 'false',
          'new-champion-version': '1'
        })
        expect(run.summary).not.toContain('Nothing in the registry was changed')
        expect(run.summary).toContain(
          '`@champion` was not moved: it still serves'
        )
        expect(run.summary).toContain('Written to the registry: registered')
        expect(run.summary).toContain('`@candidate` → v2; evidence tags')
        expect(reportOf(run).registry?.written).toEqual([
          `registered ${logged.models.strong.model_uri} as v2`,
          '@candidate → v2',
          'evidence tags (champion_gate.*) on v2'
        ])
        expect((await probe.mustState(name)).aliases).toEqual({
          champion: '1',
          candidate: '2'
        })
      })

      it('with no @champion, ignores champion-predictions: no champion in the summary or the tags', async () => {
        const name = uniqueModelName('no-champion')
        await probe.register(name, [logged.models.strong], { candidate: 1 })

        const run = await gate(name, winning())

        expect(run.errors).toEqual([])
        expect(run.outputs).toMatchObject({
          decision: 'promote',
          'champion-version': '',
          'champion-net-benefit': '',
          'new-champion-version': '1'
        })
        expect(reportOf(run).champion).toBeNull()
        expect(run.stdout).toContain('champion-predictions')
        expect(run.summary).toContain(
          'has no `@champion`: champion-predictions was not used.'
        )
        expect(run.summary).not.toContain('@champion predictions')
        expect(run.summary).not.toContain(logged.models.weak.predictions_csv)
        const tags = await probe.gateTags(name, '1')
        expect(
          Object.keys(tags).filter((k) => k.startsWith('champion_'))
        ).toEqual([])
      })

      it('names a @previous-champion left from before when there was no @champion', async () => {
        const name = uniqueModelName('stale-previous')
        await probe.register(name, [logged.models.weak, logged.models.strong], {
          'previous-champion': 1,
          candidate: 2
        })

        const run = await gate(name, {
          'candidate-predictions': logged.models.strong.predictions_csv
        })

        expect(run.errors).toEqual([])
        expect(reportOf(run).registry).toMatchObject({
          alias_moved: true,
          new_champion_version: '2',
          previous_champion_version: '1'
        })
        expect(run.summary).not.toContain('there is no earlier version')
        expect(run.summary).toContain('back to v1')
        expect(await probe.aliases(name)).toEqual({
          champion: '2',
          'previous-champion': '1',
          candidate: '2'
        })
      })

      it('fills new-champion-version in evaluate mode with a registry', async () => {
        const name = await championAndCandidate('eval-version')
        const run = await gate(name, { ...winning(), mode: 'evaluate' })
        expect(run.errors).toEqual([])
        expect(run.outputs).toMatchObject({
          decision: 'promote',
          'alias-moved': 'false',
          'new-champion-version': '1'
        })
      })
    })

    it('does not promote again a version a rollback moved away from, unless allow-repromote', async () => {
      const name = uniqueModelName('repromote')
      await probe.register(name, [logged.models.weak, logged.models.strong], {
        champion: 2,
        'previous-champion': 1
      })
      const rollback = await runBundle(
        {
          mode: 'rollback',
          'model-name': name,
          'tracking-uri': server.uri,
          reason: 'fraud spike'
        },
        { env: runnerEnv({ GITHUB_EVENT_NAME: 'workflow_dispatch' }) }
      )
      expect(rollback.errors).toEqual([])
      expect(await probe.aliases(name)).toMatchObject({
        champion: '1',
        'previous-champion': '2'
      })
      await probe.setAlias(name, 'candidate', '2')

      const refused = await gate(name, {
        ...winning(),
        'candidate-version': '2'
      })
      expect(refused.status).toBe(1)
      expect(refused.outputs).toMatchObject({
        decision: 'reject',
        'alias-moved': 'false',
        'new-champion-version': '1'
      })
      expect(refused.errors[0]).toContain('v2 was rolled back from')
      expect(refused.errors[0]).toContain('(reason: fraud spike)')
      expect(refused.errors[0]).toContain('allow-repromote: true')
      expect((await probe.aliases(name)).champion).toBe('1')

      const allowed = await gate(name, {
        ...winning(),
        'candidate-version': '2',
        'allow-repromote': 'true'
      })
      expect(allowed.errors).toEqual([])
      expect(allowed.outputs['alias-moved']).toBe('true')
      expect(reportOf(allowed).notes.join('\n')).toContain(
        'allow-repromote is true, so it is promoted again'
      )
      expect((await probe.aliases(name)).champion).toBe('2')
    })
  }
)

describeWithMlflow(
  'evidence and the lock with only EDIT permission (basic-auth server)',
  (servers) => {
    const admin = new RegistryProbe(servers.admin)

    /** Grants the reader EDIT on one registered model, as MLflow's admin. */
    async function grantEdit(name: string): Promise<void> {
      const pair = `${servers.admin.username}:${servers.admin.password}`
      const response = await fetch(
        `${servers.admin.uri.replace(/\/+$/, '')}/api/3.0/mlflow/users/permissions/grant`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Basic ${Buffer.from(pair).toString('base64')}`
          },
          body: JSON.stringify({
            username: servers.reader.username,
            resource_type: 'registered_model',
            resource_id: name,
            permission: 'EDIT'
          }),
          signal: AbortSignal.timeout(20_000)
        }
      )
      expect(response.status).toBe(200)
    }

    it('promotes with EDIT alone: takes and releases the lock, blanks stale tags it may not delete', async () => {
      const name = uniqueModelName('edit-only')
      const seeded = await seed({ server: servers.admin, modelName: name })
      await admin.register(name, [seeded.models.strong], { candidate: 1 })
      await admin.setVersionTag(name, '1', 'champion_gate.reasons', 'old')
      await grantEdit(name)

      const run = await runBundle(
        {
          mode: 'gate',
          'model-name': name,
          'tracking-uri': servers.reader.uri,
          'tracking-username': servers.reader.username!,
          'tracking-password': servers.reader.password!,
          'test-set': seeded.test_csv,
          'candidate-predictions': seeded.models.strong.predictions_csv,
          ...POLICY
        },
        { env: runnerEnv() }
      )

      expect(run.errors).toEqual([])
      expect(run.outputs['alias-moved']).toBe('true')
      const tags = await admin.gateTags(name, '1')
      expect(tags.decision).toBe('promote')
      expect(tags.reasons).toBe('')
      expect(reportOf(run).notes.join('\n')).toContain(
        'were blanked, not deleted (deleting a tag needs MANAGE permission): champion_gate.reasons'
      )
      expect(await admin.state(`${name}.champion-gate-lock`)).toBeUndefined()
    }, 120_000)
  },
  { auth: true }
)
