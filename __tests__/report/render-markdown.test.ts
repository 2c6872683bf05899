import { describe, expect, it } from '@jest/globals'
import { renderMarkdown } from '../../src/report/render-markdown.js'
import type { AliasReport, EvaluationReport } from '../../src/report/report.js'
import { sampleReport } from '../../__fixtures__/reports.js'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'
import { expectGolden } from '../support/golden.js'

/**
 * A real evaluation of two positives and eight negatives: flagging a
 * positive earns its amount less $5, so each model's net benefit is the sum
 * of (amount − 5) over the positives it flags.
 */
async function twoPositives(
  amounts: [string, string],
  candidate: [number, number],
  champion: [number, number] | undefined,
  raw: Record<string, string>
): Promise<EvaluationReport> {
  const rows = ['id,amount,label', `p1,${amounts[0]},1`, `p2,${amounts[1]},1`]
  const scores = (flags: [number, number]): string =>
    ['id,prediction', `p1,${flags[0]}`, `p2,${flags[1]}`]
      .concat(Array.from({ length: 8 }, (_, k) => `n${k},0.1`))
      .join('\n') + '\n'
  for (let k = 0; k < 8; k++) rows.push(`n${k},10.00,0`)
  const dir = writeFiles({
    'test.csv': `${rows.join('\n')}\n`,
    'candidate.csv': scores(candidate),
    ...(champion ? { 'champion.csv': scores(champion) } : {})
  })
  const report = await evaluateInputs(dir, {
    'model-name': 'fraud-detector',
    'test-set': 'test.csv',
    'candidate-predictions': 'candidate.csv',
    ...(champion ? { 'champion-predictions': 'champion.csv' } : {}),
    'cost-false-negative': 'amount',
    'cost-true-positive': '5',
    'cost-false-positive': '5',
    ...raw
  })
  report.test_set.path = 'test.csv'
  report.candidate.predictions = 'candidate.csv'
  if (report.champion) report.champion.predictions = 'champion.csv'
  return report
}

function withRegistry(
  report: EvaluationReport,
  registry: Partial<NonNullable<EvaluationReport['registry']>>
): EvaluationReport {
  return {
    ...report,
    registry: {
      tracking_uri: 'http://mlflow.example.com',
      champion_alias: 'champion',
      previous_champion_alias: 'previous-champion',
      alias_moved: false,
      new_champion_version: null,
      previous_champion_version: null,
      ...registry
    }
  }
}

function aliasReport(
  decision: AliasReport['decision'],
  to: string,
  from: string,
  notes: string[]
): AliasReport {
  const ref = (v: string) => ({
    version: v,
    model_uri: `models:/fraud-detector/${v}`,
    url: `http://mlflow.example.com/#/models/fraud-detector/versions/${v}`
  })
  return {
    schema: 1,
    tool: { name: 'champion-gate', version: 'test' },
    mode: decision === 'rollback' ? 'rollback' : 'gate',
    model_name: 'fraud-detector',
    decision,
    reasons: [],
    notes,
    candidate: ref(to),
    champion: ref(from),
    registry: {
      tracking_uri: 'http://mlflow.example.com',
      champion_alias: 'champion',
      previous_champion_alias: 'previous-champion',
      alias_moved: false,
      new_champion_version: from,
      previous_champion_version: null
    },
    run: {
      repository: null,
      sha: null,
      run_url: null,
      actor: null,
      event: null
    },
    created_at: '2026-01-01T00:00:00.000Z'
  }
}

function versions(
  report: EvaluationReport,
  candidate: string,
  champion?: string
): EvaluationReport {
  const url = (v: string): string =>
    `http://mlflow.example.com/#/models/fraud-detector/versions/${v}`
  return {
    ...report,
    candidate: {
      ...report.candidate,
      version: candidate,
      model_uri: `models:/fraud-detector/${candidate}`,
      url: url(candidate)
    },
    champion:
      report.champion && champion
        ? {
            ...report.champion,
            version: champion,
            model_uri: `models:/fraud-detector/${champion}`,
            url: url(champion)
          }
        : report.champion
  }
}

/**
 * Seven regions of four positives worth $100 each and two negatives: the
 * candidate (judged at its own threshold, 0.8) catches more in most regions
 * but fewer in two, so it wins overall and loses those regions.
 */
