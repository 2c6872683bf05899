/**
 * Runs the bundled action the way the GitHub runner does: `node
 * dist/index.js` with `INPUT_*` variables (names upper-cased, hyphens
 * kept), and files behind GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */

import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs'
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
  /** The GITHUB_OUTPUT file as written (all outputs, delimiters included). */
  outputsFile: string
  /** The JSON report as written, or '' when the run wrote none. */
  reportText: string
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
  options: {
    cwd?: string
    node?: string
    env?: Record<string, string>
    /** Variables to leave out, e.g. RUNNER_TEMP to run as outside a runner. */
    unset?: string[]
  } = {}
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
  for (const name of options.unset ?? []) delete env[name]
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
  const outputsFile = readFileSync(outputFile, 'utf8')
  const outputs = parseOutputFile(outputsFile)
  const reportFile = [
    outputs.report,
    inputs['report-path'] && join(options.cwd ?? runnerTemp, inputs['report-path']),
    join(runnerTemp, 'champion-gate-report.json')
  ].find((file) => file && existsSync(file) && statSync(file).isFile())
  return {
    status,
    stdout,
    stderr,
    outputs,
    summary: existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : '',
    errors: stdout.split('\n').filter((line) => line.startsWith('::error')),
    runnerTemp,
    outputsFile,
    reportText: reportFile ? readFileSync(reportFile, 'utf8') : ''
  }
}

/** A credential to look for: a token or password, or a user and password pair. */
export type Secret = string | { username: string; password: string }

/**
 * Every way a secret could be written out: as is, JSON-escaped, URL-encoded
 * (as a component and as a form value), and Base64 (standard and URL-safe)
 * at each of the three byte alignments it could have inside a longer
 * encoded text; for a user and password also the Basic header's
 * `Base64(user:password)` and the `user:password@` of a URL.
 */
export function secretForms(secret: Secret): { form: string; text: string }[] {
  if (typeof secret !== 'string') {
    const pair = `${secret.username}:${secret.password}`
    return [
      ...secretForms(secret.password),
      { form: 'Basic header', text: Buffer.from(pair).toString('base64') },
      {
        form: 'URL user info',
        text: `${encodeURIComponent(secret.username)}:${encodeURIComponent(secret.password)}@`
      }
    ]
  }
  if (secret.length < 6) throw new Error('secretForms: a secret this short would match by chance; use at least 6 characters')
  const forms = [
    { form: 'raw', text: secret },
    { form: 'JSON-escaped', text: JSON.stringify(secret).slice(1, -1) },
    { form: 'URL-encoded', text: encodeURIComponent(secret) },
    { form: 'form-encoded', text: new URLSearchParams({ s: secret }).toString().slice(2) }
  ]
  const bytes = Buffer.from(secret)
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset, 0x20), bytes])
    // Only the characters that depend on the secret's bytes alone.
    const start = offset === 0 ? 0 : 4
    const end = Math.floor(padded.length / 3) * 4
    for (const encoding of ['base64', 'base64url'] as const) {
      const text = padded.toString(encoding).slice(start, end)
      if (text.length >= 6) forms.push({ form: `${encoding} (offset ${offset})`, text })
    }
  }
  // Forms equal to the raw text add nothing; keep each text once.
  return forms.filter((f, k) => forms.findIndex((g) => g.text === f.text) === k)
}

/**
 * Everything a run produced that a person or another step could read:
 * stdout and stderr (without the `::add-mask::` lines, which the runner
 * consumes and never shows), the outputs file, the job summary and the JSON
 * report.
 */
export function producedTexts(run: BundleRun): Record<string, string> {
  const withoutMasks = (text: string): string =>
    text
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
  return {
    stdout: withoutMasks(run.stdout),
    stderr: withoutMasks(run.stderr),
    outputs: run.outputsFile,
    summary: run.summary,
    report: run.reportText
  }
}

/**
 * Throws when any secret, in any form of {@link secretForms}, appears in
 * what the runs produced or in `extra` (e.g. the PR comment bodies a
 * stand-in received, registry tags read back). The error names the secret
 * by its position in `secrets`, the form and where it was found, never the
 * secret itself.
 */
export function assertNoSecrets(
  runs: BundleRun | BundleRun[],
  secrets: Secret[],
  extra: Record<string, string> = {}
): void {
  const sources: [string, string][] = []
  for (const [k, run] of (Array.isArray(runs) ? runs : [runs]).entries()) {
    for (const [name, text] of Object.entries(producedTexts(run))) sources.push([`run ${k + 1} ${name}`, text])
  }
  sources.push(...Object.entries(extra))
  const found: string[] = []
  for (const [k, secret] of secrets.entries()) {
    for (const { form, text } of secretForms(secret)) {
      for (const [where, content] of sources) {
        const at = content.indexOf(text)
        if (at !== -1) found.push(`secret #${k + 1} (${form}) in ${where} at character ${at}`)
      }
    }
  }
  if (found.length > 0) throw new Error(`secrets were shown:\n${found.join('\n')}`)
}
