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
class GateError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = new.target.name;
    }
}
/** An action input is missing, misspelt or out of range. */
class InputError extends GateError {
    input;
    constructor(input, detail) {
        super(`Input '${input}': ${detail}`);
        this.input = input;
    }
}
/** A data file (test set, predictions, scorer output) is unreadable or wrong. */
class DataError extends GateError {
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
class CommandError extends (/* unused pure expression or super */ null && (GateError)) {
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
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** The largest mantissa a single value may have in the hot loop (2^52). */
const MANTISSA_LIMIT = 2 ** 52;
const SAFE = Number.MAX_SAFE_INTEGER;
/** Room kept below 2^53 so that adding one more mantissa is still exact. */
const FLUSH_AT = SAFE - MANTISSA_LIMIT;
/**
 * Parses decimal text such as `-12.50`, `3`, `1e3`, `0.000125` into an exact
 * mantissa and scale. Writes into `out` (to keep the hot loop allocation
 * free) and returns false when the text is not a finite decimal number or
 * needs more than 15 significant digits.
 */
function parseDecimalBytes(bytes, start, end, out) {
    // Trim blanks the way spreadsheets export them.
    while (start < end && (bytes[start] === 32 || bytes[start] === 9))
        start++;
    while (end > start && (bytes[end - 1] === 32 || bytes[end - 1] === 9))
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
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    let seenDigit = false;
    let seenPoint = false;
    for (; i < end; i++) {
        const c = bytes[i];
        if (c >= 48 && c <= 57) {
            seenDigit = true;
            // Leading zeros do not count as significant digits.
            if (mantissa !== 0 || c !== 48)
                digits++;
            if (digits > 15)
                return false;
            mantissa = mantissa * 10 + (c - 48);
            if (seenPoint)
                scale++;
        }
        else if (c === 46 && !seenPoint) {
            seenPoint = true;
        }
        else
            break;
    }
    if (!seenDigit)
        return false;
    if (i < end) {
        const e = bytes[i];
        if (e !== 101 && e !== 69)
            return false;
        i++;
        let expNegative = false;
        if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
            expNegative = bytes[i] === 45;
            i++;
        }
        if (i === end)
            return false;
        let exponent = 0;
        for (; i < end; i++) {
            const c = bytes[i];
            if (c < 48 || c > 57)
                return false;
            exponent = exponent * 10 + (c - 48);
            if (exponent > 400)
                return false;
        }
        scale += expNegative ? exponent : -exponent;
    }
    // Drop trailing zeros after the point so the scale stays small.
    while (scale > 0 && mantissa !== 0 && mantissa % 10 === 0) {
        mantissa /= 10;
        scale--;
    }
    if (mantissa === 0)
        scale = 0;
    if (scale < 0) {
        if (-scale > 22)
            return false;
        mantissa *= POW10[-scale];
        scale = 0;
    }
    if (scale > MAX_SCALE || mantissa > MANTISSA_LIMIT)
        return false;
    out.mantissa = negative ? -mantissa : mantissa;
    out.scale = scale;
    return true;
}
const textEncoder = new TextEncoder();
/** Parses decimal text exactly; undefined when it is not one. */
function parseDecimal(text) {
    const bytes = textEncoder.encode(text);
    const out = { mantissa: 0, scale: 0 };
    if (!parseDecimalBytes(bytes, 0, bytes.length, out))
        return undefined;
    return { mantissa: BigInt(out.mantissa), scale: out.scale };
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
function addDecimal(a, b) {
    const [x, y, scale] = align(a, b);
    return { mantissa: x + y, scale };
}
function subtractDecimal(a, b) {
    const [x, y, scale] = align(a, b);
    return { mantissa: x - y, scale };
}
function multiplyDecimal(a, count) {
    return { mantissa: a.mantissa * BigInt(count), scale: a.scale };
}
function compareDecimal(a, b) {
    const [x, y] = align(a, b);
    return x < y ? -1 : x > y ? 1 : 0;
}
const ZERO = { mantissa: 0n, scale: 0 };
/**
 * Rounds to cents, half away from zero (as money is rounded on paper), and
 * returns the exact result as a decimal of scale 2.
 */
function roundToCents(value) {
    if (value.scale <= 2) {
        return {
            mantissa: value.mantissa * 10n ** BigInt(2 - value.scale),
            scale: 2
        };
    }
    const divisor = 10n ** BigInt(value.scale - 2);
    const negative = value.mantissa < 0n;
    const magnitude = negative ? -value.mantissa : value.mantissa;
    let cents = magnitude / divisor;
    if ((magnitude % divisor) * 2n >= divisor)
        cents += 1n;
    return { mantissa: negative ? -cents : cents, scale: 2 };
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
    /**
     * Adds rows [0, count) of a batch, with this model's decision codes for
     * them (see `decisionCodes`).
     */
    addBatch(batch, codes, count) {
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
                const flagged = code >= FLAGGED;
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
                    if (code >= FLAGGED)
                        tp++;
                    else
                        fn++;
                }
                else {
                    negatives[slot]++;
                    if (code >= FLAGGED)
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
const FLAGGED = 0x80;
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
    return curveSlot(score) | (score >= threshold ? FLAGGED : 0);
}
/**
 * Net benefit at each threshold 0.00 … 1.00, from the histogram. With
 * constant costs the benefit per class is given; with per-row costs it was
 * summed per slot during the pass.
 */
function netBenefitCurve(accumulator, constant) {
    const perPositive = constant ? decimalToNumber(constant.positive) : 0;
    const perNegative = constant ? decimalToNumber(constant.negative) : 0;
    const slotValue = (slot) => constant
        ? accumulator.slotPositives[slot] * perPositive +
            accumulator.slotNegatives[slot] * perNegative
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

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/data/chunked-file.ts
/**
 * A file read in large chunks into one reused buffer: the base of the
 * streaming readers. A subclass scans `buffer[0, filled)` and, when it needs
 * more, calls `readMore(keep)`, which keeps the bytes from `keep` on (moved to
 * the front, the buffer doubled when they fill it) and reads the next chunk
 * after them. Every byte read is shown once to `onBytes`, in order (the test
 * set's sha256 is computed this way, in the same pass).
 */


class ChunkedFile {
    path;
    buffer;
    /** Bytes [0, filled) of `buffer` hold data. */
    filled = 0;
    endOfFile = false;
    fd;
    onBytes;
    constructor(path, options = {}) {
        this.path = path;
        this.buffer = Buffer.allocUnsafe(options.chunkSize ?? 1 << 20);
        this.onBytes = options.onBytes;
        try {
            this.fd = (0,external_node_fs_namespaceObject.openSync)(path, 'r');
        }
        catch (error) {
            throw new DataError(path, undefined, describeFileError(error));
        }
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
        if (keep > 0)
            this.buffer.copy(this.buffer, 0, keep, this.filled);
        if (kept === this.buffer.length) {
            const larger = Buffer.allocUnsafe(this.buffer.length * 2);
            this.buffer.copy(larger, 0, 0, kept);
            this.buffer = larger;
        }
        this.filled = kept;
        const fd = this.fd;
        if (fd === undefined) {
            this.endOfFile = true;
            return keep;
        }
        let read;
        try {
            read = (0,external_node_fs_namespaceObject.readSync)(fd, this.buffer, kept, this.buffer.length - kept, null);
        }
        catch (error) {
            throw new DataError(this.path, undefined, describeFileError(error));
        }
        if (read === 0) {
            this.endOfFile = true;
        }
        else {
            this.onBytes?.(this.buffer.subarray(kept, kept + read));
            this.filled += read;
        }
        return keep;
    }
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
        default:
            return `cannot read the file (${code ?? String(error)})`;
    }
}

;// CONCATENATED MODULE: ./src/data/line-source.ts
/**
 * Reads a file line by line (the CSV and JSON Lines readers' base). A line
 * is a byte range of `buffer`, valid until the next call; no string is made
 * for it.
 */


const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const COMMA = 44;
const QUOTE = 34;
class LineSource extends ChunkedFile {
    /** The current line: bytes [lineStart, lineEnd) of `buffer`, without its line break. */
    lineStart = 0;
    lineEnd = 0;
    /** 1-based number of the current line's first physical line. */
    lineNumber = 0;
    position = 0;
    physicalLines = 0;
    blankLine = 0;
    /**
     * The readers' blank-line rule: true to skip a blank current line. Blank
     * lines at the end are harmless; one followed by data is a lost row, and
     * the next line of data throws a DataError with `problem` at the blank.
     */
    skipBlank(blank, problem) {
        if (blank) {
            if (this.blankLine === 0)
                this.blankLine = this.lineNumber;
            return true;
        }
        if (this.blankLine !== 0)
            throw new DataError(this.path, this.blankLine, problem);
        return false;
    }
    /** Moves to the next line; false at the end of the file. */
    next() {
        const end = this.findLineEnd(this.position);
        if (end < 0)
            return false;
        this.lineStart = this.position;
        this.physicalLines++;
        this.lineNumber = this.physicalLines;
        this.finishLine(end);
        return true;
    }
    /**
     * The CSV fast path: moves to the next line and records its comma-separated
     * field bounds in the same scan (one pass over the bytes instead of two).
     * Returns the number of fields, 0 at the end of the file, or -1 when the
     * line holds a double quote: the line is then current, for the slow path.
     */
    nextFields(start, end) {
        const columns = start.length;
        for (;;) {
            const bytes = this.buffer;
            const filled = this.filled;
            const lineStart = this.position;
            let fieldStart = lineStart;
            let field = 0;
            let i = lineStart;
            for (; i < filled; i++) {
                const c = bytes[i];
                if (c === COMMA) {
                    if (field < columns) {
                        start[field] = fieldStart;
                        end[field] = i;
                    }
                    field++;
                    fieldStart = i + 1;
                }
                else if (c === NEWLINE) {
                    break;
                }
                else if (c === QUOTE) {
                    return this.next() ? -1 : 0;
                }
            }
            if (i === filled && !this.endOfFile) {
                this.refill(lineStart);
                continue;
            }
            if (i === filled && lineStart === filled)
                return 0;
            let lineEnd = i;
            if (lineEnd > lineStart && bytes[lineEnd - 1] === CARRIAGE_RETURN)
                lineEnd--;
            if (field < columns) {
                start[field] = fieldStart;
                end[field] = lineEnd;
            }
            this.lineStart = lineStart;
            this.lineEnd = lineEnd;
            this.position = i < filled ? i + 1 : i;
            this.physicalLines++;
            this.lineNumber = this.physicalLines;
            return field + 1;
        }
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

;// CONCATENATED MODULE: ./src/data/record-reader.ts
/**
 * The common shape of the three file readers (CSV, JSON Lines, the JSON that
 * `mlflow models predict` writes). A reader is opened, its needed fields are
 * bound by name once, then `next()` walks the records; after each, the value
 * of a bound field is the byte range [start[slot], end[slot]) of `bytes`.
 * Fields stay bytes so the hot loop parses numbers without making strings.
 */

const decoder = new TextDecoder();
/** The text of a bound field of the current record. */
function fieldText(reader, slot) {
    return decoder.decode(reader.bytes.subarray(reader.start[slot], reader.end[slot]));
}
/** A field list for messages: `'id', 'amount', 'label'` (cut after 20). */
function listFields(fields) {
    const shown = fields.slice(0, 20).map((f) => `'${f}'`);
    if (fields.length > 20)
        shown.push(`… (${fields.length - 20} more)`);
    return shown.length > 0 ? shown.join(', ') : '(none)';
}
/** A DataError at the reader's current record: its line, or its item number. */
function errorAt(reader, detail) {
    return reader.positionKind === 'line'
        ? new DataError(reader.path, reader.position, detail)
        : new DataError(reader.path, undefined, `item ${reader.position}: ${detail}`);
}
/** Like `errorAt`, for a position remembered earlier. */
function errorAtPosition(reader, position, detail) {
    return reader.positionKind === 'line'
        ? new DataError(reader.path, position, detail)
        : new DataError(reader.path, undefined, `item ${position}: ${detail}`);
}
/** Reads to the end without keeping anything; returns how many records were left. */
function countRemaining(reader) {
    let records = 0;
    while (reader.next())
        records++;
    return records;
}

;// CONCATENATED MODULE: ./src/data/csv-reader.ts
/**
 * A streaming CSV reader (RFC 4180: header row, comma separated, fields may
 * be quoted with "" for a quote and may hold line breaks). Lines without a
 * quote, nearly all of them, are split in place with no copying; a quoted
 * record is unquoted into a scratch buffer.
 */



const csv_reader_COMMA = 44;
const csv_reader_QUOTE = 34;
const encoder = new TextEncoder();
const BLANK_LINE = 'blank line between data rows; remove it or fill in the row (rows are counted and matched, so a blank line cannot be skipped silently)';
class CsvReader {
    path;
    format = 'csv';
    positionKind = 'line';
    header;
    bytes;
    start;
    end;
    lines;
    scratch = Buffer.allocUnsafe(4096);
    constructor(path, options = {}) {
        this.path = path;
        this.lines = new LineSource(path, options);
        if (!this.lines.next()) {
            this.lines.close();
            throw new DataError(path, undefined, 'the file is empty; expected a CSV header row and at least one data row');
        }
        // A UTF-8 byte order mark (Excel writes one) is not part of the first name.
        const b = this.lines.buffer;
        if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
            this.lines.lineStart += 3;
        this.header = this.readFields().map((name) => name.trim());
        if (this.header.length === 1 && this.header[0] === '') {
            throw new DataError(path, 1, 'the header row is blank; the first line must name the columns');
        }
        this.start = new Int32Array(this.header.length);
        this.end = new Int32Array(this.header.length);
        this.bytes = this.lines.buffer;
    }
    get position() {
        return this.lines.lineNumber;
    }
    has(field) {
        return this.header.includes(field);
    }
    bind(field, input) {
        const index = this.header.indexOf(field);
        if (index < 0) {
            throw new DataError(this.path, 1, `no column '${field}' (from input '${input}'); the header has ${listFields(this.header)}`);
        }
        return index;
    }
    next() {
        for (;;) {
            const fields = this.lines.nextFields(this.start, this.end);
            if (fields === 0)
                return false;
            // A line with a comma (or a quote: -1) is not blank; only one-field lines need the check.
            const blank = fields === 1 && this.lines.isBlank;
            if (this.lines.skipBlank(blank, BLANK_LINE))
                continue;
            if (fields < 0) {
                this.splitQuoted();
            }
            else {
                this.bytes = this.lines.buffer;
                this.checkFieldCount(fields);
            }
            return true;
        }
    }
    close() {
        this.lines.close();
    }
    /** The slow path: a record with quotes, possibly over several lines. */
    splitQuoted() {
        const values = this.readFields();
        this.checkFieldCount(values.length);
        let size = 0;
        const encoded = values.map((v) => encoder.encode(v));
        for (const e of encoded)
            size += e.length;
        if (this.scratch.length < size)
            this.scratch = Buffer.allocUnsafe(size * 2);
        let offset = 0;
        for (let k = 0; k < encoded.length; k++) {
            this.scratch.set(encoded[k], offset);
            this.start[k] = offset;
            offset += encoded[k].length;
            this.end[k] = offset;
        }
        this.bytes = this.scratch;
    }
    checkFieldCount(found) {
        if (found !== this.start.length) {
            throw new DataError(this.path, this.lines.lineNumber, `this row has ${found} field${found === 1 ? '' : 's'} but the header has ${this.start.length}; check for a missing or extra comma (quote fields that contain commas)`);
        }
    }
    /** Parses the current line (extending it over quoted line breaks) into strings. */
    readFields() {
        const lines = this.lines;
        const fields = [];
        let current = '';
        let quoted = false;
        let i = lines.lineStart;
        let chunkStart = i;
        for (;;) {
            const bytes = lines.buffer;
            const lineEnd = lines.lineEnd;
            for (; i < lineEnd; i++) {
                const c = bytes[i];
                if (quoted) {
                    if (c === csv_reader_QUOTE) {
                        current += bytes.toString('utf8', chunkStart, i);
                        if (i + 1 < lineEnd && bytes[i + 1] === csv_reader_QUOTE) {
                            current += '"';
                            i++;
                        }
                        else {
                            quoted = false;
                        }
                        chunkStart = i + 1;
                    }
                }
                else if (c === csv_reader_QUOTE) {
                    current += bytes.toString('utf8', chunkStart, i);
                    quoted = true;
                    chunkStart = i + 1;
                }
                else if (c === csv_reader_COMMA) {
                    current += bytes.toString('utf8', chunkStart, i);
                    fields.push(current);
                    current = '';
                    chunkStart = i + 1;
                }
            }
            current += bytes.toString('utf8', chunkStart, lineEnd);
            if (!quoted)
                break;
            // A quoted field goes on over the line break.
            const offset = i - lines.lineStart;
            const lineBreak = bytes[lineEnd] === 13 ? '\r\n' : '\n';
            if (!lines.extend()) {
                throw new DataError(this.path, lines.lineNumber, 'a quoted field is never closed; add the closing double quote');
            }
            current += lineBreak;
            i = lines.lineStart + offset;
            // Skip the line break itself.
            while (i < lines.lineEnd &&
                (lines.buffer[i] === 10 || lines.buffer[i] === 13))
                i++;
            chunkStart = i;
        }
        fields.push(current);
        return fields;
    }
}

;// CONCATENATED MODULE: ./src/data/json-value.ts
/**
 * Turns one JSON value of a prediction or test-set record into the text the
 * readers hand on: numbers and strings as they are, a `[p0, p1]` probability
 * pair as its second entry (the positive class, as `predict_proba` orders
 * two classes), null as empty. Anything else is a message for a DataError.
 */
function jsonValueText(value) {
    if (typeof value === 'number')
        return String(value);
    if (typeof value === 'string')
        return value;
    if (typeof value === 'boolean')
        return String(value);
    if (value === null || value === undefined)
        return '';
    if (Array.isArray(value)) {
        if (value.length === 2 && typeof value[1] === 'number')
            return String(value[1]);
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




const jsonl_reader_encoder = new TextEncoder();
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
            throw new DataError(path, undefined, 'the file is empty; expected one JSON object per line');
        }
    }
    get position() {
        return this.lines.lineNumber;
    }
    has(field) {
        return this.firstKeys?.includes(field) ?? false;
    }
    bind(field, input) {
        if (!this.has(field)) {
            throw new DataError(this.path, this.lines.lineNumber, `no key '${field}' (from input '${input}'); the first record has ${listFields(this.firstKeys ?? [])}`);
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
        let offset = 0;
        for (let slot = 0; slot < this.fields.length; slot++) {
            const key = this.fields[slot];
            if (!(key in record)) {
                throw new DataError(this.path, this.lines.lineNumber, `no key '${key}' in this record; every line needs it`);
            }
            const text = jsonValueText(record[key]);
            if (typeof text !== 'string') {
                throw new DataError(this.path, this.lines.lineNumber, `key '${key}' ${text.problem}`);
            }
            const encoded = jsonl_reader_encoder.encode(text);
            if (offset + encoded.length > this.bytes.length) {
                const larger = new Uint8Array((offset + encoded.length) * 2);
                larger.set(this.bytes.subarray(0, offset));
                this.bytes = larger;
            }
            this.bytes.set(encoded, offset);
            this.start[slot] = offset;
            offset += encoded.length;
            this.end[slot] = offset;
        }
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
        try {
            value = JSON.parse(buffer.toString('utf8', lineStart, lineEnd));
        }
        catch (error) {
            throw new DataError(this.path, lineNumber, `not valid JSON (${error.message}); each line must be one JSON object`);
        }
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            throw new DataError(this.path, lineNumber, 'each line must be a JSON object such as {"id": 1, "prediction": 0.93}');
        }
        return value;
    }
}

;// CONCATENATED MODULE: ./src/data/mlflow-predictions-reader.ts
/**
 * A streaming reader for the JSON that `mlflow models predict` writes:
 * `{"predictions": [...]}` (a bare top-level array is accepted too). Items
 * may be numbers, labels, `[p0, p1]` probability pairs, or objects keyed by
 * the prediction column. The file is scanned in chunks, item by item, so a
 * 2-million-item document never sits in memory whole; items are numbered
 * from 1 in messages ("item 12").
 */



const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const mlflow_predictions_reader_QUOTE = 34;
const BACKSLASH = 92;
const mlflow_predictions_reader_COMMA = 44;
const mlflow_predictions_reader_encoder = new TextEncoder();
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
    key = 'prediction';
    scratch = new Uint8Array(256);
    constructor(path, options = {}) {
        super(path, options);
        this.bytes = this.buffer;
        this.openArray();
    }
    /** Items carry no other fields than the prediction, so no id column. */
    has() {
        return false;
    }
    bind(field) {
        this.key = field;
        return 0;
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
    fail(detail) {
        throw new DataError(this.path, undefined, `item ${Math.max(this.position, 1)}: ${detail}`);
    }
    /** Skips `{"predictions":` up to and including the array's `[`. */
    openArray() {
        this.refill();
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
                    : 'expected {"predictions": [...]} as written by `mlflow models predict`, a CSV with a header, or JSON Lines';
            throw new DataError(this.path, undefined, problem);
        }
        this.cursor += Buffer.byteLength(match[0]);
        if (this.peekNonSpace() === CLOSE_BRACKET) {
            throw new DataError(this.path, undefined, 'the predictions array is empty; the scorer produced no predictions');
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
        if (first !== mlflow_predictions_reader_QUOTE && first !== OPEN_BRACKET && first !== OPEN_BRACE) {
            // A bare number (the common case): hand on its bytes as they are.
            const isNull = itemEnd - itemStart === 4 &&
                b.toString('latin1', itemStart, itemEnd) === 'null';
            this.bytes = b;
            this.start[0] = itemStart;
            this.end[0] = isNull ? itemStart : itemEnd;
            return;
        }
        if (first === OPEN_BRACKET) {
            // [p0, p1] of plain numbers: point at p1 without parsing.
            let comma = -1;
            let simple = true;
            for (let i = itemStart + 1; i < itemEnd - 1; i++) {
                const c = b[i];
                if (c === mlflow_predictions_reader_COMMA) {
                    if (comma >= 0)
                        simple = false;
                    comma = i;
                }
                else if (c === mlflow_predictions_reader_QUOTE || c === OPEN_BRACKET || c === OPEN_BRACE)
                    simple = false;
            }
            if (simple && comma >= 0) {
                let s = comma + 1;
                let e = itemEnd - 1;
                while (s < e && isSpace(b[s]))
                    s++;
                while (e > s && isSpace(b[e - 1]))
                    e--;
                this.bytes = b;
                this.start[0] = s;
                this.end[0] = e;
                return;
            }
        }
        let value;
        try {
            value = JSON.parse(b.toString('utf8', itemStart, itemEnd));
        }
        catch (error) {
            this.fail(`not valid JSON (${error.message})`);
        }
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
            const record = value;
            if (!(this.key in record)) {
                this.fail(`this object has no key '${this.key}' (input 'prediction-column'); it has ${Object.keys(record)
                    .map((k) => `'${k}'`)
                    .join(', ') || 'no keys'}`);
            }
            value = record[this.key];
        }
        const text = jsonValueText(value);
        if (typeof text !== 'string')
            this.fail(text.problem);
        const encoded = mlflow_predictions_reader_encoder.encode(text);
        if (encoded.length > this.scratch.length)
            this.scratch = new Uint8Array(encoded.length * 2);
        this.scratch.set(encoded);
        this.bytes = this.scratch;
        this.start[0] = 0;
        this.end[0] = encoded.length;
    }
    /** Keeps bytes from the cursor on, reads the next chunk after them. */
    refill() {
        this.cursor -= this.readMore(this.cursor);
    }
}

;// CONCATENATED MODULE: ./src/data/open-reader.ts
/**
 * Opens a data file with the reader its format needs: `.csv` → CSV,
 * `.jsonl`/`.ndjson` → JSON Lines, `.json` → the `mlflow models predict`
 * document. Other names are sniffed from the first bytes.
 */







function openRecordReader(path, options = {}) {
    switch ((0,external_node_path_namespaceObject.extname)(path).toLowerCase()) {
        case '.csv':
            return new CsvReader(path, options);
        case '.jsonl':
        case '.ndjson':
            return new JsonLinesReader(path, options);
        case '.json':
            return new MlflowPredictionsReader(path, options);
        default:
            return openBySniffing(path, options);
    }
}
function openBySniffing(path, options) {
    let head;
    try {
        const fd = (0,external_node_fs_namespaceObject.openSync)(path, 'r');
        const bytes = Buffer.alloc(4096);
        const read = (0,external_node_fs_namespaceObject.readSync)(fd, bytes, 0, bytes.length, 0);
        (0,external_node_fs_namespaceObject.closeSync)(fd);
        head = bytes.toString('utf8', 0, read).trimStart();
    }
    catch (error) {
        throw new DataError(path, undefined, describeFileError(error));
    }
    if (head.startsWith('[') || /^\{\s*"predictions"\s*:/.test(head)) {
        return new MlflowPredictionsReader(path, options);
    }
    if (head.startsWith('{'))
        return new JsonLinesReader(path, options);
    return new CsvReader(path, options);
}

;// CONCATENATED MODULE: ./src/data/parse-number.ts
/**
 * Parses a number from bytes without making a string in the common case
 * (`0.934512`, `-3`, `12.5`): up to 15 significant digits and no exponent
 * give an exact integer divided by an exact power of ten, which IEEE
 * division rounds correctly (Clinger's fast path), so the result equals
 * `Number(text)` and Python's `float(text)`. Anything else takes the slow path.
 * NaN means "not a finite number".
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
                return mantissa / POW10[i - point - 1];
            }
        }
    }
    return parseNumberGeneral(bytes, start, end);
}
/** Blanks, signs, leading zeros, long and exponent forms. */
function parseNumberGeneral(bytes, start, end) {
    while (start < end && (bytes[start] === 32 || bytes[start] === 9))
        start++;
    while (end > start && (bytes[end - 1] === 32 || bytes[end - 1] === 9))
        end--;
    if (start === end)
        return NaN;
    let i = start;
    let negative = false;
    if (bytes[i] === 45) {
        negative = true;
        i++;
    }
    else if (bytes[i] === 43)
        i++;
    let mantissa = 0;
    let digits = 0;
    let fraction = 0;
    let seenPoint = false;
    let seenDigit = false;
    for (; i < end; i++) {
        const c = bytes[i];
        if (c >= 48 && c <= 57) {
            seenDigit = true;
            if (mantissa !== 0 || c !== 48)
                digits++;
            mantissa = mantissa * 10 + (c - 48);
            if (seenPoint)
                fraction++;
        }
        else if (c === 46 && !seenPoint) {
            seenPoint = true;
        }
        else {
            return slowPath(bytes, start, end);
        }
    }
    if (!seenDigit)
        return NaN;
    if (digits > 15 || fraction > 22)
        return slowPath(bytes, start, end);
    const value = fraction === 0 ? mantissa : mantissa / POW10[fraction];
    return negative ? -value : value;
}
const parse_number_decoder = new TextDecoder();
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
function slowPath(bytes, start, end) {
    const text = parse_number_decoder.decode(bytes.subarray(start, end));
    if (!NUMBER.test(text))
        return NaN;
    const value = Number(text);
    return Number.isFinite(value) ? value : NaN;
}
/** The same rules for a string: a finite number, or NaN. */
function parseNumberText(text) {
    const trimmed = text.trim();
    if (!NUMBER.test(trimmed))
        return NaN;
    const value = Number(trimmed);
    return Number.isFinite(value) ? value : NaN;
}

;// CONCATENATED MODULE: ./src/data/label-value.ts
/**
 * How label values are compared: as numbers when both sides are numbers
 * (`1` equals `1.0`), otherwise as trimmed text (`fraud`).
 */

/** A key under which equal labels meet: `n:1` for 1 and 1.0, `t:fraud` for text. */
function labelKey(text) {
    const number = parseNumberText(text);
    return Number.isNaN(number) ? `t:${text.trim()}` : `n:${number}`;
}

;// CONCATENATED MODULE: ./src/data/score-parser.ts
/**
 * Reads one prediction: a probability of the positive class in [0, 1], or a
 * hard label. A value equal to `positive-label` is a positive decision at any
 * threshold; the test set's other label is a negative one. Whether a
 * non-probability value is that other label can only be known once the test
 * set has been read, so such values are remembered (with where they first
 * appeared) and checked in `finish`.
 */




const score_parser_decoder = new TextDecoder();
class ScoreParser {
    reader;
    column;
    positiveNumber;
    positiveText;
    others = new Map();
    constructor(positiveLabel, reader, column) {
        this.reader = reader;
        this.column = column;
        this.positiveNumber = parseNumberText(positiveLabel);
        this.positiveText = positiveLabel.trim();
    }
    /** The current record's score: a probability, HARD_POSITIVE or HARD_NEGATIVE. */
    parse(bytes, start, end) {
        const value = parseNumberBytes(bytes, start, end);
        if (value === value) {
            if (value === this.positiveNumber)
                return HARD_POSITIVE;
            if (value >= 0 && value <= 1)
                return value;
            return this.other(score_parser_decoder.decode(bytes.subarray(start, end)).trim());
        }
        const text = score_parser_decoder.decode(bytes.subarray(start, end)).trim();
        if (text === '') {
            throw errorAt(this.reader, `empty score in '${this.column}'; every row needs a prediction (a probability in [0, 1] or a label)`);
        }
        if (text === this.positiveText)
            return HARD_POSITIVE;
        return this.other(text);
    }
    /** The values that were neither probabilities nor the positive label, with where each first appeared. */
    otherValues() {
        return {
            path: this.reader.path,
            positionKind: this.reader.positionKind,
            column: this.column,
            values: [...this.others].map(([key, seen]) => ({ key, ...seen }))
        };
    }
    /** After the pass: every non-probability value must be the test set's negative label. */
    finish(labels) {
        checkOtherValues(this.otherValues(), labels);
    }
    other(text) {
        const key = labelKey(text);
        if (!this.others.has(key)) {
            if (this.others.size >= 2) {
                const kind = this.reader.positionKind;
                const shown = [...this.others.values()]
                    .map((o) => `'${o.text}' (${kind} ${o.position})`)
                    .join(', ');
                throw errorAt(this.reader, `'${text}' in '${this.column}' is not a probability in [0, 1], and neither are ${shown}; a binary classifier's predictions hold at most one label besides '${this.positiveText}'`);
            }
            this.others.set(key, { text, position: this.reader.position });
        }
        return HARD_NEGATIVE;
    }
}
/** Each value must be the test set's negative label; else a DataError where it first appeared. */
function checkOtherValues(others, labels) {
    for (const seen of others.values) {
        const label = labels.values.get(seen.key);
        if (label && !label.positive)
            continue;
        const known = [...labels.values.values()]
            .map((v) => `'${v.text}'`)
            .join(', ');
        const number = parseNumberText(seen.text);
        const problem = Number.isNaN(number)
            ? `'${seen.text}' in '${others.column}' is neither a probability in [0, 1] nor one of the test set's labels (${known})`
            : `score ${seen.text} in '${others.column}' is outside [0, 1]; scores must be probabilities of the positive class (or hard labels: ${known})`;
        throw errorAtPosition(others, seen.position, problem);
    }
}

;// CONCATENATED MODULE: ./src/evaluation/prediction-rows.ts
/**
 * Reads one model's prediction file into a Float64Array of scores, either in
 * step with the test set (rows matched by position) or scattered to the rows
 * whose ids they name (joined by id).
 */

/** A row without a decision code yet (codes are at most 0x80 | 102). */
const UNSET = 0xff;



class PredictionReader {
    file;
    idColumn;
    reader;
    scores;
    joinsById;
    rows = 0;
    scoreSlot;
    idSlot;
    constructor(file, predictionColumn, positiveLabel, idColumn) {
        this.file = file;
        this.idColumn = idColumn;
        this.reader = openRecordReader(file.path);
        this.scoreSlot = this.reader.bind(predictionColumn, 'prediction-column');
        // A predictions document from `mlflow models predict` has no ids: its
        // items are in test-set order, so it is matched by position.
        this.joinsById =
            idColumn !== undefined && this.reader.format !== 'mlflow-json';
        this.idSlot = this.joinsById ? this.reader.bind(idColumn, 'id-column') : -1;
        this.scores = new ScoreParser(positiveLabel, this.reader, predictionColumn);
    }
    /** Reads up to `limit` rows' decision codes (see `decisionCode`) into `out`; returns how many. */
    readCodesInOrder(out, limit, threshold) {
        const reader = this.reader;
        const slot = this.scoreSlot;
        const scores = this.scores;
        let count = 0;
        while (count < limit && reader.next()) {
            const score = scores.parse(reader.bytes, reader.start[slot], reader.end[slot]);
            out[count] = decisionCode(score, threshold);
            count++;
        }
        this.rows += count;
        return count;
    }
    /**
     * Reads every row's decision code into `out` at the row its id names.
     * `out` starts filled with UNSET; a second prediction for an id is an
     * error naming both lines.
     */
    readCodesJoined(ids, out, threshold) {
        const reader = this.reader;
        const scoreSlot = this.scoreSlot;
        const idSlot = this.idSlot;
        const scores = this.scores;
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
                throw errorAt(reader, `id '${fieldText(reader, idSlot)}' (${kind} '${this.idColumn}') is not in the test set; every prediction must be for a test-set row`);
            }
            if (out[row] !== UNSET) {
                const id = fieldText(reader, idSlot);
                throw errorAt(reader, `id '${id}' has a second prediction here (the first is on ${reader.positionKind} ${this.firstPositionOf(id)}); each id needs exactly one`);
            }
            inOrder = row === expected;
            expected = row + 1;
            out[row] = decisionCode(scores.parse(reader.bytes, reader.start[scoreSlot], reader.end[scoreSlot]), threshold);
            this.rows++;
        }
    }
    /** Where an id first appears in this file (for the duplicate message: reads the file again). */
    firstPositionOf(id) {
        const again = openRecordReader(this.file.path);
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
    /** Reads to the end without keeping scores (to count rows for a message). */
    countRest() {
        const rows = countRemaining(this.reader);
        this.rows += rows;
        return rows;
    }
    close() {
        this.reader.close();
    }
}

;// CONCATENATED MODULE: ./src/evaluation/prediction-worker.ts
/**
 * The prediction worker: an entry point of its own, bundled apart into
 * `dist/prediction-worker/index.js` so that it starts in milliseconds. It
 * reads the prediction files (rows matched by position) on the second core
 * while the main thread reads the test set, and sends each row's decision
 * code. See `prediction-worker-protocol.ts`.
 */



function post(message, transfer = []) {
    external_node_worker_threads_namespaceObject.parentPort.postMessage(message, transfer);
}
function work(job) {
    const readers = job.files.map((file) => new PredictionReader(file, job.predictionColumn, job.positiveLabel, undefined));
    const open = readers.map(() => true);
    try {
        while (open.some(Boolean)) {
            for (let model = 0; model < readers.length; model++) {
                if (!open[model])
                    continue;
                const reader = readers[model];
                const batch = new Uint8Array(job.batchRows);
                const count = reader.readCodesInOrder(batch, job.batchRows, job.threshold);
                if (count > 0) {
                    // The last batch is cut to its rows, so its length says how many.
                    const codes = count === batch.length ? batch : batch.slice(0, count);
                    post({ type: 'codes', model, codes }, [codes.buffer]);
                }
                if (count < job.batchRows) {
                    open[model] = false;
                    post({
                        type: 'end',
                        model,
                        rows: reader.rows,
                        format: reader.reader.format,
                        others: reader.scores.otherValues()
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
    post(error instanceof DataError
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