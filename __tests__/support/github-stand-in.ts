/**
 * A local stand-in for GitHub's REST API that holds every request to GitHub's
 * own published OpenAPI description (`@octokit/openapi`, api.github.com).
 *
 * It listens on 127.0.0.1 with an ephemeral port, so the module under test
 * (or the bundled action in a child process, through GITHUB_API_URL) talks
 * real HTTP to it. Each request is routed and validated by `openapi-backend`:
 * one that matches no operation or breaks the description (path parameters,
 * query, body, content type) is recorded in `violations` and answered the way
 * GitHub would (404, 400 or 422). Requests without an Authorization or
 * User-Agent header are violations too: GitHub needs both from an action.
 *
 * The issue-comment operations (list, create, get, update, delete) keep
 * state, so a create then a list finds the comment, and `GET /user` answers
 * as the actor's token would; their answers are the
 * description's own example merged with that state, and are checked against
 * the response schema. Every other operation answers with the description's
 * own example (not re-checked: some of GitHub's examples drift from its
 * schemas). `refuseWrites(403)` makes writes answer like a fork's read-only token.
 */
import {
  createServer,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend'

/** One request as the stand-in saw it. */
export interface RecordedRequest {
  method: string
  /** The path without the query string. */
  path: string
  query: Record<string, string | string[]>
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>
  /** The parsed JSON body, the raw text if it was not JSON, or undefined. */
  body: unknown
  /** The operation it matched, e.g. `issues/create-comment`. */
  operationId: string | undefined
  /** The status the stand-in answered with. */
  status: number
}

/** An issue or pull request comment held by the stand-in. */
export interface StoredComment {
  id: number
  owner: string
  repo: string
  issueNumber: number
  body: string
  user: { login: string; type: 'Bot' | 'User' }
  createdAt: string
  updatedAt: string
}

/** Options for {@link startGitHubStandIn}. */
export interface GitHubStandInOptions {
  /** When set, a different token is answered 401 "Bad credentials". */
  token?: string
  /**
   * Who creates comments (default `github-actions[bot]`, a Bot). A Bot is an
   * installation token: `GET /user` answers 403, as GitHub does for the
   * job's GITHUB_TOKEN; a User (a personal access token) gets its own login.
   */
  actor?: { login: string; type: 'Bot' | 'User' }
  /** Accept requests without an Authorization header (default false). */
  allowAnonymous?: boolean
}

/** A running stand-in. */
export interface GitHubStandIn {
  /** The API root, e.g. `http://127.0.0.1:40123`; use as GITHUB_API_URL. */
  url: string
  requests: RecordedRequest[]
  /** Requests that broke GitHub's description; a test expects none. */
  violations: string[]
  /** Every comment on every issue, in creation order; mutable. */
  comments: StoredComment[]
  /** How long loading GitHub's description took (0 when cached). */
  specLoadMs: number
  /** Answer POST/PUT/PATCH/DELETE with this status (undefined: stop). */
  refuseWrites(status: number | undefined): void
  /** Answer GET requests with this status (undefined: stop). */
  refuseReads(status: number | undefined): void
  /**
   * Answer the next `times` requests (default 1), or only those with the
   * given method, with this status and GitHub's error body (e.g. 503), and
   * these headers (e.g. `retry-after`).
   */
  failNext(
    status: number,
    options?: {
      times?: number
      method?: string
      headers?: Record<string, string>
    }
  ): void
  /** Puts a comment in place, as if someone had written it earlier. */
  addComment(comment: {
    owner: string
    repo: string
    issueNumber: number
    body: string
    user?: { login: string; type: 'Bot' | 'User' }
  }): StoredComment
  close(): Promise<void>
}

// The un-dereferenced api.github.com description (13 MB) is used rather than
// the dereferenced one (73 MB): openapi-backend dereferences it anyway, and
// under Jest here it loads in 0.2-0.8 s instead of 2.1-2.5 s, with about a
// quarter of the heap (77 MB against 335 MB).
const DESCRIPTION = '@octokit/openapi/generated/api.github.com.json'

interface LoadedBackend {
  api: OpenAPIBackend
  loadMs: number
}

// One parsed backend per module instance (per test file under Jest, whose
// module registry is per file; per process anywhere else).
let backend: Promise<LoadedBackend> | undefined

function loadBackend(): Promise<LoadedBackend> {
  backend ??= (async () => {
    const started = performance.now()
    const file = createRequire(import.meta.url).resolve(DESCRIPTION)
    const definition = JSON.parse(readFileSync(file, 'utf8')) as Document
    const api = new OpenAPIBackend({
      definition,
      // Quick: validators are compiled per operation on first use, not for
      // all ~1,100 operations up front.
      quick: true,
      strict: false,
      ajvOpts: { strict: false, logger: false, allErrors: true },
      customizeAjv: (ajv) => {
        for (const [name, check] of Object.entries(FORMATS)) {
          ajv.addFormat(name, check)
        }
        return ajv
      }
    })
    await api.init()
    return { api, loadMs: performance.now() - started }
  })()
  return backend
}

// GitHub's description uses these formats; the checks are deliberately plain.
const FORMATS: Record<string, (value: string) => boolean> = {
  'date-time': (value) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(
      value
    ) && !Number.isNaN(Date.parse(value)),
  date: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value),
  uri: (value) => URL.canParse(value),
  'uri-template': () => true,
  email: (value) => /^[^\s@]+@[^\s@]+$/.test(value),
  hostname: (value) => /^[a-z0-9.-]+$/i.test(value),
  ipv4: (value) => /^\d{1,3}(\.\d{1,3}){3}$/.test(value),
  ipv6: (value) => value.includes(':'),
  uuid: (value) => /^[0-9a-f-]{36}$/i.test(value),
  binary: () => true,
  byte: () => true,
  int32: () => true,
  int64: () => true,
  'repo.nwo': () => true,
  'ssh-key': () => true,
  'ssh-key fingerprint': () => true
}

