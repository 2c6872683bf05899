/**
 * The net-benefit-versus-threshold chart as a Mermaid `xychart-beta` block,
 * which GitHub renders in comments and job summaries. One line per model,
 * and one bar marking the operating threshold. The points come from the
 * report's curves (accumulated in the single pass over the data).
 */

import type { EvaluationReport } from './report.js'

/** Thresholds shown: every 0.05, plus the operating threshold. */
const STEP = 5

export function renderNetBenefitChart(report: EvaluationReport): string[] {
  const { thresholds, candidate, champion } = report.curves
  if (thresholds.length === 0) return []
  const operating = report.policy.threshold
  const picked: number[] = []
  for (let k = 0; k < thresholds.length; k++) {
    const onStep = Math.round(thresholds[k] * 100) % STEP === 0
    const nearest =
      Math.abs(thresholds[k] - operating) < 0.005 &&
      !picked.some((j) => Math.abs(thresholds[j] - operating) < 0.005)
    if (onStep || nearest) picked.push(k)
  }
  const marker = picked.reduce((best, k) =>
    Math.abs(thresholds[k] - operating) < Math.abs(thresholds[best] - operating)
      ? k
      : best
  )
  const whole = (v: number): string => String(Math.round(v))
  const labels = picked.map((k) => thresholds[k].toFixed(2))
  const line = (values: number[]): string =>
    `[${picked.map((k) => whole(values[k])).join(', ')}]`
  const bar = `[${picked.map((k) => (k === marker ? whole(candidate[k]) : '0')).join(', ')}]`
  return [
    '```mermaid',
    '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#9ca3af, #2563eb, #f97316"}}}}%%',
    'xychart-beta',
    '  title "Net benefit ($) by decision threshold"',
    `  x-axis "Decision threshold" [${labels.join(', ')}]`,
    '  y-axis "Net benefit ($)"',
    `  bar ${bar}`,
    `  line ${line(candidate)}`,
    ...(champion ? [`  line ${line(champion)}`] : []),
    '```',
    '',
    `🔵 candidate${champion ? ' · 🟠 champion' : ''} · grey bar: the operating threshold (${operating}).`
  ]
}
