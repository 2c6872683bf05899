export const id = 804;
export const ids = [804];
export const modules = {

/***/ 4795:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G5: () => (/* binding */ HttpTransport),
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   u4: () => (/* binding */ RegistryApiError)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _transport_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6454);
/* harmony import */ var _tracking_connection_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(635);
/* harmony import */ var _tracking_uri_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1881);
/**
 * The registry's HTTP transport, below any dialect: one undici `request` per
 * try with a per-request timeout and the credentials, the answer read up to a
 * size cap, retries by the one policy (src/transport/retry-policy.ts), and
 * the typed error `RegistryApiError` with messages that say what to check
 * when no answer came (unreachable, TLS, too large). MLflow's REST dialect
 * (src/registry/mlflow-client.ts), Unity Catalog's
 * (src/registry/unity-catalog-client.ts) and the Databricks OAuth token
 * requests (src/registry/databricks-connection.ts) sit on it.
 */





/** A request to the registry failed; the message names the server, the request and what to check. */
class RegistryApiError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo {
    method;
    path;
    status;
    errorCode;
    serverMessage;
    attempts;
    constructor(message, details, options) {
        super(message, options);
        this.method = details.method;
        this.path = details.path;
        this.status = details.status;
        this.errorCode = details.errorCode;
        this.serverMessage = details.serverMessage;
        this.attempts = details.attempts ?? 1;
    }
}
/**
 * The largest answer read. The registry's answers are kilobytes; a server
 * (or something posing as one) sending more is cut off, not buffered.
 */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const BODY_TOO_LARGE = 'BODY_TOO_LARGE';
