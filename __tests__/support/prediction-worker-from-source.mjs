/**
 * Runs the prediction worker from its TypeScript source in a worker thread,
 * for tests (the action runs the bundle, `dist/prediction-worker/index.js`).
 * tsx compiles the source as it is imported. Before starting, it leaves a
 * mark beside the first prediction file (`.prediction-worker-ran`), so that
 * a test can tell the worker ran rather than the in-process reading.
 */

import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
writeFileSync(
  join(dirname(workerData.files[0].path), '.prediction-worker-ran'),
  ''
)
await import('../../src/evaluation/prediction-worker.ts')
