export const id = 204;
export const ids = [204,854];
export const modules = {

/***/ 204:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runRollbackMode: () => (/* binding */ runRollbackMode)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6257);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _registry_connect_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1854);
/* harmony import */ var _registry_evidence_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5690);
/* harmony import */ var _report_build_report_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4417);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(311);
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3564);
/* harmony import */ var _shared_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1073);
/**
 * `mode: rollback` (for workflow_dispatch): move the champion alias back in
 * one step, to `rollback-to` or, by default, to the version under the
 * previous-champion alias; the version rolled back from becomes the
 * previous champion, so a second rollback undoes the first. Checks the
 * target exists and is READY before writing anything.
 */









async function runRollbackMode(inputs, env, run) {
    // A pull request never writes to the registry (see gate-mode.ts).
    const pullRequestEvent = (0,_run_context_js__WEBPACK_IMPORTED_MODULE_6__/* .pullRequestEventOf */ .i_)(env, (path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path, 'utf8'));
    if (pullRequestEvent) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('mode', `rollback moves @${inputs['champion-alias']} and is not run from a ${pullRequestEvent} event; trigger it with workflow_dispatch (see examples/workflows/rollback.yml)`);
    }
    const name = (0,_shared_js__WEBPACK_IMPORTED_MODULE_5__/* .requireInput */ .oN)(inputs, 'model-name', 'the registered model whose champion alias is rolled back');
    (0,_shared_js__WEBPACK_IMPORTED_MODULE_5__/* .checkRegistryNames */ .U7)(inputs, name);
    const registry = (0,_registry_connect_js__WEBPACK_IMPORTED_MODULE_3__.connectRegistry)(inputs, env);
    const { client } = registry;
    const championAlias = inputs['champion-alias'];
    const previousAlias = inputs['previous-champion-alias'];
    if (!(await client.getRegisteredModel(name))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('model-name', `there is no registered model '${name}' at ${registry.shownUri}`);
    }
    const current = await client.getModelVersionByAlias(name, championAlias);
    if (!current) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GateError */ .ue(`'${name}' has no @${championAlias} at ${registry.shownUri}: there is nothing to roll back`);
    }
    let target;
    if (inputs['rollback-to']) {
        target = await client.getModelVersion(name, inputs['rollback-to']);
        if (!target) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('rollback-to', `'${name}' has no version ${inputs['rollback-to']} at ${registry.shownUri}`);
        }
    }
    else {
        target = await client.getModelVersionByAlias(name, previousAlias);
        if (!target) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('rollback-to', `'${name}' has no @${previousAlias} to roll back to (no earlier champion was recorded); give the version to restore in rollback-to`);
        }
    }
    if (target.status && target.status !== 'READY') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GateError */ .ue(`Cannot roll back to v${target.version}: its status is ${target.status}, not READY`);
    }
    const ref = (version) => (0,_report_build_report_js__WEBPACK_IMPORTED_MODULE_4__/* .versionRef */ .qm)(name, version, registry.versionUrl(name, version));
    const aliasReport = (decision, notes) => (0,_report_build_report_js__WEBPACK_IMPORTED_MODULE_4__/* .buildAliasReport */ .zW)({
        mode: 'rollback',
        modelName: name,
        decision,
        notes,
        candidate: ref(target.version),
        champion: ref(current.version),
        registry: (0,_report_build_report_js__WEBPACK_IMPORTED_MODULE_4__/* .registryOutcome */ .Kp)({
            trackingUri: registry.shownUri,
            championAlias,
            previousChampionAlias: previousAlias,
            championVersion: current.version
        }),
        run,
        toolVersion: _version_js__WEBPACK_IMPORTED_MODULE_7__/* .VERSION */ .x,
        now: new Date()
    });
    if (target.version === current.version) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`v${target.version} already is @${championAlias}: nothing to roll back.`);
        return aliasReport('unchanged', [
            `v${target.version} already is @${championAlias}; nothing was changed.`
        ]);
    }
    const report = aliasReport('rollback', [
        `Reason: ${inputs.reason ?? 'none given'}`
    ]);
    const written = [];
    const from = current.version;
    const to = target.version;
    const { lock, writeMarginMs } = await (0,_shared_js__WEBPACK_IMPORTED_MODULE_5__/* .takePromotionLock */ .iG)(client, inputs, name, run);
    try {
        // Under the lock: a gate (or another rollback) may have moved @champion
        // since it was read above.
        const now = await client.getModelVersionByAlias(name, championAlias);
        if (now?.version !== current.version) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GateError */ .ue(`@${championAlias} of '${name}' moved from v${current.version} to ${now ? `v${now.version}` : 'nothing'} while this rollback prepared; ` +
                'another run changed it first. Nothing was written to the registry; run the rollback again if it is still wanted.');
        }
        await writeRollback();
    }
    finally {
        if (written.length > 0)
            report.registry.written = written;
        await lock.release();
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Rolled back: @${championAlias} of '${name}' is v${target.version} again (was v${current.version}).`);
    return report;
    async function writeRollback() {
        try {
            await lock.ensureHeld(writeMarginMs);
            await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`Roll back @${championAlias} of '${name}' from v${from} to v${to}`, async () => {
                await client.setAlias(name, previousAlias, from);
                written.push(`@${previousAlias} → v${from}`);
                report.registry.previous_champion_version = from;
                await client.setAlias(name, championAlias, to);
                written.push(`@${championAlias} → v${to}`);
                report.registry.alias_moved = true;
                report.registry.new_champion_version = to;
                for (const [key, value] of Object.entries((0,_registry_evidence_js__WEBPACK_IMPORTED_MODULE_8__/* .rollbackTags */ .yW)(report, inputs.reason, 'to'))) {
                    await client.setModelVersionTag(name, to, key, value);
                }
                for (const [key, value] of Object.entries((0,_registry_evidence_js__WEBPACK_IMPORTED_MODULE_8__/* .rollbackTags */ .yW)(report, inputs.reason, 'from'))) {
                    await client.setModelVersionTag(name, from, key, value);
                }
                written.push('rollback tags on both versions');
            });
        }
        catch (error) {
            throw (0,_shared_js__WEBPACK_IMPORTED_MODULE_5__/* .halfwayError */ .b4)(error, written, report.registry.alias_moved
                ? 'The rollback itself is done; only the tags are missing.'
                : `To finish, run the rollback again with rollback-to: ${to}.`);
        }
    }
}


/***/ }),

/***/ 1854:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectRegistry: () => (/* binding */ connectRegistry)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/registry/dispatcher.ts
/**
 * The network under the registry client: which proxy a request goes through
 * and which TLS certificates it trusts or presents, from the same environment
 * variables MLflow's Python client (requests) reads, so a runner set up for
 * `mlflow` works for this action unchanged.
 *
 * Proxies (requests' `trust_env`, and `@actions/http-client`):
 * - `https_proxy` / `HTTPS_PROXY` for https tracking URIs, `http_proxy` /
 *   `HTTP_PROXY` for http ones, and only so: an https server with only
 *   HTTP_PROXY set is reached directly, as requests and @actions/http-client
 *   do (undici's own EnvHttpProxyAgent would fall back to HTTP_PROXY). The
 *   lower-case name wins when both are set, as in requests. `ALL_PROXY` is
 *   not read. Credentials in the proxy URL go as Proxy-Authorization.
 * - `no_proxy` / `NO_PROXY`: comma- or space-separated hosts, `host:port`,
 *   `.example.com` or `*.example.com` (the domain and its subdomains), and
 *   `*` alone (no proxy at all): undici's `EnvHttpProxyAgent` rules.
 *   Differences from requests: no CIDR ranges (`10.0.0.0/8` is matched as a
 *   host name, so never), and a bare `example.com` matches `x.example.com`
 *   but not `badexample.com` (requests' plain suffix test matches both).
 *   Unlike `@actions/http-client`, loopback hosts are proxied unless
 *   NO_PROXY names them, as requests does.
 * - An http tracking URI goes through the proxy as an absolute-URI request
 *   (`GET http://host/...`), as requests sends it; proxies that allow
 *   CONNECT only to port 443 (squid's default) accept that. An https one
 *   goes through a CONNECT tunnel, with TLS end to end.
 *
 * TLS (MLflow's `MLFLOW_TRACKING_*` variables, which set requests' `verify`
 * and `cert`):
 * - verified by default against Node's roots plus `NODE_EXTRA_CA_CERTS`;
 * - `MLFLOW_TRACKING_SERVER_CERT_PATH`: a PEM bundle that becomes the ONLY
 *   trusted roots, as requests' `verify=<path>` does (so NODE_EXTRA_CA_CERTS
 *   and the public roots no longer apply while it is set); without it,
 *   `REQUESTS_CA_BUNDLE` or `CURL_CA_BUNDLE` play that part, as requests
 *   reads them when `verify` is left True;
 * - `MLFLOW_TRACKING_CLIENT_CERT_PATH`: one PEM file holding the client
 *   certificate and its private key, as requests' `cert=<path>` takes it;
 * - `MLFLOW_TRACKING_INSECURE_TLS=true`: no verification (a warning says so);
 *   MLflow refuses it together with a server cert path, and so does this.
 */



/** The first non-empty value among the names, lower case first as requests reads them. */
function fromEnv(env, name) {
    for (const key of [name.toLowerCase(), name.toUpperCase()]) {
        const value = env[key]?.trim();
        if (value)
            return value;
    }
    return undefined;
}
/**
 * Reads the proxy and TLS variables; `readFile` reads the certificate files
 * (injected by tests). Throws a `GateError` naming the variable when a file
 * cannot be read or holds no certificate.
 */
function networkSettings(env, readFile = (path) => (0,external_node_fs_.readFileSync)(path, 'utf8')) {
    const warnings = [];
    const secrets = [];
    const httpProxy = fromEnv(env, 'http_proxy');
    const httpsProxy = fromEnv(env, 'https_proxy');
    for (const proxy of [httpProxy, httpsProxy]) {
        const password = proxyPassword(proxy);
        if (password)
            secrets.push(password, safeDecode(password));
    }
    // requests reads no_proxy before NO_PROXY; an empty one means "none".
    const noProxy = env.no_proxy ?? env.NO_PROXY;
    // requests takes REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE, when MLflow leaves verify=True.
    const caVariable = [
        'MLFLOW_TRACKING_SERVER_CERT_PATH',
        'REQUESTS_CA_BUNDLE',
        'CURL_CA_BUNDLE'
    ].find((name) => env[name]?.trim());
    const serverCertPath = caVariable && env[caVariable]?.trim();
    const clientCertPath = env.MLFLOW_TRACKING_CLIENT_CERT_PATH?.trim();
    const insecure = /^(true|1)$/i.test(env.MLFLOW_TRACKING_INSECURE_TLS?.trim() ?? '');
    if (insecure && env.MLFLOW_TRACKING_SERVER_CERT_PATH?.trim()) {
        // MLflow's own client raises the same conflict (rest_utils.http_request).
        throw new errors/* GateError */.ue('MLFLOW_TRACKING_INSECURE_TLS=true and MLFLOW_TRACKING_SERVER_CERT_PATH are both set: unset one (MLflow refuses the pair too).');
    }
    const tls = { rejectUnauthorized: !insecure };
    if (insecure) {
        warnings.push('MLFLOW_TRACKING_INSECURE_TLS=true: the tracking server’s TLS certificate is not verified, so anyone on the network path can read the credentials and change what the registry answers. Set MLFLOW_TRACKING_SERVER_CERT_PATH to its CA bundle instead.');
    }
    // Insecure wins over a requests bundle, as verify=False does in requests.
    if (caVariable && serverCertPath && !insecure) {
        const pem = readPem(caVariable, serverCertPath, readFile);
        if (!/-----BEGIN (TRUSTED )?CERTIFICATE-----/.test(pem)) {
            throw new errors/* GateError */.ue(`${caVariable}: '${serverCertPath}' holds no PEM certificate ('-----BEGIN CERTIFICATE-----'); give the CA bundle that signed the tracking server's certificate.`);
        }
        tls.ca = pem;
    }
    if (clientCertPath) {
        const pem = readPem('MLFLOW_TRACKING_CLIENT_CERT_PATH', clientCertPath, readFile);
        if (!/-----BEGIN CERTIFICATE-----/.test(pem)) {
            throw new errors/* GateError */.ue(`MLFLOW_TRACKING_CLIENT_CERT_PATH: '${clientCertPath}' holds no PEM certificate; give one file with the client certificate and its private key, as MLflow's client (requests' cert=) takes it.`);
        }
        if (!/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
            throw new errors/* GateError */.ue(`MLFLOW_TRACKING_CLIENT_CERT_PATH: '${clientCertPath}' holds a certificate but no private key; put the key (unencrypted PEM) in the same file, as MLflow's client (requests' cert=) needs it.`);
        }
        // One file for both: OpenSSL picks the certificate blocks for `cert` and the key block for `key`.
        tls.cert = pem;
        tls.key = pem;
    }
    return {
        httpProxy,
        httpsProxy,
        noProxy,
        tls,
        caVariable: tls.ca === undefined ? undefined : caVariable,
        warnings,
        secrets
    };
}
/**
 * The undici dispatcher for these settings, or undefined when nothing is set
 * (undici's global dispatcher then applies, which tests replace with a
 * `MockAgent`).
 */
function createDispatcher(settings, trackingUri) {
    const { noProxy, tls } = settings;
    // The client talks to one server, so its scheme picks the one proxy variable.
    const proxy = proxyFor(settings, trackingUri);
    const customTls = tls.ca !== undefined || tls.cert !== undefined || !tls.rejectUnauthorized;
    // Only the TLS options that are set: `ca: undefined` would still be passed to tls.connect.
    const connect = Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== undefined));
    if (!proxy) {
        return customTls ? new undici/* Agent */.g6({ connect }) : undefined;
    }
    // EnvHttpProxyAgent for its NO_PROXY rules; explicit values, so it does not read process.env.
    return new undici/* EnvHttpProxyAgent */.J2({
        httpProxy: proxy,
        httpsProxy: proxy,
        noProxy: noProxy ?? '',
        connect,
        // Through a proxy the target's TLS runs inside the CONNECT tunnel.
        requestTls: connect,
        // http targets as absolute-URI requests, like requests (see the header).
        proxyTunnel: false
    });
}
/** The proxy variable's value that applies to the tracking URI's scheme. */
function proxyFor(settings, trackingUri) {
    return /^https:/i.test(trackingUri) ? settings.httpsProxy : settings.httpProxy;
}
/** How the network was set up, for `core.info` (no credentials). */
function describeNetwork(settings, trackingUri) {
    const lines = [];
    const proxy = proxyFor(settings, trackingUri);
    if (proxy) {
        let shown;
        try {
            shown = new URL(proxy).origin;
        }
        catch {
            shown = '(an unparsable proxy URL)';
        }
        lines.push(`proxy ${shown}${settings.noProxy ? ` unless NO_PROXY (${settings.noProxy}) names the host` : ''}`);
    }
    if (settings.tls.ca)
        lines.push(`CA bundle from ${settings.caVariable}`);
    if (settings.tls.cert) {
        lines.push('client certificate from MLFLOW_TRACKING_CLIENT_CERT_PATH');
    }
    return lines;
}
function readPem(variable, path, readFile) {
    try {
        return readFile(path);
    }
    catch (error) {
        const code = error.code;
        throw new errors/* GateError */.ue(`${variable}: cannot read '${path}' (${typeof code === 'string' ? code : String(error)}).`, { cause: error });
    }
}
function proxyPassword(proxy) {
    if (!proxy)
        return undefined;
    try {
        return new URL(proxy).password || undefined;
    }
    catch {
        // Unparsable: mask whatever sits between ':' and '@' in the authority.
        return /^[^:/]*:\/\/[^:@/]*:([^@]*)@/.exec(proxy)?.[1] || undefined;
    }
}
function safeDecode(part) {
    try {
        return decodeURIComponent(part);
    }
    catch {
        return part;
    }
}