/** Sends requests to one server with its credentials, retrying by the policy. */
class HttpTransport {
    /** Origin and path prefix, no credentials, no trailing slash. */
    baseUrl;
    auth;
    /** True when the credentials came from the URI's userinfo. */
    authFromUri;
    options;
    /** Names the server in messages ("MLflow"). */
    service;
    constructor(options, service) {
        // Credentials are cut out before parsing: a password may hold '/', '?' or '#'.
        const { scheme, userinfo, rest } = (0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_4__/* .splitUserinfo */ .Gw)(options.trackingUri);
        this.baseUrl = (0,_tracking_connection_js__WEBPACK_IMPORTED_MODULE_3__/* .baseOf */ .bx)((0,_tracking_connection_js__WEBPACK_IMPORTED_MODULE_3__/* .parseHttpUrl */ .f$)(`${scheme}${rest}`));
        const fromUri = (0,_tracking_connection_js__WEBPACK_IMPORTED_MODULE_3__/* .basicAuthFromUserinfo */ .qk)(userinfo);
        this.auth = options.auth ?? fromUri;
        this.authFromUri = options.auth === undefined && fromUri !== undefined;
        this.options = options;
        this.service = service;
    }
    /** Sends the request, retrying transient failures within the budget. */
    async exchange(call) {
        const { maxAttempts, maxRetryMs, timeoutMs } = this.options;
        const headers = {
            accept: 'application/json',
            'user-agent': this.options.userAgent
        };
        if (call.body !== undefined)
            headers['content-type'] = 'application/json';
        if (call.form !== undefined) {
            headers['content-type'] = 'application/x-www-form-urlencoded';
        }
        if (this.auth?.kind === 'bearer') {
            headers.authorization = `Bearer ${this.auth.token}`;
        }
        else if (this.auth?.kind === 'basic') {
            headers.authorization = `Basic ${(0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_4__/* .basicHeaderValue */ .$X)(this.auth.username, this.auth.password)}`;
        }
        const body = call.form !== undefined
            ? new URLSearchParams(call.form).toString()
            : call.body === undefined
                ? undefined
                : JSON.stringify(call.body);
        const { result, attempts, elapsedMs } = await (0,_transport_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetries */ .LH)(async () => {
            // Asked per try (a token that expired during a retry wait is renewed),
            // outside the catch: a refused token request is its own error, not a
            // failure to reach the registry.
            const bearer = this.options.bearer && (await this.options.bearer());
            try {
                const response = await (0,undici__WEBPACK_IMPORTED_MODULE_0__/* .request */ .Em)(`${this.baseUrl}${call.path}`, {
                    method: call.method,
                    headers: bearer
                        ? { ...headers, authorization: `Bearer ${bearer}` }
                        : headers,
                    body,
                    dispatcher: this.options.dispatcher,
                    signal: AbortSignal.timeout(timeoutMs)
                });
                const text = await readCapped(response.body, MAX_BODY_BYTES);
                return {
                    kind: 'answer',
                    status: response.statusCode,
                    contentType: String(response.headers['content-type'] ?? ''),
                    text,
                    retryAfterMs: (0,_transport_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .parseRetryAfter */ .mu)(response.headers['retry-after'])
                };
            }
            catch (error) {
                return { kind: 'failure', code: failureCode(error), error };
            }
        }, (result) => ({ outcome: result, safeToRepeat: call.safeToRepeat }), { maxAttempts, maxRetryMs }, { sleep: this.options.sleep }, (result, { attempt, delayMs }) => this.options.log?.(`${this.service} ${call.method} ${call.path}: ${result.kind === 'answer' ? `HTTP ${result.status}` : result.code}; retrying in ${seconds(delayMs)}s (attempt ${attempt + 1} of ${maxAttempts}).`));
        if (result.kind === 'failure')
            return { ...result, attempts, elapsedMs };
        const { status, contentType, text } = result;
        return { kind: 'answer', status, contentType, text, attempts, elapsedMs };
    }
    /**
     * What to say about an exchange that got no answer (too large, TLS,
     * unreachable), with what to check; the dialect throws it as its typed
     * error, with `outcome.error` as the cause. `ifLost`, for a write that is not safe to repeat, what to check when it
     * may have reached the server.
     */
    failureMessage(outcome, label, ifLost) {
        const service = this.service;
        const at = `${service} at ${this.baseUrl}`;
        if (outcome.code === BODY_TOO_LARGE) {
            return `${at} answered ${label} with more than ${MAX_BODY_BYTES / 1024 / 1024} MiB; the reading stopped there. Is the tracking URI an ${service} tracking server?`;
        }
        const tls = tlsAdvice(outcome.code);
        if (tls) {
            return `Could not connect to ${at} over TLS: ${tls} (${label}).`;
        }
        const reason = outcome.code === 'timeout'
            ? `no answer within ${seconds(this.options.timeoutMs)}s (timeout)`
            : outcome.code;
        // Over TLS 1.3 a server that wants a client certificate completes the
        // handshake, then closes the connection: the client sees only that.
        const closedUnanswered = this.baseUrl.startsWith('https:') &&
            (outcome.code === 'UND_ERR_SOCKET' || outcome.code === 'ECONNRESET') &&
            outcome.error.socket
                ?.bytesRead === 0;
        const lost = ifLost && !_transport_retry_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .NOT_SENT_CODES */ .my.has(outcome.code)
            ? ` The request may have reached the server before the connection failed: ${ifLost}`
            : '';
        return (`Could not reach ${at} after ${plural(outcome.attempts, 'attempt')} over ${seconds(outcome.elapsedMs)}s: ${reason} (${label}). ` +
            (closedUnanswered
                ? 'The server closed the connection before answering: if it requires a client certificate, set MLFLOW_TRACKING_CLIENT_CERT_PATH to one PEM file holding the certificate and its private key.'
                : 'Is the server running and the tracking URI right?') +
            lost);
    }
}
/** OpenSSL's verdicts on a server certificate no trusted root vouches for. */
const UNTRUSTED_CERT_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_UNTRUSTED',
    'CERT_SIGNATURE_FAILURE'
]);
/**
 * What to do about a TLS failure, or undefined when the failure is not one.
 * These are never retried (the retry policy does not list them): a
 * certificate does not change between attempts.
 */