async function regionReport(raw: Record<string, string>) {
  const test = ['id,region,amount,label']
  const candidate = ['id,prediction']
  const champion = ['id,prediction']
  const catches: [string, number, number][] = [
    ['north', 4, 1],
    ['south', 3, 1],
    ['east', 4, 2],
    ['west', 1, 3],
    ['central', 2, 2],
    ['islands', 0, 2],
    ['overseas', 3, 0]
  ]
  for (const [region, cand, champ] of catches) {
    for (let k = 0; k < 6; k++) {
      const id = `${region}-${k}`
      const positive = k < 4
      test.push(
        `${id},${region},${positive ? '100.00' : '10.00'},${positive ? 1 : 0}`
      )
      // 0.85 is flagged at the candidate's 0.8; the champion's scores at its 0.5.
      candidate.push(`${id},${positive && k < cand ? 0.85 : 0.75}`)
      champion.push(`${id},${positive && k < champ ? 0.6 : 0.4}`)
    }
  }
  const dir = writeFiles({
    'test.csv': `${test.join('\n')}\n`,
    'candidate.csv': `${candidate.join('\n')}\n`,
    'champion.csv': `${champion.join('\n')}\n`
  })
  const report = await evaluateInputs(dir, {
    'model-name': 'fraud-detector',
    'test-set': 'test.csv',
    'candidate-predictions': 'candidate.csv',
    'champion-predictions': 'champion.csv',
    'cost-false-negative': 'amount',
    'cost-true-positive': '5',
    'cost-false-positive': '5',
    'min-net-benefit': '100',
    'bootstrap-samples': '0',
    'candidate-threshold': '0.8',
    'segment-column': 'region',
    ...raw
  })
  report.test_set.path = 'test.csv'
  report.candidate.predictions = 'candidate.csv'
  if (report.champion) report.champion.predictions = 'champion.csv'
  return report
}

