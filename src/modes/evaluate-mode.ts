/**
 * `mode: evaluate`: the verdict from prediction files, with no registry.
 * Never writes anywhere but the report, the summary and the PR comment.
 */

import { InputError } from '../errors.js'
import { evaluate } from '../evaluation/evaluate.js'
import type { Inputs } from '../inputs.js'
import type { Report } from '../report/report.js'
import { costModelOf, policyOf, requireInput } from './shared.js'

export function runEvaluateMode(
  inputs: Inputs,
  run: Report['run'],
  toolVersion: string,
  now: Date
): Report {
  const testSet = requireInput(
    inputs,
    'test-set',
    'the shared test set (CSV or JSON Lines)'
  )
  const candidate = requireInput(
    inputs,
    'candidate-predictions',
    "the candidate's predictions on the test set"
  )
  if (inputs['score-command'] && !inputs['tracking-uri']) {
    throw new InputError(
      'score-command',
      'scoring models needs a registry to resolve them from; set tracking-uri, or give prediction files instead'
    )
  }
  return evaluate({
    mode: 'evaluate',
    modelName: inputs['model-name'],
    testSet,
    labelColumn: inputs['label-column'],
    positiveLabel: inputs['positive-label'],
    idColumn: inputs['id-column'],
    predictionColumn: inputs['prediction-column'],
    threshold: inputs.threshold,
    costs: costModelOf(inputs),
    policy: policyOf(inputs),
    candidate: { predictions: candidate, input: 'candidate-predictions' },
    champion: inputs['champion-predictions']
      ? {
          predictions: inputs['champion-predictions'],
          input: 'champion-predictions'
        }
      : undefined,
    run,
    toolVersion,
    now
  })
}