function tlsAdvice(code) {
    if (UNTRUSTED_CERT_CODES.has(code)) {
        return `the server's certificate is not signed by a trusted CA (${code}). Set MLFLOW_TRACKING_SERVER_CERT_PATH to the CA bundle that signed it (as for MLflow's own client), or add that CA with NODE_EXTRA_CA_CERTS; MLFLOW_TRACKING_INSECURE_TLS=true skips the check, unsafely`;
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
        return `the server's certificate is not issued for this host (${code}); use a host name the certificate names in the tracking URI`;
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
        return `the server's certificate is outside its validity period (${code}); renew it on the server`;
    }
    if (/^ERR_SSL_.*ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|HANDSHAKE_FAILURE)$/.test(code)) {
        return `the server refused the handshake (${code}); if it requires a client certificate, set MLFLOW_TRACKING_CLIENT_CERT_PATH to one PEM file holding the certificate and its private key`;
    }
    return undefined;
}
function failureCode(error) {
    // Duck-typed: `AbortSignal.timeout` rejects with a DOMException (named
    // TimeoutError) that need not be an `instanceof Error` of this realm.
    if (typeof error !== 'object' || error === null)
        return String(error);
    const { name, code, cause } = error;
    if (name === 'TimeoutError')
        return 'timeout';
    const found = code ?? cause?.code;
    if (typeof found === 'string')
        return found;
    return typeof name === 'string' ? name : String(error);
}
/** The body as text, or a `BODY_TOO_LARGE` error once it passes `limit` bytes. */
async function readCapped(body, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > limit) {
            body.destroy();
            throw Object.assign(new Error(`answer over ${limit} bytes`), {
                code: BODY_TOO_LARGE
            });
        }
        chunks.push(Buffer.from(chunk));
    }
    // TextDecoder, as undici's text() does: a BOM is dropped, not parsed.
    return new TextDecoder().decode(Buffer.concat(chunks));
}
/** Milliseconds as seconds with one decimal, for messages. */
function seconds(ms) {
    return (ms / 1000).toFixed(1);
}
/** "1 attempt", "3 attempts". */
function plural(count, noun) {
    return `${count} ${noun}${count === 1 ? '' : 's'}`;
}


/***/ }),

/***/ 9804:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LOCK_TTL_MS: () => (/* binding */ LOCK_TTL_MS),
/* harmony export */   Z5: () => (/* binding */ MLFLOW_LOCK_NAMING),
/* harmony export */   ZC: () => (/* binding */ UNITY_CATALOG_LOCK_NAMING),
/* harmony export */   acquirePromotionLock: () => (/* binding */ acquirePromotionLock)
/* harmony export */ });
/* unused harmony exports LOCK_SUFFIX, MAX_MODEL_NAME_LENGTH, CLOCK_SKEW_GRACE_MS, lockNameOf, PromotionLockTimeoutError */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _http_transport_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4795);
/**
 * The promotion lock: one run at a time writes a model's verdict to the
 * registry (evidence tags, registration, @previous-champion, @champion),
 * across workflow runs, repositories and machines that share the registry.
 *
 * MLflow has no compare-and-set on aliases; the one atomic primitive in its
 * REST API is creation by unique name: of two `registered-models/create`
 * calls for one name, the second gets RESOURCE_ALREADY_EXISTS. So the lock
 * is a registered model, `<model-name>.champion-gate-lock` (see
 * `lockNameOf`), created with tags saying who holds it (the run URL), since
 * when, until when, and a random token. It never has versions. Release
 * deletes it; a holder that crashed leaves it behind, and after its expiry
 * (plus a grace for clock skew between runners) the next run takes it over.
 *
 * Taking over, and releasing, both delete the lock; a plain "read, check the
 * token, delete" would leave a window: between my check and my delete,
 * another run could delete the same expired lock and create its own, which
 * I would then delete, and both of us would hold the lock. That window is
 * closed by a second unique name: whoever deletes the lock instance with
 * token T first creates the marker `<lock>.release-<T>`. Only one run can
 * create it, so exactly one run deletes that instance; and nobody can
 * delete a lock instance without its own marker, so the lock I checked
 * carries T until I delete it. The marker is deleted right after.
 *
 * What remains (and is said in the errors and the README):
 * - A run that crashes between creating the marker and deleting the lock
 *   leaves both behind; the lock then never expires by itself and waiting
 *   runs fail naming both models, which a person deletes. The window is two
 *   requests wide.
 * - A lease is only as good as the holder's speed: a holder still writing
 *   after its expiry could overlap with a run that took over. The holder
 *   checks, before each alias write, that its lock is still its own and has
 *   at least the time of one more request left (`ensureHeld`), and the
 *   expiry (`LOCK_TTL_MS`) is far longer than the writes take.
 * - A person (or a tool) that moves aliases by hand takes no lock.
 */



