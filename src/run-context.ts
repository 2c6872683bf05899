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

/** The pull request a run is for, from the event payload; undefined for other events. */
export interface PullRequestRef {
  readonly owner: string
  readonly repo: string
  readonly number: number
}

export function pullRequestOf(
  env: NodeJS.ProcessEnv,
  readEvent: (path: string) => string
): PullRequestRef | undefined {
  const event = env.GITHUB_EVENT_NAME
  if (event !== 'pull_request' && event !== 'pull_request_target')
    return undefined
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo || !env.GITHUB_EVENT_PATH) return undefined
  let payload: { pull_request?: { number?: unknown }; number?: unknown }
  try {
    payload = JSON.parse(readEvent(env.GITHUB_EVENT_PATH))
  } catch {
    return undefined
  }
  const number = payload.pull_request?.number ?? payload.number
  return typeof number === 'number' &&
    Number.isSafeInteger(number) &&
    number > 0
    ? { owner, repo, number }
    : undefined
}
