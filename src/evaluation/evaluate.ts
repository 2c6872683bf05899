/**
 * Evaluation from files to report: the one pass over the data, the metrics,
 * the gate and the report record. Used by `evaluate` and `gate` alike, so
 * the two decide in exactly the same way.
 */

import { decide, type GatePolicy } from '../gate/decide.js'
import {
  decimalToNumber,
  decimalToString,
  subtractDecimal
} from '../metrics/decimal.js'
import { netBenefitCurve } from '../metrics/model-accumulator.js'
import {
  constantBenefits,
  describeCostModel,
  type CostSpec
} from '../metrics/net-benefit.js'
import {
  curveValues,
  modelMetrics,
  netBenefitInCents,
  type Mode,
  type ModelEntry,
  type EvaluationReport,
  type RunInfo
} from '../report/report.js'
import { plainMoney } from '../report/format.js'
import { pairedComparison } from '../statistics/paired-comparison.js'
import { thinEvidenceWarnings } from '../statistics/thin-evidence.js'
import { segmentsReport } from '../metrics/segments.js'
import { moneyPrecision } from '../report/format.js'
import { runEvaluationPass, type PassOptions } from './evaluation-pass.js'
import type { StoredSource } from './prediction-rows.js'
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

function costText(spec: CostSpec): string {
  return spec.kind === 'constant' ? spec.text : spec.column
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
  const candidateMetrics = modelMetrics(candidatePass.accumulator, candidateNet)
  const championNet = championPass
    ? netBenefitInCents(championPass.accumulator, constant)
    : undefined
  const championMetrics =
    championPass && championNet
      ? modelMetrics(championPass.accumulator, championNet)
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
    { netBenefit: candidateNet, f1: candidateMetrics.f1 },
    championNet && championMetrics
      ? { netBenefit: championNet, f1: championMetrics.f1 }
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

  const entry = (
    identity: ModelIdentity & { predictions: string },
    matchedBy: 'position' | 'id',
    metrics: ModelEntry['metrics'],
    source: StoredSource
  ): ModelEntry => ({
    version: identity.version ?? null,
    model_uri: identity.modelUri ?? null,
    url: identity.url ?? null,
    predictions: identity.predictions,
    matched_by: matchedBy,
    metrics,
    predictions_format: source.format,
    predictions_parts: source.parts,
    predictions_sha256: source.sha256,
    threshold: thresholdOf(identity)
  })
  const candidateCurve = netBenefitCurve(candidatePass.accumulator, constant)
  const championCurve = championPass
    ? netBenefitCurve(championPass.accumulator, constant)
    : undefined

  return {
    schema: 1,
    tool: { name: 'champion-gate', version: request.toolVersion },
    mode: request.mode,
    model_name: request.modelName ?? null,
    decision: verdict.decision,
    reasons: verdict.reasons,
    notes,
    warnings: thinEvidenceWarnings(
      {
        positives: pass.positives,
        candidateFlagged: candidateMetrics.tp + candidateMetrics.fp,
        championFlagged: championMetrics
          ? championMetrics.tp + championMetrics.fp
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
    gates: verdict.gates,
    test_set: {
      path: request.testSet,
      rows: pass.rows,
      positives: pass.positives,
      sha256: pass.sha256,
      format: pass.testSetSource.format,
      parts: pass.testSetSource.parts
    },
    policy: {
      threshold: request.threshold,
      label_column: request.labelColumn,
      positive_label: request.positiveLabel,
      id_column: request.idColumn ?? null,
      prediction_column: request.predictionColumn,
      costs: {
        true_positive: costText(request.costs.truePositive),
        false_positive: costText(request.costs.falsePositive),
        false_negative: costText(request.costs.falseNegative),
        true_negative: costText(request.costs.trueNegative)
      },
      cost_model: describeCostModel(request.costs),
      min_net_benefit: request.policy.minNetBenefit
        ? decimalToNumber(request.policy.minNetBenefit)
        : null,
      min_net_benefit_exact: request.policy.minNetBenefit
        ? decimalToString(request.policy.minNetBenefit)
        : null,
      min_f1: request.policy.minF1 ?? null,
      min_improvement: decimalToNumber(request.policy.minImprovement),
      min_improvement_exact: decimalToString(request.policy.minImprovement),
      min_confidence: request.policy.minConfidence ?? null,
      ...(request.segmentColumn
        ? {
            segment_column: request.segmentColumn,
            max_segment_loss_exact: request.policy.maxSegmentLoss
              ? decimalToString(request.policy.maxSegmentLoss)
              : null
          }
        : {})
    },
    candidate: entry(
      request.candidate,
      candidatePass.matchedBy,
      candidateMetrics,
      candidatePass.source
    ),
    champion:
      request.champion && championPass && championMetrics
        ? entry(
            request.champion,
            championPass.matchedBy,
            championMetrics,
            championPass.source
          )
        : null,
    comparison: {
      delta_net_benefit: delta ? decimalToNumber(delta) : null,
      delta_net_benefit_exact: delta ? plainMoney(delta) : null,
      delta_f1: championMetrics
        ? candidateMetrics.f1 - championMetrics.f1
        : null,
      paired: paired?.report ?? null
    },
    curves: {
      thresholds: candidateCurve.map((p) => p.threshold),
      candidate: curveValues(candidateCurve),
      champion: championCurve ? curveValues(championCurve) : null
    },
    registry: null,
    run: request.run,
    created_at: request.now.toISOString(),
    ...(segments ? { segments: segments.report } : {})
  }
}
