/**
 * The promotion under a flaky network: the bundled action in `mode: gate`
 * talks to a real MLflow server through a fault-injecting proxy on loopback
 * (`__tests__/support/network-stand-ins.ts`), and the registry is read back
 * over plain REST, bypassing the proxy. Each fault ends either in the right
 * final state (@champion on the candidate, @previous-champion on the old
 * champion, the evidence tags) within the retry budget, or in one clear
 * error after which a plain re-run reaches that state.
 *
 * Faults are matched by METHOD + path (and the Nth occurrence), so extra
 * requests elsewhere in the flow (a promotion lock) do not shift them.
 *
 *   bash .ci/with-mlflow.sh npm test -- network-faults.real-server
 */
import { afterEach, beforeAll, expect, it } from '@jest/globals'
import {
  POLICY,
  RegistryProbe,
  describeWithMlflow,
  everythingShown,
  runnerEnv,
  seed,
  uniqueModelName,
  type Seeded
} from '../../__fixtures__/registry.js'
import { runBundle, type BundleRun } from '../../__fixtures__/run-bundle.js'
import {
  startFaultProxy,
  type FaultProxy,
  type FaultRule
} from '../support/network-stand-ins.js'

const ALIAS = '/api/2.0/mlflow/registered-models/alias'
const SET_TAG = '/api/2.0/mlflow/model-versions/set-tag'
const CREATE_VERSION = '/api/2.0/mlflow/model-versions/create'
const CREATE_MODEL = '/api/2.0/mlflow/registered-models/create'
/** Sent on every request (the plain server ignores it) and never to be shown, retries and failures included. */
const TOKEN = `cg-fault-token-${Math.random().toString(36).slice(2)}`
/** A budget that absorbs a few faults but ends a test in seconds. */
const RETRIES = { 'retry-max-attempts': '4', 'retry-max-seconds': '30' }