const LOCK_SUFFIX = '.champion-gate-lock';
/** MLflow stores registered-model names in a VARCHAR(256) column. */
const MAX_MODEL_NAME_LENGTH = 256;
const MARKER_INFIX = '.release-';
/** 16 hex characters: 64 random bits. */
const TOKEN_BYTES = 8;
/**
 * How long a lock is good for. The holder writes a few tags and two aliases
 * (and, for register-on-pass, waits up to 5 minutes for the version to be
 * READY); a crashed holder blocks others for at most this long.
 */
const LOCK_TTL_MS = 10 * 60_000;
/** Runners' clocks may differ; a lock counts as expired this long after its expires-at. */
const CLOCK_SKEW_GRACE_MS = 30_000;
const POLL_MS = 5_000;
const TAG = {
    owner: 'champion_gate.lock.owner',
    token: 'champion_gate.lock.token',
    model: 'champion_gate.lock.model',
    startedAt: 'champion_gate.lock.started_at',
    expiresAt: 'champion_gate.lock.expires_at'
};
/**
 * The lock's registered-model name: `<model-name>.champion-gate-lock`, next
 * to the model in MLflow's model list. A model name too long to carry the
 * suffix (and a release marker) gets `champion-gate-lock.<sha256 of name>`.
 */
function lockNameOf(modelName) {
    const markerRoom = MARKER_INFIX.length + TOKEN_BYTES * 2;
    const plain = `${modelName}${LOCK_SUFFIX}`;
    if (plain.length + markerRoom <= MAX_MODEL_NAME_LENGTH)
        return plain;
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(modelName).digest('hex');
    return `champion-gate-lock.${hash}`;
}
function markerNameOf(lockName, token) {
    return `${lockName}${MARKER_INFIX}${token}`;
}
/** MLflow's names: `<model>.champion-gate-lock`, `<lock>.release-<token>`. */
const MLFLOW_LOCK_NAMING = { lockNameOf, markerNameOf };
/**
 * Unity Catalog's: a model name is `catalog.schema.model` with the last part
 * letters, digits and '_', so the lock is `<catalog>.<schema>.<model>_champion_gate_lock`
 * in the model's own schema (creating it needs CREATE MODEL there), and its
 * marker `<lock>_release_<token>`. UC identifiers hold 255 characters; a
 * longer name gets `champion_gate_lock_<sha256 of the name, 32 hex>`.
 */