describe('render-markdown.ts', () => {
  it('renders a promotion in evaluate mode (would promote)', async () => {
    const report = await sampleReport({ 'min-net-benefit': '1000' })
    expect(report.decision).toBe('promote')
    expectGolden('evaluate-promote', renderMarkdown(report))
  })

  it('renders a promotion by the gate with how to roll back', async () => {
    const report = await sampleReport({ 'min-net-benefit': '1000' })
    const gated = withRegistry(
      versions({ ...report, mode: 'gate' }, '48', '47'),
      {
        alias_moved: true,
        new_champion_version: '48',
        previous_champion_version: '47'
      }
    )
    expectGolden('gate-promote', renderMarkdown(gated))
  })

  it('renders a reject on the net-benefit floor', async () => {
    const report = await sampleReport({ 'min-net-benefit': '10000000' })
    expect(report.gates.map((g) => [g.name, g.passed])).toEqual([
      ['min-net-benefit', false],
      ['min-f1', true],
      ['min-improvement', true]
    ])
    expectGolden('reject-net-benefit', renderMarkdown(report))
  })

  it('renders a reject on the F1 floor', async () => {
    const report = await sampleReport({
      'min-net-benefit': '1000',
      'min-f1': '0.9'
    })
    expect(report.reasons).toHaveLength(1)
    expectGolden('reject-f1', renderMarkdown(report))
  })

  it('renders a reject by the champion comparison, with the negative difference visible', async () => {
    const report = await sampleReport({
      'min-net-benefit': '1000',
      'min-improvement': '100000'
    })
    expect(report.reasons).toHaveLength(1)
    const markdown = renderMarkdown(
      withRegistry(versions({ ...report, mode: 'gate' }, '48', '47'), {})
    )
    expect(markdown).toContain('❌ **fail**')
    expectGolden('reject-improvement', markdown)
  })

  it('renders the closed-form paired line with bootstrap-samples: 0', async () => {
    const report = await sampleReport({
      'min-net-benefit': '1000',
      'bootstrap-samples': '0'
    })
    const markdown = renderMarkdown(report)
    expect(markdown).toContain(
      'the interval uses the Poisson-bootstrap variance of the net-benefit difference with a normal approximation'
    )
    expect(markdown).not.toContain('resamples')
    expectGolden('evaluate-normal', markdown)
  })

  it('shows the thin-evidence warnings above the table, in one alert', async () => {
    const report = await twoPositives(
      ['100.00', '105.30'],
      [0.9, 0.1],
      [0.1, 0.9],
      { 'min-net-benefit': '50' }
    )
    expect(report.warnings.length).toBeGreaterThan(3)
    const lines = renderMarkdown(report).split('\n')
    const alert = lines.indexOf('> [!WARNING]')
    const table = lines.findIndex((l) => l.startsWith('| Criterion'))
    expect(alert).toBeGreaterThan(0)
    expect(alert).toBeLessThan(table)
    expect(lines.slice(alert + 2, alert + 2 + report.warnings.length)).toEqual(
      report.warnings.map((w) => `> - ${w}`)
    )
  })

  it('renders each model at its own threshold and the segments, rejecting on the worst one', async () => {
    const report = await regionReport({ 'max-segment-loss': '150' })
    expect(report.comparison.delta_net_benefit_exact).toBe('570.00')
    expect(report.reasons).toEqual([
      "In segment region = 'west' the candidate's net benefit $95.00 falls $190.00 below the champion's $285.00, more than the $150.00 allowed (max-segment-loss)."
    ])
    const markdown = renderMarkdown(report)
    expect(markdown).toContain('2 more segments in the JSON report')
    expect(markdown).toContain(
      "light blue band: the candidate's threshold (0.8)"
    )
    expectGolden('segments-thresholds', markdown)
  })

  it('renders a first evaluation with no champion', async () => {
    const report = await sampleReport({ 'min-net-benefit': '1000' }, false)
    expect(report.notes).toContain(
      'No champion to compare with: the floors alone decide.'
    )
    expectGolden('no-champion', renderMarkdown(report))
  })

  it('renders unchanged when the candidate already is the champion', async () => {
    expectGolden(
      'unchanged',
      renderMarkdown(
        aliasReport('unchanged', '47', '47', [
          'The candidate v47 already is @champion: nothing was evaluated or changed.'
        ])
      )
    )
  })

  it('renders a rollback', async () => {
    const report = aliasReport('rollback', '47', '48', [
      'Reason: fraud spike after release'
    ])
    report.registry = {
      ...report.registry,
      alias_moved: true,
      new_champion_version: '47',
      previous_champion_version: '48'
    }
    expectGolden('rollback', renderMarkdown(report))
  })

  it('says the champion, not the floors, stopped a candidate in evaluate mode', async () => {
    const report = await sampleReport({
      'min-net-benefit': '1000',
      'min-improvement': '100000'
    })
    expect(renderMarkdown(report).split('\n')[0]).toBe(
      '### ❌ Rejected: **fraud-detector** candidate does not beat the champion'
    )
    const floors = await sampleReport({ 'min-net-benefit': '10000000' })
    expect(renderMarkdown(floors).split('\n')[0]).toBe(
      '### ❌ Rejected: **fraud-detector** candidate does not pass the gate'
    )
  })

  it('escapes Markdown in model names', async () => {
    const report = {
      ...(await sampleReport({ 'min-net-benefit': '1000' })),
      model_name: 'a|b_<c>'
    }
    expect(renderMarkdown(report)).toContain('**a\\|b\\_\\<c\\>**')
  })

  it('shows the cents of a close call: a candidate $0.30 behind the champion', async () => {
    // Candidate flags p1 (105.00 − 5), the champion p2 (105.30 − 5).
    const report = await twoPositives(
      ['105.00', '105.30'],
      [0.9, 0.2],
      [0.2, 0.9],
      { 'min-net-benefit': '50' }
    )
    expect(report.candidate.metrics.net_benefit_exact).toBe('100.00')
    expect(report.champion?.metrics.net_benefit_exact).toBe('100.30')
    expect(report.reasons).toEqual([
      "Net benefit $100.00 does not beat the champion's $100.30 by more than $0.00 (difference -$0.30; min-improvement)."
    ])
    const markdown = renderMarkdown(
      withRegistry(versions({ ...report, mode: 'gate' }, '48', '47'), {})
    )
    expect(markdown).toContain(
      '| Net benefit | $100.00 | $100.30 | 🔻 **-$0.30** | > $50.00 | ✅ pass |'
    )
    expect(markdown).toContain(
      '| Beats the champion by | – | – | 🔻 **-$0.30** | > $0.00 | ❌ **fail** |'
    )
    expectGolden('reject-close-call', markdown)
  })

  it('shows the cents of a floor missed by cents', async () => {
    const report = await twoPositives(
      ['20004.85', '20004.85'],
      [0.9, 0.9],
      undefined,
      {}
    )
    expect(report.candidate.metrics.net_benefit_exact).toBe('39999.70')
    expect(report.reasons).toEqual([
      'Net benefit $39,999.70 does not exceed the floor of $40,000.00 (min-net-benefit).'
    ])
    const markdown = renderMarkdown(report)
    expect(markdown).toContain(
      '| Net benefit | $39,999.70 | – | – | > $40,000.00 | ❌ **fail** |'
    )
    expectGolden('reject-floor-by-cents', markdown)
  })

  it('keeps whole dollars when no comparison is close', async () => {
    const report = await twoPositives(
      ['20004.85', '1005.30'],
      [0.9, 0.9],
      [0.9, 0.1],
      { 'min-net-benefit': '1000' }
    )
    const markdown = renderMarkdown(report)
    // 21,000.15 vs 19,999.85: a lead of $1,000.30, not within $1,000 of $0.
    expect(report.comparison.delta_net_benefit_exact).toBe('1000.30')
    expect(markdown).toContain(
      '| Net benefit | $21,000 | $20,000 | +$1,000 | > $1,000 | ✅ pass |'
    )
    expect(markdown).toContain(
      '| Beats the champion by | – | – | +$1,000 | > $0 | ✅ pass |'
    )
  })
})
