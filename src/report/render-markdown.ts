/**
 * The one renderer: a Report in, Markdown out. The job summary and the PR
 * comment both show exactly this text, so the two never disagree.
 */

import {
  formatCount,
  formatMoney,
  formatMoneyDelta,
  formatPercent,
  formatPValue,
  formatRatio,
  formatRatioDelta,
  shortHash,
  type MoneyPrecision
} from './format.js'
import { floorsPassed } from '../gate/decide.js'
import { renderNetBenefitChart } from './net-benefit-chart.js'
import {
  markdownAlias,
  markdownCode,
  markdownLink,
  markdownText
} from './escape-markdown.js'
import {
  isEvaluation,
  moneyPrecisionOf,
  type AliasReport,
  type EvaluationReport,
  type Report,
  type VersionRef
} from './report.js'

export interface RenderOptions {
  /** The rollback workflow's file name, for the "how to roll back" line. */
  readonly rollbackWorkflow?: string
}

function versionLabel(entry: VersionRef | null): string {
  if (!entry) return 'none'
  const text = entry.version
    ? `v${markdownText(entry.version)}`
    : entry.model_uri
      ? markdownCode(entry.model_uri)
      : 'predictions'
  return markdownLink(text, entry.url)
}

/**
 * Notes and reasons are plain text that name the aliases (`@champion`): those
 * mentions the report writes itself anyway, every other one is broken.
 */
function ownMentions(report: Report): { mentions: string[] } {
  return {
    mentions: [
      report.registry?.champion_alias ?? 'champion',
      report.registry?.previous_champion_alias ?? 'previous-champion',
      report.registry?.candidate_alias ?? 'candidate'
    ]
  }
}

function headline(report: Report): string {
  const name = report.model_name
    ? `**${markdownText(report.model_name)}** `
    : ''
  const alias = markdownAlias(report.registry?.champion_alias ?? 'champion')
  const known = (entry: VersionRef | null): string =>
    entry && (entry.version || entry.model_uri) ? ` ${versionLabel(entry)}` : ''
  const candidate = `${name}candidate${known(report.candidate)}`
  switch (report.decision) {
    case 'promote':
      return report.mode === 'evaluate'
        ? `### ✅ Would promote: ${candidate} passes the gate`
        : `### ✅ Promoted: ${name}${versionLabel(report.candidate)} is now ${alias}`
    case 'reject': {
      if (report.mode !== 'evaluate' && report.champion) {
        return `### ❌ Rejected: ${candidate} does not replace ${alias} ${versionLabel(report.champion)}`
      }
      // In evaluate mode, say whether the floors or the champion stopped it.
      return report.champion && floorsPassed(report.gates)
        ? `### ❌ Rejected: ${candidate} does not beat the champion`
        : `### ❌ Rejected: ${candidate} does not pass the gate`
    }
    case 'unchanged':
      return `### ⏸️ Unchanged: ${name}${versionLabel(report.candidate)} is already ${alias}`
    case 'rollback':
      return `### ↩️ Rolled back: ${name}${alias} is ${versionLabel(report.candidate)} again (was ${versionLabel(report.champion)})`
  }
}

const GATE_LABELS = {
  'min-net-benefit': 'Net benefit',
  'min-f1': 'F1',
  'min-improvement': 'Beats the champion by',
  'min-confidence': 'Confidence it beats the champion',
  'max-segment-loss': 'Worst segment'
} as const

function passCell(passed: boolean): string {
  return passed ? '✅ pass' : '❌ **fail**'
}

/** A difference, made visible when negative. */
function moneyDelta(value: string | null, precision: MoneyPrecision): string {
  if (value === null) return '–'
  const text = formatMoneyDelta(value, precision)
  return text.startsWith('-') ? `🔻 **${text}**` : text
}

function ratioDelta(value: number | null): string {
  if (value === null) return '–'
  const text = formatRatioDelta(value)
  return text.startsWith('-') ? `🔻 **${text}**` : text
}