const UNITY_CATALOG_LOCK_NAMING = {
    lockNameOf(modelName) {
        const cut = modelName.lastIndexOf('.');
        const [parent, model] = [modelName.slice(0, cut), modelName.slice(cut + 1)];
        const plain = `${model}_champion_gate_lock`;
        if (plain.length + '_release_'.length + TOKEN_BYTES * 2 <= 255) {
            return `${parent}.${plain}`;
        }
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(modelName).digest('hex');
        return `${parent}.champion_gate_lock_${hash.slice(0, 32)}`;
    },
    markerNameOf: (lockName, token) => `${lockName}_release_${token}`
};
/** Another run holds the lock and did not release it in time. */
class PromotionLockTimeoutError extends _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo {
}
function lockInfoOf(model) {
    const tags = model.tags;
    const token = tags[TAG.token];
    const expiresAtMs = Date.parse(tags[TAG.expiresAt] ?? '');
    if (!token || Number.isNaN(expiresAtMs))
        return undefined;
    return {
        owner: tags[TAG.owner] || 'an unknown run',
        token,
        startedAt: tags[TAG.startedAt] ?? 'an unknown time',
        expiresAt: tags[TAG.expiresAt],
        expiresAtMs
    };
}
function isAlreadyExists(error) {
    return (error instanceof _http_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryApiError */ .u4 &&
        error.errorCode === 'RESOURCE_ALREADY_EXISTS');
}
function isMissing(error) {
    return (error instanceof _http_transport_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryApiError */ .u4 &&
        error.errorCode === 'RESOURCE_DOES_NOT_EXIST');
}
function describeError(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * Takes the promotion lock of `modelName`, waiting up to `timeoutMs` for a
 * live lock of another run; takes over a lock whose holder let it expire.
 */
async function acquirePromotionLock(options) {
    const { client, modelName, owner } = options;
    const now = options.now ?? Date.now;
    const sleep = options.sleep ??
        ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    const log = options.log ?? (() => undefined);
    const warn = options.warn ?? log;
    const ttlMs = options.ttlMs ?? LOCK_TTL_MS;
    const pollMs = options.pollMs ?? POLL_MS;
    const naming = options.naming ?? MLFLOW_LOCK_NAMING;
    const name = naming.lockNameOf(modelName);
    const token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(TOKEN_BYTES).toString('hex');
    const deadline = now() + options.timeoutMs;
    let lastSeen;
    let waitingSaid = false;
    for (let attempt = 0;; attempt++) {
        const startedAt = now();
        const expiresAt = startedAt + ttlMs;
        try {
            await client.createRegisteredModel(name, {
                description: `Promotion lock of registered model '${modelName}', held by champion-gate while it writes a verdict ` +
                    '(see the champion_gate.lock.* tags). It is deleted when that run ends; a lock left by a crashed run ' +
                    'is taken over after its expires_at. Never register versions under this name.',
                tags: {
                    [TAG.owner]: owner,
                    [TAG.token]: token,
                    [TAG.model]: modelName,
                    [TAG.startedAt]: new Date(startedAt).toISOString(),
                    [TAG.expiresAt]: new Date(expiresAt).toISOString()
                }
            });
            log(`Took the promotion lock '${name}' (until ${new Date(expiresAt).toISOString()}).`);
            return held(name, token, expiresAt);
        }
        catch (error) {
            if (!isAlreadyExists(error)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Could not take the promotion lock '${name}': ${describeError(error)}\n` +
                    'The lock is a registered model that the run creates and deletes: the credentials need permission to ' +
                    'create and delete registered models. Nothing was written to the registry.', { cause: error });
            }
        }
        const existing = await client.getRegisteredModel(name);
        if (!existing)
            continue; // released between our create and our read
        const info = lockInfoOf(existing);
        if (!info) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`A registered model named '${name}' exists but is not a champion-gate promotion lock (it has no ` +
                `${TAG.token} and ${TAG.expiresAt} tags). That name is reserved for the lock of '${modelName}': ` +
                'rename or delete that model. Nothing was written to the registry.');
        }
        // Our own create landed, its answer was lost and the client's retry was refused.
        if (info.token === token)
            return held(name, token, info.expiresAtMs);
        lastSeen = info;
        if (now() > info.expiresAtMs + CLOCK_SKEW_GRACE_MS) {
            warn(`The promotion lock '${name}' of ${info.owner} (since ${info.startedAt}) expired at ${info.expiresAt}: ` +
                'its run ended without releasing it; taking it over.');
            let outcome;
            try {
                outcome = await deleteInstance(client, naming, name, info.token, owner);
            }
            catch (error) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Could not take over the expired promotion lock '${name}' of ${info.owner}: ${describeError(error)}\n` +
                    'Deleting a lock another user created needs MANAGE permission on it (or an admin deletes it by hand). ' +
                    'Nothing was written to the registry.', { cause: error });
            }
            if (outcome === 'marker-exists' && now() >= deadline) {
                throw new PromotionLockTimeoutError(`The promotion lock '${name}' of ${info.owner} expired at ${info.expiresAt}, but the release marker ` +
                    `'${naming.markerNameOf(name, info.token)}' has been there for the whole ${seconds(options.timeoutMs)}s ` +
                    'wait: a run crashed while releasing it. If no champion-gate run for this model is running, delete ' +
                    'both registered models and run again. Nothing was written to the registry.');
            }
            if (outcome !== 'marker-exists')
                continue;
        }
        else if (now() >= deadline) {
            break;
        }
        if (!waitingSaid || attempt % 6 === 0) {
            log(`Waiting for the promotion lock '${name}': held by ${info.owner} since ${info.startedAt} ` +
                `(expires ${info.expiresAt}); giving up at ${new Date(deadline).toISOString()}.`);
            waitingSaid = true;
        }
        await sleep(Math.max(0, Math.min(pollMs, deadline - now())));
    }
    throw new PromotionLockTimeoutError(`Another run holds the promotion lock of '${modelName}': ${lastSeen?.owner ?? 'an unknown run'}, since ` +
        `${lastSeen?.startedAt ?? 'an unknown time'} (it expires at ${lastSeen?.expiresAt ?? 'an unknown time'}). ` +
        `Waited ${seconds(options.timeoutMs)}s (input lock-timeout-seconds). Nothing was written to the registry; ` +
        'run the job again once that run has finished (a re-run compares against the champion it leaves). ' +
        'If that run is no longer running, its lock is taken over after it expires.');
    function held(lockName, lockToken, expiresAt) {
        let released = false;
        return {
            name: lockName,
            token: lockToken,
            expiresAt,
            async ensureHeld(marginMs) {
                const left = expiresAt - now();
                if (left < marginMs) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`The promotion lock '${lockName}' expires in ${seconds(Math.max(0, left))}s, less than the ` +
                        `${seconds(marginMs)}s one more registry write may take; stopping before the alias write so that ` +
                        'no other run can write at the same time.');
                }
                const current = await client.getRegisteredModel(lockName);
                const info = current && lockInfoOf(current);
                if (info?.token !== lockToken) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`The promotion lock '${lockName}' is no longer this run's (${info ? `now held by ${info.owner} since ${info.startedAt}` : 'it was deleted'}); ` +
                        'stopping before the alias write.');
                }
            },
            async release() {
                if (released)
                    return;
                released = true;
                try {
                    const outcome = await deleteInstance(client, naming, lockName, lockToken, owner);
                    if (outcome === 'marker-exists') {
                        warn(`The promotion lock '${lockName}' expired before this run released it and another run is taking it over.`);
                    }
                    else {
                        log(`Released the promotion lock '${lockName}'.`);
                    }
                }
                catch (error) {
                    warn(`Could not release the promotion lock '${lockName}' (${describeError(error)}); ` +
                        `it expires at ${new Date(expiresAt).toISOString()}, after which the next run takes it over.`);
                }
            }
        };
    }
}
/**
 * Deletes the lock instance carrying `token`, and only that one: first the
 * marker `<lock>.release-<token>` (unique, so one deleter per instance),
 * then a re-read (the instance may already be gone), then the delete, then
 * the marker. See the header for why this closes the window.
 */
