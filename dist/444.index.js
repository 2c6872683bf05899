export const id = 444;
export const ids = [444];
export const modules = {

/***/ 9444:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   commentMarker: () => (/* binding */ commentMarker),
/* harmony export */   upsertPullRequestComment: () => (/* binding */ upsertPullRequestComment)
/* harmony export */ });
/* unused harmony exports GITHUB_COMMENT_LIMIT, GitHubApiError, truncateForComment */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9691);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _report_fit_markdown_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2775);
/* harmony import */ var _transport_retry_policy_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6454);
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





/** GitHub rejects a comment body longer than this (HTTP 422). */
const GITHUB_COMMENT_LIMIT = 65536;
const MARKER_PREFIX = '<!-- champion-gate:';
const MARKER_SUFFIX = ' -->';
const PER_PAGE = 100;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_RETRY_ATTEMPTS = 3;
const PERMISSION_HINT = '`permissions: pull-requests: write`';
/** A request to GitHub failed in a way that is not a missing permission. */
class GitHubApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo {
    method;
    path;
    status;
    githubMessage;
    constructor(method, path, 
    /** The HTTP status, or `undefined` when no response arrived. */
    status, 
    /** GitHub's `message` (or the network error's), token-free. */
    githubMessage) {
        super(status === undefined
            ? `GitHub API ${method} ${path} failed before a response arrived: ${githubMessage}`
            : `GitHub API ${method} ${path} failed with HTTP ${status}: ${githubMessage}`);
        this.method = method;
        this.path = path;
        this.status = status;
        this.githubMessage = githubMessage;
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
function commentMarker(modelName) {
    let encoded = '';
    let previous = '';
    for (const char of modelName) {
        const code = char.codePointAt(0) ?? 0;
        const unsafe = char === '%' ||
            char === '<' ||
            char === '>' ||
            (char === '-' && previous === '-') ||
            code <= 0x20 ||
            (code >= 0x7f && code <= 0xa0) ||
            code === 0x2028 ||
            code === 0x2029;
        encoded += unsafe ? percentEncode(char) : char;
        previous = char;
    }
    return `${MARKER_PREFIX}${encoded}${MARKER_SUFFIX}`;
}
function percentEncode(char) {
    return Array.from(new TextEncoder().encode(char))
        .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
        .join('');
}
/**
 * Cuts a Markdown body to fit a PR comment (by the one truncator,
 * src/report/fit-markdown.ts) with a note that the full report is in the job
 * summary; a body that fits is returned unchanged. Pure; no I/O.
 */
function truncateForComment(body, limitOrOptions = {}) {
    const options = typeof limitOrOptions === 'number'
        ? { limit: limitOrOptions }
        : limitOrOptions;
    const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
    return (0,_report_fit_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .fitMarkdown */ .D)(body, {
        limit,
        unit: 'utf16',
        note: truncationNote(limit, options.summaryUrl)
    });
}
function truncationNote(limit, summaryUrl) {
    const where = summaryUrl === undefined
        ? 'the job summary'
        : `the [job summary](${summaryUrl})`;
    return (`> [!NOTE]\n> This comment was cut to fit GitHub's limit of ` +
        `${limit.toLocaleString('en-US')} characters. The full report is in ` +
        `${where} of this run.\n`);
}
const commentSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int(),
    html_url: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    body: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().nullish(),
    created_at: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(),
    user: zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({ login: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), type: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP() }).nullish()
});
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
async function upsertPullRequestComment(options) {
    const { token, owner, repo, issueNumber, marker } = options;
    if (!Number.isSafeInteger(issueNumber) || issueNumber < 1) {
        throw new RangeError(`issueNumber must be a positive integer, not ${issueNumber}`);
    }
    if (marker.trim() === '')
        throw new RangeError('marker must not be empty');
    const body = markAndFit(options.body, marker, options.summaryUrl);
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, options.apiUrl === undefined
        ? {}
        : { baseUrl: options.apiUrl.replace(/\/+$/, '') });
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = AbortSignal.timeout(timeoutMs);
    const call = {
        token,
        signal,
        timeoutMs,
        limits: {
            maxAttempts: options.retry?.attempts ?? DEFAULT_RETRY_ATTEMPTS,
            maxRetryMs: options.retry?.maxRetryMs ?? timeoutMs,
            baseDelayMs: options.retry?.baseDelayMs
        }
    };
    const where = `${owner}/${repo}#${issueNumber}`;
    // 1. Find the comment, reading every page: the newest match may be last.
    const listPath = `/repos/${owner}/${repo}/issues/${issueNumber}/comments`;
    const matches = [];
    for (let page = 1;; page++) {
        const response = await send(call, 'GET', listPath, true, () => octokit.rest.issues.listComments({
            owner,
            repo,
            issue_number: issueNumber,
            per_page: PER_PAGE,
            page,
            request: { signal }
        }));
        if (response.kind === 'refused') {
            if (response.status === 403 || response.status === 404) {
                return refused(response, `GitHub refused to list the comments on ${where}`, response.status === 404
                    ? ' (a 404 also means the pull request does not exist or the token cannot see the repository)'
                    : '');
            }
            throw response.error;
        }
        const comments = parse(zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(commentSchema), response.data, 'GET', listPath, response.status);
        matches.push(...comments.filter((comment) => carriesMarker(comment, marker)));
        if (!hasNextPage(response.headers.link) || comments.length === 0)
            break;
    }
    // 2. Keep only comments this token's identity wrote: anyone can paste the
    // marker into a comment of their own, and must not get the verdict.
    const own = matches.length === 0
        ? []
        : matches.filter(await ownedByToken(call, octokit, signal));
    // 3. Update it in place, or create it.
    const existing = newest(own);
    if (existing !== undefined) {
        const path = `/repos/${owner}/${repo}/issues/comments/${existing.id}`;
        const response = await send(call, 'PATCH', path, true, () => octokit.rest.issues.updateComment({
            owner,
            repo,
            comment_id: existing.id,
            body,
            request: { signal }
        }));
        if (response.kind === 'refused') {
            return writeRefused(response, `GitHub refused to update comment ${existing.id} on ${where}`);
        }
        const comment = parse(commentSchema, response.data, 'PATCH', path, response.status);
        return { outcome: 'updated', url: comment.html_url, id: comment.id };
    }
    if (options.createIfMissing === false)
        return { outcome: 'skipped' };
    // Not safe to repeat: a POST that timed out may have created the comment
    // anyway, and a second one would not be sticky. So the policy retries it
    // only when GitHub refused the work (429, a rate limit) or the connection
    // was refused.
    const response = await send(call, 'POST', listPath, false, () => octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issueNumber,
        body,
        request: { signal }
    }));
    if (response.kind === 'refused') {
        return writeRefused(response, `GitHub refused to create a comment on ${where}`);
    }
    const comment = parse(commentSchema, response.data, 'POST', listPath, response.status);
    return { outcome: 'created', url: comment.html_url, id: comment.id };
}
/** Puts the marker first when absent, and keeps it when cutting to fit. */
function markAndFit(body, marker, summaryUrl) {
    const marked = body.includes(marker) ? body : `${marker}\n${body}`;
    const fitted = truncateForComment(marked, { summaryUrl });
    if (fitted.includes(marker))
        return fitted;
    return truncateForComment(`${marker}\n${body.split(marker).join('')}`, {
        summaryUrl
    });
}
function carriesMarker(comment, marker) {
    // At the start of a line, so a reply quoting it ("> <!-- …") is not ours.
    return (comment.body ?? '')
        .split('\n')
        .some((line) => line.trimStart().startsWith(marker));
}
const userSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({ login: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP(), type: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP() });
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
async function ownedByToken(call, octokit, signal) {
    const path = '/user';
    const response = await send(call, 'GET', path, true, () => octokit.rest.users.getAuthenticated({ request: { signal } }));
    if (response.kind === 'refused') {
        if (response.status === 401)
            throw response.error;
        return (comment) => comment.user?.type === 'Bot';
    }
    const { login } = parse(userSchema, response.data, 'GET', path, response.status);
    return (comment) => comment.user?.login === login;
}
function newest(comments) {
    let best;
    for (const comment of comments) {
        if (best === undefined ||
            comment.created_at > best.created_at ||
            (comment.created_at === best.created_at && comment.id > best.id)) {
            best = comment;
        }
    }
    return best;
}
function hasNextPage(link) {
    return link !== undefined && /<[^>]*>;\s*rel="?next"?/.test(link);
}
function writeRefused(response, what) {
    if (response.status === 401) {
        return {
            outcome: 'refused',
            status: 401,
            message: `${what} (HTTP 401: ${response.message}): the token is invalid or ` +
                `expired. Pass a token that can comment here, e.g. the job's ` +
                `GITHUB_TOKEN with ${PERMISSION_HINT}.`
        };
    }
    return refused(response, what, '');
}
function refused(response, what, extra) {
    return {
        outcome: 'refused',
        status: response.status,
        message: `${what} (HTTP ${response.status}: ${response.message})${extra}. ` +
            `The workflow job needs ${PERMISSION_HINT} (or \`issues: write\`); ` +
            `a pull request from a fork gets a read-only GITHUB_TOKEN, so there ` +
            `the verdict is only in the job summary.`
    };
}
/**
 * Runs one request, retried by the one policy (src/transport/retry-policy.ts)
 * while `safeToRepeat` allows and the deadline has not passed; answers
 * 401/403/404 as a refusal for the caller to judge, and turns everything
 * else into a GitHubApiError.
 */