function criteriaTable(report: EvaluationReport): string[] {
  const candidate = report.candidate.metrics
  const champion = report.champion?.metrics
  const rows = [
    '| Criterion | Candidate | Champion | Difference | Floor | Result |',
    '|---|---:|---:|---:|---:|:---|'
  ]
  // Exact figures, to the cent when the call was close (moneyPrecision).
  const precision = moneyPrecisionOf(report)
  const money = (v: string | null | undefined): string =>
    v === undefined || v === null ? '–' : formatMoney(v, precision)
  const difference = moneyDelta(
    report.comparison.delta_net_benefit_exact,
    precision
  )
  const ratio = (v: number | undefined): string =>
    v === undefined ? '–' : formatRatio(v)
  for (const gate of report.gates) {
    const label = GATE_LABELS[gate.name]
    if (gate.name === 'min-net-benefit') {
      rows.push(
        `| ${label} | ${money(candidate.net_benefit_exact)} | ${money(champion?.net_benefit_exact)} | ${difference} | > ${money(report.policy.min_net_benefit_exact)} | ${passCell(gate.passed)} |`
      )
    } else if (gate.name === 'min-f1') {
      rows.push(
        `| ${label} | ${ratio(candidate.f1)} | ${ratio(champion?.f1)} | ${ratioDelta(report.comparison.delta_f1)} | > ${formatRatio(gate.threshold)} | ${passCell(gate.passed)} |`
      )
    } else if (gate.name === 'max-segment-loss') {
      rows.push(segmentGateRow(report, gate.passed))
    } else if (gate.name === 'min-confidence') {
      rows.push(
        `| ${label} | ${formatPercent(gate.value)} | – | – | ≥ ${formatPercent(gate.threshold)} | ${passCell(gate.passed)} |`
      )
    } else {
      // The difference against the margin only: the net-benefit row above
      // already shows both models' figures.
      const margin = formatMoneyDelta(
        report.policy.min_improvement_exact,
        precision
      )
      rows.push(
        `| ${label} | – | – | ${difference} | > ${margin} | ${passCell(gate.passed)} |`
      )
    }
  }
  const shown = new Set(report.gates.map((g) => g.name))
  if (!shown.has('min-net-benefit')) {
    rows.push(
      `| Net benefit | ${money(candidate.net_benefit_exact)} | ${money(champion?.net_benefit_exact)} | ${difference} | off | – |`
    )
  }
  if (!shown.has('min-f1')) {
    rows.push(
      `| F1 | ${ratio(candidate.f1)} | ${ratio(champion?.f1)} | ${ratioDelta(report.comparison.delta_f1)} | off | – |`
    )
  }
  const delta = (a: number, b: number | undefined): string =>
    b === undefined ? '–' : ratioDelta(a - b)
  rows.push(
    `| Precision | ${ratio(candidate.precision)} | ${ratio(champion?.precision)} | ${delta(candidate.precision, champion?.precision)} | – | – |`
  )
  rows.push(
    `| Recall | ${ratio(candidate.recall)} | ${ratio(champion?.recall)} | ${delta(candidate.recall, champion?.recall)} | – | – |`
  )
  return rows
}

/** Segment money is shown to the cent (see gate/segment-loss.ts). */
const segmentMoney = (value: string): string => formatMoney(value, 'cents')

/** The max-segment-loss row: the worst segment's figures against the loss allowed. */
function segmentGateRow(report: EvaluationReport, passed: boolean): string {
  const worst = report.segments?.groups[0]
  const allowed = report.policy.max_segment_loss_exact
  const label = worst
    ? `Worst segment (${markdownCode(report.segments!.column)} = ${markdownCode(worst.value)})`
    : 'Worst segment'
  const figure = (entry: { net_benefit_exact: string } | null | undefined) =>
    entry ? segmentMoney(entry.net_benefit_exact) : '–'
  const difference = worst?.delta_net_benefit_exact
  return `| ${label} | ${figure(worst?.candidate)} | ${figure(worst?.champion)} | ${difference ? moneyDelta(difference, 'cents') : '–'} | loss ≤ ${allowed ? segmentMoney(allowed) : '–'} | ${passCell(passed)} |`
}

/** Segments shown in the summary; every one is in the JSON report. */
const SEGMENTS_SHOWN = 5

