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

/** The parts of an event payload that tell a pull request's events apart. */
interface EventPayload {
  pull_request?: { number?: unknown }
  issue?: { number?: unknown; pull_request?: unknown }
  number?: unknown
}

function readPayload(
  env: NodeJS.ProcessEnv,
  readEvent: (path: string) => string
): EventPayload | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined
  const payload: unknown = JSON.parse(readEvent(env.GITHUB_EVENT_PATH))
  return typeof payload === 'object' && payload !== null
    ? (payload as EventPayload)
    : undefined
}

/**
 * The event's name when the run is about a pull request: `pull_request*`
 * events, and any other whose payload carries a `pull_request` (e.g.
 * `pull_request_review`, `pull_request_review_comment`) or is an
 * `issue_comment` on a pull request (`issue.pull_request`). Undefined for
 * other events. The registry is never written from these: their code and
 * inputs can come from the pull request. Fails closed: a payload that
 * GITHUB_EVENT_PATH names but that cannot be read counts as a pull request.
 */
export function pullRequestEventOf(
  env: NodeJS.ProcessEnv,
  readEvent: (path: string) => string
): string | undefined {
  const event = env.GITHUB_EVENT_NAME ?? ''
  if (event.startsWith('pull_request')) return event
  let payload: EventPayload | undefined
  try {
    payload = readPayload(env, readEvent)
  } catch {
    return `${event || 'unknown'} (unreadable event payload)`
  }
  if (payload?.pull_request || payload?.issue?.pull_request) {
    return event || 'pull request'
  }
  return undefined
}

export function pullRequestOf(
  env: NodeJS.ProcessEnv,
  readEvent: (path: string) => string
): PullRequestRef | undefined {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  if (!owner || !repo || !env.GITHUB_EVENT_PATH) return undefined
  let payload: EventPayload | undefined
  try {
    payload = readPayload(env, readEvent)
  } catch {
    return undefined
  }
  const event = env.GITHUB_EVENT_NAME ?? ''
  // Any event about a pull request (see pullRequestEventOf) gets the comment.
  const number = payload?.pull_request
    ? (payload.pull_request.number ?? payload.number)
    : payload?.issue?.pull_request
      ? payload.issue.number
      : event.startsWith('pull_request')
        ? payload?.number
        : undefined
  return typeof number === 'number' &&
    Number.isSafeInteger(number) &&
    number > 0
    ? { owner, repo, number }
    : undefined
}
