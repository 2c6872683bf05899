/**
 * Resolving the candidate: a version whose registration failed gets advice
 * that can be followed (it will never become READY).
 */
import { describe, expect, it } from '@jest/globals'
import { parseInputs } from '../../src/inputs.js'
import { resolveModels } from '../../src/modes/model-evaluation.js'
import type { Registry } from '../../src/registry/connect.js'
import type { ModelVersion } from '../../src/registry/mlflow-client.js'

function registryWith(version: Partial<ModelVersion>): Registry {
  const candidate: ModelVersion = {
    name: 'fraud',
    version: '4',
    aliases: [],
    tags: {},
    ...version
  }
  return {
    shownUri: 'https://mlflow.example.com',
    client: {
      getRegisteredModel: async () => ({
        name: 'fraud',
        latest_versions: [],
        aliases: [],
        tags: {}
      }),
      getModelVersionByAlias: async () => undefined,
      getModelVersion: async () => candidate
    }
  } as unknown as Registry
}

const inputs = parseInputs({ 'model-name': 'fraud', 'candidate-version': '4' })

describe('modes/model-evaluation.ts resolveModels', () => {
  it('says a FAILED_REGISTRATION version must be registered again, not waited for', async () => {
    const error = resolveModels(
      registryWith({
        status: 'FAILED_REGISTRATION',
        status_message: 'artifact upload failed'
      }),
      inputs
    )
    await expect(error).rejects.toThrow(
      'Candidate fraud v4 is FAILED_REGISTRATION (artifact upload failed): its registration failed and will not finish; register the model again'
    )
    await expect(error).rejects.not.toThrow('wait for')
  })
})