/** Each model per segment, the largest losses first (empty without segment-column). */
function segmentsTable(report: EvaluationReport): string[] {
  const segments = report.segments
  if (!segments) return []
  const champion = report.champion !== null
  const groups = segments.groups.slice(0, SEGMENTS_SHOWN)
  const lines = [
    `#### Segments by ${markdownCode(segments.column)}`,
    '',
    champion
      ? `The ${formatCount(segments.groups.length)} ${segments.groups.length === 1 ? 'segment' : 'segments'}, the candidate's largest losses against the champion first:`
      : `The ${formatCount(segments.groups.length)} ${segments.groups.length === 1 ? 'segment' : 'segments'}, in order of first appearance:`,
    '',
    `| ${markdownText(segments.column)} | Rows | Positives | Candidate net benefit | Candidate F1 |${champion ? ' Champion net benefit | Champion F1 | Difference |' : ''}`,
    `|---|---:|---:|---:|---:|${champion ? '---:|---:|---:|' : ''}`
  ]
  for (const group of groups) {
    const value = group.value === '' ? '(empty)' : markdownCode(group.value)
    lines.push(
      `| ${value} | ${formatCount(group.rows)} | ${formatCount(group.positives)} | ${segmentMoney(group.candidate.net_benefit_exact)} | ${formatRatio(group.candidate.f1)} |` +
        (champion && group.champion
          ? ` ${segmentMoney(group.champion.net_benefit_exact)} | ${formatRatio(group.champion.f1)} | ${moneyDelta(group.delta_net_benefit_exact, 'cents')} |`
          : '')
    )
  }
  const rest = segments.groups.length - groups.length
  if (rest > 0)
    lines.push(
      '',
      `${formatCount(rest)} more ${rest === 1 ? 'segment' : 'segments'} in the JSON report (\`segments\`).`
    )
  return lines
}

/** Thin evidence, as a GitHub alert above the table (empty when there is none). */
function warningsBlock(report: EvaluationReport): string[] {
  const warnings = report.warnings
  if (warnings.length === 0) return []
  return [
    '> [!WARNING]',
    '> **Thin evidence.** The figures below are right, but rest on little:',
    ...warnings.map((w) => `> - ${w}`),
    ''
  ]
}

function rowCount(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'row' : 'rows'}`
}

/** How clear the win (or loss) is, from the paired comparison. */
function pairedLine(report: EvaluationReport): string[] {
  const paired = report.comparison.paired
  const delta = report.comparison.delta_net_benefit_exact
  if (!paired || delta === null) return []
  const [low, high] = paired.interval_95
  const precision = moneyPrecisionOf(report)
  const margin = report.policy.min_improvement_exact
  const bootstrap = paired.method === 'bootstrap'
  const f1 = paired.f1_interval_95
  const mcnemar = paired.mcnemar
  return [
    `Paired comparison on the same rows${bootstrap ? ` (bootstrap, ${formatCount(paired.samples)} resamples, seed ${paired.seed})` : ''}: ` +
      `the models disagree on ${rowCount(paired.disagreements)}; ` +
      `the net-benefit difference is ${formatMoneyDelta(delta, precision)} ` +
      `(95% interval ${formatMoneyDelta(low, precision)} to ${formatMoneyDelta(high, precision)})` +
      (f1 && report.comparison.delta_f1 !== null
        ? `, the F1 difference ${formatRatioDelta(report.comparison.delta_f1)} (95% interval ${formatRatioDelta(f1[0])} to ${formatRatioDelta(f1[1])})`
        : '') +
      (bootstrap
        ? `; the candidate beats the champion by more than ${formatMoney(margin, precision)} in ${formatPercent(paired.confidence)} of resamples.`
        : `, so the confidence that the candidate beats the champion by more than ${formatMoney(margin, precision)} is ${formatPercent(paired.confidence)}.`) +
      ` McNemar's exact test: only the candidate is right on ${rowCount(mcnemar.candidate_only_correct)}, only the champion on ${rowCount(mcnemar.champion_only_correct)} (p ${formatPValue(mcnemar.p_value)}).`,
    ''
  ]
}