async function deleteInstance(client, naming, lockName, token, owner) {
    const marker = naming.markerNameOf(lockName, token);
    try {
        await client.createRegisteredModel(marker, {
            description: `Release marker of the champion-gate lock '${lockName}' (token ${token}); deleted right after the lock.`,
            tags: { [TAG.owner]: owner }
        });
    }
    catch (error) {
        if (isAlreadyExists(error))
            return 'marker-exists';
        throw error;
    }
    let outcome = 'gone';
    try {
        const current = await client.getRegisteredModel(lockName);
        const info = current && lockInfoOf(current);
        if (info?.token === token &&
            (current?.latest_versions ?? []).length === 0) {
            try {
                await client.deleteRegisteredModel(lockName);
            }
            catch (error) {
                if (!isMissing(error))
                    throw error;
            }
            outcome = 'deleted';
        }
    }
    finally {
        await client.deleteRegisteredModel(marker).catch(() => undefined);
    }
    return outcome;
}
function seconds(ms) {
    return (ms / 1000).toFixed(0);
}


/***/ }),

/***/ 635:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MA: () => (/* binding */ displayTrackingUri),
/* harmony export */   bx: () => (/* binding */ baseOf),
/* harmony export */   f$: () => (/* binding */ parseHttpUrl),
/* harmony export */   lh: () => (/* binding */ modelVersionUrl),
/* harmony export */   qk: () => (/* binding */ basicAuthFromUserinfo),
/* harmony export */   y5: () => (/* binding */ resolveTrackingConnection)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1881);
/**
 * Where the tracking server is and how to authenticate to it: the tracking
 * URI and credentials resolved from the inputs and MLflow's environment
 * variables (`resolveTrackingConnection`), and the URI made fit to print or
 * to link. Pure: the shell (src/registry/connect.ts) masks the secrets it
 * returns and builds the client from it. Credentials inside a URI are found
 * by src/registry/tracking-uri.ts before anything parses it.
 */


