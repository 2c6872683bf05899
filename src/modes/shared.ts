/**
 * What the modes share: required inputs, the cost model, gate policy and
 * evaluation request read from the inputs, the registry names checked
 * before anything is written, the promotion lock, and the error of a
 * registry write that failed partway.
 */

import * as core from '@actions/core'
import { UserError, InputError } from '../errors.js'
import type { GatePolicy } from '../gate/decide.js'
import type { Inputs, InputName } from '../inputs.js'
import type { CostModel } from '../metrics/net-benefit.js'
import type { EvaluationRequest } from '../evaluation/evaluate.js'
import { modelThreshold } from '../evaluation/model-thresholds.js'
import type {
  LockClient,
  LockNaming,
  PromotionLock
} from '../registry/promotion-lock.js'
import type { RunInfo } from '../report/report.js'
import { VERSION } from '../version.js'

/** The value of a required input, or an InputError saying what it is for. */
export function requireInput(
  inputs: Inputs,
  name: InputName,
  what: string
): string {
  const value = inputs[name]
  if (typeof value !== 'string' || value === '') {
    throw new InputError(name, `required in mode '${inputs.mode}': ${what}`)
  }
  return value
}

export function costModelOf(inputs: Inputs): CostModel {
  return {
    truePositive: inputs['cost-true-positive'],
    falsePositive: inputs['cost-false-positive'],
    falseNegative: inputs['cost-false-negative'],
    trueNegative: inputs['cost-true-negative']
  }
}

export function policyOf(inputs: Inputs): GatePolicy {
  return {
    minNetBenefit: inputs['min-net-benefit'],
    minF1: inputs['min-f1'],
    minImprovement: inputs['min-improvement']!,
    minConfidence: inputs['min-confidence'],
    maxSegmentLoss: inputs['max-segment-loss']
  }
}

/**
 * An evaluation request from the inputs: everything but the test set, the
 * models and the run, which the caller has resolved.
 */
export function evaluationRequest(
  inputs: Inputs,
  resolved: Pick<
    EvaluationRequest,
    'modelName' | 'testSet' | 'candidate' | 'champion' | 'run'
  >,
  now: Date
): EvaluationRequest {
  if (inputs['max-segment-loss'] && !inputs['segment-column']) {
    throw new InputError(
      'max-segment-loss',
      "compares the models per segment, so it needs 'segment-column' (a test-set column such as region); set it, or set max-segment-loss to off"
    )
  }
  return {
    mode: inputs.mode,
    labelColumn: inputs['label-column'],
    positiveLabel: inputs['positive-label'],
    idColumn: inputs['id-column'],
    predictionColumn: inputs['prediction-column'],
    predictionKind: inputs['prediction-kind'],
    positiveClassIndex: inputs['positive-class-index'],
    threshold: inputs.threshold,
    costs: costModelOf(inputs),
    policy: policyOf(inputs),
    bootstrap: { samples: inputs['bootstrap-samples'], seed: inputs.seed },
    segmentColumn: inputs['segment-column'],
    toolVersion: VERSION,
    now,
    ...resolved,
    // From the inputs alone when the caller knew no version tags.
    candidate: {
      ...resolved.candidate,
      threshold:
        resolved.candidate.threshold ??
        modelThreshold('candidate', resolved.modelName, {
          input: inputs['candidate-threshold'],
          fallback: inputs.threshold
        })
    },
    champion: resolved.champion && {
      ...resolved.champion,
      threshold:
        resolved.champion.threshold ??
        modelThreshold('champion', resolved.modelName, {
          input: inputs['champion-threshold'],
          fallback: inputs.threshold
        })
    }
  }
}

/** MLflow stores registered-model names in a VARCHAR(256) column. */
const MAX_MODEL_NAME_LENGTH = 256

