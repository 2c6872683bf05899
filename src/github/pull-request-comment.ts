/**
 * The pull request comment: the only module that speaks GitHub's REST API.
 *
 * One sticky comment per model, found again on the next run by a hidden HTML
 * marker, updated in place when it exists and created otherwise. A token that
 * may not write (a fork's read-only GITHUB_TOKEN, a job without
 * `pull-requests: write`) is an expected state, not a failure: it comes back
 * as `{ outcome: 'refused' }` so the caller can warn and carry on, because the
 * verdict is already in the job summary. Anything else throws a
 * `GitHubApiError` naming the request and GitHub's own message.
 *
 * Also here, because GitHub's limits belong with GitHub's dialect: the marker
 * and `truncateForComment`, which fits a report to the comment size limit
 * with the one Markdown truncator (src/report/fit-markdown.ts).
 */
import { getOctokit } from '@actions/github'
import { z } from 'zod'
import { UserError } from '../errors.js'
import { fitMarkdown } from '../report/fit-markdown.js'
import {
  parseRetryAfter,
  withRetries,
  type RetryLimits,
  type TryOutcome
} from '../transport/retry-policy.js'

/** GitHub rejects a comment body longer than this (HTTP 422). */
export const GITHUB_COMMENT_LIMIT = 65536

const MARKER_PREFIX = '<!-- champion-gate:'
const MARKER_SUFFIX = ' -->'
const PER_PAGE = 100
const DEFAULT_TIMEOUT_MS = 60_000
const DEFAULT_RETRY_ATTEMPTS = 3
const PERMISSION_HINT = '`permissions: pull-requests: write`'

/** A request to GitHub failed in a way that is not a missing permission. */
export class GitHubApiError extends UserError {
  constructor(
    readonly method: string,
    readonly path: string,
    /** The HTTP status, or `undefined` when no response arrived. */
    readonly status: number | undefined,
    /** GitHub's `message` (or the network error's), token-free. */
    readonly githubMessage: string
  ) {
    super(
      status === undefined
        ? `GitHub API ${method} ${path} failed before a response arrived: ${githubMessage}`
        : `GitHub API ${method} ${path} failed with HTTP ${status}: ${githubMessage}`
    )
  }
}

/**
 * The hidden HTML comment that marks this action's comment for one model, e.g.
 * `<!-- champion-gate:fraud-detector -->`.
 *
 * Safe for any model name: `%`, `<`, `>`, whitespace and control characters
 * are percent-encoded, and so is every dash after the first in a run of
 * dashes, so the name can neither close the HTML comment (`-->`, `--!>`) nor
 * contain `--`, which HTML forbids inside comments. The encoding is
 * injective, and the name never contains a space, so one model's marker is
 * never found inside another's.
 */
export function commentMarker(modelName: string): string {
  let encoded = ''
  let previous = ''
  for (const char of modelName) {
    const code = char.codePointAt(0) ?? 0
    const unsafe =
      char === '%' ||
      char === '<' ||
      char === '>' ||
      (char === '-' && previous === '-') ||
      code <= 0x20 ||
      (code >= 0x7f && code <= 0xa0) ||
      code === 0x2028 ||
      code === 0x2029
    encoded += unsafe ? percentEncode(char) : char
    previous = char
  }
  return `${MARKER_PREFIX}${encoded}${MARKER_SUFFIX}`
}

function percentEncode(char: string): string {
  return Array.from(new TextEncoder().encode(char))
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('')
}

/** Options for {@link truncateForComment}. */
export interface TruncateOptions {
  /** The longest result, in UTF-16 code units (default 65,536, GitHub's). */
  limit?: number
  /** A link to the job summary, put into the note when given. */
  summaryUrl?: string
}

/**
 * Cuts a Markdown body to fit a PR comment (by the one truncator,
 * src/report/fit-markdown.ts) with a note that the full report is in the job
 * summary; a body that fits is returned unchanged. Pure; no I/O.
 */
export function truncateForComment(
  body: string,
  limitOrOptions: number | TruncateOptions = {}
): string {
  const options =
    typeof limitOrOptions === 'number'
      ? { limit: limitOrOptions }
      : limitOrOptions
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT
  return fitMarkdown(body, {
    limit,
    unit: 'utf16',
    note: truncationNote(limit, options.summaryUrl)
  })
}

function truncationNote(limit: number, summaryUrl: string | undefined): string {
  const where =
    summaryUrl === undefined
      ? 'the job summary'
      : `the [job summary](${summaryUrl})`
  return (
    `> [!NOTE]\n> This comment was cut to fit GitHub's limit of ` +
    `${limit.toLocaleString('en-US')} characters. The full report is in ` +
    `${where} of this run.\n`
  )
}

