/**
 * Prediction files of 40,000 rows (several of the pass's 16,384-row
 * batches) for comparing the prediction worker with the in-process pass:
 * pairs, labels, 0/1 files, ids, and a file whose third distinct value
 * comes after 20,000 rows of 0/1. Seeded, so the same every run.
 */

const ROWS = 40000

/** A fixed pseudo-random stream (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function files(): Record<string, string> {
  const random = seeded(7)
  const fraud = Array.from({ length: ROWS }, () => random() < 0.3)
  const p = fraud.map(
    (f) => Math.round((f ? 0.3 + 0.7 * random() : 0.8 * random()) * 1000) / 1000
  )
  const right = (k: number, accuracy: number): boolean =>
    random() < accuracy ? fraud[k] : !fraud[k]
  return {
    'test.csv': ['label', ...fraud.map((f) => (f ? 'fraud' : 'legit'))].join(
      '\n'
    ),
    // classes_ = ['fraud', 'legit']: [P(fraud), P(legit)].
    'pairs.json': JSON.stringify({
      predictions: p.map((x) => [x, Math.round((1 - x) * 1000) / 1000])
    }),
    'labels.csv': [
      'prediction',
      ...fraud.map((_, k) => (right(k, 0.8) ? 'fraud' : 'legit'))
    ].join('\n'),
    // 0/1 test set for the ambiguous and the mid-file cases.
    'test01.csv': ['label', ...fraud.map((f) => (f ? '0' : '1'))].join('\n'),
    'labels01.csv': [
      'prediction',
      ...fraud.map((_, k) => (right(k, 0.8) ? '0' : '1'))
    ].join('\n'),
    // Ids in the test set and in a file of labels matched by position: each
    // ring slot carries both readings' codes and the ids' hashes.
    'test-ids.csv': [
      'id,label',
      ...fraud.map((f, k) => `t${k},${f ? 'fraud' : 'legit'}`)
    ].join('\n'),
    'labels-ids.csv': [
      'id,prediction',
      ...fraud.map((_, k) => `t${k},${right(k, 0.8) ? 'fraud' : 'legit'}`)
    ].join('\n'),
    // 0/1 values for 20,000 rows, then probabilities: a file of scores.
    'late-scores.csv': [
      'prediction',
      ...fraud.map((_, k) =>
        k < 20000 ? (right(k, 0.8) ? '1' : '0') : String(1 - p[k])
      )
    ].join('\n')
  }
}
