/**
 * Runs the bundled action the way the GitHub runner does: `node
 * dist/index.js` with `INPUT_*` variables (names upper-cased, hyphens
 * kept), and files behind GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */

import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const BUNDLE = join(ROOT, 'dist', 'index.js')
/** Node 24, the runtime of `node24` actions, from the `node` npm package. */
export const NODE24 = join(ROOT, 'node_modules', 'node', 'bin', 'node')

export interface BundleRun {
  status: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** The `::error::` lines the runner would turn into annotations. */
  errors: string[]
  runnerTemp: string
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter` blocks). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let k = 0; k < lines.length; k++) {
    const head = /^([^<]+)<<(.+)$/.exec(lines[k])
    if (!head) continue
    const value: string[] = []
    for (k++; k < lines.length && lines[k] !== head[2]; k++) value.push(lines[k])
    outputs[head[1]] = value.join('\n')
  }
  return outputs
}

export async function runBundle(
  inputs: Record<string, string>,
  options: { cwd?: string; node?: string; env?: Record<string, string> } = {}
): Promise<BundleRun> {
  const runnerTemp = mkdtempSync(join(tmpdir(), 'champion-gate-runner-'))
  const outputFile = join(runnerTemp, 'output.txt')
  const summaryFile = join(runnerTemp, 'summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    RUNNER_TEMP: runnerTemp,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const child = spawn(options.node ?? process.execPath, [BUNDLE], {
    cwd: options.cwd ?? runnerTemp,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return {
    status,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '',
    errors: stdout.split('\n').filter((line) => line.startsWith('::error')),
    runnerTemp
  }
}
