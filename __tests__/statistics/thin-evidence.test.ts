import { describe, expect, it } from '@jest/globals'
import { parseDecimal } from '../../src/metrics/decimal.js'
import { thinEvidenceWarnings } from '../../src/statistics/thin-evidence.js'

const plenty = {
  positives: 30,
  candidateFlagged: 30,
  championFlagged: 30,
  disagreements: 30,
  largestRow: 500,
  difference: parseDecimal('1000')!
}

describe('thin-evidence.ts', () => {
  it('warns of nothing at 30 of everything and no row over half the difference', () => {
    expect(thinEvidenceWarnings(plenty)).toEqual([])
  })

  it('warns below 30 positives in the test set', () => {
    expect(thinEvidenceWarnings({ ...plenty, positives: 29 })).toEqual([
      'The test set has only 29 positive rows (fewer than 30): recall, F1 and the net benefit rest on a handful of cases.'
    ])
  })

  it('warns below 30 positive decisions, naming the model', () => {
    expect(thinEvidenceWarnings({ ...plenty, candidateFlagged: 29 })).toEqual([
      'The candidate flags only 29 rows (fewer than 30): its precision and F1 rest on few decisions.'
    ])
    expect(thinEvidenceWarnings({ ...plenty, championFlagged: 1 })).toEqual([
      'The champion flags only 1 row (fewer than 30): its precision and F1 rest on few decisions.'
    ])
  })

  it('warns below 30 disagreeing rows', () => {
    expect(thinEvidenceWarnings({ ...plenty, disagreements: 29 })).toEqual([
      'The models disagree on only 29 rows (fewer than 30): the comparison between them rests on those rows alone.'
    ])
  })

  it('warns when one row carries more than half of the net-benefit difference, either sign', () => {
    expect(thinEvidenceWarnings({ ...plenty, largestRow: 500.01 })).toEqual([
      'One row moves the net benefit by $500, more than half of the +$1,000 difference between the models: the comparison hangs on a single row.'
    ])
    expect(
      thinEvidenceWarnings(
        { ...plenty, largestRow: 600, difference: parseDecimal('-1000')! },
        'cents'
      )
    ).toEqual([
      'One row moves the net benefit by $600.00, more than half of the -$1,000.00 difference between the models: the comparison hangs on a single row.'
    ])
    // A tie hangs on any disagreeing row.
    expect(
      thinEvidenceWarnings({
        ...plenty,
        largestRow: 5,
        difference: parseDecimal('0')!
      })
    ).toHaveLength(1)
  })

  it('without a champion, warns only of the test set and the candidate', () => {
    expect(
      thinEvidenceWarnings({ positives: 3, candidateFlagged: 2 })
    ).toHaveLength(2)
  })
})