// EXTERNAL MODULE: ./src/registry/mlflow-client.ts + 3 modules
var mlflow_client = __webpack_require__(9530);
// EXTERNAL MODULE: ./src/registry/tracking-connection.ts
var tracking_connection = __webpack_require__(635);
;// CONCATENATED MODULE: ./src/registry/connect.ts
/**
 * Builds the registry client from the inputs and the environment, with
 * every credential masked first. The one place the shell meets MLflow's
 * connection conventions.
 */





function connectRegistry(inputs, env) {
    const connection = (0,tracking_connection/* resolveTrackingConnection */.y5)({
        trackingUri: inputs['tracking-uri'],
        token: inputs['tracking-token'],
        username: inputs['tracking-username'],
        password: inputs['tracking-password']
    }, env);
    const network = networkSettings(env);
    for (const secret of [...connection.secrets, ...network.secrets]) {
        core/* setSecret */.Pq(secret);
    }
    for (const warning of network.warnings)
        core/* warning */.$e(warning);
    const described = describeNetwork(network, connection.trackingUri);
    if (described.length > 0)
        core/* info */.pq(`Network: ${described.join('; ')}.`);
    const client = new mlflow_client/* MlflowClient */.p({
        trackingUri: connection.trackingUri,
        auth: connection.auth,
        userAgent: `champion-gate/${version/* VERSION */.x}`,
        timeoutMs: inputs['request-timeout-seconds'] * 1000,
        maxAttempts: inputs['retry-max-attempts'],
        maxRetryMs: inputs['retry-max-seconds'] * 1000,
        dispatcher: createDispatcher(network, connection.trackingUri),
        log: (message) => core/* info */.pq(message)
    });
    return {
        client,
        connection,
        shownUri: (0,tracking_connection/* displayTrackingUri */.MA)(connection.trackingUri),
        versionUrl: (name, version) => (0,tracking_connection/* modelVersionUrl */.lh)(connection.trackingUri, name, version),
        scoringEnvironment: (env) => scoringEnvironment(connection, env)
    };
}
/** MLFLOW_TRACKING_* for a child process, so it reaches the same registry. */
function scoringEnvironment(connection, env) {
    const auth = connection.auth;
    const child = {
        ...env,
        MLFLOW_TRACKING_URI: connection.trackingUri
    };
    if (auth?.kind === 'bearer')
        child.MLFLOW_TRACKING_TOKEN = auth.token;
    if (auth?.kind === 'basic') {
        child.MLFLOW_TRACKING_USERNAME = auth.username;
        child.MLFLOW_TRACKING_PASSWORD = auth.password;
    }
    return child;
}


