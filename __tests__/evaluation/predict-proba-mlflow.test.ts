/**
 * A real scikit-learn model trained on labels 'fraud'/'legit', saved with
 * `pyfunc_predict_fn='predict_proba'` and scored by the `mlflow models
 * predict` CLI: the `[p0, p1]` pairs it writes are read with P(fraud) as
 * the first entry, and the counts equal scikit-learn's, whose column is
 * found by `model.classes_` (__tests__/support/sklearn/predict_proba_mlflow.py).
 *
 * Python: `SKLEARN_PYTHON` if set, else `.venv/bin/python` (with mlflow and
 * scikit-learn, made by `bash .ci/python-venv.sh`). Without them the suite
 * fails.
 */

import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { evaluateInputs, writeFiles } from '../../__fixtures__/evaluation.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCRIPT = join(ROOT, '__tests__/support/sklearn/predict_proba_mlflow.py')
const PYTHON =
  process.env.SKLEARN_PYTHON ??
  (existsSync(join(ROOT, '.venv/bin/python'))
    ? join(ROOT, '.venv/bin/python')
    : 'python3')

describe('evaluation-pass.ts: predict_proba pairs from `mlflow models predict`', () => {
  it("reads P(fraud) from the entry scikit-learn's classes_ gives it, for either positive label", async () => {
    const dir = writeFiles({})
    const threshold = '0.4'
    const python = spawnSync(PYTHON, [SCRIPT, dir, threshold], {
      encoding: 'utf8',
      timeout: 240000
    })
    if (python.status !== 0)
      throw new Error(`${SCRIPT} failed: ${python.stderr || python.error}`)
    const expected = JSON.parse(python.stdout.trim().split('\n').pop()!)
    for (const positive of ['fraud', 'legit']) {
      const report = await evaluateInputs(dir, {
        'test-set': 'test.csv',
        'candidate-predictions': 'predictions.json',
        'positive-label': positive,
        threshold,
        'cost-false-negative': '100',
        'cost-false-positive': '10',
        'min-net-benefit': 'off',
        'min-f1': 'off'
      })
      const { tp, fp, fn, tn } = report.candidate.metrics
      expect({ tp, fp, fn, tn }).toEqual(expected[positive])
      expect(tp + fn).toBeGreaterThan(0)
      expect(tp).toBeGreaterThan(0)
    }
  }, 300000)
})