/**
 * Checks, before anything is read or written, what the registry would
 * refuse half-way or what would leave it in another state than reported:
 * a model name MLflow rejects (mlflow/utils/validation.py
 * `_validate_model_name`: not blank, no '/' or ':', not '.' or '..*'; at
 * most 256 characters, its database column), and alias inputs that
 * collide. The aliases' own rules (characters, 255 at most, not `latest`
 * or `v<n>`) are checked by the inputs schema.
 */
export function checkRegistryNames(inputs: Inputs, modelName: string): void {
  if (modelName.length > MAX_MODEL_NAME_LENGTH) {
    throw new InputError(
      'model-name',
      `is ${modelName.length} characters long; MLflow keeps at most ${MAX_MODEL_NAME_LENGTH}`
    )
  }
  if (/[/:]/.test(modelName)) {
    throw new InputError(
      'model-name',
      `'${modelName.slice(0, 80)}' holds '/' or ':', which MLflow does not allow in a registered model's name`
    )
  }
  if (modelName === '.' || modelName.startsWith('..')) {
    throw new InputError(
      'model-name',
      `'${modelName.slice(0, 80)}' is not a name MLflow accepts (it reads like a path: '.' or starting with '..')`
    )
  }
  const aliases: InputName[] = [
    'champion-alias',
    'previous-champion-alias',
    'candidate-alias'
  ]
  for (const [k, first] of aliases.entries()) {
    for (const second of aliases.slice(k + 1)) {
      if (
        String(inputs[first]).toLowerCase() ===
        String(inputs[second]).toLowerCase()
      ) {
        throw new InputError(
          second,
          `is '${String(inputs[second])}', the same as '${first}': the champion, previous-champion and candidate aliases must be three different names, or one write would move the alias another role reads (serving reads '${inputs['champion-alias']}', a rollback reads '${inputs['previous-champion-alias']}')`
        )
      }
    }
  }
}

/**
 * Takes the promotion lock of `modelName` (src/registry/promotion-lock.ts)
 * with the inputs' wait bound, logging through `core`. Returns the lock and
 * the margin one more registry write needs (`ensureHeld`).
 */
export async function takePromotionLock(
  registryLock: { client: LockClient; naming?: LockNaming },
  inputs: Inputs,
  modelName: string,
  run: RunInfo
): Promise<{ lock: PromotionLock; writeMarginMs: number }> {
  // One request may take its retry budget plus one last timeout.
  const writeMarginMs =
    (inputs['retry-max-seconds'] + inputs['request-timeout-seconds']) * 1000
  // Loaded when used: its MLflow client pulls in undici (~35 MB of RSS),
  // which evaluating files never needs.
  const { acquirePromotionLock, LOCK_TTL_MS } =
    await import('../registry/promotion-lock.js')
  const lock = await acquirePromotionLock({
    client: registryLock.client,
    naming: registryLock.naming,
    modelName,
    owner: run.run_url ?? 'a run outside GitHub Actions (no GITHUB_RUN_ID)',
    timeoutMs: inputs['lock-timeout-seconds'] * 1000,
    // Room for a 5-minute wait for a new version to be READY and three
    // writes at their full retry budget; never less than the default.
    ttlMs: Math.max(LOCK_TTL_MS, 300_000 + 3 * writeMarginMs),
    log: (message) => core.info(message),
    warn: (message) => core.warning(message)
  })
  return { lock, writeMarginMs }
}

/**
 * The error of a registry write that failed partway: the cause, what this
 * run wrote before it (in order; or that it wrote nothing), and, when it
 * wrote something, `toFinish`: how to complete what was begun.
 */
export function halfwayError(
  error: unknown,
  written: readonly string[],
  toFinish: string
): UserError {
  const cause = error instanceof Error ? error.message : String(error)
  return new UserError(
    written.length === 0
      ? `${cause}\nNothing was written to the registry.`
      : `${cause}\nWritten before the failure: ${written.join('; ')}. ${toFinish}`,
    { cause: error }
  )
}
