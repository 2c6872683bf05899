/**
 * `run()`: reads the inputs, runs the mode, publishes the result, and is the
 * one place that fails the step. Helpers throw; this catches once.
 */

import * as core from '@actions/core'
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { dirname, join } from 'node:path'
import { tmpdir } from 'node:os'
import { UserError, InputError } from './errors.js'
import {
  INPUT_NAMES,
  SECRET_INPUTS,
  parseInputs,
  unknownInputWarnings,
  type Inputs,
  type RawInputs
} from './inputs.js'
import { runEvaluateMode } from './modes/evaluate-mode.js'
import { outputsFor, type Outputs } from './outputs.js'
import { fitMarkdown } from './report/fit-markdown.js'
import { renderMarkdown } from './report/render-markdown.js'
import { formatMoney, formatRatio } from './report/format.js'
import { isEvaluation, moneyPrecisionOf, type Report } from './report/report.js'
import { pullRequestOf, runContext } from './run-context.js'
import { uriSecrets } from './registry/tracking-uri.js'

/** Reads every input by its action.yml name; empty means "use the default". */
function readRawInputs(): RawInputs {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name) || undefined
  return raw
}

/** Masks every credential at once, before anything else is logged. */
function maskSecrets(raw: RawInputs, env: NodeJS.ProcessEnv): void {
  const values = [
    ...SECRET_INPUTS.map((name) => raw[name]),
    env.MLFLOW_TRACKING_TOKEN,
    env.MLFLOW_TRACKING_PASSWORD,
    env.DATABRICKS_TOKEN,
    env.GITHUB_TOKEN,
    // Credentials inside a URI, cut out before parsing (a password may hold '/', '?', '#').
    ...uriSecrets(raw['tracking-uri']),
    ...uriSecrets(env.MLFLOW_TRACKING_URI),
    ...uriSecrets(env.DATABRICKS_HOST)
  ]
  for (const value of values) if (value) core.setSecret(value)
}

async function runMode(
  inputs: Inputs,
  env: NodeJS.ProcessEnv
): Promise<Report> {
  const run = runContext(env)
  switch (inputs.mode) {
    case 'evaluate':
      return runEvaluateMode(inputs, env, run)
    // The registry modes are loaded when used, so evaluating files starts fast.
    case 'gate':
      return (await import('./modes/gate-mode.js')).runGateMode(
        inputs,
        env,
        run
      )
    case 'rollback':
      return (await import('./modes/rollback-mode.js')).runRollbackMode(
        inputs,
        env,
        run
      )
  }
}

function reportPathOf(inputs: Inputs, env: NodeJS.ProcessEnv): string {
  // Outside a runner (no RUNNER_TEMP) a fixed name in the shared /tmp could
  // be a symlink another local user planted: use a fresh private folder.
  return (
    inputs['report-path'] ??
    join(
      env.RUNNER_TEMP || mkdtempSync(join(tmpdir(), 'champion-gate-')),
      'champion-gate-report.json'
    )
  )
}

/**
 * A folder (or a path under a file) as report-path would fail only after
 * the run, with a bare EISDIR, and after any registry write: refuse it first.
 */
function checkReportPath(path: string, inputs: Inputs): void {
  let isFolder = false
  try {
    isFolder = statSync(path).isDirectory()
  } catch (error) {
    // Not there yet is fine: publish() creates it (and its folders).
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw new InputError(
      'report-path',
      `cannot write the JSON report to '${path}' (${(error as Error).message}); give a writable file path`
    )
  }
  if (isFolder)
    throw new InputError(
      'report-path',
      `'${path}' is a folder${inputs['report-path'] ? '' : ' (the default path, as the input is empty)'}; give a file path for the JSON report, e.g. '${join(path, 'champion-gate-report.json')}'`
    )
}

