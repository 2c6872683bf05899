export const id = 873;
export const ids = [873];
export const modules = {

/***/ 8873:
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
 * (injected by tests). Throws a `UserError` naming the variable when a file
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
        throw new errors/* UserError */.yo('MLFLOW_TRACKING_INSECURE_TLS=true and MLFLOW_TRACKING_SERVER_CERT_PATH are both set: unset one (MLflow refuses the pair too).');
    }
    const tls = { rejectUnauthorized: !insecure };
    if (insecure) {
        warnings.push('MLFLOW_TRACKING_INSECURE_TLS=true: the tracking server’s TLS certificate is not verified, so anyone on the network path can read the credentials and change what the registry answers. Set MLFLOW_TRACKING_SERVER_CERT_PATH to its CA bundle instead.');
    }
    // Insecure wins over a requests bundle, as verify=False does in requests.
    if (caVariable && serverCertPath && !insecure) {
        const pem = readPem(caVariable, serverCertPath, readFile);
        if (!/-----BEGIN (TRUSTED )?CERTIFICATE-----/.test(pem)) {
            throw new errors/* UserError */.yo(`${caVariable}: '${serverCertPath}' holds no PEM certificate ('-----BEGIN CERTIFICATE-----'); give the CA bundle that signed the tracking server's certificate.`);
        }
        tls.ca = pem;
    }
    if (clientCertPath) {
        const pem = readPem('MLFLOW_TRACKING_CLIENT_CERT_PATH', clientCertPath, readFile);
        if (!/-----BEGIN CERTIFICATE-----/.test(pem)) {
            throw new errors/* UserError */.yo(`MLFLOW_TRACKING_CLIENT_CERT_PATH: '${clientCertPath}' holds no PEM certificate; give one file with the client certificate and its private key, as MLflow's client (requests' cert=) takes it.`);
        }
        if (!/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
            throw new errors/* UserError */.yo(`MLFLOW_TRACKING_CLIENT_CERT_PATH: '${clientCertPath}' holds a certificate but no private key; put the key (unencrypted PEM) in the same file, as MLflow's client (requests' cert=) needs it.`);
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
        throw new errors/* UserError */.yo(`${variable}: cannot read '${path}' (${typeof code === 'string' ? code : String(error)}).`, { cause: error });
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

// EXTERNAL MODULE: ./src/registry/tracking-uri.ts
var tracking_uri = __webpack_require__(1881);
// EXTERNAL MODULE: ./src/registry/http-transport.ts
var http_transport = __webpack_require__(4795);
// EXTERNAL MODULE: ./src/registry/tracking-connection.ts
var tracking_connection = __webpack_require__(635);
;// CONCATENATED MODULE: ./src/registry/databricks-connection.ts
/**
 * Which registry a run talks to, and how it authenticates to Databricks.
 *
 * Registry selection follows MLflow 3: input `registry-uri`, else
 * `MLFLOW_REGISTRY_URI`; when both are empty and the tracking URI is
 * `databricks` or `databricks://<profile>`, the registry is Unity Catalog
 * (MLflow 3 made `databricks-uc` the default there). `databricks-uc` (or
 * `databricks-uc://<profile>`) selects Unity Catalog explicitly;
 * `databricks` as the registry URI selects the legacy workspace registry.
 * Profiles in ~/.databrickscfg are not read: the host and credentials come
 * from the environment, as in CI.
 *
 * Authentication as Databricks documents it (and databricks-sdk 0.167
 * implements it): a personal access token (DATABRICKS_TOKEN); OAuth M2M for
 * a service principal (DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET,
 * `client_credentials` at `<host>/oidc/v1/token` with Basic client auth and
 * scope `all-apis`); GitHub OIDC workload identity federation
 * (DATABRICKS_CLIENT_ID and the job's `id-token: write`: GitHub's ID token
 * is exchanged at the same endpoint with RFC 8693 token exchange). The
 * resolution is pure; `DatabricksTokenSource` does the token requests.
 */




/** `databricks`, `databricks://<profile>` (userinfo cut first: a password may hold '/'). */
function isScheme(uri, scheme) {
    const { scheme: given, rest } = (0,tracking_uri/* splitUserinfo */.Gw)(uri);
    if (!given)
        return uri.toLowerCase() === scheme;
    return given.toLowerCase() === `${scheme}://` && !rest.includes('/');
}
/**
 * Picks the registry from `registry-uri` (or MLFLOW_REGISTRY_URI) and the
 * tracking URI (or MLFLOW_TRACKING_URI), as MLflow 3 does. Pure.
 */
function selectRegistry(inputs, env) {
    const given = (value) => value?.trim() ? value.trim() : undefined;
    const fromInput = given(inputs.registryUri);
    const registryUri = fromInput ?? given(env.MLFLOW_REGISTRY_URI);
    const trackingUri = given(inputs.trackingUri) ?? given(env.MLFLOW_TRACKING_URI);
    const origin = fromInput ? "input 'registry-uri'" : 'MLFLOW_REGISTRY_URI';
    if (registryUri === undefined) {
        if (trackingUri && isScheme(trackingUri, 'databricks')) {
            return {
                kind: 'unity-catalog',
                origin: "tracking URI 'databricks', whose default registry is Unity Catalog since MLflow 3"
            };
        }
        return { kind: 'mlflow', trackingUri };
    }
    if (isScheme(registryUri, 'databricks-uc')) {
        return { kind: 'unity-catalog', origin: `${origin} 'databricks-uc'` };
    }
    // The legacy workspace registry: MLflow's dialect against DATABRICKS_HOST.
    if (isScheme(registryUri, 'databricks')) {
        return { kind: 'mlflow', trackingUri: registryUri };
    }
    if (/^https?:\/\//i.test(registryUri)) {
        return { kind: 'mlflow', trackingUri: registryUri };
    }
    throw new errors/* InputError */.dz(fromInput ? 'registry-uri' : 'tracking-uri', `'${(0,tracking_uri/* splitUserinfo */.Gw)(registryUri).rest}' (${origin}) is not a registry this action speaks: use 'databricks-uc' (Unity Catalog), 'databricks' (the legacy workspace registry) or the http(s) URL of an MLflow server.`);
}
/** The workspace URL from DATABRICKS_HOST, and a warning when it is plain http. */
function databricksHost(env) {
    const raw = env.DATABRICKS_HOST?.trim();
    if (!raw) {
        throw new errors/* InputError */.dz('registry-uri', 'Unity Catalog needs DATABRICKS_HOST (the workspace URL, e.g. https://adb-123.4.azuredatabricks.net) in the environment; profiles in ~/.databrickscfg are not read.');
    }
    const { scheme, rest } = (0,tracking_uri/* splitUserinfo */.Gw)(raw);
    const url = (0,tracking_connection/* parseHttpUrl */.f$)(`${scheme || 'https://'}${rest}`, 'registry-uri');
    const host = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    return url.protocol === 'http:'
        ? {
            host,
            warning: `DATABRICKS_HOST is ${host}, plain http: tokens travel unencrypted. That is fine for a gateway on the runner or a test server, never for a workspace across a network.`
        }
        : { host };
}
/**
 * Picks the authentication from the environment, in databricks-sdk's
 * order (a PAT, then M2M, then GitHub OIDC) unless DATABRICKS_AUTH_TYPE
 * names one. `token` is input 'tracking-token' (a PAT). Pure.
 */
function resolveDatabricksAuth(token, env) {
    const given = (value) => value?.trim() ? value.trim() : undefined;
    const pat = given(token) ?? given(env.DATABRICKS_TOKEN);
    const clientId = given(env.DATABRICKS_CLIENT_ID);
    const clientSecret = given(env.DATABRICKS_CLIENT_SECRET);
    const oidcAvailable = Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    const type = given(env.DATABRICKS_AUTH_TYPE)?.toLowerCase();
    const audience = given(env.DATABRICKS_TOKEN_AUDIENCE);
    const none = 'set DATABRICKS_TOKEN (a personal access token), DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET (OAuth for a service principal), or DATABRICKS_CLIENT_ID with `permissions: id-token: write` on the job (GitHub OIDC workload identity federation)';
    if (type === 'pat' || (type === undefined && pat)) {
        if (!pat) {
            throw new errors/* InputError */.dz('tracking-token', 'DATABRICKS_AUTH_TYPE is pat but no token is set: set DATABRICKS_TOKEN or the input.');
        }
        return { kind: 'pat', token: pat };
    }
    if (type === 'oauth-m2m' ||
        (type === undefined && clientId && clientSecret)) {
        if (!clientId || !clientSecret) {
            throw new errors/* InputError */.dz('registry-uri', "DATABRICKS_AUTH_TYPE is oauth-m2m: set both DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET (the service principal's OAuth secret).");
        }
        return { kind: 'oauth-m2m', clientId, clientSecret };
    }
    if (type === 'github-oidc' || (type === undefined && clientId)) {
        if (!clientId) {
            throw new errors/* InputError */.dz('registry-uri', "GitHub OIDC federation needs DATABRICKS_CLIENT_ID: the service principal's application ID named in its federation policy.");
        }
        if (!oidcAvailable) {
            throw new errors/* InputError */.dz('registry-uri', "GitHub OIDC federation needs the job's ID token: add `permissions: id-token: write` to the job (ACTIONS_ID_TOKEN_REQUEST_URL is not set), or " +
                none.replace(/, or DATABRICKS_CLIENT_ID.*$/, '') +
                '.');
        }
        return { kind: 'github-oidc', clientId, audience };
    }
    if (type !== undefined) {
        throw new errors/* InputError */.dz('registry-uri', `DATABRICKS_AUTH_TYPE '${type}' is not one this action speaks (pat, oauth-m2m, github-oidc).`);
    }
    throw new errors/* InputError */.dz('registry-uri', `no Databricks credentials: ${none}.`);
}
/**
 * A bearer token for the workspace: the PAT as it is, or an OAuth token
 * fetched when first needed and fetched again before it expires (the last
 * minute of its life, or its last fifth when it is short-lived).
 */
class DatabricksTokenSource {
    auth;
    transport;
    options;
    held;
    pending;
    constructor(host, auth, options) {
        this.auth = auth;
        this.options = options;
        this.transport = new http_transport/* HttpTransport */.G5({
            ...options,
            trackingUri: host,
            // M2M: the client authenticates with Basic, as the SDK's use_header.
            auth: auth.kind === 'oauth-m2m'
                ? {
                    kind: 'basic',
                    username: auth.clientId,
                    password: auth.clientSecret
                }
                : undefined
        }, 'Databricks OAuth');
    }
    /** The token to send now. */
    async token() {
        if (this.auth.kind === 'pat')
            return this.auth.token;
        const now = (this.options.now ?? Date.now)();
        if (this.held && now < this.held.expiresAtMs)
            return this.held.value;
        // One request at a time, however many calls wait for it.
        this.pending ??= this.fetch().finally(() => (this.pending = undefined));
        this.held = await this.pending;
        return this.held.value;
    }
    /**
     * The audience to ask GitHub for, as databricks-sdk 0.167 picks it when
     * DATABRICKS_TOKEN_AUDIENCE is unset: the first of the workspace's
     * `token_federation_default_oidc_audiences` from
     * `<host>/.well-known/databricks-config`, else the token endpoint URL.
     * Best effort, like the SDK's: any failure falls back.
     */
    async defaultAudience() {
        const fallback = `${this.transport.baseUrl}/oidc/v1/token`;
        try {
            const outcome = await this.transport.exchange({
                method: 'GET',
                path: '/.well-known/databricks-config',
                safeToRepeat: true
            });
            if (outcome.kind !== 'answer' || outcome.status !== 200)
                return fallback;
            const audiences = JSON.parse(outcome.text).token_federation_default_oidc_audiences;
            return Array.isArray(audiences) && typeof audiences[0] === 'string'
                ? audiences[0]
                : fallback;
        }
        catch {
            return fallback;
        }
    }
    /** The token held now, if any and still good (for a child process). */
    current() {
        if (this.auth.kind === 'pat')
            return this.auth.token;
        const now = (this.options.now ?? Date.now)();
        return this.held && now < this.held.expiresAtMs
            ? this.held.value
            : undefined;
    }
    async fetch() {
        const auth = this.auth;
        let form;
        let audience = '';
        if (auth.kind === 'oauth-m2m') {
            form = { grant_type: 'client_credentials', scope: 'all-apis' };
        }
        else if (auth.kind === 'github-oidc') {
            if (!this.options.getIdToken) {
                throw new errors/* UserError */.yo('GitHub OIDC federation needs the runner.');
            }
            audience = auth.audience ?? (await this.defaultAudience());
            let idToken;
            try {
                idToken = await this.options.getIdToken(audience);
            }
            catch (error) {
                throw new errors/* UserError */.yo(`Could not get GitHub's ID token (audience ${audience}): ${error instanceof Error ? error.message : String(error)}. The job needs \`permissions: id-token: write\`.`, { cause: error });
            }
            this.options.mask?.(idToken);
            // The body databricks-sdk sends (use_params: the client ID in the form, no secret).
            form = {
                grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
                subject_token: idToken,
                subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
                scope: 'all-apis',
                client_id: auth.clientId
            };
        }
        else {
            throw new errors/* UserError */.yo('a personal access token is not fetched');
        }
        const path = '/oidc/v1/token';
        const outcome = await this.transport.exchange({
            method: 'POST',
            path,
            form,
            // Asking for a token twice gives two tokens, both good.
            safeToRepeat: true
        });
        const what = auth.kind === 'oauth-m2m'
            ? `the OAuth secret of service principal ${auth.clientId} (DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET)`
            : `GitHub's ID token for service principal ${auth.clientId} (audience ${audience}): check the service principal's federation policy (issuer https://token.actions.githubusercontent.com, subject, audience; DATABRICKS_TOKEN_AUDIENCE sets the audience asked for)`;
        if (outcome.kind === 'failure') {
            throw new errors/* UserError */.yo(this.transport.failureMessage(outcome, `POST ${path}`), { cause: outcome.error });
        }
        let body = {};
        try {
            body = JSON.parse(outcome.text);
        }
        catch {
            // Reported below as a refusal or an answer not understood.
        }
        if (outcome.status >= 300) {
            const reason = [body.error, body.error_description]
                .filter((part) => typeof part === 'string')
                .join(': ');
            throw new errors/* UserError */.yo(`The workspace's token endpoint refused ${what} (HTTP ${outcome.status}${reason ? ` ${reason}` : ''}).`);
        }
        const token = body.access_token;
        const expiresIn = Number(body.expires_in);
        if (typeof token !== 'string' || !token || !Number.isFinite(expiresIn)) {
            throw new errors/* UserError */.yo(`The workspace's token endpoint answered POST ${path} without an access_token and expires_in.`);
        }
        this.options.mask?.(token);
        const lifetimeMs = expiresIn * 1000;
        const now = (this.options.now ?? Date.now)();
        return {
            value: token,
            expiresAtMs: now + lifetimeMs - Math.min(60_000, lifetimeMs / 5)
        };
    }
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core_core = __webpack_require__(8532);
;// CONCATENATED MODULE: ./src/registry/mlflow-schemas.ts
/**
 * The zod schemas of MLflow's REST answers
 * (https://mlflow.org/docs/latest/api_reference/rest-api.html) and the types
 * inferred from them. MLflow omits empty fields (proto2 JSON) and some
 * servers and proxies send int64 as strings, so everything but the identity
 * of an entity is optional and numbers are accepted either way. Registry
 * values are data: versions, aliases and statuses that MLflow's own schema
 * would never produce are refused here, before they reach a log line, a
 * link or the report.
 */

/** An int64 as MLflow sends it: a JSON number, or a string of digits. */
const int64Schema = schemas/* union */.KCZ([
    schemas/* number */.aig(),
    schemas/* string */.YjP()
        .regex(/^-?\d+$/)
        .transform(Number)
]);
/**
 * A registry value echoed into an error: quoted, anything outside printable
 * ASCII escaped (`\n`, `\u00a0`), capped at about 80 characters, so a value
 * can neither start a workflow command (`::warning ...`) on a new line nor
 * flood the log.
 */
function escapedValue(value, cap = 80) {
    const cut = value.length > cap ? value.slice(0, cap) : value;
    const named = {
        '\n': '\\n',
        '\r': '\\r',
        '\t': '\\t'
    };
    const escaped = cut
        .replace(/[\\"]/g, (char) => `\\${char}`)
        .replace(/[^\x20-\x7e]/g, (char) => named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `"${escaped}"${value.length > cap ? '…' : ''}`;
}
/**
 * A version number: digits only, as MLflow's schema has it (an int64; sent
 * as a string, a number is accepted). Registry values are data: a "version"
 * holding a line break and `::warning ...`, or `](https://…)`, must never
 * reach a log line, a link or the report, so anything else is refused here.
 */
const versionSchema = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()])
    .transform((value, context) => {
    const text = String(value);
    if (/^\d{1,19}$/.test(text))
        return text;
    context.addIssue({
        code: 'custom',
        message: `a model version is digits, not ${escapedValue(text)}`
    });
    return core_core/* NEVER */.tm;
});
/** An alias name as MLflow validates it (`^[\w\-]*$`, at most 255 characters). */
const aliasNameSchema = schemas/* string */.YjP().transform((alias, context) => {
    if (/^[\p{L}\p{N}\p{M}_-]{1,255}$/u.test(alias))
        return alias;
    context.addIssue({
        code: 'custom',
        message: `an alias name is letters, digits, '_' and '-', not ${escapedValue(alias)}`
    });
    return core_core/* NEVER */.tm;
});
/** MLflow's `[{ key, value }]` tags (an empty value may be omitted) as a record. */
const tagsSchema = schemas/* array */.YOg(schemas/* looseObject */._H3({ key: schemas/* string */.YjP(), value: schemas/* string */.YjP().optional() }))
    .optional()
    .transform((tags) => Object.fromEntries((tags ?? []).map((tag) => [tag.key, tag.value ?? ''])));
/** A registered model version (`ModelVersion` in MLflow's protos). */
const modelVersionSchema = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP(),
    version: versionSchema,
    /** `PENDING_REGISTRATION`, `FAILED_REGISTRATION` or `READY` (printed, so an enum name only). */
    status: schemas/* string */.YjP()
        .regex(/^[A-Z][A-Z_]{0,63}$/, 'a status is an upper-case enum name')
        .optional(),
    status_message: schemas/* string */.YjP().optional(),
    source: schemas/* string */.YjP().optional(),
    run_id: schemas/* string */.YjP().optional(),
    model_id: schemas/* string */.YjP().optional(),
    run_link: schemas/* string */.YjP().optional(),
    description: schemas/* string */.YjP().optional(),
    current_stage: schemas/* string */.YjP().optional(),
    user_id: schemas/* string */.YjP().optional(),
    creation_timestamp: int64Schema.optional(),
    last_updated_timestamp: int64Schema.optional(),
    aliases: schemas/* array */.YOg(aliasNameSchema).default([]),
    tags: tagsSchema
});
/** A registered model, with its aliases (`{ alias, version }`). */
const registeredModelSchema = schemas/* looseObject */._H3({
    name: schemas/* string */.YjP(),
    description: schemas/* string */.YjP().optional(),
    creation_timestamp: int64Schema.optional(),
    last_updated_timestamp: int64Schema.optional(),
    latest_versions: schemas/* array */.YOg(modelVersionSchema).default([]),
    aliases: schemas/* array */.YOg(schemas/* looseObject */._H3({ alias: aliasNameSchema, version: versionSchema }))
        .default([]),
    tags: tagsSchema
});
/** The parts of a run this action reads: where its artifacts live, its logged models. */
const runSchema = schemas/* looseObject */._H3({
    info: schemas/* looseObject */._H3({
        run_id: schemas/* string */.YjP(),
        experiment_id: schemas/* string */.YjP().optional(),
        status: schemas/* string */.YjP().optional(),
        artifact_uri: schemas/* string */.YjP().optional(),
        lifecycle_stage: schemas/* string */.YjP().optional()
    }),
    outputs: schemas/* looseObject */._H3({
        model_outputs: schemas/* array */.YOg(schemas/* looseObject */._H3({ model_id: schemas/* string */.YjP(), step: int64Schema.optional() }))
            .default([])
    })
        .optional()
});
/** An MLflow 3 logged model (`models:/m-<id>`). */
const loggedModelSchema = schemas/* looseObject */._H3({
    info: schemas/* looseObject */._H3({
        model_id: schemas/* string */.YjP(),
        experiment_id: schemas/* string */.YjP().optional(),
        name: schemas/* string */.YjP().optional(),
        artifact_uri: schemas/* string */.YjP().optional(),
        status: schemas/* string */.YjP().optional(),
        source_run_id: schemas/* string */.YjP().optional(),
        tags: tagsSchema
    })
});
/** An answer whose fields the caller does not read (a write's `{}`). */
const emptySchema = schemas/* looseObject */._H3({});
/** `artifacts/list`: the paths directly under the listed one. */
const artifactListSchema = schemas/* looseObject */._H3({
    files: schemas/* array */.YOg(schemas/* looseObject */._H3({ path: schemas/* string */.YjP() })).default([])
});

;// CONCATENATED MODULE: ./src/registry/model-source.ts
/**
 * Model-source resolution: what to send to MLflow's `model-versions/create`
 * for a model URI (`models:/m-<id>`, `runs:/<run>/<path>`, anything else),
 * so that `models:/<name>/<v>` loads afterwards. It reads the registry
 * through the few calls it needs and writes nothing.
 */

/**
 * What to send to `model-versions/create` so that `models:/<name>/<v>`
 * loads afterwards (checked against MLflow 3.17 with `mlflow models predict`):
 * - `models:/m-<id>` (an MLflow 3 logged model): `source` = the URI, `model_id`
 *   = the id; the server fills `run_id` from the logged model and rejects the
 *   source without `model_id`.
 * - `runs:/<run>/<path>`: MLflow 3's `log_model` stores the model as a logged
 *   model, not under the run's artifacts, so a `runs:/` source is accepted
 *   but does not load. Like `mlflow.register_model`, use the run's logged
 *   model named `<path>` (the latest step wins): `models:/m-<id>`, `model_id`
 *   and `run_id`. Without one (MLflow 2 style), the run's artifact directory
 *   must hold `<path>/MLmodel`; then `source` = `<artifact_uri>/<path>` and
 *   `run_id`.
 * - anything else (`models:/<name>/<v>`, `s3://…`) is passed through for the
 *   server to validate.
 * Databricks' workspace registry does not take `models:/m-<id>` sources (the
 * Python client sends the logged model's artifact location there); that case
 * is not handled here.
 */
async function resolveModelSource(registry, modelUri) {
    const logged = /^models:\/(m-[^/]+)\/?$/.exec(modelUri);
    if (logged) {
        const modelId = logged[1];
        if (!(await registry.getLoggedModel(modelId))) {
            throw new errors/* UserError */.yo(`Model URI '${modelUri}': MLflow at ${registry.baseUrl} has no logged model '${modelId}'.`);
        }
        return { source: `models:/${modelId}`, modelId };
    }
    const runs = /^runs:\/([^/]+)\/(.+?)\/?$/.exec(modelUri);
    if (!runs)
        return { source: modelUri };
    const [, runId, path] = runs;
    const run = await registry.getRun(runId);
    if (!run) {
        throw new errors/* UserError */.yo(`Model URI '${modelUri}': MLflow at ${registry.baseUrl} has no run '${runId}'.`);
    }
    const outputs = run.outputs?.model_outputs ?? [];
    let best;
    for (const output of outputs) {
        const model = await registry.getLoggedModel(output.model_id);
        const step = output.step ?? 0;
        if (model?.info.name === path &&
            (model.info.source_run_id ?? runId) === runId &&
            (best === undefined || step >= best.step)) {
            best = { modelId: model.info.model_id, step };
        }
    }
    if (best) {
        return { source: `models:/${best.modelId}`, modelId: best.modelId, runId };
    }
    const listing = await registry.listArtifacts(runId, path);
    if (run.info.artifact_uri &&
        listing.some((file) => file === `${path}/MLmodel`)) {
        return {
            source: `${run.info.artifact_uri.replace(/\/+$/, '')}/${path}`,
            runId
        };
    }
    throw new errors/* UserError */.yo(`Model URI '${modelUri}': run ${runId} has no logged model named '${path}' and no '${path}/MLmodel' among its artifacts; check the artifact path (the 'name' given to log_model).`);
}

;// CONCATENATED MODULE: ./src/registry/mlflow-client.ts
/**
 * The MLflow Model Registry client: the only code that speaks MLflow's REST
 * dialect (`/api/2.0/mlflow/...`, https://mlflow.org/docs/latest/api_reference/rest-api.html).
 *
 * Each method says what it calls, whether it is safe to repeat, and what
 * permission it needs; the request goes over the registry's transport
 * (src/registry/http-transport.ts: timeout, retries by the one policy in
 * src/transport/retry-policy.ts), the answer is checked against its schema
 * (src/registry/mlflow-schemas.ts), and a failure becomes one typed error,
 * `MlflowApiError`, whose message says what to check. Where the tracking
 * server is and which credentials to use: src/registry/tracking-connection.ts.
 * Which source a model URI registers as: src/registry/model-source.ts.
 */





/** A request to MLflow failed; the message names the tracking URI, the request and what to check. */
class MlflowApiError extends http_transport/* RegistryApiError */.u4 {
}
const API_PREFIX = '/api/2.0/mlflow/';
const READY_POLL_TIMEOUT_MS = 300_000;
const READY_POLL_INTERVAL_MS = 1_000;
/**
 * A client for the parts of MLflow's REST API the gate needs: registered
 * models, versions, aliases, tags, runs and logged models.
 */
class MlflowClient {
    /** Origin and path prefix, no credentials, no trailing slash. */
    baseUrl;
    transport;
    sleep;
    constructor(options) {
        this.transport = new http_transport/* HttpTransport */.G5(options, 'MLflow');
        this.baseUrl = this.transport.baseUrl;
        this.sleep =
            options.sleep ??
                ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    }
    /** The registered model, or undefined when it does not exist. */
    async getRegisteredModel(name) {
        const answer = await this.orUndefined(this.call({
            method: 'GET',
            endpoint: 'registered-models/get',
            query: { name },
            idempotent: true,
            needs: `READ permission on registered model '${name}' to read it`,
            model: name
        }, schemas/* looseObject */._H3({ registered_model: registeredModelSchema })), isResourceMissing);
        return answer?.registered_model;
    }
    /** Creates a registered model; fails with `RESOURCE_ALREADY_EXISTS` when it exists. */
    async createRegisteredModel(name, options = {}) {
        const answer = await this.call({
            method: 'POST',
            endpoint: 'registered-models/create',
            // JSON.stringify leaves out the undefined fields.
            body: {
                name,
                description: options.description,
                tags: options.tags && tagList(options.tags)
            },
            // Retried: creation by unique name cannot make two models. But a retry
            // whose first try landed answers RESOURCE_ALREADY_EXISTS, like a model
            // someone else created: with the error's `attempts` > 1 the model may
            // be this call's own, so a caller that must know (a lock) sends an
            // owner tag in this same create and reads it back.
            idempotent: true,
            needs: `permission to create registered model '${name}' (with MLflow workspaces: USE on the workspace)`
        }, schemas/* looseObject */._H3({ registered_model: registeredModelSchema }));
        return answer.registered_model;
    }
    /** The model version, or undefined when it (or its registered model) does not exist. */
    async getModelVersion(name, version) {
        const answer = await this.orUndefined(this.call({
            method: 'GET',
            endpoint: 'model-versions/get',
            query: { name, version },
            idempotent: true,
            needs: `READ permission on registered model '${name}' to read version ${version}`,
            model: name
        }, schemas/* looseObject */._H3({ model_version: modelVersionSchema })), isResourceMissing);
        return answer?.model_version;
    }
    /**
     * The version `@alias` points at, or undefined when the alias does not
     * exist. A missing registered model is an error: MLflow answers 404
     * `RESOURCE_DOES_NOT_EXIST` for it, but 400 `INVALID_PARAMETER_VALUE`
     * ("Registered model alias champion not found.") for a missing alias.
     */
    async getModelVersionByAlias(name, alias) {
        const answer = await this.orUndefined(this.call({
            method: 'GET',
            endpoint: 'registered-models/alias',
            query: { name, alias },
            idempotent: true,
            needs: `READ permission on registered model '${name}' to read alias @${alias}`,
            model: name
        }, schemas/* looseObject */._H3({ model_version: modelVersionSchema })), (error) => error.status === 400 &&
            error.errorCode === 'INVALID_PARAMETER_VALUE' &&
            /alias/i.test(error.serverMessage ?? '') &&
            /not found/i.test(error.serverMessage ?? ''));
        return answer?.model_version;
    }
    /** Points `@alias` at `version` (moving it if it pointed elsewhere). */
    async setAlias(name, alias, version) {
        await this.call({
            method: 'POST',
            endpoint: 'registered-models/alias',
            // MLflow rejects a numeric version ("Value was of type 'int'").
            body: { name, alias, version: String(version) },
            // Retried: pointing an alias at the same version twice is one move; a
            // first try that landed before the connection dropped is simply repeated.
            idempotent: true,
            needs: `EDIT permission on registered model '${name}' to set alias @${alias}`,
            model: name
        }, emptySchema);
    }
    /** Removes `@alias`; MLflow answers 200 when the alias does not exist. */
    async deleteAlias(name, alias) {
        await this.call({
            // MLflow reads a DELETE's parameters from a JSON body, not the query.
            method: 'DELETE',
            endpoint: 'registered-models/alias',
            body: { name, alias },
            // Retried: deleting an alias that a lost first try already deleted answers 200.
            idempotent: true,
            needs: `MANAGE permission on registered model '${name}' to delete alias @${alias}`,
            model: name
        }, emptySchema);
    }
    /** Sets (or overwrites) one tag on a model version. */
    async setModelVersionTag(name, version, key, value) {
        await this.call({
            method: 'POST',
            endpoint: 'model-versions/set-tag',
            body: { name, version: String(version), key, value },
            // Retried: setting a tag to the same value twice leaves one tag.
            idempotent: true,
            needs: `EDIT permission on registered model '${name}' to tag version ${version}`,
            model: name
        }, emptySchema);
    }
    /**
     * Creates a version from an already resolved source (see
     * `resolveModelSource`). Not idempotent, so it is retried only when the
     * request cannot have been processed (connection refused, 408, 429, 503).
     */
    async createModelVersion(name, source, options = {}) {
        const answer = await this.call({
            method: 'POST',
            endpoint: 'model-versions/create',
            body: {
                name,
                source: source.source,
                run_id: source.runId,
                model_id: source.modelId,
                description: options.description,
                tags: options.tags && tagList(options.tags)
            },
            // Not retried once it may have reached the server (reset, timeout, 5xx
            // other than 503): a retry of a create that landed adds a second version.
            // Retried only when it certainly did not (connection refused, 408, 429, 503).
            idempotent: false,
            ifLost: `MLflow may have created the version anyway; look at the newest versions of registered model '${name}' (source ${source.source}) before running again, as a re-run registers the model once more.`,
            needs: `EDIT permission on registered model '${name}' and READ permission on the source run or logged model to create a version`,
            model: name
        }, schemas/* looseObject */._H3({ model_version: modelVersionSchema }));
        return answer.model_version;
    }
    /** Resolves `modelUri` and creates a version of `name` from it. */
    async registerModelVersion(name, modelUri, options = {}) {
        return this.createModelVersion(name, await this.resolveModelSource(modelUri), options);
    }
    /** What to send to `model-versions/create` for a model URI (see src/registry/model-source.ts). */
    async resolveModelSource(modelUri) {
        return resolveModelSource(this, modelUri);
    }
    /** The paths of a run's artifacts directly under `path`. */
    async listArtifacts(runId, path) {
        const listing = await this.call({
            method: 'GET',
            endpoint: 'artifacts/list',
            query: { run_id: runId, path },
            idempotent: true,
            needs: `READ permission on the experiment of run ${runId} to list its artifacts`
        }, artifactListSchema);
        return listing.files.map((file) => file.path);
    }
    /**
     * Polls until the version is READY (MLflow registers asynchronously on some
     * backends); fails on FAILED_REGISTRATION or after `timeoutMs` of waiting.
     */
    async waitForModelVersionReady(name, version, options = {}) {
        const timeoutMs = options.timeoutMs ?? READY_POLL_TIMEOUT_MS;
        const intervalMs = options.intervalMs ?? READY_POLL_INTERVAL_MS;
        for (let waitedMs = 0;; waitedMs += intervalMs) {
            const current = await this.getModelVersion(name, version);
            const label = `version ${version} of registered model '${name}'`;
            if (!current) {
                throw new errors/* UserError */.yo(`MLflow at ${this.baseUrl} no longer has ${label} (deleted while waiting for it to become READY).`);
            }
            // A server that sends no status has no asynchronous registration.
            if (current.status === undefined || current.status === 'READY') {
                return current;
            }
            if (current.status === 'FAILED_REGISTRATION') {
                throw new errors/* UserError */.yo(`MLflow at ${this.baseUrl} could not register ${label}: ${current.status_message ? escapedValue(current.status_message, 200) : 'FAILED_REGISTRATION'}.`);
            }
            if (waitedMs + intervalMs > timeoutMs) {
                throw new errors/* UserError */.yo(`MLflow at ${this.baseUrl}: ${label} is still ${current.status} after ${(0,http_transport/* seconds */.YA)(waitedMs)}s; it did not become READY in time.`);
            }
            await this.sleep(intervalMs);
        }
    }
    /** The run, or undefined when it does not exist. */
    async getRun(runId) {
        const answer = await this.orUndefined(this.call({
            method: 'GET',
            endpoint: 'runs/get',
            query: { run_id: runId },
            idempotent: true,
            needs: `READ permission on the experiment of run ${runId} to read it`
        }, schemas/* looseObject */._H3({ run: runSchema })), isResourceMissing);
        return answer?.run;
    }
    /** The MLflow 3 logged model `m-<id>`, or undefined when it does not exist. */
    async getLoggedModel(modelId) {
        const answer = await this.orUndefined(this.call({
            method: 'GET',
            endpoint: `logged-models/${encodeURIComponent(modelId)}`,
            idempotent: true,
            needs: `READ permission on the experiment of logged model ${modelId} to read it`
        }, schemas/* looseObject */._H3({ model: loggedModelSchema })), isResourceMissing);
        return answer?.model;
    }
    // -------------------------------------------------------------------------
    async orUndefined(pending, missing) {
        try {
            return await pending;
        }
        catch (error) {
            if (error instanceof MlflowApiError && missing(error))
                return undefined;
            throw error;
        }
    }
    async call(call, schema) {
        const query = new URLSearchParams(call.query).toString();
        const path = `${API_PREFIX}${call.endpoint}${query ? `?${query}` : ''}`;
        const outcome = await this.transport.exchange({
            method: call.method,
            path,
            body: call.body,
            safeToRepeat: call.idempotent
        });
        const label = `${call.method} ${path}`;
        const details = {
            method: call.method,
            path,
            attempts: outcome.attempts
        };
        if (outcome.kind === 'failure') {
            throw new MlflowApiError(this.transport.failureMessage(outcome, label, call.ifLost), details, { cause: outcome.error });
        }
        const { status, text, contentType } = outcome;
        const json = parseJson(text);
        const body = json !== undefined && typeof json === 'object' && json !== null
            ? json
            : undefined;
        const errorCode = typeof body?.error_code === 'string' ? body.error_code : undefined;
        // Capped: the message goes into the step's one error line.
        const serverMessage = typeof body?.message === 'string'
            ? body.message.length > 500
                ? `${body.message.slice(0, 500)}…`
                : body.message
            : body === undefined
                ? excerpt(text)
                : undefined;
        const full = { ...details, status, errorCode, serverMessage };
        const retried = outcome.attempts > 1
            ? ` after ${(0,http_transport/* plural */.LS)(outcome.attempts, 'attempt')} over ${(0,http_transport/* seconds */.YA)(outcome.elapsedMs)}s`
            : '';
        const quoted = serverMessage ? ` "${serverMessage}"` : '';
        if (status === 401) {
            throw new MlflowApiError(`MLflow at ${this.baseUrl} did not accept the credentials for ${label} (HTTP 401${quoted}): ${this.credentialHint()}.`, full);
        }
        if (status === 403 && /invalid host header/i.test(text)) {
            throw new MlflowApiError(`MLflow at ${this.baseUrl} rejected the Host header of ${label} (HTTP 403${quoted}): start the server with --allowed-hosts including '${new URL(this.baseUrl).host}'.`, full);
        }
        if (status === 403) {
            // Only reads can be about a model that is missing; writes follow a read of it.
            const alsoMissing = call.model && call.method === 'GET'
                ? ` (MLflow's basic-auth app also answers 403 when registered model '${call.model}' does not exist)`
                : '';
            throw new MlflowApiError(`MLflow at ${this.baseUrl} refused ${label} (HTTP 403${quoted}): the user needs ${call.needs}${alsoMissing}.`, full);
        }
        if (body === undefined &&
            (status < 300 || status === 404 || status === 405)) {
            const what = looksLikeHtml(text, contentType)
                ? 'an HTML page'
                : text.trim()
                    ? 'text'
                    : 'an empty body';
            throw new MlflowApiError(`MLflow at ${this.baseUrl} answered ${label} with HTTP ${status} and ${what}${quoted} instead of JSON: is the tracking URI right (path prefix)?`, full);
        }
        if (status >= 300) {
            const code = errorCode ? ` ${errorCode}` : '';
            // A create retried after a lost answer meets its own first try.
            const ownEarlierTry = errorCode === 'RESOURCE_ALREADY_EXISTS' && outcome.attempts > 1
                ? ' An earlier try of this request may have created it before its answer was lost.'
                : '';
            const lost = call.ifLost && status >= 500 && status !== 503
                ? ` The server may have acted before failing: ${call.ifLost}`
                : '';
            throw new MlflowApiError(`MLflow at ${this.baseUrl} rejected ${label}${retried} (HTTP ${status}${code})${serverMessage ? `: ${serverMessage}` : ''}${/[.!?]$/.test(serverMessage ?? '') ? '' : '.'}${ownEarlierTry}${lost}`, full);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
            throw new MlflowApiError(`MLflow at ${this.baseUrl} answered ${label} with HTTP ${status}, but the answer was not understood (${issueSummary(parsed.error)}): is the tracking URI an MLflow 2 or 3 tracking server?`, full);
        }
        return parsed.data;
    }
    credentialHint() {
        const both = "input 'tracking-token' (or MLFLOW_TRACKING_TOKEN) for a bearer token, or 'tracking-username' + 'tracking-password' (or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD) for basic auth";
        if (this.transport.auth === undefined)
            return `no credentials were sent; set ${both}`;
        if (this.transport.auth.kind === 'bearer') {
            return "the bearer token was refused; check input 'tracking-token' (or MLFLOW_TRACKING_TOKEN, or DATABRICKS_TOKEN for Databricks)";
        }
        return this.transport.authFromUri
            ? "the username and password in the tracking URI were refused; check them, or set 'tracking-username' + 'tracking-password'"
            : "the username and password were refused; check inputs 'tracking-username' + 'tracking-password' (or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD)";
    }
    /**
     * Deletes a registered model (with every version it has): used only for
     * the promotion lock's own models (src/registry/promotion-lock.ts). Not
     * retried once sent: if a first try landed and its answer was lost, a
     * retry could delete a lock another run created in between.
     */
    async deleteRegisteredModel(name) {
        await this.call({
            // MLflow reads a DELETE's parameters from a JSON body, not the query.
            method: 'DELETE',
            endpoint: 'registered-models/delete',
            body: { name },
            idempotent: false,
            needs: `MANAGE permission on registered model '${name}' to delete it`,
            model: name
        }, emptySchema);
    }
    /** Removes one tag from a model version; MLflow answers 200 when it is absent. */
    async deleteModelVersionTag(name, version, key) {
        await this.call({
            // MLflow reads a DELETE's parameters from a JSON body, not the query.
            method: 'DELETE',
            endpoint: 'model-versions/delete-tag',
            body: { name, version: String(version), key },
            idempotent: true,
            needs: `EDIT permission on registered model '${name}' to remove a tag of version ${version}`,
            model: name
        }, emptySchema);
    }
    /**
     * Every version of a registered model (`model-versions/search` with
     * `name = '<name>'`, all pages). MLflow's filter grammar quotes strings
     * with ' or "; a name holding both cannot be searched and gives [].
     */
    async searchModelVersions(name) {
        const quote = !name.includes("'") ? "'" : !name.includes('"') ? '"' : '';
        if (!quote)
            return [];
        const found = [];
        let pageToken;
        // Bounded: 100 pages of 1,000 versions.
        for (let page = 0; page < 100; page++) {
            const query = {
                filter: `name = ${quote}${name}${quote}`,
                max_results: '1000'
            };
            if (pageToken)
                query.page_token = pageToken;
            const answer = await this.call({
                method: 'GET',
                endpoint: 'model-versions/search',
                query,
                idempotent: true,
                needs: `READ permission on registered model '${name}' to list its versions`,
                model: name
            }, schemas/* looseObject */._H3({
                model_versions: schemas/* array */.YOg(modelVersionSchema).default([]),
                next_page_token: schemas/* string */.YjP().optional()
            }));
            found.push(...answer.model_versions);
            pageToken = answer.next_page_token;
            if (!pageToken)
                break;
        }
        return found;
    }
}
function tagList(tags) {
    return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
function isResourceMissing(error) {
    return error.errorCode === 'RESOURCE_DOES_NOT_EXIST';
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function looksLikeHtml(text, contentType) {
    return /^\s*</.test(text) || (/html/i.test(contentType) && /<\w/.test(text));
}
/** A short, single-line excerpt of a non-JSON body (an HTML page's title). */
function excerpt(text) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
    const flat = (title ?? text.replace(/<[^>]*>/g, ' '))
        .replace(/\s+/g, ' ')
        .trim();
    if (!flat)
        return undefined;
    return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}
function issueSummary(error) {
    return error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
        .join('; ');
}

// EXTERNAL MODULE: ./src/registry/promotion-lock.ts
var promotion_lock = __webpack_require__(9804);
;// CONCATENATED MODULE: ./src/registry/unity-catalog-client.ts
/**
 * The Unity Catalog registry client: the only code that speaks Unity
 * Catalog's dialect. Reads and alias moves go through Unity Catalog's public
 * REST API (`/api/2.1/unity-catalog/models/{full_name}…`, the calls
 * databricks-sdk's `registered_models` and `model_versions` make); version
 * and registered-model tags have no public call, so they go through the
 * endpoints MLflow's own `databricks-uc` client uses
 * (`/api/2.0/mlflow/unity-catalog/…`, mlflow/store/_unity_catalog/registry/
 * rest_store.py). A version is read there too: the public answer carries no
 * tags, and the gate reads a version's evidence and rollback tags.
 *
 * Same transport, retries and typed errors as the MLflow client
 * (src/registry/http-transport.ts); answers are mapped into MLflow's shapes
 * and checked by the same schemas (src/registry/mlflow-schemas.ts), so the
 * modes cannot tell which registry they talk to.
 *
 * Register-on-pass is not offered: registering to Unity Catalog uploads the
 * artifacts with temporary cloud credentials and finalizes the version,
 * which MLflow's client does and this action cannot do honestly.
 */




/** A request to Unity Catalog failed; the message names the workspace, the request and what is missing. */
class UnityCatalogApiError extends http_transport/* RegistryApiError */.u4 {
}
const PUBLIC = '/api/2.1/unity-catalog/models/';
const MLFLOW_UC = '/api/2.0/mlflow/unity-catalog/';
/** `catalog.schema.model`, each part without dots, slashes or spaces. */
const FULL_NAME = /^[^.\s/]+\.[^.\s/]+\.[^.\s/]+$/;
/** Throws unless `name` is a three-level Unity Catalog name. */
function checkUnityCatalogName(name, input = 'model-name') {
    if (!FULL_NAME.test(name)) {
        throw new errors/* InputError */.dz(input, `'${name}' is not a Unity Catalog model name: the registry is Unity Catalog, where a model is named catalog.schema.model (e.g. main.fraud.detector). Give the three-level name, or set registry-uri: databricks for the legacy workspace registry.`);
    }
}
/** The Catalog Explorer page of a model version. */
function catalogExplorerUrl(host, name, version) {
    const parts = name.split('.').map(encodeURIComponent);
    return `${host}/explore/data/models/${parts.join('/')}/version/${encodeURIComponent(version)}`;
}
/** A Unity Catalog model version as the public API returns it. */
const publicVersionSchema = schemas/* looseObject */._H3({
    model_name: schemas/* string */.YjP().optional(),
    catalog_name: schemas/* string */.YjP().optional(),
    schema_name: schemas/* string */.YjP().optional(),
    version: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()]),
    status: schemas/* string */.YjP().optional(),
    source: schemas/* string */.YjP().optional(),
    run_id: schemas/* string */.YjP().optional()
});
/** A client for the parts of Unity Catalog the gate needs. */
class UnityCatalogClient {
    /** The workspace URL, no trailing slash. */
    baseUrl;
    transport;
    constructor(options) {
        this.transport = new http_transport/* HttpTransport */.G5(options, 'Unity Catalog');
        this.baseUrl = this.transport.baseUrl;
    }
    /** The registered model with its aliases (no tags: the public API has none), or undefined. */
    async getRegisteredModel(name) {
        const answer = await this.orUndefined(this.call({
            method: 'GET',
            path: `${PUBLIC}${encodeURIComponent(name)}`,
            query: { include_aliases: 'true' },
            idempotent: true,
            needs: readNeeds(name)
        }, schemas/* looseObject */._H3({
            full_name: schemas/* string */.YjP().optional(),
            aliases: schemas/* array */.YOg(schemas/* looseObject */._H3({
                alias_name: schemas/* string */.YjP(),
                version_num: schemas/* union */.KCZ([schemas/* number */.aig(), schemas/* string */.YjP()])
            }))
                .default([])
        })));
        if (!answer)
            return undefined;
        return registeredModelSchema.parse({
            name: answer.full_name ?? name,
            aliases: answer.aliases.map((alias) => ({
                alias: alias.alias_name,
                version: String(alias.version_num)
            }))
        });
    }
    /**
     * The version with its tags and aliases (MLflow's UC `model-versions/get`:
     * the public answer has no tags), or undefined when it does not exist.
     */
    async getModelVersion(name, version) {
        const answer = await this.orUndefined(this.call({
            method: 'GET',
            path: `${MLFLOW_UC}model-versions/get`,
            query: { name, version: String(version) },
            idempotent: true,
            needs: readNeeds(name)
        }, schemas/* looseObject */._H3({ model_version: schemas/* looseObject */._H3({}) })));
        return answer && ucVersion(answer.model_version);
    }
    /** The version `@alias` points at, or undefined when the alias does not exist. */
    async getModelVersionByAlias(name, alias) {
        const path = `${PUBLIC}${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`;
        let answer;
        try {
            answer = await this.call({ method: 'GET', path, idempotent: true, needs: readNeeds(name) }, publicVersionSchema);
        }
        catch (error) {
            // A missing alias is a 404 too; a missing model is told apart by reading it.
            if (isMissing(error) && (await this.getRegisteredModel(name))) {
                return undefined;
            }
            throw error;
        }
        const version = await this.getModelVersion(name, String(answer.version));
        if (!version) {
            throw new errors/* UserError */.yo(`Unity Catalog at ${this.baseUrl}: @${alias} of '${name}' points at version ${String(answer.version)}, which could not be read.`);
        }
        return version;
    }
    /** Points `@alias` at `version` (`PUT …/aliases/{alias}` with `version_num`). */
    async setAlias(name, alias, version) {
        await this.call({
            method: 'PUT',
            path: `${PUBLIC}${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`,
            body: { version_num: Number(version) },
            // Pointing an alias at the same version twice is one move.
            idempotent: true,
            needs: aliasNeeds(name)
        }, emptySchema);
    }
    /** Removes `@alias`; a missing alias is not an error. */
    async deleteAlias(name, alias) {
        await this.orUndefined(this.call({
            method: 'DELETE',
            path: `${PUBLIC}${encodeURIComponent(name)}/aliases/${encodeURIComponent(alias)}`,
            idempotent: true,
            needs: aliasNeeds(name)
        }, emptySchema));
    }
    /** Sets one tag on a version (MLflow's UC `model-versions/set-tag`). */
    async setModelVersionTag(name, version, key, value) {
        await this.call({
            method: 'POST',
            path: `${MLFLOW_UC}model-versions/set-tag`,
            body: { name, version: String(version), key, value },
            idempotent: true,
            needs: `APPLY TAG on model '${name}' (or ownership of it), with USE CATALOG and USE SCHEMA on its parents, to tag version ${version}`
        }, emptySchema);
    }
    /** Removes one tag from a version (MLflow's UC `model-versions/delete-tag`). */
    async deleteModelVersionTag(name, version, key) {
        await this.orUndefined(this.call({
            // As MLflow's client sends it: a DELETE with a JSON body.
            method: 'DELETE',
            path: `${MLFLOW_UC}model-versions/delete-tag`,
            body: { name, version: String(version), key },
            idempotent: true,
            needs: `APPLY TAG on model '${name}' (or ownership of it) to remove a tag of version ${version}`
        }, emptySchema));
    }
    /**
     * Creates a registered model with tags (MLflow's UC
     * `registered-models/create`); used for the promotion lock. Needs CREATE
     * MODEL on the schema.
     */
    async createRegisteredModel(name, options = {}) {
        checkUnityCatalogName(name);
        const answer = await this.call({
            method: 'POST',
            path: `${MLFLOW_UC}registered-models/create`,
            body: {
                name,
                description: options.description,
                tags: options.tags &&
                    Object.entries(options.tags).map(([key, value]) => ({ key, value }))
            },
            // Creation by unique name cannot make two; the lock reads back its token.
            idempotent: true,
            needs: `CREATE MODEL on schema '${name.split('.').slice(0, 2).join('.')}' (with USE CATALOG and USE SCHEMA) to create '${name}'`
        }, schemas/* looseObject */._H3({ registered_model: schemas/* looseObject */._H3({}) }));
        return ucRegisteredModel(answer.registered_model);
    }
    /** The registered model with its tags (MLflow's UC `registered-models/get`); for the lock. */
    async getRegisteredModelWithTags(name) {
        const answer = await this.orUndefined(this.call({
            method: 'GET',
            path: `${MLFLOW_UC}registered-models/get`,
            query: { name },
            idempotent: true,
            needs: readNeeds(name)
        }, schemas/* looseObject */._H3({ registered_model: schemas/* looseObject */._H3({}) })));
        return answer && ucRegisteredModel(answer.registered_model);
    }
    /** Deletes a registered model (the lock's own); not retried once sent. */
    async deleteRegisteredModel(name) {
        await this.call({
            method: 'DELETE',
            path: `${MLFLOW_UC}registered-models/delete`,
            body: { name },
            idempotent: false,
            needs: `ownership of (or MANAGE on) model '${name}' to delete it`
        }, emptySchema);
    }
    /** The promotion lock's view of this client: models read with their tags. */
    lockClient() {
        return {
            createRegisteredModel: (name, options) => this.createRegisteredModel(name, options),
            getRegisteredModel: (name) => this.getRegisteredModelWithTags(name),
            deleteRegisteredModel: (name) => this.deleteRegisteredModel(name)
        };
    }
    // Register-on-pass: not on Unity Catalog (see the header).
    resolveModelSource(modelUri) {
        return Promise.reject(registerOnPassError(modelUri));
    }
    createModelVersion(name) {
        return Promise.reject(registerOnPassError(name));
    }
    waitForModelVersionReady(name) {
        return Promise.reject(registerOnPassError(name));
    }
    searchModelVersions(name) {
        return Promise.reject(registerOnPassError(name));
    }
    // -------------------------------------------------------------------------
    async orUndefined(pending) {
        try {
            return await pending;
        }
        catch (error) {
            if (isMissing(error))
                return undefined;
            throw error;
        }
    }
    async call(call, schema) {
        const query = new URLSearchParams(call.query).toString();
        const path = `${call.path}${query ? `?${query}` : ''}`;
        const outcome = await this.transport.exchange({
            method: call.method,
            path,
            body: call.body,
            safeToRepeat: call.idempotent
        });
        const label = `${call.method} ${path}`;
        const details = { method: call.method, path, attempts: outcome.attempts };
        if (outcome.kind === 'failure') {
            throw new UnityCatalogApiError(this.transport.failureMessage(outcome, label), details, { cause: outcome.error });
        }
        const { status, text } = outcome;
        let json;
        try {
            json = JSON.parse(text);
        }
        catch {
            json = undefined;
        }
        const body = typeof json === 'object' && json !== null
            ? json
            : undefined;
        const serverCode = typeof body?.error_code === 'string' ? body.error_code : undefined;
        const errorCode = normalizedCode(status, serverCode);
        const message = typeof body?.message === 'string' ? body.message.slice(0, 500) : undefined;
        const full = { ...details, status, errorCode, serverMessage: message };
        const quoted = message ? ` "${message}"` : '';
        const at = `Unity Catalog at ${this.baseUrl}`;
        if (status === 401) {
            throw new UnityCatalogApiError(`${at} did not accept the token for ${label} (HTTP 401${quoted}): check DATABRICKS_TOKEN, or the service principal's OAuth credentials (DATABRICKS_CLIENT_ID with DATABRICKS_CLIENT_SECRET or its GitHub federation policy).`, full);
        }
        if (status === 403) {
            throw new UnityCatalogApiError(`${at} refused ${label} (HTTP 403${quoted}): the principal needs ${call.needs}.`, full);
        }
        if (status >= 300 || body === undefined) {
            const retried = outcome.attempts > 1
                ? ` after ${(0,http_transport/* plural */.LS)(outcome.attempts, 'attempt')} over ${(0,http_transport/* seconds */.YA)(outcome.elapsedMs)}s`
                : '';
            throw new UnityCatalogApiError(`${at} ${status >= 300 ? 'rejected' : 'answered'} ${label}${retried} (HTTP ${status}${serverCode ? ` ${serverCode}` : ''})${message ? `: ${message}` : body === undefined ? ' with no JSON: is DATABRICKS_HOST the workspace URL?' : ''}`, full);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
            throw new UnityCatalogApiError(`${at} answered ${label} with HTTP ${status}, but the answer was not understood (${parsed.error.issues[0]?.message ?? 'schema'}).`, full);
        }
        return parsed.data;
    }
}
/** MLflow's UC shapes (aliases as `{alias, version}`) into MLflow's. */
function ucVersion(raw) {
    const aliases = Array.isArray(raw.aliases)
        ? raw.aliases.map((alias) => alias.alias)
        : [];
    return modelVersionSchema.parse({ ...raw, aliases });
}
function ucRegisteredModel(raw) {
    return registeredModelSchema.parse(raw);
}
/**
 * Databricks answers a missing or existing object with the MLflow-era codes
 * (RESOURCE_DOES_NOT_EXIST, RESOURCE_ALREADY_EXISTS) or the newer ones
 * (NOT_FOUND, ALREADY_EXISTS; databricks-sdk maps both): one code each for
 * the modes and the lock. A 404 for an unknown path (ENDPOINT_NOT_FOUND)
 * is not a missing model: it is a wrong host.
 */
function normalizedCode(status, code) {
    if (code === 'ALREADY_EXISTS' || (status === 409 && code === undefined)) {
        return 'RESOURCE_ALREADY_EXISTS';
    }
    if (status === 404 &&
        code !== 'ENDPOINT_NOT_FOUND' &&
        (code === undefined || code === 'NOT_FOUND' || /DOES_NOT_EXIST$/.test(code))) {
        return 'RESOURCE_DOES_NOT_EXIST';
    }
    return code;
}
function isMissing(error) {
    return (error instanceof UnityCatalogApiError &&
        error.errorCode === 'RESOURCE_DOES_NOT_EXIST');
}
function readNeeds(name) {
    const [catalog, schema] = name.split('.');
    return `USE CATALOG on '${catalog}', USE SCHEMA on '${catalog}.${schema}' and EXECUTE on model '${name}' (or its ownership) to read it`;
}
function aliasNeeds(name) {
    return `ownership of (or MANAGE on) model '${name}', with USE CATALOG and USE SCHEMA on its parents, to move its aliases`;
}
function registerOnPassError(what) {
    return new errors/* InputError */.dz('candidate-model-uri', `cannot register ${what} on Unity Catalog: registering there uploads the model's artifacts with temporary cloud credentials and finalizes the version, which MLflow's client does and this action does not. Register the model in the training step (mlflow.register_model or log_model with registered_model_name), set an alias or give candidate-version.`);
}

;// CONCATENATED MODULE: ./src/registry/connect.ts
/**
 * Builds the registry client from the inputs and the environment, with
 * every credential masked first. The one place the shell meets MLflow's
 * connection conventions, and where the registry's dialect is chosen
 * (MLflow's REST API, or Unity Catalog's: src/registry/databricks-connection.ts):
 * the modes get a `Registry` and never learn which.
 */










function connectRegistry(inputs, env) {
    const selected = selectRegistry({
        registryUri: inputs['registry-uri'],
        trackingUri: inputs['tracking-uri']
    }, env);
    if (selected.kind === 'unity-catalog') {
        return connectUnityCatalog(inputs, env, selected.origin);
    }
    const connection = (0,tracking_connection/* resolveTrackingConnection */.y5)({
        trackingUri: selected.trackingUri,
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
    const client = new MlflowClient({
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
        lock: { client, naming: promotion_lock/* MLFLOW_LOCK_NAMING */.Z5 },
        connection,
        shownUri: (0,tracking_connection/* displayTrackingUri */.MA)(connection.trackingUri),
        versionUrl: (name, version) => (0,tracking_connection/* modelVersionUrl */.lh)(connection.trackingUri, name, version),
        scoringEnvironment: (env) => scoringEnvironment(connection, env)
    };
}
/**
 * Unity Catalog at DATABRICKS_HOST, with a PAT, OAuth M2M or GitHub OIDC
 * federation (every token masked as soon as it is known).
 */
function connectUnityCatalog(inputs, env, origin) {
    const name = inputs['model-name'];
    if (name)
        checkUnityCatalogName(name);
    if (inputs.mode === 'gate' && inputs['candidate-model-uri']) {
        throw new errors/* InputError */.dz('candidate-model-uri', `cannot be registered on Unity Catalog (the registry, from ${origin}): registering there uploads the model's artifacts with temporary cloud credentials and finalizes the version, which MLflow's client does and this action does not. Register the model in the training step (mlflow.register_model, or log_model with registered_model_name), then give candidate-version or candidate-alias.`);
    }
    for (const secret of [
        inputs['tracking-token'],
        env.DATABRICKS_TOKEN,
        env.DATABRICKS_CLIENT_SECRET,
        ...(0,tracking_uri/* uriSecrets */.uP)(env.DATABRICKS_HOST),
        ...(0,tracking_uri/* uriSecrets */.uP)(inputs['registry-uri']),
        ...(0,tracking_uri/* uriSecrets */.uP)(env.MLFLOW_REGISTRY_URI),
        ...(0,tracking_uri/* uriSecrets */.uP)(inputs['tracking-uri'])
    ]) {
        if (secret?.trim())
            core/* setSecret */.Pq(secret.trim());
    }
    const { host, warning } = databricksHost(env);
    if (warning)
        core/* warning */.$e(warning);
    const auth = resolveDatabricksAuth(inputs['tracking-token'], env);
    // M2M sends the secret as Basic auth: mask that form too.
    if (auth.kind === 'oauth-m2m') {
        core/* setSecret */.Pq((0,tracking_uri/* basicHeaderValue */.$X)(auth.clientId, auth.clientSecret));
    }
    const network = networkSettings(env);
    for (const secret of network.secrets)
        core/* setSecret */.Pq(secret);
    for (const message of network.warnings)
        core/* warning */.$e(message);
    const transport = {
        userAgent: `champion-gate/${version/* VERSION */.x}`,
        timeoutMs: inputs['request-timeout-seconds'] * 1000,
        maxAttempts: inputs['retry-max-attempts'],
        maxRetryMs: inputs['retry-max-seconds'] * 1000,
        dispatcher: createDispatcher(network, host),
        log: (message) => core/* info */.pq(message)
    };
    const tokens = new DatabricksTokenSource(host, auth, {
        ...transport,
        getIdToken: (audience) => core/* getIDToken */.V9(audience),
        mask: (secret) => core/* setSecret */.Pq(secret)
    });
    core/* info */.pq(`Registry: Unity Catalog at ${host} (from ${origin}), authenticated by ${auth.kind === 'pat' ? 'a personal access token' : auth.kind === 'oauth-m2m' ? `OAuth M2M as ${auth.clientId}` : `GitHub OIDC federation as ${auth.clientId}`}.`);
    const client = new UnityCatalogClient({
        ...transport,
        trackingUri: host,
        bearer: () => tokens.token()
    });
    return {
        client,
        lock: { client: client.lockClient(), naming: promotion_lock/* UNITY_CATALOG_LOCK_NAMING */.ZC },
        connection: { trackingUri: host, auth: undefined, secrets: [] },
        shownUri: host,
        versionUrl: (model, version) => catalogExplorerUrl(host, model, version),
        scoringEnvironment: (childEnv) => {
            // MLflow in the scoring command reads `models:/main.fraud.detector/2`
            // from Unity Catalog with the same workspace and token.
            const child = {
                ...childEnv,
                MLFLOW_TRACKING_URI: 'databricks',
                MLFLOW_REGISTRY_URI: 'databricks-uc',
                DATABRICKS_HOST: host
            };
            // The scorer gets the token this run holds, not the way to mint one:
            // with federation it could not (the ID-token variables are not passed
            // to scorers), and with M2M it needs no long-lived secret. The token
            // is good for its lifetime (an hour, typically), longer than a scorer.
            const token = tokens.current();
            if (token) {
                child.DATABRICKS_TOKEN = token;
                child.DATABRICKS_AUTH_TYPE = 'pat';
                delete child.DATABRICKS_CLIENT_SECRET;
                delete child.DATABRICKS_CLIENT_ID;
            }
            return child;
        }
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


/***/ })

};

//# sourceMappingURL=873.index.js.map