const JSON_TYPE = 'application/json; charset=utf-8'
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const ERROR_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Bad credentials',
  403: 'Resource not accessible by integration',
  404: 'Not Found',
  410: 'Gone',
  422: 'Validation Failed',
  429: 'API rate limit exceeded',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable'
}
// Timestamps are a counter, not the clock, so ordering is deterministic.
const EPOCH = Date.UTC(2025, 0, 1)

interface Answer {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/**
 * Starts the stand-in on 127.0.0.1 with an ephemeral port. The description is
 * parsed once per module instance; the first start pays for it.
 */
export async function startGitHubStandIn(
  options: GitHubStandInOptions = {}
): Promise<GitHubStandIn> {
  const startedLoading = performance.now()
  const { api } = await loadBackend()
  const specLoadMs = performance.now() - startedLoading

  const requests: RecordedRequest[] = []
  const violations: string[] = []
  const comments: StoredComment[] = []
  const actor = options.actor ?? { login: 'github-actions[bot]', type: 'Bot' }
  let nextId = 1_000_001
  let tick = 0
  let writeRefusal: number | undefined
  let readRefusal: number | undefined
  const failures: {
    status: number
    method: string | undefined
    headers?: Record<string, string>
  }[] = []
  let url = ''

  const now = (): string => new Date(EPOCH + ++tick * 1000).toISOString()

  const errorBody = (
    status: number,
    operation?: Operation,
    message = ERROR_MESSAGES[status] ?? 'Error'
  ): Answer => ({
    status,
    body: {
      message,
      documentation_url:
        operation?.externalDocs?.url ?? 'https://docs.github.com/rest',
      status: String(status)
    }
  })

  const commentJson = (comment: StoredComment): unknown => {
    const { mock } = api.mockResponseForOperation('issues/get-comment', {
      code: 200
    }) as { mock: Record<string, unknown> }
    const base = `${url}/repos/${comment.owner}/${comment.repo}`
    const user = {
      ...(mock.user as Record<string, unknown>),
      login: comment.user.login,
      type: comment.user.type
    }
    return {
      ...mock,
      id: comment.id,
      node_id: `IC_${Buffer.from(String(comment.id)).toString('base64')}`,
      url: `${base}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${comment.owner}/${comment.repo}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${base}/issues/${comment.issueNumber}`,
      body: comment.body,
      user,
      author_association:
        comment.user.type === 'Bot' ? 'CONTRIBUTOR' : 'MEMBER',
      created_at: comment.createdAt,
      updated_at: comment.updatedAt
    }
  }

  const findComment = (
    params: Record<string, unknown>
  ): StoredComment | undefined =>
    comments.find(
      (comment) =>
        comment.id === Number(params.comment_id) &&
        comment.owner === params.owner &&
        comment.repo === params.repo
    )

  const stateful: Record<
    string,
    (
      params: Record<string, unknown>,
      query: Record<string, unknown>,
      body: Record<string, unknown>,
      operation: Operation
    ) => Answer
  > = {
    'issues/list-comments': (params, query) => {
      const perPage = Math.min(Math.max(Number(query.per_page ?? 30), 1), 100)
      const page = Math.max(Number(query.page ?? 1), 1)
      const since = typeof query.since === 'string' ? query.since : undefined
      const all = comments.filter(
        (comment) =>
          comment.owner === params.owner &&
          comment.repo === params.repo &&
          comment.issueNumber === Number(params.issue_number) &&
          (since === undefined || comment.updatedAt >= since)
      )
      const slice = all.slice((page - 1) * perPage, page * perPage)
      const last = Math.max(Math.ceil(all.length / perPage), 1)
      const pageUrl = (n: number): string => {
        const search = new URLSearchParams({
          ...(since === undefined ? {} : { since }),
          per_page: String(perPage),
          page: String(n)
        })
        return `<${url}/repos/${params.owner}/${params.repo}/issues/${params.issue_number}/comments?${search}>`
      }
      const links: string[] = []
      if (page > 1) links.push(`${pageUrl(page - 1)}; rel="prev"`)
      if (page < last) links.push(`${pageUrl(page + 1)}; rel="next"`)
      if (page < last) links.push(`${pageUrl(last)}; rel="last"`)
      if (page > 1) links.push(`${pageUrl(1)}; rel="first"`)
      return {
        status: 200,
        body: slice.map(commentJson),
        headers:
          links.length > 0
            ? { link: links.join(', ') }
            : ({} as Answer['headers'])
      }
    },
    'issues/create-comment': (params, _query, body) => {
      const at = now()
      const comment: StoredComment = {
        id: nextId++,
        owner: String(params.owner),
        repo: String(params.repo),
        issueNumber: Number(params.issue_number),
        body: String(body.body),
        user: { ...actor },
        createdAt: at,
        updatedAt: at
      }
      comments.push(comment)
      return {
        status: 201,
        body: commentJson(comment),
        headers: {
          location: `${url}/repos/${comment.owner}/${comment.repo}/issues/comments/${comment.id}`
        }
      }
    },
    'issues/get-comment': (params, _query, _body, operation) => {
      const comment = findComment(params)
      return comment === undefined
        ? errorBody(404, operation)
        : { status: 200, body: commentJson(comment) }
    },
    'issues/update-comment': (params, _query, body, operation) => {
      const comment = findComment(params)
      if (comment === undefined) return errorBody(404, operation)
      comment.body = String(body.body)
      comment.updatedAt = now()
      return { status: 200, body: commentJson(comment) }
    },
    'users/get-authenticated': (_params, _query, _body, operation) => {
      if (actor.type === 'Bot') {
        return errorBody(
          403,
          operation,
          'Resource not accessible by integration'
        )
      }
      const { mock } = api.mockResponseForOperation('users/get-authenticated', {
        code: 200
      }) as { mock: Record<string, unknown> }
      return {
        status: 200,
        body: { ...mock, login: actor.login, type: actor.type }
      }
    },
    'issues/delete-comment': (params, _query, _body, operation) => {
      const comment = findComment(params)
      if (comment === undefined) return errorBody(404, operation)
      comments.splice(comments.indexOf(comment), 1)
      return { status: 204 }
    }
  }

  const answer = (
    method: string,
    path: string,
    query: Record<string, string | string[]>,
    headers: RecordedRequest['headers'],
    rawBody: string,
    record: RecordedRequest
  ): Answer => {
    const where = `${method} ${path}`
    const authorization = headers.authorization
    if (authorization === undefined && options.allowAnonymous !== true) {
      violations.push(`${where}: no Authorization header`)
      return errorBody(401, undefined, 'Requires authentication')
    }
    if (headers['user-agent'] === undefined) {
      // GitHub refuses requests without a User-Agent.
      violations.push(`${where}: no User-Agent header`)
      return errorBody(
        403,
        undefined,
        'Request forbidden by administrative rules. Please make sure your request has a User-Agent header'
      )
    }

    let body: unknown = undefined
    if (rawBody !== '') {
      try {
        body = JSON.parse(rawBody)
      } catch {
        record.body = rawBody
        violations.push(`${where}: the body is not JSON`)
        return errorBody(400, undefined, 'Problems parsing JSON')
      }
    }
    record.body = body

    const request = {
      method,
      path,
      query,
      headers: headers as Record<string, string | string[]>,
      body
    }
    const operation = api.matchOperation(request)
    if (operation === undefined) {
      violations.push(`${where}: no operation in GitHub's description matches`)
      return errorBody(404)
    }
    record.operationId = operation.operationId

    const validation = api.validateRequest(request, operation)
    if (!validation.valid) {
      const details = (validation.errors ?? [])
        .map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`)
        .join('; ')
      violations.push(`${where} (${operation.operationId}): ${details}`)
      const inBody = (validation.errors ?? []).some((error) =>
        error.instancePath.startsWith('/requestBody')
      )
      return errorBody(
        inBody ? 422 : 400,
        operation,
        inBody ? `Invalid request.\n\n${details}` : 'Bad Request'
      )
    }

    if (
      options.token !== undefined &&
      authorization !== `token ${options.token}` &&
      authorization !== `Bearer ${options.token}`
    ) {
      return errorBody(401, operation)
    }
    const injected = failures.findIndex(
      (failure) => failure.method === undefined || failure.method === method
    )
    if (injected !== -1) {
      const [failure] = failures.splice(injected, 1)
      const answer = errorBody(failure.status, operation)
      return { ...answer, headers: { ...answer.headers, ...failure.headers } }
    }
    const refusal = WRITE_METHODS.has(method) ? writeRefusal : readRefusal
    if (refusal !== undefined) return errorBody(refusal, operation)

    const handler = stateful[operation.operationId ?? '']
    if (handler !== undefined) {
      const parsed = api.router.parseRequest(request, operation)
      return handler(
        parsed.params,
        parsed.query,
        (body ?? {}) as Record<string, unknown>,
        operation
      )
    }
    const mock = api.mockResponseForOperation(operation.operationId ?? '') as {
      status: number
      mock: unknown
    }
    return { status: mock.status, body: mock.mock }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const method = (req.method ?? 'GET').toUpperCase()
      const target = new URL(req.url ?? '/', url)
      const query: Record<string, string | string[]> = {}
      for (const [key, value] of target.searchParams) {
        const previous = query[key]
        query[key] =
          previous === undefined
            ? value
            : [...(Array.isArray(previous) ? previous : [previous]), value]
      }
      const record: RecordedRequest = {
        method,
        path: target.pathname,
        query,
        headers: { ...req.headers },
        body: undefined,
        operationId: undefined,
        status: 0
      }
      requests.push(record)
      let result: Answer
      try {
        result = answer(
          method,
          target.pathname,
          query,
          req.headers,
          Buffer.concat(chunks).toString('utf8'),
          record
        )
      } catch (error) {
        violations.push(
          `${method} ${target.pathname}: the stand-in failed: ${String(error)}`
        )
        result = errorBody(500)
      }
      // Only answers built here are checked: GitHub's own examples, served
      // as-is for other operations, sometimes drift from its schemas (the
      // pulls/get example lacks requested_teams[].type).
      if (
        record.operationId !== undefined &&
        record.operationId in stateful &&
        result.status !== 204
      ) {
        const check = api.validateResponse(
          result.body,
          record.operationId,
          result.status
        )
        if (!check.valid) {
          violations.push(
            `${method} ${target.pathname}: the stand-in's own ${result.status} answer breaks the response schema: ` +
              (check.errors ?? [])
                .map((error) => `${error.instancePath} ${error.message ?? ''}`)
                .join('; ')
          )
        }
      }
      record.status = result.status
      const text = result.body === undefined ? '' : JSON.stringify(result.body)
      res.writeHead(result.status, {
        ...(text === '' ? {} : { 'content-type': JSON_TYPE }),
        'x-github-media-type': 'github.v3; format=json',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-resource': 'core',
        ...result.headers
      })
      res.end(text)
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  url = `http://127.0.0.1:${port}`

  return {
    url,
    requests,
    violations,
    comments,
    specLoadMs,
    refuseWrites: (status) => {
      writeRefusal = status
    },
    refuseReads: (status) => {
      readRefusal = status
    },
    failNext: (status, { times = 1, method, headers } = {}) => {
      for (let i = 0; i < times; i++) {
        failures.push({ status, method: method?.toUpperCase(), headers })
      }
    },
    addComment: ({ owner, repo, issueNumber, body, user }) => {
      const at = now()
      const comment: StoredComment = {
        id: nextId++,
        owner,
        repo,
        issueNumber,
        body,
        user: user ?? { login: 'octocat', type: 'User' },
        createdAt: at,
        updatedAt: at
      }
      comments.push(comment)
      return comment
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) =>
          error === undefined ? resolve() : reject(error)
        )
        // Keep-alive sockets from undici would hold close() open.
        server.closeAllConnections()
      })
  }
}
