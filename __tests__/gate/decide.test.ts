import { describe, expect, it } from '@jest/globals'
import { decide, floorsPassed, type GatePolicy } from '../../src/gate/decide.js'
import {
  decimalFromString,
  parseDecimal,
  type Decimal
} from '../../src/metrics/decimal.js'

const $ = (text: string): Decimal => parseDecimal(text)!
const policy: GatePolicy = {
  minNetBenefit: $('40000'),
  minF1: 0.2,
  minImprovement: $('0')
}

describe('decide.ts', () => {
  it('promotes when both floors pass and the candidate beats the champion', () => {
    const verdict = decide(
      { netBenefit: $('79372.10'), f1: 0.41 },
      { netBenefit: $('76072'), f1: 0.39 },
      policy
    )
    expect(verdict.decision).toBe('promote')
    expect(verdict.reasons).toEqual([])
    expect(verdict.gates).toEqual([
      {
        name: 'min-net-benefit',
        value: 79372.1,
        floor: 40000,
        passed: true
      },
      { name: 'min-f1', value: 0.41, floor: 0.2, passed: true },
      { name: 'min-improvement', value: 3300.1, floor: 0, passed: true }
    ])
  })

  it('requires the floors to be exceeded, not met', () => {
    const verdict = decide(
      { netBenefit: $('40000.00'), f1: 0.2 },
      undefined,
      policy
    )
    expect(verdict.decision).toBe('reject')
    expect(verdict.reasons).toEqual([
      // A tie with the floor is a close call: shown to the cent.
      'Net benefit $40,000.00 does not exceed the floor of $40,000.00 (min-net-benefit).',
      'F1 0.200 does not exceed the floor of 0.200 (min-f1).'
    ])
  })

  it('passes a floor by one cent', () => {
    expect(
      decide({ netBenefit: $('40000.01'), f1: 0.5 }, undefined, policy).decision
    ).toBe('promote')
  })

  it('keeps the champion on a tie', () => {
    const verdict = decide(
      { netBenefit: $('50000'), f1: 0.5 },
      { netBenefit: $('50000'), f1: 0.4 },
      policy
    )
    expect(verdict.decision).toBe('reject')
    expect(verdict.reasons).toEqual([
      "Net benefit $50,000.00 does not beat the champion's $50,000.00 by more than $0.00 (difference $0.00; min-improvement)."
    ])
  })

  it('lists every failed criterion', () => {
    const verdict = decide(
      { netBenefit: $('-1234'), f1: 0.1 },
      { netBenefit: $('2000'), f1: 0.3 },
      policy
    )
    expect(verdict.gates.filter((g) => !g.passed).map((g) => g.name)).toEqual([
      'min-net-benefit',
      'min-f1',
      'min-improvement'
    ])
    expect(verdict.reasons[2]).toBe(
      "Net benefit -$1,234 does not beat the champion's $2,000 by more than $0 (difference -$3,234; min-improvement)."
    )
  })

  it('takes a negative min-improvement as a non-inferiority margin', () => {
    const margin = { ...policy, minImprovement: $('-500') }
    expect(
      decide(
        { netBenefit: $('49600'), f1: 0.5 },
        { netBenefit: $('50000'), f1: 0.5 },
        margin
      ).decision
    ).toBe('promote')
    expect(
      decide(
        { netBenefit: $('49500'), f1: 0.5 },
        { netBenefit: $('50000'), f1: 0.5 },
        margin
      ).decision
    ).toBe('reject')
  })

  it('leaves disabled floors out of the gates and says so', () => {
    const verdict = decide({ netBenefit: $('5'), f1: 0.01 }, undefined, {
      minImprovement: $('0')
    })
    expect(verdict.decision).toBe('promote')
    expect(verdict.gates).toEqual([])
    expect(verdict.notes).toEqual([
      'The net-benefit floor is off (min-net-benefit: off).',
      'The F1 floor is off (min-f1: off).',
      'No champion to compare with: the floors alone decide.'
    ])
  })

  it('shows the cents that decided a close call (a candidate $0.30 behind)', () => {
    const verdict = decide(
      { netBenefit: $('100.00'), f1: 0.5 },
      { netBenefit: $('100.30'), f1: 0.5 },
      { ...policy, minNetBenefit: $('50') }
    )
    expect(verdict.reasons).toEqual([
      "Net benefit $100.00 does not beat the champion's $100.30 by more than $0.00 (difference -$0.30; min-improvement)."
    ])
  })

  it('shows the cents of a floor missed by cents, with the other figures in cents too', () => {
    const verdict = decide(
      { netBenefit: $('39999.70'), f1: 0.5 },
      { netBenefit: $('20000'), f1: 0.4 },
      { ...policy, minImprovement: $('50000') }
    )
    expect(verdict.reasons).toEqual([
      'Net benefit $39,999.70 does not exceed the floor of $40,000.00 (min-net-benefit).',
      "Net benefit $39,999.70 does not beat the champion's $20,000.00 by more than $50,000.00 (difference +$19,999.70; min-improvement)."
    ])
  })

  it('shows a margin given in cents as given, never rounded to a dollar', () => {
    const verdict = decide(
      { netBenefit: $('90000'), f1: 0.5 },
      { netBenefit: $('50000'), f1: 0.4 },
      { ...policy, minImprovement: $('50000.5') },
      0.2
    )
    expect(verdict.reasons[0]).toBe(
      "Net benefit $90,000.00 does not beat the champion's $50,000.00 by more than $50,000.50 (difference +$40,000.00; min-improvement)."
    )
  })

  it('quotes the exact figures it compared past 2^53 cents', () => {
    // 98765431209876.40 is not a double: the nearest one ends in .40625.
    const huge = decimalFromString('98765431209876.40')
    const verdict = decide(
      { netBenefit: huge, f1: 0.5 },
      { netBenefit: decimalFromString('98765431209876.39'), f1: 0.5 },
      { ...policy, minNetBenefit: huge, minImprovement: $('0.01') }
    )
    expect(verdict.reasons).toEqual([
      'Net benefit $98,765,431,209,876.40 does not exceed the floor of $98,765,431,209,876.40 (min-net-benefit).',
      "Net benefit $98,765,431,209,876.40 does not beat the champion's $98,765,431,209,876.39 by more than $0.01 (difference +$0.01; min-improvement)."
    ])
  })

  it('says the floors passed when only the champion comparison failed, and not when a floor did', () => {
    const lost = decide(
      { netBenefit: $('50000'), f1: 0.3 },
      { netBenefit: $('60000'), f1: 0.4 },
      { ...policy, minConfidence: 0.9 },
      0.1
    )
    expect(lost.decision).toBe('reject')
    expect(floorsPassed(lost.gates)).toBe(true)
    const belowF1 = decide(
      { netBenefit: $('50000'), f1: 0.1 },
      { netBenefit: $('40000'), f1: 0.4 },
      policy
    )
    expect(floorsPassed(belowF1.gates)).toBe(false)
    const belowNet = decide(
      { netBenefit: $('30000'), f1: 0.3 },
      undefined,
      policy
    )
    expect(floorsPassed(belowNet.gates)).toBe(false)
  })
})