/**
 * The MLflow UI page of a model version,
 * `<base>/#/models/<name>/versions/<v>`, without credentials.
 */
function modelVersionUrl(trackingUri, name, version) {
    const { scheme, rest } = (0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .splitUserinfo */ .Gw)(trackingUri);
    const base = baseOf(parseHttpUrl(`${scheme}${rest}`));
    return `${base}/#/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`;
}
/**
 * The tracking URI fit to print: no userinfo (cut before parsing, so an
 * unparsable URI loses it too), query or fragment. A URI is never printed
 * as given.
 */
function displayTrackingUri(trackingUri) {
    const { scheme, rest } = (0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .splitUserinfo */ .Gw)(trackingUri.trim());
    const stripped = `${scheme}${rest}`;
    try {
        const url = new URL(stripped);
        if (url.protocol === 'http:' || url.protocol === 'https:') {
            return baseOf(url);
        }
    }
    catch {
        // Not a URL: shown without userinfo, query and fragment all the same.
    }
    return stripped.replace(/[?#][\s\S]*$/, '');
}
/**
 * Resolves the tracking server with MLflow's conventions: inputs first, then
 * `MLFLOW_TRACKING_URI`, `MLFLOW_TRACKING_USERNAME` + `MLFLOW_TRACKING_PASSWORD`
 * (Basic; MLflow prefers them to a token when both are set) and
 * `MLFLOW_TRACKING_TOKEN` (Bearer). `databricks` or `databricks://<profile>`
 * means `DATABRICKS_HOST` + `DATABRICKS_TOKEN` (profiles in ~/.databrickscfg
 * are not read). Only called when the mode needs the registry, so an empty
 * or local (`file:`, database) URI is an error naming the input. Pure.
 */
function resolveTrackingConnection(inputs, env) {
    const given = (value) => value?.trim() ? value.trim() : undefined;
    const token = given(inputs.token);
    const username = given(inputs.username);
    const password = inputs.password ? inputs.password : undefined;
    const secrets = new Set();
    for (const secret of [
        token,
        password,
        env.MLFLOW_TRACKING_TOKEN,
        env.MLFLOW_TRACKING_PASSWORD,
        env.DATABRICKS_TOKEN,
        // Basic auth puts user:pass on the wire in Base64: mask that form too.
        username && password && (0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .basicHeaderValue */ .$X)(username, password),
        env.MLFLOW_TRACKING_USERNAME &&
            env.MLFLOW_TRACKING_PASSWORD &&
            (0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .basicHeaderValue */ .$X)(env.MLFLOW_TRACKING_USERNAME.trim(), env.MLFLOW_TRACKING_PASSWORD),
        ...(0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .uriSecrets */ .uP)(inputs.trackingUri),
        ...(0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .uriSecrets */ .uP)(env.MLFLOW_TRACKING_URI),
        ...(0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .uriSecrets */ .uP)(env.DATABRICKS_HOST)
    ]) {
        if (secret)
            secrets.add(secret);
    }
    const finish = (trackingUri, auth) => ({ trackingUri, auth, secrets: [...secrets] });
    const fromInput = given(inputs.trackingUri);
    const uri = fromInput ?? given(env.MLFLOW_TRACKING_URI);
    const origin = fromInput ? '' : ' (from MLFLOW_TRACKING_URI)';
    // Printed in errors: without credentials, query or fragment.
    const shown = uri === undefined ? '' : displayTrackingUri(uri);
    if (uri === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tracking-uri', 'is required to reach the MLflow Model Registry; set it (or MLFLOW_TRACKING_URI) to the tracking server, e.g. https://mlflow.example.com.');
    }
    if (token && (username || password)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tracking-token', "set either 'tracking-token' or 'tracking-username' + 'tracking-password', not both.");
    }
    if (username && !password) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tracking-password', "is required with 'tracking-username'.");
    }
    if (password && !username) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tracking-username', "is required with 'tracking-password'.");
    }
    const inputAuth = token
        ? { kind: 'bearer', token }
        : username && password
            ? { kind: 'basic', username, password }
            : undefined;
    // Databricks: the workspace registry's `/api/2.0/mlflow/...` endpoints are
    // used as they are. Unity Catalog (`databricks-uc`) is a registry URI, not
    // a tracking URI (src/registry/databricks-connection.ts selects it).
    if (/^databricks-uc(:|$)/i.test(uri)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tracking-uri', `'${shown}'${origin} is a registry URI, not a tracking URI: set registry-uri: databricks-uc (or leave it empty with tracking-uri: databricks) for Unity Catalog.`);
    }
    const split = (0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .splitUserinfo */ .Gw)(uri);
    if (/^databricks$/i.test(uri) ||
        (/^databricks:\/\/$/i.test(split.scheme) && !split.rest.includes('/'))) {
        const host = given(env.DATABRICKS_HOST);
        if (!host) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tracking-uri', `'${shown}'${origin} needs DATABRICKS_HOST (and DATABRICKS_TOKEN) in the environment; profiles in ~/.databrickscfg are not read.`);
        }
        const databricksToken = token ?? given(env.DATABRICKS_TOKEN);
        if (!databricksToken) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('tracking-token', `is required for '${shown}'${origin}: set it or DATABRICKS_TOKEN.`);
        }
        // Credentials in DATABRICKS_HOST are masked (above) and not used.
        const hostSplit = (0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .splitUserinfo */ .Gw)(host);
        const hostUrl = `${hostSplit.scheme || 'https://'}${hostSplit.rest}`;
        return finish(withoutUserinfo(parseHttpUrl(hostUrl, 'tracking-uri')), inputAuth ?? { kind: 'bearer', token: databricksToken });
    }
    const url = parseHttpUrl(`${split.scheme}${split.rest}`, 'tracking-uri', origin);
    const fromUserinfo = basicAuthFromUserinfo(split.userinfo);
    const envUser = given(env.MLFLOW_TRACKING_USERNAME);
    const envPassword = env.MLFLOW_TRACKING_PASSWORD || undefined;
    const envToken = given(env.MLFLOW_TRACKING_TOKEN);
    const envAuth = envUser && envPassword
        ? { kind: 'basic', username: envUser, password: envPassword }
        : envToken
            ? { kind: 'bearer', token: envToken }
            : undefined;
    return finish(withoutUserinfo(url), inputAuth ?? fromUserinfo ?? envAuth);
}
/**
 * Parses an http(s) URL or throws: an `InputError` for `input` when given
 * (local stores get their own hint), else a `UserError`.
 */