describeWithMlflow('the gate through a faulty network', (servers) => {
  const probe = new RegistryProbe(servers.plain)
  let logged: Seeded
  let proxy: FaultProxy | undefined

  beforeAll(async () => {
    logged = await seed({
      server: servers.plain,
      modelName: uniqueModelName('faults-logged')
    })
  }, 120_000)

  afterEach(async () => {
    await proxy?.close()
    proxy = undefined
  })

  /** A model with v1 weak @champion and v2 strong @candidate, and a proxy in front. */
  async function setUp(
    label: string,
    rules: FaultRule[]
  ): Promise<{ name: string; proxy: FaultProxy }> {
    const name = uniqueModelName(label)
    await probe.register(name, [logged.models.weak, logged.models.strong], {
      champion: 1,
      candidate: 2
    })
    proxy = await startFaultProxy(servers.plain.uri, rules)
    return { name, proxy }
  }

  async function gate(
    name: string,
    through: FaultProxy,
    inputs: Record<string, string> = {}
  ): Promise<BundleRun> {
    const run = await runBundle(
      {
        mode: 'gate',
        'model-name': name,
        'tracking-uri': through.url,
        'test-set': logged.test_csv,
        'candidate-predictions': logged.models.strong.predictions_csv,
        'champion-predictions': logged.models.weak.predictions_csv,
        ...POLICY,
        ...RETRIES,
        'tracking-token': TOKEN,
        ...inputs
      },
      { env: runnerEnv() }
    )
    expect(everythingShown(run)).not.toContain(TOKEN)
    return run
  }

  /** The one correct end state of promoting v2 over v1. */
  async function expectPromoted(name: string, run: BundleRun): Promise<void> {
    expect(await probe.aliases(name)).toEqual({
      champion: '2',
      'previous-champion': '1',
      candidate: '2'
    })
    const tags = await probe.gateTags(name, '2')
    expect(tags).toMatchObject({
      decision: 'promote',
      champion_version: '1',
      net_benefit: run.outputs['candidate-net-benefit'],
      f1: run.outputs['candidate-f1']
    })
    expect(await probe.gateTags(name, '1')).toEqual({})
  }

  function aliasWrites(through: FaultProxy): string[] {
    return through.seen
      .filter((r) => r.method === 'POST' && r.path === ALIAS)
      .map(
        (r) =>
          `${(JSON.parse(r.body) as { alias: string }).alias}${r.fault ? `:${r.fault}` : ''}`
      )
  }

  it('ends promoted when the alias writes first meet two 503s', async () => {
    const { name, proxy } = await setUp('f-503', [
      {
        method: 'POST',
        path: ALIAS,
        nth: 1,
        times: 2,
        fault: { kind: 'status', status: 503 }
      }
    ])

    const run = await gate(name, proxy)

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`MLflow POST ${ALIAS}: HTTP 503; retrying in`)
    expect(aliasWrites(proxy)).toEqual([
      'previous-champion:status',
      'previous-champion:status',
      'previous-champion',
      'champion'
    ])
    await expectPromoted(name, run)
  }, 60_000)

  it('waits out a 429 with Retry-After: 1 on the second alias write, then ends promoted', async () => {
    const { name, proxy } = await setUp('f-429', [
      {
        method: 'POST',
        path: ALIAS,
        nth: 2,
        fault: { kind: 'status', status: 429, retryAfter: '1' }
      }
    ])

    const run = await gate(name, proxy)

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    // The server's Retry-After, not the backoff's jitter, set the wait.
    expect(run.stdout).toContain(
      `MLflow POST ${ALIAS}: HTTP 429; retrying in 1.0s (attempt 2 of 4).`
    )
    expect(aliasWrites(proxy)).toEqual([
      'previous-champion',
      'champion:status',
      'champion'
    ])
    await expectPromoted(name, run)
  }, 60_000)

  it('retries writes whose connection was reset before they reached the server, and ends promoted', async () => {
    const { name, proxy } = await setUp('f-reset-before', [
      {
        method: 'POST',
        path: SET_TAG,
        nth: 1,
        fault: { kind: 'reset-before' }
      },
      { method: 'POST', path: ALIAS, nth: 2, fault: { kind: 'reset-before' } }
    ])

    const run = await gate(name, proxy)

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(
      /MLflow POST \/api\/2\.0\/mlflow\/model-versions\/set-tag: \S+; retrying in/
    )
    expect(aliasWrites(proxy)).toEqual([
      'previous-champion',
      'champion:reset-before',
      'champion'
    ])
    await expectPromoted(name, run)
  }, 60_000)

  it('retries alias and tag writes that landed before the connection dropped (idempotent), and ends promoted', async () => {
    const { name, proxy } = await setUp('f-reset-after', [
      { method: 'POST', path: SET_TAG, nth: 2, fault: { kind: 'reset-after' } },
      { method: 'POST', path: ALIAS, nth: 2, fault: { kind: 'reset-after' } }
    ])

    const run = await gate(name, proxy)

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    const champion = proxy.seen.filter(
      (r) =>
        r.method === 'POST' && r.path === ALIAS && r.body.includes('"champion"')
    )
    // The first try reached the server (it acted), the answer was lost, the retry repeated it.
    expect(champion.map((r) => [r.fault, r.forwarded])).toEqual([
      ['reset-after', true],
      [undefined, true]
    ])
    await expectPromoted(name, run)
  }, 60_000)

  it('gives up on an answer that stalls past request-timeout-seconds, retries, and ends promoted', async () => {
    const { name, proxy } = await setUp('f-stall', [
      {
        method: 'POST',
        path: ALIAS,
        nth: 2,
        fault: { kind: 'stall-after', ms: 6_000 }
      }
    ])
    const started = Date.now()

    const run = await gate(name, proxy, { 'request-timeout-seconds': '2' })

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`MLflow POST ${ALIAS}: timeout; retrying in`)
    // The stalled answer was abandoned at 2 s, not waited for 6 s.
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(aliasWrites(proxy)).toEqual([
      'previous-champion',
      'champion:stall-after',
      'champion'
    ])
    await expectPromoted(name, run)
  }, 60_000)

  it('ends promoted when exactly the second alias write fails once', async () => {
    const { name, proxy } = await setUp('f-second-once', [
      {
        method: 'POST',
        path: ALIAS,
        nth: 2,
        fault: { kind: 'status', status: 500 }
      }
    ])

    const run = await gate(name, proxy)

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(aliasWrites(proxy)).toEqual([
      'previous-champion',
      'champion:status',
      'champion'
    ])
    await expectPromoted(name, run)
  }, 60_000)

  it('fails clearly when the second alias write keeps failing, and a plain re-run finishes the promotion', async () => {
    const { name, proxy } = await setUp('f-second-down', [
      {
        method: 'POST',
        path: ALIAS,
        nth: 2,
        times: Infinity,
        fault: { kind: 'status', status: 500 }
      }
    ])

    const failed = await gate(name, proxy, { 'retry-max-attempts': '2' })

    expect(failed.status).toBe(1)
    expect(failed.errors).toHaveLength(1)
    const [error] = failed.errors
    expect(error).toContain(`rejected POST ${ALIAS} after 2 attempts`)
    expect(error).toContain('(HTTP 500 TEMPORARILY_UNAVAILABLE)')
    expect(error).toContain('@previous-champion → v1')
    expect(error).toContain('Run the job again to finish')
    // Half-way, and said so: the champion did not move.
    expect(await probe.aliases(name)).toEqual({
      champion: '1',
      'previous-champion': '1',
      candidate: '2'
    })

    proxy.setRules([])
    const rerun = await gate(name, proxy)

    expect(rerun.errors).toEqual([])
    expect(rerun.status).toBe(0)
    expect(rerun.outputs['new-champion-version']).toBe('2')
    await expectPromoted(name, rerun)
  }, 90_000)

  it('never retries creating a model version whose connection dropped after the server acted, and says so', async () => {
    const name = uniqueModelName('f-create-version')
    proxy = await startFaultProxy(servers.plain.uri, [
      {
        method: 'POST',
        path: CREATE_VERSION,
        nth: 1,
        fault: { kind: 'reset-after' }
      }
    ])

    const run = await gate(name, proxy, {
      'candidate-model-uri': logged.models.strong.model_uri,
      'champion-predictions': ''
    })

    expect(run.status).toBe(1)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toContain(`(POST ${CREATE_VERSION})`)
    // It says the version may exist, and where to look, instead of "safe to repeat".
    expect(run.errors[0]).toContain(
      `The request may have reached the server before the connection failed: MLflow may have created the version anyway; look at the newest versions of registered model '${name}'`
    )
    // One try only: a second would have registered the model twice.
    const creates = proxy.seen.filter((r) => r.path === CREATE_VERSION)
    expect(creates).toHaveLength(1)
    expect(creates[0].forwarded).toBe(true)
    // The server did create it; no alias points at it.
    const state = await probe.mustState(name)
    expect(state.versions.map((v) => v.version)).toEqual(['1'])
    expect(state.aliases).toEqual({})
  }, 60_000)

  it('retries creating a registered model whose first try landed: the lock knows its own token, the model is taken as existing, and the run ends registered', async () => {
    const name = uniqueModelName('f-create-model')
    // The first create is the promotion lock's, the second (the second rule's
    // own first match: rules count only what reaches them) the model's. Both
    // land on the server and lose their answer, so each retry meets
    // RESOURCE_ALREADY_EXISTS, which creation by name cannot tell from a
    // model someone else created.
    proxy = await startFaultProxy(servers.plain.uri, [
      {
        method: 'POST',
        path: CREATE_MODEL,
        nth: 1,
        fault: { kind: 'reset-after' }
      },
      {
        method: 'POST',
        path: CREATE_MODEL,
        nth: 2,
        fault: { kind: 'reset-after' }
      }
    ])
    const inputs = {
      'candidate-model-uri': logged.models.strong.model_uri,
      'champion-predictions': ''
    }

    const run = await gate(name, proxy, inputs)

    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    const creates = proxy.seen.filter((r) => r.path === CREATE_MODEL)
    // Lock, its retry, the model, its retry, then the lock's release marker.
    expect(
      creates.map((r) => [
        (JSON.parse(r.body) as { name: string }).name.slice(name.length),
        r.fault,
        r.forwarded
      ])
    ).toEqual([
      ['.champion-gate-lock', 'reset-after', true],
      ['.champion-gate-lock', undefined, true],
      ['', 'reset-after', true],
      ['', undefined, true],
      [
        expect.stringMatching(/^\.champion-gate-lock\.release-/),
        undefined,
        true
      ]
    ])
    // One model, one version (no second copy), promoted; the lock is gone.
    const state = await probe.mustState(name)
    expect(state.versions.map((v) => v.version)).toEqual(['1'])
    expect(state.aliases).toMatchObject({ champion: '1', candidate: '1' })
    expect(await probe.state(`${name}.champion-gate-lock`)).toBeUndefined()
  }, 90_000)

  it.each([
    [
      'a line break and a workflow command',
      '1\n::warning::forged by the registry'
    ],
    ['a Markdown link', '1](https://evil.example/x)']
  ])(
    'refuses a champion version holding %s: one escaped error, no verdict, nothing written',
    async (_what, forged) => {
      const { name, proxy } = await setUp('f-hostile', [
        {
          method: 'GET',
          path: ALIAS,
          nth: 1,
          times: Infinity,
          fault: {
            kind: 'rewrite',
            body: (text) =>
              text.replace(
                /"version":\s*"1"/,
                `"version": ${JSON.stringify(forged)}`
              )
          }
        }
      ])
      const before = await probe.mustState(name)

      const run = await gate(name, proxy)

      expect(proxy.seen.some((r) => r.fault === 'rewrite')).toBe(true)
      expect(run.status).toBe(1)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toContain('a model version is digits, not "1')
      // No line of the log starts a workflow command the registry wrote; the
      // value shows only quoted and escaped in the (plain-text) error, and no
      // Markdown (summary, report) carries it.
      expect(run.stdout).not.toMatch(/^::warning::forged/m)
      expect(run.stdout.replace(run.errors[0], '')).not.toContain(
        'evil.example'
      )
      expect(run.summary).toBe('')
      expect(run.outputs).toEqual({})
      expect(await probe.mustState(name)).toEqual(before)
    },
    60_000
  )
})
