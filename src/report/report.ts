/**
 * The report: one plain-data record of a run, written as the JSON report
 * (stable, `"schema": 1`) and rendered to Markdown for the job summary and
 * the PR comment. Every figure in it can be traced: the threshold and cost
 * model as given, the test set's sha256 and counts, the versions compared.
 * Its types live here; build-report.ts builds it.
 */

import type { GateName } from '../gate/decide.js'
import { decimalFromString } from '../metrics/decimal.js'
import { moneyPrecision, type MoneyPrecision } from './format.js'
import type { ModelThreshold } from '../evaluation/model-thresholds.js'
import type { SegmentsReport } from '../metrics/segments.js'

export type Decision = 'promote' | 'reject' | 'unchanged' | 'rollback'
export type Mode = 'evaluate' | 'gate' | 'rollback'

export interface ModelMetrics {
  rows: number
  tp: number
  fp: number
  fn: number
  tn: number
  precision: number
  recall: number
  f1: number
  /** Dollars, rounded to cents: the nearest double, for tools that read numbers. */
  net_benefit: number
  /**
   * The same, exactly, as plain digits with two decimals
   * (`"98765431209876.40"`): past 2^53 cents a JSON number drops cents.
   */
  net_benefit_exact: string
}

/** One criterion the gate checked (gate/decide.ts `GateCheck`). */
export interface GateEntry {
  name: GateName
  /** The candidate's figure; for min-improvement the net-benefit difference. */
  value: number
  /**
   * The floor the value was held to (for min-improvement the margin, for
   * min-confidence the level). Named `threshold` in the JSON since schema 1;
   * other tools read it, so the name stays.
   */
  threshold: number
  passed: boolean
}

/** A model as the registry knows it. */
export interface VersionRef {
  /** Registry version, when known. */
  version: string | null
  /** The model URI, when known (`models:/fraud/48`). */
  model_uri: string | null
  /** The MLflow UI page of the version, when a tracking URI is known. */
  url: string | null
}

export interface ModelEntry extends VersionRef {
  predictions: string | null
  matched_by: 'position' | 'id' | null
  metrics: ModelMetrics
  /** How the predictions are stored: `csv`, `csv.gz`, `jsonl`, `parquet`, … */
  predictions_format?: string
  /** For a folder of part files: how many, and the sha256 of their bytes in name order. */
  predictions_parts?: number | null
  predictions_sha256?: string | null
  /** The decision threshold the model was judged at, and where it came from. */
  threshold?: ModelThreshold
}

/** What the run did in the registry. */
export interface RegistryOutcome {
  tracking_uri: string
  champion_alias: string
  previous_champion_alias: string
  /** The alias a registered candidate gets (gate mode). */
  candidate_alias?: string
  alias_moved: boolean
  new_champion_version: string | null
  previous_champion_version: string | null
  /** What this run wrote to the registry, in order (absent: nothing). */
  written?: string[]
}

/** How sure the comparison is: `comparison.paired`. */
export interface PairedReport {
  /**
   * `bootstrap`: percentiles of a Poisson(1) bootstrap of the rows (the same
   * weights for both models); `normal`: its closed-form variance with a
   * normal approximation.
   */
  method: 'bootstrap' | 'normal'
  /** Resamples drawn; 0 with `normal`. */
  samples: number
  /** Seed of the resampling; null with `normal`. */
  seed: number | null
  /** Rows where the models decided differently. */
  disagreements: number
  /** Standard error of delta_net_benefit (the bootstrap's, in closed form). */
  standard_error: number
  /** 95% interval of delta_net_benefit. */
  interval_95: [number, number]
  /** 95% interval of delta_f1 (candidate − champion); null with `normal`. */
  f1_interval_95: [number, number] | null
  /**
   * Confidence that the candidate beats the champion by more than
   * min-improvement: with `bootstrap` the share of resamples in which it does.
   */
  confidence: number
  /** McNemar's exact test on the rows where exactly one model is right; for information. */
  mcnemar: {
    candidate_only_correct: number
    champion_only_correct: number
    /** Two-sided exact binomial p-value (scipy's binomtest), at any count. */
    p_value: number
  }
}

