/**
 * The one renderer: a Report in, Markdown out. The job summary and the PR
 * comment both show exactly this text, so the two never disagree.
 */

import {
  formatCount,
  formatMoney,
  formatMoneyDelta,
  formatPercent,
  formatRatio,
  formatRatioDelta,
  shortHash
} from './format.js'
import { renderNetBenefitChart } from './net-benefit-chart.js'
import {
  isEvaluation,
  type AliasReport,
  type EvaluationReport,
  type Report,
  type VersionRef
} from './report.js'

export interface RenderOptions {
  /** The rollback workflow's file name, for the "how to roll back" line. */
  readonly rollbackWorkflow?: string
}

/** Text that is safe inside a Markdown table cell or heading. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>|#]/g, (c) => `\\${c}`)
}

function versionLabel(entry: VersionRef | null): string {
  if (!entry) return 'none'
  const text = entry.version
    ? `v${entry.version}`
    : entry.model_uri
      ? `\`${entry.model_uri}\``
      : 'predictions'
  return entry.url ? `[${text}](${entry.url})` : text
}

function headline(report: Report): string {
  const name = report.model_name
    ? `**${escapeMarkdown(report.model_name)}** `
    : ''
  const alias = `@${report.registry?.champion_alias ?? 'champion'}`
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
      const floorsPassed =
        'gates' in report &&
        report.gates.every(
          (g) =>
            g.passed ||
            g.name === 'min-improvement' ||
            g.name === 'min-confidence'
        )
      return report.champion && floorsPassed
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
  'min-confidence': 'Confidence it beats the champion'
} as const

function passCell(passed: boolean): string {
  return passed ? '✅ pass' : '❌ **fail**'
}

/** A difference, made visible when negative. */
function moneyDelta(value: number | null): string {
  if (value === null) return '–'
  const text = formatMoneyDelta(value)
  return text.startsWith('-') ? `🔻 **${text}**` : text
}

function ratioDelta(value: number | null): string {
  if (value === null) return '–'
  const text = formatRatioDelta(value)
  return text.startsWith('-') ? `🔻 **${text}**` : text
}

function criteriaTable(report: EvaluationReport): string[] {
  const c = report.candidate.metrics
  const h = report.champion?.metrics
  const rows = [
    '| Criterion | Candidate | Champion | Difference | Threshold | Result |',
    '|---|---:|---:|---:|---:|:---|'
  ]
  const money = (v: number | undefined): string =>
    v === undefined ? '–' : formatMoney(v)
  const ratio = (v: number | undefined): string =>
    v === undefined ? '–' : formatRatio(v)
  for (const gate of report.gates) {
    const label = GATE_LABELS[gate.name]
    if (gate.name === 'min-net-benefit') {
      rows.push(
        `| ${label} | ${money(c.net_benefit)} | ${money(h?.net_benefit)} | ${moneyDelta(report.comparison.delta_net_benefit)} | > ${formatMoney(gate.threshold)} | ${passCell(gate.passed)} |`
      )
    } else if (gate.name === 'min-f1') {
      rows.push(
        `| ${label} | ${ratio(c.f1)} | ${ratio(h?.f1)} | ${ratioDelta(report.comparison.delta_f1)} | > ${formatRatio(gate.threshold)} | ${passCell(gate.passed)} |`
      )
    } else if (gate.name === 'min-confidence') {
      rows.push(
        `| ${label} | ${formatPercent(gate.value)} | – | – | ≥ ${formatPercent(gate.threshold)} | ${passCell(gate.passed)} |`
      )
    } else {
      rows.push(
        `| ${label} | ${money(c.net_benefit)} | ${money(h?.net_benefit)} | ${moneyDelta(gate.value)} | > ${formatMoneyDelta(gate.threshold)} | ${passCell(gate.passed)} |`
      )
    }
  }
  const shown = new Set(report.gates.map((g) => g.name))
  if (!shown.has('min-net-benefit')) {
    rows.push(
      `| Net benefit | ${money(c.net_benefit)} | ${money(h?.net_benefit)} | ${moneyDelta(report.comparison.delta_net_benefit)} | off | – |`
    )
  }
  if (!shown.has('min-f1')) {
    rows.push(
      `| F1 | ${ratio(c.f1)} | ${ratio(h?.f1)} | ${ratioDelta(report.comparison.delta_f1)} | off | – |`
    )
  }
  const delta = (a: number, b: number | undefined): string =>
    b === undefined ? '–' : ratioDelta(a - b)
  rows.push(
    `| Precision | ${ratio(c.precision)} | ${ratio(h?.precision)} | ${delta(c.precision, h?.precision)} | – | – |`
  )
  rows.push(
    `| Recall | ${ratio(c.recall)} | ${ratio(h?.recall)} | ${delta(c.recall, h?.recall)} | – | – |`
  )
  return rows
}

