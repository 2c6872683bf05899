/**
 * The `max-segment-loss` criterion: a candidate that wins overall must not
 * lose any one segment (a region, a merchant category) by more than this
 * many dollars against the champion. Only the worst segment matters: it is
 * the gate record's value and, when it fails, the reason names it with both
 * models' figures. Money is compared exactly; segment figures are written
 * to the cent, since a segment's figures are small enough that whole
 * dollars could hide the call.
 */

import {
  compareDecimal,
  decimalToNumber,
  subtractDecimal,
  type Decimal
} from '../metrics/decimal.js'
import type { WorstSegment } from '../metrics/segments.js'
import { formatMoney } from '../report/format.js'
import type { GateCheck } from './decide.js'

/**
 * The gate record (value: the worst segment's difference, candidate −
 * champion; floor: the loss allowed, passed while the loss is at most that;
 * the JSON report calls it `threshold` like every record's) and, on a fail,
 * the reason.
 */
export function segmentLossCheck(
  worst: WorstSegment,
  maxLoss: Decimal
): { check: GateCheck; reason?: string } {
  const loss = subtractDecimal(worst.champion, worst.candidate)
  const passed = compareDecimal(loss, maxLoss) <= 0
  const money = (value: Decimal): string => formatMoney(value, 'cents')
  return {
    check: {
      name: 'max-segment-loss',
      value: decimalToNumber(worst.difference),
      floor: decimalToNumber(maxLoss),
      passed
    },
    reason: passed
      ? undefined
      : `In segment ${worst.column} = '${worst.value}' the candidate's net benefit ${money(worst.candidate)} falls ${money(loss)} below the champion's ${money(worst.champion)}, more than the ${money(maxLoss)} allowed (max-segment-loss).`
  }
}
