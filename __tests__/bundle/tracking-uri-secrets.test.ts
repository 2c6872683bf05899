/**
 * Credentials inside a tracking URI, through the bundled action: whatever
 * the password holds (`#`, `/`, `?`, `@`) and wherever the URI comes from
 * (input, MLFLOW_TRACKING_URI, DATABRICKS_HOST), it is masked for the
 * runner and shown nowhere, raw, URL-encoded or as a Basic header value.
 * The server is a closed loopback port: the run fails to connect, and the
 * failure is what prints the URI.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { writeFiles } from '../../__fixtures__/evaluation.js'
import { closedPort, everythingShown } from '../../__fixtures__/registry.js'
import { COSTS, generatedFiles } from '../../__fixtures__/reports.js'
import { runBundle } from '../../__fixtures__/run-bundle.js'

const b64 = (text: string): string => Buffer.from(text).toString('base64')

describe('credentials in the tracking URI (bundle)', () => {
  let dir: string
  let host: string
  beforeAll(async () => {
    dir = writeFiles(generatedFiles())
    host = `127.0.0.1:${await closedPort()}`
  })

  function run(inputs: Record<string, string>, env: Record<string, string>) {
    return runBundle(
      {
        mode: 'evaluate',
        'model-name': 'fraud-detector',
        'test-set': 'test.csv',
        'candidate-predictions': 'candidate.csv',
        'champion-predictions': 'champion.csv',
        'retry-max-attempts': '1',
        ...(COSTS as Record<string, string>),
        ...inputs
      },
      { cwd: dir, env }
    )
  }

  const cases: {
    what: string
    inputs: (host: string) => Record<string, string>
    env: (host: string) => Record<string, string>
    secrets: string[]
  }[] = [
    {
      what: 'a password holding #, / and ? in the input',
      inputs: (h) => ({ 'tracking-uri': `http://alice:pw#1/x?y@${h}/ml` }),
      env: () => ({}),
      secrets: ['pw#1/x?y', b64('alice:pw#1/x?y')]
    },
    {
      what: 'user:pass@host without a scheme, from MLFLOW_TRACKING_URI',
      inputs: () => ({}),
      env: (h) => ({ MLFLOW_TRACKING_URI: `alice:no-scheme-pw@${h}` }),
      secrets: ['no-scheme-pw', b64('alice:no-scheme-pw')]
    },
    {
      what: 'a token alone in the userinfo',
      inputs: (h) => ({ 'tracking-uri': `http://tok-only-s3cret@${h}` }),
      env: () => ({}),
      secrets: ['tok-only-s3cret', b64('tok-only-s3cret:')]
    },
    {
      what: 'databricks://user:pass@profile and credentials in DATABRICKS_HOST',
      inputs: () => ({ 'tracking-uri': 'databricks://alice:prof/pw@ci' }),
      env: (h) => ({
        DATABRICKS_HOST: `http://bob:host%23pw@${h}`,
        DATABRICKS_TOKEN: 'dapi-s3cret'
      }),
      secrets: ['prof/pw', 'host%23pw', 'host#pw', 'dapi-s3cret']
    }
  ]

  it.each(cases)('masks $what and shows it nowhere', async (c) => {
    const result = await run(c.inputs(host), c.env(host))

    expect(result.status).toBe(1)
    expect(result.errors).toHaveLength(1)
    const shown = everythingShown(result)
    for (const secret of c.secrets) {
      expect(shown).not.toContain(secret)
      expect(shown).not.toContain(encodeURIComponent(secret))
    }
    // Masked for the runner: the raw password at least.
    expect(result.stdout).toContain(`::add-mask::${c.secrets[0]}`)
  })
})