/** What {@link upsertPullRequestComment} needs. */
export interface UpsertCommentOptions {
  /** A token that may write issue/PR comments; never logged or echoed. */
  token: string
  owner: string
  repo: string
  /** The pull request (or issue) number. */
  issueNumber: number
  /** From {@link commentMarker}; put on the body's first line if absent. */
  marker: string
  /** The Markdown; cut with {@link truncateForComment} if still too long. */
  body: string
  /** The REST API root; defaults to `GITHUB_API_URL` (GHES) or api.github.com. */
  apiUrl?: string
  /** A deadline for the whole upsert (default 60 s). */
  timeoutMs?: number
  /**
   * Limits of the retry policy (src/transport/retry-policy.ts): attempts per
   * request (default 3), the time one request may spend retrying (default
   * the whole deadline), the first backoff step (default 500 ms).
   */
  retry?: { attempts?: number; maxRetryMs?: number; baseDelayMs?: number }
  /**
   * False: only update an existing comment, create none (`comment:
   * on-reject` on a pass still refreshes an earlier reject's comment).
   */
  createIfMissing?: boolean
  /** Linked from the note when the body had to be cut (the run's page). */
  summaryUrl?: string
}

/** What became of the comment. */
export type UpsertCommentResult =
  | { outcome: 'created' | 'updated'; url: string; id: number }
  | { outcome: 'refused'; status: number; message: string }
  | { outcome: 'skipped' }

const commentSchema = z.object({
  id: z.number().int(),
  html_url: z.string(),
  body: z.string().nullish(),
  created_at: z.string(),
  user: z.object({ login: z.string(), type: z.string() }).nullish()
})
type Comment = z.infer<typeof commentSchema>

/**
 * Creates this model's sticky comment on a pull request, or updates it in
 * place when a comment carrying `marker` already exists and was written by
 * the token's own identity (the newest such one); a person's comment that
 * carries the marker is never updated, so no one can edit the verdict.
 *
 * Resolves `{ outcome: 'refused' }` instead of throwing when GitHub answers a
 * write with 401/403/404 or the listing with 403/404 (a missing
 * `pull-requests: write`, a fork's read-only token); throws `GitHubApiError`
 * for anything else.
 */
export async function upsertPullRequestComment(
  options: UpsertCommentOptions
): Promise<UpsertCommentResult> {
  const { token, owner, repo, issueNumber, marker } = options
  if (!Number.isSafeInteger(issueNumber) || issueNumber < 1) {
    throw new RangeError(
      `issueNumber must be a positive integer, not ${issueNumber}`
    )
  }
  if (marker.trim() === '') throw new RangeError('marker must not be empty')

  const body = markAndFit(options.body, marker, options.summaryUrl)
  const octokit = getOctokit(
    token,
    options.apiUrl === undefined
      ? {}
      : { baseUrl: options.apiUrl.replace(/\/+$/, '') }
  )
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const signal = AbortSignal.timeout(timeoutMs)
  const call = {
    token,
    signal,
    timeoutMs,
    limits: {
      maxAttempts: options.retry?.attempts ?? DEFAULT_RETRY_ATTEMPTS,
      maxRetryMs: options.retry?.maxRetryMs ?? timeoutMs,
      baseDelayMs: options.retry?.baseDelayMs
    }
  }
  const where = `${owner}/${repo}#${issueNumber}`

  // 1. Find the comment, reading every page: the newest match may be last.
  const listPath = `/repos/${owner}/${repo}/issues/${issueNumber}/comments`
  const matches: Comment[] = []
  for (let page = 1; ; page++) {
    const response = await send(call, 'GET', listPath, true, () =>
      octokit.rest.issues.listComments({
        owner,
        repo,
        issue_number: issueNumber,
        per_page: PER_PAGE,
        page,
        request: { signal }
      })
    )
    if (response.kind === 'refused') {
      if (response.status === 403 || response.status === 404) {
        return refused(
          response,
          `GitHub refused to list the comments on ${where}`,
          response.status === 404
            ? ' (a 404 also means the pull request does not exist or the token cannot see the repository)'
            : ''
        )
      }
      throw response.error
    }
    const comments = parse(
      z.array(commentSchema),
      response.data,
      'GET',
      listPath,
      response.status
    )
    matches.push(
      ...comments.filter((comment) => carriesMarker(comment, marker))
    )
    if (!hasNextPage(response.headers.link) || comments.length === 0) break
  }

  // 2. Keep only comments this token's identity wrote: anyone can paste the
  // marker into a comment of their own, and must not get the verdict.
  const own =
    matches.length === 0
      ? []
      : matches.filter(await ownedByToken(call, octokit, signal))

  // 3. Update it in place, or create it.
  const existing = newest(own)
  if (existing !== undefined) {
    const path = `/repos/${owner}/${repo}/issues/comments/${existing.id}`
    const response = await send(call, 'PATCH', path, true, () =>
      octokit.rest.issues.updateComment({
        owner,
        repo,
        comment_id: existing.id,
        body,
        request: { signal }
      })
    )
    if (response.kind === 'refused') {
      return writeRefused(
        response,
        `GitHub refused to update comment ${existing.id} on ${where}`
      )
    }
    const comment = parse(
      commentSchema,
      response.data,
      'PATCH',
      path,
      response.status
    )
    return { outcome: 'updated', url: comment.html_url, id: comment.id }
  }

  if (options.createIfMissing === false) return { outcome: 'skipped' }

  // Not safe to repeat: a POST that timed out may have created the comment
  // anyway, and a second one would not be sticky. So the policy retries it
  // only when GitHub refused the work (429, a rate limit) or the connection
  // was refused.
  const response = await send(call, 'POST', listPath, false, () =>
    octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: issueNumber,
      body,
      request: { signal }
    })
  )
  if (response.kind === 'refused') {
    return writeRefused(
      response,
      `GitHub refused to create a comment on ${where}`
    )
  }
  const comment = parse(
    commentSchema,
    response.data,
    'POST',
    listPath,
    response.status
  )
  return { outcome: 'created', url: comment.html_url, id: comment.id }
}

