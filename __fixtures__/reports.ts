/**
 * Reports for the renderer's golden files, made by the real evaluation over
 * small generated data (so they are what a run produces), with the temp
 * paths replaced by stable ones.
 */

import type { RawInputs } from '../src/inputs.js'
import type { EvaluationReport } from '../src/report/report.js'
import { evaluateInputs, writeFiles } from './evaluation.js'

/** A deterministic fraud-like test set and two models' scores. */
export function generatedFiles(rows = 400, seed = 11): Record<string, string> {
  let state = seed
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0
    return state / 2 ** 32
  }
  const test = ['id,amount,label']
  const candidate = ['id,prediction']
  const champion = ['id,prediction']
  for (let k = 0; k < rows; k++) {
    const fraud = random() < 0.1
    const amount = (20 + random() * 1980).toFixed(2)
    test.push(`tx${k},${amount},${fraud ? 1 : 0}`)
    candidate.push(`tx${k},${(fraud ? 0.35 + random() * 0.65 : random() * 0.6).toFixed(4)}`)
    champion.push(`tx${k},${(fraud ? 0.25 + random() * 0.75 : random() * 0.65).toFixed(4)}`)
  }
  return {
    'test.csv': `${test.join('\n')}\n`,
    'candidate.csv': `${candidate.join('\n')}\n`,
    'champion.csv': `${champion.join('\n')}\n`
  }
}

export const COSTS: RawInputs = {
  'cost-false-negative': 'amount',
  'cost-true-positive': '5',
  'cost-false-positive': '5'
}

export async function sampleReport(raw: RawInputs = {}, withChampion = true): Promise<EvaluationReport> {
  const dir = writeFiles(generatedFiles())
  const report = await evaluateInputs(dir, {
    'model-name': 'fraud-detector',
    'test-set': 'test.csv',
    'candidate-predictions': 'candidate.csv',
    ...(withChampion ? { 'champion-predictions': 'champion.csv' } : {}),
    ...COSTS,
    ...raw
  })
  const relative = (path: string | null): string | null => (path ? path.slice(dir.length + 1) : null)
  report.test_set.path = relative(report.test_set.path)!
  report.candidate.predictions = relative(report.candidate.predictions)
  if (report.champion) report.champion.predictions = relative(report.champion.predictions)
  return report
}
