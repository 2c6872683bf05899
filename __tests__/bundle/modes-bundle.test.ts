import { describe, expect, it } from '@jest/globals'
import { runBundle } from '../../__fixtures__/run-bundle.js'

describe('dist/index.js: modes that must not run', () => {
  it('refuses a rollback from a pull_request event before touching the registry', async () => {
    const run = await runBundle(
      {
        mode: 'rollback',
        'model-name': 'fraud-detector',
        // Nothing listens here: reaching it would fail with a connection error instead.
        'tracking-uri': 'http://127.0.0.1:9',
        reason: 'test'
      },
      { env: { GITHUB_EVENT_NAME: 'pull_request' } }
    )
    expect(run.status).toBe(1)
    expect(run.errors).toEqual([
      "::error::Input 'mode': rollback moves @champion and is not run from a pull_request event; trigger it with workflow_dispatch (see examples/workflows/rollback.yml)"
    ])
  })

  it('needs a model name to gate', async () => {
    const run = await runBundle({
      mode: 'gate',
      'tracking-uri': 'http://127.0.0.1:9',
      'test-set': 'test.csv'
    })
    expect(run.errors).toEqual([
      "::error::Input 'model-name': required in mode 'gate': the registered model whose champion alias is governed"
    ])
  })
})
