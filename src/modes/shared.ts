/** Small pieces every mode uses to turn inputs into requests. */

import { InputError } from '../errors.js'
import type { GatePolicy } from '../gate/decide.js'
import type { Inputs, InputName } from '../inputs.js'
import type { CostModel } from '../metrics/net-benefit.js'
import type { EvaluationRequest } from '../evaluation/evaluate.js'
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
    minConfidence: inputs['min-confidence']
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
  return {
    mode: inputs.mode,
    labelColumn: inputs['label-column'],
    positiveLabel: inputs['positive-label'],
    idColumn: inputs['id-column'],
    predictionColumn: inputs['prediction-column'],
    threshold: inputs.threshold,
    costs: costModelOf(inputs),
    policy: policyOf(inputs),
    bootstrap: { samples: inputs['bootstrap-samples'], seed: inputs.seed },
    toolVersion: VERSION,
    now,
    ...resolved
  }
}