/***/ }),

/***/ 5690:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C_: () => (/* binding */ TAG_PREFIX),
/* harmony export */   Kd: () => (/* binding */ evaluationTags),
/* harmony export */   Q1: () => (/* binding */ staleEvaluationTagKeys),
/* harmony export */   qe: () => (/* binding */ rolledBackFrom),
/* harmony export */   yW: () => (/* binding */ rollbackTags)
/* harmony export */ });
/**
 * The evidence the gate records on model versions as tags: what was
 * decided, on which figures, under which policy and test set, by which run.
 * Pure: a report in, tags out. Tag values are cut to MLflow's 5,000
 * characters.
 */
const TAG_PREFIX = 'champion_gate.';
const MAX_TAG_VALUE = 5000;
function tags(entries) {
    const result = {};
    for (const [key, value] of entries) {
        if (value === null || value === undefined || value === '')
            continue;
        result[`${TAG_PREFIX}${key}`] = String(value).slice(0, MAX_TAG_VALUE);
    }
    return result;
}
/**
 * Every evaluation tag with its value for this report; null where this
 * report has nothing to say (then an earlier run's tag of that key is
 * stale and is deleted, see `staleEvaluationTagKeys`).
 */
function evaluationEntries(report) {
    const candidate = report.candidate.metrics;
    // A champion figure only with the registered champion it belongs to: a
    // champion-predictions file for a model the registry does not hold as
    // the champion is no champion's evidence.
    const champion = report.champion?.version ? report.champion : undefined;
    return [
        ['decision', report.decision],
        ['reasons', report.reasons.join(' ')],
        ['net_benefit', candidate.net_benefit_exact],
        ['f1', candidate.f1],
        ['precision', candidate.precision],
        ['recall', candidate.recall],
        ['champion_version', champion?.version],
        ['champion_net_benefit', champion?.metrics.net_benefit_exact],
        ['champion_f1', champion?.metrics.f1],
        ['threshold', report.candidate.threshold?.value ?? report.policy.threshold],
        ['champion_threshold', champion?.threshold?.value],
        ['segment_column', report.policy.segment_column],
        [
            'max_segment_loss',
            report.policy.segment_column
                ? (report.policy.max_segment_loss_exact ?? 'off')
                : undefined
        ],
        // Where the candidate falls furthest behind the champion it replaces.
        ['worst_segment', champion && report.segments?.groups[0]?.value],
        [
            'worst_segment_delta',
            champion && report.segments?.groups[0]?.delta_net_benefit_exact
        ],
        ['cost_model', report.policy.cost_model],
        ['min_net_benefit', report.policy.min_net_benefit_exact ?? 'off'],
        ['min_f1', report.policy.min_f1 ?? 'off'],
        ['min_improvement', report.policy.min_improvement_exact],
        ['test_set_sha256', report.test_set.sha256],
        ['test_set_rows', report.test_set.rows],
        ...runTags(report)
    ];
}
/** Tags for the candidate version after an evaluation by the gate. */
function evaluationTags(report) {
    return tags(evaluationEntries(report));
}
/**
 * The evaluation tags a version carries from an earlier verdict that this
 * report does not set (e.g. an old reject's `reasons` next to a new
 * promote, or champion figures when there is no champion now): each
 * verdict replaces the whole set it owns. Rollback tags are not the
 * evaluation's and are kept.
 */
