export const id = 437;
export const ids = [437];
export const modules = {

/***/ 4437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runGateMode: () => (/* binding */ runGateMode)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6257);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _registry_evidence_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5690);
/* harmony import */ var _registry_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9721);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(311);
/* harmony import */ var _model_evaluation_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2628);
/**
 * `mode: gate`: evaluate the candidate against the champion and, on a win,
 * move the champion alias to it. Fail closed: nothing is written before the
 * verdict, and the writes come last, in an order that a re-run completes:
 *
 *   1. (a logged model that passed the floors) register it, set @candidate
 *   2. re-read @champion; if it moved since the evaluation, stop: another run won
 *   3. tag the candidate with the evidence
 *   4. @previous-champion → the old champion
 *   5. @champion → the candidate
 *
 * On a reject only the evidence tags are written (a registered candidate),
 * and no alias moves. On a pull_request event nothing is written at all.
 */






const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
async function runGateMode(inputs, env, run) {
    const registry = (0,_registry_connect_js__WEBPACK_IMPORTED_MODULE_2__.connectRegistry)(inputs, env);
    const models = await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os(`Resolve the models at ${registry.shownUri}`, () => (0,_model_evaluation_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveModels */ .LH)(registry, inputs));
    const outcome = {
        tracking_uri: registry.shownUri,
        champion_alias: inputs['champion-alias'],
        previous_champion_alias: inputs['previous-champion-alias'],
        alias_moved: false,
        new_champion_version: models.champion?.version ?? null,
        previous_champion_version: null
    };
    if (models.candidate.kind === 'version' &&
        models.candidate.version.version === models.champion?.version) {
        return unchangedReport(inputs, registry, models, run, outcome);
    }
    const report = await (0,_model_evaluation_js__WEBPACK_IMPORTED_MODULE_3__/* .evaluateModels */ .eq)(inputs, env, run, registry, models);
    report.registry = outcome;
    if (run.event && PULL_REQUEST_EVENTS.has(run.event)) {
        report.notes.push(`On a ${run.event} event the gate evaluates only: nothing in the registry was changed.`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`mode: gate on a ${run.event} event evaluates only; the registry is not written from pull requests.`);
        return { ...report, mode: 'evaluate' };
    }
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .group */ .Os('Record the verdict in the registry', () => writeVerdict(registry, inputs, models, report));
    return report;
}
/** Floors alone: a logged model is registered only if these pass. */
function floorsPass(report) {
    return report.gates
        .filter((g) => g.name === 'min-net-benefit' || g.name === 'min-f1')
        .every((g) => g.passed);
}
async function writeVerdict(registry, inputs, models, report) {
    const { client } = registry;
    const name = models.modelName;
    const written = [];
    /** Set once this run registered the candidate: a re-run must name it, not register it again. */
    let registeredVersion;
    const failHalfway = (error) => {
        const cause = error instanceof Error ? error.message : String(error);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(written.length === 0
            ? `${cause}\nNothing was written to the registry.`
            : `${cause}\nWritten before the failure: ${written.join('; ')}. ` +
                (registeredVersion
                    ? `To finish, run the gate again with candidate-version: ${registeredVersion} (with candidate-model-uri it would register the model once more).`
                    : 'Run the job again to finish: each step is safe to repeat.'), { cause: error });
    };
    let candidateVersion = models.candidate.kind === 'version'
        ? models.candidate.version.version
        : undefined;
    if (models.candidate.kind === 'uri') {
        if (!floorsPass(report)) {
            report.notes.push(`${models.candidate.uri} failed the floors, so it was not registered.`);
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Not registering ${models.candidate.uri}: it failed the floors.`);
            return;
        }
        try {
            if (!models.registered) {
                await client.createRegisteredModel(name);
                written.push(`created registered model '${name}'`);
            }
            const created = await client.registerModelVersion(name, models.candidate.uri);
            registeredVersion = created.version;
            written.push(`registered ${models.candidate.uri} as v${created.version}`);
            const ready = await client.waitForModelVersionReady(name, created.version);
            candidateVersion = ready.version;
            await client.setAlias(name, inputs['candidate-alias'], candidateVersion);
            written.push(`@${inputs['candidate-alias']} → v${candidateVersion}`);
        }
        catch (error) {
            failHalfway(error);
        }
        report.candidate.version = candidateVersion;
        report.candidate.model_uri = `models:/${name}/${candidateVersion}`;
        report.candidate.url = registry.versionUrl(name, candidateVersion);
        report.notes.push(`${models.candidate.uri} passed the floors and was registered as v${candidateVersion}.`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Registered ${models.candidate.uri} as ${name} v${candidateVersion} (@${inputs['candidate-alias']}).`);
    }
    if (candidateVersion === undefined)
        return;
    if (report.decision === 'promote') {
        // The champion may have moved while this run was scoring: another run won.
        const current = await client
            .getModelVersionByAlias(name, inputs['champion-alias'])
            .catch(failHalfway);
        if (current?.version !== models.champion?.version) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GateError */ .ue(`@${inputs['champion-alias']} of '${name}' moved from ${models.champion ? `v${models.champion.version}` : 'nothing'} to ` +
                `${current ? `v${current.version}` : 'nothing'} while this run evaluated ${(0,_model_evaluation_js__WEBPACK_IMPORTED_MODULE_3__/* .describeCandidate */ .pq)(models.candidate)}; ` +
                `another run promoted first. No alias was moved${written.length > 0 ? ` (written before: ${written.join('; ')})` : ''}; ` +
                (registeredVersion
                    ? `run the gate again with candidate-version: ${registeredVersion} to compare it with the new champion.`
                    : 'run the gate again to compare with the new champion.'));
        }
    }
    try {
        for (const [key, value] of Object.entries((0,_registry_evidence_js__WEBPACK_IMPORTED_MODULE_4__/* .evaluationTags */ .Kd)(report))) {
            await client.setModelVersionTag(name, candidateVersion, key, value);
        }
        written.push(`evidence tags (${_registry_evidence_js__WEBPACK_IMPORTED_MODULE_4__/* .TAG_PREFIX */ .C_}*) on v${candidateVersion}`);
        if (report.decision !== 'promote')
            return;
        const outcome = report.registry;
        if (models.champion) {
            await client.setAlias(name, inputs['previous-champion-alias'], models.champion.version);
            written.push(`@${inputs['previous-champion-alias']} → v${models.champion.version}`);
            outcome.previous_champion_version = models.champion.version;
        }
        await client.setAlias(name, inputs['champion-alias'], candidateVersion);
        written.push(`@${inputs['champion-alias']} → v${candidateVersion}`);
        outcome.alias_moved = true;
        outcome.new_champion_version = candidateVersion;
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Promoted: @${inputs['champion-alias']} of '${name}' now points at v${candidateVersion}.`);
    }
    catch (error) {
        failHalfway(error);
    }
}
function unchangedReport(inputs, registry, models, run, outcome) {
    const version = models.champion.version;
    const ref = {
        version,
        model_uri: `models:/${models.modelName}/${version}`,
        url: registry.versionUrl(models.modelName, version)
    };
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`v${version} is already @${inputs['champion-alias']}: nothing to do.`);
    return {
        schema: 1,
        tool: { name: 'champion-gate', version: _version_js__WEBPACK_IMPORTED_MODULE_5__/* .VERSION */ .x },
        mode: inputs.mode,
        model_name: models.modelName,
        decision: 'unchanged',
        reasons: [],
        notes: [
            `The candidate v${version} already is @${inputs['champion-alias']}: nothing was evaluated or changed.`
        ],
        candidate: ref,
        champion: ref,
        registry: outcome,
        run,
        created_at: new Date().toISOString()
    };
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

//# sourceMappingURL=437.index.js.map