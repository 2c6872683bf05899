export const id = 204;
export const ids = [204];
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
/* harmony import */ var _registry_connect_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8873);
/* harmony import */ var _registry_evidence_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5690);
/* harmony import */ var _report_build_report_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4417);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(311);
/* harmony import */ var _run_context_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3564);
/* harmony import */ var _shared_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6915);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`'${name}' has no @${championAlias} at ${registry.shownUri}: there is nothing to roll back`);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Cannot roll back to v${target.version}: its status is ${target.status}, not READY`);
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
    const { lock, writeMarginMs } = await (0,_shared_js__WEBPACK_IMPORTED_MODULE_5__/* .takePromotionLock */ .iG)(registry.lock, inputs, name, run);
    try {
        // Under the lock: a gate (or another rollback) may have moved @champion
        // since it was read above.
        const now = await client.getModelVersionByAlias(name, championAlias);
        if (now?.version !== current.version) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`@${championAlias} of '${name}' moved from v${current.version} to ${now ? `v${now.version}` : 'nothing'} while this rollback prepared; ` +
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