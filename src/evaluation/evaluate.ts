/**
 * Evaluation from files to report: the one pass over the data, each
 * model's net benefit (metrics/net-benefit.ts), the gate's verdict
 * (gate/decide.ts), the paired comparison, and the report record built from
 * them (report/build-report.ts). Used by `evaluate` and `gate` alike, so
 * the two decide in exactly the same way.
 */

import { decide, type GatePolicy } from '../gate/decide.js'
import { classificationMetrics } from '../metrics/classification-metrics.js'
import {
  decimalToNumber,
  subtractDecimal,
  type Decimal
} from '../metrics/decimal.js'
import { netBenefitCurve } from '../metrics/model-accumulator.js'
import { constantBenefits, netBenefitInCents } from '../metrics/net-benefit.js'
import {
  buildEvaluationReport,
  type ModelFacts
} from '../report/build-report.js'
import type { EvaluationReport, Mode, RunInfo } from '../report/report.js'
import { moneyPrecision } from '../report/format.js'
import { pairedComparison } from '../statistics/paired-comparison.js'
import { thinEvidenceWarnings } from '../statistics/thin-evidence.js'
import { segmentsReport } from '../metrics/segments.js'
import { plainMoney } from '../report/format.js'
import { runEvaluationPass, type PassOptions } from './evaluation-pass.js'
import type { ModelThreshold } from './model-thresholds.js'

/** What is known of a model besides its predictions. */
export interface ModelIdentity {
  readonly version?: string
  readonly modelUri?: string
  readonly url?: string
  /** Its decision threshold (see `model-thresholds.ts`); absent: `threshold`, source `default`. */
  readonly threshold?: ModelThreshold
}

/** The pass's options (all but the files, given per model below) and the rest of the run. */
export interface EvaluationRequest extends Omit<PassOptions, 'predictions'> {
  readonly mode: Mode
  readonly modelName?: string
  readonly policy: GatePolicy
  readonly candidate: ModelIdentity & {
    readonly predictions: string
    readonly input: string
  }
  readonly champion?: ModelIdentity & {
    readonly predictions: string
    readonly input: string
  }
  readonly run: RunInfo
  readonly toolVersion: string
  readonly now: Date
}

export async function evaluate(
  request: EvaluationRequest
): Promise<EvaluationReport> {
  const thresholdOf = (identity: ModelIdentity): ModelThreshold =>
    identity.threshold ?? { value: request.threshold, source: 'default' }
  const pass = await runEvaluationPass({
    ...request,
    predictions: [
      {
        role: 'candidate',
        path: request.candidate.predictions,
        input: request.candidate.input,
        threshold: thresholdOf(request.candidate).value
      },
      ...(request.champion
        ? [
            {
              role: 'champion',
              path: request.champion.predictions,
              input: request.champion.input,
              threshold: thresholdOf(request.champion).value
            }
          ]
        : [])
    ]
  })
  const constant = constantBenefits(request.costs)
  const [candidatePass, championPass] = pass.models
  const candidateNet = netBenefitInCents(candidatePass.accumulator, constant)
  const championNet = championPass
    ? netBenefitInCents(championPass.accumulator, constant)
    : undefined

  const delta = championNet
    ? subtractDecimal(candidateNet, championNet)
    : undefined
  const paired =
    pass.paired && delta
      ? pairedComparison(
          pass.paired,
          decimalToNumber(request.policy.minImprovement)
        )
      : undefined
  const segments =
    pass.segments && candidatePass.accumulator.segments
      ? segmentsReport(
          pass.segments.column,
          pass.segments.values,
          candidatePass.accumulator.segments,
          championPass?.accumulator.segments,
          (group) => netBenefitInCents(group, constant),
          plainMoney
        )
      : undefined
  const verdict = decide(
    {
      netBenefit: candidateNet,
      f1: classificationMetrics(candidatePass.accumulator).f1
    },
    championPass && championNet
      ? {
          netBenefit: championNet,
          f1: classificationMetrics(championPass.accumulator).f1
        }
      : undefined,
    request.policy,
    paired?.report.confidence,
    segments?.worst
  )
  const notes = [...verdict.notes, ...(paired?.notes ?? [])]
  for (const model of pass.models) {
    if (model.reading.kind === 'label') {
      notes.push(
        `The ${model.file.role}'s predictions (${model.file.path}) are labels, i.e. decisions, so the threshold does not apply to them.`
      )
    }
    if (model.reading.entry !== undefined) {
      notes.push(
        `The ${model.file.role}'s predictions (${model.file.path}) are [p0, p1] probability pairs; the positive class '${request.positiveLabel}' was read from entry ${model.reading.entry} (${request.positiveClassIndex === 'auto' ? "its place among the test set's labels in scikit-learn's order" : "input 'positive-class-index'"}).`
      )
    }
    if (request.idColumn && model.matchedBy === 'position') {
      notes.push(
        `The ${model.file.role}'s predictions (${model.file.path}) carry no ids, so they were matched to the test set by position.`
      )
    }
  }

  const model = (
    identity: ModelIdentity & { predictions: string },
    modelPass: (typeof pass.models)[number],
    netBenefit: Decimal
  ): ModelFacts => ({
    version: identity.version,
    modelUri: identity.modelUri,
    url: identity.url,
    predictions: identity.predictions,
    matchedBy: modelPass.matchedBy,
    source: modelPass.source,
    counts: modelPass.accumulator,
    netBenefit,
    curve: netBenefitCurve(modelPass.accumulator, constant),
    threshold: thresholdOf(identity)
  })

  return buildEvaluationReport({
    mode: request.mode,
    modelName: request.modelName,
    verdict,
    notes,
    warnings: thinEvidenceWarnings(
      {
        positives: pass.positives,
        candidateFlagged:
          candidatePass.accumulator.tp + candidatePass.accumulator.fp,
        championFlagged: championPass
          ? championPass.accumulator.tp + championPass.accumulator.fp
          : undefined,
        disagreements: pass.paired?.disagreements,
        largestRow: pass.paired?.largestRow,
        difference: delta
      },
      moneyPrecision({
        netBenefit: candidateNet,
        minNetBenefit: request.policy.minNetBenefit,
        difference: delta,
        minImprovement: request.policy.minImprovement
      })
    ),
    testSet: {
      path: request.testSet,
      rows: pass.rows,
      positives: pass.positives,
      sha256: pass.sha256,
      source: pass.testSetSource
    },
    policy: {
      threshold: request.threshold,
      labelColumn: request.labelColumn,
      positiveLabel: request.positiveLabel,
      idColumn: request.idColumn,
      predictionColumn: request.predictionColumn,
      costs: request.costs,
      gate: request.policy,
      segmentColumn: request.segmentColumn
    },
    candidate: model(request.candidate, candidatePass, candidateNet),
    champion:
      request.champion && championPass && championNet
        ? model(request.champion, championPass, championNet)
        : undefined,
    paired: paired?.report,
    run: request.run,
    toolVersion: request.toolVersion,
    now: request.now,
    segments: segments?.report
  })
}
