import './sourcemap-register.cjs';import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/errors.ts
/**
 * The typed errors that helpers throw. Only `run()` turns them into a failed
 * step (one `::error::` line); every message here is written for the person
 * who reads that line: what is wrong, where (input, file, line), what to fix.
 */
/** Base class: anything the user can fix. `message` is shown as-is. */
class errors_UserError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = new.target.name;
    }
}
/** An action input is missing, misspelt or out of range. */
class InputError extends errors_UserError {
    input;
    constructor(input, detail) {
        super(`Input '${input}': ${detail}`);
        this.input = input;
    }
}
/** A data file (test set, predictions, scorer output) is unreadable or wrong. */
class errors_DataError extends errors_UserError {
    file;
    line;
    detail;
    constructor(file, line, detail) {
        super(`${line === undefined ? file : `${file}:${line}`}: ${detail}`);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }
}
/** A child process (the score command) failed. */
class CommandError extends (/* unused pure expression or super */ null && (errors_UserError)) {
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/data/number-syntax.ts
/**
 * The syntax of a number in a data file, shared by the exact cost parser
 * (`parseDecimalBytes` in `metrics/decimal.ts`, the one byte scanner of it)
 * and the score parser (`parse-number.ts`, which takes its double from that
 * scanner past a 15-digit fast path that `npm run bench:numbers` shows pays): the
 * syntax of Python's `float()` and `Decimal()`, minus what the gate refuses
 * on purpose. A value is never read as a different number than Python reads
 * it; where Python reads a number and the gate does not, `numberProblem`
 * says why, and the run stops (see README, "Numbers in data files").
 */
/** Plain decimal syntax: `-12.5`, `.5`, `5.`, `1e-3` (after the blanks are trimmed). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/**
 * The blanks Python's `float()` strips around a number: `str.isspace()`
 * characters except U+001C–U+001F (which `float()` refuses). JavaScript's
 * `trim()` differs (it strips U+FEFF, keeps U+0085), so it is not used.
 */
const BLANKS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_BLANKS = new RegExp(`^[${BLANKS}]+`);
const TRAILING_BLANKS = new RegExp(`[${BLANKS}]+$`);
/** Text without the blanks `float()` and `Decimal()` strip around a number. */
function number_syntax_trimNumberBlanks(text) {
    return text.replace(LEADING_BLANKS, '').replace(TRAILING_BLANKS, '');
}
const number_syntax_NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;
// Python's grammar for digits: single underscores between digits allowed.
const DIGITS = '\\d(?:_?\\d)*';
const number_syntax_UNDERSCORED = new RegExp(`^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const number_syntax_NON_ASCII = /[^\p{ASCII}]/u;
/**
 * Why text that Python's `float()` (or `Decimal`) would read as a number is
 * not one here; undefined when it is one here too, or when Python would
 * refuse it as well (then it is text, e.g. a label).
 */
function numberProblem(text) {
    const trimmed = number_syntax_trimNumberBlanks(text);
    if (number_syntax_NOT_FINITE.test(trimmed))
        return 'is not a finite number (Python reads it as NaN or infinity)';
    if (NUMBER.test(trimmed))
        return Number.isFinite(Number(trimmed))
            ? undefined
            : 'is too large for a 64-bit float (Python reads it as infinity)';
    if (number_syntax_UNDERSCORED.test(trimmed))
        return "uses '_' between digits; Python's float() reads it as a number but pandas and most tools read text: write the number without '_'";
    if (number_syntax_NON_ASCII.test(trimmed)) {
        const ascii = trimmed.replace(/\p{Nd}/gu, '0');
        if (NUMBER.test(ascii) || number_syntax_UNDERSCORED.test(ascii))
            return 'has digits that are not ASCII 0-9; write the number with ASCII digits';
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/metrics/decimal.ts
/**
 * Exact decimal money arithmetic for net benefit.
 *
 * Costs arrive as decimal text ("123.45", a column of amounts). Summing them
 * as binary floats drifts; summing them as integers at their own scale does
 * not. A value is `mantissa / 10^scale` with an integer mantissa kept below
 * 2^53, so every add in the hot loop is an exact float add; the few sums that
 * grow large are moved into a bigint.
 */

/** The largest scale (digits after the point) a value may carry. */
const MAX_SCALE = 15;
/** Powers of ten that are exact doubles (10^0 … 10^22). */
const decimal_POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** The largest mantissa a single value may have in the hot loop (2^52). */
const decimal_MANTISSA_LIMIT = 2 ** 52;
const SAFE = Number.MAX_SAFE_INTEGER;
/** Room kept below 2^53 so that adding one more mantissa is still exact. */
const FLUSH_AT = SAFE - decimal_MANTISSA_LIMIT;
/** The largest exponent written in a cost that is read (`0e999999` is 0; `1e9999999` is refused). */
const MAX_EXPONENT = 999_999;
function isAsciiBlank(c) {
    return c === 32 || (c >= 9 && c <= 13);
}
/**
 * Parses decimal text such as `-12.50`, `3`, `1e3`, `0.000125` into an exact
 * mantissa and scale, reading what Python's `Decimal` reads. Writes into
 * `out` (to keep the hot loop allocation free) and returns false when the
 * text is not a finite decimal number or is outside what the hot loop holds
 * exactly: at most 15 significant digits (trailing zeros are not
 * significant: `12.340000000000000000` has 4), at most 15 digits after the
 * point once those zeros are dropped (`1.5e-16` needs 17), and at most 2^52
 * at that scale. `decimalProblem` says which, for the message.
 */
function parseDecimalBytes(bytes, start, end, out) {
    while (start < end && isAsciiBlank(bytes[start]))
        start++;
    while (end > start && isAsciiBlank(bytes[end - 1]))
        end--;
    if (start === end)
        return false;
    let i = start;
    let negative = false;
    const first = bytes[i];
    if (first === 45 || first === 43) {
        negative = first === 45;
        i++;
    }
    // The significant digits so far, without zeros after the last non-zero
    // digit (`zeros` of them, added only when another non-zero digit follows).
    let mantissa = 0;
    let digits = 0;
    let zeros = 0;
    let fraction = 0;
    let seenDigit = false;
    let seenPoint = false;
    for (; i < end; i++) {
        const c = bytes[i];
        if (c >= 48 && c <= 57) {
            seenDigit = true;
            if (seenPoint)
                fraction++;
            if (c === 48) {
                if (digits > 0)
                    zeros++;
                continue;
            }
            digits += zeros + 1;
            if (digits > 15)
                return notAscii(bytes, start, end, out);
            mantissa = mantissa * decimal_POW10[zeros + 1] + (c - 48);
            zeros = 0;
        }
        else if (c === 46 && !seenPoint) {
            seenPoint = true;
        }
        else
            break;
    }
    if (!seenDigit)
        return notAscii(bytes, start, end, out);
    let exponent = 0;
    if (i < end) {
        const e = bytes[i];
        if (e !== 101 && e !== 69)
            return notAscii(bytes, start, end, out);
        i++;
        let expNegative = false;
        if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
            expNegative = bytes[i] === 45;
            i++;
        }
        if (i === end)
            return false;
        for (; i < end; i++) {
            const c = bytes[i];
            if (c < 48 || c > 57)
                return notAscii(bytes, start, end, out);
            exponent = exponent * 10 + (c - 48);
            if (exponent > MAX_EXPONENT)
                return false;
        }
        if (expNegative)
            exponent = -exponent;
    }
    if (mantissa === 0) {
        // Zero, whatever its sign or exponent (Python: Decimal('-0') == 0).
        out.mantissa = 0;
        out.scale = 0;
        return true;
    }
    let scale = fraction - zeros - exponent;
    if (scale > MAX_SCALE)
        return false;
    if (scale < 0) {
        if (digits - scale > 16)
            return false;
        mantissa *= decimal_POW10[-scale];
        scale = 0;
    }
    if (mantissa > decimal_MANTISSA_LIMIT)
        return false;
    out.mantissa = negative ? -mantissa : mantissa;
    out.scale = scale;
    return true;
}
const bytesDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const textEncoder = new TextEncoder();
/**
 * The rare case of a non-ASCII byte: Unicode blanks around the number (a
 * non-breaking space from a spreadsheet) are stripped as Python strips them;
 * anything else non-ASCII is no number here.
 */
function notAscii(bytes, start, end, out) {
    let ascii = true;
    for (let i = start; i < end; i++)
        if (bytes[i] > 127)
            ascii = false;
    if (ascii)
        return false;
    const trimmed = number_syntax_trimNumberBlanks(bytesDecoder.decode(bytes.subarray(start, end)));
    if (number_syntax_NON_ASCII.test(trimmed))
        return false;
    const plain = textEncoder.encode(trimmed);
    return parseDecimalBytes(plain, 0, plain.length, out);
}
/** Parses decimal text exactly; undefined when it is not one (see `decimalProblem`). */
function parseDecimal(text) {
    const bytes = textEncoder.encode(text);
    const out = { mantissa: 0, scale: 0 };
    if (!parseDecimalBytes(bytes, 0, bytes.length, out))
        return undefined;
    return { mantissa: BigInt(out.mantissa), scale: out.scale };
}
/** U+001C-U+001F: blanks to Python's Decimal, not to float(); refused here. */
function isSeparatorControl(c) {
    return c >= 0x1c && c <= 0x1f;
}
const DECIMAL_PARTS = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/**
 * Why `parseDecimal` refuses this text, in words for an error message
 * ("has 17 significant digits; …"). Call it only for refused text.
 */
function decimalProblem(text) {
    const trimmed = trimNumberBlanks(text);
    if (trimmed === '')
        return 'is empty';
    if (NOT_FINITE.test(trimmed))
        return 'is not a finite number';
    if (trimmed.includes('_') && UNDERSCORED.test(trimmed.replace(/_+/g, '_')))
        return "uses '_' between digits; write the number without '_'";
    if (NON_ASCII.test(trimmed)) {
        const ascii = trimmed.replace(/\p{Nd}/gu, '0');
        return DECIMAL_PARTS.test(ascii) && /\d/.test(ascii)
            ? 'has digits that are not ASCII 0-9; write the number with ASCII digits'
            : 'is not a number (write it like 1250.50: no currency sign, no thousands separators)';
    }
    const parts = DECIMAL_PARTS.exec(trimmed);
    if (!parts || (parts[1] + (parts[2] ?? '')).length === 0)
        return isSeparatorControl(trimmed.charCodeAt(0)) ||
            isSeparatorControl(trimmed.charCodeAt(trimmed.length - 1))
            ? 'has control characters U+001C-U+001F around it; remove them'
            : 'is not a number (write it like 1250.50: no currency sign, no thousands separators)';
    const exponent = BigInt(parts[3] ?? '0');
    if (exponent > BigInt(MAX_EXPONENT) || exponent < -BigInt(MAX_EXPONENT))
        return `has an exponent beyond ±${MAX_EXPONENT}`;
    const all = (parts[1] + (parts[2] ?? '')).replace(/^0+/, '');
    const significant = all.replace(/0+$/, '');
    const trailing = all.length - significant.length;
    const scale = (parts[2] ?? '').length - trailing - Number(exponent);
    if (significant.length > 15)
        return `has ${significant.length} significant digits; a cost may have at most 15`;
    if (scale > MAX_SCALE)
        return `has ${scale} digits after the decimal point once written out; a cost may have at most ${MAX_SCALE}`;
    return `is larger than ${decimal_MANTISSA_LIMIT} (2^52), the largest cost champion-gate sums exactly`;
}
/** Brings two decimals to a common scale. */
function align(a, b) {
    const scale = Math.max(a.scale, b.scale);
    return [
        a.mantissa * 10n ** BigInt(scale - a.scale),
        b.mantissa * 10n ** BigInt(scale - b.scale),
        scale
    ];
}
function decimal_addDecimal(a, b) {
    const [x, y, scale] = align(a, b);
    return { mantissa: x + y, scale };
}
function decimal_subtractDecimal(a, b) {
    const [x, y, scale] = align(a, b);
    return { mantissa: x - y, scale };
}
function decimal_multiplyDecimal(a, count) {
    return { mantissa: a.mantissa * BigInt(count), scale: a.scale };
}
function decimal_compareDecimal(a, b) {
    const [x, y] = align(a, b);
    return x < y ? -1 : x > y ? 1 : 0;
}
/**
 * Rounds to `scale` digits after the point, half away from zero (as money
 * is rounded on paper), and returns the exact result at that scale.
 */
function roundDecimal(value, scale) {
    if (value.scale <= scale) {
        return {
            mantissa: value.mantissa * 10n ** BigInt(scale - value.scale),
            scale
        };
    }
    const divisor = 10n ** BigInt(value.scale - scale);
    const negative = value.mantissa < 0n;
    const magnitude = negative ? -value.mantissa : value.mantissa;
    let rounded = magnitude / divisor;
    if ((magnitude % divisor) * 2n >= divisor)
        rounded += 1n;
    return { mantissa: negative ? -rounded : rounded, scale };
}
/** Rounds to cents (see `roundDecimal`): the precision net benefit is judged at. */
function decimal_roundToCents(value) {
    return roundDecimal(value, 2);
}
/** Exact decimal text, e.g. `79372.10` for mantissa 7937210, scale 2. */
function decimalToString(value) {
    if (value.scale === 0)
        return value.mantissa.toString();
    const negative = value.mantissa < 0n;
    const digits = (negative ? -value.mantissa : value.mantissa)
        .toString()
        .padStart(value.scale + 1, '0');
    const cut = digits.length - value.scale;
    return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}
/**
 * The inverse of `decimalToString`, for the exact text the report itself
 * carries (`"98765431209876.40"`): any number of digits, no exponent, no
 * blanks. User input goes through `parseDecimal`, which checks its limits.
 */
function decimalFromString(text) {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!match)
        throw new Error(`not an exact decimal: '${text}'`);
    const [, sign, whole, fraction = ''] = match;
    const magnitude = BigInt(whole + fraction);
    return {
        mantissa: sign === '-' ? -magnitude : magnitude,
        scale: fraction.length
    };
}
/** The nearest double (for JSON and charts; the exact value stays above). */
function decimal_decimalToNumber(value) {
    return Number(decimalToString(value));
}
/**
 * An exact running sum of decimals, fed from the hot loop with plain numbers:
 * one float accumulator per scale, each kept below 2^53, flushed into a
 * bigint before it could lose a digit.
 */
class decimal_ExactSum {
    small = new Float64Array(MAX_SCALE + 1);
    big = new Array(MAX_SCALE + 1).fill(0n);
    /** Adds `mantissa / 10^scale`; `|mantissa|` must not exceed 2^52. */
    add(mantissa, scale) {
        const next = this.small[scale] + mantissa;
        if (next > FLUSH_AT || next < -FLUSH_AT) {
            this.big[scale] += BigInt(next);
            this.small[scale] = 0;
        }
        else {
            this.small[scale] = next;
        }
    }
    /** Adds `count` copies of a decimal. */
    addTimes(value, count) {
        this.big[value.scale] += value.mantissa * BigInt(count);
    }
    /** Adds another sum into this one. */
    merge(other) {
        for (let s = 0; s <= MAX_SCALE; s++) {
            this.big[s] += other.big[s] + BigInt(other.small[s]);
        }
    }
    total() {
        let scale = 0;
        for (let s = 0; s <= MAX_SCALE; s++) {
            if (this.small[s] !== 0 || this.big[s] !== 0n)
                scale = s;
        }
        let mantissa = 0n;
        for (let s = 0; s <= scale; s++) {
            const part = this.big[s] + BigInt(this.small[s]);
            mantissa += part * 10n ** BigInt(scale - s);
        }
        return { mantissa, scale };
    }
}

;// CONCATENATED MODULE: ./src/metrics/net-benefit.ts
/**
 * Net benefit in dollars: the cost of flagging nothing minus the cost of the
 * model's decisions. Flagging a row changes its cost from "missed" to
 * "caught" (a positive: cost_fn → cost_tp) or from "left alone" to "false
 * alarm" (a negative: cost_tn → cost_fp), so
 *
 *   net benefit = Σ over TP of (cost_fn − cost_tp) + Σ over FP of (cost_tn − cost_fp)
 *
 * With cost_fn = amount and cost_tp = cost_fp = 5 this is "fraud dollars
 * caught minus $5 per alert". Each cost is a constant or a per-row column.
 */

/** The cost-matrix entries in input order, with their action input names. */
const COST_INPUTS = (/* unused pure expression or super */ null && ([
    ['truePositive', 'cost-true-positive'],
    ['falsePositive', 'cost-false-positive'],
    ['falseNegative', 'cost-false-negative'],
    ['trueNegative', 'cost-true-negative']
]));
/**
 * The formula, once: flagging a row of each class moves its cost from the
 * `missed` entry to the `flagged` one, so its benefit is missed − flagged.
 */
const FLAGGING = {
    positive: { missed: 'falseNegative', flagged: 'truePositive' },
    negative: { missed: 'trueNegative', flagged: 'falsePositive' }
};
/**
 * The benefit of flagging a row of this class when both of its costs are
 * constants; undefined when either is a per-row column.
 */
function classBenefit(costs, rowClass) {
    const missed = costs[FLAGGING[rowClass].missed];
    const flagged = costs[FLAGGING[rowClass].flagged];
    return missed.kind === 'constant' && flagged.kind === 'constant'
        ? subtractDecimal(missed.value, flagged.value)
        : undefined;
}
/**
 * The benefit of flagging a positive and a negative row when every cost is a
 * constant; undefined when any cost is a per-row column.
 */
function constantBenefits(costs) {
    const positive = classBenefit(costs, 'positive');
    const negative = classBenefit(costs, 'negative');
    return positive && negative ? { positive, negative } : undefined;
}
/**
 * One row's benefit if flagged, exactly: `missed − flagged` (the two costs
 * `FLAGGING` names for its class), written into `out` at the larger of their
 * scales so the hot loop allocates nothing. False when the result needs more
 * than the 2^52 mantissa the exact sum holds.
 */
function rowBenefit(missed, flagged, out) {
    const scale = missed.scale > flagged.scale ? missed.scale : flagged.scale;
    const mantissa = missed.mantissa * POW10[scale - missed.scale] -
        flagged.mantissa * POW10[scale - flagged.scale];
    if (mantissa > MANTISSA_LIMIT || mantissa < -MANTISSA_LIMIT)
        return false;
    out.mantissa = mantissa;
    out.scale = scale;
    return true;
}
/**
 * Net benefit, exactly, rounded to cents (the figure the gate compares and
 * the report shows): with constant costs TP × the positive benefit + FP ×
 * the negative one; with per-row costs the exact sum of the flagged rows'
 * benefits.
 */
function netBenefitInCents(rows, constant) {
    if (!constant)
        return roundToCents(rows.flaggedBenefit.total());
    return roundToCents(addDecimal(multiplyDecimal(constant.positive, rows.tp), multiplyDecimal(constant.negative, rows.fp)));
}
/**
 * The same from counts, as the nearest double: for the net-benefit curve,
 * whose points are drawn, not compared.
 */
function net_benefit_approximateNetBenefit(flaggedPositives, flaggedNegatives, perClass) {
    return (flaggedPositives * perClass.positive + flaggedNegatives * perClass.negative);
}
/** The cost model in words, e.g. `FN = amount, TP = 5, FP = 5, TN = 0`. */
function describeCostModel(costs) {
    const show = (spec) => spec.kind === 'constant' ? spec.text : `column '${spec.column}'`;
    return [
        `TP ${show(costs.truePositive)}`,
        `FP ${show(costs.falsePositive)}`,
        `FN ${show(costs.falseNegative)}`,
        `TN ${show(costs.trueNegative)}`
    ].join(', ');
}

;// CONCATENATED MODULE: ./src/metrics/segments.ts
/**
 * No segment left worse: a model's confusion counts and exact net benefit
 * per group of a test-set column (`segment-column`, e.g. a region or a
 * merchant category), fed by the same one pass as the model's totals. A
 * candidate that wins on average can still lose a whole region; risk
 * committees ask for that region by name.
 *
 * Groups are numbered by the test-set reader in order of first appearance
 * (at most MAX_SEGMENTS of them); each row carries its group number. The
 * counts live in typed arrays indexed by group, and the exact sums of
 * per-row benefits in one `ExactSum` per group, made when the group's first
 * flagged row arrives: nothing is allocated per row.
 */



/** More groups than this is an error (a column of ids, not of segments). */
const MAX_SEGMENTS = 1000;
/** One model's tallies per segment. */
class segments_SegmentTallies {
    tp = new Float64Array(MAX_SEGMENTS);
    fp = new Float64Array(MAX_SEGMENTS);
    fn = new Float64Array(MAX_SEGMENTS);
    tn = new Float64Array(MAX_SEGMENTS);
    /** Per group, Σ benefit over flagged rows, exact (per-row costs only). */
    flaggedBenefit = [];
    /** Adds rows [0, count) of a batch whose rows carry their group (`batch.segments`). */
    addBatch(batch, codes, count) {
        const { labels, segments, benefitMantissa, benefitScale } = batch;
        if (!segments)
            return;
        const { tp, fp, fn, tn } = this;
        const sums = this.flaggedBenefit;
        for (let i = 0; i < count; i++) {
            const group = segments[i];
            const flagged = codes[i] >= FLAGGED;
            if (labels[i] === 1) {
                if (flagged)
                    tp[group]++;
                else
                    fn[group]++;
            }
            else if (flagged)
                fp[group]++;
            else
                tn[group]++;
            if (flagged && benefitMantissa && benefitScale)
                (sums[group] ??= new ExactSum()).add(benefitMantissa[i], benefitScale[i]);
        }
    }
    /** A group's counts and exact flagged-benefit sum, as `netBenefitInCents` reads them. */
    group(k) {
        return {
            tp: this.tp[k],
            fp: this.fp[k],
            fn: this.fn[k],
            tn: this.tn[k],
            flaggedBenefit: this.flaggedBenefit[k] ?? new ExactSum()
        };
    }
}
/**
 * The report's `segments` and the worst segment, from both models' tallies.
 * `netBenefit` turns a group's tallies into exact dollars at cents (the
 * same rule as the models' totals); `plain` writes them as plain digits.
 */
function segmentsReport(column, values, candidate, champion, netBenefit, plain) {
    const model = (tallies, k) => {
        const group = tallies.group(k);
        const net = netBenefit(group);
        const { tp, fp, fn, tn } = group;
        return {
            entry: {
                tp,
                fp,
                fn,
                tn,
                f1: classificationMetrics(group).f1,
                net_benefit: decimalToNumber(net),
                net_benefit_exact: plain(net)
            },
            net
        };
    };
    const rows = values.map((value, k) => {
        const c = model(candidate, k);
        const h = champion ? model(champion, k) : undefined;
        const delta = h ? subtractDecimal(c.net, h.net) : undefined;
        const { tp, fp, fn, tn } = c.entry;
        return {
            order: k,
            delta,
            c,
            h,
            group: {
                value,
                rows: tp + fp + fn + tn,
                positives: tp + fn,
                candidate: c.entry,
                champion: h ? h.entry : null,
                delta_net_benefit: delta ? decimalToNumber(delta) : null,
                delta_net_benefit_exact: delta ? plain(delta) : null
            }
        };
    });
    // The largest losses first; ties (and runs without a champion) in order
    // of first appearance.
    rows.sort((a, b) => {
        const loss = a.delta && b.delta ? compareDecimal(a.delta, b.delta) : 0;
        return loss !== 0 ? loss : a.order - b.order;
    });
    const first = rows[0];
    return {
        report: { column, groups: rows.map((r) => r.group) },
        worst: first?.delta && first.h
            ? {
                column,
                value: first.group.value,
                candidate: first.c.net,
                champion: first.h.net,
                difference: first.delta
            }
            : undefined
    };
}

;// CONCATENATED MODULE: ./src/metrics/model-accumulator.ts
/**
 * The per-model accumulator fed by the one pass over the data: confusion
 * counts at the operating threshold, the exact net-benefit sum, and a score
 * histogram per class from which the net-benefit-versus-threshold curve is
 * drawn afterwards (so the chart costs no second pass).
 *
 * Rows arrive in batches of typed arrays; nothing here allocates per row.
 */



/** The curve is drawn at thresholds 0.00, 0.01, …, 1.00. */
const CURVE_STEPS = 100;
/** Histogram slot for hard-label positive predictions (flagged at any threshold). */
const ALWAYS = CURVE_STEPS + 1;
/** Histogram slot for hard-label negative predictions (never flagged). */
const NEVER = CURVE_STEPS + 2;
const SLOTS = CURVE_STEPS + 3;
/** Score recorded for a prediction that equals the positive label. */
const HARD_POSITIVE = 2;
/** Score recorded for a prediction that is the other label. */
const HARD_NEGATIVE = -1;
/** Threshold k / 100, computed the way a parsed "0.kk" compares. */
const EDGES = Float64Array.from({ length: CURVE_STEPS + 1 }, (_, k) => k === CURVE_STEPS ? 1 : k / CURVE_STEPS);
/** The histogram slot j such that the score is flagged at EDGES[k] iff k <= j. */
function curveSlot(score) {
    if (score > 1)
        return ALWAYS;
    if (score < 0)
        return NEVER;
    let j = Math.floor(score * CURVE_STEPS);
    if (j < CURVE_STEPS && EDGES[j + 1] <= score)
        j++;
    else if (j > 0 && EDGES[j] > score)
        j--;
    return j;
}
class ModelAccumulator {
    tp = 0;
    fp = 0;
    fn = 0;
    tn = 0;
    /** Σ benefit over flagged rows, exact; used when costs are per row. */
    flaggedBenefit = new ExactSum();
    slotPositives = new Float64Array(SLOTS);
    slotNegatives = new Float64Array(SLOTS);
    slotBenefit = new Float64Array(SLOTS);
    /** Per segment, made by the first batch whose rows carry one (`segment-column`). */
    segments;
    /**
     * Adds rows [0, count) of a batch, with this model's decision codes for
     * them (see `decisionCodes`).
     */
    addBatch(batch, codes, count) {
        if (batch.segments)
            (this.segments ??= new SegmentTallies()).addBatch(batch, codes, count);
        const { labels, benefitMantissa, benefitScale, benefitValue } = batch;
        const positives = this.slotPositives;
        const negatives = this.slotNegatives;
        let tp = this.tp;
        let fp = this.fp;
        let fn = this.fn;
        let tn = this.tn;
        if (benefitMantissa && benefitScale && benefitValue) {
            const exact = this.flaggedBenefit;
            const slotBenefit = this.slotBenefit;
            for (let i = 0; i < count; i++) {
                const code = codes[i];
                const slot = code & SLOT_MASK;
                slotBenefit[slot] += benefitValue[i];
                const flagged = code >= model_accumulator_FLAGGED;
                if (labels[i] === 1) {
                    positives[slot]++;
                    if (flagged)
                        tp++;
                    else
                        fn++;
                }
                else {
                    negatives[slot]++;
                    if (flagged)
                        fp++;
                    else
                        tn++;
                }
                if (flagged)
                    exact.add(benefitMantissa[i], benefitScale[i]);
            }
        }
        else {
            for (let i = 0; i < count; i++) {
                const code = codes[i];
                const slot = code & SLOT_MASK;
                if (labels[i] === 1) {
                    positives[slot]++;
                    if (code >= model_accumulator_FLAGGED)
                        tp++;
                    else
                        fn++;
                }
                else {
                    negatives[slot]++;
                    if (code >= model_accumulator_FLAGGED)
                        fp++;
                    else
                        tn++;
                }
            }
        }
        this.tp = tp;
        this.fp = fp;
        this.fn = fn;
        this.tn = tn;
    }
}
/** Decision code bit: the score is at or above the threshold. */
const model_accumulator_FLAGGED = 0x80;
const SLOT_MASK = 0x7f;
/**
 * All the pass needs of a score, in one byte: its histogram slot and
 * whether it is flagged at the operating threshold (`score >= threshold`,
 * decided here on the exact double). Compact enough to cross between
 * threads cheaply.
 */
function decisionCodes(scores, count, threshold, out) {
    for (let i = 0; i < count; i++)
        out[i] = decisionCode(scores[i], threshold);
    return out;
}
/** One score's decision code. */
function decisionCode(score, threshold) {
    return curveSlot(score) | (score >= threshold ? model_accumulator_FLAGGED : 0);
}
/**
 * Net benefit at each threshold 0.00 … 1.00, from the histogram. With
 * constant costs the benefit per class is given; with per-row costs it was
 * summed per slot during the pass.
 */
function netBenefitCurve(accumulator, constant) {
    const perClass = constant && {
        positive: decimalToNumber(constant.positive),
        negative: decimalToNumber(constant.negative)
    };
    const slotValue = (slot) => perClass
        ? approximateNetBenefit(accumulator.slotPositives[slot], accumulator.slotNegatives[slot], perClass)
        : accumulator.slotBenefit[slot];
    const points = [];
    let running = slotValue(ALWAYS);
    const reversed = [];
    for (let k = CURVE_STEPS; k >= 0; k--) {
        running += slotValue(k);
        reversed.push(running);
    }
    for (let k = 0; k <= CURVE_STEPS; k++) {
        points.push({ threshold: EDGES[k], netBenefit: reversed[CURVE_STEPS - k] });
    }
    return points;
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: external "module"
const external_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");
;// CONCATENATED MODULE: ./node_modules/fflate/esm/index.mjs

var esm_require = (0,external_module_namespaceObject.createRequire)('/');
// DEFLATE is a complex format; to read this code, you should probably check the RFC first:
// https://tools.ietf.org/html/rfc1951
// You may also wish to take a look at the guide I made about this program:
// https://gist.github.com/101arrowz/253f31eb5abc3d9275ab943003ffecad
// Some of the following code is similar to that of UZIP.js:
// https://github.com/photopea/UZIP.js
// However, the vast majority of the codebase has diverged from UZIP.js to increase performance and reduce bundle size.
// Sometimes 0 will appear where -1 would be more appropriate. This is because using a uint
// is better for memory in most engines (I *think*).
var _a;
// Mediocre shim
var Worker;
var isMarkedAsUntransferable;
var workerAdd = ";var __w=require('worker_threads');__w.parentPort.on('message',function(m){onmessage({data:m})}),postMessage=function(m,t){__w.parentPort.postMessage(m,t)},close=process.exit;self=global";
try {
    (_a = esm_require('worker_threads'), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable);
}
catch (e) {
}
var wk = (/* unused pure expression or super */ null && (Worker ? function (c, _, msg, transfer, cb) {
    var done = false;
    var w = new Worker(c + workerAdd, { eval: true })
        .on('error', function (e) { return cb(e, null); })
        .on('message', function (m) { return cb(null, m); })
        .on('exit', function (c) {
        if (c && !done)
            cb(new Error('exited with code ' + c), null);
    });
    if (isMarkedAsUntransferable)
        transfer = transfer.filter(function (t) { return !isMarkedAsUntransferable(t); });
    w.postMessage(msg, transfer);
    w.terminate = function () {
        done = true;
        return Worker.prototype.terminate.call(w);
    };
    return w;
} : function (_, __, ___, ____, cb) {
    setImmediate(function () { return cb(new Error('async operations unsupported - update to Node 12+ (or Node 10-11 with the --experimental-worker CLI flag)'), null); });
    var NOP = function () { };
    return {
        terminate: NOP,
        postMessage: NOP
    };
}));

// aliases for shorter compressed code (most minifers don't do this)
var u8 = Uint8Array, u16 = Uint16Array, i32 = Int32Array;
// fixed length extra bits
var fleb = new u8([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0, /* unused */ 0, 0, /* impossible */ 0]);
// fixed distance extra bits
var fdeb = new u8([0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, /* unused */ 0, 0]);
// code length index map
var clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]);
// get base, reverse index map from extra bits
var freb = function (eb, start) {
    var b = new u16(31);
    for (var i = 0; i < 31; ++i) {
        b[i] = start += 1 << eb[i - 1];
    }
    // numbers here are at max 18 bits
    var r = new i32(b[30]);
    for (var i = 1; i < 30; ++i) {
        for (var j = b[i]; j < b[i + 1]; ++j) {
            r[j] = ((j - b[i]) << 5) | i;
        }
    }
    return { b: b, r: r };
};
var _a = freb(fleb, 2), fl = _a.b, revfl = _a.r;
// we can ignore the fact that the other numbers are wrong; they never happen anyway
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0), fd = _b.b, revfd = _b.r;
// map of value to reverse (assuming 16 bits)
var rev = new u16(32768);
for (var i = 0; i < 32768; ++i) {
    // reverse table algorithm from SO
    var x = ((i & 0xAAAA) >> 1) | ((i & 0x5555) << 1);
    x = ((x & 0xCCCC) >> 2) | ((x & 0x3333) << 2);
    x = ((x & 0xF0F0) >> 4) | ((x & 0x0F0F) << 4);
    rev[i] = (((x & 0xFF00) >> 8) | ((x & 0x00FF) << 8)) >> 1;
}
// create huffman tree from u8 "map": index -> code length for code index
// mb (max bits) must be at most 15
// TODO: optimize/split up?
var hMap = (function (cd, mb, r) {
    var s = cd.length;
    // index
    var i = 0;
    // u16 "map": index -> # of codes with bit length = index
    var l = new u16(mb);
    // length of cd must be 288 (total # of codes)
    for (; i < s; ++i) {
        if (cd[i])
            ++l[cd[i] - 1];
    }
    // u16 "map": index -> minimum code for bit length = index
    var le = new u16(mb);
    for (i = 1; i < mb; ++i) {
        le[i] = (le[i - 1] + l[i - 1]) << 1;
    }
    var co;
    if (r) {
        // u16 "map": index -> number of actual bits, symbol for code
        co = new u16(1 << mb);
        // bits to remove for reverser
        var rvb = 15 - mb;
        for (i = 0; i < s; ++i) {
            // ignore 0 lengths
            if (cd[i]) {
                // num encoding both symbol and bits read
                var sv = (i << 4) | cd[i];
                // free bits
                var r_1 = mb - cd[i];
                // start value
                var v = le[cd[i] - 1]++ << r_1;
                // m is end value
                for (var m = v | ((1 << r_1) - 1); v <= m; ++v) {
                    // every 16 bit value starting with the code yields the same result
                    co[rev[v] >> rvb] = sv;
                }
            }
        }
    }
    else {
        co = new u16(s);
        for (i = 0; i < s; ++i) {
            if (cd[i]) {
                co[i] = rev[le[cd[i] - 1]++] >> (15 - cd[i]);
            }
        }
    }
    return co;
});
// fixed length tree
var flt = new u8(288);
for (var i = 0; i < 144; ++i)
    flt[i] = 8;
for (var i = 144; i < 256; ++i)
    flt[i] = 9;
for (var i = 256; i < 280; ++i)
    flt[i] = 7;
for (var i = 280; i < 288; ++i)
    flt[i] = 8;
// fixed distance tree
var fdt = new u8(32);
for (var i = 0; i < 32; ++i)
    fdt[i] = 5;
// fixed length map
var flm = /*#__PURE__*/ (/* unused pure expression or super */ null && (hMap(flt, 9, 0))), flrm = /*#__PURE__*/ hMap(flt, 9, 1);
// fixed distance map
var fdm = /*#__PURE__*/ (/* unused pure expression or super */ null && (hMap(fdt, 5, 0))), fdrm = /*#__PURE__*/ hMap(fdt, 5, 1);
// find max of array
var max = function (a) {
    var m = a[0];
    for (var i = 1; i < a.length; ++i) {
        if (a[i] > m)
            m = a[i];
    }
    return m;
};
// read d, starting at bit p and mask with m
var bits = function (d, p, m) {
    var o = (p / 8) | 0;
    return ((d[o] | (d[o + 1] << 8)) >> (p & 7)) & m;
};
// read d, starting at bit p continuing for at least 16 bits
var bits16 = function (d, p) {
    var o = (p / 8) | 0;
    return ((d[o] | (d[o + 1] << 8) | (d[o + 2] << 16)) >> (p & 7));
};
// get end of byte
var shft = function (p) { return ((p + 7) / 8) | 0; };
// typed array slice - allows garbage collector to free original reference,
// while being more compatible than .slice
var slc = function (v, s, e) {
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    // can't use .constructor in case user-supplied
    return new u8(v.subarray(s, e));
};
/**
 * Codes for errors generated within this library
 */
var FlateErrorCode = {
    UnexpectedEOF: 0,
    InvalidBlockType: 1,
    InvalidLengthLiteral: 2,
    InvalidDistance: 3,
    StreamFinished: 4,
    NoStreamHandler: 5,
    InvalidHeader: 6,
    NoCallback: 7,
    InvalidUTF8: 8,
    ExtraFieldTooLong: 9,
    InvalidDate: 10,
    FilenameTooLong: 11,
    StreamFinishing: 12,
    InvalidZipData: 13,
    UnknownCompressionMethod: 14
};
// error codes
var ec = [
    'unexpected EOF',
    'invalid block type',
    'invalid length/literal',
    'invalid distance',
    'stream finished',
    'no stream handler',
    , // determined by compression function
    'no callback',
    'invalid UTF-8 data',
    'extra field too long',
    'date not in range 1980-2099',
    'filename too long',
    'stream finishing',
    'invalid zip data'
    // determined by unknown compression method
];
;
var err = function (ind, msg, nt) {
    var e = new Error(msg || ec[ind]);
    e.code = ind;
    if (Error.captureStackTrace)
        Error.captureStackTrace(e, err);
    if (!nt)
        throw e;
    return e;
};
// expands raw DEFLATE data
var inflt = function (dat, st, buf, dict) {
    // source length       dict length
    var sl = dat.length, dl = dict ? dict.length : 0;
    if (!sl || st.f && !st.l)
        return buf || new u8(0);
    var noBuf = !buf;
    // have to estimate size
    var resize = noBuf || st.i != 2;
    // no state
    var noSt = st.i;
    // Assumes roughly 33% compression ratio average
    if (noBuf)
        buf = new u8(sl * 3);
    // ensure buffer can fit at least l elements
    var cbuf = function (l) {
        var bl = buf.length;
        // need to increase size to fit
        if (l > bl) {
            // Double or set to necessary, whichever is greater
            var nbuf = new u8(Math.max(bl * 2, l));
            nbuf.set(buf);
            buf = nbuf;
        }
    };
    //  last chunk         bitpos           bytes
    var final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n;
    // total bits
    var tbts = sl * 8;
    do {
        if (!lm) {
            // BFINAL - this is only 1 when last chunk is next
            final = bits(dat, pos, 1);
            // type: 0 = no compression, 1 = fixed huffman, 2 = dynamic huffman
            var type = bits(dat, pos + 1, 3);
            pos += 3;
            if (!type) {
                // go to end of byte boundary
                var s = shft(pos) + 4, l = dat[s - 4] | (dat[s - 3] << 8), t = s + l;
                if (t > sl) {
                    if (noSt)
                        err(0);
                    break;
                }
                // ensure size
                if (resize)
                    cbuf(bt + l);
                // Copy over uncompressed data
                buf.set(dat.subarray(s, t), bt);
                // Get new bitpos, update byte count
                st.b = bt += l, st.p = pos = t * 8, st.f = final;
                continue;
            }
            else if (type == 1)
                lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
            else if (type == 2) {
                //  literal                            lengths
                var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4;
                var tl = hLit + bits(dat, pos + 5, 31) + 1;
                pos += 14;
                // length+distance tree
                var ldt = new u8(tl);
                // code length tree
                var clt = new u8(19);
                for (var i = 0; i < hcLen; ++i) {
                    // use index map to get real code
                    clt[clim[i]] = bits(dat, pos + i * 3, 7);
                }
                pos += hcLen * 3;
                // code lengths bits
                var clb = max(clt), clbmsk = (1 << clb) - 1;
                // code lengths map
                var clm = hMap(clt, clb, 1);
                for (var i = 0; i < tl;) {
                    var r = clm[bits(dat, pos, clbmsk)];
                    // bits read
                    pos += r & 15;
                    // symbol
                    var s = r >> 4;
                    // code length to copy
                    if (s < 16) {
                        ldt[i++] = s;
                    }
                    else {
                        //  copy   count
                        var c = 0, n = 0;
                        if (s == 16)
                            n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i - 1];
                        else if (s == 17)
                            n = 3 + bits(dat, pos, 7), pos += 3;
                        else if (s == 18)
                            n = 11 + bits(dat, pos, 127), pos += 7;
                        while (n--)
                            ldt[i++] = c;
                    }
                }
                //    length tree                 distance tree
                var lt = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
                // max length bits
                lbt = max(lt);
                // max dist bits
                dbt = max(dt);
                lm = hMap(lt, lbt, 1);
                dm = hMap(dt, dbt, 1);
            }
            else
                err(1);
            if (pos > tbts) {
                if (noSt)
                    err(0);
                break;
            }
        }
        // Make sure the buffer can hold this + the largest possible addition
        // Maximum chunk size (practically, theoretically infinite) is 2^17
        if (resize)
            cbuf(bt + 131072);
        var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1;
        var lpos = pos;
        for (;; lpos = pos) {
            // bits read, code
            var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
            pos += c & 15;
            if (pos > tbts) {
                if (noSt)
                    err(0);
                break;
            }
            if (!c)
                err(2);
            if (sym < 256)
                buf[bt++] = sym;
            else if (sym == 256) {
                lpos = pos, lm = null;
                break;
            }
            else {
                var add = sym - 254;
                // no extra bits needed if less
                if (sym > 264) {
                    // index
                    var i = sym - 257, b = fleb[i];
                    add = bits(dat, pos, (1 << b) - 1) + fl[i];
                    pos += b;
                }
                // dist
                var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
                if (!d)
                    err(3);
                pos += d & 15;
                var dt = fd[dsym];
                if (dsym > 3) {
                    var b = fdeb[dsym];
                    dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
                }
                if (pos > tbts) {
                    if (noSt)
                        err(0);
                    break;
                }
                if (resize)
                    cbuf(bt + 131072);
                var end = bt + add;
                if (bt < dt) {
                    var shift = dl - dt, dend = Math.min(dt, end);
                    if (shift + bt < 0)
                        err(3);
                    for (; bt < dend; ++bt)
                        buf[bt] = dict[shift + bt];
                }
                for (; bt < end; ++bt)
                    buf[bt] = buf[bt - dt];
            }
        }
        st.l = lm, st.p = lpos, st.b = bt, st.f = final;
        if (lm)
            final = 1, st.m = lbt, st.d = dm, st.n = dbt;
    } while (!final);
    // don't reallocate for streams or user buffers
    return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
};
// starting at p, write the minimum number of bits that can hold v to d
var wbits = function (d, p, v) {
    v <<= p & 7;
    var o = (p / 8) | 0;
    d[o] |= v;
    d[o + 1] |= v >> 8;
};
// starting at p, write the minimum number of bits (>8) that can hold v to d
var wbits16 = function (d, p, v) {
    v <<= p & 7;
    var o = (p / 8) | 0;
    d[o] |= v;
    d[o + 1] |= v >> 8;
    d[o + 2] |= v >> 16;
};
// creates code lengths from a frequency table
var hTree = function (d, mb) {
    // Need extra info to make a tree
    var t = [];
    for (var i = 0; i < d.length; ++i) {
        if (d[i])
            t.push({ s: i, f: d[i] });
    }
    var s = t.length;
    var t2 = t.slice();
    if (!s)
        return { t: et, l: 0 };
    if (s == 1) {
        var v = new u8(t[0].s + 1);
        v[t[0].s] = 1;
        return { t: v, l: 1 };
    }
    t.sort(function (a, b) { return a.f - b.f; });
    // after i2 reaches last ind, will be stopped
    // freq must be greater than largest possible number of symbols
    t.push({ s: -1, f: 25001 });
    var l = t[0], r = t[1], i0 = 0, i1 = 1, i2 = 2;
    t[0] = { s: -1, f: l.f + r.f, l: l, r: r };
    // efficient algorithm from UZIP.js
    // i0 is lookbehind, i2 is lookahead - after processing two low-freq
    // symbols that combined have high freq, will start processing i2 (high-freq,
    // non-composite) symbols instead
    // see https://reddit.com/r/photopea/comments/ikekht/uzipjs_questions/
    while (i1 != s - 1) {
        l = t[t[i0].f < t[i2].f ? i0++ : i2++];
        r = t[i0 != i1 && t[i0].f < t[i2].f ? i0++ : i2++];
        t[i1++] = { s: -1, f: l.f + r.f, l: l, r: r };
    }
    var maxSym = t2[0].s;
    for (var i = 1; i < s; ++i) {
        if (t2[i].s > maxSym)
            maxSym = t2[i].s;
    }
    // code lengths
    var tr = new u16(maxSym + 1);
    // max bits in tree
    var mbt = ln(t[i1 - 1], tr, 0);
    if (mbt > mb) {
        // more algorithms from UZIP.js
        // TODO: find out how this code works (debt)
        //  ind    debt
        var i = 0, dt = 0;
        //    left            cost
        var lft = mbt - mb, cst = 1 << lft;
        t2.sort(function (a, b) { return tr[b.s] - tr[a.s] || a.f - b.f; });
        for (; i < s; ++i) {
            var i2_1 = t2[i].s;
            if (tr[i2_1] > mb) {
                dt += cst - (1 << (mbt - tr[i2_1]));
                tr[i2_1] = mb;
            }
            else
                break;
        }
        dt >>= lft;
        while (dt > 0) {
            var i2_2 = t2[i].s;
            if (tr[i2_2] < mb)
                dt -= 1 << (mb - tr[i2_2]++ - 1);
            else
                ++i;
        }
        for (; i >= 0 && dt; --i) {
            var i2_3 = t2[i].s;
            if (tr[i2_3] == mb) {
                --tr[i2_3];
                ++dt;
            }
        }
        mbt = mb;
    }
    return { t: new u8(tr), l: mbt };
};
// get the max length and assign length codes
var ln = function (n, l, d) {
    return n.s == -1
        ? Math.max(ln(n.l, l, d + 1), ln(n.r, l, d + 1))
        : (l[n.s] = d);
};
// length codes generation
var lc = function (c) {
    var s = c.length;
    // Note that the semicolon was intentional
    while (s && !c[--s])
        ;
    var cl = new u16(++s);
    //  ind      num         streak
    var cli = 0, cln = c[0], cls = 1;
    var w = function (v) { cl[cli++] = v; };
    for (var i = 1; i <= s; ++i) {
        if (c[i] == cln && i != s)
            ++cls;
        else {
            if (!cln && cls > 2) {
                for (; cls > 138; cls -= 138)
                    w(32754);
                if (cls > 2) {
                    w(cls > 10 ? ((cls - 11) << 5) | 28690 : ((cls - 3) << 5) | 12305);
                    cls = 0;
                }
            }
            else if (cls > 3) {
                w(cln), --cls;
                for (; cls > 6; cls -= 6)
                    w(8304);
                if (cls > 2)
                    w(((cls - 3) << 5) | 8208), cls = 0;
            }
            while (cls--)
                w(cln);
            cls = 1;
            cln = c[i];
        }
    }
    return { c: cl.subarray(0, cli), n: s };
};
// calculate the length of output from tree, code lengths
var clen = function (cf, cl) {
    var l = 0;
    for (var i = 0; i < cl.length; ++i)
        l += cf[i] * cl[i];
    return l;
};
// writes a fixed block
// returns the new bit pos
var wfblk = function (out, pos, dat) {
    // no need to write 00 as type: TypedArray defaults to 0
    var s = dat.length;
    var o = shft(pos + 2);
    out[o] = s & 255;
    out[o + 1] = s >> 8;
    out[o + 2] = out[o] ^ 255;
    out[o + 3] = out[o + 1] ^ 255;
    for (var i = 0; i < s; ++i)
        out[o + i + 4] = dat[i];
    return (o + 4 + s) * 8;
};
// writes a block
var wblk = function (dat, out, final, syms, lf, df, eb, li, bs, bl, p) {
    wbits(out, p++, final);
    ++lf[256];
    var _a = hTree(lf, 15), dlt = _a.t, mlb = _a.l;
    var _b = hTree(df, 15), ddt = _b.t, mdb = _b.l;
    var _c = lc(dlt), lclt = _c.c, nlc = _c.n;
    var _d = lc(ddt), lcdt = _d.c, ndc = _d.n;
    var lcfreq = new u16(19);
    for (var i = 0; i < lclt.length; ++i)
        ++lcfreq[lclt[i] & 31];
    for (var i = 0; i < lcdt.length; ++i)
        ++lcfreq[lcdt[i] & 31];
    var _e = hTree(lcfreq, 7), lct = _e.t, mlcb = _e.l;
    var nlcc = 19;
    for (; nlcc > 4 && !lct[clim[nlcc - 1]]; --nlcc)
        ;
    var flen = (bl + 5) << 3;
    var ftlen = clen(lf, flt) + clen(df, fdt) + eb;
    var dtlen = clen(lf, dlt) + clen(df, ddt) + eb + 14 + 3 * nlcc + clen(lcfreq, lct) + 2 * lcfreq[16] + 3 * lcfreq[17] + 7 * lcfreq[18];
    if (bs >= 0 && flen <= ftlen && flen <= dtlen)
        return wfblk(out, p, dat.subarray(bs, bs + bl));
    var lm, ll, dm, dl;
    wbits(out, p, 1 + (dtlen < ftlen)), p += 2;
    if (dtlen < ftlen) {
        lm = hMap(dlt, mlb, 0), ll = dlt, dm = hMap(ddt, mdb, 0), dl = ddt;
        var llm = hMap(lct, mlcb, 0);
        wbits(out, p, nlc - 257);
        wbits(out, p + 5, ndc - 1);
        wbits(out, p + 10, nlcc - 4);
        p += 14;
        for (var i = 0; i < nlcc; ++i)
            wbits(out, p + 3 * i, lct[clim[i]]);
        p += 3 * nlcc;
        var lcts = [lclt, lcdt];
        for (var it = 0; it < 2; ++it) {
            var clct = lcts[it];
            for (var i = 0; i < clct.length; ++i) {
                var len = clct[i] & 31;
                wbits(out, p, llm[len]), p += lct[len];
                if (len > 15)
                    wbits(out, p, (clct[i] >> 5) & 127), p += clct[i] >> 12;
            }
        }
    }
    else {
        lm = flm, ll = flt, dm = fdm, dl = fdt;
    }
    for (var i = 0; i < li; ++i) {
        var sym = syms[i];
        if (sym > 255) {
            var len = (sym >> 18) & 31;
            wbits16(out, p, lm[len + 257]), p += ll[len + 257];
            if (len > 7)
                wbits(out, p, (sym >> 23) & 31), p += fleb[len];
            var dst = sym & 31;
            wbits16(out, p, dm[dst]), p += dl[dst];
            if (dst > 3)
                wbits16(out, p, (sym >> 5) & 8191), p += fdeb[dst];
        }
        else {
            wbits16(out, p, lm[sym]), p += ll[sym];
        }
    }
    wbits16(out, p, lm[256]);
    return p + ll[256];
};
// deflate options (nice << 13) | chain
var deo = /*#__PURE__*/ new i32([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]);
// empty
var et = /*#__PURE__*/ new u8(0);
// compresses data into a raw DEFLATE buffer
var dflt = function (dat, lvl, plvl, pre, post, st) {
    var s = st.z || dat.length;
    var o = new u8(pre + s + 5 * (1 + Math.ceil(s / 7000)) + post);
    // writing to this writes to the output buffer
    var w = o.subarray(pre, o.length - post);
    var lst = st.l;
    var pos = (st.r || 0) & 7;
    if (lvl) {
        if (pos)
            w[0] = st.r >> 3;
        var opt = deo[lvl - 1];
        var n = opt >> 13, c = opt & 8191;
        var msk_1 = (1 << plvl) - 1;
        //    prev 2-byte val map    curr 2-byte val map
        var prev = st.p || new u16(32768), head = st.h || new u16(msk_1 + 1);
        var bs1_1 = Math.ceil(plvl / 3), bs2_1 = 2 * bs1_1;
        var hsh = function (i) { return (dat[i] ^ (dat[i + 1] << bs1_1) ^ (dat[i + 2] << bs2_1)) & msk_1; };
        // 24576 is an arbitrary number of maximum symbols per block
        // 424 buffer for last block
        var syms = new i32(25000);
        // length/literal freq   distance freq
        var lf = new u16(288), df = new u16(32);
        //  l/lcnt  exbits  index          l/lind  waitdx          blkpos
        var lc_1 = 0, eb = 0, i = st.i || 0, li = 0, wi = st.w || 0, bs = 0;
        for (; i + 2 < s; ++i) {
            // hash value
            var hv = hsh(i);
            // index mod 32768    previous index mod
            var imod = i & 32767, pimod = head[hv];
            prev[imod] = pimod;
            head[hv] = imod;
            // We always should modify head and prev, but only add symbols if
            // this data is not yet processed ("wait" for wait index)
            if (wi <= i) {
                // bytes remaining
                var rem = s - i;
                if ((lc_1 > 7000 || li > 24576) && (rem > 423 || !lst)) {
                    pos = wblk(dat, w, 0, syms, lf, df, eb, li, bs, i - bs, pos);
                    li = lc_1 = eb = 0, bs = i;
                    for (var j = 0; j < 286; ++j)
                        lf[j] = 0;
                    for (var j = 0; j < 30; ++j)
                        df[j] = 0;
                }
                //  len    dist   chain
                var l = 2, d = 0, ch_1 = c, dif = imod - pimod & 32767;
                if (rem > 2 && hv == hsh(i - dif)) {
                    var maxn = Math.min(n, rem) - 1;
                    var maxd = Math.min(32767, i);
                    // max possible length
                    // not capped at dif because decompressors implement "rolling" index population
                    var ml = Math.min(258, rem);
                    while (dif <= maxd && --ch_1 && imod != pimod) {
                        if (dat[i + l] == dat[i + l - dif]) {
                            var nl = 0;
                            for (; nl < ml && dat[i + nl] == dat[i + nl - dif]; ++nl)
                                ;
                            if (nl > l) {
                                l = nl, d = dif;
                                // break out early when we reach "nice" (we are satisfied enough)
                                if (nl > maxn)
                                    break;
                                // now, find the rarest 2-byte sequence within this
                                // length of literals and search for that instead.
                                // Much faster than just using the start
                                var mmd = Math.min(dif, nl - 2);
                                var md = 0;
                                for (var j = 0; j < mmd; ++j) {
                                    var ti = i - dif + j & 32767;
                                    var pti = prev[ti];
                                    var cd = ti - pti & 32767;
                                    if (cd > md)
                                        md = cd, pimod = ti;
                                }
                            }
                        }
                        // check the previous match
                        imod = pimod, pimod = prev[imod];
                        dif += imod - pimod & 32767;
                    }
                }
                // d will be nonzero only when a match was found
                if (d) {
                    // store both dist and len data in one int32
                    // Make sure this is recognized as a len/dist with 28th bit (2^28)
                    syms[li++] = 268435456 | (revfl[l] << 18) | revfd[d];
                    var lin = revfl[l] & 31, din = revfd[d] & 31;
                    eb += fleb[lin] + fdeb[din];
                    ++lf[257 + lin];
                    ++df[din];
                    wi = i + l;
                    ++lc_1;
                }
                else {
                    syms[li++] = dat[i];
                    ++lf[dat[i]];
                }
            }
        }
        for (i = Math.max(i, wi); i < s; ++i) {
            syms[li++] = dat[i];
            ++lf[dat[i]];
        }
        pos = wblk(dat, w, lst, syms, lf, df, eb, li, bs, i - bs, pos);
        if (!lst) {
            st.r = (pos & 7) | w[(pos / 8) | 0] << 3;
            // shft(pos) now 1 less if pos & 7 != 0
            pos -= 7;
            st.h = head, st.p = prev, st.i = i, st.w = wi;
        }
    }
    else {
        for (var i = st.w || 0; i < s + lst; i += 65535) {
            // end
            var e = i + 65535;
            if (e >= s) {
                // write final block
                w[(pos / 8) | 0] = lst;
                e = s;
            }
            pos = wfblk(w, pos + 1, dat.subarray(i, e));
        }
        st.i = s;
    }
    return slc(o, 0, pre + shft(pos) + post);
};
// CRC32 table
var crct = /*#__PURE__*/ (/* unused pure expression or super */ null && ((function () {
    var t = new Int32Array(256);
    for (var i = 0; i < 256; ++i) {
        var c = i, k = 9;
        while (--k)
            c = ((c & 1) && -306674912) ^ (c >>> 1);
        t[i] = c;
    }
    return t;
})()));
// CRC32
var crc = function () {
    var c = -1;
    return {
        p: function (d) {
            // closures have awful performance
            var cr = c;
            for (var i = 0; i < d.length; ++i)
                cr = crct[(cr & 255) ^ d[i]] ^ (cr >>> 8);
            c = cr;
        },
        d: function () { return ~c; }
    };
};
// Adler32
var adler = function () {
    var a = 1, b = 0;
    return {
        p: function (d) {
            // closures have awful performance
            var n = a, m = b;
            var l = d.length | 0;
            for (var i = 0; i != l;) {
                var e = Math.min(i + 2655, l);
                for (; i < e; ++i)
                    m += n += d[i];
                n = (n & 65535) + 15 * (n >> 16), m = (m & 65535) + 15 * (m >> 16);
            }
            a = n, b = m;
        },
        d: function () {
            a %= 65521, b %= 65521;
            return (a & 255) << 24 | (a & 0xFF00) << 8 | (b & 255) << 8 | (b >> 8);
        }
    };
};
;
// deflate with opts
var dopt = function (dat, opt, pre, post, st) {
    if (!st) {
        st = { l: 1 };
        if (opt.dictionary) {
            var dict = opt.dictionary.subarray(-32768);
            var newDat = new u8(dict.length + dat.length);
            newDat.set(dict);
            newDat.set(dat, dict.length);
            dat = newDat;
            st.w = dict.length;
        }
    }
    return dflt(dat, opt.level == null ? 6 : opt.level, opt.mem == null ? (st.l ? Math.ceil(Math.max(8, Math.min(13, Math.log(dat.length))) * 1.5) : 20) : (12 + opt.mem), pre, post, st);
};
// Walmart object spread
var mrg = function (a, b) {
    var o = {};
    for (var k in a)
        o[k] = a[k];
    for (var k in b)
        o[k] = b[k];
    return o;
};
// worker clone
// This is possibly the craziest part of the entire codebase, despite how simple it may seem.
// The only parameter to this function is a closure that returns an array of variables outside of the function scope.
// We're going to try to figure out the variable names used in the closure as strings because that is crucial for workerization.
// We will return an object mapping of true variable name to value (basically, the current scope as a JS object).
// The reason we can't just use the original variable names is minifiers mangling the toplevel scope.
// This took me three weeks to figure out how to do.
var wcln = function (fn, fnStr, td) {
    var dt = fn();
    var st = fn.toString();
    var ks = st.slice(st.indexOf('[') + 1, st.lastIndexOf(']')).replace(/\s+/g, '').split(',');
    for (var i = 0; i < dt.length; ++i) {
        var v = dt[i], k = ks[i];
        if (typeof v == 'function') {
            fnStr += ';' + k + '=';
            var st_1 = v.toString();
            if (v.prototype) {
                // for global objects
                if (st_1.indexOf('[native code]') != -1) {
                    var spInd = st_1.indexOf(' ', 8) + 1;
                    fnStr += st_1.slice(spInd, st_1.indexOf('(', spInd));
                }
                else {
                    fnStr += st_1;
                    for (var t in v.prototype)
                        fnStr += ';' + k + '.prototype.' + t + '=' + v.prototype[t].toString();
                }
            }
            else
                fnStr += st_1;
        }
        else
            td[k] = v;
    }
    return fnStr;
};
var ch = (/* unused pure expression or super */ null && ([]));
// clone bufs
var cbfs = function (v) {
    var tl = [];
    for (var k in v) {
        if (v[k].buffer) {
            tl.push((v[k] = new v[k].constructor(v[k])).buffer);
        }
    }
    return tl;
};
// use a worker to execute code
var wrkr = function (fns, init, id, cb) {
    if (!ch[id]) {
        var fnStr = '', td_1 = {}, m = fns.length - 1;
        for (var i = 0; i < m; ++i)
            fnStr = wcln(fns[i], fnStr, td_1);
        ch[id] = { c: wcln(fns[m], fnStr, td_1), e: td_1 };
    }
    var td = mrg({}, ch[id].e);
    return wk(ch[id].c + ';onmessage=function(e){for(var k in e.data)self[k]=e.data[k];onmessage=' + init.toString() + '}', id, td, cbfs(td), cb);
};
// base async inflate fn
var bInflt = function () { return [u8, u16, i32, fleb, fdeb, clim, fl, fd, flrm, fdrm, rev, ec, hMap, max, bits, bits16, shft, slc, err, inflt, inflateSync, pbf, gopt]; };
var bDflt = function () { return [u8, u16, i32, fleb, fdeb, clim, revfl, revfd, flm, flt, fdm, fdt, rev, deo, et, hMap, wbits, wbits16, hTree, ln, lc, clen, wfblk, wblk, shft, slc, dflt, dopt, deflateSync, pbf]; };
// gzip extra
var gze = function () { return [gzh, gzhl, wbytes, crc, crct]; };
// gunzip extra
var guze = function () { return [gzs, gzl]; };
// zlib extra
var zle = function () { return [zlh, wbytes, adler]; };
// unzlib extra
var zule = function () { return [zls]; };
// post buf
var pbf = function (msg) { return postMessage(msg, [msg.buffer]); };
// get opts
var gopt = function (o) { return o && {
    out: o.size && new u8(o.size),
    dictionary: o.dictionary
}; };
// async helper
var cbify = function (dat, opts, fns, init, id, cb) {
    var w = wrkr(fns, init, id, function (err, dat) {
        w.terminate();
        cb(err, dat);
    });
    w.postMessage([dat, opts], opts.consume ? [dat.buffer] : []);
    return function () { w.terminate(); };
};
// auto stream
var astrm = function (strm) {
    strm.ondata = function (dat, final) { return postMessage([dat, final], [dat.buffer]); };
    return function (ev) {
        if (ev.data[0]) {
            strm.push(ev.data[0], ev.data[1]);
            postMessage([ev.data[0].length]);
        }
        else
            strm.flush(ev.data[1]);
    };
};
// async stream attach
var astrmify = function (fns, strm, opts, init, id, flush, ext) {
    var t;
    var w = wrkr(fns, init, id, function (err, dat) {
        if (err)
            w.terminate(), strm.ondata.call(strm, err);
        else if (!Array.isArray(dat))
            ext(dat);
        else if (dat.length == 1) {
            strm.queuedSize -= dat[0];
            if (strm.ondrain)
                strm.ondrain(dat[0]);
        }
        else {
            if (dat[1])
                w.terminate();
            strm.ondata.call(strm, err, dat[0], dat[1]);
        }
    });
    w.postMessage(opts);
    strm.queuedSize = 0;
    strm.push = function (d, f) {
        if (!strm.ondata)
            err(5);
        if (t)
            strm.ondata(err(4, 0, 1), null, !!f);
        strm.queuedSize += d.length;
        // can fail for cross-realm Uint8Array, but ok - only a small performance penalty
        w.postMessage([d, t = f], d.buffer instanceof ArrayBuffer ? [d.buffer] : []);
    };
    strm.terminate = function () { w.terminate(); };
    if (flush) {
        strm.flush = function (sync) { w.postMessage([0, sync]); };
    }
};
// read 2 bytes
var b2 = function (d, b) { return d[b] | (d[b + 1] << 8); };
// read 4 bytes
var b4 = function (d, b) { return (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0; };
// read 8 bytes
var b8 = function (d, b) { return b4(d, b) + (b4(d, b + 4) * 4294967296); };
// write bytes
var wbytes = function (d, b, v) {
    for (; v; ++b)
        d[b] = v, v >>>= 8;
};
// gzip header
var gzh = function (c, o) {
    var fn = o.filename;
    c[0] = 31, c[1] = 139, c[2] = 8, c[8] = o.level < 2 ? 4 : o.level == 9 ? 2 : 0, c[9] = 3; // assume Unix
    if (o.mtime != 0)
        wbytes(c, 4, Math.floor(new Date(o.mtime || Date.now()) / 1000));
    if (fn) {
        c[3] = 8;
        for (var i = 0; i <= fn.length; ++i)
            c[i + 10] = fn.charCodeAt(i);
    }
};
// gzip footer: -8 to -4 = CRC, -4 to -0 is length
// gzip start
var gzs = function (d) {
    if (d[0] != 31 || d[1] != 139 || d[2] != 8)
        err(6, 'invalid gzip data');
    var flg = d[3];
    var st = 10;
    if (flg & 4)
        st += (d[10] | d[11] << 8) + 2;
    for (var zs = (flg >> 3 & 1) + (flg >> 4 & 1); zs > 0; zs -= !d[st++])
        ;
    return st + (flg & 2);
};
// gzip length
var gzl = function (d) {
    var l = d.length;
    return (d[l - 4] | d[l - 3] << 8 | d[l - 2] << 16 | d[l - 1] << 24) >>> 0;
};
// gzip header length
var gzhl = function (o) { return 10 + (o.filename ? o.filename.length + 1 : 0); };
// zlib header
var zlh = function (c, o) {
    var lv = o.level, fl = lv == 0 ? 0 : lv < 6 ? 1 : lv == 9 ? 3 : 2;
    c[0] = 120, c[1] = (fl << 6) | (o.dictionary && 32);
    c[1] |= 31 - ((c[0] << 8) | c[1]) % 31;
    if (o.dictionary) {
        var h = adler();
        h.p(o.dictionary);
        wbytes(c, 2, h.d());
    }
};
// zlib start
var zls = function (d, dict) {
    if ((d[0] & 15) != 8 || (d[0] >> 4) > 7 || ((d[0] << 8 | d[1]) % 31))
        err(6, 'invalid zlib data');
    if ((d[1] >> 5 & 1) == +!dict)
        err(6, 'invalid zlib data: ' + (d[1] & 32 ? 'need' : 'unexpected') + ' dictionary');
    return (d[1] >> 3 & 4) + 2;
};
function StrmOpt(opts, cb) {
    if (typeof opts == 'function')
        cb = opts, opts = {};
    this.ondata = cb;
    return opts;
}
/**
 * Streaming DEFLATE compression
 */
var Deflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Deflate(opts, cb) {
        if (typeof opts == 'function')
            cb = opts, opts = {};
        this.ondata = cb;
        this.o = opts || {};
        this.s = { l: 0, i: 32768, w: 32768, z: 32768 };
        // Buffer length must always be 0 mod 32768 for index calculations to be correct when modifying head and prev
        // 98304 = 32768 (lookback) + 65536 (common chunk size)
        this.b = new u8(98304);
        if (this.o.dictionary) {
            var dict = this.o.dictionary.subarray(-32768);
            this.b.set(dict, 32768 - dict.length);
            this.s.i = 32768 - dict.length;
        }
    }
    Deflate.prototype.p = function (c, f) {
        this.ondata(dopt(c, this.o, 0, 0, this.s), f);
    };
    /**
     * Pushes a chunk to be deflated
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Deflate.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        if (this.s.l)
            err(4);
        var endLen = chunk.length + this.s.z;
        if (endLen > this.b.length) {
            if (endLen > 2 * this.b.length - 32768) {
                var newBuf = new u8(endLen & -32768);
                newBuf.set(this.b.subarray(0, this.s.z));
                this.b = newBuf;
            }
            var split = this.b.length - this.s.z;
            this.b.set(chunk.subarray(0, split), this.s.z);
            this.s.z = this.b.length;
            this.p(this.b, false);
            this.b.set(this.b.subarray(-32768));
            this.b.set(chunk.subarray(split), 32768);
            this.s.z = chunk.length - split + 32768;
            this.s.i = 32766, this.s.w = 32768;
        }
        else {
            this.b.set(chunk, this.s.z);
            this.s.z += chunk.length;
        }
        this.s.l = final & 1;
        if (this.s.z > this.s.w + 8191 || final) {
            this.p(this.b, final || false);
            this.s.w = this.s.i, this.s.i -= 2;
        }
        if (final) {
            // cleanup unneeded buffers/state to reduce memory usage
            this.s = this.o = {};
            this.b = et;
        }
    };
    /**
     * Flushes buffered uncompressed data. Useful to immediately retrieve the
     * deflated output for small inputs.
     * @param sync Whether to flush to a byte boundary. A sync flush takes 4-5
     *             extra bytes, but guarantees all pushed data is immediately
     *             decompressible. A separate DEFLATE stream may be concatenated
     *             with the current output after a sync flush.
     */
    Deflate.prototype.flush = function (sync) {
        if (!this.ondata)
            err(5);
        if (this.s.l)
            err(4);
        this.p(this.b, false);
        this.s.w = this.s.i, this.s.i -= 2;
        // could technically skip writing the type-0 block for (this.s.r & 7) == 0,
        // but the deterministic trailer (00 00 FF FF) is useful in some situations
        if (sync) {
            var c = new u8(6);
            c[0] = this.s.r >> 3;
            // write empty, non-final type-0 block
            var ep = wfblk(c, this.s.r, et);
            this.s.r = 0;
            this.ondata(c.subarray(0, ep >> 3), false);
        }
    };
    return Deflate;
}())));

/**
 * Asynchronous streaming DEFLATE compression
 */
var AsyncDeflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncDeflate(opts, cb) {
        astrmify([
            bDflt,
            function () { return [astrm, Deflate]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Deflate(ev.data);
            onmessage = astrm(strm);
        }, 6, 1);
    }
    return AsyncDeflate;
}())));

function deflate(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bDflt,
    ], function (ev) { return pbf(deflateSync(ev.data[0], ev.data[1])); }, 0, cb);
}
/**
 * Compresses data with DEFLATE without any wrapper
 * @param data The data to compress
 * @param opts The compression options
 * @returns The deflated version of the data
 */
function deflateSync(data, opts) {
    return dopt(data, opts || {}, 0, 0);
}
/**
 * Streaming DEFLATE decompression
 */
var Inflate = /*#__PURE__*/ (function () {
    function Inflate(opts, cb) {
        // no StrmOpt here to avoid adding to workerizer
        if (typeof opts == 'function')
            cb = opts, opts = {};
        this.ondata = cb;
        var dict = opts && opts.dictionary && opts.dictionary.subarray(-32768);
        this.s = { i: 0, b: dict ? dict.length : 0 };
        this.o = new u8(32768);
        this.p = new u8(0);
        if (dict)
            this.o.set(dict);
    }
    Inflate.prototype.e = function (c) {
        if (!this.ondata)
            err(5);
        if (this.d)
            err(4);
        if (!this.p.length)
            this.p = c;
        else if (c.length) {
            var n = new u8(this.p.length + c.length);
            n.set(this.p), n.set(c, this.p.length), this.p = n;
        }
    };
    Inflate.prototype.c = function (final) {
        this.s.i = +(this.d = final || false);
        var bts = this.s.b;
        var dt = inflt(this.p, this.s, this.o);
        this.ondata(slc(dt, bts, this.s.b), this.d);
        this.o = slc(dt, this.s.b - 32768), this.s.b = this.o.length;
        this.p = slc(this.p, (this.s.p / 8) | 0), this.s.p &= 7;
    };
    /**
     * Pushes a chunk to be inflated
     * @param chunk The chunk to push
     * @param final Whether this is the final chunk
     */
    Inflate.prototype.push = function (chunk, final) {
        this.e(chunk), this.c(final);
    };
    return Inflate;
}());

/**
 * Asynchronous streaming DEFLATE decompression
 */
var AsyncInflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncInflate(opts, cb) {
        astrmify([
            bInflt,
            function () { return [astrm, Inflate]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Inflate(ev.data);
            onmessage = astrm(strm);
        }, 7, 0);
    }
    return AsyncInflate;
}())));

function inflate(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bInflt
    ], function (ev) { return pbf(inflateSync(ev.data[0], gopt(ev.data[1]))); }, 1, cb);
}
function inflateSync(data, opts) {
    return inflt(data, { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
// before you yell at me for not just using extends, my reason is that TS inheritance is hard to workerize.
/**
 * Streaming GZIP compression
 */
var Gzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Gzip(opts, cb) {
        this.c = crc();
        this.l = 0;
        this.v = 1;
        Deflate.call(this, opts, cb);
    }
    /**
     * Pushes a chunk to be GZIPped
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Gzip.prototype.push = function (chunk, final) {
        this.c.p(chunk);
        this.l += chunk.length;
        Deflate.prototype.push.call(this, chunk, final);
    };
    Gzip.prototype.p = function (c, f) {
        var raw = dopt(c, this.o, this.v && gzhl(this.o), f && 8, this.s);
        if (this.v)
            gzh(raw, this.o), this.v = 0;
        if (f)
            wbytes(raw, raw.length - 8, this.c.d()), wbytes(raw, raw.length - 4, this.l);
        this.ondata(raw, f);
    };
    /**
     * Flushes buffered uncompressed data. Useful to immediately retrieve the
     * GZIPped output for small inputs.
     * @param sync Whether to flush to a byte boundary. A sync flush takes 4-5
     *             extra bytes, but guarantees all pushed data is immediately
     *             decompressible.
     */
    Gzip.prototype.flush = function (sync) {
        Deflate.prototype.flush.call(this, sync);
    };
    return Gzip;
}())));

/**
 * Asynchronous streaming GZIP compression
 */
var AsyncGzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncGzip(opts, cb) {
        astrmify([
            bDflt,
            gze,
            function () { return [astrm, Deflate, Gzip]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Gzip(ev.data);
            onmessage = astrm(strm);
        }, 8, 1);
    }
    return AsyncGzip;
}())));

function gzip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bDflt,
        gze,
        function () { return [gzipSync]; }
    ], function (ev) { return pbf(gzipSync(ev.data[0], ev.data[1])); }, 2, cb);
}
/**
 * Compresses data with GZIP
 * @param data The data to compress
 * @param opts The compression options
 * @returns The gzipped version of the data
 */
function gzipSync(data, opts) {
    if (!opts)
        opts = {};
    var c = crc(), l = data.length;
    c.p(data);
    var d = dopt(data, opts, gzhl(opts), 8), s = d.length;
    return gzh(d, opts), wbytes(d, s - 8, c.d()), wbytes(d, s - 4, l), d;
}
/**
 * Streaming single or multi-member GZIP decompression
 */
var Gunzip = /*#__PURE__*/ (function () {
    function Gunzip(opts, cb) {
        this.v = 1;
        this.r = 0;
        Inflate.call(this, opts, cb);
    }
    /**
     * Pushes a chunk to be GUNZIPped
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Gunzip.prototype.push = function (chunk, final) {
        Inflate.prototype.e.call(this, chunk);
        this.r += chunk.length;
        if (this.v) {
            var p = this.p.subarray(this.v - 1);
            var s = p.length > 3 ? gzs(p) : 4;
            if (s > p.length) {
                if (!final)
                    return;
            }
            else if (this.v > 1 && this.onmember) {
                this.onmember(this.r - p.length);
            }
            this.p = p.subarray(s), this.v = 0;
        }
        // necessary to prevent TS from using the closure value
        // This allows for workerization to function correctly
        Inflate.prototype.c.call(this, 0);
        // process concatenated GZIP
        if (this.s.f && !this.s.l) {
            this.v = shft(this.s.p) + 9;
            this.s = { i: 0 };
            this.o = new u8(0);
            this.push(new u8(0), final);
        }
        else if (final) {
            Inflate.prototype.c.call(this, final);
        }
    };
    return Gunzip;
}());

/**
 * Asynchronous streaming single or multi-member GZIP decompression
 */
var AsyncGunzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncGunzip(opts, cb) {
        var _this = this;
        astrmify([
            bInflt,
            guze,
            function () { return [astrm, Inflate, Gunzip]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Gunzip(ev.data);
            strm.onmember = function (offset) { return postMessage(offset); };
            onmessage = astrm(strm);
        }, 9, 0, function (offset) { return _this.onmember && _this.onmember(offset); });
    }
    return AsyncGunzip;
}())));

function gunzip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bInflt,
        guze,
        function () { return [gunzipSync]; }
    ], function (ev) { return pbf(gunzipSync(ev.data[0], ev.data[1])); }, 3, cb);
}
function gunzipSync(data, opts) {
    var st = gzs(data);
    if (st + 8 > data.length)
        err(6, 'invalid gzip data');
    return inflt(data.subarray(st, -8), { i: 2 }, opts && opts.out || new u8(gzl(data)), opts && opts.dictionary);
}
/**
 * Streaming Zlib compression
 */
var Zlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Zlib(opts, cb) {
        this.c = adler();
        this.v = 1;
        Deflate.call(this, opts, cb);
    }
    /**
     * Pushes a chunk to be zlibbed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Zlib.prototype.push = function (chunk, final) {
        this.c.p(chunk);
        Deflate.prototype.push.call(this, chunk, final);
    };
    Zlib.prototype.p = function (c, f) {
        var raw = dopt(c, this.o, this.v && (this.o.dictionary ? 6 : 2), f && 4, this.s);
        if (this.v)
            zlh(raw, this.o), this.v = 0;
        if (f)
            wbytes(raw, raw.length - 4, this.c.d());
        this.ondata(raw, f);
    };
    /**
     * Flushes buffered uncompressed data. Useful to immediately retrieve the
     * zlibbed output for small inputs.
     * @param sync Whether to flush to a byte boundary. A sync flush takes 4-5
     *             extra bytes, but guarantees all pushed data is immediately
     *             decompressible.
     */
    Zlib.prototype.flush = function (sync) {
        Deflate.prototype.flush.call(this, sync);
    };
    return Zlib;
}())));

/**
 * Asynchronous streaming Zlib compression
 */
var AsyncZlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncZlib(opts, cb) {
        astrmify([
            bDflt,
            zle,
            function () { return [astrm, Deflate, Zlib]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Zlib(ev.data);
            onmessage = astrm(strm);
        }, 10, 1);
    }
    return AsyncZlib;
}())));

function zlib(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bDflt,
        zle,
        function () { return [zlibSync]; }
    ], function (ev) { return pbf(zlibSync(ev.data[0], ev.data[1])); }, 4, cb);
}
/**
 * Compress data with Zlib
 * @param data The data to compress
 * @param opts The compression options
 * @returns The zlib-compressed version of the data
 */
function zlibSync(data, opts) {
    if (!opts)
        opts = {};
    var a = adler();
    a.p(data);
    var d = dopt(data, opts, opts.dictionary ? 6 : 2, 4);
    return zlh(d, opts), wbytes(d, d.length - 4, a.d()), d;
}
/**
 * Streaming Zlib decompression
 */
var Unzlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Unzlib(opts, cb) {
        Inflate.call(this, opts, cb);
        this.v = opts && opts.dictionary ? 2 : 1;
    }
    /**
     * Pushes a chunk to be unzlibbed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Unzlib.prototype.push = function (chunk, final) {
        Inflate.prototype.e.call(this, chunk);
        if (this.v) {
            if (this.p.length < 6 && !final)
                return;
            this.p = this.p.subarray(zls(this.p, this.v - 1)), this.v = 0;
        }
        if (final) {
            if (this.p.length < 4)
                err(6, 'invalid zlib data');
            this.p = this.p.subarray(0, -4);
        }
        // necessary to prevent TS from using the closure value
        // This allows for workerization to function correctly
        Inflate.prototype.c.call(this, final);
    };
    return Unzlib;
}())));

/**
 * Asynchronous streaming Zlib decompression
 */
var AsyncUnzlib = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncUnzlib(opts, cb) {
        astrmify([
            bInflt,
            zule,
            function () { return [astrm, Inflate, Unzlib]; }
        ], this, StrmOpt.call(this, opts, cb), function (ev) {
            var strm = new Unzlib(ev.data);
            onmessage = astrm(strm);
        }, 11, 0);
    }
    return AsyncUnzlib;
}())));

function unzlib(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return cbify(data, opts, [
        bInflt,
        zule,
        function () { return [unzlibSync]; }
    ], function (ev) { return pbf(unzlibSync(ev.data[0], gopt(ev.data[1]))); }, 5, cb);
}
function unzlibSync(data, opts) {
    return inflt(data.subarray(zls(data, opts && opts.dictionary), -4), { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
// Default algorithm for compression (used because having a known output size allows faster decompression)


/**
 * Streaming GZIP, Zlib, or raw DEFLATE decompression
 */
var Decompress = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function Decompress(opts, cb) {
        this.o = StrmOpt.call(this, opts, cb) || {};
        this.G = Gunzip;
        this.I = Inflate;
        this.Z = Unzlib;
    }
    // init substream
    // overriden by AsyncDecompress
    Decompress.prototype.i = function () {
        var _this = this;
        this.s.ondata = function (dat, final) {
            _this.ondata(dat, final);
        };
    };
    /**
     * Pushes a chunk to be decompressed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Decompress.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        if (!this.s) {
            if (this.p && this.p.length) {
                var n = new u8(this.p.length + chunk.length);
                n.set(this.p), n.set(chunk, this.p.length);
            }
            else
                this.p = chunk;
            if (this.p.length > 2) {
                this.s = (this.p[0] == 31 && this.p[1] == 139 && this.p[2] == 8)
                    ? new this.G(this.o)
                    : ((this.p[0] & 15) != 8 || (this.p[0] >> 4) > 7 || ((this.p[0] << 8 | this.p[1]) % 31))
                        ? new this.I(this.o)
                        : new this.Z(this.o);
                this.i();
                this.s.push(this.p, final);
                this.p = null;
            }
        }
        else
            this.s.push(chunk, final);
    };
    return Decompress;
}())));

/**
 * Asynchronous streaming GZIP, Zlib, or raw DEFLATE decompression
 */
var AsyncDecompress = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function AsyncDecompress(opts, cb) {
        Decompress.call(this, opts, cb);
        this.queuedSize = 0;
        this.G = AsyncGunzip;
        this.I = AsyncInflate;
        this.Z = AsyncUnzlib;
    }
    AsyncDecompress.prototype.i = function () {
        var _this = this;
        this.s.ondata = function (err, dat, final) {
            _this.ondata(err, dat, final);
        };
        this.s.ondrain = function (size) {
            _this.queuedSize -= size;
            if (_this.ondrain)
                _this.ondrain(size);
        };
    };
    /**
     * Pushes a chunk to be decompressed
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    AsyncDecompress.prototype.push = function (chunk, final) {
        this.queuedSize += chunk.length;
        Decompress.prototype.push.call(this, chunk, final);
    };
    return AsyncDecompress;
}())));

function decompress(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    return (data[0] == 31 && data[1] == 139 && data[2] == 8)
        ? gunzip(data, opts, cb)
        : ((data[0] & 15) != 8 || (data[0] >> 4) > 7 || ((data[0] << 8 | data[1]) % 31))
            ? inflate(data, opts, cb)
            : unzlib(data, opts, cb);
}
/**
 * Expands compressed GZIP, Zlib, or raw DEFLATE data, automatically detecting the format
 * @param data The data to decompress
 * @param opts The decompression options
 * @returns The decompressed version of the data
 */
function decompressSync(data, opts) {
    return (data[0] == 31 && data[1] == 139 && data[2] == 8)
        ? gunzipSync(data, opts)
        : ((data[0] & 15) != 8 || (data[0] >> 4) > 7 || ((data[0] << 8 | data[1]) % 31))
            ? inflateSync(data, opts)
            : unzlibSync(data, opts);
}
// flatten a directory structure
var fltn = function (d, p, t, o) {
    for (var k in d) {
        var val = d[k], n = p + k, op = o;
        if (Array.isArray(val))
            op = mrg(o, val[1]), val = val[0];
        if (ArrayBuffer.isView(val))
            t[n] = [val, op];
        else {
            t[n += '/'] = [new u8(0), op];
            fltn(val, n, t, o);
        }
    }
};
// text encoder
var te = typeof TextEncoder != 'undefined' && /*#__PURE__*/ new TextEncoder();
// text decoder
var td = typeof TextDecoder != 'undefined' && /*#__PURE__*/ new TextDecoder();
// text decoder stream
var tds = 0;
try {
    td.decode(et, { stream: true });
    tds = 1;
}
catch (e) { }
// decode UTF8
var dutf8 = function (d) {
    for (var r = '', i = 0;;) {
        var c = d[i++];
        var eb = (c > 127) + (c > 223) + (c > 239);
        if (i + eb > d.length)
            return { s: r, r: slc(d, i - 1) };
        if (!eb)
            r += String.fromCharCode(c);
        else if (eb == 3) {
            c = ((c & 15) << 18 | (d[i++] & 63) << 12 | (d[i++] & 63) << 6 | (d[i++] & 63)) - 65536,
                r += String.fromCharCode(55296 | (c >> 10), 56320 | (c & 1023));
        }
        else if (eb & 1)
            r += String.fromCharCode((c & 31) << 6 | (d[i++] & 63));
        else
            r += String.fromCharCode((c & 15) << 12 | (d[i++] & 63) << 6 | (d[i++] & 63));
    }
};
/**
 * Streaming UTF-8 decoding
 */
var DecodeUTF8 = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a UTF-8 decoding stream
     * @param cb The callback to call whenever data is decoded
     */
    function DecodeUTF8(cb) {
        this.ondata = cb;
        if (tds)
            this.t = new TextDecoder();
        else
            this.p = et;
    }
    /**
     * Pushes a chunk to be decoded from UTF-8 binary
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    DecodeUTF8.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        final = !!final;
        if (this.t) {
            this.ondata(this.t.decode(chunk, { stream: true }), final);
            if (final) {
                if (this.t.decode().length)
                    err(8);
                this.t = null;
            }
            return;
        }
        if (!this.p)
            err(4);
        var dat = new u8(this.p.length + chunk.length);
        dat.set(this.p);
        dat.set(chunk, this.p.length);
        var _a = dutf8(dat), s = _a.s, r = _a.r;
        if (final) {
            if (r.length)
                err(8);
            this.p = null;
        }
        else
            this.p = r;
        this.ondata(s, final);
    };
    return DecodeUTF8;
}())));

/**
 * Streaming UTF-8 encoding
 */
var EncodeUTF8 = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a UTF-8 decoding stream
     * @param cb The callback to call whenever data is encoded
     */
    function EncodeUTF8(cb) {
        this.ondata = cb;
    }
    /**
     * Pushes a chunk to be encoded to UTF-8
     * @param chunk The string data to push
     * @param final Whether this is the last chunk
     */
    EncodeUTF8.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        if (this.d)
            err(4);
        this.ondata(strToU8(chunk), this.d = final || false);
    };
    return EncodeUTF8;
}())));

/**
 * Converts a string into a Uint8Array for use with compression/decompression methods
 * @param str The string to encode
 * @param latin1 Whether or not to interpret the data as Latin-1. This should
 *               not need to be true unless decoding a binary string.
 * @returns The string encoded in UTF-8/Latin-1 binary
 */
function strToU8(str, latin1) {
    if (latin1) {
        var ar_1 = new u8(str.length);
        for (var i = 0; i < str.length; ++i)
            ar_1[i] = str.charCodeAt(i);
        return ar_1;
    }
    if (te)
        return te.encode(str);
    var l = str.length;
    var ar = new u8(str.length + (str.length >> 1));
    var ai = 0;
    var w = function (v) { ar[ai++] = v; };
    for (var i = 0; i < l; ++i) {
        if (ai + 5 > ar.length) {
            var n = new u8(ai + 8 + ((l - i) << 1));
            n.set(ar);
            ar = n;
        }
        var c = str.charCodeAt(i);
        if (c < 128 || latin1)
            w(c);
        else if (c < 2048)
            w(192 | (c >> 6)), w(128 | (c & 63));
        else if (c > 55295 && c < 57344)
            c = 65536 + (c & 1023 << 10) | (str.charCodeAt(++i) & 1023),
                w(240 | (c >> 18)), w(128 | ((c >> 12) & 63)), w(128 | ((c >> 6) & 63)), w(128 | (c & 63));
        else
            w(224 | (c >> 12)), w(128 | ((c >> 6) & 63)), w(128 | (c & 63));
    }
    return slc(ar, 0, ai);
}
/**
 * Converts a Uint8Array to a string
 * @param dat The data to decode to string
 * @param latin1 Whether or not to interpret the data as Latin-1. This should
 *               not need to be true unless encoding to binary string.
 * @returns The original UTF-8/Latin-1 string
 */
function strFromU8(dat, latin1) {
    if (latin1) {
        var r = '';
        for (var i = 0; i < dat.length; i += 16384)
            r += String.fromCharCode.apply(null, dat.subarray(i, i + 16384));
        return r;
    }
    else if (td) {
        return td.decode(dat);
    }
    else {
        var _a = dutf8(dat), s = _a.s, r = _a.r;
        if (r.length)
            err(8);
        return s;
    }
}
;
// deflate bit flag
var dbf = function (l) { return l == 1 ? 3 : l < 6 ? 2 : l == 9 ? 1 : 0; };
// skip local zip header
var slzh = function (d, b) { return b + 30 + b2(d, b + 26) + b2(d, b + 28); };
// read zip header
var zh = function (d, b, z) {
    var fnl = b2(d, b + 28), efl = b2(d, b + 30), fn = strFromU8(d.subarray(b + 46, b + 46 + fnl), !(b2(d, b + 8) & 2048)), es = b + 46 + fnl;
    var _a = z64hs(d, es, efl, z, b4(d, b + 20), b4(d, b + 24), b4(d, b + 42)), sc = _a[0], su = _a[1], off = _a[2];
    return [b2(d, b + 10), sc, su, fn, es + efl + b2(d, b + 32), off];
};
// read zip64 header sizes
var z64hs = function (d, b, l, z, sc, su, off) {
    var nsc = sc == 4294967295, nsu = su == 4294967295, noff = off == 4294967295, e = b + l;
    var nf = nsc + nsu + noff;
    if (z && nf) {
        for (; b + 4 < e; b += 4 + b2(d, b + 2)) {
            if (b2(d, b) == 1) {
                return [
                    nsc ? b8(d, b + 4 + 8 * nsu) : sc,
                    nsu ? b8(d, b + 4) : su,
                    noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : off,
                    1
                ];
            }
        }
        // z == 2 for unknown whether or not zip64
        if (z < 2)
            err(13);
    }
    return [sc, su, off, 0];
};
// extra field length
var exfl = function (ex) {
    var le = 0;
    if (ex) {
        for (var k in ex) {
            var l = ex[k].length;
            if (l > 65535)
                err(9);
            le += l + 4;
        }
    }
    return le;
};
// write zip header
var wzh = function (d, b, f, fn, u, c, ce, co) {
    var fl = fn.length, ex = f.extra, col = co && co.length;
    var exl = exfl(ex);
    wbytes(d, b, ce != null ? 0x2014B50 : 0x4034B50), b += 4;
    if (ce != null)
        d[b++] = 20, d[b++] = f.os;
    d[b] = 20, b += 2; // spec compliance? what's that?
    d[b++] = (f.flag << 1) | (c < 0 && 8), d[b++] = u && 8;
    d[b++] = f.compression & 255, d[b++] = f.compression >> 8;
    var dt = new Date(f.mtime == null ? Date.now() : f.mtime), y = dt.getFullYear() - 1980;
    if (y < 0 || y > 119)
        err(10);
    wbytes(d, b, (y << 25) | ((dt.getMonth() + 1) << 21) | (dt.getDate() << 16) | (dt.getHours() << 11) | (dt.getMinutes() << 5) | (dt.getSeconds() >> 1)), b += 4;
    if (c != -1) {
        wbytes(d, b, f.crc);
        wbytes(d, b + 4, c < 0 ? -c - 2 : c);
        wbytes(d, b + 8, f.size);
    }
    wbytes(d, b + 12, fl);
    wbytes(d, b + 14, exl), b += 16;
    if (ce != null) {
        wbytes(d, b, col);
        wbytes(d, b + 6, f.attrs);
        wbytes(d, b + 10, ce), b += 14;
    }
    d.set(fn, b);
    b += fl;
    if (exl) {
        for (var k in ex) {
            var exf = ex[k], l = exf.length;
            wbytes(d, b, +k);
            wbytes(d, b + 2, l);
            d.set(exf, b + 4), b += 4 + l;
        }
    }
    if (col)
        d.set(co, b), b += col;
    return b;
};
// write zip footer (end of central directory)
var wzf = function (o, b, c, d, e) {
    wbytes(o, b, 0x6054B50); // skip disk
    wbytes(o, b + 8, c);
    wbytes(o, b + 10, c);
    wbytes(o, b + 12, d);
    wbytes(o, b + 16, e);
};
/**
 * A pass-through stream to keep data uncompressed in a ZIP archive.
 */
var ZipPassThrough = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a pass-through stream that can be added to ZIP archives
     * @param filename The filename to associate with this data stream
     */
    function ZipPassThrough(filename) {
        this.filename = filename;
        this.c = crc();
        this.size = 0;
        this.compression = 0;
    }
    /**
     * Processes a chunk and pushes to the output stream. You can override this
     * method in a subclass for custom behavior, but by default this passes
     * the data through. You must call this.ondata(err, chunk, final) at some
     * point in this method.
     * @param chunk The chunk to process
     * @param final Whether this is the last chunk
     */
    ZipPassThrough.prototype.process = function (chunk, final) {
        this.ondata(null, chunk, final);
    };
    /**
     * Pushes a chunk to be added. If you are subclassing this with a custom
     * compression algorithm, note that you must push data from the source
     * file only, pre-compression.
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    ZipPassThrough.prototype.push = function (chunk, final) {
        if (!this.ondata)
            err(5);
        this.c.p(chunk);
        this.size += chunk.length;
        if (final)
            this.crc = this.c.d();
        // we shouldn't really do this cast, but properly handling ArrayBufferLike
        // makes the API unergonomic with Buffer
        this.process(chunk, final || false);
    };
    return ZipPassThrough;
}())));

// I don't extend because TypeScript extension adds 1kB of runtime bloat
/**
 * Streaming DEFLATE compression for ZIP archives. Prefer using AsyncZipDeflate
 * for better performance
 */
var ZipDeflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a DEFLATE stream that can be added to ZIP archives
     * @param filename The filename to associate with this data stream
     * @param opts The compression options
     */
    function ZipDeflate(filename, opts) {
        var _this = this;
        if (!opts)
            opts = {};
        ZipPassThrough.call(this, filename);
        this.d = new Deflate(opts, function (dat, final) {
            _this.ondata(null, dat, final);
        });
        this.compression = 8;
        this.flag = dbf(opts.level);
    }
    ZipDeflate.prototype.process = function (chunk, final) {
        try {
            this.d.push(chunk, final);
        }
        catch (e) {
            this.ondata(e, null, final);
        }
    };
    /**
     * Pushes a chunk to be deflated
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    ZipDeflate.prototype.push = function (chunk, final) {
        ZipPassThrough.prototype.push.call(this, chunk, final);
    };
    return ZipDeflate;
}())));

/**
 * Asynchronous streaming DEFLATE compression for ZIP archives
 */
var AsyncZipDeflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates an asynchronous DEFLATE stream that can be added to ZIP archives
     * @param filename The filename to associate with this data stream
     * @param opts The compression options
     */
    function AsyncZipDeflate(filename, opts) {
        var _this = this;
        if (!opts)
            opts = {};
        ZipPassThrough.call(this, filename);
        this.d = new AsyncDeflate(opts, function (err, dat, final) {
            _this.ondata(err, dat, final);
        });
        this.compression = 8;
        this.flag = dbf(opts.level);
        this.terminate = this.d.terminate;
    }
    AsyncZipDeflate.prototype.process = function (chunk, final) {
        this.d.push(chunk, final);
    };
    /**
     * Pushes a chunk to be deflated
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    AsyncZipDeflate.prototype.push = function (chunk, final) {
        ZipPassThrough.prototype.push.call(this, chunk, final);
    };
    return AsyncZipDeflate;
}())));

// TODO: Better tree shaking
/**
 * A zippable archive to which files can incrementally be added
 */
var Zip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates an empty ZIP archive to which files can be added
     * @param cb The callback to call whenever data for the generated ZIP archive
     *           is available
     */
    function Zip(cb) {
        this.ondata = cb;
        this.u = [];
        this.d = 1;
    }
    /**
     * Adds a file to the ZIP archive
     * @param file The file stream to add
     */
    Zip.prototype.add = function (file) {
        var _this = this;
        if (!this.ondata)
            err(5);
        // finishing or finished
        if (this.d & 2)
            this.ondata(err(4 + (this.d & 1) * 8, 0, 1), null, false);
        else {
            var f = strToU8(file.filename), fl_1 = f.length;
            var com = file.comment, o = com && strToU8(com);
            var u = fl_1 != file.filename.length || (o && (com.length != o.length));
            var hl_1 = fl_1 + exfl(file.extra) + 30;
            if (fl_1 > 65535)
                this.ondata(err(11, 0, 1), null, false);
            var header = new u8(hl_1);
            wzh(header, 0, file, f, u, -1);
            var chks_1 = [header];
            var pAll_1 = function () {
                for (var _i = 0, chks_2 = chks_1; _i < chks_2.length; _i++) {
                    var chk = chks_2[_i];
                    _this.ondata(null, chk, false);
                }
                chks_1 = [];
            };
            var tr_1 = this.d;
            this.d = 0;
            var ind_1 = this.u.length;
            var uf_1 = mrg(file, {
                f: f,
                u: u,
                o: o,
                t: function () {
                    if (file.terminate)
                        file.terminate();
                },
                r: function () {
                    pAll_1();
                    if (tr_1) {
                        var nxt = _this.u[ind_1 + 1];
                        if (nxt)
                            nxt.r();
                        else
                            _this.d = 1;
                    }
                    tr_1 = 1;
                }
            });
            var cl_1 = 0;
            file.ondata = function (err, dat, final) {
                if (err) {
                    _this.ondata(err, dat, final);
                    _this.terminate();
                }
                else {
                    cl_1 += dat.length;
                    chks_1.push(dat);
                    if (final) {
                        var dd = new u8(16);
                        wbytes(dd, 0, 0x8074B50);
                        wbytes(dd, 4, file.crc);
                        wbytes(dd, 8, cl_1);
                        wbytes(dd, 12, file.size);
                        chks_1.push(dd);
                        uf_1.c = cl_1, uf_1.b = hl_1 + cl_1 + 16, uf_1.crc = file.crc, uf_1.size = file.size;
                        if (tr_1)
                            uf_1.r();
                        tr_1 = 1;
                    }
                    else if (tr_1)
                        pAll_1();
                }
            };
            this.u.push(uf_1);
        }
    };
    /**
     * Ends the process of adding files and prepares to emit the final chunks.
     * This *must* be called after adding all desired files for the resulting
     * ZIP file to work properly.
     */
    Zip.prototype.end = function () {
        var _this = this;
        if (this.d & 2) {
            this.ondata(err(4 + (this.d & 1) * 8, 0, 1), null, true);
            return;
        }
        if (this.d)
            this.e();
        else
            this.u.push({
                r: function () {
                    if (!(_this.d & 1))
                        return;
                    _this.u.splice(-1, 1);
                    _this.e();
                },
                t: function () { }
            });
        this.d = 3;
    };
    Zip.prototype.e = function () {
        var bt = 0, l = 0, tl = 0;
        for (var _i = 0, _a = this.u; _i < _a.length; _i++) {
            var f = _a[_i];
            tl += 46 + f.f.length + exfl(f.extra) + (f.o ? f.o.length : 0);
        }
        var out = new u8(tl + 22);
        for (var _b = 0, _c = this.u; _b < _c.length; _b++) {
            var f = _c[_b];
            wzh(out, bt, f, f.f, f.u, -f.c - 2, l, f.o);
            bt += 46 + f.f.length + exfl(f.extra) + (f.o ? f.o.length : 0), l += f.b;
        }
        wzf(out, bt, this.u.length, tl, l);
        this.ondata(null, out, true);
        this.d = 2;
    };
    /**
     * A method to terminate any internal workers used by the stream. Subsequent
     * calls to add() will fail.
     */
    Zip.prototype.terminate = function () {
        for (var _i = 0, _a = this.u; _i < _a.length; _i++) {
            var f = _a[_i];
            f.t();
        }
        this.d = 2;
    };
    return Zip;
}())));

function zip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    var r = {};
    fltn(data, '', r, opts);
    var k = Object.keys(r);
    var lft = k.length, o = 0, tot = 0;
    var slft = lft, files = new Array(lft);
    var term = [];
    var tAll = function () {
        for (var i = 0; i < term.length; ++i)
            term[i]();
    };
    var cbd = function (a, b) {
        mt(function () { cb(a, b); });
    };
    mt(function () { cbd = cb; });
    var cbf = function () {
        var out = new u8(tot + 22), oe = o, cdl = tot - o;
        tot = 0;
        for (var i = 0; i < slft; ++i) {
            var f = files[i];
            try {
                var l = f.c.length;
                wzh(out, tot, f, f.f, f.u, l);
                var badd = 30 + f.f.length + exfl(f.extra);
                var loc = tot + badd;
                out.set(f.c, loc);
                wzh(out, o, f, f.f, f.u, l, tot, f.m), o += 16 + badd + (f.m ? f.m.length : 0), tot = loc + l;
            }
            catch (e) {
                return cbd(e, null);
            }
        }
        wzf(out, o, files.length, cdl, oe);
        cbd(null, out);
    };
    if (!lft)
        cbf();
    var _loop_1 = function (i) {
        var fn = k[i];
        var _a = r[fn], file = _a[0], p = _a[1];
        var c = crc(), size = file.length;
        c.p(file);
        var f = strToU8(fn), s = f.length;
        var com = p.comment, m = com && strToU8(com), ms = m && m.length;
        var exl = exfl(p.extra);
        var compression = p.level == 0 ? 0 : 8;
        var cbl = function (e, d) {
            if (e) {
                tAll();
                cbd(e, null);
            }
            else {
                var l = d.length;
                files[i] = mrg(p, {
                    size: size,
                    crc: c.d(),
                    c: d,
                    f: f,
                    m: m,
                    u: s != fn.length || (m && (com.length != ms)),
                    compression: compression
                });
                o += 30 + s + exl + l;
                tot += 76 + 2 * (s + exl) + (ms || 0) + l;
                if (!--lft)
                    cbf();
            }
        };
        if (s > 65535)
            cbl(err(11, 0, 1), null);
        if (!compression)
            cbl(null, file);
        else if (size < 160000) {
            try {
                cbl(null, deflateSync(file, p));
            }
            catch (e) {
                cbl(e, null);
            }
        }
        else
            term.push(deflate(file, p, cbl));
    };
    // Cannot use lft because it can decrease
    for (var i = 0; i < slft; ++i) {
        _loop_1(i);
    }
    return tAll;
}
/**
 * Synchronously creates a ZIP file. Prefer using `zip` for better performance
 * with more than one file.
 * @param data The directory structure for the ZIP archive
 * @param opts The main options, merged with per-file options
 * @returns The generated ZIP archive
 */
function zipSync(data, opts) {
    if (!opts)
        opts = {};
    var r = {};
    var files = [];
    fltn(data, '', r, opts);
    var o = 0;
    var tot = 0;
    for (var fn in r) {
        var _a = r[fn], file = _a[0], p = _a[1];
        var compression = p.level == 0 ? 0 : 8;
        var f = strToU8(fn), s = f.length;
        var com = p.comment, m = com && strToU8(com), ms = m && m.length;
        var exl = exfl(p.extra);
        if (s > 65535)
            err(11);
        var d = compression ? deflateSync(file, p) : file, l = d.length;
        var c = crc();
        c.p(file);
        files.push(mrg(p, {
            size: file.length,
            crc: c.d(),
            c: d,
            f: f,
            m: m,
            u: s != fn.length || (m && (com.length != ms)),
            o: o,
            compression: compression
        }));
        o += 30 + s + exl + l;
        tot += 76 + 2 * (s + exl) + (ms || 0) + l;
    }
    var out = new u8(tot + 22), oe = o, cdl = tot - o;
    for (var i = 0; i < files.length; ++i) {
        var f = files[i];
        wzh(out, f.o, f, f.f, f.u, f.c.length);
        var badd = 30 + f.f.length + exfl(f.extra);
        out.set(f.c, f.o + badd);
        wzh(out, o, f, f.f, f.u, f.c.length, f.o, f.m), o += 16 + badd + (f.m ? f.m.length : 0);
    }
    wzf(out, o, files.length, cdl, oe);
    return out;
}
/**
 * Streaming pass-through decompression for ZIP archives
 */
var UnzipPassThrough = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    function UnzipPassThrough() {
    }
    UnzipPassThrough.prototype.push = function (chunk, final) {
        // same as ZipPassThrough: cast to retain Buffer ergonomics
        this.ondata(null, chunk, final);
    };
    UnzipPassThrough.compression = 0;
    return UnzipPassThrough;
}())));

/**
 * Streaming DEFLATE decompression for ZIP archives. Prefer AsyncZipInflate for
 * better performance.
 */
var UnzipInflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a DEFLATE decompression that can be used in ZIP archives
     */
    function UnzipInflate() {
        var _this = this;
        this.i = new Inflate(function (dat, final) {
            _this.ondata(null, dat, final);
        });
    }
    UnzipInflate.prototype.push = function (chunk, final) {
        try {
            this.i.push(chunk, final);
        }
        catch (e) {
            this.ondata(e, null, final);
        }
    };
    UnzipInflate.compression = 8;
    return UnzipInflate;
}())));

/**
 * Asynchronous streaming DEFLATE decompression for ZIP archives
 */
var AsyncUnzipInflate = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a DEFLATE decompression that can be used in ZIP archives
     */
    function AsyncUnzipInflate(_, sz) {
        var _this = this;
        if (sz < 320000) {
            this.i = new Inflate(function (dat, final) {
                _this.ondata(null, dat, final);
            });
        }
        else {
            this.i = new AsyncInflate(function (err, dat, final) {
                _this.ondata(err, dat, final);
            });
            this.terminate = this.i.terminate;
        }
    }
    AsyncUnzipInflate.prototype.push = function (chunk, final) {
        if (this.i.terminate)
            chunk = slc(chunk, 0);
        this.i.push(chunk, final);
    };
    AsyncUnzipInflate.compression = 8;
    return AsyncUnzipInflate;
}())));

/**
 * A ZIP archive decompression stream that emits files as they are discovered
 */
var Unzip = /*#__PURE__*/ ((/* unused pure expression or super */ null && (function () {
    /**
     * Creates a ZIP decompression stream
     * @param cb The callback to call whenever a file in the ZIP archive is found
     */
    function Unzip(cb) {
        this.onfile = cb;
        this.k = [];
        this.o = {
            0: UnzipPassThrough
        };
        this.p = et;
    }
    /**
     * Pushes a chunk to be unzipped
     * @param chunk The chunk to push
     * @param final Whether this is the last chunk
     */
    Unzip.prototype.push = function (chunk, final) {
        var _this = this;
        if (!this.onfile)
            err(5);
        if (!this.p)
            err(4);
        if (this.c > 0) {
            var len = Math.min(this.c, chunk.length);
            var toAdd = chunk.subarray(0, len);
            this.c -= len;
            if (this.d)
                this.d.push(toAdd, !this.c);
            else
                this.k[0].push(toAdd);
            chunk = chunk.subarray(len);
            if (chunk.length)
                return this.push(chunk, final);
        }
        else {
            var f = 0, i = 0, is = void 0, buf = void 0;
            if (!this.p.length)
                buf = chunk;
            else if (!chunk.length)
                buf = this.p;
            else {
                buf = new u8(this.p.length + chunk.length);
                buf.set(this.p), buf.set(chunk, this.p.length);
            }
            var l = buf.length, oc = this.c, add = oc && this.d;
            var _loop_2 = function () {
                var sig = b4(buf, i);
                if (sig == 0x4034B50) {
                    f = 1, is = i;
                    this_1.d = null;
                    this_1.c = 0;
                    var bf = b2(buf, i + 6), cmp_1 = b2(buf, i + 8), u = bf & 2048, dd = bf & 8, fnl = b2(buf, i + 26), es = b2(buf, i + 28);
                    if (l > i + 30 + fnl + es) {
                        var chks_3 = [];
                        this_1.k.unshift(chks_3);
                        f = 2;
                        var lsc = b4(buf, i + 18), lsu = b4(buf, i + 22);
                        var fn_1 = strFromU8(buf.subarray(i + 30, i += 30 + fnl), !u);
                        var _a = z64hs(buf, i, es, 2, lsc, lsu, 0), sc_1 = _a[0], su_1 = _a[1], z64 = _a[3];
                        if (dd)
                            sc_1 = -1 - z64;
                        i += es;
                        this_1.c = sc_1;
                        var d_1;
                        var file_1 = {
                            name: fn_1,
                            compression: cmp_1,
                            start: function () {
                                if (!file_1.ondata)
                                    err(5);
                                if (!sc_1)
                                    file_1.ondata(null, et, true);
                                else {
                                    var ctr = _this.o[cmp_1];
                                    if (!ctr)
                                        file_1.ondata(err(14, 'unknown compression type ' + cmp_1, 1), null, false);
                                    d_1 = sc_1 < 0 ? new ctr(fn_1) : new ctr(fn_1, sc_1, su_1);
                                    d_1.ondata = function (err, dat, final) { file_1.ondata(err, dat, final); };
                                    for (var _i = 0, chks_4 = chks_3; _i < chks_4.length; _i++) {
                                        var dat = chks_4[_i];
                                        d_1.push(dat, false);
                                    }
                                    if (_this.k[0] == chks_3 && _this.c)
                                        _this.d = d_1;
                                    else
                                        d_1.push(et, true);
                                }
                            },
                            terminate: function () {
                                if (d_1 && d_1.terminate)
                                    d_1.terminate();
                            }
                        };
                        if (sc_1 >= 0)
                            file_1.size = sc_1, file_1.originalSize = su_1;
                        this_1.onfile(file_1);
                    }
                    return "break";
                }
                else if (oc) {
                    if (sig == 0x8074B50) {
                        is = i += 12 + (oc == -2 && 8), f = 3, this_1.c = 0;
                        return "break";
                    }
                    else if (sig == 0x2014B50) {
                        is = i -= 4, f = 3, this_1.c = 0;
                        return "break";
                    }
                }
            };
            var this_1 = this;
            for (; i < l - 4; ++i) {
                var state_1 = _loop_2();
                if (state_1 === "break")
                    break;
            }
            this.p = et;
            if (oc < 0) {
                var dat = f ? buf.subarray(0, is - 12 - (oc == -2 && 8) - (b4(buf, is - 16) == 0x8074B50 && 4)) : buf.subarray(0, i);
                if (add)
                    add.push(dat, !!f);
                else
                    this.k[+(f == 2)].push(dat);
            }
            if (f & 2)
                return this.push(buf.subarray(i), final);
            this.p = buf.subarray(i);
        }
        if (final) {
            if (this.c)
                err(13);
            this.p = null;
        }
    };
    /**
     * Registers a decoder with the stream, allowing for files compressed with
     * the compression type provided to be expanded correctly
     * @param decoder The decoder constructor
     */
    Unzip.prototype.register = function (decoder) {
        this.o[decoder.compression] = decoder;
    };
    return Unzip;
}())));

var mt = typeof queueMicrotask == 'function' ? queueMicrotask : typeof setTimeout == 'function' ? setTimeout : function (fn) { fn(); };
function unzip(data, opts, cb) {
    if (!cb)
        cb = opts, opts = {};
    if (typeof cb != 'function')
        err(7);
    var term = [];
    var tAll = function () {
        for (var i = 0; i < term.length; ++i)
            term[i]();
    };
    var files = {};
    var cbd = function (a, b) {
        mt(function () { cb(a, b); });
    };
    mt(function () { cbd = cb; });
    var e = data.length - 22;
    for (; b4(data, e) != 0x6054B50; --e) {
        if (!e || data.length - e > 65558) {
            cbd(err(13, 0, 1), null);
            return tAll;
        }
    }
    ;
    var lft = b2(data, e + 8);
    if (lft) {
        var c = lft;
        var o = b4(data, e + 16);
        var z = b4(data, e - 20) == 0x7064B50;
        if (z) {
            var ze = b4(data, e - 12);
            z = b4(data, ze) == 0x6064B50;
            if (z) {
                c = lft = b4(data, ze + 32);
                o = b4(data, ze + 48);
            }
        }
        var fltr = opts && opts.filter;
        var _loop_3 = function (i) {
            var _a = zh(data, o, z), c_1 = _a[0], sc = _a[1], su = _a[2], fn = _a[3], no = _a[4], off = _a[5], b = slzh(data, off);
            o = no;
            var cbl = function (e, d) {
                if (e) {
                    tAll();
                    cbd(e, null);
                }
                else {
                    if (d)
                        files[fn] = d;
                    if (!--lft)
                        cbd(null, files);
                }
            };
            if (!fltr || fltr({
                name: fn,
                size: sc,
                originalSize: su,
                compression: c_1
            })) {
                if (!c_1)
                    cbl(null, slc(data, b, b + sc));
                else if (c_1 == 8) {
                    var infl = data.subarray(b, b + sc);
                    // Synchronously decompress under 512KB, or barely-compressed data
                    if (su < 524288 || sc > 0.8 * su) {
                        try {
                            cbl(null, inflateSync(infl, { out: new u8(su) }));
                        }
                        catch (e) {
                            cbl(e, null);
                        }
                    }
                    else
                        term.push(inflate(infl, { size: su }, cbl));
                }
                else
                    cbl(err(14, 'unknown compression type ' + c_1, 1), null);
            }
            else
                cbl(null, null);
        };
        for (var i = 0; i < c; ++i) {
            _loop_3(i);
        }
    }
    else
        cbd(null, {});
    return tAll;
}
/**
 * Synchronously decompresses a ZIP archive. Prefer using `unzip` for better
 * performance with more than one file.
 * @param data The raw compressed ZIP file
 * @param opts The ZIP extraction options
 * @returns The decompressed files
 */
function unzipSync(data, opts) {
    var files = {};
    var e = data.length - 22;
    for (; b4(data, e) != 0x6054B50; --e) {
        if (!e || data.length - e > 65558)
            err(13);
    }
    ;
    var c = b2(data, e + 8);
    if (!c)
        return {};
    var o = b4(data, e + 16);
    var z = b4(data, e - 20) == 0x7064B50;
    if (z) {
        var ze = b4(data, e - 12);
        z = b4(data, ze) == 0x6064B50;
        if (z) {
            c = b4(data, ze + 32);
            o = b4(data, ze + 48);
        }
    }
    var fltr = opts && opts.filter;
    for (var i = 0; i < c; ++i) {
        var _a = zh(data, o, z), c_2 = _a[0], sc = _a[1], su = _a[2], fn = _a[3], no = _a[4], off = _a[5], b = slzh(data, off);
        o = no;
        if (!fltr || fltr({
            name: fn,
            size: sc,
            originalSize: su,
            compression: c_2
        })) {
            if (!c_2)
                files[fn] = slc(data, b, b + sc);
            else if (c_2 == 8)
                files[fn] = inflateSync(data.subarray(b, b + sc), { out: new u8(su) });
            else
                err(14, 'unknown compression type ' + c_2);
        }
    }
    return files;
}

;// CONCATENATED MODULE: ./src/data/gzip-source.ts
/**
 * Decompresses a gzip file as it is read, for `.csv.gz` and `.jsonl.gz`.
 *
 * The readers pull bytes synchronously (`readSync` into one reused
 * buffer), so the inflater must be a synchronous stream too. Node's zlib
 * has none in its public API: its `*Sync` functions take the whole input at
 * once (the whole file in memory), and the internal `_processChunk` behind
 * them closes the inflater after one call (tried: the second call throws).
 * fflate's `Gunzip` is a synchronous, incremental inflater (8 kB, no
 * dependencies): compressed bytes go in 16 KiB at a time and come out as
 * they are inflated, so memory stays flat whatever the file's size, and a
 * gzip bomb gives at most one piece's worth (16 KiB × 1032, the deflate
 * limit) at a time. Files of several gzip members (`cat a.gz b.gz`) read as
 * their concatenation, as `gunzip` does; compressed data that stops short
 * is refused. fflate does not check the gzip trailer, so for a file of one
 * member (what `gzip` and pandas write) its CRC-32 and length are checked
 * here, with Node's `zlib.crc32`: a damaged or cut file is refused rather
 * than read as different rows.
 */



const INPUT_BYTES = 16 << 10;
// Node 20.15 and 22.2 on; without it the trailer is not checked.
const crc32 = external_node_zlib_namespaceObject.crc32;
class GunzipSource {
    path;
    readRaw;
    queue = [];
    /** How much of queue[0] was already handed out. */
    used = 0;
    ended = false;
    input = Buffer.allocUnsafe(INPUT_BYTES);
    /** CRC-32 and length (mod 2^32) of the output, and the file's last 8 bytes: the trailer. */
    crc = 0;
    size = 0;
    tail = Buffer.alloc(8);
    tailFilled = 0;
    members = 1;
    gunzip = new Gunzip((chunk) => {
        if (chunk.length === 0)
            return;
        this.queue.push(chunk);
        if (crc32)
            this.crc = crc32(chunk, this.crc);
        this.size = (this.size + chunk.length) % 2 ** 32;
    });
    /** `readRaw` fills a buffer with the file's next compressed bytes; 0 at its end. */
    constructor(path, readRaw) {
        this.path = path;
        this.readRaw = readRaw;
        this.gunzip.onmember = (offset) => {
            if (offset > 0)
                this.members++;
        };
    }
    /** Copies up to `length` inflated bytes into `target` at `offset`; 0 at the end. */
    read(target, offset, length) {
        while (this.queue.length === 0) {
            if (this.ended)
                return 0;
            const read = this.readRaw(this.input);
            if (read === 0)
                this.ended = true;
            else
                this.keepTail(this.input.subarray(0, read));
            try {
                this.gunzip.push(this.input.subarray(0, read), read === 0);
            }
            catch (error) {
                throw new errors_DataError(this.path, undefined, `is not a complete gzip file (${error.message}); was it cut short when copied? Check it with \`gzip -t\``);
            }
            if (this.ended)
                this.checkTrailer();
        }
        let copied = 0;
        while (copied < length && this.queue.length > 0) {
            const chunk = this.queue[0];
            const take = Math.min(length - copied, chunk.length - this.used);
            target.set(chunk.subarray(this.used, this.used + take), offset + copied);
            copied += take;
            this.used += take;
            if (this.used === chunk.length) {
                this.queue.shift();
                this.used = 0;
            }
        }
        return copied;
    }
    keepTail(bytes) {
        if (bytes.length >= 8) {
            this.tail.set(bytes.subarray(bytes.length - 8));
        }
        else {
            this.tail.copyWithin(0, bytes.length);
            this.tail.set(bytes, 8 - bytes.length);
        }
        this.tailFilled = Math.min(8, this.tailFilled + bytes.length);
    }
    checkTrailer() {
        if (!crc32 || this.members !== 1)
            return;
        if (this.tailFilled < 8 ||
            this.tail.readUInt32LE(0) !== this.crc >>> 0 ||
            this.tail.readUInt32LE(4) !== this.size)
            throw new errors_DataError(this.path, undefined, 'is a damaged gzip file: its data does not match the CRC-32 and length at its end (cut short, or changed when copied?); check it with `gzip -t`');
    }
}

;// CONCATENATED MODULE: ./src/data/chunked-file.ts
/**
 * A file read in large chunks into one reused buffer: the base of the
 * streaming readers. A subclass scans `buffer[0, filled)` and, when it needs
 * more, calls `readMore(keep)`, which keeps the bytes from `keep` on (moved to
 * the front, the buffer doubled when they fill it) and reads the next chunk
 * after them. Every byte read is shown once to `onBytes`, in order (the test
 * set's sha256 is computed this way, in the same pass).
 */



/**
 * The longest record (a CSV record, a JSON Lines line, an item of a
 * predictions document) a reader accepts: far above any real row, and a
 * bound on the memory a hostile file can take (documented in the README).
 */
const MAX_RECORD_BYTES = 64 << 20;
class ChunkedFile {
    path;
    buffer;
    /** Bytes [0, filled) of `buffer` hold data. */
    filled = 0;
    endOfFile = false;
    maxRecordBytes;
    fd;
    onBytes;
    /** The size the file had when opened: 0 with bytes to read means a pseudo file. */
    openedSize;
    bytesRead = 0;
    gunzip;
    /** True when the file is gzip-compressed (see RecordReader.gzip). */
    gzip;
    constructor(path, options = {}) {
        this.path = path;
        this.buffer = Buffer.allocUnsafe(options.chunkSize ?? 1 << 20);
        this.onBytes = options.onBytes;
        this.maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
        const file = openRegularFile(path);
        this.fd = file.fd;
        this.openedSize = file.size;
        this.gzip = options.gzip ?? false;
        if (this.gzip)
            this.gunzip = new GunzipSource(path, (into) => this.readRaw(into, 0, into.length));
    }
    close() {
        if (this.fd !== undefined)
            (0,external_node_fs_namespaceObject.closeSync)(this.fd);
        this.fd = undefined;
    }
    /**
     * Keeps bytes [keep, filled) at the front and reads the next chunk after
     * them; returns how far the kept bytes moved (`keep`), so the caller can
     * shift its indexes. Sets `endOfFile` when nothing more came.
     */
    readMore(keep) {
        const kept = this.filled - keep;
        // The bytes kept are one unfinished record: refuse it before it grows
        // without bound (a 300 MB field, a file with no line breaks).
        if (kept > this.maxRecordBytes)
            throw this.recordTooLong();
        if (keep > 0)
            this.buffer.copy(this.buffer, 0, keep, this.filled);
        if (kept === this.buffer.length) {
            const larger = Buffer.allocUnsafe(this.buffer.length * 2);
            this.buffer.copy(larger, 0, 0, kept);
            this.buffer = larger;
        }
        this.filled = kept;
        if (this.fd === undefined) {
            this.endOfFile = true;
            return keep;
        }
        const room = this.buffer.length - kept;
        const read = this.gunzip
            ? this.gunzip.read(this.buffer, kept, room)
            : this.readRaw(this.buffer, kept, room);
        if (read === 0)
            this.endOfFile = true;
        else
            this.filled += read;
        return keep;
    }
    /** Reads the file's next bytes into `into` at `offset`, showing them to `onBytes`; 0 at its end. */
    readRaw(into, offset, length) {
        const fd = this.fd;
        if (fd === undefined)
            return 0;
        let read;
        try {
            read = (0,external_node_fs_namespaceObject.readSync)(fd, into, offset, length, null);
        }
        catch (error) {
            throw new errors_DataError(this.path, undefined, describeFileError(error));
        }
        if (read > 0) {
            if (this.openedSize === 0 && this.bytesRead === 0) {
                this.close();
                throw new errors_DataError(this.path, undefined, NOT_REGULAR_PSEUDO);
            }
            this.bytesRead += read;
            this.onBytes?.(into.subarray(offset, offset + read));
        }
        return read;
    }
    /** The error for a record over `maxRecordBytes`; readers name its line or item. */
    recordTooLong() {
        return new errors_DataError(this.path, undefined, recordTooLongDetail(this.maxRecordBytes));
    }
}
/** The words for a record over the size limit. */
function recordTooLongDetail(maxRecordBytes) {
    const mib = maxRecordBytes / (1 << 20);
    const size = Number.isInteger(mib) ? `${mib} MiB` : `${maxRecordBytes} bytes`;
    return `a single record (line or item) is longer than ${size}; champion-gate refuses it rather than hold it in memory. Is this really a data file of rows (a line break missing, a column holding whole documents)?`;
}
const NOT_REGULAR_PSEUDO = "is not a regular file (it reports size 0 but has content, as the kernel's /proc and /sys files do); give the path of a data file";
// Filesystems whose files are the kernel's state, not data: procfs, sysfs,
// debugfs, tracefs, securityfs, cgroup v1/v2, configfs, efivarfs, bpf, pstore.
const PSEUDO_FILESYSTEMS = new Set([
    0x9fa0, 0x62656572, 0x64626720, 0x74726163, 0x73636673, 0x27e0eb, 0x63677270,
    0x62656570, 0xde5e81e4, 0xcafe4a11, 0x6165676c
]);
/**
 * Opens a data file for reading, refusing anything that is not a regular
 * file on a real filesystem: a directory, a FIFO (opening one would block),
 * a socket, a device, and the kernel's pseudo files under /proc, /sys and
 * /dev (a symlink to /proc/self/environ would otherwise put the runner's
 * environment into an error message). Those stat as regular files of size
 * 0, so they are refused by where they really are (the symlinks resolved),
 * by their filesystem, and, whatever their path, by having content when
 * they said they had none (see `readMore`).
 */
function openRegularFile(path) {
    let real;
    try {
        real = (0,external_node_fs_namespaceObject.realpathSync)(path);
    }
    catch (error) {
        throw new errors_DataError(path, undefined, describeFileError(error));
    }
    if (/^\/(proc|sys|dev)(\/|$)/.test(real)) {
        throw new errors_DataError(path, undefined, `is not a regular file (it is ${real === path ? '' : 'a link to '}the system's ${real.split('/')[1]} area); give the path of a data file`);
    }
    try {
        if (PSEUDO_FILESYSTEMS.has(Number((0,external_node_fs_namespaceObject.statfsSync)(real).type))) {
            throw new errors_DataError(path, undefined, NOT_REGULAR_PSEUDO);
        }
    }
    catch (error) {
        if (error instanceof errors_DataError)
            throw error;
        // statfs is not everywhere (some platforms, some sandboxes): the other checks remain.
    }
    let fd;
    try {
        // Non-blocking, so that a FIFO is refused below instead of hanging the run.
        fd = (0,external_node_fs_namespaceObject.openSync)(path, external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NONBLOCK ?? 0));
    }
    catch (error) {
        throw new errors_DataError(path, undefined, describeFileError(error));
    }
    const stat = (0,external_node_fs_namespaceObject.fstatSync)(fd);
    if (!stat.isFile()) {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
        const kind = stat.isDirectory()
            ? 'a directory'
            : stat.isFIFO()
                ? 'a named pipe'
                : stat.isSocket()
                    ? 'a socket'
                    : 'a device';
        throw new errors_DataError(path, undefined, `is ${kind}, not a regular file; give the path of the data file itself`);
    }
    return { fd, size: stat.size };
}
/** Says in words why a file could not be opened or read. */
function describeFileError(error) {
    const code = error.code;
    switch (code) {
        case 'ENOENT':
            return 'file not found; check the path (it is relative to the workspace) and that an earlier step wrote it';
        case 'EISDIR':
            return 'is a directory, not a file; give the path of the file itself';
        case 'EACCES':
            return 'permission denied; make the file readable by the runner';
        case 'ELOOP':
            return 'is a symbolic link that points to itself (a loop); give the path of the data file';
        default:
            return `cannot read the file (${code ?? String(error)})`;
    }
}

;// CONCATENATED MODULE: ./src/data/line-source.ts
/**
 * Reads a file line by line (the JSON Lines reader's base). A line
 * is a byte range of `buffer`, valid until the next call; no string is made
 * for it.
 */


/**
 * The readers' blank-line rule, one for all: true to skip a blank record.
 * Blank lines at the end are harmless; one followed by data is a lost row,
 * and the next record of data throws a DataError with `problem` at the
 * blank. `seen` remembers the first blank line (0: none).
 */
function skipBlankLine(seen, blank, line, path, problem) {
    if (blank) {
        if (seen.line === 0)
            seen.line = line;
        return true;
    }
    if (seen.line !== 0)
        throw new errors_DataError(path, seen.line, problem);
    return false;
}
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
class LineSource extends ChunkedFile {
    /** The current line: bytes [lineStart, lineEnd) of `buffer`, without its line break. */
    lineStart = 0;
    lineEnd = 0;
    /** 1-based number of the current line's first physical line. */
    lineNumber = 0;
    position = 0;
    physicalLines = 0;
    blank = { line: 0 };
    /** The readers' blank-line rule (see `skipBlankLine`) at the current line. */
    skipBlank(blank, problem) {
        return skipBlankLine(this.blank, blank, this.lineNumber, this.path, problem);
    }
    /** Moves to the next line; false at the end of the file. */
    next() {
        const end = this.findLineEnd(this.position);
        if (end < 0)
            return false;
        this.lineStart = this.position;
        // A UTF-8 byte order mark (Windows tools write one) is not part of the first record.
        const b = this.buffer;
        if (this.physicalLines === 0 &&
            end - this.lineStart >= 3 &&
            b[this.lineStart] === 0xef &&
            b[this.lineStart + 1] === 0xbb &&
            b[this.lineStart + 2] === 0xbf)
            this.lineStart += 3;
        this.physicalLines++;
        this.lineNumber = this.physicalLines;
        this.finishLine(end);
        return true;
    }
    recordTooLong() {
        return new errors_DataError(this.path, this.physicalLines + 1, recordTooLongDetail(this.maxRecordBytes));
    }
    /**
     * Extends the current line by the next physical line (a quoted CSV field
     * that holds a line break); false when the file ends first.
     */
    extend() {
        const keep = this.lineStart;
        const end = this.findLineEnd(this.position, keep);
        if (end < 0)
            return false;
        this.physicalLines++;
        this.finishLine(end);
        return true;
    }
    /** True when the current line holds nothing but blanks. */
    get isBlank() {
        for (let i = this.lineStart; i < this.lineEnd; i++) {
            const c = this.buffer[i];
            if (c !== 32 && c !== 9)
                return false;
        }
        return true;
    }
    finishLine(end) {
        // `end` is the index of the newline, or `filled` for a last line without one.
        this.position = end < this.filled ? end + 1 : end;
        let lineEnd = end;
        if (lineEnd > this.lineStart &&
            this.buffer[lineEnd - 1] === CARRIAGE_RETURN)
            lineEnd--;
        this.lineEnd = lineEnd;
        if (lineEnd - this.lineStart > this.maxRecordBytes) {
            this.physicalLines--;
            throw this.recordTooLong();
        }
    }
    /**
     * Index of the next newline at or after `from`, reading more as needed;
     * `filled` for a final line without a newline; -1 when nothing is left.
     * Bytes from `keep` on are kept in the buffer (indexes may shift).
     */
    findLineEnd(from, keep = from) {
        let searchFrom = from;
        for (;;) {
            const found = this.buffer.indexOf(NEWLINE, searchFrom);
            if (found >= 0 && found < this.filled)
                return found;
            if (this.endOfFile)
                return this.filled > from ? this.filled : -1;
            // [searchFrom, filled) holds no newline: after the refill, search on
            // from where this search stopped.
            const searched = this.filled;
            const shift = this.refill(keep);
            searchFrom = searched - shift;
            from -= shift;
            keep -= shift;
            this.lineStart -= shift;
        }
    }
    /** Keeps bytes from `keep` on, reads more; returns the shift. */
    refill(keep) {
        const shift = this.readMore(keep);
        this.position -= shift;
        return shift;
    }
}

;// CONCATENATED MODULE: ./src/data/shown-value.ts
/**
 * How a value read from a file (a field, a header name, a label, a key) is
 * shown inside an error message: quoted, at most about 80 characters, with
 * invisible characters escaped. A file is untrusted input: a 300 MB field
 * must not become a 300 MB error line, a line break must not start a new
 * log line, and a non-breaking space must be visible as `\u00a0` so that
 * "no column 'amount'" next to a header holding 'amount\u00a0' explains
 * itself. Every message that quotes file content goes through here.
 */
/** Characters shown of a long value; the rest is summarized. */
const SHOWN_CHARACTERS = 80;
// C0/C1 controls, DEL, and the characters that take no visible space or
// look like a plain space (format characters, the Unicode blanks, line and
// paragraph separators, the byte order mark), and lone surrogates.
const INVISIBLE = 
// eslint-disable-next-line no-control-regex -- matching control characters is the point
/[\u0000-\u001f\u007f-\u00a0\u00ad\u061c\u115f\u1160\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NAMED = {
    '\t': '\\t',
    '\n': '\\n',
    '\r': '\\r'
};
function escapeInvisible(text) {
    return text.replace(INVISIBLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Text for a message without quotes (e.g. a parser's own message): escaped and capped. */
function shown_value_visible(text) {
    const quoted = shown_value_shown(text);
    return quoted.slice(1).replace(/'( \(\d+ characters\))?$/, '$1');
}
/**
 * `'value'` for a message: invisible characters escaped, cut after about 80
 * characters with the full length said (`'aaaa…' (300000000 characters)`).
 */
function shown_value_shown(text) {
    if (text.length <= SHOWN_CHARACTERS)
        return `'${escapeInvisible(text)}'`;
    // Cut on a code point boundary (never half a surrogate pair).
    let cut = SHOWN_CHARACTERS - 1;
    const code = text.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        cut--;
    return `'${escapeInvisible(text.slice(0, cut))}…' (${text.length} characters)`;
}
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
/**
 * `shown` for a value still in bytes: decodes only the start of a long one,
 * so a huge field costs no more than a short one.
 */
function shownBytes(bytes, start, end) {
    // 4 bytes per character at most: enough bytes for the characters shown.
    const limit = SHOWN_CHARACTERS * 4;
    if (end - start <= limit)
        return shown_value_shown(decoder.decode(bytes.subarray(start, end)));
    const head = decoder.decode(bytes.subarray(start, start + limit));
    let cut = SHOWN_CHARACTERS - 1;
    const code = head.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        cut--;
    return `'${escapeInvisible(head.slice(0, cut))}…' (${end - start} bytes)`;
}
/** A list of names for messages: `'id', 'amount', 'label'` (cut after 20). */
function shownList(names) {
    const list = names.slice(0, 20).map(shown_value_shown);
    if (names.length > 20)
        list.push(`… (${names.length - 20} more)`);
    return list.length > 0 ? list.join(', ') : '(none)';
}

;// CONCATENATED MODULE: ./src/data/record-reader.ts
/**
 * The common shape of the three file readers (CSV, JSON Lines, the JSON that
 * `mlflow models predict` writes). A reader is opened, its needed fields are
 * bound by name once, then `next()` walks the records; after each, the value
 * of a bound field is the byte range [start[slot], end[slot]) of `bytes`.
 * Fields stay bytes so the hot loop parses numbers without making strings.
 */


const record_reader_decoder = new TextDecoder('utf-8', { ignoreBOM: true });
/** The text of a bound field of the current record. */
function fieldText(reader, slot) {
    return record_reader_decoder.decode(reader.bytes.subarray(reader.start[slot], reader.end[slot]));
}
/**
 * A bound field of the current record as a message shows it: quoted, cut
 * after about 80 characters, invisible characters escaped (see shown-value).
 */
function fieldShown(reader, slot) {
    return shownBytes(reader.bytes, reader.start[slot], reader.end[slot]);
}
/** A field list for messages: `'id', 'amount', 'label'` (cut after 20, each name cut after about 80 characters). */
function listFields(fields) {
    return shownList(fields);
}
/** A DataError at the reader's current record: its line, or its item number. */
function errorAt(reader, detail) {
    return reader.positionKind === 'line'
        ? new errors_DataError(reader.path, reader.position, detail)
        : new errors_DataError(reader.path, undefined, `${reader.positionKind} ${reader.position}: ${detail}`);
}
/** Like `errorAt`, for a position remembered earlier. */
function record_reader_errorAtPosition(reader, position, detail) {
    return reader.positionKind === 'line'
        ? new DataError(reader.path, position, detail)
        : new DataError(reader.path, undefined, `${reader.positionKind} ${position}: ${detail}`);
}
/** Reads to the end without keeping anything; returns how many records were left. */
function countRemaining(reader) {
    let records = 0;
    while (reader.next())
        records++;
    return records;
}
/** How a file is stored, for the report: `csv`, `csv.gz`, `parquet`, `jsonl.gz`, … */
function storedFormat(reader) {
    return reader.gzip ? `${reader.format}.gz` : reader.format;
}

;// CONCATENATED MODULE: ./src/data/csv-reader.ts
/**
 * A streaming CSV reader that reads a file exactly as Python's `csv` module
 * (the `excel` dialect) and pandas do: comma separated, a header row, a
 * field that *starts* with a double quote is quoted ("" for a quote, may
 * hold commas and line breaks), and a quote anywhere else is a plain
 * character (`5" a` is the text 5" a, as Python reads it; treating it as
 * the start of a quoted field would merge rows silently). Records end at
 * `\n`, `\r\n` or a lone `\r`, and lines are counted the same way, so the
 * line numbers in messages are those an editor shows.
 *
 * Records without a quoted field, nearly all of them, are split in place
 * with no copying; a record with one is unquoted into a scratch buffer.
 * Where this reader and Python's differ, this one stops with an error
 * instead: a row whose field count is not the header's (Python returns it
 * short or long), a quoted field still open at the end of the file (Python
 * takes the rest of the file as its text), a blank line between rows, a
 * bound column named twice in the header. Header names are trimmed.
 */





const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** `nextFast` found a quoted field: the record needs the slow path. */
const SLOW = -1;
const START_FIELD = 0;
const IN_FIELD = 1;
const IN_QUOTED = 2;
const QUOTE_IN_QUOTED = 3;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BLANK_LINE = 'blank line between data rows; remove it or fill in the row (rows are counted and matched, so a blank line cannot be skipped silently)';
class CsvReader extends ChunkedFile {
    format = 'csv';
    positionKind = 'line';
    header;
    bytes;
    start;
    end;
    /** The line the current record starts on (1-based). */
    position = 0;
    /** Where the next record starts in `buffer`, and its line. */
    cursor = 0;
    nextLine = 1;
    /** The first blank line seen (0: none), for the blank-line rule. */
    blank = { line: 0 };
    scratch = Buffer.allocUnsafe(4096);
    /** Field bounds found by the slow path (any number of fields). */
    slowStart = [];
    slowEnd = [];
    constructor(path, options = {}) {
        super(path, options);
        this.start = new Int32Array(0);
        this.end = new Int32Array(0);
        while (this.filled < 3 && !this.endOfFile)
            this.refill(0);
        // A UTF-8 byte order mark (Excel writes one) is not part of the first name.
        const b = this.buffer;
        if (this.filled >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
            this.cursor = 3;
        if (!this.hasMore()) {
            this.close();
            throw new errors_DataError(path, undefined, 'the file is empty; expected a CSV header row and at least one data row');
        }
        let count;
        try {
            count = this.nextSlow();
        }
        catch (error) {
            this.close();
            throw error;
        }
        let names;
        try {
            names = this.slowStart.map((s, k) => strictUtf8.decode(this.scratch.subarray(s, this.slowEnd[k])));
        }
        catch {
            this.close();
            throw new errors_DataError(path, 1, 'the header is not valid UTF-8; save the file as UTF-8 (a spreadsheet may have written Latin-1 or Windows-1252)');
        }
        this.header = names.slice(0, count).map((name) => name.trim());
        if (this.header.length === 1 && this.header[0] === '') {
            this.close();
            throw new errors_DataError(path, 1, 'the header row is blank; the first line must name the columns');
        }
        this.start = new Int32Array(this.header.length);
        this.end = new Int32Array(this.header.length);
        this.bytes = this.buffer;
    }
    has(field) {
        return this.header.includes(field);
    }
    names() {
        return this.header;
    }
    bind(field, input) {
        const index = this.header.indexOf(field);
        if (index < 0) {
            throw new errors_DataError(this.path, 1, `no column ${shown_value_shown(field)} (from input '${input}'); the header has ${listFields(this.header)}`);
        }
        const again = this.header.indexOf(field, index + 1);
        if (again >= 0) {
            // Python's DictReader would take the last, pandas the first: neither silently.
            throw new errors_DataError(this.path, 1, `column ${shown_value_shown(field)} (from input '${input}') appears twice in the header (columns ${index + 1} and ${again + 1}); rename one`);
        }
        return index;
    }
    next() {
        for (;;) {
            if (!this.hasMore())
                return false;
            let fields = this.nextFast();
            let quoted = false;
            if (fields === SLOW) {
                fields = this.nextSlow();
                this.copySlowBounds();
                quoted = true;
            }
            else {
                this.bytes = this.buffer;
            }
            // Only a one-field record can be blank (a comma or a quote makes it not).
            const blank = fields === 1 && !quoted && this.isBlank();
            if (skipBlankLine(this.blank, blank, this.position, this.path, BLANK_LINE))
                continue;
            if (fields !== this.start.length) {
                throw new errors_DataError(this.path, this.position, `this row has ${fields} field${fields === 1 ? '' : 's'} but the header has ${this.start.length}; check for a missing or extra comma (quote fields that contain commas)`);
            }
            return true;
        }
    }
    recordTooLong() {
        return new errors_DataError(this.path, this.nextLine, recordTooLongDetail(this.maxRecordBytes));
    }
    /** True when bytes are left to read (reading more if needed). */
    hasMore() {
        while (this.cursor >= this.filled) {
            if (this.endOfFile)
                return false;
            this.refill(this.cursor);
        }
        return true;
    }
    isBlank() {
        const b = this.bytes;
        for (let i = this.start[0]; i < this.end[0]; i++) {
            const c = b[i];
            if (c !== 32 && c !== 9)
                return false;
        }
        return true;
    }
    /**
     * The fast path: the next record's field bounds in `buffer`, found in one
     * scan. Returns the number of fields, or SLOW when a field starts with a
     * quote (nothing consumed then).
     */
    nextFast() {
        const columns = this.start.length;
        const start = this.start;
        const end = this.end;
        for (;;) {
            const b = this.buffer;
            const filled = this.filled;
            const recordStart = this.cursor;
            let fieldStart = recordStart;
            let field = 0;
            let i = recordStart;
            for (; i < filled; i++) {
                const c = b[i];
                if (c === COMMA) {
                    if (field < columns) {
                        start[field] = fieldStart;
                        end[field] = i;
                    }
                    field++;
                    fieldStart = i + 1;
                }
                else if (c === LF || c === CR) {
                    break;
                }
                else if (c === QUOTE && i === fieldStart) {
                    return SLOW;
                }
            }
            // The record (or a CR that may be half of CRLF) runs past the bytes in hand.
            if ((i === filled || (b[i] === CR && i + 1 === filled)) &&
                !this.endOfFile) {
                this.refill(recordStart);
                continue;
            }
            if (i - recordStart > this.maxRecordBytes)
                throw this.recordTooLong();
            if (field < columns) {
                start[field] = fieldStart;
                end[field] = i;
            }
            this.cursor =
                i === filled
                    ? i
                    : b[i] === CR && i + 1 < filled && b[i + 1] === LF
                        ? i + 2
                        : i + 1;
            this.position = this.nextLine++;
            return field + 1;
        }
    }
    /**
     * The slow path, Python's `csv` state machine byte by byte: unquotes the
     * next record's fields into `scratch` (bounds in slowStart/slowEnd) and
     * returns how many there are. Line breaks inside quoted fields are
     * counted, so the next record's line stays right.
     */
    nextSlow() {
        const slowStart = this.slowStart;
        const slowEnd = this.slowEnd;
        slowStart.length = 0;
        slowEnd.length = 0;
        const recordLine = this.nextLine;
        let line = recordLine;
        let state = START_FIELD;
        let out = 0;
        let fieldOut = 0;
        let scratch = this.scratch;
        let i = this.cursor;
        for (;;) {
            if (i >= this.filled ||
                (this.buffer[i] === CR && i + 1 === this.filled)) {
                if (!this.endOfFile) {
                    i -= this.refill(i);
                    continue;
                }
                if (i >= this.filled) {
                    if (state === IN_QUOTED) {
                        throw new errors_DataError(this.path, recordLine, 'a quoted field is never closed; add the closing double quote');
                    }
                    slowStart.push(fieldOut);
                    slowEnd.push(out);
                    break;
                }
            }
            const c = this.buffer[i];
            if (state === IN_QUOTED) {
                if (c === QUOTE) {
                    state = QUOTE_IN_QUOTED;
                }
                else {
                    if (c === LF || (c === CR && !this.lfAt(i + 1)))
                        line++;
                    if (out === scratch.length)
                        scratch = this.growScratch(out);
                    scratch[out++] = c;
                }
                i++;
                continue;
            }
            if (c === LF || c === CR) {
                slowStart.push(fieldOut);
                slowEnd.push(out);
                i += c === CR && this.lfAt(i + 1) ? 2 : 1;
                line++;
                break;
            }
            if (c === COMMA) {
                slowStart.push(fieldOut);
                slowEnd.push(out);
                fieldOut = out;
                state = START_FIELD;
            }
            else if (c === QUOTE && state === START_FIELD) {
                state = IN_QUOTED;
            }
            else if (c === QUOTE && state === QUOTE_IN_QUOTED) {
                // "" inside a quoted field: one quote.
                if (out === scratch.length)
                    scratch = this.growScratch(out);
                scratch[out++] = c;
                state = IN_QUOTED;
            }
            else {
                // Text after a closing quote, or any character of an unquoted field
                // (a quote included), is kept as it is, as Python does.
                if (out === scratch.length)
                    scratch = this.growScratch(out);
                scratch[out++] = c;
                state = IN_FIELD;
            }
            i++;
        }
        if (out > this.maxRecordBytes)
            throw this.recordTooLong();
        this.cursor = i;
        this.position = recordLine;
        this.nextLine = line;
        return slowStart.length;
    }
    lfAt(i) {
        return i < this.filled && this.buffer[i] === LF;
    }
    copySlowBounds() {
        const n = Math.min(this.start.length, this.slowStart.length);
        for (let k = 0; k < n; k++) {
            this.start[k] = this.slowStart[k];
            this.end[k] = this.slowEnd[k];
        }
        this.bytes = this.scratch;
    }
    growScratch(used) {
        if (used >= this.maxRecordBytes)
            throw this.recordTooLong();
        const larger = Buffer.allocUnsafe(this.scratch.length * 2);
        this.scratch.copy(larger, 0, 0, used);
        this.scratch = larger;
        return larger;
    }
    /** Keeps bytes from `keep` on, reads more; returns how far they moved. */
    refill(keep) {
        const shift = this.readMore(keep);
        this.cursor -= shift;
        return shift;
    }
}

;// CONCATENATED MODULE: ./src/data/field-texts.ts
/**
 * A record whose fields arrive as text (JSON Lines, `mlflow models predict`
 * JSON) handed out as every RecordReader hands out a record: the bound
 * fields' UTF-8 bytes side by side in one buffer, with each field's range.
 */
const encoder = new TextEncoder();
/**
 * Writes `texts` (one per slot) into `buffer`, sets `start[slot]` and
 * `end[slot]`, and returns the buffer: the same one, or a larger copy when
 * the record did not fit (kept by the caller for the next record).
 */
function writeFieldTexts(texts, buffer, start, end) {
    let offset = 0;
    for (let slot = 0; slot < texts.length; slot++) {
        const encoded = encoder.encode(texts[slot]);
        if (offset + encoded.length > buffer.length) {
            const larger = new Uint8Array((offset + encoded.length) * 2);
            larger.set(buffer.subarray(0, offset));
            buffer = larger;
        }
        buffer.set(encoded, offset);
        start[slot] = offset;
        offset += encoded.length;
        end[slot] = offset;
    }
    return buffer;
}

;// CONCATENATED MODULE: ./src/data/json-value.ts
/**
 * Turns one JSON value of a prediction or test-set record into the text the
 * readers hand on: numbers and strings as they are, a `[p0, p1]` probability
 * pair as `[p0,p1]` (which entry is the positive class is the score
 * parser's business: it depends on the test set's labels), null as empty.
 * Anything else is a message for a DataError.
 */
function jsonValueText(value) {
    if (typeof value === 'number') {
        // JSON.parse has already rounded such a number (9007199254740993 reads
        // as ...992): as an id or a label it would silently name another row.
        if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
            return {
                problem: `holds an integer beyond 2^53 (read as ${String(value)}), which JSON numbers cannot carry exactly; write it as a string ("...")`
            };
        }
        return String(value);
    }
    if (typeof value === 'string')
        return value;
    if (typeof value === 'boolean')
        return String(value);
    if (value === null || value === undefined)
        return '';
    if (Array.isArray(value)) {
        if (value.length === 2 &&
            typeof value[0] === 'number' &&
            typeof value[1] === 'number')
            return `[${value[0]},${value[1]}]`;
        return {
            problem: `holds an array of ${value.length} entries; expected a score, a label or a [p0, p1] probability pair`
        };
    }
    return {
        problem: 'holds an object; expected a score, a label or a [p0, p1] pair'
    };
}

;// CONCATENATED MODULE: ./src/data/jsonl-reader.ts
/**
 * A streaming JSON Lines reader: one JSON object per line. Values are
 * written as text into a scratch buffer so that callers parse them exactly
 * as they parse CSV fields.
 */






class JsonLinesReader {
    path;
    format = 'jsonl';
    positionKind = 'line';
    bytes = new Uint8Array(1024);
    start = new Int32Array(0);
    end = new Int32Array(0);
    lines;
    fields = [];
    firstKeys;
    pending = false;
    /** The bound fields' texts of the current record, by slot (reused). */
    texts = [];
    constructor(path, options = {}) {
        this.path = path;
        this.lines = new LineSource(path, options);
        // Peek at the first record so `has` and `bind` can name its keys.
        if (this.advance()) {
            this.firstKeys = Object.keys(this.parse());
            this.pending = true;
        }
        else {
            this.lines.close();
            throw new errors_DataError(path, undefined, 'the file is empty; expected one JSON object per line');
        }
    }
    get gzip() {
        return this.lines.gzip;
    }
    get position() {
        return this.lines.lineNumber;
    }
    has(field) {
        return this.firstKeys?.includes(field) ?? false;
    }
    names() {
        return this.firstKeys ?? [];
    }
    bind(field, input) {
        if (!this.has(field)) {
            throw new errors_DataError(this.path, this.lines.lineNumber, `no key '${field}' (from input '${input}'); the first record has ${listFields(this.firstKeys ?? [])}`);
        }
        let slot = this.fields.indexOf(field);
        if (slot < 0) {
            slot = this.fields.push(field) - 1;
            this.start = new Int32Array(this.fields.length);
            this.end = new Int32Array(this.fields.length);
        }
        return slot;
    }
    next() {
        if (this.pending)
            this.pending = false;
        else if (!this.advance())
            return false;
        const record = this.parse();
        const texts = this.texts;
        texts.length = this.fields.length;
        for (let slot = 0; slot < this.fields.length; slot++) {
            const key = this.fields[slot];
            if (!(key in record)) {
                throw new errors_DataError(this.path, this.lines.lineNumber, `no key '${key}' in this record; every line needs it`);
            }
            const text = jsonValueText(record[key]);
            if (typeof text !== 'string') {
                throw new errors_DataError(this.path, this.lines.lineNumber, `key '${key}' ${text.problem}`);
            }
            texts[slot] = text;
        }
        this.bytes = writeFieldTexts(texts, this.bytes, this.start, this.end);
        return true;
    }
    close() {
        this.lines.close();
    }
    advance() {
        for (;;) {
            if (!this.lines.next())
                return false;
            const problem = 'blank line between records; remove it or fill in the record';
            if (!this.lines.skipBlank(this.lines.isBlank, problem))
                return true;
        }
    }
    parse() {
        const { buffer, lineStart, lineEnd, lineNumber } = this.lines;
        let value;
        // A UTF-8 byte order mark (some Windows tools write one) is not JSON.
        const bom = lineNumber === 1 &&
            buffer[lineStart] === 0xef &&
            buffer[lineStart + 1] === 0xbb &&
            buffer[lineStart + 2] === 0xbf;
        try {
            value = JSON.parse(buffer.toString('utf8', bom ? lineStart + 3 : lineStart, lineEnd));
        }
        catch (error) {
            throw new errors_DataError(this.path, lineNumber, `not valid JSON (${shown_value_visible(error.message)}); each line must be one JSON object`);
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            throw new errors_DataError(this.path, lineNumber, 'each line must be a JSON object such as {"id": 1, "prediction": 0.93}');
        }
        return value;
    }
}

;// CONCATENATED MODULE: ./src/data/mlflow-predictions-reader.ts
/**
 * A streaming reader for the JSON that `mlflow models predict` writes:
 * `{"predictions": [...]}` (a bare top-level array is accepted too). Items
 * may be numbers, labels, `[p0, p1]` probability pairs, or objects keyed by
 * the prediction column, as pandas' `to_json(orient="records")` writes them;
 * objects may carry more keys (an id), which are bound like CSV columns. The
 * file is scanned in chunks, item by item, so a 2-million-item document
 * never sits in memory whole; items are numbered from 1 in messages
 * ("item 12").
 */






const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const mlflow_predictions_reader_QUOTE = 34;
const BACKSLASH = 92;
const mlflow_predictions_reader_COMMA = 44;
function isObject(text) {
    try {
        const value = JSON.parse(text);
        return typeof value === 'object' && value !== null && !Array.isArray(value);
    }
    catch {
        return false;
    }
}
function isSpace(c) {
    return c === 32 || c === 10 || c === 13 || c === 9;
}
class MlflowPredictionsReader extends ChunkedFile {
    format = 'mlflow-json';
    positionKind = 'item';
    position = 0;
    bytes;
    start = new Int32Array(1);
    end = new Int32Array(1);
    cursor = 0;
    finished = false;
    /** Bound keys, by slot, and the inputs that named them (for messages). */
    fields = [];
    inputs = [];
    /** The slot a bare item (number, label, pair) fills: the first bound, the prediction. */
    valueSlot = -1;
    /** The first item's keys, when it is an object. */
    firstKeys;
    scratch = new Uint8Array(256);
    constructor(path, options = {}) {
        super(path, options);
        this.bytes = this.buffer;
        this.openArray();
        this.peekFirstKeys();
    }
    /** True when the items are objects and the first has this key (an id). */
    has(field) {
        return this.firstKeys?.includes(field) ?? false;
    }
    names() {
        return this.firstKeys ?? [];
    }
    /**
     * The first field bound is the prediction: a bare item is its value, so it
     * may always be bound. Any other key must be in the first item, which must
     * then be an object.
     */
    bind(field, input) {
        if (this.fields.length > 0 && !this.has(field)) {
            throw new errors_DataError(this.path, undefined, this.firstKeys
                ? `item 1: no key '${field}' (from input '${input}'); the first item has ${shownList(this.firstKeys)}`
                : `no key '${field}' (from input '${input}'): the items are bare values, not objects with keys`);
        }
        let slot = this.fields.indexOf(field);
        if (slot < 0) {
            slot = this.fields.push(field) - 1;
            this.inputs.push(input);
            if (this.start.length < this.fields.length) {
                this.start = new Int32Array(this.fields.length);
                this.end = new Int32Array(this.fields.length);
            }
        }
        if (this.valueSlot < 0)
            this.valueSlot = slot;
        return slot;
    }
    next() {
        if (this.finished)
            return false;
        let c = this.peekNonSpace();
        if (c === -1)
            this.fail('the file ends inside the predictions array; was it written completely?');
        if (this.position > 0) {
            if (c === mlflow_predictions_reader_COMMA) {
                this.cursor++;
                c = this.peekNonSpace();
            }
            else if (c !== CLOSE_BRACKET) {
                this.fail('expected "," or "]" after this item');
            }
        }
        if (c === CLOSE_BRACKET) {
            this.finished = true;
            return false;
        }
        if (c === -1)
            this.fail('the file ends inside the predictions array; was it written completely?');
        this.position++;
        this.readItem();
        return true;
    }
    recordTooLong() {
        return new errors_DataError(this.path, undefined, `item ${Math.max(this.position, 1)}: ${recordTooLongDetail(this.maxRecordBytes)}`);
    }
    fail(detail) {
        throw new errors_DataError(this.path, undefined, `item ${Math.max(this.position, 1)}: ${detail}`);
    }
    /** Skips `{"predictions":` up to and including the array's `[`. */
    openArray() {
        this.refill();
        while (this.filled < 3 && !this.endOfFile)
            this.refill();
        // A UTF-8 byte order mark (Windows tools write one) is not JSON: skip it.
        const b = this.buffer;
        if (this.filled >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
            this.cursor = 3;
        const c = this.peekNonSpace();
        if (c === OPEN_BRACKET) {
            this.cursor++;
            return;
        }
        // Read enough of the head to see the key.
        while (!this.endOfFile && this.filled - this.cursor < 256)
            this.refill();
        const head = this.buffer.toString('utf8', this.cursor, Math.min(this.filled, this.cursor + 256));
        const match = /^\{\s*"predictions"\s*:\s*\[/.exec(head);
        if (!match) {
            const problem = c === -1
                ? 'the file is empty'
                : /^\{\s*"predictions"\s*:\s*\{/.test(head)
                    ? '"predictions" is an object; expected an array (one item per test-set row)'
                    : this.otherFormat(c);
            throw new errors_DataError(this.path, undefined, problem);
        }
        this.cursor += Buffer.byteLength(match[0]);
        if (this.peekNonSpace() === CLOSE_BRACKET) {
            throw new errors_DataError(this.path, undefined, 'the predictions array is empty; the scorer produced no predictions');
        }
    }
    /**
     * What to say when the file is not the `mlflow models predict` document:
     * a `.json` file that holds JSON Lines or CSV is common (pandas'
     * `to_json(lines=True)` to a `.json` name), and renaming it is the fix.
     */
    otherFormat(first) {
        const byName = (0,external_node_path_namespaceObject.extname)(this.path).toLowerCase() === '.json';
        const selects = byName
            ? 'the .json extension selects the JSON that `mlflow models predict` writes ({"predictions": [...]} or a list of records)'
            : 'expected the JSON that `mlflow models predict` writes ({"predictions": [...]} or a list of records)';
        const newline = this.buffer.indexOf(10, this.cursor);
        const lineEnd = newline >= 0 && newline < this.filled ? newline : this.filled;
        const firstLine = this.buffer.toString('utf8', this.cursor, lineEnd);
        if (first === OPEN_BRACE) {
            // JSON Lines: a first line that is a whole object, and another after it.
            const rest = this.buffer
                .toString('utf8', lineEnd, Math.min(this.filled, lineEnd + 64))
                .trimStart();
            if (isObject(firstLine) && rest.startsWith('{')) {
                return `this looks like JSON Lines (one JSON object per line), but ${selects}; rename the file to .jsonl`;
            }
            return `expected {"predictions": [...]} as written by \`mlflow models predict\`, or a list of records (pandas' to_json(orient="records")); JSON Lines need the .jsonl extension, CSV the .csv extension`;
        }
        const shown = firstLine.length > 60 ? `${firstLine.slice(0, 60)}…` : firstLine;
        const escaped = JSON.stringify(shown.replace(/\r$/, ''));
        return byName
            ? `this is not JSON (its first line is ${escaped}), but ${selects}; if it is CSV, rename the file to .csv`
            : `this is not JSON (its first line is ${escaped}); ${selects}`;
    }
    /** Reads the first item's keys when it is an object (without moving on). */
    peekFirstKeys() {
        if (this.peekNonSpace() !== OPEN_BRACE)
            return;
        for (;;) {
            const end = this.scanItem(this.cursor);
            if (end >= 0) {
                try {
                    const value = JSON.parse(this.buffer.toString('utf8', this.cursor, end));
                    if (typeof value === 'object' && value !== null)
                        this.firstKeys = Object.keys(value);
                }
                catch {
                    // next() reports the bad item with its number.
                }
                return;
            }
            if (this.endOfFile)
                return;
            this.refill();
        }
    }
    /** The next non-blank byte (not consumed), or -1 at the end of the file. */
    peekNonSpace() {
        for (;;) {
            while (this.cursor < this.filled && isSpace(this.buffer[this.cursor]))
                this.cursor++;
            if (this.cursor < this.filled)
                return this.buffer[this.cursor];
            if (this.endOfFile)
                return -1;
            this.refill();
        }
    }
    /** Scans one item from the cursor and points start/end at its text. */
    readItem() {
        for (;;) {
            const itemStart = this.cursor;
            const itemEnd = this.scanItem(itemStart);
            if (itemEnd >= 0) {
                if (itemEnd - itemStart > this.maxRecordBytes)
                    throw this.recordTooLong();
                this.cursor = itemEnd;
                this.takeItem(itemStart, itemEnd);
                return;
            }
            if (this.endOfFile)
                this.fail('the file ends inside this item; was it written completely?');
            this.refill();
        }
    }
    /** The end of the item starting at `from`, or -1 when the buffer ends first. */
    scanItem(from) {
        const b = this.buffer;
        const filled = this.filled;
        const first = b[from];
        if (first === mlflow_predictions_reader_QUOTE) {
            for (let i = from + 1; i < filled; i++) {
                if (b[i] === BACKSLASH)
                    i++;
                else if (b[i] === mlflow_predictions_reader_QUOTE)
                    return i + 1;
            }
            return -1;
        }
        if (first === OPEN_BRACKET || first === OPEN_BRACE) {
            let depth = 0;
            for (let i = from; i < filled; i++) {
                const c = b[i];
                if (c === mlflow_predictions_reader_QUOTE) {
                    for (i++; i < filled && b[i] !== mlflow_predictions_reader_QUOTE; i++)
                        if (b[i] === BACKSLASH)
                            i++;
                    if (i >= filled)
                        return -1;
                }
                else if (c === OPEN_BRACKET || c === OPEN_BRACE)
                    depth++;
                else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
                    depth--;
                    if (depth === 0)
                        return i + 1;
                }
            }
            return -1;
        }
        for (let i = from; i < filled; i++) {
            const c = b[i];
            if (c === mlflow_predictions_reader_COMMA || c === CLOSE_BRACKET || isSpace(c))
                return i;
        }
        return this.endOfFile ? filled : -1;
    }
    takeItem(itemStart, itemEnd) {
        const b = this.buffer;
        const first = b[itemStart];
        if (first !== OPEN_BRACE)
            this.checkBare();
        const slot = this.valueSlot;
        if (first !== mlflow_predictions_reader_QUOTE && first !== OPEN_BRACKET && first !== OPEN_BRACE) {
            // A bare number (the common case): hand on its bytes as they are.
            const isNull = itemEnd - itemStart === 4 &&
                b.toString('latin1', itemStart, itemEnd) === 'null';
            this.bytes = b;
            this.start[slot] = itemStart;
            this.end[slot] = isNull ? itemStart : itemEnd;
            return;
        }
        if (first === OPEN_BRACKET) {
            // [p0, p1] of plain numbers: hand on the pair's bytes without parsing;
            // the score parser picks the entry (it depends on the test set's labels).
            let commas = 0;
            let simple = true;
            for (let i = itemStart + 1; i < itemEnd - 1; i++) {
                const c = b[i];
                if (c === mlflow_predictions_reader_COMMA)
                    commas++;
                else if (c === mlflow_predictions_reader_QUOTE || c === OPEN_BRACKET || c === OPEN_BRACE)
                    simple = false;
            }
            if (simple && commas === 1) {
                this.bytes = b;
                this.start[slot] = itemStart;
                this.end[slot] = itemEnd;
                return;
            }
        }
        let value;
        try {
            value = JSON.parse(b.toString('utf8', itemStart, itemEnd));
        }
        catch (error) {
            this.fail(`not valid JSON (${shown_value_visible(error.message)})`);
        }
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            this.takeRecord(value);
            return;
        }
        this.setScratch([this.text(value, slot)]);
    }
    /** A bare item has only the prediction: fails when other keys are bound. */
    checkBare() {
        for (let slot = 0; slot < this.fields.length; slot++) {
            if (slot === this.valueSlot)
                continue;
            this.fail(`this item is a bare value, not an object with key '${this.fields[slot]}' (input '${this.inputs[slot]}'); every item needs it, like the first`);
        }
    }
    /** An object item: each bound key's value as text. */
    takeRecord(record) {
        const texts = this.fields.map((key, slot) => {
            if (!(key in record)) {
                this.fail(`this object has no key '${key}' (input '${this.inputs[slot]}'); it has ${shownList(Object.keys(record))}`);
            }
            return this.text(record[key], slot);
        });
        this.setScratch(texts);
    }
    text(value, slot) {
        const text = jsonValueText(value);
        if (typeof text === 'string')
            return text;
        return this.fail(slot === this.valueSlot || slot < 0
            ? text.problem
            : `key '${this.fields[slot]}' ${text.problem}`);
    }
    /** Writes the bound fields' texts (in slot order) to the scratch buffer. */
    setScratch(texts) {
        this.scratch = writeFieldTexts(texts, this.scratch, this.start, this.end);
        this.bytes = this.scratch;
    }
    /** Keeps bytes from the cursor on, reads the next chunk after them. */
    refill() {
        this.cursor -= this.readMore(this.cursor);
    }
}

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/constants.js

/** @type {import('../src/types.d.ts').ParquetType[]} */
const ParquetTypes = [
  'BOOLEAN',
  'INT32',
  'INT64',
  'INT96', // deprecated
  'FLOAT',
  'DOUBLE',
  'BYTE_ARRAY',
  'FIXED_LEN_BYTE_ARRAY',
]

/** @type {import('../src/types.d.ts').Encoding[]} */
const Encodings = [
  'PLAIN',
  'GROUP_VAR_INT', // deprecated
  'PLAIN_DICTIONARY',
  'RLE',
  'BIT_PACKED', // deprecated
  'DELTA_BINARY_PACKED',
  'DELTA_LENGTH_BYTE_ARRAY',
  'DELTA_BYTE_ARRAY',
  'RLE_DICTIONARY',
  'BYTE_STREAM_SPLIT',
]

/** @type {import('../src/types.d.ts').FieldRepetitionType[]} */
const FieldRepetitionTypes = [
  'REQUIRED',
  'OPTIONAL',
  'REPEATED',
]

/** @type {import('../src/types.d.ts').ConvertedType[]} */
const ConvertedTypes = [
  'UTF8',
  'MAP',
  'MAP_KEY_VALUE',
  'LIST',
  'ENUM',
  'DECIMAL',
  'DATE',
  'TIME_MILLIS',
  'TIME_MICROS',
  'TIMESTAMP_MILLIS',
  'TIMESTAMP_MICROS',
  'UINT_8',
  'UINT_16',
  'UINT_32',
  'UINT_64',
  'INT_8',
  'INT_16',
  'INT_32',
  'INT_64',
  'JSON',
  'BSON',
  'INTERVAL',
]

/** @type {import('../src/types.d.ts').CompressionCodec[]} */
const CompressionCodecs = [
  'UNCOMPRESSED',
  'SNAPPY',
  'GZIP',
  'LZO',
  'BROTLI',
  'LZ4',
  'ZSTD',
  'LZ4_RAW',
]

/** @type {import('../src/types.d.ts').PageType[]} */
const PageTypes = [
  'DATA_PAGE',
  'INDEX_PAGE',
  'DICTIONARY_PAGE',
  'DATA_PAGE_V2',
]

/** @type {import('../src/types.d.ts').BoundaryOrder[]} */
const BoundaryOrders = (/* unused pure expression or super */ null && ([
  'UNORDERED',
  'ASCENDING',
  'DESCENDING',
]))

/** @type {import('../src/types.d.ts').EdgeInterpolationAlgorithm[]} */
const EdgeInterpolationAlgorithms = [
  'SPHERICAL',
  'VINCENTY',
  'THOMAS',
  'ANDOYER',
  'KARNEY',
]

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/wkb.js
/**
 * WKB (Well-Known Binary) decoder for geometry objects.
 *
 * @param {DataReader} reader
 * @returns {Geometry} geometry object
 */
function wkbToGeojson(reader) {
  const flags = getFlags(reader)

  if (flags.type === 1) { // Point
    return { type: 'Point', coordinates: readPosition(reader, flags) }
  } else if (flags.type === 2) { // LineString
    return { type: 'LineString', coordinates: readLine(reader, flags) }
  } else if (flags.type === 3) { // Polygon
    return { type: 'Polygon', coordinates: readPolygon(reader, flags) }
  } else if (flags.type === 4) { // MultiPoint
    const points = []
    for (let i = 0; i < flags.count; i++) {
      points.push(readPosition(reader, getFlags(reader)))
    }
    return { type: 'MultiPoint', coordinates: points }
  } else if (flags.type === 5) { // MultiLineString
    const lines = []
    for (let i = 0; i < flags.count; i++) {
      lines.push(readLine(reader, getFlags(reader)))
    }
    return { type: 'MultiLineString', coordinates: lines }
  } else if (flags.type === 6) { // MultiPolygon
    const polygons = []
    for (let i = 0; i < flags.count; i++) {
      polygons.push(readPolygon(reader, getFlags(reader)))
    }
    return { type: 'MultiPolygon', coordinates: polygons }
  } else if (flags.type === 7) { // GeometryCollection
    const geometries = []
    for (let i = 0; i < flags.count; i++) {
      geometries.push(wkbToGeojson(reader))
    }
    return { type: 'GeometryCollection', geometries }
  } else {
    throw new Error(`Unsupported geometry type: ${flags.type}`)
  }
}

/**
 * Extract ISO WKB flags and base geometry type.
 *
 * @param {DataReader} reader
 * @returns {WkbFlags}
 */
function getFlags(reader) {
  const { view } = reader
  const littleEndian = view.getUint8(reader.offset++) === 1
  const rawType = view.getUint32(reader.offset, littleEndian)
  reader.offset += 4

  const type = rawType % 1000
  const flags = Math.floor(rawType / 1000)

  let count = 0
  if (type > 1 && type <= 7) {
    count = view.getUint32(reader.offset, littleEndian)
    reader.offset += 4
  }

  // XY, XYZ, XYM, XYZM
  let dim = 2
  if (flags) dim++
  if (flags === 3) dim++

  return { littleEndian, type, dim, count }
}

/**
 * @param {DataReader} reader
 * @param {WkbFlags} flags
 * @returns {number[]}
 */
function readPosition(reader, flags) {
  const points = []
  for (let i = 0; i < flags.dim; i++) {
    const coord = reader.view.getFloat64(reader.offset, flags.littleEndian)
    reader.offset += 8
    points.push(coord)
  }
  return points
}

/**
 * @param {DataReader} reader
 * @param {WkbFlags} flags
 * @returns {number[][]}
 */
function readLine(reader, flags) {
  const points = []
  for (let i = 0; i < flags.count; i++) {
    points.push(readPosition(reader, flags))
  }
  return points
}

/**
 * @param {DataReader} reader
 * @param {WkbFlags} flags
 * @returns {number[][][]}
 */
function readPolygon(reader, flags) {
  const { view } = reader
  const rings = []
  for (let r = 0; r < flags.count; r++) {
    const count = view.getUint32(reader.offset, flags.littleEndian)
    reader.offset += 4
    rings.push(readLine(reader, { ...flags, count }))
  }
  return rings
}

/**
 * @typedef {object} WkbFlags
 * @property {boolean} littleEndian
 * @property {number} type
 * @property {number} dim
 * @property {number} count
 */

/**
 * @import {DataReader, Geometry} from '../src/types.js'
 */

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/convert.js


/**
 * @import {ColumnDecoder, DecodedArray, Encoding, ParquetParsers} from '../src/types.js'
 */

const convert_decoder = new TextDecoder()

/**
 * Default type parsers when no custom ones are given
 * @type ParquetParsers
 */
const DEFAULT_PARSERS = {
  timestampFromMilliseconds(millis) {
    return new Date(Number(millis))
  },
  timestampFromMicroseconds(micros) {
    return new Date(Number(micros / 1000n))
  },
  timestampFromNanoseconds(nanos) {
    return new Date(Number(nanos / 1000000n))
  },
  dateFromDays(days) {
    return new Date(days * 86400000)
  },
  stringFromBytes(bytes) {
    return bytes && convert_decoder.decode(bytes)
  },
  jsonFromBytes(bytes) {
    return bytes && JSON.parse(convert_decoder.decode(bytes))
  },
  geometryFromBytes(bytes) {
    return bytes && wkbToGeojson({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 })
  },
  geographyFromBytes(bytes) {
    return bytes && wkbToGeojson({ view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 })
  },
  uuidFromBytes(bytes) {
    if (!bytes) return undefined
    const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20, 32)
  },
}

/**
 * Convert known types from primitive to rich, and dereference dictionary.
 *
 * @param {DecodedArray} data series of primitive types
 * @param {DecodedArray | undefined} dictionary
 * @param {Encoding} encoding
 * @param {ColumnDecoder} columnDecoder
 * @returns {DecodedArray} series of rich types
 */
function convert_convertWithDictionary(data, dictionary, encoding, columnDecoder) {
  if (dictionary && encoding.endsWith('_DICTIONARY')) {
    let output = data
    if (data instanceof Uint8Array && !(dictionary instanceof Uint8Array)) {
      // @ts-expect-error upgrade data to match dictionary type with fancy constructor
      output = new dictionary.constructor(data.length)
    }
    for (let i = 0; i < data.length; i++) {
      output[i] = dictionary[data[i]]
    }
    return output
  } else {
    return convert_convert(data, columnDecoder)
  }
}

/**
 * Convert known types from primitive to rich.
 *
 * @param {DecodedArray} data series of primitive types
 * @param {ColumnDecoder} columnDecoder
 * @returns {DecodedArray} series of rich types
 */
function convert_convert(data, columnDecoder) {
  const { element, parsers, utf8 = true, schemaPath } = columnDecoder
  const { type, converted_type: ctype, logical_type: ltype } = element
  const nullable = element.repetition_type !== 'REQUIRED'

  // Skip utf8 conversion for plain BYTE_ARRAY inside VARIANT
  const isVariant = schemaPath?.some(s => s.element.logical_type?.type === 'VARIANT')
  if (isVariant && type === 'BYTE_ARRAY' && ctype !== 'UTF8' && ltype?.type !== 'STRING') {
    return data
  }
  if (ctype === 'DECIMAL') {
    const scale = element.scale || 0
    const factor = 10 ** -scale
    const arr = new Array(data.length)
    for (let i = 0; i < arr.length; i++) {
      if (data[i] instanceof Uint8Array) {
        arr[i] = convert_parseDecimal(data[i]) * factor
      } else {
        arr[i] = Number(data[i]) * factor
      }
    }
    return arr
  }
  if (!ctype && type === 'INT96') {
    return Array.from(data).map(v => parsers.timestampFromNanoseconds(parseInt96Nanos(v)))
  }
  if (ctype === 'DATE') {
    return Array.from(data).map(v => parsers.dateFromDays(v))
  }
  if (ctype === 'TIMESTAMP_MILLIS') {
    return Array.from(data).map(v => parsers.timestampFromMilliseconds(v))
  }
  if (ctype === 'TIMESTAMP_MICROS') {
    return Array.from(data).map(v => parsers.timestampFromMicroseconds(v))
  }
  if (ctype === 'JSON') {
    return data.map(v => parsers.jsonFromBytes(v))
  }
  if (ctype === 'BSON') {
    throw new Error('parquet bson not supported')
  }
  if (ctype === 'INTERVAL') {
    throw new Error('parquet interval not supported')
  }
  if (ltype?.type === 'GEOMETRY') {
    return data.map(v => parsers.geometryFromBytes(v))
  }
  if (ltype?.type === 'GEOGRAPHY') {
    return data.map(v => parsers.geographyFromBytes(v))
  }
  if (ltype?.type === 'UUID') {
    return data.map(v => parsers.uuidFromBytes(v))
  }
  if (ctype === 'UTF8' || ltype?.type === 'STRING' || utf8 && type === 'BYTE_ARRAY') {
    return data.map(v => parsers.stringFromBytes(v))
  }
  if (ctype === 'UINT_64' || ltype?.type === 'INTEGER' && ltype.bitWidth === 64 && !ltype.isSigned) {
    if (data instanceof BigInt64Array) return new BigUint64Array(data.buffer, data.byteOffset, data.length)
    const arr = nullable ? new Array(data.length) : new BigUint64Array(data.length)
    for (let i = 0; i < arr.length; i++) arr[i] = data[i]
    return arr
  }
  if (ctype === 'UINT_32' || ltype?.type === 'INTEGER' && ltype.bitWidth === 32 && !ltype.isSigned) {
    if (data instanceof Int32Array) return new Uint32Array(data.buffer, data.byteOffset, data.length)
    const arr = nullable ? new Array(data.length) : new Uint32Array(data.length)
    for (let i = 0; i < arr.length; i++) {
      arr[i] = data[i] < 0 ? 4294967296 + data[i] : data[i]
    }
    return arr
  }
  if (ltype?.type === 'FLOAT16') {
    return Array.from(data).map(parseFloat16)
  }
  if (ltype?.type === 'TIMESTAMP') {
    const { unit } = ltype
    /** @type {ParquetParsers[keyof ParquetParsers]} */
    let parser = parsers.timestampFromMilliseconds
    if (unit === 'MICROS') parser = parsers.timestampFromMicroseconds
    if (unit === 'NANOS') parser = parsers.timestampFromNanoseconds
    const arr = new Array(data.length)
    for (let i = 0; i < arr.length; i++) {
      arr[i] = parser(data[i])
    }
    return arr
  }
  return data
}

/**
 * @param {Uint8Array} bytes
 * @returns {number}
 */
function convert_parseDecimal(bytes) {
  if (!bytes.length) return 0

  let value = 0n
  for (const byte of bytes) {
    value = value * 256n + BigInt(byte)
  }

  // handle signed
  const bits = bytes.length * 8
  if (value >= 2n ** BigInt(bits - 1)) {
    value -= 2n ** BigInt(bits)
  }

  return Number(value)
}

/**
 * Converts INT96 date format (hi 32bit days, lo 64bit nanos) to nanos since epoch
 * @param {bigint} value
 * @returns {bigint}
 */
function parseInt96Nanos(value) {
  const days = (value >> 64n) - 2440588n
  const nano = value & 0xffffffffffffffffn
  return days * 86400000000000n + nano
}

/**
 * @param {Uint8Array | undefined} bytes
 * @returns {number | undefined}
 */
function parseFloat16(bytes) {
  if (!bytes) return undefined
  const int16 = bytes[1] << 8 | bytes[0]
  const sign = int16 >> 15 ? -1 : 1
  const exp = int16 >> 10 & 0x1f
  const frac = int16 & 0x3ff
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024) // subnormals
  if (exp === 0x1f) return frac ? NaN : sign * Infinity
  return sign * 2 ** (exp - 15) * (1 + frac / 1024)
}

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/schema.js
/**
 * Build a tree from the schema elements.
 *
 * @param {SchemaElement[]} schema
 * @param {number} rootIndex index of the root element
 * @param {string[]} path path to the element
 * @returns {SchemaTree} tree of schema elements
 */
function schemaTree(schema, rootIndex, path) {
  const element = schema[rootIndex]
  const children = []
  let count = 1

  // Read the specified number of children
  if (element.num_children) {
    while (children.length < element.num_children) {
      const childElement = schema[rootIndex + count]
      const child = schemaTree(schema, rootIndex + count, [...path, childElement.name])
      count += child.count
      children.push(child)
    }
  }

  return { count, element, children, path }
}

/**
 * Get schema elements from the root to the given element name.
 *
 * @param {SchemaElement[]} schema
 * @param {string[]} name path to the element
 * @returns {SchemaTree[]} list of schema elements
 */
function getSchemaPath(schema, name) {
  return getTreePath(schemaTree(schema, 0, []), name)
}

/**
 * Get schema tree nodes from the root of a prebuilt tree to the given element name.
 *
 * @param {SchemaTree} tree root of the schema tree
 * @param {string[]} name path to the element
 * @returns {SchemaTree[]} list of schema elements
 */
function getTreePath(tree, name) {
  const path = [tree]
  for (const part of name) {
    const child = tree.children.find(child => child.element.name === part)
    if (!child) throw new Error(`parquet schema element not found: ${name}`)
    path.push(child)
    tree = child
  }
  return path
}

/**
 * Get all physical (leaf) column names.
 *
 * @param {SchemaTree} schemaTree
 * @returns {string[]} list of physical column names
 */
function getPhysicalColumns(schemaTree) {
  /** @type {string[]} */
  const columns = []
  /** @param {SchemaTree} node */
  function traverse(node) {
    if (node.children.length) {
      for (const child of node.children) {
        traverse(child)
      }
    } else {
      columns.push(node.path.join('.'))
    }
  }
  traverse(schemaTree)
  return columns
}

/**
 * Get the max repetition level for a given schema path.
 *
 * @param {SchemaTree[]} schemaPath
 * @returns {number} max repetition level
 */
function getMaxRepetitionLevel(schemaPath) {
  let maxLevel = 0
  for (const { element } of schemaPath) {
    if (element.repetition_type === 'REPEATED') {
      maxLevel++
    }
  }
  return maxLevel
}

/**
 * Get the max definition level for a given schema path.
 *
 * @param {SchemaTree[]} schemaPath
 * @returns {number} max definition level
 */
function getMaxDefinitionLevel(schemaPath) {
  let maxLevel = 0
  for (const { element } of schemaPath.slice(1)) {
    if (element.repetition_type !== 'REQUIRED') {
      maxLevel++
    }
  }
  return maxLevel
}

/**
 * Check if a column is list-like.
 *
 * @param {SchemaTree} schema
 * @returns {boolean} true if list-like
 */
function isListLike(schema) {
  if (!schema) return false
  if (schema.element.converted_type !== 'LIST') return false
  if (schema.children.length > 1) return false

  const firstChild = schema.children[0]
  if (firstChild.children.length > 1) return false
  if (firstChild.element.repetition_type !== 'REPEATED') return false

  return true
}

/**
 * Check if a column is map-like.
 *
 * @param {SchemaTree} schema
 * @returns {boolean} true if map-like
 */
function isMapLike(schema) {
  if (!schema) return false
  if (schema.element.converted_type !== 'MAP') return false
  if (schema.children.length > 1) return false

  const firstChild = schema.children[0]
  if (firstChild.children.length !== 2) return false
  if (firstChild.element.repetition_type !== 'REPEATED') return false

  const keyChild = firstChild.children.find(child => child.element.name === 'key')
  if (keyChild?.element.repetition_type === 'REPEATED') return false

  const valueChild = firstChild.children.find(child => child.element.name === 'value')
  if (valueChild?.element.repetition_type === 'REPEATED') return false

  return true
}

/**
 * Returns true if a column is non-nested.
 *
 * @param {SchemaTree[]} schemaPath
 * @returns {boolean}
 */
function schema_isFlatColumn(schemaPath) {
  if (schemaPath.length !== 2) return false
  const [, column] = schemaPath
  if (column.element.repetition_type === 'REPEATED') return false
  if (column.children.length) return false
  return true
}

/**
 * @import {SchemaElement, SchemaTree} from '../src/types.js'
 */

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/thrift.js
/**
 * @import {DataReader, ThriftObject, ThriftType} from '../src/types.js'
 */

// TCompactProtocol types
const STOP = 0
const TRUE = 1
const FALSE = 2
const BYTE = 3
const I16 = 4
const I32 = 5
const I64 = 6
const DOUBLE = 7
const BINARY = 8
const LIST = 9
const STRUCT = 12

/**
 * Parse TCompactProtocol
 *
 * @param {DataReader} reader
 * @returns {{ [key: `field_${number}`]: any }}
 */
function deserializeTCompactProtocol(reader) {
  /** @type {ThriftObject} */
  const value = {}
  let fid = 0

  while (true) {
    if (reader.offset >= reader.view.byteLength) throw new Error('thrift struct ended without STOP')
    // Parse each field based on its type and add to the result object
    const byte = reader.view.getUint8(reader.offset++)
    const type = byte & 0x0f
    if (type === STOP) break
    const delta = byte >> 4
    fid = delta ? fid + delta : readZigZag(reader)
    value[`field_${fid}`] = readElement(reader, type)
  }

  return value
}

/**
 * Read a single element based on its type
 *
 * @param {DataReader} reader
 * @param {number} type
 * @returns {ThriftType}
 */
function readElement(reader, type) {
  switch (type) {
  case TRUE:
    return true
  case FALSE:
    return false
  case BYTE:
    return reader.view.getInt8(reader.offset++)
  case I16:
  case I32:
    return readZigZag(reader)
  case I64:
    return readZigZagBigInt(reader)
  case DOUBLE: {
    const value = reader.view.getFloat64(reader.offset, true)
    reader.offset += 8
    return value
  }
  case BINARY: {
    const stringLength = readVarInt(reader)
    if (reader.offset + stringLength > reader.view.byteLength) {
      throw new Error(`thrift binary length ${stringLength} exceeds remaining ${reader.view.byteLength - reader.offset} bytes`)
    }
    const strBytes = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, stringLength)
    reader.offset += stringLength
    return strBytes
  }
  case LIST: {
    const byte = reader.view.getUint8(reader.offset++)
    const elemType = byte & 0x0f
    let listSize = byte >> 4
    if (listSize === 15) {
      listSize = readVarInt(reader)
    }
    const boolType = elemType === TRUE || elemType === FALSE
    const values = new Array(listSize)
    for (let i = 0; i < listSize; i++) {
      values[i] = boolType ? readElement(reader, BYTE) === 1 : readElement(reader, elemType)
    }
    return values
  }
  case STRUCT:
    // main function handles struct parsing
    return deserializeTCompactProtocol(reader)
  default:
    // MAP, SET, UUID not used by parquet
    throw new Error(`thrift unhandled type: ${type}`)
  }
}

/**
 * Read varint aka Unsigned LEB128.
 *
 * @param {DataReader} reader
 * @returns {number}
 */
function readVarInt(reader) {
  let result = 0
  let shift = 0
  while (true) {
    // Read groups of 7 low bits until high bit is 0
    const byte = reader.view.getUint8(reader.offset++)
    result |= (byte & 0x7f) << shift
    if (!(byte & 0x80)) {
      return result
    }
    shift += 7
  }
}

/**
 * Read a varint as a bigint.
 *
 * @param {DataReader} reader
 * @returns {bigint}
 */
function readVarBigInt(reader) {
  let result = 0n
  let shift = 0n
  while (true) {
    const byte = reader.view.getUint8(reader.offset++)
    result |= BigInt(byte & 0x7f) << shift
    if (!(byte & 0x80)) {
      return result
    }
    shift += 7n
  }
}

/**
 * Read a zigzag number.
 * Zigzag folds positive and negative numbers into the positive number space.
 *
 * @param {DataReader} reader
 * @returns {number}
 */
function readZigZag(reader) {
  const zigzag = readVarInt(reader)
  return zigzag >>> 1 ^ -(zigzag & 1)
}

/**
 * Read a zigzag bigint.
 *
 * @param {DataReader} reader
 * @returns {bigint}
 */
function readZigZagBigInt(reader) {
  const zigzag = readVarBigInt(reader)
  return zigzag >> 1n ^ -(zigzag & 1n)
}

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/geoparquet.js
/**
 * @param {SchemaElement[]} schema
 * @param {KeyValue[] | undefined} key_value_metadata
 * @returns {void}
 */
function markGeoColumns(schema, key_value_metadata) {
  // Prepare the list of GeoParquet columns
  /** @type {Map<string, LogicalType>} */
  const columns = new Map()
  const geo = key_value_metadata?.find(({ key }) => key === 'geo')?.value
  const decodedColumns = (geo && JSON.parse(geo)?.columns) ?? {}
  for (const [name, column] of Object.entries(decodedColumns)) {
    if (column.encoding !== 'WKB') continue

    const type = column.edges === 'spherical' ? 'GEOGRAPHY' : 'GEOMETRY'
    const id = column.crs?.id ?? column.crs?.ids?.[0]
    const crs = id ? `${id.authority}:${id.code.toString()}` : undefined
    // Note: we can't infer GEOGRAPHY's algorithm from GeoParquet
    columns.set(name, { type, crs })
  }

  // Mark schema elements with logical type
  // Only look at root-level columns of type BYTE_ARRAY without existing logical_type
  for (let i = 1; i < schema.length; i++) { // skip root
    const { logical_type, name, num_children, type } = schema[i]
    if (num_children) {
      i += num_children
      continue // skip the element and its children
    }
    if (type === 'BYTE_ARRAY' && !logical_type) {
      schema[i].logical_type = columns.get(name)
    }
  }
}

/**
 * @import {KeyValue, LogicalType, SchemaElement} from '../src/types.js'
 */

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/metadata.js






/**
 * @import {AsyncBuffer, FileMetaData, KeyValue, LogicalType, MetadataOptions, MinMaxType, ParquetParsers, SchemaElement, SchemaTree, Statistics, TimeUnit} from '../src/types.js'
 */

const defaultInitialFetchSize = (/* unused pure expression or super */ null && (1 << 19)) // 512kb

const metadata_decoder = new TextDecoder()
function decode(/** @type {Uint8Array} */ value) {
  return value && metadata_decoder.decode(value)
}

/**
 * Read parquet metadata from an async buffer.
 *
 * An AsyncBuffer is like an ArrayBuffer, but the slices are loaded
 * asynchronously, possibly over the network.
 *
 * You must provide the byteLength of the buffer, typically from a HEAD request.
 *
 * In theory, you could use suffix-range requests to fetch the end of the file,
 * and save a round trip. But in practice, this doesn't work because chrome
 * deems suffix-range requests as a not-safe-listed header, and will require
 * a pre-flight. So the byteLength is required.
 *
 * To make this efficient, we initially request the last 512kb of the file,
 * which is likely to contain the metadata. If the metadata length exceeds the
 * initial fetch, 512kb, we request the rest of the metadata from the AsyncBuffer.
 *
 * This ensures that we either make one 512kb initial request for the metadata,
 * or a second request for up to the metadata size.
 *
 * @param {AsyncBuffer} asyncBuffer parquet file contents
 * @param {MetadataOptions & { initialFetchSize?: number }} options initial fetch size in bytes (default 512kb)
 * @returns {Promise<FileMetaData>} parquet metadata object
 */
async function parquetMetadataAsync(asyncBuffer, { parsers, initialFetchSize = defaultInitialFetchSize, geoparquet = true } = {}) {
  if (!asyncBuffer || !(asyncBuffer.byteLength >= 0)) throw new Error('parquet expected AsyncBuffer')

  // fetch last bytes (footer) of the file
  const footerOffset = Math.max(0, asyncBuffer.byteLength - initialFetchSize)
  const footerBuffer = await asyncBuffer.slice(footerOffset, asyncBuffer.byteLength)

  // Check for parquet magic number "PAR1"
  const footerView = new DataView(footerBuffer)
  if (footerView.getUint32(footerBuffer.byteLength - 4, true) !== 0x31524150) {
    throw new Error('parquet file invalid (footer != PAR1)')
  }

  // Parquet files store metadata at the end of the file
  // Metadata length is 4 bytes before the last PAR1
  const metadataLength = footerView.getUint32(footerBuffer.byteLength - 8, true)
  if (metadataLength > asyncBuffer.byteLength - 8) {
    throw new Error(`parquet metadata length ${metadataLength} exceeds available buffer ${asyncBuffer.byteLength - 8}`)
  }

  // check if metadata size fits inside the initial fetch
  if (metadataLength + 8 > initialFetchSize) {
    // fetch the rest of the metadata
    const metadataOffset = asyncBuffer.byteLength - metadataLength - 8
    const metadataBuffer = await asyncBuffer.slice(metadataOffset, footerOffset)
    // combine initial fetch with the new slice
    const combinedBuffer = new ArrayBuffer(metadataLength + 8)
    const combinedView = new Uint8Array(combinedBuffer)
    combinedView.set(new Uint8Array(metadataBuffer))
    combinedView.set(new Uint8Array(footerBuffer), footerOffset - metadataOffset)
    return parquetMetadata(combinedBuffer, { parsers, geoparquet })
  } else {
    // parse metadata from the footer
    return parquetMetadata(footerBuffer, { parsers, geoparquet })
  }
}

/**
 * Read parquet metadata from a buffer synchronously.
 *
 * @param {ArrayBuffer | Uint8Array} arrayBuffer parquet file footer
 * @param {MetadataOptions} options metadata parsing options
 * @returns {FileMetaData} parquet metadata object
 */
function parquetMetadata(arrayBuffer, { parsers, geoparquet = true } = {}) {
  let view
  if (arrayBuffer instanceof ArrayBuffer) {
    view = new DataView(arrayBuffer)
  } else if (arrayBuffer instanceof Uint8Array) {
    view = new DataView(arrayBuffer.buffer, arrayBuffer.byteOffset, arrayBuffer.byteLength)
  } else {
    throw new Error('parquet expected ArrayBuffer or Uint8Array')
  }

  // Use default parsers if not given
  const allParsers = { ...DEFAULT_PARSERS, ...parsers }

  // Validate footer magic number "PAR1"
  if (view.byteLength < 8) {
    throw new Error('parquet file is too short')
  }
  if (view.getUint32(view.byteLength - 4, true) !== 0x31524150) {
    throw new Error('parquet file invalid (footer != PAR1)')
  }

  // Parquet files store metadata at the end of the file
  // Metadata length is 4 bytes before the last PAR1
  const metadataLengthOffset = view.byteLength - 8
  const metadataLength = view.getUint32(metadataLengthOffset, true)
  if (metadataLength > view.byteLength - 8) {
    // {metadata}, metadata_length, PAR1
    throw new Error(`parquet metadata length ${metadataLength} exceeds available buffer ${view.byteLength - 8}`)
  }

  const metadataOffset = metadataLengthOffset - metadataLength
  const reader = { view, offset: metadataOffset }
  const metadata = deserializeTCompactProtocol(reader)

  // Parse metadata from thrift data
  const version = metadata.field_1
  /** @type {SchemaElement[]} */
  const schema = metadata.field_2.map((/** @type {any} */ field) => ({
    type: ParquetTypes[field.field_1],
    type_length: field.field_2,
    repetition_type: FieldRepetitionTypes[field.field_3],
    name: decode(field.field_4),
    num_children: field.field_5,
    converted_type: ConvertedTypes[field.field_6],
    scale: field.field_7,
    precision: field.field_8,
    field_id: field.field_9,
    logical_type: logicalType(field.field_10),
  }))
  // schema element per column index
  const columnSchema = schema.filter(e => e.type)
  const num_rows = metadata.field_3
  const row_groups = metadata.field_4.map((/** @type {any} */ rowGroup) => ({
    columns: rowGroup.field_1.map((/** @type {any} */ column, /** @type {number} */ columnIndex) => ({
      file_path: decode(column.field_1),
      file_offset: column.field_2,
      meta_data: column.field_3 && {
        type: ParquetTypes[column.field_3.field_1],
        encodings: column.field_3.field_2?.map((/** @type {number} */ e) => Encodings[e]),
        path_in_schema: column.field_3.field_3.map(decode),
        codec: CompressionCodecs[column.field_3.field_4],
        num_values: column.field_3.field_5,
        total_uncompressed_size: column.field_3.field_6,
        total_compressed_size: column.field_3.field_7,
        key_value_metadata: column.field_3.field_8?.map((/** @type {any} */ kv) => ({
          key: decode(kv.field_1),
          value: decode(kv.field_2),
        })),
        data_page_offset: column.field_3.field_9,
        index_page_offset: column.field_3.field_10,
        dictionary_page_offset: column.field_3.field_11,
        statistics: convertStats(column.field_3.field_12, columnSchema[columnIndex], allParsers),
        encoding_stats: column.field_3.field_13?.map((/** @type {any} */ encodingStat) => ({
          page_type: PageTypes[encodingStat.field_1],
          encoding: Encodings[encodingStat.field_2],
          count: encodingStat.field_3,
        })),
        bloom_filter_offset: column.field_3.field_14,
        bloom_filter_length: column.field_3.field_15,
        size_statistics: column.field_3.field_16 && {
          unencoded_byte_array_data_bytes: column.field_3.field_16.field_1,
          repetition_level_histogram: column.field_3.field_16.field_2,
          definition_level_histogram: column.field_3.field_16.field_3,
        },
        geospatial_statistics: column.field_3.field_17 && {
          bbox: column.field_3.field_17.field_1 && {
            xmin: column.field_3.field_17.field_1.field_1,
            xmax: column.field_3.field_17.field_1.field_2,
            ymin: column.field_3.field_17.field_1.field_3,
            ymax: column.field_3.field_17.field_1.field_4,
            zmin: column.field_3.field_17.field_1.field_5,
            zmax: column.field_3.field_17.field_1.field_6,
            mmin: column.field_3.field_17.field_1.field_7,
            mmax: column.field_3.field_17.field_1.field_8,
          },
          geospatial_types: column.field_3.field_17.field_2,
        },
      },
      offset_index_offset: column.field_4,
      offset_index_length: column.field_5,
      column_index_offset: column.field_6,
      column_index_length: column.field_7,
      crypto_metadata: column.field_8,
      encrypted_column_metadata: column.field_9,
    })),
    total_byte_size: rowGroup.field_2,
    num_rows: rowGroup.field_3,
    sorting_columns: rowGroup.field_4?.map((/** @type {any} */ sortingColumn) => ({
      column_idx: sortingColumn.field_1,
      descending: sortingColumn.field_2,
      nulls_first: sortingColumn.field_3,
    })),
    file_offset: rowGroup.field_5,
    total_compressed_size: rowGroup.field_6,
    ordinal: rowGroup.field_7,
  }))
  /** @type {KeyValue[] | undefined} */
  const key_value_metadata = metadata.field_5?.map((/** @type {any} */ kv) => ({
    key: decode(kv.field_1),
    value: decode(kv.field_2),
  }))
  const created_by = decode(metadata.field_6)

  if (geoparquet) {
    markGeoColumns(schema, key_value_metadata)
  }

  return {
    version,
    schema,
    num_rows,
    row_groups,
    key_value_metadata,
    created_by,
    metadata_length: metadataLength,
  }
}

/**
 * Return a tree of schema elements from parquet metadata.
 *
 * @param {{schema: SchemaElement[]}} metadata parquet metadata object
 * @returns {SchemaTree} tree of schema elements
 */
function parquetSchema({ schema }) {
  return getSchemaPath(schema, [])[0]
}

/**
 * @param {any} logicalType
 * @returns {LogicalType | undefined}
 */
function logicalType(logicalType) {
  if (logicalType?.field_1) return { type: 'STRING' }
  if (logicalType?.field_2) return { type: 'MAP' }
  if (logicalType?.field_3) return { type: 'LIST' }
  if (logicalType?.field_4) return { type: 'ENUM' }
  if (logicalType?.field_5) return {
    type: 'DECIMAL',
    scale: logicalType.field_5.field_1,
    precision: logicalType.field_5.field_2,
  }
  if (logicalType?.field_6) return { type: 'DATE' }
  if (logicalType?.field_7) return {
    type: 'TIME',
    isAdjustedToUTC: logicalType.field_7.field_1,
    unit: timeUnit(logicalType.field_7.field_2),
  }
  if (logicalType?.field_8) return {
    type: 'TIMESTAMP',
    isAdjustedToUTC: logicalType.field_8.field_1,
    unit: timeUnit(logicalType.field_8.field_2),
  }
  if (logicalType?.field_10) return {
    type: 'INTEGER',
    bitWidth: logicalType.field_10.field_1,
    isSigned: logicalType.field_10.field_2,
  }
  if (logicalType?.field_11) return { type: 'NULL' }
  if (logicalType?.field_12) return { type: 'JSON' }
  if (logicalType?.field_13) return { type: 'BSON' }
  if (logicalType?.field_14) return { type: 'UUID' }
  if (logicalType?.field_15) return { type: 'FLOAT16' }
  if (logicalType?.field_16) return {
    type: 'VARIANT',
    specification_version: logicalType.field_16.field_1,
  }
  if (logicalType?.field_17) return {
    type: 'GEOMETRY',
    crs: decode(logicalType.field_17.field_1),
  }
  if (logicalType?.field_18) return {
    type: 'GEOGRAPHY',
    crs: decode(logicalType.field_18.field_1),
    algorithm: EdgeInterpolationAlgorithms[logicalType.field_18.field_2],
  }
  return logicalType
}

/**
 * @param {any} unit
 * @returns {TimeUnit}
 */
function timeUnit(unit) {
  if (unit.field_1) return 'MILLIS'
  if (unit.field_2) return 'MICROS'
  if (unit.field_3) return 'NANOS'
  throw new Error('parquet time unit required')
}

/**
 * Convert column statistics based on column type.
 *
 * @param {any} stats
 * @param {SchemaElement} schema
 * @param {ParquetParsers} parsers
 * @returns {Statistics}
 */
function convertStats(stats, schema, parsers) {
  return stats && {
    max: convertMetadata(stats.field_1, schema, parsers),
    min: convertMetadata(stats.field_2, schema, parsers),
    null_count: stats.field_3,
    distinct_count: stats.field_4,
    max_value: convertMetadata(stats.field_5, schema, parsers),
    min_value: convertMetadata(stats.field_6, schema, parsers),
    is_max_value_exact: stats.field_7,
    is_min_value_exact: stats.field_8,
  }
}

/**
 * @param {Uint8Array | undefined} value
 * @param {SchemaElement} schema
 * @param {ParquetParsers} parsers
 * @returns {MinMaxType | undefined}
 */
function convertMetadata(value, schema, parsers) {
  const { type, converted_type, logical_type } = schema
  if (value === undefined) return value
  if (type === 'BOOLEAN') return value[0] === 1
  if (type === 'BYTE_ARRAY') return parsers.stringFromBytes(value)
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength)
  if (type === 'FLOAT' && view.byteLength === 4) return view.getFloat32(0, true)
  if (type === 'DOUBLE' && view.byteLength === 8) return view.getFloat64(0, true)
  if (type === 'INT32' && converted_type === 'DECIMAL' && view.byteLength === 4) {
    return view.getInt32(0, true) * 10 ** -(schema.scale || 0)
  }
  if (type === 'INT64' && converted_type === 'DECIMAL' && view.byteLength === 8) {
    return Number(view.getBigInt64(0, true)) * 10 ** -(schema.scale || 0)
  }
  if (type === 'INT32' && converted_type === 'DATE') return parsers.dateFromDays(view.getInt32(0, true))
  if (type === 'INT64' && converted_type === 'TIMESTAMP_MILLIS') return parsers.timestampFromMilliseconds(view.getBigInt64(0, true))
  if (type === 'INT64' && converted_type === 'TIMESTAMP_MICROS') return parsers.timestampFromMicroseconds(view.getBigInt64(0, true))
  if (type === 'INT64' && logical_type?.type === 'TIMESTAMP' && logical_type?.unit === 'NANOS') return parsers.timestampFromNanoseconds(view.getBigInt64(0, true))
  if (type === 'INT64' && logical_type?.type === 'TIMESTAMP' && logical_type?.unit === 'MICROS') return parsers.timestampFromMicroseconds(view.getBigInt64(0, true))
  if (type === 'INT64' && logical_type?.type === 'TIMESTAMP') return parsers.timestampFromMilliseconds(view.getBigInt64(0, true))
  const unsigned = converted_type?.startsWith('UINT_') ||
    logical_type?.type === 'INTEGER' && !logical_type.isSigned
  if (type === 'INT32' && unsigned && view.byteLength === 4) return view.getUint32(0, true)
  if (type === 'INT64' && unsigned && view.byteLength === 8) return view.getBigUint64(0, true)
  if (type === 'INT32' && view.byteLength === 4) return view.getInt32(0, true)
  if (type === 'INT64' && view.byteLength === 8) return view.getBigInt64(0, true)
  if (converted_type === 'DECIMAL') return convert_parseDecimal(value) * 10 ** -(schema.scale || 0)
  if (logical_type?.type === 'FLOAT16') return parseFloat16(value)
  if (logical_type?.type === 'UUID') return parsers.uuidFromBytes(value)
  if (type === 'FIXED_LEN_BYTE_ARRAY') return value
  // assert(false)
  return value
}

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/column.js
/**
 * @import {ColumnDecoder, DataReader, DecodedArray, PageHeader, PageResult, RowGroupSelect, Statistics, SubColumnData} from '../src/types.js'
 */









/**
 * Parse column data from a buffer.
 *
 * @param {DataReader} reader
 * @param {RowGroupSelect} rowGroupSelect row group selection
 * @param {ColumnDecoder} columnDecoder column decoder params
 * @param {(chunk: SubColumnData) => void} [onPage] callback for each page
 * @returns {{ data: DecodedArray[], skipped: number }}
 */
function readColumn(reader, { groupStart, selectStart, selectEnd }, columnDecoder, onPage) {
  const { pathInSchema, schemaPath } = columnDecoder
  const isFlat = isFlatColumn(schemaPath)
  /** @type {DecodedArray[]} */
  const chunks = []
  /** @type {DecodedArray | undefined} */
  let dictionary = undefined
  /** @type {DecodedArray | undefined} */
  let lastChunk = undefined
  let rowCount = 0
  let skipped = 0

  const emitLastChunk = onPage && (() => {
    lastChunk && onPage({
      pathInSchema,
      columnData: lastChunk,
      rowStart: groupStart + rowCount - lastChunk.length,
      rowEnd: groupStart + rowCount,
    })
  })

  while (isFlat ? rowCount < selectEnd : reader.offset < reader.view.byteLength - 1) {
    if (reader.offset >= reader.view.byteLength - 1) break // end of reader

    // read page header
    const header = parquetHeader(reader)
    if (header.type === 'DICTIONARY_PAGE') {
      const { data } = readPage(reader, header, columnDecoder, dictionary, undefined, 0)
      if (data) dictionary = convert(data, columnDecoder)
    } else {
      const lastChunkLength = lastChunk?.length || 0
      const result = readPage(reader, header, columnDecoder, dictionary, lastChunk, selectStart - rowCount)
      if (result.skipped) {
        // skipped page - just advance row count, don't add to chunks
        if (!chunks.length) {
          skipped += result.skipped
        }
        rowCount += result.skipped
      } else if (result.data && lastChunk === result.data) {
        // continued from previous page
        rowCount += result.data.length - lastChunkLength
      } else if (result.data && result.data.length) {
        emitLastChunk?.()
        chunks.push(result.data)
        rowCount += result.data.length
        lastChunk = result.data
      }
    }
  }
  emitLastChunk?.()

  return { data: chunks, skipped }
}

/**
 * Read a page (data or dictionary) from a buffer.
 *
 * @param {DataReader} reader
 * @param {PageHeader} header
 * @param {ColumnDecoder} columnDecoder
 * @param {DecodedArray | undefined} dictionary
 * @param {DecodedArray | undefined} previousChunk
 * @param {number} pageStart skip this many rows in the page
 * @returns {PageResult}
 */
function readPage(reader, header, columnDecoder, dictionary, previousChunk, pageStart) {
  const { type, element, schemaPath, codec, compressors } = columnDecoder
  // read compressed_page_size bytes
  const compressedBytes = new Uint8Array(
    reader.view.buffer, reader.view.byteOffset + reader.offset, header.compressed_page_size
  )
  reader.offset += header.compressed_page_size

  // parse page data by type
  if (header.type === 'DATA_PAGE') {
    const daph = header.data_page_header
    if (!daph) throw new Error('parquet data page header is undefined')

    // skip unnecessary non-nested pages
    if (pageStart > daph.num_values && isFlatColumn(schemaPath)) {
      return { skipped: daph.num_values }
    }

    const page = decompressPage(compressedBytes, Number(header.uncompressed_page_size), codec, compressors)
    const { definitionLevels, repetitionLevels, dataPage } = readDataPage(page, daph, columnDecoder)
    // assert(!daph.statistics?.null_count || daph.statistics.null_count === BigInt(daph.num_values - dataPage.length))

    // convert types, dereference dictionary, and assemble lists
    const values = convertWithDictionary(dataPage, dictionary, daph.encoding, columnDecoder)
    const output = Array.isArray(previousChunk) ? previousChunk : []
    const assembled = assembleLists(output, definitionLevels, repetitionLevels, values, schemaPath)
    return { skipped: 0, data: assembled }
  } else if (header.type === 'DATA_PAGE_V2') {
    const daph2 = header.data_page_header_v2
    if (!daph2) throw new Error('parquet data page header v2 is undefined')

    // skip unnecessary pages
    if (pageStart > daph2.num_rows) {
      return { skipped: daph2.num_rows }
    }

    const { definitionLevels, repetitionLevels, dataPage } =
      readDataPageV2(compressedBytes, header, columnDecoder)

    // convert types, dereference dictionary, and assemble lists
    const values = convertWithDictionary(dataPage, dictionary, daph2.encoding, columnDecoder)
    const output = Array.isArray(previousChunk) ? previousChunk : []
    const assembled = assembleLists(output, definitionLevels, repetitionLevels, values, schemaPath)
    return { skipped: 0, data: assembled }
  } else if (header.type === 'DICTIONARY_PAGE') {
    const diph = header.dictionary_page_header
    if (!diph) throw new Error('parquet dictionary page header is undefined')

    const page = decompressPage(
      compressedBytes, Number(header.uncompressed_page_size), codec, compressors
    )

    const reader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }
    const dictArray = readPlain(reader, type, diph.num_values, element.type_length)
    return { skipped: 0, data: dictArray }
  } else {
    throw new Error(`parquet unsupported page type: ${header.type}`)
  }
}

/**
 * Read a page header from a buffer, leaving the reader at the start of the page data.
 *
 * @param {DataReader} reader
 * @returns {PageHeader}
 */
function parquetHeader(reader) {
  const header = deserializeTCompactProtocol(reader)

  // Parse parquet header from thrift data
  const type = PageTypes[header.field_1]
  const uncompressed_page_size = header.field_2
  const compressed_page_size = header.field_3
  const crc = header.field_4
  const data_page_header = header.field_5 && {
    num_values: header.field_5.field_1,
    encoding: Encodings[header.field_5.field_2],
    definition_level_encoding: Encodings[header.field_5.field_3],
    repetition_level_encoding: Encodings[header.field_5.field_4],
    statistics: pageStatistics(header.field_5.field_5),
  }
  const index_page_header = header.field_6
  const dictionary_page_header = header.field_7 && {
    num_values: header.field_7.field_1,
    encoding: Encodings[header.field_7.field_2],
    is_sorted: header.field_7.field_3,
  }
  const data_page_header_v2 = header.field_8 && {
    num_values: header.field_8.field_1,
    num_nulls: header.field_8.field_2,
    num_rows: header.field_8.field_3,
    encoding: Encodings[header.field_8.field_4],
    definition_levels_byte_length: header.field_8.field_5,
    repetition_levels_byte_length: header.field_8.field_6,
    is_compressed: header.field_8.field_7 === undefined ? true : header.field_8.field_7, // default true
    statistics: pageStatistics(header.field_8.field_8),
  }

  return {
    type,
    uncompressed_page_size,
    compressed_page_size,
    crc,
    data_page_header,
    index_page_header,
    dictionary_page_header,
    data_page_header_v2,
  }
}

/**
 * @param {any} stats thrift Statistics struct
 * @returns {Statistics | undefined}
 */
function pageStatistics(stats) {
  return stats && {
    max: stats.field_1,
    min: stats.field_2,
    null_count: stats.field_3,
    distinct_count: stats.field_4,
    max_value: stats.field_5,
    min_value: stats.field_6,
    is_max_value_exact: stats.field_7,
    is_min_value_exact: stats.field_8,
  }
}

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/delta.js
/**
 * @import {DataReader} from '../src/types.js'
 */



/**
 * @param {DataReader} reader
 * @param {number} count number of values to read
 * @param {Int32Array | BigInt64Array} output
 */
function deltaBinaryUnpack(reader, count, output) {
  if (output instanceof Int32Array) {
    deltaBinaryUnpackInt32(reader, count, output)
    return
  }
  const blockSize = readVarInt(reader)
  const miniblockPerBlock = readVarInt(reader)
  readVarInt(reader) // assert(=== count)
  let value = readZigZagBigInt(reader) // first value
  let outputIndex = 0
  output[outputIndex++] = value

  const valuesPerMiniblock = blockSize / miniblockPerBlock

  while (outputIndex < count) {
    // new block
    const minDelta = readZigZagBigInt(reader)
    const bitWidths = new Uint8Array(miniblockPerBlock)
    for (let i = 0; i < miniblockPerBlock; i++) {
      bitWidths[i] = reader.view.getUint8(reader.offset++)
    }

    for (let i = 0; i < miniblockPerBlock && outputIndex < count; i++) {
      // new miniblock
      const bitWidth = bitWidths[i]
      if (bitWidth) {
        // Miniblock data lengths are multiples of four bytes.
        let bitpackPos = 0
        let miniblockCount = valuesPerMiniblock
        const mask = (1n << BigInt(bitWidth)) - 1n
        while (miniblockCount && outputIndex < count) {
          let bits = BigInt(reader.view.getUint32(reader.offset, true) >>> bitpackPos) & mask // TODO: don't re-read value every time
          bitpackPos += bitWidth
          while (bitpackPos >= 32) {
            bitpackPos -= 32
            reader.offset += 4
            if (bitpackPos) {
              bits |= BigInt(reader.view.getUint32(reader.offset, true)) << BigInt(bitWidth - bitpackPos) & mask
            }
          }
          const delta = minDelta + bits
          value += delta
          output[outputIndex++] = value
          miniblockCount--
        }
        if (miniblockCount) {
          // consume leftover miniblock
          reader.offset += Math.ceil((miniblockCount * bitWidth + bitpackPos) / 8)
        }
      } else {
        for (let j = 0; j < valuesPerMiniblock && outputIndex < count; j++) {
          value += minDelta
          output[outputIndex++] = value
        }
      }
    }
  }
}

/**
 * Decode INT32 without BigInt arithmetic in the per-value loop.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @param {Int32Array} output
 */
function deltaBinaryUnpackInt32(reader, count, output) {
  const blockSize = readVarInt(reader)
  const miniblockPerBlock = readVarInt(reader)
  readVarInt(reader)
  let value = readZigZag(reader)
  let outputIndex = 0
  output[outputIndex++] = value
  const valuesPerMiniblock = blockSize / miniblockPerBlock
  const { view } = reader
  while (outputIndex < count) {
    const minDelta = readZigZagInt33(reader)
    const bitWidthsOffset = reader.offset
    let offset = bitWidthsOffset + miniblockPerBlock
    for (let i = 0; i < miniblockPerBlock && outputIndex < count; i++) {
      const bitWidth = view.getUint8(bitWidthsOffset + i)
      const end = offset + valuesPerMiniblock * bitWidth / 8
      let bitOffset = 0
      for (let j = 0; j < valuesPerMiniblock && outputIndex < count; j++) {
        let residual = 0
        let bitsRead = 0
        while (bitsRead < bitWidth) {
          const bitsToRead = Math.min(8 - bitOffset, bitWidth - bitsRead)
          // Residual bits at 32 and above vanish modulo 2^32.
          if (bitsRead < 32) {
            residual |= (view.getUint8(offset) >>> bitOffset & (1 << bitsToRead) - 1) << bitsRead
          }
          bitsRead += bitsToRead
          bitOffset += bitsToRead
          if (bitOffset === 8) {
            bitOffset = 0
            offset++
          }
        }
        // Parquet INT32 delta arithmetic wraps in two's complement.
        value = value + minDelta + residual | 0
        output[outputIndex++] = value
      }
      // Consume the entire padded miniblock, but not unused miniblock bodies.
      offset = end
    }
    reader.offset = offset
  }
}

/**
 * Read a zigzag varint modulo 2^32. INT32 deltas can need 33 bits, which
 * readZigZag truncates, but only the low 32 bits of the decoded value matter.
 * readVarInt keeps the low 32 zigzag bits of a 5-byte varint; bit 32 is bit 4
 * of the fifth byte. Reusing readVarInt keeps the caller's hot loop fast.
 *
 * @param {DataReader} reader
 * @returns {number}
 */
function readZigZagInt33(reader) {
  const start = reader.offset
  const low = readVarInt(reader)
  const high = reader.offset - start === 5 ? reader.view.getUint8(start + 4) >>> 4 & 1 : 0
  return (low >>> 1 | high << 31) ^ -(low & 1)
}

/**
 * @param {DataReader} reader
 * @param {number} count
 * @param {Uint8Array[]} output
 */
function deltaLengthByteArray(reader, count, output) {
  const lengths = new Int32Array(count)
  deltaBinaryUnpack(reader, count, lengths)
  for (let i = 0; i < count; i++) {
    output[i] = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, lengths[i])
    reader.offset += lengths[i]
  }
}

/**
 * @param {DataReader} reader
 * @param {number} count
 * @param {Uint8Array[]} output
 */
function deltaByteArray(reader, count, output) {
  const prefixData = new Int32Array(count)
  deltaBinaryUnpack(reader, count, prefixData)
  const suffixData = new Int32Array(count)
  deltaBinaryUnpack(reader, count, suffixData)

  for (let i = 0; i < count; i++) {
    const suffix = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, suffixData[i])
    if (prefixData[i]) {
      // copy from previous value
      output[i] = new Uint8Array(prefixData[i] + suffixData[i])
      output[i].set(output[i - 1].subarray(0, prefixData[i]))
      output[i].set(suffix, prefixData[i])
    } else {
      output[i] = suffix
    }
    reader.offset += suffixData[i]
  }
}

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/encoding.js
/**
 * @import {DataReader, DecodedArray, ParquetType} from '../src/types.js'
 */



/**
 * Read values from a run-length encoded/bit-packed hybrid encoding.
 *
 * If length is zero, then read int32 length at the start.
 *
 * @param {DataReader} reader
 * @param {number} width - bitwidth
 * @param {DecodedArray} output
 * @param {number} [length] - length of the encoded data
 */
function readRleBitPackedHybrid(reader, width, output, length) {
  if (length === undefined) {
    length = reader.view.getUint32(reader.offset, true)
    reader.offset += 4
  }
  const startOffset = reader.offset
  let seen = 0
  while (seen < output.length) {
    const header = readVarInt(reader)
    if (header & 1) {
      // bit-packed
      seen = readBitPacked(reader, header, width, output, seen)
    } else {
      // rle
      const count = header >>> 1
      readRle(reader, count, width, output, seen)
      seen += count
    }
  }
  reader.offset = startOffset + length // duckdb writes an empty block
}

/**
 * Run-length encoding: read value with bitWidth and repeat it count times.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @param {number} bitWidth
 * @param {DecodedArray} output
 * @param {number} seen
 */
function readRle(reader, count, bitWidth, output, seen) {
  const width = bitWidth + 7 >> 3
  let value = 0
  for (let i = 0; i < width; i++) {
    value |= reader.view.getUint8(reader.offset++) << (i << 3)
  }
  // assert(value < 1 << bitWidth)

  // repeat value count times
  for (let i = 0; i < count; i++) {
    output[seen + i] = value
  }
}

/**
 * Read a bit-packed run of the rle/bitpack hybrid.
 * Supports width > 8 (crossing bytes).
 *
 * @param {DataReader} reader
 * @param {number} header - bit-pack header
 * @param {number} bitWidth
 * @param {DecodedArray} output
 * @param {number} seen
 * @returns {number} total output values so far
 */
function readBitPacked(reader, header, bitWidth, output, seen) {
  let count = header >> 1 << 3 // values to read
  const mask = (1 << bitWidth) - 1

  let data = 0
  if (reader.offset < reader.view.byteLength) {
    data = reader.view.getUint8(reader.offset++)
  } else if (mask) {
    // sometimes out-of-bounds reads are masked out
    throw new Error(`parquet bitpack offset ${reader.offset} out of range`)
  }
  let left = 8
  let right = 0

  // read values
  while (count) {
    // if we have crossed a byte boundary, shift the data
    if (right > 8) {
      right -= 8
      left -= 8
      data >>>= 8
    } else if (left - right < bitWidth) {
      // if we don't have bitWidth number of bits to read, read next byte
      data |= reader.view.getUint8(reader.offset) << left
      reader.offset++
      left += 8
    } else {
      if (seen < output.length) {
        // emit value
        output[seen++] = data >> right & mask
      }
      count--
      right += bitWidth
    }
  }

  return seen
}

/**
 * @param {DataReader} reader
 * @param {number} count
 * @param {ParquetType} type
 * @param {number | undefined} typeLength
 * @returns {DecodedArray}
 */
function byteStreamSplit(reader, count, type, typeLength) {
  const width = byteWidth(type, typeLength)
  const bytes = new Uint8Array(count * width)
  for (let b = 0; b < width; b++) {
    for (let i = 0; i < count; i++) {
      bytes[i * width + b] = reader.view.getUint8(reader.offset++)
    }
  }
  // interpret bytes as typed array
  if (type === 'FLOAT') return new Float32Array(bytes.buffer)
  else if (type === 'DOUBLE') return new Float64Array(bytes.buffer)
  else if (type === 'INT32') return new Int32Array(bytes.buffer)
  else if (type === 'INT64') return new BigInt64Array(bytes.buffer)
  else if (type === 'FIXED_LEN_BYTE_ARRAY') {
    // split into arrays of typeLength
    const split = new Array(count)
    for (let i = 0; i < count; i++) {
      split[i] = bytes.subarray(i * width, (i + 1) * width)
    }
    return split
  }
  throw new Error(`parquet byte_stream_split unsupported type: ${type}`)
}

/**
 * @param {ParquetType} type
 * @param {number | undefined} typeLength
 * @returns {number}
 */
function byteWidth(type, typeLength) {
  switch (type) {
  case 'INT32':
  case 'FLOAT':
    return 4
  case 'INT64':
  case 'DOUBLE':
    return 8
  case 'FIXED_LEN_BYTE_ARRAY':
    if (!typeLength) throw new Error('parquet byteWidth missing type_length')
    return typeLength
  default:
    throw new Error(`parquet unsupported type: ${type}`)
  }
}

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/plain.js
/**
 * Read `count` values of the given type from the reader.view.
 *
 * @param {DataReader} reader - buffer to read data from
 * @param {ParquetType} type - parquet type of the data
 * @param {number} count - number of values to read
 * @param {number | undefined} fixedLength - length of each fixed length byte array
 * @returns {DecodedArray} array of values
 */
function plain_readPlain(reader, type, count, fixedLength) {
  if (count === 0) return []
  if (type === 'BOOLEAN') {
    return readPlainBoolean(reader, count)
  } else if (type === 'INT32') {
    return readPlainInt32(reader, count)
  } else if (type === 'INT64') {
    return readPlainInt64(reader, count)
  } else if (type === 'INT96') {
    return readPlainInt96(reader, count)
  } else if (type === 'FLOAT') {
    return readPlainFloat(reader, count)
  } else if (type === 'DOUBLE') {
    return readPlainDouble(reader, count)
  } else if (type === 'BYTE_ARRAY') {
    return readPlainByteArray(reader, count)
  } else if (type === 'FIXED_LEN_BYTE_ARRAY') {
    if (!fixedLength) throw new Error('parquet missing fixed length')
    return readPlainByteArrayFixed(reader, count, fixedLength)
  } else {
    throw new Error(`parquet unhandled type: ${type}`)
  }
}

/**
 * Read `count` boolean values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {boolean[]}
 */
function readPlainBoolean(reader, count) {
  const values = new Array(count)
  for (let i = 0; i < count; i++) {
    const byteOffset = reader.offset + (i / 8 | 0)
    const bitOffset = i % 8
    const byte = reader.view.getUint8(byteOffset)
    values[i] = (byte & 1 << bitOffset) !== 0
  }
  reader.offset += Math.ceil(count / 8)
  return values
}

/**
 * Read `count` int32 values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {Int32Array}
 */
function readPlainInt32(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 4
    ? new Int32Array(plain_align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 4))
    : new Int32Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count)
  reader.offset += count * 4
  return values
}

/**
 * Read `count` int64 values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {BigInt64Array}
 */
function readPlainInt64(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 8
    ? new BigInt64Array(plain_align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 8))
    : new BigInt64Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count)
  reader.offset += count * 8
  return values
}

/**
 * Read `count` int96 values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {bigint[]}
 */
function readPlainInt96(reader, count) {
  const values = new Array(count)
  for (let i = 0; i < count; i++) {
    const low = reader.view.getBigInt64(reader.offset + i * 12, true)
    const high = reader.view.getInt32(reader.offset + i * 12 + 8, true)
    values[i] = BigInt(high) << 64n | low
  }
  reader.offset += count * 12
  return values
}

/**
 * Read `count` float values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {Float32Array}
 */
function readPlainFloat(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 4
    ? new Float32Array(plain_align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 4))
    : new Float32Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count)
  reader.offset += count * 4
  return values
}

/**
 * Read `count` double values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {Float64Array}
 */
function readPlainDouble(reader, count) {
  const values = (reader.view.byteOffset + reader.offset) % 8
    ? new Float64Array(plain_align(reader.view.buffer, reader.view.byteOffset + reader.offset, count * 8))
    : new Float64Array(reader.view.buffer, reader.view.byteOffset + reader.offset, count)
  reader.offset += count * 8
  return values
}

/**
 * Read `count` byte array values.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @returns {Uint8Array[]}
 */
function readPlainByteArray(reader, count) {
  const values = new Array(count)
  for (let i = 0; i < count; i++) {
    const length = reader.view.getUint32(reader.offset, true)
    reader.offset += 4
    values[i] = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, length)
    reader.offset += length
  }
  return values
}

/**
 * Read a fixed length byte array.
 *
 * @param {DataReader} reader
 * @param {number} count
 * @param {number} fixedLength
 * @returns {Uint8Array[]}
 */
function readPlainByteArrayFixed(reader, count, fixedLength) {
  // assert(reader.view.byteLength - reader.offset >= count * fixedLength)
  const values = new Array(count)
  for (let i = 0; i < count; i++) {
    values[i] = new Uint8Array(reader.view.buffer, reader.view.byteOffset + reader.offset, fixedLength)
    reader.offset += fixedLength
  }
  return values
}

/**
 * Create a new buffer with the offset and size.
 *
 * @import {DataReader, DecodedArray, ParquetType} from '../src/types.js'
 * @param {ArrayBufferLike} buffer
 * @param {number} offset
 * @param {number} size
 * @returns {ArrayBuffer}
 */
function plain_align(buffer, offset, size) {
  const aligned = new ArrayBuffer(size)
  new Uint8Array(aligned).set(new Uint8Array(buffer, offset, size))
  return aligned
}

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/snappy.js
/**
 * The MIT License (MIT)
 * Copyright (c) 2016 Zhipeng Jia
 * https://github.com/zhipeng-jia/snappyjs
 */

const WORD_MASK = [0, 0xff, 0xffff, 0xffffff, 0xffffffff]

/**
 * Copy bytes from one array to another
 *
 * @param {Uint8Array} fromArray source array
 * @param {number} fromPos source position
 * @param {Uint8Array} toArray destination array
 * @param {number} toPos destination position
 * @param {number} length number of bytes to copy
 */
function copyBytes(fromArray, fromPos, toArray, toPos, length) {
  for (let i = 0; i < length; i++) {
    toArray[toPos + i] = fromArray[fromPos + i]
  }
}

/**
 * Decompress snappy data.
 * Accepts an output buffer to avoid allocating a new buffer for each call.
 *
 * @param {Uint8Array} input compressed data
 * @param {Uint8Array} output output buffer
 */
function snappyUncompress(input, output) {
  const inputLength = input.byteLength
  const outputLength = output.byteLength
  let pos = 0
  let outPos = 0

  // skip preamble (contains uncompressed length as varint)
  while (pos < inputLength) {
    const c = input[pos]
    pos++
    if (c < 128) {
      break
    }
  }
  if (outputLength && pos >= inputLength) {
    throw new Error('invalid snappy length header')
  }

  while (pos < inputLength) {
    const c = input[pos]
    let len = 0
    pos++

    if (pos >= inputLength) {
      throw new Error('missing eof marker')
    }

    // There are two types of elements, literals and copies (back references)
    if ((c & 0x3) === 0) {
      // Literals are uncompressed data stored directly in the byte stream
      let len = (c >>> 2) + 1
      // Longer literal length is encoded in multiple bytes
      if (len > 60) {
        if (pos + 3 >= inputLength) {
          throw new Error('snappy error literal pos + 3 >= inputLength')
        }
        const lengthSize = len - 60 // length bytes - 1
        len = input[pos]
          + (input[pos + 1] << 8)
          + (input[pos + 2] << 16)
          + (input[pos + 3] << 24)
        len = (len & WORD_MASK[lengthSize]) + 1
        pos += lengthSize
      }
      if (pos + len > inputLength) {
        throw new Error('snappy error literal exceeds input length')
      }
      copyBytes(input, pos, output, outPos, len)
      pos += len
      outPos += len
    } else {
      // Copy elements
      let offset = 0 // offset back from current position to read
      switch (c & 0x3) {
      case 1:
        // Copy with 1-byte offset
        len = (c >>> 2 & 0x7) + 4
        offset = input[pos] + (c >>> 5 << 8)
        pos++
        break
      case 2:
        // Copy with 2-byte offset
        if (inputLength <= pos + 1) {
          throw new Error('snappy error end of input')
        }
        len = (c >>> 2) + 1
        offset = input[pos] + (input[pos + 1] << 8)
        pos += 2
        break
      case 3:
        // Copy with 4-byte offset
        if (inputLength <= pos + 3) {
          throw new Error('snappy error end of input')
        }
        len = (c >>> 2) + 1
        offset = input[pos]
          + (input[pos + 1] << 8)
          + (input[pos + 2] << 16)
          + (input[pos + 3] << 24)
        pos += 4
        break
      default:
        break
      }
      if (offset === 0 || isNaN(offset)) {
        throw new Error(`invalid offset ${offset} pos ${pos} inputLength ${inputLength}`)
      }
      if (offset > outPos) {
        throw new Error('cannot copy from before start of buffer')
      }
      copyBytes(output, outPos - offset, output, outPos, len)
      outPos += len
    }
  }

  if (outPos !== outputLength) throw new Error('premature end of input')
}

;// CONCATENATED MODULE: ./node_modules/hyparquet/src/datapage.js
/**
 * @import {ColumnDecoder, CompressionCodec, Compressors, DataPage, DataPageHeader, DataPageHeaderV2, DataReader, DecodedArray, PageHeader, SchemaTree} from '../src/types.js'
 */







/**
 * Read a data page from uncompressed reader.
 *
 * @param {Uint8Array} bytes raw page data (should already be decompressed)
 * @param {DataPageHeader} daph data page header
 * @param {ColumnDecoder} columnDecoder
 * @returns {DataPage} definition levels, repetition levels, and array of values
 */
function datapage_readDataPage(bytes, daph, { type, element, schemaPath }) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const reader = { view, offset: 0 }
  /** @type {DecodedArray} */
  let dataPage

  // repetition and definition levels
  const repetitionLevels = readRepetitionLevels(reader, daph, schemaPath)
  // assert(!repetitionLevels.length || repetitionLevels.length === daph.num_values)
  const { definitionLevels, numNulls } = readDefinitionLevels(reader, daph, schemaPath)
  // assert(!definitionLevels.length || definitionLevels.length === daph.num_values)

  // read values based on encoding
  const nValues = daph.num_values - numNulls
  if (daph.encoding === 'PLAIN') {
    dataPage = plain_readPlain(reader, type, nValues, element.type_length)
  } else if (
    daph.encoding === 'PLAIN_DICTIONARY' ||
    daph.encoding === 'RLE_DICTIONARY' ||
    daph.encoding === 'RLE'
  ) {
    const bitWidth = type === 'BOOLEAN' ? 1 : view.getUint8(reader.offset++)
    if (bitWidth) {
      dataPage = new Array(nValues)
      if (type === 'BOOLEAN') {
        readRleBitPackedHybrid(reader, bitWidth, dataPage)
        dataPage = dataPage.map(x => !!x) // convert to boolean
      } else {
        // assert(daph.encoding.endsWith('_DICTIONARY'))
        readRleBitPackedHybrid(reader, bitWidth, dataPage, view.byteLength - reader.offset)
      }
    } else {
      dataPage = new Uint8Array(nValues) // nValue zeroes
    }
  } else if (daph.encoding === 'BYTE_STREAM_SPLIT') {
    dataPage = byteStreamSplit(reader, nValues, type, element.type_length)
  } else if (daph.encoding === 'DELTA_BINARY_PACKED') {
    const int32 = type === 'INT32'
    dataPage = int32 ? new Int32Array(nValues) : new BigInt64Array(nValues)
    deltaBinaryUnpack(reader, nValues, dataPage)
  } else if (daph.encoding === 'DELTA_LENGTH_BYTE_ARRAY') {
    dataPage = new Array(nValues)
    deltaLengthByteArray(reader, nValues, dataPage)
  } else if (daph.encoding === 'DELTA_BYTE_ARRAY') {
    dataPage = new Array(nValues)
    deltaByteArray(reader, nValues, dataPage)
  } else {
    throw new Error(`parquet unsupported encoding: ${daph.encoding}`)
  }

  return { definitionLevels, repetitionLevels, dataPage }
}

/**
 * @param {DataReader} reader data view for the page
 * @param {DataPageHeader} daph data page header
 * @param {SchemaTree[]} schemaPath
 * @returns {any[]} repetition levels and number of bytes read
 */
function readRepetitionLevels(reader, daph, schemaPath) {
  if (schemaPath.length > 1) {
    const maxRepetitionLevel = getMaxRepetitionLevel(schemaPath)
    if (maxRepetitionLevel) {
      const values = new Array(daph.num_values)
      readRleBitPackedHybrid(reader, bitWidth(maxRepetitionLevel), values)
      return values
    }
  }
  return []
}

/**
 * @param {DataReader} reader data view for the page
 * @param {DataPageHeader} daph data page header
 * @param {SchemaTree[]} schemaPath
 * @returns {{ definitionLevels: number[], numNulls: number }} definition levels
 */
function readDefinitionLevels(reader, daph, schemaPath) {
  const maxDefinitionLevel = getMaxDefinitionLevel(schemaPath)
  if (!maxDefinitionLevel) return { definitionLevels: [], numNulls: 0 }

  const definitionLevels = new Array(daph.num_values)
  readRleBitPackedHybrid(reader, bitWidth(maxDefinitionLevel), definitionLevels)

  // count nulls
  let numNulls = daph.num_values
  for (const def of definitionLevels) {
    if (def === maxDefinitionLevel) numNulls--
  }
  if (numNulls === 0) definitionLevels.length = 0

  return { definitionLevels, numNulls }
}

/**
 * @param {Uint8Array} compressedBytes
 * @param {number} uncompressed_page_size
 * @param {CompressionCodec} codec
 * @param {Compressors | undefined} compressors
 * @returns {Uint8Array}
 */
function datapage_decompressPage(compressedBytes, uncompressed_page_size, codec, compressors) {
  /** @type {Uint8Array} */
  let page
  const customDecompressor = compressors?.[codec]
  if (codec === 'UNCOMPRESSED') {
    page = compressedBytes
  } else if (customDecompressor) {
    page = customDecompressor(compressedBytes, uncompressed_page_size)
  } else if (codec === 'SNAPPY') {
    page = new Uint8Array(uncompressed_page_size)
    snappyUncompress(compressedBytes, page)
  } else {
    throw new Error(`parquet unsupported compression codec: ${codec}`)
  }
  if (page?.length !== uncompressed_page_size) {
    throw new Error(`parquet decompressed page length ${page?.length} does not match header ${uncompressed_page_size}`)
  }
  return page
}


/**
 * Read a data page from the given Uint8Array.
 *
 * @param {Uint8Array} compressedBytes raw page data
 * @param {PageHeader} ph page header
 * @param {ColumnDecoder} columnDecoder
 * @returns {DataPage} definition levels, repetition levels, and array of values
 */
function datapage_readDataPageV2(compressedBytes, ph, columnDecoder) {
  const view = new DataView(compressedBytes.buffer, compressedBytes.byteOffset, compressedBytes.byteLength)
  const reader = { view, offset: 0 }
  const { type, element, schemaPath, codec, compressors } = columnDecoder
  const daph2 = ph.data_page_header_v2
  if (!daph2) throw new Error('parquet data page header v2 is undefined')

  // repetition levels
  const repetitionLevels = readRepetitionLevelsV2(reader, daph2, schemaPath)
  reader.offset = daph2.repetition_levels_byte_length // readVarInt() => len for boolean v2?

  // definition levels
  const definitionLevels = readDefinitionLevelsV2(reader, daph2, schemaPath)
  // assert(reader.offset === daph2.repetition_levels_byte_length + daph2.definition_levels_byte_length)

  const uncompressedPageSize = ph.uncompressed_page_size - daph2.definition_levels_byte_length - daph2.repetition_levels_byte_length

  let page = compressedBytes.subarray(reader.offset)
  if (daph2.is_compressed !== false) {
    page = datapage_decompressPage(page, uncompressedPageSize, codec, compressors)
  }
  const pageView = new DataView(page.buffer, page.byteOffset, page.byteLength)
  const pageReader = { view: pageView, offset: 0 }

  // read values based on encoding
  /** @type {DecodedArray} */
  let dataPage
  const nValues = daph2.num_values - daph2.num_nulls
  if (daph2.encoding === 'PLAIN') {
    dataPage = plain_readPlain(pageReader, type, nValues, element.type_length)
  } else if (daph2.encoding === 'RLE') {
    // assert(type === 'BOOLEAN')
    dataPage = new Array(nValues)
    readRleBitPackedHybrid(pageReader, 1, dataPage)
    dataPage = dataPage.map(x => !!x)
  } else if (
    daph2.encoding === 'PLAIN_DICTIONARY' ||
    daph2.encoding === 'RLE_DICTIONARY'
  ) {
    const bitWidth = pageView.getUint8(pageReader.offset++)
    dataPage = new Array(nValues)
    readRleBitPackedHybrid(pageReader, bitWidth, dataPage, uncompressedPageSize - 1)
  } else if (daph2.encoding === 'DELTA_BINARY_PACKED') {
    const int32 = type === 'INT32'
    dataPage = int32 ? new Int32Array(nValues) : new BigInt64Array(nValues)
    deltaBinaryUnpack(pageReader, nValues, dataPage)
  } else if (daph2.encoding === 'DELTA_LENGTH_BYTE_ARRAY') {
    dataPage = new Array(nValues)
    deltaLengthByteArray(pageReader, nValues, dataPage)
  } else if (daph2.encoding === 'DELTA_BYTE_ARRAY') {
    dataPage = new Array(nValues)
    deltaByteArray(pageReader, nValues, dataPage)
  } else if (daph2.encoding === 'BYTE_STREAM_SPLIT') {
    dataPage = byteStreamSplit(pageReader, nValues, type, element.type_length)
  } else {
    throw new Error(`parquet unsupported encoding: ${daph2.encoding}`)
  }

  return { definitionLevels, repetitionLevels, dataPage }
}

/**
 * @param {DataReader} reader
 * @param {DataPageHeaderV2} daph2 data page header v2
 * @param {SchemaTree[]} schemaPath
 * @returns {any[]} repetition levels
 */
function readRepetitionLevelsV2(reader, daph2, schemaPath) {
  const maxRepetitionLevel = getMaxRepetitionLevel(schemaPath)
  if (!maxRepetitionLevel) return []

  const values = new Array(daph2.num_values)
  readRleBitPackedHybrid(reader, bitWidth(maxRepetitionLevel), values, daph2.repetition_levels_byte_length)
  return values
}

/**
 * @param {DataReader} reader
 * @param {DataPageHeaderV2} daph2 data page header v2
 * @param {SchemaTree[]} schemaPath
 * @returns {number[] | undefined} definition levels
 */
function readDefinitionLevelsV2(reader, daph2, schemaPath) {
  const maxDefinitionLevel = getMaxDefinitionLevel(schemaPath)
  if (maxDefinitionLevel) {
    // V2 we know the length
    const values = new Array(daph2.num_values)
    readRleBitPackedHybrid(reader, bitWidth(maxDefinitionLevel), values, daph2.definition_levels_byte_length)
    return values
  }
}

/**
 * Minimum bits needed to store value.
 *
 * @param {number} value
 * @returns {number}
 */
function bitWidth(value) {
  return 32 - Math.clz32(value)
}

;// CONCATENATED MODULE: ./src/data/python-float-text.ts
/**
 * A binary float as the text Python's `repr` (and so pandas' `to_csv` and
 * `Decimal(str(x))`) gives it (a float32 as numpy's `str` gives it): the shortest digits that read back as the
 * same value, in fixed notation from 1e-4 up to 1e16 (always with a point:
 * `7.0`), scientific outside it (`1e-05`, `1.5e+16`). A Parquet double
 * read through this text means the same row as that row written to CSV by
 * pandas: the same id, the same label, and a cost whose exact value is the
 * one Python's Decimal would sum.
 */
/** Python's `repr(x)` for a double; for a float32 (`single`), numpy's `str(np.float32(x))`. */
function pythonFloatText(x, single = false) {
    if (Number.isNaN(x))
        return 'nan';
    if (x === Infinity)
        return 'inf';
    if (x === -Infinity)
        return '-inf';
    if (x === 0)
        return Object.is(x, -0) ? '-0.0' : '0.0';
    if (!single) {
        // The common case, fast: JavaScript's own shortest digits are Python's,
        // and from 1e-4 up to 1e16 both write them in fixed notation (only
        // Python adds `.0` to a whole number).
        const absolute = x < 0 ? -x : x;
        if (absolute >= 1e-4 && absolute < 1e16) {
            const text = String(x);
            if (!text.includes('e'))
                return text.includes('.') ? text : `${text}.0`;
        }
    }
    // toExponential() with no argument gives the shortest digits that round
    // trip as a double; a float32 needs the shortest that round trip through
    // Math.fround, found by trying each precision a float32 can need.
    let text = x.toExponential();
    if (single) {
        for (let p = 1; p <= 9; p++) {
            const candidate = x.toExponential(p - 1);
            if (Math.fround(Number(candidate)) === x) {
                text = halfEven(x, p, candidate);
                break;
            }
        }
    }
    const at = text.indexOf('e');
    const negative = text[0] === '-';
    const digits = text.slice(negative ? 1 : 0, at).replace('.', '');
    const exponent = Number(text.slice(at + 1));
    const sign = negative ? '-' : '';
    // Python picks the notation by the exponent of the shortest digits;
    // numpy, for a float32, by the value itself, positional from 1e-4 up to
    // 1e6 (`np.float32(1e6)` is `1e+06`, and float32(1e-4), just below
    // 1e-4, is `1e-04`).
    const absolute = Math.abs(x);
    const positional = single
        ? absolute >= 1e-4 && absolute < 1e6
        : exponent >= -4 && exponent < 16;
    if (positional) {
        if (exponent < 0)
            return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
        const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
        const fraction = digits.slice(exponent + 1);
        return `${sign}${whole}.${fraction === '' ? '0' : fraction}`;
    }
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const power = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${power}`;
}
/**
 * toExponential breaks a tie away from zero, numpy's Dragon4 to even: when
 * x lies exactly halfway at `p` digits and the rounded last digit is odd,
 * the digits cut at `p` are numpy's.
 */
function halfEven(x, p, rounded) {
    const exact = x.toExponential(Math.min(100, p + 30));
    const at = exact.indexOf('e');
    const negative = exact[0] === '-';
    const digits = exact.slice(negative ? 1 : 0, at).replace('.', '');
    const roundedDigits = rounded.slice(negative ? 1 : 0, rounded.indexOf('e'));
    const last = Number(roundedDigits[roundedDigits.length - 1]);
    if (!/^50*$/.test(digits.slice(p)) || last % 2 === 0)
        return rounded;
    const cut = digits.slice(0, p);
    const mantissa = cut.length > 1 ? `${cut[0]}.${cut.slice(1)}` : cut;
    const candidate = `${negative ? '-' : ''}${mantissa}${exact.slice(at)}`;
    return Math.fround(Number(candidate)) === x ? candidate : rounded;
}

;// CONCATENATED MODULE: ./src/data/snappy.ts
/**
 * Snappy decompression of one Parquet page (the raw block format, no
 * framing), as pyarrow and Spark write by default.
 *
 * hyparquet's own decoder copies every literal and back-reference a byte
 * at a time: on 2,000,000 rows (test set and predictions in Parquet, by
 * position) it took about 0.40 s of the two threads' 2.6 s of profile time;
 * copying long literals with `set` and long back-references with
 * `copyWithin` (memmove) brings that to about 0.27 s. Short copies stay in
 * a loop, where a call costs more than it saves.
 * Format: https://github.com/google/snappy/blob/main/format_description.txt
 */
/** Below this many bytes a copy is done in a loop. */
const BULK = 16;
/** Inflates `input` into `output`, which must be exactly the page's uncompressed size. */
function inflateSnappy(input, output) {
    const inputLength = input.length;
    let pos = 0;
    // The preamble: the uncompressed length as a varint.
    let declared = 0;
    for (let shift = 0;; shift += 7) {
        if (pos >= inputLength || shift > 28)
            throw new Error('invalid snappy length header');
        const c = input[pos++];
        declared += (c & 0x7f) * 2 ** shift;
        if (c < 128)
            break;
    }
    if (declared !== output.length)
        throw new Error(`snappy length ${declared} differs from the page's ${output.length}`);
    let out = 0;
    while (pos < inputLength) {
        const tag = input[pos++];
        let length;
        let offset;
        switch (tag & 3) {
            case 0: {
                length = (tag >>> 2) + 1;
                if (length > 60) {
                    // 1 to 4 little-endian bytes hold length - 1.
                    const size = length - 60;
                    if (pos + size > inputLength)
                        throw new Error('snappy literal length past the input');
                    length = 0;
                    for (let k = size - 1; k >= 0; k--)
                        length = length * 256 + input[pos + k];
                    length += 1;
                    pos += size;
                }
                if (pos + length > inputLength || out + length > output.length)
                    throw new Error('snappy literal past the input or the page');
                if (length < BULK) {
                    for (let k = 0; k < length; k++)
                        output[out + k] = input[pos + k];
                }
                else {
                    output.set(input.subarray(pos, pos + length), out);
                }
                pos += length;
                out += length;
                continue;
            }
            case 1:
                if (pos >= inputLength)
                    throw new Error('snappy copy past the input');
                length = ((tag >>> 2) & 7) + 4;
                offset = ((tag >>> 5) << 8) | input[pos++];
                break;
            case 2:
                if (pos + 2 > inputLength)
                    throw new Error('snappy copy past the input');
                length = (tag >>> 2) + 1;
                offset = input[pos] | (input[pos + 1] << 8);
                pos += 2;
                break;
            default:
                if (pos + 4 > inputLength)
                    throw new Error('snappy copy past the input');
                length = (tag >>> 2) + 1;
                offset =
                    (input[pos] |
                        (input[pos + 1] << 8) |
                        (input[pos + 2] << 16) |
                        (input[pos + 3] << 24)) >>>
                        0;
                pos += 4;
        }
        if (offset === 0 || offset > out || out + length > output.length)
            throw new Error('snappy copy outside the page');
        const from = out - offset;
        if (length < BULK || offset < length) {
            // Overlapping copies repeat the last `offset` bytes: byte by byte is
            // what they mean (copyWithin would copy the old bytes once).
            for (let k = 0; k < length; k++)
                output[out + k] = output[from + k];
        }
        else {
            output.copyWithin(out, from, from + length);
        }
        out += length;
    }
    if (out !== output.length)
        throw new Error('snappy data ends early');
}

;// CONCATENATED MODULE: ./src/data/parquet-reader.ts
/**
 * A streaming Parquet reader behind the same RecordReader interface as the
 * text readers: a row group at a time, only the bound columns' pages read
 * from the file, one page at a time, decoded with hyparquet's synchronous
 * page decoders (and our own for the common flat pages, into reused typed
 * arrays: see readFlatPage). Each row's bound fields are
 * written as text into a small buffer, so that labels, ids, scores and
 * costs go through the very parsers a CSV cell goes through:
 *
 * - integers as their digits (an int64 id `7` is the bytes `7`, and meets
 *   a CSV id `7`);
 * - DECIMAL(p, s) as its unscaled integer with the point put back
 *   (`12345` at scale 2 is `123.45`): exact, as the cost sum needs;
 * - DOUBLE and FLOAT as Python's `repr` gives them (see python-float-text):
 *   the text pandas would write to CSV, so a double amount has the exact
 *   value `Decimal(str(x))` gives in Python;
 * - strings as their bytes; booleans as `True`/`False`, as pandas writes them;
 * - a null as an empty field, so a null label, id, score or cost is refused
 *   with the same words as an empty CSV cell, naming the row.
 *
 * Memory: one page of each bound column (compressed and inflated; writers
 * make them about 1 MiB) and its dictionary; flat in the number of rows and
 * in the row-group size (Spark's 128 MB groups are read a page at a time).
 * A score column stored as DOUBLE can be bound as a number instead
 * (`bindNumber`), skipping the text.
 *
 * Dates, timestamps, nested and repeated columns are refused when bound,
 * naming the column and its type. Why hyparquet, and the figures, are in
 * bench/parquet-readers/README.md.
 */













// Node's own zlib decompresses gzip, zstd and brotli pages (native and
// adding nothing to the bundle); snappy is `snappy.ts`.
const zstd = external_node_zlib_namespaceObject.zstdDecompressSync;
const COMPRESSORS = {
    GZIP: (input) => external_node_zlib_namespaceObject.gunzipSync(input),
    BROTLI: (input) => external_node_zlib_namespaceObject.brotliDecompressSync(input),
    ...(zstd ? { ZSTD: (input) => zstd(input) } : {})
};
const READ_CODECS = new Set([
    'UNCOMPRESSED',
    'SNAPPY',
    'GZIP',
    'BROTLI',
    ...(zstd ? ['ZSTD'] : [])
]);
/** The largest page accepted (writers make about 1 MiB), and its most values. */
const MAX_PAGE_BYTES = 256 << 20;
const MAX_PAGE_VALUES = 64 << 20;
/** `nextValue`'s value for a byte array: its bytes are the cursor's `range*`. */
const RANGE = Symbol('byte range');
const parquet_reader_TRUE = new TextEncoder().encode('True');
const parquet_reader_FALSE = new TextEncoder().encode('False');
/** The kind of a leaf column, or why it cannot be read. */
function valueKind(element) {
    const { type, converted_type: converted, logical_type: logical } = element;
    if (converted === 'DECIMAL' || logical?.type === 'DECIMAL')
        return 'decimal';
    const refused = {
        DATE: 'dates',
        TIME_MILLIS: 'times of day',
        TIME_MICROS: 'times of day',
        TIMESTAMP_MILLIS: 'timestamps',
        TIMESTAMP_MICROS: 'timestamps',
        INTERVAL: 'intervals',
        BSON: 'BSON documents'
    };
    if (converted && refused[converted])
        return refused[converted];
    if (logical?.type === 'TIMESTAMP')
        return 'timestamps';
    if (logical?.type === 'DATE')
        return 'dates';
    if (logical?.type === 'TIME')
        return 'times of day';
    if (logical?.type === 'UUID')
        return 'UUIDs';
    if (logical?.type === 'FLOAT16')
        return 'half-precision floats';
    switch (type) {
        case 'BOOLEAN':
            return 'bool';
        case 'INT32':
        case 'INT64':
            return converted === 'UINT_32' ||
                converted === 'UINT_64' ||
                (logical?.type === 'INTEGER' && !logical.isSigned)
                ? 'uint'
                : 'int';
        case 'FLOAT':
            return 'float';
        case 'DOUBLE':
            return 'double';
        case 'BYTE_ARRAY':
            return 'bytes';
        case 'INT96':
            return 'timestamps (INT96)';
        default:
            return 'fixed-length binary values';
    }
}
/**
 * An INT64 array seen as pairs of 32-bit halves: reading a BigInt64Array
 * element makes a BigInt on the heap, the slow part of reading int64 ids,
 * labels and cents; the halves make a double with no allocation.
 */
function int64Pairs(values) {
    return values instanceof BigInt64Array
        ? new Int32Array(values.buffer, values.byteOffset, values.length * 2)
        : undefined;
}
/** Element `index` of int64 pairs: a number when exact (below 2^53), else a bigint. */
function int64At(pairs, index) {
    // Typed arrays are in the platform's byte order: little-endian on every
    // platform Node runs actions on, so the low half comes first.
    const low = pairs[index * 2] >>> 0;
    const high = pairs[index * 2 + 1];
    if (high >= -0x200000 && high < 0x200000)
        return high * 4294967296 + low;
    return (BigInt(high) << 32n) | BigInt(low);
}
/** Bytes per value of the fixed-width physical types, read as typed arrays. */
const PLAIN_WIDTHS = {
    INT32: 4,
    INT64: 8,
    FLOAT: 4,
    DOUBLE: 8
};
const PLAIN_ARRAYS = {
    INT32: Int32Array,
    INT64: BigInt64Array,
    FLOAT: Float32Array,
    DOUBLE: Float64Array
};
/**
 * `count` PLAIN byte arrays (each a 4-byte length, then its bytes) as
 * [start, end) pairs into the page's bytes: no object per value. A
 * Uint8Array per value (hyparquet's readPlain) made a column of two million
 * string ids cost the collector most of a second and 200 MB of peak memory
 * (a dictionary of a million of them per row group).
 */
function byteArrayRanges(bytes, offset, count, reuse) {
    const ranges = reuse && reuse.length >= count * 2 ? reuse : new Int32Array(count * 2);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < count; i++) {
        if (offset + 4 > bytes.length)
            throw new Error('a byte array runs past the end of its page');
        const length = view.getUint32(offset, true);
        offset += 4;
        if (offset + length > bytes.length)
            throw new Error('a byte array runs past the end of its page');
        ranges[2 * i] = offset;
        ranges[2 * i + 1] = offset + length;
        offset += length;
    }
    return ranges;
}
/**
 * A data page (v1) of a flat column in the encodings writers use (plain,
 * dictionary), as hyparquet's readDataPage reads it but with typed arrays:
 * its definition levels in a Uint8Array (none when the page has no null)
 * and dictionary keys in an Int32Array. hyparquet decodes both into plain
 * JS arrays, the largest cost of reading a nullable column (pandas and
 * Spark columns are nullable even when no value is null). Undefined for
 * another encoding: hyparquet's own reader takes it.
 */
function readFlatPage(bytes, header, decoder, maxDefinition, 
/** Buffers reused from page to page (grown as needed). */
reuse) {
    const { encoding } = header;
    const dictionary = encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY';
    if ((encoding !== 'PLAIN' && !dictionary) || maxDefinition > 1)
        return undefined;
    if (decoder.type === 'BOOLEAN' && dictionary)
        return undefined;
    const reader = {
        view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        offset: 0
    };
    let definitions;
    let nulls = 0;
    if (maxDefinition === 1) {
        if (reuse.definitions.length < header.num_values)
            reuse.definitions = new Uint8Array(header.num_values * 2);
        // readRleBitPackedHybrid fills its output to its length: give it exactly the page's.
        definitions = reuse.definitions.subarray(0, header.num_values);
        readRleBitPackedHybrid(reader, 1, definitions);
        for (let i = 0; i < definitions.length; i++)
            if (definitions[i] !== 1)
                nulls++;
        if (nulls === 0)
            definitions = undefined;
    }
    const count = header.num_values - nulls;
    if (!dictionary && decoder.type === 'BYTE_ARRAY') {
        reuse.ranges = byteArrayRanges(bytes, reader.offset, count, reuse.ranges);
        return { definitionLevels: definitions, dataPage: [], ranges: reuse.ranges };
    }
    const plainWidth = PLAIN_WIDTHS[decoder.type];
    if (!dictionary && plainWidth) {
        // readPlain copies misaligned values (after the definition levels) into
        // a new buffer per page; one reused buffer keeps memory flat in rows.
        const length = count * plainWidth;
        if (reader.offset + length > bytes.length)
            throw new Error('a page holds fewer values than its header says');
        let source = bytes;
        let offset = reader.offset;
        if ((bytes.byteOffset + offset) % plainWidth !== 0) {
            if (reuse.aligned.length < length)
                reuse.aligned = new Uint8Array(Math.max(length, reuse.aligned.length * 2));
            reuse.aligned.set(bytes.subarray(offset, offset + length));
            source = reuse.aligned;
            offset = 0;
        }
        const at = source.byteOffset + offset;
        const ArrayType = PLAIN_ARRAYS[decoder.type];
        return {
            definitionLevels: definitions,
            dataPage: new ArrayType(source.buffer, at, count)
        };
    }
    if (!dictionary)
        return {
            definitionLevels: definitions,
            dataPage: plain_readPlain(reader, decoder.type, count, decoder.element.type_length)
        };
    const width = reader.view.getUint8(reader.offset++);
    if (reuse.keys.length < count)
        reuse.keys = new Int32Array(count * 2);
    const keys = reuse.keys.subarray(0, count);
    keys.fill(0);
    if (width > 0)
        readRleBitPackedHybrid(reader, width, keys, reader.view.byteLength - reader.offset);
    return { definitionLevels: definitions, dataPage: keys };
}
/** A big-endian two's complement integer (a DECIMAL stored as bytes). */
function signedBigInt(bytes) {
    let value = 0n;
    for (const byte of bytes)
        value = (value << 8n) | BigInt(byte);
    const bits = BigInt(bytes.length * 8);
    return bytes.length > 0 && bytes[0] & 0x80 ? value - (1n << bits) : value;
}
/** An unscaled integer at `scale` as decimal text: `-12345`, 2 → `-123.45`. */
function decimalText(unscaled, scale) {
    const negative = unscaled < 0;
    let digits = (negative ? -BigInt(unscaled) : BigInt(unscaled)).toString();
    if (scale > 0) {
        digits = digits.padStart(scale + 1, '0');
        digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    }
    else if (scale < 0) {
        digits += '0'.repeat(-scale);
    }
    return negative ? `-${digits}` : digits;
}
/** One bound column: its chunk in the current row group, read a page at a time. */
class ColumnCursor {
    name;
    kind;
    schemaPath;
    asNumber;
    decoder;
    maxDefinition;
    /** The current data page, inflated (snappy), and its definition levels and keys. */
    pageBuffer = new Uint8Array(0);
    levels = {
        definitions: new Uint8Array(0),
        keys: new Int32Array(0),
        ranges: new Int32Array(0),
        aligned: new Uint8Array(0)
    };
    /** The dictionary page's bytes, reused from row group to row group. */
    dictionaryBuffer = new Uint8Array(0);
    /** Bytes read from the file: the current page (and its header). */
    window = Buffer.alloc(0);
    fd = -1;
    path = '';
    /** File offsets: the next page's header, and the end of the chunk. */
    position = 0;
    chunkEnd = 0;
    dictionary;
    values = [];
    definitions;
    dictionaryEncoded = false;
    pageRows = 0;
    rowInPage = 0;
    valueIndex = 0;
    /** An INT64 page or dictionary as 32-bit halves (see int64At). */
    valuePairs;
    dictionaryPairs;
    /**
     * BYTE_ARRAY values as [start, end) pairs into their page's bytes (see
     * byteArrayRanges): the current page's when plain, the dictionary's.
     * `nextValue` then leaves the value in `range*` and returns RANGE.
     */
    valueRanges;
    valueBytes = new Uint8Array(0);
    dictionaryRanges;
    dictionaryBytes = new Uint8Array(0);
    rangeBytes = new Uint8Array(0);
    rangeStart = 0;
    rangeEnd = 0;
    constructor(name, kind, schemaPath, 
    /** Bound with `bindNumber`: the value is given as a number. */
    asNumber) {
        this.name = name;
        this.kind = kind;
        this.schemaPath = schemaPath;
        this.asNumber = asNumber;
        const element = schemaPath[schemaPath.length - 1].element;
        this.maxDefinition = schemaPath
            .slice(1)
            .filter((node) => node.element.repetition_type !== 'REQUIRED').length;
        this.decoder = {
            pathInSchema: [name],
            type: element.type,
            element,
            schemaPath,
            codec: 'UNCOMPRESSED',
            parsers: undefined,
            compressors: COMPRESSORS
        };
    }
    get element() {
        return this.decoder.element;
    }
    /** Reads this column's chunk of a row group from the file. */
    load(fd, fileSize, chunk, path, group) {
        const meta = chunk.meta_data;
        if (!meta || chunk.file_path)
            throw new errors_DataError(path, undefined, `row group ${group + 1}: column ${shown_value_shown(this.name)} is stored in another file; write the data as one self-contained Parquet file`);
        if (!READ_CODECS.has(meta.codec)) {
            throw new errors_DataError(path, undefined, `column ${shown_value_shown(this.name)} is compressed with ${meta.codec}${meta.codec === 'ZSTD' ? ' (zstd needs Node 22.15 or later)' : ''}, which champion-gate does not read; write the file with snappy, gzip or zstd (pyarrow: compression='snappy')`);
        }
        const dictionaryOffset = Number(meta.dictionary_page_offset ?? 0);
        const start = dictionaryOffset > 0 && dictionaryOffset < Number(meta.data_page_offset)
            ? dictionaryOffset
            : Number(meta.data_page_offset);
        const length = Number(meta.total_compressed_size);
        if (!(start >= 4 && length >= 0 && start + length <= fileSize))
            throw new errors_DataError(path, undefined, `row group ${group + 1}: column ${shown_value_shown(this.name)} is said to lie outside the file (bytes ${start} to ${start + length} of ${fileSize}); the file is damaged`);
        this.decoder.codec = meta.codec;
        this.fd = fd;
        this.path = path;
        this.position = start;
        this.chunkEnd = start + length;
        this.dictionary = undefined;
        this.dictionaryRanges = undefined;
        this.pageRows = 0;
        this.rowInPage = 0;
    }
    /** `length` bytes of the file from `position`, in the reused window. */
    readAt(position, length) {
        if (this.window.length < length)
            this.window = Buffer.allocUnsafe(Math.max(length, this.window.length * 2));
        let got = 0;
        try {
            while (got < length) {
                const read = (0,external_node_fs_namespaceObject.readSync)(this.fd, this.window, got, length - got, position + got);
                if (read === 0)
                    break;
                got += read;
            }
        }
        catch (error) {
            throw new errors_DataError(this.path, undefined, describeFileError(error));
        }
        if (got < length)
            throw new errors_DataError(this.path, undefined, `is truncated: column ${shown_value_shown(this.name)} runs past the end of the file`);
        return this.window.subarray(0, length);
    }
    /**
     * The next row's value: undefined for a null, else the raw value (a
     * number, bigint, boolean or bytes). Decodes the next page when needed.
     */
    nextValue() {
        while (this.rowInPage >= this.pageRows)
            this.nextPage();
        const row = this.rowInPage++;
        const definitions = this.definitions;
        if (definitions && definitions.length > 0) {
            if (definitions[row] !== this.maxDefinition)
                return undefined;
        }
        const index = this.valueIndex++;
        if (this.dictionaryEncoded) {
            const key = this.values[index];
            if (this.dictionaryRanges) {
                // A key past the dictionary reads as a null, as an array lookup would.
                if (!(key >= 0 && key < this.dictionary.length))
                    return undefined;
                this.rangeBytes = this.dictionaryBytes;
                this.rangeStart = this.dictionaryRanges[2 * key];
                this.rangeEnd = this.dictionaryRanges[2 * key + 1];
                return RANGE;
            }
            return this.dictionaryPairs
                ? int64At(this.dictionaryPairs, key)
                : this.dictionary[key];
        }
        if (this.valueRanges) {
            this.rangeBytes = this.valueBytes;
            this.rangeStart = this.valueRanges[2 * index];
            this.rangeEnd = this.valueRanges[2 * index + 1];
            return RANGE;
        }
        return this.valuePairs
            ? int64At(this.valuePairs, index)
            : this.values[index];
    }
    nextPage() {
        const left = this.chunkEnd - this.position;
        if (left <= 0)
            throw new Error(`column ${this.name} has fewer values than its row group`);
        // A page at a time: its header from a window of the file (widened when
        // the header is longer, as one with long min/max statistics can be),
        // then the page itself, so memory holds a page, not a row group.
        let want = Math.min(left, 1 << 16);
        let window;
        let reader;
        let header;
        for (;;) {
            window = this.readAt(this.position, want);
            reader = {
                view: new DataView(window.buffer, window.byteOffset, window.length),
                offset: 0
            };
            try {
                header = parquetHeader(reader);
                break;
            }
            catch (error) {
                if (want >= left || want >= MAX_PAGE_BYTES)
                    throw error;
                want = Math.min(left, want * 4);
            }
        }
        const size = header.compressed_page_size;
        // A damaged or hostile header must not make the reader allocate what
        // it says (an uncompressed size of 2 GiB): pages are about 1 MiB.
        const counts = [
            header.data_page_header?.num_values,
            header.data_page_header_v2?.num_values,
            header.dictionary_page_header?.num_values
        ];
        if (!(size >= 0 && reader.offset + size <= left) ||
            !(header.uncompressed_page_size >= 0) ||
            header.uncompressed_page_size > MAX_PAGE_BYTES ||
            counts.some((n) => n !== undefined && !(n >= 0 && n <= MAX_PAGE_VALUES)))
            throw new Error('a page header with impossible sizes');
        let compressed = reader.offset + size <= window.length
            ? window.subarray(reader.offset, reader.offset + size)
            : this.readAt(this.position + reader.offset, size);
        this.position += reader.offset + size;
        const decoder = this.decoder;
        if (header.type === 'DICTIONARY_PAGE') {
            // The dictionary outlives this page's bytes (the window is reused),
            // and readPlain may return views of them: give it bytes of its own.
            // (A Buffer's slice() is a view: copy into a new Uint8Array.)
            if (decoder.codec === 'UNCOMPRESSED')
                compressed = new Uint8Array(compressed);
            const size = Number(header.uncompressed_page_size);
            let page;
            if (decoder.codec === 'SNAPPY') {
                // The last row group's dictionary is no longer used: its buffer is
                // reused (a dictionary per row group per column, of megabytes, left
                // peak memory growing with the rows until the collector ran).
                if (this.dictionaryBuffer.length < size)
                    this.dictionaryBuffer = new Uint8Array(Math.max(size, this.dictionaryBuffer.length * 2));
                page = this.dictionaryBuffer.subarray(0, size);
                inflateSnappy(compressed, page);
            }
            else {
                page = datapage_decompressPage(compressed, size, decoder.codec, decoder.compressors);
            }
            const entries = header.dictionary_page_header.num_values;
            if (decoder.type === 'BYTE_ARRAY') {
                this.dictionaryRanges = byteArrayRanges(page, 0, entries);
                this.dictionaryBytes = page;
                // Only its length is used (to check keys).
                this.dictionary = { length: entries };
                this.dictionaryPairs = undefined;
                return;
            }
            this.dictionaryRanges = undefined;
            this.dictionary = plain_readPlain({
                view: new DataView(page.buffer, page.byteOffset, page.byteLength),
                offset: 0
            }, decoder.type, entries, decoder.element.type_length);
            this.dictionaryPairs = int64Pairs(this.dictionary);
            return;
        }
        let encoding;
        let rows;
        let page;
        let pageBytes;
        if (header.type === 'DATA_PAGE') {
            const daph = header.data_page_header;
            const size = Number(header.uncompressed_page_size);
            // A data page's bytes are used up before the next page is read, so
            // snappy inflates into one reused buffer (fewer, larger collections).
            let bytes;
            if (decoder.codec === 'SNAPPY') {
                if (this.pageBuffer.length < size)
                    this.pageBuffer = new Uint8Array(Math.max(size, this.pageBuffer.length * 2));
                bytes = this.pageBuffer.subarray(0, size);
                inflateSnappy(compressed, bytes);
            }
            else {
                bytes = datapage_decompressPage(compressed, size, decoder.codec, decoder.compressors);
            }
            page =
                readFlatPage(bytes, daph, decoder, this.maxDefinition, this.levels) ??
                    datapage_readDataPage(bytes, daph, decoder);
            pageBytes = bytes;
            encoding = daph.encoding;
            rows = daph.num_values;
        }
        else if (header.type === 'DATA_PAGE_V2') {
            const daph = header.data_page_header_v2;
            page = datapage_readDataPageV2(compressed, header, decoder);
            encoding = daph.encoding;
            rows = daph.num_values;
        }
        else {
            return; // an index page: nothing to read
        }
        this.dictionaryEncoded = encoding.endsWith('_DICTIONARY');
        if (this.dictionaryEncoded && !this.dictionary)
            throw new Error(`column ${this.name} has a dictionary-encoded page but no dictionary`);
        this.values = page.dataPage;
        this.valueRanges = page.ranges;
        if (page.ranges)
            this.valueBytes = pageBytes;
        this.valuePairs = int64Pairs(page.dataPage);
        this.definitions = page.definitionLevels;
        this.pageRows = rows;
        this.rowInPage = 0;
        this.valueIndex = 0;
    }
}
class ParquetReader {
    path;
    options;
    format = 'parquet';
    positionKind = 'row';
    /** The current row, 1-based over the whole file. */
    position = 0;
    bytes = new Uint8Array(256);
    start = new Int32Array(0);
    end = new Int32Array(0);
    numbers = new Float64Array(0);
    metadata;
    fd;
    size;
    columns;
    cursors = [];
    group = -1;
    rowsLeftInGroup = 0;
    hashed = false;
    constructor(path, options = {}) {
        this.path = path;
        this.options = options;
        const file = openRegularFile(path);
        this.fd = file.fd;
        this.size = file.size;
        try {
            this.metadata = this.readFooter();
            this.columns = parquetSchema(this.metadata).children;
        }
        catch (error) {
            this.close();
            throw error;
        }
    }
    readFooter() {
        const fd = this.fd;
        const size = this.size;
        const truncated = `is not a complete Parquet file: it starts with PAR1 but does not end with the Parquet footer (was it still being written, or cut short when copied?)`;
        if (size < 12)
            throw new errors_DataError(this.path, undefined, truncated);
        const tail = Buffer.alloc(8);
        (0,external_node_fs_namespaceObject.readSync)(fd, tail, 0, 8, size - 8);
        if (tail.toString('latin1', 4) !== 'PAR1')
            throw new errors_DataError(this.path, undefined, truncated);
        const length = tail.readUInt32LE(0);
        if (length + 12 > size)
            throw new errors_DataError(this.path, undefined, truncated);
        const footer = Buffer.alloc(length + 8);
        (0,external_node_fs_namespaceObject.readSync)(fd, footer, 0, footer.length, size - 8 - length);
        try {
            return parquetMetadata(footer);
        }
        catch (error) {
            throw new errors_DataError(this.path, undefined, `its Parquet footer cannot be read (${error.message}); the file may be damaged`);
        }
    }
    names() {
        return this.columns.map((column) => column.element.name);
    }
    has(field) {
        return this.names().includes(field);
    }
    bindNumber(field, input) {
        const node = this.columns.find((column) => column.element.name === field);
        if (!node || node.children.length > 0)
            return undefined;
        if (valueKind(node.element) !== 'double')
            return undefined;
        return this.bind(field, input, true);
    }
    bindInteger(field, input) {
        const node = this.columns.find((column) => column.element.name === field);
        if (!node || node.children.length > 0)
            return undefined;
        if (valueKind(node.element) !== 'int')
            return undefined;
        return this.bind(field, input, true);
    }
    bind(field, input, asNumber = false) {
        const bound = this.cursors.findIndex((cursor) => cursor.name === field && cursor.asNumber === asNumber);
        if (bound >= 0)
            return bound;
        const node = this.columns.find((column) => column.element.name === field);
        if (!node) {
            throw new errors_DataError(this.path, undefined, `no column ${shown_value_shown(field)} (from input '${input}'); the file has ${listFields(this.names())}`);
        }
        if (node.children.length > 0 ||
            node.element.repetition_type === 'REPEATED') {
            throw new errors_DataError(this.path, undefined, `column ${shown_value_shown(field)} (from input '${input}') is a nested or repeated column (a list, map or struct); it must hold one plain value per row`);
        }
        const kind = valueKind(node.element);
        const known = ['bytes', 'int', 'uint', 'decimal', 'double', 'float', 'bool'];
        if (!known.includes(kind)) {
            throw new errors_DataError(this.path, undefined, `column ${shown_value_shown(field)} (from input '${input}') holds ${kind}, which champion-gate does not read as ids, labels, scores or costs; write it as a string or a number column`);
        }
        const cursor = new ColumnCursor(field, kind, [parquetSchema(this.metadata), node], asNumber);
        this.cursors.push(cursor);
        this.start = new Int32Array(this.cursors.length);
        this.end = new Int32Array(this.cursors.length);
        this.numbers = new Float64Array(this.cursors.length);
        return this.cursors.length - 1;
    }
    next() {
        while (this.rowsLeftInGroup === 0) {
            if (!this.nextGroup()) {
                this.hashFile();
                return false;
            }
        }
        this.rowsLeftInGroup--;
        this.position++;
        let offset = 0;
        const cursors = this.cursors;
        for (let slot = 0; slot < cursors.length; slot++) {
            const cursor = cursors[slot];
            let value;
            try {
                value = cursor.nextValue();
            }
            catch (error) {
                throw this.damaged(error, cursor);
            }
            this.start[slot] = offset;
            if (cursor.asNumber) {
                // A number stays one; only a null or a NaN is written, as text (and
                // an integer past 15 digits, or an INT64 read as a bigint).
                const number = typeof value === 'number' &&
                    (cursor.kind !== 'int' || (value < 1e15 && value > -1e15))
                    ? value
                    : NaN;
                this.numbers[slot] = number;
                if (number === number) {
                    this.end[slot] = offset;
                    continue;
                }
            }
            if (value !== undefined && value !== null)
                offset = this.write(cursor, value, offset);
            this.end[slot] = offset;
        }
        return true;
    }
    close() {
        if (this.fd !== undefined)
            (0,external_node_fs_namespaceObject.closeSync)(this.fd);
        this.fd = undefined;
    }
    nextGroup() {
        const groups = this.metadata.row_groups;
        if (this.group + 1 >= groups.length || this.fd === undefined)
            return false;
        this.group++;
        const group = groups[this.group];
        for (const cursor of this.cursors) {
            const chunk = group.columns.find((c) => c.meta_data?.path_in_schema.length === 1 &&
                c.meta_data.path_in_schema[0] === cursor.name);
            if (!chunk)
                throw new errors_DataError(this.path, undefined, `row group ${this.group + 1} has no chunk for column ${shown_value_shown(cursor.name)}; the file is damaged`);
            cursor.load(this.fd, this.size, chunk, this.path, this.group);
        }
        this.rowsLeftInGroup = Number(group.num_rows);
        return true;
    }
    /** Writes a value's text at `offset` of `bytes`; returns where it ends. */
    write(cursor, value, offset) {
        if (value === RANGE) {
            const length = cursor.rangeEnd - cursor.rangeStart;
            if (cursor.kind === 'bytes') {
                this.reserve(offset + length);
                const target = this.bytes;
                const source = cursor.rangeBytes;
                // Ids are short: a loop beats set()'s call for a few bytes.
                for (let i = 0, j = cursor.rangeStart; i < length; i++, j++)
                    target[offset + i] = source[j];
                return offset + length;
            }
            // A DECIMAL stored as a byte array: the bytes themselves.
            value = cursor.rangeBytes.subarray(cursor.rangeStart, cursor.rangeEnd);
        }
        let text;
        switch (cursor.kind) {
            case 'bytes': {
                const bytes = value;
                this.reserve(offset + bytes.length);
                this.bytes.set(bytes, offset);
                return offset + bytes.length;
            }
            case 'bool':
                return this.writeBytes(value ? parquet_reader_TRUE : parquet_reader_FALSE, offset);
            case 'int': {
                // Most integers are safe doubles: their digits written directly,
                // without making a string (a bigint's toString is slow).
                const n = Number(value);
                if (Number.isSafeInteger(n))
                    return this.writeInteger(n, offset);
                text = String(value);
                break;
            }
            case 'uint':
                text =
                    cursor.element.type === 'INT64'
                        ? BigInt.asUintN(64, BigInt(value)).toString()
                        : String(value >>> 0);
                break;
            case 'double':
                text = pythonFloatText(value);
                break;
            case 'float':
                text = pythonFloatText(value, true);
                break;
            case 'decimal': {
                const unscaled = value instanceof Uint8Array
                    ? signedBigInt(value)
                    : value;
                text = decimalText(unscaled, cursor.element.scale ?? 0);
                break;
            }
        }
        const length = text.length;
        this.reserve(offset + length);
        const bytes = this.bytes;
        // Number text is ASCII: one byte per character.
        for (let i = 0; i < length; i++)
            bytes[offset + i] = text.charCodeAt(i);
        return offset + length;
    }
    writeInteger(value, offset) {
        this.reserve(offset + 17);
        const bytes = this.bytes;
        if (value < 0) {
            bytes[offset++] = 45;
            value = -value;
        }
        let digits = 1;
        for (let power = 10; power <= value && digits < 16; power *= 10)
            digits++;
        if (value >= 1e16)
            digits = String(value).length;
        let at = offset + digits;
        // Below 2^31 the digits come from int32 division, the fast case.
        while (value >= 0x80000000) {
            const next = Math.floor(value / 10);
            bytes[--at] = 48 + (value - next * 10);
            value = next;
        }
        let small = value | 0;
        do {
            const next = (small / 10) | 0;
            bytes[--at] = 48 + (small - next * 10);
            small = next;
        } while (small > 0);
        return offset + digits;
    }
    writeBytes(source, offset) {
        this.reserve(offset + source.length);
        this.bytes.set(source, offset);
        return offset + source.length;
    }
    reserve(size) {
        if (size <= this.bytes.length)
            return;
        const larger = new Uint8Array(size * 2);
        larger.set(this.bytes);
        this.bytes = larger;
    }
    /** A decoding failure as a DataError naming the column and row group. */
    damaged(error, cursor) {
        if (error instanceof errors_DataError)
            return error;
        return new errors_DataError(this.path, undefined, `row ${this.position}: column ${shown_value_shown(cursor.name)} in row group ${this.group + 1} cannot be decoded (${error.message}); the file may be damaged or use an encoding champion-gate does not read`);
    }
    /**
     * The test set's sha256 is over the file's bytes, all of them and in
     * order, so it is the `sha256sum` of the file; the row groups were read
     * column by column, so the file is read once more, in order, for it.
     */
    hashFile() {
        const onBytes = this.options.onBytes;
        if (!onBytes || this.hashed || this.fd === undefined)
            return;
        this.hashed = true;
        const buffer = Buffer.allocUnsafe(1 << 20);
        for (let position = 0; position < this.size;) {
            const read = (0,external_node_fs_namespaceObject.readSync)(this.fd, buffer, 0, buffer.length, position);
            if (read === 0)
                break;
            onBytes(buffer.subarray(0, read));
            position += read;
        }
    }
}

;// CONCATENATED MODULE: ./src/data/part-folder.ts
/**
 * A folder of part files, as Spark, pandas (pyarrow) or Polars write a
 * table: `part-00000-….csv`, `part-0.parquet`, … read one after another as
 * one file. Bookkeeping files are skipped: names starting with `_`
 * (`_SUCCESS`, `_committed_*`, `_started_*`, `_metadata`) or `.` (`.crc`
 * checksums, `.part-….crc`, editor files), and `*.crc`. Anything else that
 * is not a `part*` file, or a subfolder (a partitioned table,
 * `key=value/`), is refused by name rather than skipped or guessed at.
 *
 * Parts are read in name order, digits compared as numbers (`part-2`
 * before `part-10`, as pyarrow numbers them; Spark's zero-padded names sort
 * the same either way). Each part is opened like a single file (extension
 * and magic bytes, the regular-file checks), and all must be of one format.
 * The bytes of all parts, in that order, go to `onBytes`: the test set's
 * sha256 of a folder is that of its parts concatenated. Messages name the
 * part and its line or row.
 */






/** Numeric-aware name order: runs of digits compare as numbers. */
function comparePartNames(a, b) {
    const pa = a.match(/\d+|\D+/g) ?? [];
    const pb = b.match(/\d+|\D+/g) ?? [];
    for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
        const x = pa[k];
        const y = pb[k];
        if (x === y)
            continue;
        const digits = /^\d/.test(x) && /^\d/.test(y);
        if (digits) {
            const nx = BigInt(x);
            const ny = BigInt(y);
            if (nx !== ny)
                return nx < ny ? -1 : 1;
        }
        return x < y ? -1 : 1;
    }
    return pa.length - pb.length || (a < b ? -1 : a > b ? 1 : 0);
}
function isBookkeeping(name) {
    return name.startsWith('_') || name.startsWith('.') || name.endsWith('.crc');
}
/** The part files of a folder in read order; throws a DataError for a folder that is not one. */
function listParts(folder) {
    let names;
    try {
        names = (0,external_node_fs_namespaceObject.readdirSync)(folder);
    }
    catch (error) {
        throw new errors_DataError(folder, undefined, describeFileError(error));
    }
    const parts = [];
    const strangers = [];
    let emptyParts = 0;
    for (const name of names) {
        if (isBookkeeping(name))
            continue;
        let directory = false;
        let empty = false;
        try {
            const stat = (0,external_node_fs_namespaceObject.statSync)((0,external_node_path_namespaceObject.join)(folder, name));
            directory = stat.isDirectory();
            // Spark writes an empty file for a partition with no rows.
            empty = stat.isFile() && stat.size === 0;
        }
        catch {
            // A dangling link: opening it as a part names the problem.
        }
        if (directory) {
            throw new errors_DataError(folder, undefined, `holds a subfolder ${shown_value_shown(name)}; partitioned tables (key=value/ folders) are not read: write the table unpartitioned (Spark: without partitionBy) or give the path of one partition`);
        }
        if (!name.startsWith('part'))
            strangers.push(name);
        else if (empty)
            emptyParts++;
        else
            parts.push(name);
    }
    if (strangers.length > 0) {
        throw new errors_DataError(folder, undefined, `is a folder, read as the part files a Spark, pandas or Polars job writes (part-*), but it also holds ${shownList(strangers.sort())}; remove them or give the path of a single data file`);
    }
    if (parts.length === 0) {
        throw new errors_DataError(folder, undefined, emptyParts > 0
            ? `is a folder whose ${emptyParts} part file${emptyParts === 1 ? ' is' : 's are all'} empty (0 bytes); the job that wrote it wrote no rows`
            : names.length === 0
                ? 'is an empty folder; expected the part files (part-*) a Spark, pandas or Polars job writes, or give the path of a data file'
                : `is a folder with no part files (part-*), only ${shownList(names.sort())}; did the job that writes it fail before writing its rows?`);
    }
    return parts.sort(comparePartNames).map((name) => (0,external_node_path_namespaceObject.join)(folder, name));
}
class PartFolderReader {
    folder;
    partPaths;
    openPart;
    options;
    current;
    index = 0;
    fields = [];
    /** Per slot: the current part gives it as a number (see RecordReader.bindNumber). */
    numeric = [];
    /** Slot in the current part of each folder slot. */
    slots = [];
    constructor(folder, partPaths, openPart, options = {}) {
        this.folder = folder;
        this.partPaths = partPaths;
        this.openPart = openPart;
        this.options = options;
        this.current = this.openPart(partPaths[0], options);
    }
    get path() {
        return this.current.path;
    }
    get format() {
        return this.current.format;
    }
    get gzip() {
        return this.current.gzip ?? false;
    }
    get parts() {
        return this.partPaths.length;
    }
    get position() {
        return this.current.position;
    }
    get positionKind() {
        return this.current.positionKind;
    }
    get bytes() {
        return this.current.bytes;
    }
    start = new Int32Array(0);
    end = new Int32Array(0);
    numbers = new Float64Array(0);
    has(field) {
        return this.current.has(field);
    }
    names() {
        return this.current.names();
    }
    bindNumber(field, input) {
        const slot = this.current.bindNumber?.(field, input);
        return slot === undefined ? undefined : this.add(field, input, true, slot);
    }
    bindInteger(field, input) {
        const slot = this.current.bindInteger?.(field, input);
        return slot === undefined
            ? undefined
            : this.add(field, input, true, slot, true);
    }
    bind(field, input) {
        const known = this.fields.findIndex((f) => f.field === field && !f.asNumber);
        if (known >= 0)
            return known;
        return this.add(field, input, false, this.current.bind(field, input));
    }
    add(field, input, asNumber, slot, integer = false) {
        this.slots.push(slot);
        this.numeric.push(asNumber);
        this.fields.push({ field, input, asNumber, integer });
        this.start = new Int32Array(this.fields.length);
        this.end = new Int32Array(this.fields.length);
        this.numbers = new Float64Array(this.fields.length);
        return this.fields.length - 1;
    }
    next() {
        while (!this.current.next()) {
            if (this.index + 1 >= this.partPaths.length)
                return false;
            this.openNext();
        }
        const { start, end, numbers } = this.current;
        for (let k = 0; k < this.slots.length; k++) {
            this.start[k] = start[this.slots[k]];
            this.end[k] = end[this.slots[k]];
            // NaN: the field's text is in `bytes` (see RecordReader.bindNumber).
            this.numbers[k] = this.numeric[k] ? numbers[this.slots[k]] : NaN;
        }
        return true;
    }
    close() {
        this.current.close();
    }
    openNext() {
        const first = storedFormat(this.current);
        this.current.close();
        this.index++;
        const path = this.partPaths[this.index];
        this.current = this.openPart(path, this.options);
        const format = storedFormat(this.current);
        if (format !== first) {
            this.current.close();
            throw new errors_DataError(path, undefined, `is ${format}, but the folder's first part ${shown_value_shown((0,external_node_path_namespaceObject.basename)(this.partPaths[0]))} is ${first}; all parts of a folder must have one format`);
        }
        this.slots = [];
        this.numeric = [];
        for (const { field, input, asNumber, integer } of this.fields) {
            const slot = !asNumber
                ? undefined
                : integer
                    ? this.current.bindInteger?.(field, input)
                    : this.current.bindNumber?.(field, input);
            this.numeric.push(slot !== undefined);
            this.slots.push(slot ?? this.current.bind(field, input));
        }
    }
}

;// CONCATENATED MODULE: ./src/data/open-reader.ts
/**
 * Opens a data file with the reader its format needs: `.csv` → CSV,
 * `.jsonl`/`.ndjson` → JSON Lines, `.json` → the `mlflow models predict`
 * document, `.parquet` → Parquet, any of the text ones with `.gz` after it
 * → the same, inflated as it is read; a folder → its part files (see
 * part-folder). Other names are sniffed from the first bytes. Whatever the
 * name, the first bytes are checked too: a file whose bytes are not what
 * its name says (Parquet bytes in `test.csv`), or a zip, Excel or other
 * binary file, is named for what it is instead of having its header
 * printed as if it were a row of column names. This is the one place a
 * format is chosen.
 */










/** Bytes looked at to tell what a file is. */
const HEAD_BYTES = 4096;
const CONVERT = 'champion-gate reads CSV, JSON Lines, Parquet, their gzip-compressed forms (.csv.gz, .jsonl.gz) and the JSON that `mlflow models predict` writes; write the data as one of those (pandas: `df.to_parquet(path)` or `df.to_csv(path, index=False)`)';
function startsWith(head, ...bytes) {
    if (head.length < bytes.length)
        return false;
    return bytes.every((b, k) => head[k] === b);
}
function startsWithText(head, text) {
    return startsWith(head, ...[...text].map((c) => c.charCodeAt(0)));
}
/**
 * What the first bytes of a file say it is, when it is not UTF-8 text;
 * undefined for text. Magic numbers: Parquet `PAR1`, gzip 1f 8b, zip
 * `PK\x03\x04` (an .xlsx workbook is a zip holding `xl/`), bzip2, xz,
 * zstd, Arrow, ORC, Avro, NumPy, HDF5, SQLite, legacy Excel (OLE2), PDF,
 * pickle; UTF-16 by its byte order mark; anything else with a NUL byte in
 * its first KiB is binary (text never holds one).
 */
function sniffKind(head) {
    if (startsWithText(head, 'PAR1'))
        return { kind: 'parquet', what: 'a Parquet file', advice: CONVERT };
    if (startsWith(head, 0x1f, 0x8b))
        return {
            kind: 'gzip',
            what: 'gzip-compressed',
            advice: 'decompress it first (`gunzip`) and give the path of the result'
        };
    if (startsWithText(head, 'PK\x03\x04')) {
        const xlsx = Buffer.from(head).includes('xl/');
        return xlsx
            ? {
                kind: 'xlsx',
                what: 'an Excel workbook (.xlsx)',
                advice: `${CONVERT}, or save the sheet as "CSV UTF-8"`
            }
            : {
                kind: 'zip',
                what: 'a zip archive',
                advice: 'unzip it first and give the path of the data file inside'
            };
    }
    const compressed = [
        [[0x42, 0x5a, 0x68], 'bzip2-compressed'],
        [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed'],
        [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed']
    ];
    for (const [magic, what] of compressed)
        if (startsWith(head, ...magic))
            return {
                kind: 'compressed',
                what,
                advice: 'decompress it first and give the path of the result'
            };
    const binary = [
        ['ARROW1', 'an Arrow IPC file'],
        ['ORC', 'an ORC file'],
        ['Obj\x01', 'an Avro file'],
        ['\x93NUMPY', 'a NumPy array file'],
        [[0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 'an HDF5 file'],
        ['SQLite format 3\x00', 'an SQLite database'],
        [
            [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
            'an old-style Excel workbook (.xls)'
        ],
        ['%PDF', 'a PDF document']
    ];
    for (const [magic, what] of binary) {
        const found = typeof magic === 'string'
            ? startsWithText(head, magic)
            : startsWith(head, ...magic);
        if (found)
            return { kind: 'binary', what, advice: CONVERT };
    }
    if (startsWith(head, 0xff, 0xfe) || startsWith(head, 0xfe, 0xff))
        return {
            kind: 'utf-16',
            what: 'UTF-16 text',
            advice: 'save it as UTF-8 (Excel: "CSV UTF-8"; iconv -f UTF-16 -t UTF-8)'
        };
    if (head.subarray(0, 1024).includes(0)) {
        const pickle = head[0] === 0x80 && head[1] >= 2 && head[1] <= 5
            ? 'a Python pickle'
            : 'a binary file';
        return { kind: 'binary', what: pickle, advice: CONVERT };
    }
    return undefined;
}
/** The first bytes of a file (only regular files are opened at all). */
function readHead(path) {
    const { fd } = openRegularFile(path);
    try {
        const bytes = Buffer.alloc(HEAD_BYTES);
        const read = (0,external_node_fs_namespaceObject.readSync)(fd, bytes, 0, bytes.length, 0);
        return bytes.subarray(0, read);
    }
    catch (error) {
        throw new errors_DataError(path, undefined, describeFileError(error));
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
const NAMED_FORMATS = {
    '.csv': 'CSV',
    '.jsonl': 'JSON Lines',
    '.ndjson': 'JSON Lines',
    '.json': 'JSON',
    '.parquet': 'Parquet',
    '.pq': 'Parquet',
    '.gz': 'gzip'
};
function textFormat(extension) {
    if (extension === '.csv')
        return 'csv';
    if (extension === '.jsonl' || extension === '.ndjson')
        return 'jsonl';
    if (extension === '.json')
        return 'mlflow-json';
    return undefined;
}
/**
 * Opens a data file, or a folder of part files, for reading. The path's
 * extension and its first bytes must agree; see the module comment.
 */
function open_reader_openRecordReader(path, options = {}) {
    let directory = false;
    try {
        directory = (0,external_node_fs_namespaceObject.statSync)(path).isDirectory();
    }
    catch {
        // Not there, or not readable: opening it as a file names the problem.
    }
    if (directory)
        return new PartFolderReader(path, listParts(path), openFileReader, options);
    return openFileReader(path, options);
}
function openFileReader(path, options) {
    const head = readHead(path);
    const extension = (0,external_node_path_namespaceObject.extname)(path).toLowerCase();
    const gzipped = extension === '.gz';
    // `test.csv.gz`: the format is the extension before `.gz`.
    const inner = gzipped
        ? (0,external_node_path_namespaceObject.extname)(path.slice(0, -extension.length)).toLowerCase()
        : extension;
    const kind = sniffKind(head);
    const promised = NAMED_FORMATS[extension];
    const not = promised
        ? `, not ${promised} (its name ends in ${extension})`
        : '';
    if (kind?.kind === 'parquet') {
        if (promised && promised !== 'Parquet')
            throw new errors_DataError(path, undefined, `is a Parquet file${not}; rename it to .parquet`);
        return new ParquetReader(path, options);
    }
    if (promised === 'Parquet')
        throw new errors_DataError(path, undefined, kind
            ? `its name ends in ${extension} but it is ${kind.what}, not a Parquet file; ${kind.advice}`
            : `its name ends in ${extension} but it is not a Parquet file (it does not start with PAR1; it looks like text): rename it to what it is (.csv, .jsonl)`);
    if (kind?.kind === 'gzip') {
        if (promised && !gzipped)
            throw new errors_DataError(path, undefined, `is gzip-compressed${not}; name it ${extension}.gz, or decompress it (\`gunzip\`)`);
        const inflated = inflatedHead(head);
        const innerKind = sniffKind(inflated);
        if (innerKind)
            throw new errors_DataError(path, undefined, innerKind.kind === 'parquet'
                ? 'is a gzip-compressed Parquet file; Parquet compresses its own pages: give the .parquet file itself'
                : `is gzip-compressed ${innerKind.what}; ${innerKind.advice}`);
        const format = textFormat(inner) ?? sniffText(inflated);
        return openTextReader(path, format, inflated, { ...options, gzip: true });
    }
    if (kind)
        throw new errors_DataError(path, undefined, `is ${kind.what}${not}; ${kind.advice}`);
    if (gzipped)
        throw new errors_DataError(path, undefined, 'its name ends in .gz but it is not gzip-compressed (it does not start with the gzip bytes 1f 8b); remove the .gz from its name');
    return openTextReader(path, textFormat(extension) ?? sniffText(head), head, options);
}
function openTextReader(path, format, head, options) {
    switch (format) {
        case 'csv':
            return new CsvReader(path, options);
        case 'jsonl':
            return new JsonLinesReader(path, options);
        case 'mlflow-json':
            checkJsonDocument(path, head);
            return new MlflowPredictionsReader(path, options);
    }
}
/** The first inflated bytes of a gzip file (to tell what it holds); empty when they cannot be had. */
function inflatedHead(head) {
    try {
        // Z_SYNC_FLUSH: the head is a prefix of the stream, not all of it.
        return (0,external_node_zlib_namespaceObject.gunzipSync)(head, { finishFlush: 2 }).subarray(0, HEAD_BYTES);
    }
    catch {
        // A damaged stream: the reader says so when it reads it.
        return new Uint8Array(0);
    }
}
/** The format of a file whose name does not say it, from its first bytes. */
function sniffText(head) {
    const text = Buffer.from(head).toString('utf8').trimStart();
    if (text.startsWith('[') || /^\{\s*"predictions"\s*:/.test(text))
        return 'mlflow-json';
    if (text.startsWith('{'))
        return 'jsonl';
    return 'csv';
}
/**
 * A `.json` file must be a JSON document; one that is JSON Lines or CSV
 * gets told what to rename it to (the extension is what chose the reader).
 */
function checkJsonDocument(path, head) {
    // trimStart also drops a byte order mark.
    const text = Buffer.from(head).toString('utf8').trimStart();
    if (text === '' || text.startsWith('['))
        return;
    const selects = 'the .json extension selects the document that `mlflow models predict` writes ({"predictions": [...]}) or a list of records';
    if (!text.startsWith('{')) {
        throw new errors_DataError(path, undefined, `does not start with { or [, so it is not JSON (it looks like CSV); ${selects}: if the file is CSV, rename it to .csv`);
    }
    const lines = text.split('\n');
    if (lines.length < 2 || !lines[1].trimStart().startsWith('{'))
        return;
    let first;
    try {
        first = JSON.parse(lines[0]);
    }
    catch {
        return;
    }
    if (typeof first === 'object' &&
        first !== null &&
        !Array.isArray(first) &&
        !('predictions' in first)) {
        throw new errors_DataError(path, undefined, `holds one JSON object per line (JSON Lines), but ${selects}; rename it to .jsonl`);
    }
}

;// CONCATENATED MODULE: ./src/evaluation/row-agreement.ts
/**
 * The check that keeps rows matched by position honest. When no `id-column`
 * is set, a prediction file's rows are taken to be the test set's rows in
 * the same order; if the prediction file carries a column the test set also
 * has (other than the prediction itself; typically the id), its values must
 * agree row by row, or the files are in different orders and every figure
 * would be computed on mismatched rows.
 *
 * How, and why this way: as each file is read, each row's value in a shared
 * column is hashed (32-bit FNV-1a, seeded per run, its length mixed in)
 * into a typed array beside the row's decision code, from the bytes the
 * reader already has in hand (unquoted). A batch is then checked with one
 * `memcmp` (Buffer.compare) of the two arrays. The prediction worker writes
 * the hashes next to the codes in its ring of shared slots (4 bytes a row),
 * so nothing more crosses threads and nothing is allocated per row or per
 * batch. Measured on the 2,000,000-row by-position benchmark, this costs
 * about 0.08 s of CPU and no memory; copying the values into arenas and
 * comparing those cost about 0.24 s and 40-55 MB of arenas awaiting the
 * collector, and one sha256 per batch over such arenas about 0.28 s.
 *
 * What a hash can miss: two different values with the same 32-bit hash
 * (about one in four billion for a given row, drawn anew each run by the
 * seed; a file in another order disagrees on nearly every row). Values of
 * the same length that differ in one byte never collide (each FNV-1a step is
 * a bijection). When a batch's hashes differ, both files are read again up
 * to it and the first row whose values differ, byte for byte, is named.
 *
 * Values are compared as text: `7` and `7.0` differ (the message says so,
 * and how to fix it). JSON numbers are compared by the text JavaScript
 * writes for them (`7.0` reads as `7`).
 */




const row_agreement_decoder = new TextDecoder();
/** A fresh seed for `hashValue`, once per run. */
function newHashSeed() {
    return randomInt(0x7fffffff);
}
/** FNV-1a over the bytes, from a seeded state that mixes in the length. */
function hashValue(bytes, start, end, seed) {
    let h = Math.imul(seed ^ (end - start), 0x01000193);
    for (let i = start; i < end; i++)
        h = Math.imul(h ^ bytes[i], 0x01000193);
    return h;
}
/** True when both hold the same hashes for rows [0, rows). */
function sameHashes(a, b, rows) {
    return (Buffer.compare(Buffer.from(a.buffer, a.byteOffset, rows * 4), Buffer.from(b.buffer, b.byteOffset, rows * 4)) === 0);
}
/** Names that look like a row key (`id`, `txn_id`, `transaction_ref`, `customerId`, …). */
function looksLikeId(name) {
    return (/(^|[_\-\s.])(id|ids|key|ref|uuid|guid)$/i.test(name) ||
        /^(id|key|ref|uuid|guid)$/i.test(name) ||
        /[a-z](Id|ID|Key|Ref)$/.test(name));
}
/**
 * The columns of a prediction file to check against the test set: of those
 * both have (other than the prediction column, and an unnamed index column
 * that no input could name), the id-like ones if there are any, else all.
 * An id alone proves the rows line up; another shared column may hold
 * something else by the same name (a predicted `label`) or the same numbers
 * written another way (`10.0` for `10.00`), and checking it then would stop
 * a run whose rows are in fact aligned.
 */
function sharedColumns(testColumns, predictionColumns, predictionColumn) {
    const shared = predictionColumns.filter((name, k) => name !== predictionColumn &&
        name.trim() !== '' &&
        testColumns.includes(name) &&
        predictionColumns.indexOf(name) === k);
    const ids = shared.filter((name) => looksLikeId(name));
    return ids.length > 0 ? ids : shared;
}
/**
 * Finds the first of `rows` rows, from row `first` (0-based) on, where the
 * prediction file's value in a shared column differs from the test set's,
 * by reading both files again (the error path only). Returns the error to
 * throw, or undefined when every row agrees.
 */
function findDisagreement(testSet, subject, first, rows) {
    const test = openRecordReader(testSet);
    const predicted = openRecordReader(subject.path);
    try {
        predicted.bind(subject.predictionColumn, 'prediction-column');
        const testSlots = subject.columns.map((name) => test.bind(name, 'id-column'));
        const slots = subject.columns.map((name) => predicted.bind(name, 'id-column'));
        for (let skipped = 0; skipped < first; skipped++)
            if (!test.next() || !predicted.next())
                return undefined;
        for (let i = 0; i < rows; i++) {
            if (!test.next() || !predicted.next())
                return undefined;
            for (let k = 0; k < slots.length; k++) {
                const value = row_agreement_text(predicted, slots[k]);
                const expected = row_agreement_text(test, testSlots[k]);
                if (value === expected)
                    continue;
                return errorAtPosition(predicted, predicted.position, disagreement(subject.columns[k], value, expected, `${testSet}:${test.position}`, subject));
            }
        }
        return undefined;
    }
    finally {
        test.close();
        predicted.close();
    }
}
function row_agreement_text(reader, slot) {
    return row_agreement_decoder.decode(reader.bytes.subarray(reader.start[slot], reader.end[slot]));
}
/** Characters a reader cannot see in a message: controls, odd spaces, marks. */
function invisible(code) {
    return (code < 0x20 ||
        (code >= 0x7f && code <= 0xa0) ||
        (code >= 0x200b && code <= 0x200f) ||
        code === 0x2028 ||
        code === 0x2029 ||
        code === 0xfeff);
}
/** A value for a message: quoted, invisible characters escaped, cut at 80 characters. */
function row_agreement_shown(value) {
    let text = '';
    for (const c of value.length > 80 ? value.slice(0, 80) : value) {
        const code = c.charCodeAt(0);
        text += invisible(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
    }
    return `'${text}${value.length > 80 ? '…' : ''}'`;
}
function disagreement(column, predicted, expected, testPlace, subject) {
    const why = subject.idColumn === undefined
        ? "rows are matched by position (input 'id-column' is not set)"
        : `this file's rows are matched by position (its records have no key '${subject.idColumn}', from input 'id-column')`;
    const head = `${why}, but column '${column}' is ${row_agreement_shown(predicted)} here ` +
        `and ${row_agreement_shown(expected)} on the test set's row in the same position (${testPlace})`;
    const a = Number(predicted);
    const b = Number(expected);
    if (predicted.trim() !== '' && expected.trim() !== '' && a === b) {
        return `${head}; the two are the same number written differently, and values are compared as text: write '${column}' the same way in both files`;
    }
    const other = `if '${column}' in ${subject.path} is not the test set's '${column}', rename it there`;
    if (subject.idColumn !== undefined) {
        const rename = looksLikeId(column) ? '' : ` (${other})`;
        return `${head}; the files list their rows in different orders. Give each record its '${subject.idColumn}' so that it is joined by id${rename}`;
    }
    if (looksLikeId(column)) {
        return `${head}; the files list their rows in different orders. Set 'id-column: ${column}' to join the rows by '${column}'`;
    }
    return `${head}; the files list their rows in different orders, or hold different things under that name. Set 'id-column: ${column}' if it identifies the rows; ${other}`;
}
/**
 * Compares a batch's hashes (one array per shared column) with the test
 * set's, and throws the first disagreeing row.
 */
function checkBatch(testSet, testHashes, subject, predicted, first, rows) {
    for (let k = 0; k < subject.columns.length; k++) {
        if (sameHashes(predicted[k], testHashes(subject.columns[k]), rows))
            continue;
        throw (findDisagreement(testSet, subject, first, rows) ??
            new UserError(`${subject.path} or ${testSet} changed while being read (a second read of '${subject.columns[k]}' differs from the first); write the files completely before the action runs`));
    }
}

;// CONCATENATED MODULE: ./src/data/label-value.ts
/**
 * How label values are compared, in the test set and in prediction files
 * alike: numbers as exact decimals (`1`, `1.0`, `+1`, `01` and `1e0` are one
 * value; `9007199254740993` and `9007199254740992` are two, though they are
 * the same double), anything else as trimmed text (`fraud`). Exact, because
 * a label is an identity, not a measurement: two ids past 2^53 that a double
 * merges are still two classes.
 *
 * pandas reads such a column as int64 (exact) or float64 (`1` and `1.0`
 * meet), and scikit-learn sees those values; the one place the two differ is
 * a column that mixes integers past 2^53 with decimals, which pandas rounds
 * to doubles and this keeps apart.
 */
const label_value_NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
function exactNumber(text) {
    const match = label_value_NUMBER.exec(text);
    if (!match)
        return undefined;
    const [, sign, whole, fraction = '', exponentText] = match;
    if (whole === '' && fraction === '')
        return undefined;
    let digits = (whole + fraction).replace(/^0+/, '');
    let exponent = BigInt(exponentText ?? '0') - BigInt(fraction.length);
    const trailing = /0*$/.exec(digits)[0].length;
    digits = digits.slice(0, digits.length - trailing);
    exponent += BigInt(trailing);
    if (digits === '')
        return { negative: false, digits: '', exponent: 0n };
    return { negative: sign === '-', digits, exponent };
}
/** A key under which equal labels meet: `n:1e0` for 1 and 1.0, `t:fraud` for text. */
function labelKey(text) {
    const trimmed = text.trim();
    const number = exactNumber(trimmed);
    if (!number)
        return `t:${trimmed}`;
    return `n:${number.negative ? '-' : ''}${number.digits || '0'}e${number.exponent}`;
}
/** -1, 0 or 1 for two exact decimals. */
function compareNumbers(a, b) {
    const signOf = (n) => n.digits === '' ? 0 : n.negative ? -1 : 1;
    const sa = signOf(a);
    const sb = signOf(b);
    if (sa !== sb || sa === 0)
        return Math.sign(sa - sb);
    // Same sign, both non-zero: compare magnitudes by their leading power of ten.
    const magnitudeA = a.exponent + BigInt(a.digits.length);
    const magnitudeB = b.exponent + BigInt(b.digits.length);
    let order;
    if (magnitudeA !== magnitudeB)
        order = magnitudeA > magnitudeB ? 1 : -1;
    else {
        const length = Math.max(a.digits.length, b.digits.length);
        const da = a.digits.padEnd(length, '0');
        const db = b.digits.padEnd(length, '0');
        order = da === db ? 0 : da > db ? 1 : -1;
    }
    return sa * order;
}
/** Code-point order, as Python compares `str` (JavaScript's `<` compares UTF-16 units). */
function compareText(a, b) {
    const ca = [...a];
    const cb = [...b];
    for (let i = 0; i < Math.min(ca.length, cb.length); i++) {
        const x = ca[i].codePointAt(0);
        const y = cb[i].codePointAt(0);
        if (x !== y)
            return x < y ? -1 : 1;
    }
    return Math.sign(ca.length - cb.length);
}
/**
 * Orders two label values as scikit-learn orders `classes_` (`np.unique`
 * of the labels it was fitted on): numerically when both are numbers, else
 * as text. This is the order of a `predict_proba` pair's entries.
 */
function compareLabels(a, b) {
    const x = exactNumber(a.trim());
    const y = exactNumber(b.trim());
    if (x && y)
        return compareNumbers(x, y);
    return compareText(a.trim(), b.trim());
}
/**
 * A few raw spellings (bytes) mapped to small ids, so a hot loop that meets
 * the same handful of values (labels, hard decisions) compares bytes and
 * decodes no strings. The bytes are copied: a reader refills its buffer in
 * place (Buffer#slice would be a view).
 */
class SpellingCache {
    capacity;
    spellings = [];
    ids = [];
    constructor(capacity = 8) {
        this.capacity = capacity;
    }
    /** The id cached for these bytes, or -1. */
    find(bytes, start, end) {
        const length = end - start;
        const spellings = this.spellings;
        for (let k = 0; k < spellings.length; k++) {
            const known = spellings[k];
            if (known.length !== length)
                continue;
            let same = true;
            for (let j = 0; j < length; j++) {
                if (known[j] !== bytes[start + j]) {
                    same = false;
                    break;
                }
            }
            if (same)
                return this.ids[k];
        }
        return -1;
    }
    /** Remembers these bytes as `id` while there is room. */
    add(bytes, start, end, id) {
        if (this.spellings.length >= this.capacity)
            return;
        this.spellings.push(Uint8Array.prototype.slice.call(bytes, start, end));
        this.ids.push(id);
    }
}

;// CONCATENATED MODULE: ./src/data/parse-number.ts
/**
 * Parses a number from bytes without making a string in the common case
 * (`0.934512`, `-3`, `12.5`): up to 15 significant digits and no exponent
 * give an exact integer divided by an exact power of ten, which IEEE
 * division rounds correctly (Clinger's fast path), so the result equals
 * `Number(text)` and Python's `float(text)`. Blanks, signs and exponents go
 * through the exact-decimal scanner of `metrics/decimal.ts` (one scanner, two
 * readings: the exact decimal for costs, its double here); what neither reads
 * takes the slow path. NaN means "not a finite number".
 *
 * The syntax is Python's `float()`, so that a score is never read as a
 * different number than the data scientist's own code reads it: the same
 * blanks around a number (space, tab, line breaks, the non-breaking space
 * and the other Unicode blanks), `.5`, `5.`, `-0`, `1e308`. What `float()`
 * reads but this does not, `numberProblem` names, so the run stops with a
 * clear error instead of taking it for a label: `nan`/`inf` (no score),
 * a number too large for a double (`1e309`, which `float()` makes inf),
 * `1_000` (underscores between digits: `float()` reads 1000, pandas and most
 * tools read text; refused rather than guessed), non-ASCII digits (`١٢`).
 * `0x10` is text to `float()` as here.
 */



/**
 * A score as a double. The fast path below is a second, tiny scanner kept on
 * purpose: `npm run bench:numbers` reads `0.934512` in 15 ns through it and
 * in 40 ns through the exact-decimal scanner (Node 20 and 24: 2.2-2.7x, for
 * whole numbers and cents alike), and a score is parsed for every row of
 * both models.
 */
function parseNumberBytes(bytes, start, end) {
    // The common case first, kept small enough to inline: `0.934512`, `12`.
    let mantissa = 0;
    let i = start;
    for (; i < end; i++) {
        const c = bytes[i] - 48;
        if (c < 0 || c > 9)
            break;
        mantissa = mantissa * 10 + c;
    }
    if (i > start && i - start <= 15) {
        if (i === end)
            return mantissa;
        if (bytes[i] === 46) {
            const point = i;
            for (i++; i < end; i++) {
                const c = bytes[i] - 48;
                if (c < 0 || c > 9)
                    break;
                mantissa = mantissa * 10 + c;
            }
            // At most 15 digits in all: an exact integer over an exact power of ten.
            if (i === end && i > point + 1 && i - start - 1 <= 15) {
                return mantissa / decimal_POW10[i - point - 1];
            }
        }
    }
    return parseNumberGeneral(bytes, start, end);
}
/**
 * Blanks, signs, leading zeros, exponents: the exact-decimal scanner
 * (`parseDecimalBytes`, the one general scanner of this syntax) gives
 * `mantissa / 10^scale` with a mantissa below 2^53 and a scale of at most 15,
 * which one IEEE division rounds correctly, as on the fast path. What it
 * refuses (more than 15 significant digits, a huge exponent, text) and zero
 * (whose sign the decimal drops and `float()` keeps) take the slow path.
 */
const scaled = { mantissa: 0, scale: 0 };
function parseNumberGeneral(bytes, start, end) {
    if (!parseDecimalBytes(bytes, start, end, scaled) || scaled.mantissa === 0)
        return slowPath(bytes, start, end);
    return scaled.mantissa / decimal_POW10[scaled.scale];
}
const parse_number_decoder = new TextDecoder('utf-8', { ignoreBOM: true });
function slowPath(bytes, start, end) {
    return parse_number_parseNumberText(parse_number_decoder.decode(bytes.subarray(start, end)));
}
/** The same rules for a string: a finite number, or NaN. */
function parse_number_parseNumberText(text) {
    const trimmed = number_syntax_trimNumberBlanks(text);
    if (!NUMBER.test(trimmed))
        return NaN;
    const value = Number(trimmed);
    return Number.isFinite(value) ? value : NaN;
}

;// CONCATENATED MODULE: ./src/data/score-parser.ts
/**
 * What a prediction value means. A value is read one of two ways:
 *
 * - as a score: a probability of the positive class in [0, 1], flagged at or
 *   above the threshold; a value outside [0, 1] must be a label (the
 *   positive label is flagged at any threshold, the other never), as in a
 *   file that mixes probabilities with hard decisions;
 * - as a label (a decision): the positive label is flagged, the test set's
 *   other label is not, whatever the threshold.
 *
 * `prediction-kind` picks the reading, or `auto` lets the file decide: a
 * file whose values are all test-set labels is a file of decisions, unless
 * every one of them also reads as a probability and the two readings would
 * flag different rows; then the file is ambiguous and the run stops to ask
 * (`choosePredictionReading`). A `[p0, p1]` pair (`predict_proba`) is a
 * score; which entry is the positive class follows scikit-learn's order of
 * the test set's labels, or `positive-class-index`.
 *
 * Both questions need the test set's labels, and the prediction files are
 * read alongside the test set (in the prediction worker, on another thread),
 * so neither can be settled row by row. The parser therefore gives each row
 * two scores while the question is open: `parse` returns the first reading's
 * (the score reading; a pair's second entry) and leaves the other in
 * `alternativeScore` (the label reading; a pair's first entry). The pass
 * keeps both readings' tallies and picks one after the last row. A file of
 * probabilities closes the question at its third distinct value, so the
 * common case pays for one reading only.
 */







const score_parser_decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const score_parser_encoder = new TextEncoder();
const score_parser_OPEN_BRACKET = 91;
const score_parser_CLOSE_BRACKET = 93;
const score_parser_COMMA = 44;
function score_parser_isSpace(c) {
    return c === 32 || c === 9 || c === 10 || c === 13;
}
class ScoreParser {
    options;
    reader;
    column;
    /** The current row's score in the other reading (meaningful while `alternative`). */
    alternativeScore = 0;
    /**
     * True while the other reading is still possible, so `alternativeScore`
     * counts: a file of values under `prediction-kind: auto` with at most
     * two distinct values so far, or a file of pairs under
     * `positive-class-index: auto`.
     */
    alternative;
    shape;
    positiveKey;
    positiveText;
    /** Under `auto`, every distinct value while there are at most two. */
    tracking;
    /** Single values read as scores, the reading settled: `parse`'s fast path. */
    scoresOnly = false;
    distinct = [];
    distinctCache = new SpellingCache();
    /** Spellings of values read as labels: 1 for the positive label, 0 else. */
    labelCache = new SpellingCache();
    others = new Map();
    constructor(options, reader, column) {
        this.options = options;
        this.reader = reader;
        this.column = column;
        this.positiveKey = labelKey(options.positiveLabel);
        this.positiveText = options.positiveLabel.trim();
        this.tracking = options.predictionKind === 'auto';
        this.alternative = this.tracking || options.positiveClassIndex === 'auto';
    }
    /** The current record's score in the first reading: a probability, HARD_POSITIVE or HARD_NEGATIVE. */
    parse(bytes, start, end) {
        // The common case, kept small enough to inline: a file of probabilities
        // past its third distinct value.
        if (this.scoresOnly) {
            const value = parseNumberBytes(bytes, start, end);
            if (value >= 0 && value <= 1)
                return value;
        }
        return this.parseOther(bytes, start, end);
    }
    /**
     * A score stored as a number (see RecordReader.bindNumber): read as `parse`
     * reads the text pandas would write for it (Python's repr), so a Parquet
     * double means what the same value means in a CSV file.
     */
    parseNumber(value) {
        if (this.scoresOnly && value >= 0 && value <= 1)
            return value;
        const bytes = score_parser_encoder.encode(pythonFloatText(value));
        return this.parseOther(bytes, 0, bytes.length);
    }
    parseOther(bytes, start, end) {
        if (bytes[start] === score_parser_OPEN_BRACKET)
            return this.pair(bytes, start, end);
        if (this.shape !== 'values')
            this.setShape('values');
        if (this.tracking)
            return this.tracked(bytes, start, end);
        if (this.options.predictionKind === 'label')
            return this.label(bytes, start, end);
        const value = parseNumberBytes(bytes, start, end);
        if (value >= 0 && value <= 1)
            return value;
        return this.label(bytes, start, end);
    }
    /** What the file held, for the reading to be chosen after the pass. */
    values() {
        return {
            path: this.reader.path,
            positionKind: this.reader.positionKind,
            column: this.column,
            shape: this.shape ?? 'values',
            alternative: this.alternative,
            distinct: this.tracking
                ? this.distinct.map(({ key, text, position, number }) => ({
                    key,
                    text,
                    position,
                    number
                }))
                : undefined,
            others: [...this.others].map(([key, seen]) => ({ key, ...seen }))
        };
    }
    setShape(shape) {
        if (this.shape === undefined) {
            this.shape = shape;
            if (shape === 'pairs') {
                // A pair is a score: the question left is which entry.
                this.tracking = false;
                this.alternative = this.options.positiveClassIndex === 'auto';
            }
            else {
                this.alternative = this.tracking;
                this.scoresOnly =
                    !this.tracking && this.options.predictionKind === 'score';
            }
            return;
        }
        throw errorAt(this.reader, shape === 'pairs'
            ? `a [p0, p1] pair in '${this.column}' after single values; a file holds either probability pairs or single values throughout`
            : `a single value in '${this.column}' after [p0, p1] pairs; a file holds either probability pairs or single values throughout`);
    }
    /** A value read as a label: HARD_POSITIVE for the positive label; anything else must be the other label (checked after the pass). */
    label(bytes, start, end) {
        let positive = this.labelCache.find(bytes, start, end);
        if (positive < 0) {
            const text = this.text(bytes, start, end);
            const key = labelKey(text);
            positive = key === this.positiveKey ? 1 : 0;
            if (positive === 0)
                this.noteOther(text, key);
            this.labelCache.add(bytes, start, end, positive);
        }
        return positive === 1 ? HARD_POSITIVE : HARD_NEGATIVE;
    }
    /** Under `auto`, while at most two distinct values have occurred: both readings. */
    tracked(bytes, start, end) {
        let index = this.distinctCache.find(bytes, start, end);
        if (index < 0) {
            const text = this.text(bytes, start, end);
            const key = labelKey(text);
            index = this.distinct.findIndex((d) => d.key === key);
            if (index < 0) {
                if (this.distinct.length === 2) {
                    // A third value: not a file of labels (a binary test set has two).
                    this.tracking = false;
                    this.alternative = false;
                    this.scoresOnly = this.options.predictionKind !== 'label';
                    return this.parseOther(bytes, start, end);
                }
                const number = parse_number_parseNumberText(text);
                const positive = key === this.positiveKey;
                const probability = number >= 0 && number <= 1;
                if (!probability && !positive)
                    this.noteOther(text, key);
                index =
                    this.distinct.push({
                        key,
                        text,
                        position: this.reader.position,
                        number,
                        positive,
                        score: probability
                            ? number
                            : positive
                                ? HARD_POSITIVE
                                : HARD_NEGATIVE
                    }) - 1;
            }
            this.distinctCache.add(bytes, start, end, index);
        }
        const value = this.distinct[index];
        this.alternativeScore = value.positive ? HARD_POSITIVE : HARD_NEGATIVE;
        return value.score;
    }
    /** `[p0, p1]`: the second entry first; the first as the alternative. */
    pair(bytes, start, end) {
        if (this.shape !== 'pairs')
            this.setShape('pairs');
        if (this.options.predictionKind === 'label') {
            throw errorAt(this.reader, `${shown_value_shown(this.text(bytes, start, end))} in '${this.column}' is a [p0, p1] pair of probabilities, but input 'prediction-kind' is label; set it to auto or score`);
        }
        let comma = -1;
        let close = -1;
        for (let i = start + 1; i < end; i++) {
            const c = bytes[i];
            if (c === score_parser_COMMA) {
                if (comma >= 0)
                    break;
                comma = i;
            }
            else if (c === score_parser_CLOSE_BRACKET) {
                close = i;
                break;
            }
        }
        const first = comma >= 0 && close > comma ? entry(bytes, start + 1, comma) : NaN;
        const second = comma >= 0 && close > comma ? entry(bytes, comma + 1, close) : NaN;
        if (!(first >= 0 && first <= 1 && second >= 0 && second <= 1)) {
            throw errorAt(this.reader, `${shown_value_shown(this.text(bytes, start, end))} in '${this.column}' is not a [p0, p1] pair of probabilities in [0, 1] (as predict_proba writes for two classes)`);
        }
        this.alternativeScore = first;
        return this.options.positiveClassIndex === 0 ? first : second;
    }
    text(bytes, start, end) {
        const text = score_parser_decoder.decode(bytes.subarray(start, end)).trim();
        if (text === '') {
            throw errorAt(this.reader, `empty score in '${this.column}'; every row needs a prediction (a probability in [0, 1] or a label)`);
        }
        return text;
    }
    /** A value that is neither a probability nor the positive label: at most two distinct ones, checked after the pass. */
    noteOther(text, key) {
        if (this.others.has(key))
            return;
        // Text Python's float() would read as a number is no label: say why it is not read as one.
        if (Number.isNaN(parse_number_parseNumberText(text))) {
            const problem = numberProblem(text);
            if (problem !== undefined)
                throw errorAt(this.reader, `${shown_value_shown(text)} in '${this.column}' ${problem}`);
        }
        if (this.others.size >= 2) {
            const kind = this.reader.positionKind;
            const seen = [...this.others.values()];
            const percent = percentHint(text);
            if (percent &&
                this.options.predictionKind !== 'label' &&
                seen.every((o) => percentHint(o.text))) {
                const listed = seen
                    .map((o) => `${shown_value_visible(o.text)} (${kind} ${o.position})`)
                    .join(', ');
                throw errorAt(this.reader, `score ${shown_value_visible(text)} in '${this.column}' is outside [0, 1], and so are ${listed}; ${percent}`);
            }
            const listed = seen
                .map((o) => `${shown_value_shown(o.text)} (${kind} ${o.position})`)
                .join(', ');
            throw errorAt(this.reader, this.options.predictionKind === 'label'
                ? `${shown_value_shown(text)} in '${this.column}' is a third value besides ${listed}, none of them '${this.positiveText}'; input 'prediction-kind' is label, and a binary classifier's labels hold at most one value besides the positive label`
                : `${shown_value_shown(text)} in '${this.column}' is not a probability in [0, 1], and neither are ${listed}; a binary classifier's predictions hold at most one label besides '${this.positiveText}'`);
        }
        this.others.set(key, { text, position: this.reader.position });
    }
}
/** One entry of a pair, without its blanks. */
function entry(bytes, start, end) {
    while (start < end && score_parser_isSpace(bytes[start]))
        start++;
    while (end > start && score_parser_isSpace(bytes[end - 1]))
        end--;
    return parseNumberBytes(bytes, start, end);
}
/** For a number in (1, 100]: what to do about a percentage; else undefined. */
function percentHint(text) {
    const number = parse_number_parseNumberText(text);
    if (!(number > 1 && number <= 100))
        return undefined;
    const scaled = Number((number / 100).toPrecision(15));
    return `scores must be probabilities of the positive class in [0, 1]; if they are percentages, divide them by 100 (${shown_value_visible(text)} → ${scaled})`;
}
/**
 * Picks the reading of a prediction file once the test set's labels are
 * known; throws a DataError where the file's values cannot be read, or
 * where, under `prediction-kind: auto`, the file is ambiguous: every
 * distinct value is a test-set label, every one also reads as a probability
 * in [0, 1], and for at least one of them the two readings decide
 * differently at the threshold (as a label: flagged iff it is the positive
 * label; as a score: flagged iff it is at or above the threshold).
 */
function choosePredictionReading(values, labels, options) {
    if (values.shape === 'pairs') {
        if (options.positiveClassIndex !== 'auto') {
            return {
                kind: 'score',
                alternative: false,
                entry: options.positiveClassIndex
            };
        }
        const index = labels.positiveIndex();
        if (index === undefined) {
            throw new DataError(values.path, undefined, `the predictions in '${values.column}' are [p0, p1] pairs, but the test set holds only the positive label '${labels.positiveLabel}', so which entry is its probability cannot follow from the labels' order; set input 'positive-class-index' to 0 or 1`);
        }
        return { kind: 'score', alternative: index === 0, entry: index };
    }
    if (options.predictionKind === 'label') {
        checkOtherValues(values, labels, 'label');
        return { kind: 'label', alternative: false };
    }
    const distinct = values.alternative ? values.distinct : undefined;
    if (options.predictionKind === 'score' ||
        !distinct ||
        distinct.some((v) => !labels.values.has(v.key))) {
        checkOtherValues(values, labels, 'score');
        return { kind: 'score', alternative: false };
    }
    // Every value is a label: a file of decisions, unless it is ambiguous.
    const disagree = distinct.filter((v) => v.number >= 0 &&
        v.number <= 1 &&
        v.number >= options.threshold !== labels.values.get(v.key).positive);
    if (disagree.length > 0 &&
        distinct.every((v) => v.number >= 0 && v.number <= 1)) {
        const v = disagree[0];
        const positive = labels.values.get(v.key).positive;
        const known = [...labels.values.values()].map((l) => shown(l.text));
        throw errorAtPosition(values, v.position, `every value in '${values.column}' is one of the test set's labels (${known.join(', ')}) and also reads as a probability, and the two readings disagree: as a label ${shown(v.text)} is ${positive ? 'the positive class (flagged)' : 'the negative class (not flagged)'}, as a probability it is ${positive ? 'below' : 'at or above'} the threshold ${options.threshold} (${positive ? 'not flagged' : 'flagged'}). Set input 'prediction-kind' to label (the values are decisions) or score (they are probabilities)`);
    }
    return { kind: 'label', alternative: true };
}
/**
 * Each value that was neither a probability nor the positive label must be
 * the test set's other label; else a DataError where it first appeared.
 */
function checkOtherValues(values, labels, kind) {
    for (const seen of values.others) {
        const label = labels.values.get(seen.key);
        if (label && !label.positive)
            continue;
        const known = [...labels.values.values()]
            .map((v) => shown(v.text))
            .join(', ');
        const number = parseNumberText(seen.text);
        const percent = percentHint(seen.text);
        const problem = kind === 'label'
            ? `${shown(seen.text)} in '${values.column}' is not one of the test set's labels (${known}); input 'prediction-kind' is label, so every prediction must be one`
            : Number.isNaN(number)
                ? `${shown(seen.text)} in '${values.column}' is neither a probability in [0, 1] nor one of the test set's labels (${known})`
                : percent
                    ? `score ${visible(seen.text)} in '${values.column}' is outside [0, 1]; ${percent}`
                    : `score ${visible(seen.text)} in '${values.column}' is outside [0, 1]; scores must be probabilities of the positive class (or hard labels: ${known})`;
        throw errorAtPosition(values, seen.position, problem);
    }
}

;// CONCATENATED MODULE: ./src/evaluation/prediction-rows.ts
/**
 * Reads one model's prediction file into decision codes (see
 * `decisionCode`), either in step with the test set (rows matched by
 * position, keeping the values of the columns it shares with the test set
 * for the check in `row-agreement.ts`) or scattered to the rows whose ids
 * they name (joined by id). While the file's reading is still open (see
 * `ScoreParser`), each row also gets the other reading's code, in a second
 * array.
 */







/** A row without a decision code yet (codes are at most 0x80 | 102). */
const UNSET = 0xff;
/** The threshold a file's scores are decided at. */
function thresholdOf(file, threshold) {
    return file.threshold ?? threshold;
}
class PredictionReader {
    file;
    predictionColumn;
    idColumn;
    reader;
    scores;
    joinsById;
    /** Matched by position: the columns it shares with the test set (see `sharedColumns`). */
    shared;
    rows = 0;
    scoreSlot;
    /** The score column is bound as a number (a Parquet double): see RecordReader.bindNumber. */
    scoreIsNumber;
    idSlot;
    sharedSlots;
    /** For a folder of parts: the sha256 of its parts' bytes, in order. */
    hash;
    /** `testColumns`: the test set's columns, to find the shared ones. */
    constructor(file, predictionColumn, options, idColumn, testColumns = []) {
        this.file = file;
        this.predictionColumn = predictionColumn;
        this.idColumn = idColumn;
        let folder = false;
        try {
            folder = (0,external_node_fs_namespaceObject.statSync)(file.path).isDirectory();
        }
        catch {
            // Opening it names the problem.
        }
        const hash = folder ? (0,external_node_crypto_namespaceObject.createHash)('sha256') : undefined;
        this.hash = hash;
        this.reader = open_reader_openRecordReader(file.path, hash ? { onBytes: (chunk) => hash.update(chunk) } : {});
        const numeric = this.reader.bindNumber?.(predictionColumn, 'prediction-column');
        this.scoreIsNumber = numeric !== undefined;
        this.scoreSlot =
            numeric ?? this.reader.bind(predictionColumn, 'prediction-column');
        // A predictions document from `mlflow models predict` has no ids (its
        // items are in test-set order, so it is matched by position); a list of
        // records that carry the id column is joined like any other file.
        this.joinsById =
            idColumn !== undefined &&
                (this.reader.format !== 'mlflow-json' || this.reader.has(idColumn));
        this.idSlot = this.joinsById ? this.reader.bind(idColumn, 'id-column') : -1;
        this.shared = this.joinsById
            ? []
            : sharedColumns(testColumns, this.reader.names(), predictionColumn);
        this.sharedSlots = this.shared.map((name) => this.reader.bind(name, 'id-column'));
        this.scores = new ScoreParser(options, this.reader, predictionColumn);
    }
    /**
     * Reads up to `limit` rows' decision codes (see `decisionCode`) into
     * `out`, the other reading's into `alternative` (written only while
     * `scores.alternative` is true when called; meaningful only if it still
     * is after the call) and, per shared column, their values' hashes (see
     * `row-agreement.ts`, seeded by `seed`) into `hashes`; returns how many.
     */
    readCodesInOrder(out, alternative, limit, threshold, hashes = [], seed = 0) {
        const reader = this.reader;
        const slot = this.scoreSlot;
        const scores = this.scores;
        const sharedSlots = this.sharedSlots;
        let count = 0;
        // Fixed for the batch: a reading that closes mid-batch leaves the rest
        // of `alternative` unread (the worker then sends none), and a file of
        // probabilities pays one predictable branch per row.
        const both = scores.alternative;
        while (count < limit && reader.next()) {
            out[count] = decisionCode(this.score(slot), threshold);
            if (both)
                alternative[count] = decisionCode(scores.alternativeScore, threshold);
            for (let k = 0; k < sharedSlots.length; k++) {
                const shared = sharedSlots[k];
                hashes[k][count] = hashValue(reader.bytes, reader.start[shared], reader.end[shared], seed);
            }
            count++;
        }
        this.rows += count;
        return count;
    }
    /**
     * Reads every row's decision code into `out`, and the other reading's
     * into `alternative` (written on every row here; meaningful only while
     * `scores.alternative` is still true after the call), at the row its id
     * names. `out` starts filled with UNSET; a second prediction for an id is
     * an error naming both lines.
     */
    readCodesJoined(ids, out, alternative, threshold) {
        const reader = this.reader;
        const scoreSlot = this.scoreSlot;
        const idSlot = this.idSlot;
        // Try the next row first while the file follows the test set's order.
        let expected = 0;
        let inOrder = true;
        while (reader.next()) {
            const s = reader.start[idSlot];
            const e = reader.end[idSlot];
            const row = inOrder
                ? ids.findFrom(expected, reader.bytes, s, e)
                : ids.find(reader.bytes, s, e);
            if (row < 0) {
                const kind = reader.format === 'csv' ? 'column' : 'key';
                throw errorAt(reader, `id ${fieldShown(reader, idSlot)} (${kind} '${this.idColumn}') is not in the test set; every prediction must be for a test-set row`);
            }
            if (out[row] !== UNSET) {
                const id = fieldText(reader, idSlot);
                throw errorAt(reader, `id ${fieldShown(reader, idSlot)} has a second prediction here (the first is on ${reader.positionKind} ${this.firstPositionOf(id)}); each id needs exactly one`);
            }
            inOrder = row === expected;
            expected = row + 1;
            out[row] = decisionCode(this.score(scoreSlot), threshold);
            alternative[row] = decisionCode(this.scores.alternativeScore, threshold);
            this.rows++;
        }
    }
    /** The current record's score (see ScoreParser). */
    score(slot) {
        const reader = this.reader;
        if (this.scoreIsNumber) {
            const value = reader.numbers[slot];
            if (value === value)
                return this.scores.parseNumber(value);
        }
        return this.scores.parse(reader.bytes, reader.start[slot], reader.end[slot]);
    }
    /** Where an id first appears in this file (for the duplicate message: reads the file again). */
    firstPositionOf(id) {
        const again = open_reader_openRecordReader(this.file.path);
        try {
            const slot = again.bind(this.idColumn, 'id-column');
            while (again.next())
                if (fieldText(again, slot) === id)
                    return again.position;
            return 0;
        }
        finally {
            again.close();
        }
    }
    /** Reads to the end without decoding scores (to count rows for a message). */
    countRest() {
        const rows = countRemaining(this.reader);
        this.rows += rows;
        return rows;
    }
    close() {
        this.reader.close();
    }
    /** How the file is stored, for the report (after the last row). */
    source() {
        return {
            format: storedFormat(this.reader),
            parts: this.reader.parts ?? null,
            sha256: this.hash ? this.hash.digest('hex') : null
        };
    }
}

;// CONCATENATED MODULE: ./src/evaluation/prediction-worker-protocol.ts
/**
 * What the prediction worker and the main thread say to each other: plain
 * data that crosses `postMessage`. The worker reads the prediction files
 * and sends one decision code per row (see `decisionCodes`) in batches of
 * the pass's size; the main thread reads the test set meanwhile.
 *
 * The batches themselves (codes, the other reading's codes while a file
 * leaves its reading open, and the hashes of the columns checked by
 * position) are written into a ring of READ_AHEAD slots per model, on a
 * SharedArrayBuffer the worker creates; a message names the slot. Nothing
 * is allocated or copied per batch, so memory stays flat (a buffer per
 * batch, transferred, left tens of MB for the collector on the benchmark).
 */
/**
 * How many batches per model the worker may send before the main thread has
 * used them (the ring's slots): enough to keep both threads busy; at least
 * 3, or the worker, which sends the models' batches in turn, could wait for
 * a batch that the main thread in turn waits for.
 */
const READ_AHEAD = 4;
/**
 * Where a slot's areas lie in a model's ring (after a 4-byte header): the
 * codes, the other reading's codes (see `ScoreParser.alternative`), then
 * the hashes.
 */
function slotLayout(batchRows, columns) {
    const codeBytes = (batchRows + 3) & ~3;
    return { codeBytes, slotBytes: 2 * codeBytes + columns * batchRows * 4 };
}
/** A model's ring: READ_AHEAD slots, and a header the worker stores each batch's number in. */
function newRing(batchRows, columns) {
    return new SharedArrayBuffer(4 + READ_AHEAD * slotLayout(batchRows, columns).slotBytes);
}
/** A slot's codes, the other reading's codes and, per shared column, hashes: views on the ring, `rows` long. */
function slotViews(ring, batchRows, columns, slot, rows) {
    const { codeBytes, slotBytes } = slotLayout(batchRows, columns);
    const at = 4 + slot * slotBytes;
    const hashesAt = at + 2 * codeBytes;
    return {
        codes: new Uint8Array(ring, at, rows),
        alternative: new Uint8Array(ring, at + codeBytes, rows),
        hashes: Array.from({ length: columns }, (_, k) => new Int32Array(ring, hashesAt + k * batchRows * 4, rows))
    };
}

;// CONCATENATED MODULE: ./src/evaluation/prediction-worker.ts
/**
 * The prediction worker: an entry point of its own, bundled apart into
 * `dist/prediction-worker/index.js` so that it starts in milliseconds. It
 * reads the prediction files (rows matched by position) on the second core
 * while the main thread reads the test set, and sends each row's decision
 * code (and the other reading's while the file leaves its reading open),
 * with the hashes of its values in the columns it shares with the test set.
 * See `prediction-worker-protocol.ts`.
 */




/** Waits until the main thread has used all but READ_AHEAD - 1 of model's sent batches. */
function waitForRoom(consumed, model, sent) {
    for (;;) {
        const used = Atomics.load(consumed, model);
        if (sent - used < READ_AHEAD)
            return;
        // Bounded, so that a main thread that stopped (and terminates this worker) is never waited for long.
        Atomics.wait(consumed, model, used, 1000);
    }
}
function post(message, transfer = []) {
    external_node_worker_threads_namespaceObject.parentPort.postMessage(message, transfer);
}
function work(job) {
    const readers = [];
    try {
        for (const file of job.files) {
            readers.push(new PredictionReader(file, job.predictionColumn, job, undefined, job.testColumns));
        }
        const rings = readers.map((reader) => newRing(job.batchRows, reader.shared.length));
        readers.forEach((reader, model) => post({
            type: 'columns',
            model,
            columns: reader.shared,
            ring: rings[model]
        }));
        const open = readers.map(() => true);
        const sent = readers.map(() => 0);
        while (open.some(Boolean)) {
            for (let model = 0; model < readers.length; model++) {
                if (!open[model])
                    continue;
                const reader = readers[model];
                waitForRoom(job.consumed, model, sent[model]);
                const batch = sent[model] + 1;
                const ring = rings[model];
                const columns = reader.shared.length;
                const slot = batch % READ_AHEAD;
                const { codes, alternative, hashes } = slotViews(ring, job.batchRows, columns, slot, job.batchRows);
                const rows = reader.readCodesInOrder(codes, alternative, job.batchRows, thresholdOf(reader.file, job.threshold), hashes, job.seed);
                if (rows > 0) {
                    // A seq-cst store after the slot's writes: the main thread's load of
                    // it (before reading the slot) sees them all.
                    Atomics.store(new Int32Array(ring, 0, 1), 0, batch);
                    post({
                        type: 'codes',
                        model,
                        batch,
                        rows,
                        alternative: reader.scores.alternative
                    });
                    sent[model] = batch;
                }
                if (rows < job.batchRows) {
                    open[model] = false;
                    post({
                        type: 'end',
                        model,
                        rows: reader.rows,
                        format: reader.reader.format,
                        values: reader.scores.values(),
                        source: reader.source()
                    });
                }
            }
        }
    }
    finally {
        for (const reader of readers)
            reader.close();
    }
}
try {
    work(external_node_worker_threads_namespaceObject.workerData);
}
catch (error) {
    post(error instanceof errors_DataError
        ? {
            type: 'error',
            name: error.name,
            message: error.detail,
            file: error.file,
            line: error.line
        }
        : {
            type: 'error',
            name: 'Error',
            message: error instanceof Error ? error.message : String(error)
        });
}


//# sourceMappingURL=index.js.map