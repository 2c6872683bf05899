/**
 * Facts about the workflow run, from the variables the runner sets: what
 * the report and the registry tags record as evidence. Pure: the
 * environment is passed in.
 */

import type { RunInfo } from './report/report.js'

export function runContext(env: NodeJS.ProcessEnv): RunInfo {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com'
  const repository = env.GITHUB_REPOSITORY ?? null
  const runId = env.GITHUB_RUN_ID
  return {
    repository,
    sha: env.GITHUB_SHA ?? null,
    run_url:
      repository && runId
        ? `${server}/${repository}/actions/runs/${runId}`
        : null,
    actor: env.GITHUB_ACTOR ?? null,
    event: env.GITHUB_EVENT_NAME ?? null
  }
}