/** The report of an evaluation (evaluate, or gate with a verdict). */
export interface EvaluationReport {
  schema: 1
  tool: { name: 'champion-gate'; version: string }
  mode: Mode
  model_name: string | null
  decision: 'promote' | 'reject'
  /** Failed criteria, in words; empty on promote. */
  reasons: string[]
  /** Other things the reader must know. */
  notes: string[]
  /** Thin evidence, said out loud (statistics/thin-evidence.ts); empty when none. */
  warnings: string[]
  gates: GateEntry[]
  test_set: {
    path: string
    rows: number
    positives: number
    /** Of the file's bytes; for a folder, of its parts' bytes in name order. */
    sha256: string
    /** `csv`, `csv.gz`, `jsonl`, `jsonl.gz`, `parquet`. */
    format?: string
    /** For a folder of part files: how many. */
    parts?: number | null
  }
  policy: {
    /** Input `threshold`: each model's default (`candidate.threshold`, `champion.threshold` say what each was judged at). */
    threshold: number
    label_column: string
    positive_label: string
    id_column: string | null
    prediction_column: string
    costs: {
      true_positive: string
      false_positive: string
      false_negative: string
      true_negative: string
    }
    cost_model: string
    min_net_benefit: number | null
    /** min_net_benefit exactly as the gate compared it. */
    min_net_benefit_exact: string | null
    min_f1: number | null
    min_improvement: number
    /** min_improvement exactly as the gate compared it. */
    min_improvement_exact: string
    min_confidence: number | null
    /** Input `segment-column` (absent or null: none). */
    segment_column?: string | null
    /** Input `max-segment-loss`, exactly (absent or null: off). */
    max_segment_loss_exact?: string | null
  }
  candidate: ModelEntry
  champion: ModelEntry | null
  comparison: {
    delta_net_benefit: number | null
    /** delta_net_benefit exactly, as plain digits with two decimals. */
    delta_net_benefit_exact: string | null
    delta_f1: number | null
    /** The row-by-row comparison of the two models (see statistics/paired-difference.ts). */
    paired: PairedReport | null
  }
  /** Net benefit at thresholds 0.00 … 1.00, from the same pass. */
  curves: {
    thresholds: number[]
    candidate: number[]
    champion: number[] | null
  }
  registry: RegistryOutcome | null
  run: RunInfo
  created_at: string
  /** With `segment-column`: each model per group of that column (metrics/segments.ts). */
  segments?: SegmentsReport | null
}

export interface RunInfo {
  repository: string | null
  sha: string | null
  run_url: string | null
  actor: string | null
  event: string | null
}

/** The report of a run that only moved (or kept) an alias: unchanged, rollback. */
export interface AliasReport {
  schema: 1
  tool: { name: 'champion-gate'; version: string }
  mode: Mode
  model_name: string
  decision: 'unchanged' | 'rollback'
  reasons: string[]
  notes: string[]
  /** unchanged: the candidate (already champion); rollback: the version rolled back to. */
  candidate: VersionRef
  /** rollback: the version rolled back from; unchanged: the champion (the same). */
  champion: VersionRef | null
  registry: RegistryOutcome
  run: RunInfo
  created_at: string
}

export type Report = EvaluationReport | AliasReport

/** True for the report of an evaluation (promote or reject), which carries metrics. */
export function isEvaluation(report: Report): report is EvaluationReport {
  return report.decision === 'promote' || report.decision === 'reject'
}

/** `moneyPrecision` of an evaluation report, from its exact figures. */
export function moneyPrecisionOf(report: EvaluationReport): MoneyPrecision {
  const { policy, comparison } = report
  return moneyPrecision({
    netBenefit: decimalFromString(report.candidate.metrics.net_benefit_exact),
    minNetBenefit:
      policy.min_net_benefit_exact === null
        ? undefined
        : decimalFromString(policy.min_net_benefit_exact),
    difference:
      comparison.delta_net_benefit_exact === null
        ? undefined
        : decimalFromString(comparison.delta_net_benefit_exact),
    minImprovement: decimalFromString(policy.min_improvement_exact)
  })
}
