/**
 * The quality gate: two floors on the candidate (net benefit and F1 must
 * each exceed theirs) and the comparison with the champion (the candidate's
 * net benefit must exceed the champion's by more than `min-improvement`;
 * a tie keeps the champion; with `max-segment-loss`, no segment may fall
 * further behind, see segment-loss.ts). Promote only when every enabled
 * criterion passes; every failed one is a reason in words.
 *
 * Money is compared exactly, at cents (net benefit is rounded to cents
 * first), and the reasons quote the exact figures compared, to the cent
 * whenever whole dollars could blur the call (`moneyPrecision`), so the
 * verdict can be checked against the figures printed beside it.
 */

import {
  compareDecimal,
  decimalToNumber,
  subtractDecimal,
  type Decimal
} from '../metrics/decimal.js'
import {
  formatMoney,
  formatMoneyDelta,
  formatPercent,
  formatRatio,
  moneyPrecision
} from '../report/format.js'
import type { WorstSegment } from '../metrics/segments.js'
import { segmentLossCheck } from './segment-loss.js'

export type GateName =
  | 'min-net-benefit'
  | 'min-f1'
  | 'min-improvement'
  | 'min-confidence'
  | 'max-segment-loss'

export interface GatePolicy {
  /** undefined: the floor is off. */
  readonly minNetBenefit?: Decimal
  readonly minF1?: number
  readonly minImprovement: Decimal
  /**
   * undefined: off. Else the confidence (from the paired comparison) that
   * the candidate beats the champion by more than min-improvement must be
   * at least this.
   */
  readonly minConfidence?: number
  /**
   * undefined: off. Else in no segment of `segment-column` may the
   * candidate's net benefit fall more than this below the champion's.
   */
  readonly maxSegmentLoss?: Decimal
}

/** A model's figures as the gate sees them; net benefit already rounded to cents. */
export interface GateFigures {
  readonly netBenefit: Decimal
  readonly f1: number
}

export interface GateCheck {
  readonly name: GateName
  /**
   * The candidate's figure; for min-improvement the net-benefit difference;
   * for max-segment-loss the worst segment's difference (candidate −
   * champion), which passes while it is at least −floor.
   */
  readonly value: number
  /**
   * The floor the value must exceed (for min-improvement the margin, for
   * min-confidence the level it must reach, for max-segment-loss the loss
   * allowed in any one segment). The JSON report calls it
   * `threshold` (build-report.ts), a name other tools read.
   */
  readonly floor: number
  readonly passed: boolean
}

export interface GateVerdict {
  readonly decision: 'promote' | 'reject'
  readonly gates: GateCheck[]
  readonly reasons: string[]
  readonly notes: string[]
}

/** The floors: what the candidate must exceed on its own, champion or not. */
const FLOORS: readonly GateName[] = ['min-net-benefit', 'min-f1']

/**
 * True when every floor that is on passed, whatever the comparison with the
 * champion said (a logged model is registered only then; the headline says
 * whether the floors or the champion stopped a candidate).
 */
export function floorsPassed(
  gates: readonly Pick<GateCheck, 'name' | 'passed'>[]
): boolean {
  return gates.every((gate) => gate.passed || !FLOORS.includes(gate.name))
}

export function decide(
  candidate: GateFigures,
  champion: GateFigures | undefined,
  policy: GatePolicy,
  /** From the paired comparison, when there is a champion. */
  confidence?: number,
  /** With `segment-column` and a champion: where the candidate falls furthest behind. */
  worstSegment?: WorstSegment
): GateVerdict {
  const gates: GateCheck[] = []
  const reasons: string[] = []
  const notes: string[] = []
  const difference = champion
    ? subtractDecimal(candidate.netBenefit, champion.netBenefit)
    : undefined
  const precision = moneyPrecision({
    netBenefit: candidate.netBenefit,
    minNetBenefit: policy.minNetBenefit,
    difference,
    minImprovement: policy.minImprovement
  })
  const money = (value: Decimal): string => formatMoney(value, precision)

  if (policy.minNetBenefit !== undefined) {
    const passed =
      compareDecimal(candidate.netBenefit, policy.minNetBenefit) > 0
    gates.push({
      name: 'min-net-benefit',
      value: decimalToNumber(candidate.netBenefit),
      floor: decimalToNumber(policy.minNetBenefit),
      passed
    })
    if (!passed) {
      reasons.push(
        `Net benefit ${money(candidate.netBenefit)} does not exceed the floor of ${money(policy.minNetBenefit)} (min-net-benefit).`
      )
    }
  } else {
    notes.push('The net-benefit floor is off (min-net-benefit: off).')
  }

  if (policy.minF1 !== undefined) {
    const passed = candidate.f1 > policy.minF1
    gates.push({
      name: 'min-f1',
      value: candidate.f1,
      floor: policy.minF1,
      passed
    })
    if (!passed) {
      reasons.push(
        `F1 ${formatRatio(candidate.f1)} does not exceed the floor of ${formatRatio(policy.minF1)} (min-f1).`
      )
    }
  } else {
    notes.push('The F1 floor is off (min-f1: off).')
  }

  if (champion && difference) {
    const passed = compareDecimal(difference, policy.minImprovement) > 0
    gates.push({
      name: 'min-improvement',
      value: decimalToNumber(difference),
      floor: decimalToNumber(policy.minImprovement),
      passed
    })
    if (!passed) {
      reasons.push(
        `Net benefit ${money(candidate.netBenefit)} does not beat the champion's ` +
          `${money(champion.netBenefit)} by more than ${money(policy.minImprovement)} ` +
          `(difference ${formatMoneyDelta(difference, precision)}; min-improvement).`
      )
    }
    if (policy.minConfidence !== undefined && confidence !== undefined) {
      const passed = confidence >= policy.minConfidence
      gates.push({
        name: 'min-confidence',
        value: confidence,
        floor: policy.minConfidence,
        passed
      })
      if (!passed) {
        reasons.push(
          `The win is not clear enough: the confidence that the candidate beats the champion by more than ` +
            `${money(policy.minImprovement)} is ${formatPercent(confidence)}, below ${formatPercent(policy.minConfidence)} (min-confidence).`
        )
      }
    }
    if (policy.maxSegmentLoss !== undefined && worstSegment) {
      const { check, reason } = segmentLossCheck(
        worstSegment,
        policy.maxSegmentLoss
      )
      gates.push(check)
      if (reason) reasons.push(reason)
    }
  } else {
    notes.push('No champion to compare with: the floors alone decide.')
  }

  return {
    decision: reasons.length === 0 ? 'promote' : 'reject',
    gates,
    reasons,
    notes
  }
}