function parseHttpUrl(uri, input, origin = '') {
    let url;
    try {
        url = new URL(uri);
    }
    catch {
        url = undefined;
    }
    if (url?.protocol === 'http:' || url?.protocol === 'https:')
        return url;
    const server = "the Model Registry needs an MLflow tracking server (start one with 'mlflow server' and give its http(s) URL).";
    // No scheme, file: or a Windows drive letter: MLflow's local file store.
    const detail = url === undefined ||
        url.protocol === 'file:' ||
        /^[a-z]:$/i.test(url.protocol)
        ? `is a local path or file: store; ${server}`
        : /^(sqlite|postgresql|mysql|mssql)/i.test(url.protocol)
            ? `is a database store; ${server}`
            : 'is not the http(s) URL of an MLflow tracking server.';
    const shown = `'${displayTrackingUri(uri)}'${origin}`;
    throw input
        ? new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${shown} ${detail}`)
        : new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`Tracking URI ${shown} ${detail}`);
}
/** Origin plus path prefix, without userinfo, query, fragment or trailing slash. */
function baseOf(url) {
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
function withoutUserinfo(url) {
    const copy = new URL(url);
    copy.username = '';
    copy.password = '';
    return copy.toString();
}
/**
 * Basic auth from a raw userinfo, as requests takes it from a URL
 * (`http://TOKEN@host` is the username TOKEN with an empty password).
 */
function basicAuthFromUserinfo(userinfo) {
    if (!userinfo)
        return undefined;
    return { kind: 'basic', ...(0,_tracking_uri_js__WEBPACK_IMPORTED_MODULE_1__/* .userinfoCredentials */ .sd)(userinfo) };
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

//# sourceMappingURL=804.index.js.map