async function send(context, method, path, safeToRepeat, request) {
    const { result } = await (0,_transport_retry_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetries */ .LH)(async () => {
        try {
            const response = await request();
            return {
                kind: 'ok',
                status: response.status,
                data: response.data,
                headers: response.headers
            };
        }
        catch (error) {
            return {
                kind: 'failed',
                failure: describeFailure(error, context.token)
            };
        }
    }, (result) => {
        if (result.kind === 'ok' || context.signal.aborted)
            return undefined;
        if (isRefusal(result.failure))
            return undefined;
        return { outcome: result.failure.outcome, safeToRepeat };
    }, context.limits, { sleep: (ms) => sleep(ms, context.signal) });
    if (result.kind === 'ok')
        return result;
    const { failure } = result;
    const message = failure.status === undefined && context.signal.aborted
        ? `no answer within ${context.timeoutMs} ms`
        : failure.message;
    const apiError = new GitHubApiError(method, path, failure.status, message);
    if (failure.status !== undefined && isRefusal(failure)) {
        return {
            kind: 'refused',
            status: failure.status,
            message: failure.message,
            error: apiError
        };
    }
    throw apiError;
}
/** A 401/403/404 that is not a rate limit: a missing permission. */
function isRefusal(failure) {
    return ((failure.status === 401 ||
        failure.status === 403 ||
        failure.status === 404) &&
        !failure.rateLimited);
}
/** Reads an Octokit RequestError (or a network error) without its request. */
function describeFailure(error, token) {
    const candidate = error;
    const response = candidate.response;
    const data = response?.data;
    const raw = typeof data === 'object' &&
        data !== null &&
        typeof data.message === 'string'
        ? data.message
        : typeof data === 'string' && data.trim() !== ''
            ? data.trim().slice(0, 500)
            : error instanceof Error
                ? error.message
                : String(error);
    const message = token === '' ? raw : raw.split(token).join('***');
    if (response === undefined || typeof candidate.status !== 'number') {
        return {
            status: undefined,
            message,
            rateLimited: false,
            outcome: { kind: 'failure', code: connectionErrorCode(error) }
        };
    }
    const headers = response.headers ?? {};
    // A 403/429 for a rate limit is not a missing permission: retry, or fail.
    const rateLimited = (candidate.status === 403 || candidate.status === 429) &&
        (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message));
    // GitHub's primary limit says when it resets (epoch seconds); honoured as
    // Retry-After, so a reset minutes away ends the retries rather than
    // hammering (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
    const reset = Number(headers['x-ratelimit-reset']);
    const retryAfterMs = (0,_transport_retry_policy_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRetryAfter */ .mu)(headers['retry-after']) ??
        (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)
            ? Math.max(0, reset * 1000 - Date.now())
            : undefined);
    return {
        status: candidate.status,
        message,
        rateLimited,
        outcome: {
            kind: 'answer',
            status: rateLimited ? 429 : candidate.status,
            retryAfterMs
        }
    };
}
/**
 * The code of a request that got no answer (`ECONNREFUSED`, …): Octokit
 * wraps fetch's error, which wraps undici's, which carries the code.
 */
