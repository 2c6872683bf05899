import { describe, expect, it } from '@jest/globals'
import { LabelEncoder } from '../../src/data/label-encoder.js'
import type { RecordReader } from '../../src/data/record-reader.js'
import {
  choosePredictionReading,
  ScoreParser,
  type ReadingOptions,
  type ScoreOptions
} from '../../src/data/score-parser.js'
import {
  HARD_NEGATIVE,
  HARD_POSITIVE
} from '../../src/metrics/model-accumulator.js'

/** A test set's labels, as the pass would have read them. */
function labels(positive: string, values: string[]): LabelEncoder {
  const encoder = new LabelEncoder(positive, 'test.csv', 'label')
  for (const [k, value] of values.entries()) {
    const bytes = Buffer.from(value)
    encoder.encode(bytes, 0, bytes.length, k + 2)
  }
  return encoder
}

/** What a file of these values (one per line, from line 2) held, as the parser saw it. */
function valuesOf(texts: string[], options: Partial<ScoreOptions> = {}) {
  const parser = parserOf(options)
  const scores = texts.map((text) => parser.read(text))
  return { values: parser.scores.values(), scores }
}

function parserOf(options: Partial<ScoreOptions> = {}) {
  const reader = {
    path: 'p.csv',
    positionKind: 'line',
    position: 1
  } as unknown as RecordReader & { position: number }
  const scores = new ScoreParser(
    {
      positiveLabel: '1',
      predictionKind: 'auto',
      positiveClassIndex: 'auto',
      ...options
    },
    reader,
    'prediction'
  )
  return {
    scores,
    read(text: string): number {
      reader.position++
      const bytes = Buffer.from(text)
      return scores.parse(bytes, 0, bytes.length)
    }
  }
}

const auto: ReadingOptions = {
  predictionKind: 'auto',
  positiveClassIndex: 'auto',
  threshold: 0.5
}

function readingOf(
  texts: string[],
  positive: string,
  testLabels: string[],
  options: Partial<ReadingOptions> = {}
) {
  const { values } = valuesOf(texts, {
    positiveLabel: positive,
    ...(options.predictionKind
      ? { predictionKind: options.predictionKind }
      : {}),
    ...(options.positiveClassIndex !== undefined
      ? { positiveClassIndex: options.positiveClassIndex }
      : {})
  })
  return choosePredictionReading(values, labels(positive, testLabels), {
    ...auto,
    ...options
  })
}

