/**
 * `run()`: reads the inputs, runs the mode, publishes the result, and is the
 * one place that fails the step. Helpers throw; this catches once.
 */

import * as core from '@actions/core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { tmpdir } from 'node:os'
import { GateError } from './errors.js'
import {
  INPUT_NAMES,
  SECRET_INPUTS,
  parseInputs,
  type Inputs,
  type RawInputs
} from './inputs.js'
import { runEvaluateMode } from './modes/evaluate-mode.js'
import { runGateMode } from './modes/gate-mode.js'
import { runRollbackMode } from './modes/rollback-mode.js'
import { outputsFor, type Outputs } from './outputs.js'
import { renderMarkdown } from './report/render-markdown.js'
import type { Report } from './report/report.js'
import { runContext } from './run-context.js'

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
    env.DATABRICKS_TOKEN
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
    case 'gate':
      return runGateMode(inputs, env, run)
    case 'rollback':
      return runRollbackMode(inputs, env, run)
  }
}

function reportPathOf(inputs: Inputs, env: NodeJS.ProcessEnv): string {
  return (
    inputs['report-path'] ??
    join(env.RUNNER_TEMP ?? tmpdir(), 'champion-gate-report.json')
  )
}

function summaryLine(outputs: Outputs): string {
  const figures = (role: 'candidate' | 'champion'): string =>
    outputs[`${role}-net-benefit`]
      ? `${role} net benefit $${outputs[`${role}-net-benefit`]}, F1 ${Number(outputs[`${role}-f1`]).toFixed(3)}`
      : ''
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

async function publish(report: Report, reportPath: string): Promise<void> {
  mkdirSync(dirname(reportPath), { recursive: true })
  writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`)
  const outputs = outputsFor(report, reportPath)
  for (const [name, value] of Object.entries(outputs))
    core.setOutput(name, value)
  let markdown = renderMarkdown(report)
  if (Buffer.byteLength(markdown) > SUMMARY_LIMIT) {
    markdown = `${markdown.slice(0, SUMMARY_LIMIT / 4)}\n\n_(cut: the full report is in ${reportPath})_\n`
  }
  if (process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(markdown, true).write()
  } else {
    core.info(markdown)
  }
  core.info(`Decision: ${report.decision}. ${summaryLine(outputs)}`)
  core.info(`Report: ${reportPath}`)
}

/** The action's entry point: everything runs inside, and fails only here. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const raw = readRawInputs()
    maskSecrets(raw, env)
    const inputs = parseInputs(raw)
    const report = await runMode(inputs, env)
    await publish(report, reportPathOf(inputs, env))
    if (report.decision === 'reject') {
      const why = report.reasons.join(' ')
      if (inputs['fail-on-reject']) core.setFailed(`Rejected: ${why}`)
      else
        core.warning(
          `Rejected (fail-on-reject is false, so the step passes): ${why}`
        )
    }
  } catch (error) {
    if (error instanceof Error) {
      if (!(error instanceof GateError))
        core.debug(error.stack ?? error.message)
      core.setFailed(error.message)
    } else {
      core.setFailed(String(error))
    }
  }
}