function connectionErrorCode(error) {
    let current = error;
    for (let depth = 0; depth < 4 && typeof current === 'object'; depth++) {
        const { code, cause } = current;
        if (typeof code === 'string')
            return code;
        current = cause;
    }
    // No code: not a connection error the policy knows, so not retried.
    return 'unknown';
}
/** Waits `ms`, or less when the upsert's deadline passes first. */
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
    });
}
function parse(schema, data, method, path, status) {
    const result = schema.safeParse(data);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    throw new GitHubApiError(method, path, status, `unexpected response body (${issue.path.join('.') || 'root'}: ${issue.message})`);
}


/***/ }),

/***/ 6454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   my: () => (/* binding */ NOT_SENT_CODES)
/* harmony export */ });
/* unused harmony exports BACKOFF_BASE_MS, BACKOFF_CAP_MS, RETRY_AFTER_CAP_MS, isRetryable, nextDelay */
/**
 * The one retry policy for every service the action calls (the MLflow
 * registry in src/registry/http-transport.ts, GitHub in
 * src/github/pull-request-comment.ts). What is retried and how:
 *
 * - **What.** A connection error (refused, reset, DNS, timeout), HTTP 408,
 *   429, and 5xx except 501 (Not Implemented does not heal). GitHub's rate
 *   limits (a 403 or 429 saying so) count as 429. A request that is not safe
 *   to repeat (it may create a second thing) is retried only when its first
 *   try certainly did no work: the connection was refused or the name did
 *   not resolve (nothing was sent), or the server answered 408, 429 or 503
 *   (it refused the work). Whether a request is safe to repeat is the
 *   caller's decision, made per request next to the request.
 * - **Backoff.** Exponential from 500 ms (500 ms, 1 s, 2 s, …), each step
 *   capped at 15 s, with **full jitter**: the wait is drawn uniformly from
 *   [0, step), so runs that failed together do not retry together
 *   (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 * - **Retry-After.** When the server says when to come back (`Retry-After`
 *   in seconds or as an HTTP date; GitHub's `x-ratelimit-reset`), that wait
 *   replaces the backoff. It is capped at 60 s: a server that asks for longer
 *   ends the retries at once, since coming back sooner would only be refused
 *   again.
 * - **Caps.** At most `maxAttempts` tries, the first included (input
 *   `retry-max-attempts`), and no wait that would take the request's tries
 *   and waits together past `maxRetryMs` (input `retry-max-seconds`).
 *
 * Pure apart from the injected clock, sleep and random source, so the policy
 * is tested without waiting (__tests__/transport/retry-policy.test.ts).
 */