describe('score-parser.ts: choosePredictionReading', () => {
  it('reads a file of labels as decisions when both readings agree (0/1, positive 1, threshold 0.5)', () => {
    expect(readingOf(['0', '1', '1.0'], '1', ['0', '1'])).toEqual({
      kind: 'label',
      alternative: true
    })
    // One value only: a model that flags nothing, or everything.
    expect(readingOf(['0', '0'], '1', ['0', '1'])).toMatchObject({
      kind: 'label'
    })
    expect(readingOf(['1'], '1', ['0', '1'])).toMatchObject({ kind: 'label' })
  })

  it('reads labels that are not probabilities as decisions: negative 1 with positive 2 or -1', () => {
    expect(readingOf(['1', '2', '1'], '2', ['1', '2'])).toMatchObject({
      kind: 'label',
      alternative: true
    })
    expect(readingOf(['1', '-1'], '-1', ['1', '-1'])).toMatchObject({
      kind: 'label'
    })
    expect(
      readingOf(['legit', 'fraud'], 'fraud', ['legit', 'fraud'])
    ).toMatchObject({
      kind: 'label'
    })
  })

  it('stops on an ambiguous file: labels 0/1 with positive-label 0', () => {
    for (const texts of [['0', '1'], ['1', '1'], ['0']]) {
      expect(() => readingOf(texts, '0', ['0', '1'])).toThrow(
        "Set input 'prediction-kind' to label (the values are decisions) or score (they are probabilities)"
      )
    }
    expect(() => readingOf(['0', '1'], '0', ['0', '1'])).toThrow(
      "p.csv:2: every value in 'prediction' is one of the test set's labels ('0', '1') and also reads as a probability, and the two readings disagree: as a label '0' is the positive class (flagged), as a probability it is below the threshold 0.5 (not flagged)."
    )
  })

  it('stops on an ambiguous file: labels 0/1, positive-label 1, threshold 0 (every 0 would be flagged)', () => {
    expect(() =>
      readingOf(['0', '1', '0'], '1', ['0', '1'], { threshold: 0 })
    ).toThrow(
      "p.csv:2: every value in 'prediction' is one of the test set's labels ('0', '1') and also reads as a probability, and the two readings disagree: as a label '0' is the negative class (not flagged), as a probability it is at or above the threshold 0 (flagged)."
    )
    // Only the values that occur count: a file of 1s is flagged either way.
    expect(
      readingOf(['1', '1'], '1', ['0', '1'], { threshold: 0 })
    ).toMatchObject({ kind: 'label' })
  })

  it('lets prediction-kind settle an ambiguous file either way', () => {
    expect(
      readingOf(['0', '1'], '0', ['0', '1'], { predictionKind: 'label' })
    ).toEqual({ kind: 'label', alternative: false })
    expect(
      readingOf(['0', '1'], '0', ['0', '1'], { predictionKind: 'score' })
    ).toEqual({ kind: 'score', alternative: false })
  })

  it('reads any file with a value that is not a label as scores', () => {
    expect(readingOf(['0.2', '0.8'], '1', ['0', '1'])).toEqual({
      kind: 'score',
      alternative: false
    })
    expect(readingOf(['0', '1', '0.5'], '0', ['0', '1'])).toEqual({
      kind: 'score',
      alternative: false
    })
    // Probabilities mixed with hard text labels, as before.
    expect(
      readingOf(['0.2', 'fraud', 'legit', '0.9'], 'fraud', ['legit', 'fraud'])
    ).toMatchObject({ kind: 'score' })
  })

  it('under prediction-kind label, names a value that is not a label', () => {
    expect(() =>
      readingOf(['1', '0.3'], '1', ['0', '1'], { predictionKind: 'label' })
    ).toThrow(
      "p.csv:3: '0.3' in 'prediction' is not one of the test set's labels ('0', '1'); input 'prediction-kind' is label, so every prediction must be one"
    )
  })

  it('suggests dividing percentages by 100, without a clause about labels', () => {
    expect(() => readingOf(['0.5', '14.8'], '1', ['0', '1'])).toThrow(
      "p.csv:3: score 14.8 in 'prediction' is outside [0, 1]; scores must be probabilities of the positive class in [0, 1]; if they are percentages, divide them by 100 (14.8 → 0.148)"
    )
    expect(() => readingOf(['100', '3'], 'fraud', ['legit', 'fraud'])).toThrow(
      "p.csv:2: score 100 in 'prediction' is outside [0, 1]; scores must be probabilities of the positive class in [0, 1]; if they are percentages, divide them by 100 (100 → 1)"
    )
    // Beyond 100 it is no percentage: the labels are named instead.
    expect(() => readingOf(['250'], '1', ['0', '1'])).toThrow(
      "p.csv:2: score 250 in 'prediction' is outside [0, 1]; scores must be probabilities of the positive class (or hard labels: '0', '1')"
    )
  })

  it('stops at the third percentage with the same advice', () => {
    const parser = parserOf()
    parser.read('14.8')
    parser.read('55')
    expect(() => parser.read('0.5')).not.toThrow()
    expect(() => parser.read('70.25')).toThrow(
      "p.csv:5: score 70.25 in 'prediction' is outside [0, 1], and so are 14.8 (line 2), 55 (line 3); scores must be probabilities of the positive class in [0, 1]; if they are percentages, divide them by 100 (70.25 → 0.7025)"
    )
  })

  it("takes the pair entry at the positive label's place among the sorted labels", () => {
    const pairs = ['[0.9, 0.1]', '[0.2,0.8]']
    expect(readingOf(pairs, 'fraud', ['legit', 'fraud'])).toEqual({
      kind: 'score',
      alternative: true,
      entry: 0
    })
    expect(readingOf(pairs, 'legit', ['legit', 'fraud'])).toEqual({
      kind: 'score',
      alternative: false,
      entry: 1
    })
    expect(readingOf(pairs, '0', ['1', '0'])).toMatchObject({ entry: 0 })
    expect(readingOf(pairs, '10', ['10', '9'])).toMatchObject({ entry: 1 })
    // An explicit index wins.
    expect(
      readingOf(pairs, 'fraud', ['legit', 'fraud'], { positiveClassIndex: 1 })
    ).toEqual({ kind: 'score', alternative: false, entry: 1 })
    expect(() => readingOf(pairs, 'fraud', ['fraud', 'fraud'])).toThrow(
      "set input 'positive-class-index' to 0 or 1"
    )
  })
})

