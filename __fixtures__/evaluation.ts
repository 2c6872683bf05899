/** Builds evaluation requests over small files written to a temp dir. */

import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { evaluate, type EvaluationRequest } from '../src/evaluation/evaluate.js'
import { parseInputs, type RawInputs } from '../src/inputs.js'
import { evaluationRequest } from '../src/modes/shared.js'
import type { EvaluationReport } from '../src/report/report.js'

/** A fresh temp dir with the given files written in it; returns its path. */
export function writeFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'champion-gate-test-'))
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
  return dir
}

/**
 * Runs the evaluation the way `mode: evaluate` does, from raw action inputs
 * (paths relative to `dir`).
 */
export async function evaluateInputs(
  dir: string,
  raw: RawInputs,
  /** Fields to set on the request as well (e.g. `predictionWorker`). */
  overrides: Partial<EvaluationRequest> = {}
): Promise<EvaluationReport> {
  const inputs = parseInputs({ mode: 'evaluate', ...raw })
  const at = (path: string | undefined): string | undefined => (path ? join(dir, path) : undefined)
  const request = evaluationRequest(
    inputs,
    {
      modelName: inputs['model-name'],
      testSet: at(inputs['test-set'])!,
      candidate: { predictions: at(inputs['candidate-predictions'])!, input: 'candidate-predictions' },
      champion: inputs['champion-predictions']
        ? { predictions: at(inputs['champion-predictions'])!, input: 'champion-predictions' }
        : undefined,
      run: { repository: null, sha: null, run_url: null, actor: null, event: null }
    },
    new Date('2026-01-01T00:00:00Z')
  )
  return evaluate({ ...request, ...overrides })
}
