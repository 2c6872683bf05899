import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { renderMarkdown } from '../../src/report/render-markdown.js'
import type { AliasReport, EvaluationReport } from '../../src/report/report.js'
import { sampleReport } from '../../__fixtures__/reports.js'

const GOLDEN = new URL('../golden/', import.meta.url)

/** Compares with the golden file; UPDATE_GOLDEN=1 writes it instead. */
function expectGolden(name: string, markdown: string): void {
  const file = new URL(`${name}.md`, GOLDEN)
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI)
      throw new Error(
        `golden file ${name}.md is missing; run UPDATE_GOLDEN=1 npm test and review it`
      )
    mkdirSync(GOLDEN, { recursive: true })
    writeFileSync(file, markdown)
  }
  expect(markdown).toBe(readFileSync(file, 'utf8'))
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
})
