import { describe, expect, it } from '@jest/globals'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'
import { outputsFor } from '../../src/outputs.js'
import { evaluationTags, TAG_PREFIX } from '../../src/registry/evidence.js'

/**
 * 80 fraud rows alternating 1234567890123.45 and …46, all flagged: the sum
 * 98765431209876.40 is past 2^53 cents, where a double reads …41.
 */
async function bigMoneyReport() {
  const test = ['id,amount,label']
  const scores = ['id,prediction']
  for (let k = 0; k < 80; k++) {
    test.push(`r${k},1234567890123.${k % 2 === 0 ? '45' : '46'},1`)
    scores.push(`r${k},0.9`)
  }
  const dir = writeFiles({
    'test.csv': `${test.join('\n')}\n`,
    'candidate.csv': `${scores.join('\n')}\n`,
    'champion.csv': `${scores.join('\n')}\n`
  })
  return evaluateInputs(dir, {
    'test-set': 'test.csv',
    'candidate-predictions': 'candidate.csv',
    'champion-predictions': 'champion.csv',
    'cost-false-negative': 'amount',
    'min-net-benefit': '12345678901234.5',
    'min-improvement': '-0.01'
  })
}

describe('exact money in outputs and evidence tags', () => {
  it('gives the outputs the exact sum, not the nearest double', async () => {
    const report = await bigMoneyReport()
    expect(report.candidate.metrics.net_benefit.toFixed(2)).toBe(
      '98765431209876.41'
    )
    const outputs = outputsFor(report, 'report.json')
    expect(outputs['candidate-net-benefit']).toBe('98765431209876.40')
    expect(outputs['champion-net-benefit']).toBe('98765431209876.40')
    expect(report.comparison.delta_net_benefit_exact).toBe('0.00')
  })

  it('tags the version with the exact figures and limits', async () => {
    const report = await bigMoneyReport()
    // Champion figures are tagged only beside the champion's version (a gate
    // run has one; files alone do not).
    const tags = evaluationTags({
      ...report,
      champion: { ...report.champion!, version: '1' }
    })
    expect(tags[`${TAG_PREFIX}net_benefit`]).toBe('98765431209876.40')
    expect(tags[`${TAG_PREFIX}champion_net_benefit`]).toBe('98765431209876.40')
    expect(tags[`${TAG_PREFIX}min_net_benefit`]).toBe('12345678901234.5')
    expect(tags[`${TAG_PREFIX}min_improvement`]).toBe('-0.01')
  })
})
