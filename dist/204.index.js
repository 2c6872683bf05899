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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _registry_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9721);
/* harmony import */ var _registry_evidence_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5690);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(311);
/* harmony import */ var _shared_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6915);
/**
 * `mode: rollback` (for workflow_dispatch): move the champion alias back in
 * one step, to `rollback-to` or, by default, to the version under the
 * previous-champion alias; the version rolled back from becomes the
 * previous champion, so a second rollback undoes the first. Checks the
 * target exists and is READY before writing anything.
 */






async function runRollbackMode(inputs, env, run) {
    // A pull request never writes to the registry (see gate-mode.ts).
    if (run.event === 'pull_request' || run.event === 'pull_request_target') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('mode', `rollback moves @${inputs['champion-alias']} and is not run from a ${run.event} event; trigger it with workflow_dispatch (see examples/workflows/rollback.yml)`);
    }
    const registry = (0,_registry_connect_js__WEBPACK_IMPORTED_MODULE_2__.connectRegistry)(inputs, env);
    const { client } = registry;
    const name = (0,_shared_js__WEBPACK_IMPORTED_MODULE_3__/* .requireInput */ .oN)(inputs, 'model-name', 'the registered model whose champion alias is rolled back');
    const championAlias = inputs['champion-alias'];
    const previousAlias = inputs['previous-champion-alias'];
    if (!(await client.getRegisteredModel(name))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('model-name', `there is no registered model '${name}' at ${registry.shownUri}`);
    }
    const current = await client.getModelVersionByAlias(name, championAlias);
    if (!current) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(`'${name}' has no @${championAlias} at ${registry.shownUri}: there is nothing to roll back`);
    }
    let target;
    if (inputs['rollback-to']) {
        target = await client.getModelVersion(name, inputs['rollback-to']);
        if (!target) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('rollback-to', `'${name}' has no version ${inputs['rollback-to']} at ${registry.shownUri}`);
        }
    }
    else {
        target = await client.getModelVersionByAlias(name, previousAlias);
        if (!target) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('rollback-to', `'${name}' has no @${previousAlias} to roll back to (no earlier champion was recorded); give the version to restore in rollback-to`);
        }
    }
    if (target.status && target.status !== 'READY') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(`Cannot roll back to v${target.version}: its status is ${target.status}, not READY`);
    }
    const ref = (version) => ({
        version,
        model_uri: `models:/${name}/${version}`,
        url: registry.versionUrl(name, version)
    });
    const report = {
        schema: 1,
        tool: { name: 'champion-gate', version: _version_js__WEBPACK_IMPORTED_MODULE_4__/* .VERSION */ .x },
        mode: 'rollback',
        model_name: name,
        decision: 'rollback',
        reasons: [],
        notes: [`Reason: ${inputs.reason ?? 'none given'}`],
        candidate: ref(target.version),
        champion: ref(current.version),
        registry: {
            tracking_uri: registry.shownUri,
            champion_alias: championAlias,
            previous_champion_alias: previousAlias,
            alias_moved: false,
            new_champion_version: current.version,
            previous_champion_version: null
        },
        run,
        created_at: new Date().toISOString()
    };
    if (target.version === current.version) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`v${target.version} already is @${championAlias}: nothing to roll back.`);
        return {
            ...report,
            decision: 'unchanged',
            notes: [
                `v${target.version} already is @${championAlias}; nothing was changed.`
            ]
        };
    }
    const written = [];
    try {
        await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`Roll back @${championAlias} of '${name}' from v${current.version} to v${target.version}`, async () => {
            await client.setAlias(name, previousAlias, current.version);
            written.push(`@${previousAlias} → v${current.version}`);
            report.registry.previous_champion_version = current.version;
            await client.setAlias(name, championAlias, target.version);
            written.push(`@${championAlias} → v${target.version}`);
            report.registry.alias_moved = true;
            report.registry.new_champion_version = target.version;
            for (const [key, value] of Object.entries((0,_registry_evidence_js__WEBPACK_IMPORTED_MODULE_5__/* .rollbackTags */ .yW)(report, inputs.reason, 'to'))) {
                await client.setModelVersionTag(name, target.version, key, value);
            }
            for (const [key, value] of Object.entries((0,_registry_evidence_js__WEBPACK_IMPORTED_MODULE_5__/* .rollbackTags */ .yW)(report, inputs.reason, 'from'))) {
                await client.setModelVersionTag(name, current.version, key, value);
            }
            written.push('rollback tags on both versions');
        });
    }
    catch (error) {
        const cause = error instanceof Error ? error.message : String(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(written.length === 0
            ? `${cause}\nNothing was written to the registry.`
            : `${cause}\nWritten before the failure: ${written.join('; ')}. ` +
                (report.registry.alias_moved
                    ? 'The rollback itself is done; only the tags are missing.'
                    : `To finish, run the rollback again with rollback-to: ${target.version}.`), { cause: error });
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Rolled back: @${championAlias} of '${name}' is v${target.version} again (was v${current.version}).`);
    return report;
}


/***/ }),

/***/ 5690:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C_: () => (/* binding */ TAG_PREFIX),
/* harmony export */   Kd: () => (/* binding */ evaluationTags),
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
/** Tags for the candidate version after an evaluation by the gate. */
function evaluationTags(report) {
    const candidate = report.candidate.metrics;
    const champion = report.champion;
    return tags([
        ['decision', report.decision],
        ['reasons', report.reasons.join(' ')],
        ['net_benefit', candidate.net_benefit.toFixed(2)],
        ['f1', candidate.f1],
        ['precision', candidate.precision],
        ['recall', candidate.recall],
        ['champion_version', champion?.version],
        ['champion_net_benefit', champion?.metrics.net_benefit.toFixed(2)],
        ['champion_f1', champion?.metrics.f1],
        ['threshold', report.policy.threshold],
        ['cost_model', report.policy.cost_model],
        ['min_net_benefit', report.policy.min_net_benefit ?? 'off'],
        ['min_f1', report.policy.min_f1 ?? 'off'],
        ['min_improvement', report.policy.min_improvement],
        ['test_set_sha256', report.test_set.sha256],
        ['test_set_rows', report.test_set.rows],
        ...runTags(report)
    ]);
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