/** Puts the marker first when absent, and keeps it when cutting to fit. */
function markAndFit(
  body: string,
  marker: string,
  summaryUrl: string | undefined
): string {
  const marked = body.includes(marker) ? body : `${marker}\n${body}`
  const fitted = truncateForComment(marked, { summaryUrl })
  if (fitted.includes(marker)) return fitted
  return truncateForComment(`${marker}\n${body.split(marker).join('')}`, {
    summaryUrl
  })
}

function carriesMarker(comment: Comment, marker: string): boolean {
  // At the start of a line, so a reply quoting it ("> <!-- …") is not ours.
  return (comment.body ?? '')
    .split('\n')
    .some((line) => line.trimStart().startsWith(marker))
}

const userSchema = z.object({ login: z.string(), type: z.string() })

/**
 * Which comments the token itself wrote. A personal access token (classic
 * or fine-grained) may read `GET /user`: its login is the author to match.
 * An installation token (the job's GITHUB_TOKEN, a GitHub App's token) may
 * not: GitHub answers 403 "Resource not accessible by integration" (404 on
 * some GHES versions), and no endpoint names the installation's bot. Its
 * comments are written by a Bot account (`github-actions[bot]` for
 * GITHUB_TOKEN, `<app>[bot]` for an App), and no person can write as a Bot,
 * so then only Bot comments count. Never a person's comment, either way.
 */
async function ownedByToken(
  call: CallContext,
  octokit: ReturnType<typeof getOctokit>,
  signal: AbortSignal
): Promise<(comment: Comment) => boolean> {
  const path = '/user'
  const response = await send(call, 'GET', path, true, () =>
    octokit.rest.users.getAuthenticated({ request: { signal } })
  )
  if (response.kind === 'refused') {
    if (response.status === 401) throw response.error
    return (comment) => comment.user?.type === 'Bot'
  }
  const { login } = parse(
    userSchema,
    response.data,
    'GET',
    path,
    response.status
  )
  return (comment) => comment.user?.login === login
}

function newest(comments: Comment[]): Comment | undefined {
  let best: Comment | undefined
  for (const comment of comments) {
    if (
      best === undefined ||
      comment.created_at > best.created_at ||
      (comment.created_at === best.created_at && comment.id > best.id)
    ) {
      best = comment
    }
  }
  return best
}

function hasNextPage(link: string | undefined): boolean {
  return link !== undefined && /<[^>]*>;\s*rel="?next"?/.test(link)
}

function writeRefused(response: Refusal, what: string): UpsertCommentResult {
  if (response.status === 401) {
    return {
      outcome: 'refused',
      status: 401,
      message:
        `${what} (HTTP 401: ${response.message}): the token is invalid or ` +
        `expired. Pass a token that can comment here, e.g. the job's ` +
        `GITHUB_TOKEN with ${PERMISSION_HINT}.`
    }
  }
  return refused(response, what, '')
}

function refused(
  response: Refusal,
  what: string,
  extra: string
): UpsertCommentResult {
  return {
    outcome: 'refused',
    status: response.status,
    message:
      `${what} (HTTP ${response.status}: ${response.message})${extra}. ` +
      `The workflow job needs ${PERMISSION_HINT} (or \`issues: write\`); ` +
      `a pull request from a fork gets a read-only GITHUB_TOKEN, so there ` +
      `the verdict is only in the job summary.`
  }
}

interface CallContext {
  token: string
  signal: AbortSignal
  timeoutMs: number
  limits: RetryLimits
}