/** The first backoff step. */
const BACKOFF_BASE_MS = 500;
/** The largest backoff step (before jitter). */
const BACKOFF_CAP_MS = 15_000;
/** The longest `Retry-After` obeyed; a longer one ends the retries. */
const RETRY_AFTER_CAP_MS = 60_000;
/**
 * Errors after which the request certainly did not reach the server: the
 * connection was refused, or the host name did not resolve.
 */
const NOT_SENT_CODES = new Set([
    'ECONNREFUSED',
    'EAI_AGAIN'
]);
/** Connection errors worth another try. */
const TRANSIENT_CODES = new Set([
    'timeout',
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH'
]);
/**
 * True when `outcome` is worth another try. `safeToRepeat`: the request does
 * the same thing however often it lands (a read, setting an alias); when
 * false, only outcomes that prove the first try did no work are retried.
 * TLS failures (a certificate does not change between tries) and undici's
 * argument errors are never retried.
 */
function isRetryable(outcome, safeToRepeat) {
    if (outcome.kind === 'failure') {
        if (!safeToRepeat)
            return NOT_SENT_CODES.has(outcome.code);
        return (TRANSIENT_CODES.has(outcome.code) ||
            (outcome.code.startsWith('UND_ERR_') &&
                outcome.code !== 'UND_ERR_INVALID_ARG'));
    }
    const { status } = outcome;
    if (status === 408 || status === 429 || status === 503)
        return true;
    return safeToRepeat && status >= 500 && status !== 501;
}
/**
 * The wait before try `attempts + 1`, or undefined when there is none: the
 * tries are spent, the server asked for a wait over the cap, or the wait
 * would pass the time budget. `elapsedMs` is what the tries and waits so far
 * took.
 */
function nextDelay(attempts, elapsedMs, retryAfterMs, limits, random = Math.random) {
    if (attempts >= limits.maxAttempts)
        return undefined;
    if (retryAfterMs !== undefined && retryAfterMs > RETRY_AFTER_CAP_MS) {
        return undefined;
    }
    const step = Math.min(BACKOFF_CAP_MS, (limits.baseDelayMs ?? BACKOFF_BASE_MS) * 2 ** (attempts - 1));
    const delay = retryAfterMs ?? random() * step;
    return elapsedMs + delay > limits.maxRetryMs ? undefined : delay;
}
/** `Retry-After` as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
function parseRetryAfter(header, now = Date.now()) {
    const value = Array.isArray(header) ? header[0] : header;
    if (value === undefined || value.trim() === '')
        return undefined;
    if (/^\d+(\.\d+)?$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/**
 * Runs `attempt` until its result is not retryable or the limits say stop,
 * and returns the last result. `attempt` must not throw for an outcome the
 * policy should judge: it returns it, and `judge` maps it to a
 * {@link TryOutcome} and whether the request is safe to repeat (undefined:
 * a result that is never retried, such as a success or an abort).
 */
async function withRetries(attempt, judge, limits, environment = {}, onRetry) {
    const now = environment.now ?? Date.now;
    const sleep = environment.sleep ??
        ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    let elapsedMs = 0;
    for (let attempts = 1;; attempts++) {
        const started = now();
        const result = await attempt(attempts);
        elapsedMs += now() - started;
        const verdict = judge(result);
        if (!verdict || !isRetryable(verdict.outcome, verdict.safeToRepeat)) {
            return { result, attempts, elapsedMs };
        }
        const delay = nextDelay(attempts, elapsedMs, verdict.outcome.kind === 'answer'
            ? verdict.outcome.retryAfterMs
            : undefined, limits, environment.random);
        if (delay === undefined)
            return { result, attempts, elapsedMs };
        onRetry?.(result, { attempt: attempts, delayMs: delay });
        await sleep(delay);
        elapsedMs += delay;
    }
}


/***/ })

};

//# sourceMappingURL=444.index.js.map