function confusionTables(report: EvaluationReport): string[] {
  const positive = markdownText(report.policy.positive_label)
  const candidate = report.candidate.metrics
  const champion = report.champion?.metrics
  const lines = [
    `| Actual \\ decision | Candidate: flagged | Candidate: not flagged |${champion ? ' Champion: flagged | Champion: not flagged |' : ''}`,
    `|---|---:|---:|${champion ? '---:|---:|' : ''}`,
    `| Positive (${positive}) | ${formatCount(candidate.tp)} TP | ${formatCount(candidate.fn)} FN |${champion ? ` ${formatCount(champion.tp)} TP | ${formatCount(champion.fn)} FN |` : ''}`,
    `| Negative | ${formatCount(candidate.fp)} FP | ${formatCount(candidate.tn)} TN |${champion ? ` ${formatCount(champion.fp)} FP | ${formatCount(champion.tn)} TN |` : ''}`
  ]
  return lines
}

function nextSteps(report: Report, options: RenderOptions): string[] {
  const lines: string[] = []
  if (report.decision === 'reject') {
    lines.push('**Why it was rejected**', '')
    for (const reason of report.reasons)
      lines.push(`- ${markdownText(reason, ownMentions(report))}`)
    lines.push(
      '',
      report.mode === 'evaluate'
        ? 'Nothing in the registry was changed. Improve the model (or, if the policy itself is wrong, change the floors in the workflow) and push again.'
        : rejectOutcome(report)
    )
  } else if (
    report.decision === 'promote' &&
    report.mode === 'gate' &&
    report.registry
  ) {
    const previous = report.registry.previous_champion_version
    const workflow = options.rollbackWorkflow ?? 'rollback.yml'
    const champion = markdownAlias(report.registry.champion_alias)
    lines.push(
      previous
        ? `**To roll back**: run the ${markdownCode(workflow)} workflow (Actions → Run workflow); it moves ${champion} back to v${markdownText(previous)} (${markdownAlias(report.registry.previous_champion_alias)}).`
        : `This is the first ${champion}: there is no earlier version to roll back to.`
    )
  } else if (report.decision === 'rollback' && report.registry) {
    lines.push(
      `A second rollback would undo this one: ${markdownAlias(report.registry.previous_champion_alias)} now points at ${versionLabel(report.champion)}.`
    )
  }
  return lines
}

/** What a reject left in the registry: only what this run wrote, and the champion that still serves. */
function rejectOutcome(report: Report): string {
  const alias = markdownAlias(report.registry?.champion_alias ?? 'champion')
  const current = report.registry?.new_champion_version
  const serves =
    current && current === report.champion?.version
      ? versionLabel(report.champion)
      : current
        ? `v${current}`
        : report.champion?.version
          ? versionLabel(report.champion)
          : 'no version'
  const written = report.registry?.written ?? []
  return written.length > 0
    ? `${alias} was not moved: it still serves ${serves}. Written to the registry: ${written.map((entry) => markdownText(entry, ownMentions(report))).join('; ')}.`
    : `Nothing in the registry was changed: ${alias} still serves ${serves}.`
}

/** Where a model's threshold came from, in words. */
const THRESHOLD_SOURCES = {
  input: (role: string) => `input ${markdownCode(`${role}-threshold`)}`,
  tag: () => `its version's ${markdownCode('threshold')} tag`,
  default: () => `input ${markdownCode('threshold')}`
} as const

/** The decision threshold, or each model's when they were judged at their own. */
function thresholdLine(report: EvaluationReport): string {
  const models = [
    ['candidate', report.candidate],
    ['champion', report.champion]
  ] as const
  const own = models.filter(
    ([, entry]) =>
      entry?.threshold &&
      (entry.threshold.source !== 'default' ||
        entry.threshold.value !== report.policy.threshold)
  )
  if (own.length === 0)
    return `- Decision threshold: a score ≥ ${report.policy.threshold} is flagged`
  const each = models
    .filter(([, entry]) => entry)
    .map(([role, entry]) => {
      const judgedAt = entry!.threshold ?? {
        value: report.policy.threshold,
        source: 'default' as const
      }
      return `${role} ≥ ${judgedAt.value} (${THRESHOLD_SOURCES[judgedAt.source](role)})`
    })
  return `- Decision thresholds, each model at its own: ${each.join(', ')}; a score at or above its model's threshold is flagged`
}

