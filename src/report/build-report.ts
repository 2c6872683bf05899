/**
 * Builds the report record (report.ts) from what a run found. The
 * evaluation and the modes supply facts (counts, exact net benefits, the
 * verdict, the registry's versions); the record's shape, its field names
 * and how each figure is written (exact cents as text, the nearest double
 * beside it) are decided here and nowhere else.
 */

import {
  classificationMetrics,
  type ConfusionCounts
} from '../metrics/classification-metrics.js'
import {
  decimalToNumber,
  decimalToString,
  subtractDecimal,
  type Decimal
} from '../metrics/decimal.js'
import type { CurvePoint } from '../metrics/model-accumulator.js'
import {
  describeCostModel,
  type CostModel,
  type CostSpec
} from '../metrics/net-benefit.js'
import type { GatePolicy, GateVerdict } from '../gate/decide.js'
import type { ModelThreshold } from '../evaluation/model-thresholds.js'
import type { SegmentsReport } from '../metrics/segments.js'
import { plainMoney } from './format.js'
import type {
  AliasReport,
  EvaluationReport,
  Mode,
  ModelEntry,
  ModelMetrics,
  PairedReport,
  RegistryOutcome,
  RunInfo,
  VersionRef
} from './report.js'

/** How a data file is stored: its format, and for a folder its part count and digest. */
export interface StoredFacts {
  readonly format: string
  readonly parts: number | null
  readonly sha256: string | null
}

/** One model's share of an evaluation. */
export interface ModelFacts {
  readonly version?: string
  readonly modelUri?: string
  readonly url?: string
  readonly predictions: string
  readonly matchedBy: 'position' | 'id'
  readonly source: StoredFacts
  readonly counts: ConfusionCounts
  /** Exact, rounded to cents (metrics/net-benefit.ts). */
  readonly netBenefit: Decimal
  /** Net benefit at thresholds 0.00 … 1.00. */
  readonly curve: readonly CurvePoint[]
  /** The decision threshold it was judged at, and where that came from. */
  readonly threshold?: ModelThreshold
}

/** Everything an evaluation report says, as the evaluation found it. */
export interface EvaluationFacts {
  readonly mode: Mode
  readonly modelName?: string
  readonly verdict: GateVerdict
  readonly notes: string[]
  readonly warnings: string[]
  readonly testSet: {
    readonly path: string
    readonly rows: number
    readonly positives: number
    readonly sha256: string
    readonly source: Omit<StoredFacts, 'sha256'>
  }
  readonly policy: {
    readonly threshold: number
    readonly labelColumn: string
    readonly positiveLabel: string
    readonly idColumn?: string
    readonly predictionColumn: string
    readonly costs: CostModel
    readonly gate: GatePolicy
    /** Input `segment-column`, when set. */
    readonly segmentColumn?: string
  }
  readonly candidate: ModelFacts
  readonly champion?: ModelFacts
  readonly paired?: PairedReport
  readonly run: RunInfo
  readonly toolVersion: string
  readonly now: Date
  /** Per segment of `segment-column`, when set (metrics/segments.ts). */
  readonly segments?: SegmentsReport
}

function costText(spec: CostSpec): string {
  return spec.kind === 'constant' ? spec.text : spec.column
}

/** The metrics block of a model: its counts, the ratios from them, and its net benefit. */
function modelMetrics(
  counts: ConfusionCounts,
  netBenefit: Decimal
): ModelMetrics {
  const { tp, fp, fn, tn } = counts
  const { precision, recall, f1 } = classificationMetrics(counts)
  return {
    rows: tp + fp + fn + tn,
    tp,
    fp,
    fn,
    tn,
    precision,
    recall,
    f1,
    net_benefit: decimalToNumber(netBenefit),
    net_benefit_exact: plainMoney(netBenefit)
  }
}

/** Curve values rounded to cents, for the report. */
function curveValues(points: readonly CurvePoint[]): number[] {
  return points.map((p) => Math.round(p.netBenefit * 100) / 100)
}

function modelEntry(model: ModelFacts): ModelEntry {
  return {
    version: model.version ?? null,
    model_uri: model.modelUri ?? null,
    url: model.url ?? null,
    predictions: model.predictions,
    matched_by: model.matchedBy,
    metrics: modelMetrics(model.counts, model.netBenefit),
    predictions_format: model.source.format,
    predictions_parts: model.source.parts,
    predictions_sha256: model.source.sha256,
    ...(model.threshold ? { threshold: model.threshold } : {})
  }
}