/** Writes the JSON report; a failure names the input to fix. */
function writeReport(report: Report, path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`)
  } catch (error) {
    throw new InputError(
      'report-path',
      `cannot write the JSON report to '${path}' (${error instanceof Error ? error.message : String(error)}); give a writable file path`
    )
  }
}

/** The log line's figures, in the same words as the summary (one money format). */
function summaryLine(report: Report, outputs: Outputs): string {
  const precision = isEvaluation(report) ? moneyPrecisionOf(report) : 'dollars'
  const figures = (role: 'candidate' | 'champion'): string => {
    const metrics = isEvaluation(report) ? report[role]?.metrics : undefined
    return metrics
      ? `${role} net benefit ${formatMoney(metrics.net_benefit_exact, precision)}, F1 ${formatRatio(metrics.f1)}`
      : ''
  }
  return [
    figures('candidate'),
    figures('champion'),
    outputs['alias-moved'] === 'true'
      ? `champion is now v${outputs['new-champion-version']}`
      : ''
  ]
    .filter(Boolean)
    .join('; ')
}

/** The job summary holds 1 MiB; a longer report is cut with a note. */
const SUMMARY_LIMIT = 1024 * 1024 - 1024

async function publish(
  report: Report,
  reportPath: string,
  inputs: Inputs,
  env: NodeJS.ProcessEnv
): Promise<void> {
  writeReport(report, reportPath)
  const outputs = outputsFor(report, reportPath)
  for (const [name, value] of Object.entries(outputs))
    core.setOutput(name, value)
  const markdown = renderMarkdown(report)
  const summary = fitMarkdown(markdown, {
    limit: SUMMARY_LIMIT,
    unit: 'utf8',
    note: `> The report was cut to fit the job summary; the full figures are in ${reportPath} (output 'report').\n`
  })
  if (env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(summary, true).write()
  } else {
    core.info(summary)
  }
  core.info(`Decision: ${report.decision}. ${summaryLine(report, outputs)}`)
  core.info(`Report: ${reportPath}`)
  await commentOnPullRequest(report, markdown, inputs, env)
}

/**
 * On pull_request events: this model's one comment, created or updated in
 * place. A refused or failed comment is a warning, never a red check: the
 * verdict stands in the summary and the step's status.
 */
async function commentOnPullRequest(
  report: Report,
  markdown: string,
  inputs: Inputs,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const pullRequest = pullRequestOf(env, (path) => readFileSync(path, 'utf8'))
  if (!pullRequest || inputs.comment === 'never') return
  const token = inputs['github-token'] ?? env.GITHUB_TOKEN
  if (!token) {
    core.warning(
      "No github-token: the verdict is in the job summary only (set 'github-token', which defaults to github.token)."
    )
    return
  }
  // Loaded only here: Octokit is not needed on the hot path of other runs.
  const { commentMarker, upsertPullRequestComment } =
    await import('./github/pull-request-comment.js')
  try {
    const result = await upsertPullRequestComment({
      token,
      owner: pullRequest.owner,
      repo: pullRequest.repo,
      issueNumber: pullRequest.number,
      marker: commentMarker(report.model_name ?? 'champion-gate'),
      body: markdown,
      apiUrl: env.GITHUB_API_URL,
      summaryUrl: report.run.run_url ?? undefined,
      retry: {
        attempts: inputs['retry-max-attempts'],
        maxRetryMs: inputs['retry-max-seconds'] * 1000
      },
      // on-reject: no new comment on a pass, but an earlier reject's comment is brought up to date.
      createIfMissing:
        inputs.comment === 'always' || report.decision === 'reject'
    })
    if (result.outcome === 'refused') core.warning(result.message)
    else if (result.outcome === 'skipped')
      core.info(
        `No PR comment: comment is on-reject and the decision is ${report.decision}.`
      )
    else core.info(`PR comment ${result.outcome}: ${result.url}`)
  } catch (error) {
    core.warning(
      `The PR comment could not be written; the verdict is in the job summary. ${error instanceof Error ? error.message : String(error)}`
    )
  }
}

/** The action's entry point: everything runs inside, and fails only here. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const raw = readRawInputs()
    maskSecrets(raw, env)
    for (const warning of unknownInputWarnings(env)) core.warning(warning)
    const inputs = parseInputs(raw)
    checkReportPath(reportPathOf(inputs, env), inputs)
    const report = await runMode(inputs, env)
    await publish(report, reportPathOf(inputs, env), inputs, env)
    if (report.decision === 'reject') {
      const why = report.reasons.join(' ')
      if (inputs['fail-on-reject']) failStep(`Rejected: ${why}`)
      else
        core.warning(
          `Rejected (fail-on-reject is false, so the step passes): ${why}`
        )
    }
  } catch (error) {
    if (error instanceof Error) {
      if (!(error instanceof UserError))
        core.debug(error.stack ?? error.message)
      failStep(error.message)
    } else {
      failStep(String(error))
    }
  }
}

/**
 * Fails the step: the one place that does. `core.setFailed` sets the exit
 * code on a runner, but `@github/local-action`'s stand-in for it only
 * records the failure, so `npm run local-action` would exit 0 on a failed
 * run; setting `process.exitCode` too makes both exit 1.
 */
function failStep(message: string): void {
  core.setFailed(message)
  process.exitCode = 1
}
