/**
 * The net-benefit-versus-threshold chart as a Mermaid `xychart-beta` block,
 * which GitHub renders in comments and job summaries. One line per model,
 * and a grey band marking the operating threshold (a band per model, in its
 * tint, when each is judged at its own). The points come from the
 * report's curves (accumulated in the single pass over the data).
 *
 * xychart-beta has no annotations, so the band is a bar series: full height
 * at the operating threshold and at the axis minimum elsewhere. A bar at the
 * minimum is not flat: Mermaid pads the y-axis by half a label's height, and
 * every bar starts at the bottom of the plot, so each one leaves a stub. A
 * second bar series in the chart's own background colour, at the minimum
 * everywhere, covers the stubs. That only works if the background is known,
 * so the chart sets every colour it uses (a white card with GitHub's light
 * text colours) and looks the same in GitHub's light and dark themes, where
 * Mermaid's dark theme would otherwise draw it on its own grey.
 */

import type { EvaluationReport } from './report.js'

/** Thresholds shown: every 0.05, plus the point nearest the operating one. */
const STEP = 5

/** GitHub's light-theme colours: the chart is the same card in any theme. */
const CARD = '#ffffff'
const TEXT = '#1f2328'
const MUTED = '#59636e'
const BAND = '#d0d7de'
/** Blue and orange, told apart with any colour vision; the legend's 🔵 🟠. */
const CANDIDATE = '#0969da'
const CHAMPION = '#ea580c'

const THEME = {
  xyChart: {
    backgroundColor: CARD,
    titleColor: TEXT,
    xAxisTitleColor: TEXT,
    xAxisLabelColor: MUTED,
    xAxisTickColor: MUTED,
    xAxisLineColor: MUTED,
    yAxisTitleColor: TEXT,
    yAxisLabelColor: MUTED,
    yAxisTickColor: MUTED,
    yAxisLineColor: MUTED,
    // By series order: the band, the stub cover, then the lines.
    plotColorPalette: [BAND, CARD, CANDIDATE, CHAMPION].join(', ')
  }
}
const INIT = `%%{init: ${JSON.stringify({ xyChart: { width: 900, height: 450 }, themeVariables: THEME })}}%%`
/** Tints of the lines' colours, for the two models' threshold bands. */
const CANDIDATE_BAND = '#b6d7fb'
const CHAMPION_BAND = '#fbd3b8'
const INIT_TWO_BANDS = `%%{init: ${JSON.stringify({
  xyChart: { width: 900, height: 450 },
  themeVariables: {
    xyChart: {
      ...THEME.xyChart,
      plotColorPalette: [
        CANDIDATE_BAND,
        CHAMPION_BAND,
        CARD,
        CANDIDATE,
        CHAMPION
      ].join(', ')
    }
  }
})}}%%`

/** Axis bounds on round numbers, always including 0 (break-even). */
function niceBounds(values: number[]): [number, number] {
  const low = Math.min(0, ...values)
  const high = Math.max(0, ...values)
  if (high === low) return [low, low + 1]
  const raw = (high - low) / 8
  const power = 10 ** Math.floor(Math.log10(raw))
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power
  return [Math.floor(low / step) * step, Math.ceil(high / step) * step]
}

/** The curve point nearest a threshold (the curve is computed on a 0.01 grid). */
function nearest(thresholds: readonly number[], operating: number): number {
  return thresholds.reduce(
    (best, t, k) =>
      Math.abs(t - operating) < Math.abs(thresholds[best] - operating)
        ? k
        : best,
    0
  )
}

/** Each model's operating threshold: one when both are judged at the same. */
function operatingThresholds(report: EvaluationReport): number[] {
  const candidate = report.candidate.threshold?.value ?? report.policy.threshold
  const champion = report.champion
    ? (report.champion.threshold?.value ?? report.policy.threshold)
    : candidate
  return champion === candidate ? [candidate] : [candidate, champion]
}

export function renderNetBenefitChart(report: EvaluationReport): string[] {
  const { thresholds, candidate, champion } = report.curves
  if (thresholds.length === 0) return []
  const operating = operatingThresholds(report)
  // An operating threshold between two points is marked at the nearer one,
  // and the caption says so.
  const markers = operating.map((t) => nearest(thresholds, t))
  const picked = thresholds
    .map((_, k) => k)
    .filter(
      (k) => markers.includes(k) || Math.round(thresholds[k] * 100) % STEP === 0
    )
  const whole = (v: number): number => Math.round(v)
  const series = (values: number[]): number[] =>
    picked.map((k) => whole(values[k]))
  const lines = [series(candidate), ...(champion ? [series(champion)] : [])]
  const [low, high] = niceBounds(lines.flat())
  const list = (values: (number | string)[]): string => `[${values.join(', ')}]`
  const band = (marker: number): string =>
    `  bar ${list(picked.map((k) => (k === marker ? high : low)))}`
  const shown = (t: number, marker: number): string =>
    Math.abs(thresholds[marker] - t) < 1e-9
      ? `${t}`
      : `${t}, drawn at ${thresholds[marker].toFixed(2)}, the nearest point computed`

  // One band, or each model at its own threshold: a band in each model's
  // tint. Then the stub cover, then the lines (the palette follows series
  // order).
  const oneBand = markers.length === 1
  const legend = oneBand
    ? `🔵 candidate${champion ? ' · 🟠 champion' : ''} · grey band: the operating threshold (${shown(operating[0], markers[0])}).`
    : `🔵 candidate · 🟠 champion · light blue band: the candidate's threshold (${shown(operating[0], markers[0])}) · light orange band: the champion's (${shown(operating[1], markers[1])}).`
  return [
    '```mermaid',
    oneBand ? INIT : INIT_TWO_BANDS,
    'xychart-beta',
    '  title "Net benefit ($) by decision threshold"',
    `  x-axis "Decision threshold" ${list(picked.map((k) => thresholds[k].toFixed(2)))}`,
    `  y-axis "Net benefit ($)" ${low} --> ${high}`,
    ...markers.map(band),
    `  bar ${list(picked.map(() => low))}`,
    ...lines.map((values) => `  line ${list(values)}`),
    '```',
    '',
    legend
  ]
}
