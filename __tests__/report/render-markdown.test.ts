import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { renderMarkdown } from '../../src/report/render-markdown.js'
import type { Report } from '../../src/report/report.js'
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
  report: Report,
  registry: Partial<NonNullable<Report['registry']>>
): Report {
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

function versions(
  report: Report,
  candidate: string,
  champion?: string
): Report {
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
  it('renders a promotion in evaluate mode (would promote)', () => {
    const report = sampleReport({ 'min-net-benefit': '1000' })
    expect(report.decision).toBe('promote')
    expectGolden('evaluate-promote', renderMarkdown(report))
  })

  it('renders a promotion by the gate with how to roll back', () => {
    const report = sampleReport({ 'min-net-benefit': '1000' })
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

  it('renders a reject on the net-benefit floor', () => {
    const report = sampleReport({ 'min-net-benefit': '10000000' })
    expect(report.gates.map((g) => [g.name, g.passed])).toEqual([
      ['min-net-benefit', false],
      ['min-f1', true],
      ['min-improvement', true]
    ])
    expectGolden('reject-net-benefit', renderMarkdown(report))
  })

  it('renders a reject on the F1 floor', () => {
    const report = sampleReport({ 'min-net-benefit': '1000', 'min-f1': '0.9' })
    expect(report.reasons).toHaveLength(1)
    expectGolden('reject-f1', renderMarkdown(report))
  })

  it('renders a reject by the champion comparison, with the negative difference visible', () => {
    const report = sampleReport({
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

  it('renders a first evaluation with no champion', () => {
    const report = sampleReport({ 'min-net-benefit': '1000' }, false)
    expect(report.notes).toContain(
      'No champion to compare with: the floors alone decide.'
    )
    expectGolden('no-champion', renderMarkdown(report))
  })

  it('renders unchanged when the candidate already is the champion', () => {
    const report = sampleReport({ 'min-net-benefit': '1000' })
    const unchanged = withRegistry(
      versions({ ...report, mode: 'gate', decision: 'unchanged' }, '47', '47'),
      {
        new_champion_version: '47'
      }
    )
    expectGolden('unchanged', renderMarkdown(unchanged))
  })

  it('renders a rollback', () => {
    const report = sampleReport({ 'min-net-benefit': '1000' })
    const rolledBack = withRegistry(
      versions(
        {
          ...report,
          mode: 'rollback',
          decision: 'rollback',
          notes: ['Reason: fraud spike after release']
        },
        '47',
        '48'
      ),
      {
        alias_moved: true,
        new_champion_version: '47',
        previous_champion_version: '48'
      }
    )
    expectGolden('rollback', renderMarkdown(rolledBack))
  })

  it('escapes Markdown in model names', () => {
    const report = {
      ...sampleReport({ 'min-net-benefit': '1000' }),
      model_name: 'a|b_<c>'
    }
    expect(renderMarkdown(report)).toContain('**a\\|b\\_\\<c\\>**')
  })
})