describe('score-parser.ts: ScoreParser', () => {
  it('gives both readings of each row while the file may be a file of labels, and one after its third value', () => {
    const parser = parserOf()
    expect(parser.read('0')).toBe(0)
    expect(parser.scores.alternativeScore).toBe(HARD_NEGATIVE)
    expect(parser.read('1.0')).toBe(1)
    expect(parser.scores.alternativeScore).toBe(HARD_POSITIVE)
    expect(parser.read('1')).toBe(1)
    expect(parser.scores.alternative).toBe(true)
    expect(parser.read('0.25')).toBe(0.25)
    expect(parser.scores.alternative).toBe(false)
    expect(parser.scores.values().distinct).toBeUndefined()
  })

  it('reads pairs: the second entry first, the first as the alternative; or the entry asked for', () => {
    const parser = parserOf()
    expect(parser.read('[0.9, 0.1]')).toBe(0.1)
    expect(parser.scores.alternativeScore).toBe(0.9)
    expect(parser.scores.alternative).toBe(true)
    const first = parserOf({ positiveClassIndex: 0 })
    expect(first.read('[ 0.75 ,\n0.25 ]')).toBe(0.75)
    expect(first.scores.alternative).toBe(false)
  })

  it('refuses a pair that is not two probabilities, a pair under prediction-kind label, and a file mixing pairs and values', () => {
    expect(() => parserOf().read('[0.9, 1.1]')).toThrow(
      "p.csv:2: '[0.9, 1.1]' in 'prediction' is not a [p0, p1] pair of probabilities in [0, 1]"
    )
    expect(() => parserOf().read('[0.9, 0.05, 0.05]')).toThrow(
      'is not a [p0, p1] pair'
    )
    expect(() =>
      parserOf({ predictionKind: 'label' }).read('[0.9, 0.1]')
    ).toThrow("input 'prediction-kind' is label")
    const mixed = parserOf()
    mixed.read('[0.9, 0.1]')
    expect(() => mixed.read('0.4')).toThrow(
      "p.csv:3: a single value in 'prediction' after [p0, p1] pairs"
    )
  })

  it('compares a prediction with the positive label exactly, past 2^53 too', () => {
    const parser = parserOf({
      positiveLabel: '9007199254740993',
      predictionKind: 'label'
    })
    expect(parser.read('9007199254740992')).toBe(HARD_NEGATIVE)
    expect(parser.read('9007199254740993')).toBe(HARD_POSITIVE)
    expect(parser.read('9007199254740993.00')).toBe(HARD_POSITIVE)
    const auto = parserOf({ positiveLabel: '9007199254740993' })
    expect(auto.read('9007199254740992')).toBe(HARD_NEGATIVE)
    expect(auto.read('9007199254740993')).toBe(HARD_POSITIVE)
  })

  it('reads a probability as a probability even when it equals positive-label 0', () => {
    const parser = parserOf({ positiveLabel: '0', predictionKind: 'score' })
    expect(parser.read('0')).toBe(0)
    expect(parser.read('1')).toBe(1)
  })
})

describe('score-parser.ts: prediction-kind label', () => {
  it('names a third value without speaking of probabilities', () => {
    const parser = parserOf({ positiveLabel: '0', predictionKind: 'label' })
    parser.read('1')
    parser.read('0.481')
    expect(() => parser.read('0.958')).toThrow(
      "p.csv:4: '0.958' in 'prediction' is a third value besides '1' (line 2), '0.481' (line 3), none of them '0'; input 'prediction-kind' is label"
    )
  })
})
