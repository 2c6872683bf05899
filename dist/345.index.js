export const id = 345;
export const ids = [345];
export const modules = {

/***/ 5345:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runGateMode: () => (/* binding */ runGateMode)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 18 modules
var core = __webpack_require__(6257);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/registry/connect.ts + 6 modules
var connect = __webpack_require__(8873);
// EXTERNAL MODULE: ./src/report/build-report.ts
var build_report = __webpack_require__(4417);
// EXTERNAL MODULE: ./src/run-context.ts
var run_context = __webpack_require__(3564);
// EXTERNAL MODULE: ./src/version.ts
var src_version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/modes/model-evaluation.ts + 51 modules
var model_evaluation = __webpack_require__(8857);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/gate/decide.ts + 1 modules
var decide = __webpack_require__(2556);
// EXTERNAL MODULE: ./src/registry/evidence.ts
var evidence = __webpack_require__(5690);
// EXTERNAL MODULE: ./src/registry/http-transport.ts
var http_transport = __webpack_require__(4795);
// EXTERNAL MODULE: ./src/evaluation/model-thresholds.ts
var model_thresholds = __webpack_require__(1008);
;// CONCATENATED MODULE: ./src/modes/record-threshold.ts
/**
 * The one registry write of "each model at its own threshold", apart from
 * the rest of the promotion so that it moves with it as one call.
 */

/**
 * Records the new champion's decision threshold on its version (the
 * `threshold` tag), before it becomes champion: the next comparison then
 * judges it at the threshold it won at (src/evaluation/model-thresholds.ts).
 */
async function recordThreshold(registry, name, version, report, existing) {
    const written = [];
    const threshold = report.candidate.threshold ?? {
        value: report.policy.threshold,
        source: 'default'
    };
    for (const [key, value] of Object.entries((0,model_thresholds/* thresholdTag */.Af)(threshold))) {
        if (existing[key] === value)
            continue;
        await registry.client.setModelVersionTag(name, version, key, value);
        written.push(`${key}=${value} on v${version}`);
    }
    return written;
}

// EXTERNAL MODULE: ./src/modes/shared.ts
var shared = __webpack_require__(6915);
;// CONCATENATED MODULE: ./src/modes/promotion.ts
/**
 * The alias move of `mode: gate`: once the verdict is in, record it in the
 * registry. Fail closed: the writes come last, under the promotion lock
 * (shared by every run on the registry, see src/registry/promotion-lock.ts),
 * in an order that a re-run completes:
 *
 *   1. take the lock; re-read @champion: if it moved since the evaluation,
 *      another run won; stop before writing anything
 *   2. (a logged model that passed the floors) register it, or find the
 *      version an earlier run registered from the same source; set @candidate
 *   3. tag the candidate with the evidence, removing an earlier verdict's
 *   4. @previous-champion → the old champion
 *   5. @champion → the candidate
 *   6. release the lock
 *
 * On a reject only the evidence tags are written (and, for a logged model
 * that passed the floors, its registration), and no serving alias moves.
 */









/**
 * A promote of a version that a rollback moved @champion away from becomes
 * a reject unless `allow-repromote` is set: the rollback was somebody's
 * decision that this version should not serve.
 */
function refuseRepromotion(inputs, report, version) {
    const rollback = (0,evidence/* rolledBackFrom */.qe)(version.tags);
    if (!rollback || report.decision !== 'promote')
        return;
    const when = [
        rollback.at && `on ${rollback.at}`,
        rollback.runUrl && `by ${rollback.runUrl}`,
        rollback.reason && `(reason: ${rollback.reason})`
    ]
        .filter(Boolean)
        .join(' ');
    if (inputs['allow-repromote']) {
        report.notes.push(`v${version.version} was rolled back from ${when}; allow-repromote is true, so it is promoted again.`);
        return;
    }
    report.decision = 'reject';
    report.reasons.push(`v${version.version} was rolled back from ${when}; it passes the gate, but is not promoted again without allow-repromote: true.`);
}
/**
 * Records the verdict in the registry, under the promotion lock: on a
 * promote the alias move (steps 1-6 above); on a reject the evidence tags
 * alone. Fills in `report.registry` as it writes; a failure halfway says
 * what was written and how to finish.
 */
async function writeVerdict(registry, inputs, models, report, run) {
    const { client } = registry;
    const name = models.modelName;
    const outcome = report.registry;
    const championAlias = inputs['champion-alias'];
    const written = [];
    /** Set once this run registered the candidate: a re-run must name it, not register it again. */
    let registeredVersion;
    const failHalfway = (error) => {
        throw (0,shared/* halfwayError */.b4)(error, written, registeredVersion
            ? `To finish, run the gate again with candidate-version: ${registeredVersion} (a re-run with candidate-model-uri finds that version too).`
            : 'Run the job again to finish: each step is safe to repeat.');
    };
    if (models.candidate.kind === 'uri' && !(0,decide/* floorsPassed */.O)(report.gates)) {
        report.notes.push(`${models.candidate.uri} failed the floors, so it was not registered.`);
        core/* info */.pq(`Not registering ${models.candidate.uri}: it failed the floors.`);
        return;
    }
    if (models.candidate.kind === 'version') {
        refuseRepromotion(inputs, report, models.candidate.version);
    }
    const { lock, writeMarginMs } = await (0,shared/* takePromotionLock */.iG)(registry.lock, inputs, name, run);
    try {
        // The champion may have moved while this run was scoring: another run
        // won. Read under the lock, so no run can move it between this read and
        // the writes below (except a person editing aliases by hand). Another
        // run may also have created the registered model meanwhile.
        const exists = models.registered ||
            (await client.getRegisteredModel(name).catch(failHalfway)) !== undefined;
        const current = exists
            ? await client
                .getModelVersionByAlias(name, championAlias)
                .catch(failHalfway)
            : undefined;
        if (current?.version !== models.champion?.version) {
            const was = models.champion ? `v${models.champion.version}` : 'nothing';
            const now = current ? `v${current.version}` : 'nothing';
            outcome.new_champion_version = current?.version ?? null;
            if (report.decision === 'promote') {
                throw new errors/* UserError */.yo(`@${championAlias} of '${name}' moved from ${was} to ${now} while this run evaluated ${(0,model_evaluation/* describeCandidate */.pq)(models.candidate)}; ` +
                    `another run promoted first. Nothing was written to the registry by this run; ` +
                    `a re-run compares against ${now === 'nothing' ? 'the floors alone' : now}.`);
            }
            report.notes.push(`@${championAlias} moved from ${was} to ${now} while this run evaluated; this reject compared against ${was}, so nothing was written to the registry. A re-run compares against ${now}.`);
            return;
        }
        let candidateVersion = models.candidate.kind === 'version'
            ? models.candidate.version.version
            : undefined;
        if (models.candidate.kind === 'uri') {
            const uri = models.candidate.uri;
            let reused;
            try {
                // A create whose first try landed but whose answer was lost meets
                // RESOURCE_ALREADY_EXISTS on its retry (creation by name cannot tell
                // the two apart): either way the model now exists, which is all this
                // step needs, and a copy registered by an earlier try is looked for.
                const created = exists
                    ? false
                    : await createModelIfMissing(registry, name);
                if (created)
                    written.push(`created registered model '${name}'`);
                const source = await client.resolveModelSource(uri);
                reused =
                    exists || !created
                        ? await registeredCopyOf(registry, name, source)
                        : undefined;
                if (reused && reused.version === current?.version) {
                    // Registered and promoted by an earlier run of this gate.
                    outcome.new_champion_version = reused.version;
                    report.notes.push(`${uri} is already registered as v${reused.version}, which is @${championAlias}: nothing was written.`);
                    return;
                }
                if (reused) {
                    candidateVersion = (await client.waitForModelVersionReady(name, reused.version)).version;
                }
                else {
                    const created = await client.createModelVersion(name, source);
                    registeredVersion = created.version;
                    written.push(`registered ${uri} as v${created.version}`);
                    const ready = await client.waitForModelVersionReady(name, created.version);
                    candidateVersion = ready.version;
                }
            }
            catch (error) {
                failHalfway(error);
            }
            if (reused) {
                report.notes.push(`${uri} was already registered as v${candidateVersion}; that version is used, not registered again.`);
                refuseRepromotion(inputs, report, reused);
            }
            else {
                report.notes.push(`${uri} passed the floors and was registered as v${candidateVersion}.`);
            }
            Object.assign(report.candidate, (0,build_report/* versionRef */.qm)(name, candidateVersion, registry.versionUrl(name, candidateVersion)));
            try {
                await client.setAlias(name, inputs['candidate-alias'], candidateVersion);
                written.push(`@${inputs['candidate-alias']} → v${candidateVersion}`);
            }
            catch (error) {
                failHalfway(error);
            }
            core/* info */.pq(`Candidate ${uri} is ${name} v${candidateVersion} (@${inputs['candidate-alias']}).`);
        }
        if (candidateVersion === undefined)
            return;
        try {
            const fresh = (0,evidence/* evaluationTags */.Kd)(report);
            for (const [key, value] of Object.entries(fresh)) {
                await client.setModelVersionTag(name, candidateVersion, key, value);
            }
            // Each verdict replaces the whole set of evidence tags it owns.
            const existing = (await client.getModelVersion(name, candidateVersion))?.tags ?? {};
            const cleared = [];
            for (const key of (0,evidence/* staleEvaluationTagKeys */.Q1)(existing, report)) {
                try {
                    await client.deleteModelVersionTag(name, candidateVersion, key);
                }
                catch (error) {
                    // MLflow's basic-auth app asks MANAGE for deleting a tag, EDIT for
                    // setting one: with EDIT only, the stale value is blanked instead.
                    if (!(error instanceof http_transport/* RegistryApiError */.u4 && error.status === 403)) {
                        throw error;
                    }
                    await client.setModelVersionTag(name, candidateVersion, key, '');
                    cleared.push(key);
                }
            }
            if (cleared.length > 0) {
                report.notes.push(`Tags of an earlier verdict that this one does not set were blanked, not deleted (deleting a tag needs MANAGE permission): ${cleared.join(', ')}.`);
            }
            written.push(`evidence tags (${evidence/* TAG_PREFIX */.C_}*) on v${candidateVersion}`);
            if (report.decision !== 'promote')
                return;
            written.push(...(await recordThreshold(registry, name, candidateVersion, report, existing)));
            if (models.champion) {
                await lock.ensureHeld(writeMarginMs);
                await client.setAlias(name, inputs['previous-champion-alias'], models.champion.version);
                written.push(`@${inputs['previous-champion-alias']} → v${models.champion.version}`);
                outcome.previous_champion_version = models.champion.version;
            }
            else {
                // No champion now (never set, or its version was deleted): a
                // @previous-champion left from before still decides where a
                // rollback goes, so the report names it.
                const previous = await client.getModelVersionByAlias(name, inputs['previous-champion-alias']);
                if (previous) {
                    outcome.previous_champion_version = previous.version;
                    report.notes.push(`'${name}' had no @${championAlias}, but @${inputs['previous-champion-alias']} still points at v${previous.version} from before; a rollback would move @${championAlias} there.`);
                }
            }
            await lock.ensureHeld(writeMarginMs);
            await client.setAlias(name, championAlias, candidateVersion);
            written.push(`@${championAlias} → v${candidateVersion}`);
            outcome.alias_moved = true;
            outcome.new_champion_version = candidateVersion;
            core/* info */.pq(`Promoted: @${championAlias} of '${name}' now points at v${candidateVersion}.`);
        }
        catch (error) {
            failHalfway(error);
        }
    }
    finally {
        if (written.length > 0)
            outcome.written = written;
        await lock.release();
    }
}
/** Creates the registered model; false when it turned out to exist already. */
async function createModelIfMissing(registry, name) {
    try {
        await registry.client.createRegisteredModel(name);
        return true;
    }
    catch (error) {
        if (error instanceof http_transport/* RegistryApiError */.u4 &&
            error.errorCode === 'RESOURCE_ALREADY_EXISTS')
            return false;
        throw error;
    }
}
/**
 * The version of `name` an earlier run registered from the same source
 * (and run), if any: a re-run of a register-on-pass gate uses it instead of
 * registering another copy each time. The oldest such version wins.
 */
async function registeredCopyOf(registry, name, source) {
    return (await registry.client.searchModelVersions(name))
        .filter((v) => v.source === source.source &&
        (source.runId === undefined || v.run_id === source.runId) &&
        v.status !== 'FAILED_REGISTRATION')
        .sort((a, b) => Number(a.version) - Number(b.version))[0];
}

;// CONCATENATED MODULE: ./src/modes/gate-mode.ts
/**
 * `mode: gate`: evaluate the candidate against the champion and, on a win,
 * move the champion alias to it (promotion.ts: the alias move, its order
 * and its lock). Fail closed: nothing is written before the verdict. On an
 * event about a pull request nothing is written at all. A candidate that
 * already is the champion is reported unchanged without an evaluation.
 */









async function runGateMode(inputs, env, run) {
    (0,shared/* checkRegistryNames */.U7)(inputs, (0,shared/* requireInput */.oN)(inputs, 'model-name', 'the registered model whose champion alias is governed'));
    const registry = (0,connect.connectRegistry)(inputs, env);
    const models = await core/* group */.Os(`Resolve the models at ${registry.shownUri}`, () => (0,model_evaluation/* resolveModels */.LH)(registry, inputs));
    const outcome = (0,build_report/* registryOutcome */.Kp)({
        trackingUri: registry.shownUri,
        championAlias: inputs['champion-alias'],
        previousChampionAlias: inputs['previous-champion-alias'],
        candidateAlias: inputs['candidate-alias'],
        championVersion: models.champion?.version ?? null
    });
    if (models.candidate.kind === 'version' &&
        models.candidate.version.version === models.champion?.version) {
        return unchangedReport(inputs, registry, models, run, outcome);
    }
    if (models.candidate.kind === 'uri' && models.champion) {
        // A re-run of a register-on-pass gate that promoted: the logged model
        // already is the champion (read only; the writes look again under the lock).
        const copy = await registeredCopyOf(registry, models.modelName, await registry.client.resolveModelSource(models.candidate.uri));
        if (copy?.version === models.champion.version) {
            return unchangedReport(inputs, registry, models, run, outcome);
        }
    }
    let evaluated = inputs;
    if (!models.champion && inputs['champion-predictions']) {
        // No @champion in the registry: a file of "champion" predictions belongs
        // to no champion, and the report and tags must not speak of one.
        core/* warning */.$e(`'${models.modelName}' has no @${inputs['champion-alias']}, so champion-predictions (${inputs['champion-predictions']}) is not used: the floors alone decide the first champion.`);
        evaluated = { ...inputs, 'champion-predictions': undefined };
    }
    const report = await (0,model_evaluation/* evaluateModels */.eq)(evaluated, env, run, registry, models);
    report.registry = outcome;
    if (evaluated !== inputs) {
        report.notes.push(`'${models.modelName}' has no @${inputs['champion-alias']}: champion-predictions was not used.`);
    }
    const pullRequestEvent = (0,run_context/* pullRequestEventOf */.i_)(env, (path) => (0,external_node_fs_.readFileSync)(path, 'utf8'));
    if (pullRequestEvent) {
        report.notes.push(`On a ${pullRequestEvent} event the gate evaluates only: nothing in the registry was changed.`);
        core/* warning */.$e(`mode: gate on a ${pullRequestEvent} event evaluates only; the registry is not written from pull requests.`);
        return { ...report, mode: 'evaluate' };
    }
    await core/* group */.Os('Record the verdict in the registry', () => writeVerdict(registry, inputs, models, report, run));
    return report;
}
function unchangedReport(inputs, registry, models, run, outcome) {
    const version = models.champion.version;
    const ref = (0,build_report/* versionRef */.qm)(models.modelName, version, registry.versionUrl(models.modelName, version));
    core/* info */.pq(`v${version} is already @${inputs['champion-alias']}: nothing to do.`);
    return (0,build_report/* buildAliasReport */.zW)({
        mode: inputs.mode,
        modelName: models.modelName,
        decision: 'unchanged',
        notes: [
            `The candidate v${version} already is @${inputs['champion-alias']}: nothing was evaluated or changed.`
        ],
        candidate: ref,
        champion: ref,
        registry: outcome,
        run,
        toolVersion: src_version/* VERSION */.x,
        now: new Date()
    });
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

//# sourceMappingURL=345.index.js.map