interface Refusal {
  kind: 'refused'
  status: number
  message: string
  error: GitHubApiError
}

interface Success {
  kind: 'ok'
  status: number
  data: unknown
  headers: { link?: string }
}

/**
 * Runs one request, retried by the one policy (src/transport/retry-policy.ts)
 * while `safeToRepeat` allows and the deadline has not passed; answers
 * 401/403/404 as a refusal for the caller to judge, and turns everything
 * else into a GitHubApiError.
 */
async function send(
  context: CallContext,
  method: string,
  path: string,
  safeToRepeat: boolean,
  request: () => Promise<{
    status: number
    data: unknown
    headers: { link?: string }
  }>
): Promise<Success | Refusal> {
  type Try = Success | { kind: 'failed'; failure: Failure }
  const { result } = await withRetries<Try>(
    async () => {
      try {
        const response = await request()
        return {
          kind: 'ok',
          status: response.status,
          data: response.data,
          headers: response.headers
        }
      } catch (error) {
        return {
          kind: 'failed',
          failure: describeFailure(error, context.token)
        }
      }
    },
    (result) => {
      if (result.kind === 'ok' || context.signal.aborted) return undefined
      if (isRefusal(result.failure)) return undefined
      return { outcome: result.failure.outcome, safeToRepeat }
    },
    context.limits,
    { sleep: (ms) => sleep(ms, context.signal) }
  )
  if (result.kind === 'ok') return result
  const { failure } = result
  const message =
    failure.status === undefined && context.signal.aborted
      ? `no answer within ${context.timeoutMs} ms`
      : failure.message
  const apiError = new GitHubApiError(method, path, failure.status, message)
  if (failure.status !== undefined && isRefusal(failure)) {
    return {
      kind: 'refused',
      status: failure.status,
      message: failure.message,
      error: apiError
    }
  }
  throw apiError
}

/** A 401/403/404 that is not a rate limit: a missing permission. */
function isRefusal(failure: Failure): boolean {
  return (
    (failure.status === 401 ||
      failure.status === 403 ||
      failure.status === 404) &&
    !failure.rateLimited
  )
}

interface Failure {
  status: number | undefined
  message: string
  rateLimited: boolean
  /** As the retry policy sees it: a rate limit is a 429. */
  outcome: TryOutcome
}

/** Reads an Octokit RequestError (or a network error) without its request. */
function describeFailure(error: unknown, token: string): Failure {
  const candidate = error as {
    status?: unknown
    message?: unknown
    response?: { data?: unknown; headers?: Record<string, string | undefined> }
  }
  const response = candidate.response
  const data = response?.data as { message?: unknown } | string | undefined
  const raw =
    typeof data === 'object' &&
    data !== null &&
    typeof data.message === 'string'
      ? data.message
      : typeof data === 'string' && data.trim() !== ''
        ? data.trim().slice(0, 500)
        : error instanceof Error
          ? error.message
          : String(error)
  const message = token === '' ? raw : raw.split(token).join('***')
  if (response === undefined || typeof candidate.status !== 'number') {
    return {
      status: undefined,
      message,
      rateLimited: false,
      outcome: { kind: 'failure', code: connectionErrorCode(error) }
    }
  }
  const headers = response.headers ?? {}
  // A 403/429 for a rate limit is not a missing permission: retry, or fail.
  const rateLimited =
    (candidate.status === 403 || candidate.status === 429) &&
    (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message))
  // GitHub's primary limit says when it resets (epoch seconds); honoured as
  // Retry-After, so a reset minutes away ends the retries rather than
  // hammering (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
  const reset = Number(headers['x-ratelimit-reset'])
  const retryAfterMs =
    parseRetryAfter(headers['retry-after']) ??
    (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)
      ? Math.max(0, reset * 1000 - Date.now())
      : undefined)
  return {
    status: candidate.status,
    message,
    rateLimited,
    outcome: {
      kind: 'answer',
      status: rateLimited ? 429 : candidate.status,
      retryAfterMs
    }
  }
}

/**
 * The code of a request that got no answer (`ECONNREFUSED`, …): Octokit
 * wraps fetch's error, which wraps undici's, which carries the code.
 */
function connectionErrorCode(error: unknown): string {
  let current: unknown = error
  for (let depth = 0; depth < 4 && typeof current === 'object'; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown }
    if (typeof code === 'string') return code
    current = cause
  }
  // No code: not a connection error the policy knows, so not retried.
  return 'unknown'
}

/** Waits `ms`, or less when the upsert's deadline passes first. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

function parse<T>(
  schema: z.ZodType<T>,
  data: unknown,
  method: string,
  path: string,
  status: number
): T {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new GitHubApiError(
    method,
    path,
    status,
    `unexpected response body (${issue.path.join('.') || 'root'}: ${issue.message})`
  )
}