export function buildEvaluationReport(
  facts: EvaluationFacts
): EvaluationReport {
  const { policy, testSet, verdict } = facts
  const gate = policy.gate
  const candidate = modelEntry(facts.candidate)
  const champion = facts.champion ? modelEntry(facts.champion) : null
  const delta = facts.champion
    ? subtractDecimal(facts.candidate.netBenefit, facts.champion.netBenefit)
    : undefined
  return {
    schema: 1,
    tool: { name: 'champion-gate', version: facts.toolVersion },
    mode: facts.mode,
    model_name: facts.modelName ?? null,
    decision: verdict.decision,
    reasons: verdict.reasons,
    notes: facts.notes,
    warnings: facts.warnings,
    gates: verdict.gates.map((gate) => ({
      name: gate.name,
      value: gate.value,
      threshold: gate.floor,
      passed: gate.passed
    })),
    test_set: {
      path: testSet.path,
      rows: testSet.rows,
      positives: testSet.positives,
      sha256: testSet.sha256,
      format: testSet.source.format,
      parts: testSet.source.parts
    },
    policy: {
      threshold: policy.threshold,
      label_column: policy.labelColumn,
      positive_label: policy.positiveLabel,
      id_column: policy.idColumn ?? null,
      prediction_column: policy.predictionColumn,
      costs: {
        true_positive: costText(policy.costs.truePositive),
        false_positive: costText(policy.costs.falsePositive),
        false_negative: costText(policy.costs.falseNegative),
        true_negative: costText(policy.costs.trueNegative)
      },
      cost_model: describeCostModel(policy.costs),
      min_net_benefit: gate.minNetBenefit
        ? decimalToNumber(gate.minNetBenefit)
        : null,
      min_net_benefit_exact: gate.minNetBenefit
        ? decimalToString(gate.minNetBenefit)
        : null,
      min_f1: gate.minF1 ?? null,
      min_improvement: decimalToNumber(gate.minImprovement),
      min_improvement_exact: decimalToString(gate.minImprovement),
      min_confidence: gate.minConfidence ?? null,
      ...(policy.segmentColumn
        ? {
            segment_column: policy.segmentColumn,
            max_segment_loss_exact: gate.maxSegmentLoss
              ? decimalToString(gate.maxSegmentLoss)
              : null
          }
        : {})
    },
    candidate,
    champion,
    comparison: {
      delta_net_benefit: delta ? decimalToNumber(delta) : null,
      delta_net_benefit_exact: delta ? plainMoney(delta) : null,
      delta_f1: champion ? candidate.metrics.f1 - champion.metrics.f1 : null,
      paired: facts.paired ?? null
    },
    curves: {
      thresholds: facts.candidate.curve.map((p) => p.threshold),
      candidate: curveValues(facts.candidate.curve),
      champion: facts.champion ? curveValues(facts.champion.curve) : null
    },
    registry: null,
    run: facts.run,
    created_at: facts.now.toISOString(),
    ...(facts.segments ? { segments: facts.segments } : {})
  }
}

/** A registered version as the report names it. */
export function versionRef(
  modelName: string,
  version: string,
  url: string
): VersionRef {
  return { version, model_uri: `models:/${modelName}/${version}`, url }
}

/**
 * The registry block before any write: the aliases governed and the
 * champion as read. The run fills in what it moves as it moves it.
 */
export function registryOutcome(facts: {
  readonly trackingUri: string
  readonly championAlias: string
  readonly previousChampionAlias: string
  readonly candidateAlias?: string
  readonly championVersion: string | null
}): RegistryOutcome {
  return {
    tracking_uri: facts.trackingUri,
    champion_alias: facts.championAlias,
    previous_champion_alias: facts.previousChampionAlias,
    ...(facts.candidateAlias === undefined
      ? {}
      : { candidate_alias: facts.candidateAlias }),
    alias_moved: false,
    new_champion_version: facts.championVersion,
    previous_champion_version: null
  }
}

/** The report of a run that only moved (or kept) an alias: unchanged, rollback. */
export function buildAliasReport(facts: {
  readonly mode: Mode
  readonly modelName: string
  readonly decision: AliasReport['decision']
  readonly notes: string[]
  readonly candidate: VersionRef
  readonly champion: VersionRef
  readonly registry: RegistryOutcome
  readonly run: RunInfo
  readonly toolVersion: string
  readonly now: Date
}): AliasReport {
  return {
    schema: 1,
    tool: { name: 'champion-gate', version: facts.toolVersion },
    mode: facts.mode,
    model_name: facts.modelName,
    decision: facts.decision,
    reasons: [],
    notes: facts.notes,
    candidate: facts.candidate,
    champion: facts.champion,
    registry: facts.registry,
    run: facts.run,
    created_at: facts.now.toISOString()
  }
}