function details(report: EvaluationReport): string[] {
  const policy = report.policy
  const testSet = report.test_set
  const precision = moneyPrecisionOf(report)
  const money = (v: string): string => formatMoney(v, precision)
  return [
    '<details><summary>Test set, threshold and cost model</summary>',
    '',
    `- Test set: ${markdownCode(testSet.path)}: ${formatCount(testSet.rows)} rows, ${formatCount(testSet.positives)} positive (${markdownText(policy.positive_label)} in ${markdownCode(policy.label_column)}), sha256 \`${shortHash(testSet.sha256)}\``,
    thresholdLine(report),
    `- Cost model: ${markdownText(policy.cost_model)}; net benefit = Σ over TP of (cost FN − cost TP) + Σ over FP of (cost TN − cost FP)`,
    `- Rows matched ${policy.id_column ? `by id (${markdownCode(policy.id_column)})` : 'by position'}`,
    `- Floors: net benefit > ${policy.min_net_benefit_exact === null ? 'off' : money(policy.min_net_benefit_exact)}, F1 > ${policy.min_f1 === null ? 'off' : formatRatio(policy.min_f1)}; beat the champion by more than ${money(policy.min_improvement_exact)}${policy.min_confidence === null ? '' : ` with confidence ≥ ${formatPercent(policy.min_confidence)}`}`,
    ...(policy.segment_column
      ? [
          `- Segments: by ${markdownCode(policy.segment_column)}; ${policy.max_segment_loss_exact ? `the candidate may lose at most ${segmentMoney(policy.max_segment_loss_exact)} of net benefit in any one segment (max-segment-loss)` : 'for information (max-segment-loss: off)'}`
        ]
      : []),
    `- Paired comparison: only rows where the models decide differently count; ${
      report.comparison.paired?.method === 'bootstrap'
        ? 'rows are resampled with Poisson(1) weights, the same for both models, and the intervals are the 2.5th to 97.5th percentiles of the resamples'
        : 'the interval uses the Poisson-bootstrap variance of the net-benefit difference with a normal approximation'
    }`,
    '',
    '</details>'
  ]
}

export function renderMarkdown(
  input: Report,
  options: RenderOptions = {}
): string {
  if (!isEvaluation(input)) return renderAliasReport(input, options)
  const report = input
  const parts: string[] = [headline(report), '']
  if (report.decision === 'promote') {
    parts.push(
      report.champion
        ? `The candidate passes every criterion and beats the champion${report.champion.version ? ` (${versionLabel(report.champion)})` : ''} by ${formatMoneyDelta(report.comparison.delta_net_benefit_exact ?? '0', moneyPrecisionOf(report))} net benefit.`
        : 'The candidate passes every floor.',
      ''
    )
  }
  parts.push(
    ...warningsBlock(report),
    ...criteriaTable(report),
    '',
    ...pairedLine(report)
  )
  for (const note of report.notes)
    parts.push(`> ${markdownText(note, ownMentions(report))}`)
  if (report.notes.length > 0) parts.push('')
  const steps = nextSteps(report, options)
  if (steps.length > 0) parts.push(...steps, '')
  parts.push('#### Confusion matrices', '', ...confusionTables(report), '')
  const segments = segmentsTable(report)
  if (segments.length > 0) parts.push(...segments, '')
  const chart = renderNetBenefitChart(report)
  if (chart.length > 0)
    parts.push('#### Net benefit by decision threshold', '', ...chart, '')
  parts.push(...details(report), '')
  return parts.join('\n')
}

function renderAliasReport(
  report: AliasReport,
  options: RenderOptions
): string {
  return [
    headline(report),
    '',
    ...report.notes.map((n) => `> ${markdownText(n, ownMentions(report))}`),
    '',
    ...nextSteps(report, options),
    ''
  ].join('\n')
}