function staleEvaluationTagKeys(existing, report) {
    const fresh = evaluationTags(report);
    return evaluationEntries(report)
        .map(([key]) => `${TAG_PREFIX}${key}`)
        .filter((key) => key in existing && !(key in fresh));
}
const ROLLBACK_FROM_PREFIX = `${TAG_PREFIX}rollback_from.`;
/**
 * When a rollback moved the champion away from this version: the rollback's
 * run, time and reason from its tags; undefined otherwise.
 */
function rolledBackFrom(versionTags) {
    if (!Object.keys(versionTags).some((k) => k.startsWith(ROLLBACK_FROM_PREFIX)))
        return undefined;
    return {
        at: versionTags[`${ROLLBACK_FROM_PREFIX}at`],
        runUrl: versionTags[`${ROLLBACK_FROM_PREFIX}run_url`],
        reason: versionTags[`${ROLLBACK_FROM_PREFIX}reason`]
    };
}
/** Tags recording a rollback, on the version rolled back to and the one rolled back from. */
function rollbackTags(report, reason, role) {
    return tags([
        [`rollback_${role}.reason`, reason ?? 'no reason given'],
        [
            `rollback_${role}.other_version`,
            role === 'to' ? report.champion?.version : report.candidate.version
        ],
        ...runTags(report).map(([key, value]) => [
            `rollback_${role}.${key}`,
            value
        ])
    ]);
}
function runTags(report) {
    return [
        ['commit', report.run.sha],
        ['run_url', report.run.run_url],
        ['actor', report.run.actor],
        ['repository', report.run.repository],
        ['at', report.created_at]
    ];
}


/***/ })

};

//# sourceMappingURL=204.index.js.map