/** One sentence on how clear the win (or loss) is, from the paired comparison. */
function pairedLine(report: EvaluationReport): string[] {
  const paired = report.comparison.paired
  if (!paired || report.comparison.delta_net_benefit === null) return []
  const [low, high] = paired.interval_95
  return [
    `Paired comparison on the same rows: the models disagree on ${formatCount(paired.disagreements)} rows; ` +
      `the net-benefit difference is ${formatMoneyDelta(report.comparison.delta_net_benefit)} ` +
      `(95% interval ${formatMoneyDelta(low)} to ${formatMoneyDelta(high)}), ` +
      `so the confidence that the candidate beats the champion by more than ${formatMoney(report.policy.min_improvement)} is ${formatPercent(paired.confidence)}.`,
    ''
  ]
}

function confusionTables(report: EvaluationReport): string[] {
  const positive = escapeMarkdown(report.policy.positive_label)
  const c = report.candidate.metrics
  const h = report.champion?.metrics
  const lines = [
    `| Actual \\ decision | Candidate: flagged | Candidate: not flagged |${h ? ' Champion: flagged | Champion: not flagged |' : ''}`,
    `|---|---:|---:|${h ? '---:|---:|' : ''}`,
    `| Positive (${positive}) | ${formatCount(c.tp)} TP | ${formatCount(c.fn)} FN |${h ? ` ${formatCount(h.tp)} TP | ${formatCount(h.fn)} FN |` : ''}`,
    `| Negative | ${formatCount(c.fp)} FP | ${formatCount(c.tn)} TN |${h ? ` ${formatCount(h.fp)} FP | ${formatCount(h.tn)} TN |` : ''}`
  ]
  return lines
}

function nextSteps(report: Report, options: RenderOptions): string[] {
  const lines: string[] = []
  if (report.decision === 'reject') {
    lines.push('**Why it was rejected**', '')
    for (const reason of report.reasons) lines.push(`- ${reason}`)
    lines.push(
      '',
      report.mode === 'evaluate'
        ? 'Nothing in the registry was changed. Improve the model (or, if the policy itself is wrong, change the thresholds in the workflow) and push again.'
        : rejectOutcome(report)
    )
  } else if (
    report.decision === 'promote' &&
    report.mode === 'gate' &&
    report.registry
  ) {
    const previous = report.registry.previous_champion_version
    const workflow = options.rollbackWorkflow ?? 'rollback.yml'
    lines.push(
      previous
        ? `**To roll back**: run the \`${workflow}\` workflow (Actions → Run workflow); it moves @${report.registry.champion_alias} back to v${previous} (@${report.registry.previous_champion_alias}).`
        : `This is the first @${report.registry.champion_alias}: there is no earlier version to roll back to.`
    )
  } else if (report.decision === 'rollback' && report.registry) {
    lines.push(
      `A second rollback would undo this one: @${report.registry.previous_champion_alias} now points at ${versionLabel(report.champion)}.`
    )
  }
  return lines
}

/** What a reject left in the registry: only what this run wrote, and the champion that still serves. */
function rejectOutcome(report: Report): string {
  const alias = `@${report.registry?.champion_alias ?? 'champion'}`
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
    ? `${alias} was not moved: it still serves ${serves}. Written to the registry: ${written.map(escapeMarkdown).join('; ')}.`
    : `Nothing in the registry was changed: ${alias} still serves ${serves}.`
}

function details(report: EvaluationReport): string[] {
  const p = report.policy
  const t = report.test_set
  return [
    '<details><summary>Test set, threshold and cost model</summary>',
    '',
    `- Test set: \`${t.path}\`: ${formatCount(t.rows)} rows, ${formatCount(t.positives)} positive (${escapeMarkdown(p.positive_label)} in \`${p.label_column}\`), sha256 \`${shortHash(t.sha256)}\``,
    `- Decision threshold: a score ≥ ${p.threshold} is flagged`,
    `- Cost model: ${escapeMarkdown(p.cost_model)}; net benefit = Σ over TP of (cost FN − cost TP) + Σ over FP of (cost TN − cost FP)`,
    `- Rows matched ${p.id_column ? `by id (\`${p.id_column}\`)` : 'by position'}`,
    `- Floors: net benefit > ${p.min_net_benefit === null ? 'off' : formatMoney(p.min_net_benefit)}, F1 > ${p.min_f1 === null ? 'off' : formatRatio(p.min_f1)}; beat the champion by more than ${formatMoney(p.min_improvement)}${p.min_confidence === null ? '' : ` with confidence ≥ ${formatPercent(p.min_confidence)}`}`,
    '- Paired comparison: only rows where the models decide differently count; the interval uses the Poisson-bootstrap variance of the net-benefit difference with a normal approximation',
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
        ? `The candidate passes every criterion and beats the champion${report.champion.version ? ` (${versionLabel(report.champion)})` : ''} by ${formatMoneyDelta(report.comparison.delta_net_benefit ?? 0)} net benefit.`
        : 'The candidate passes every floor.',
      ''
    )
  }
  parts.push(...criteriaTable(report), '', ...pairedLine(report))
  for (const note of report.notes) parts.push(`> ${note}`)
  if (report.notes.length > 0) parts.push('')
  const steps = nextSteps(report, options)
  if (steps.length > 0) parts.push(...steps, '')
  parts.push('#### Confusion matrices', '', ...confusionTables(report), '')
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
    ...report.notes.map((n) => `> ${n}`),
    '',
    ...nextSteps(report, options),
    ''
  ].join('\n')
}
