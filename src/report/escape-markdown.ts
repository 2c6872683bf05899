/**
 * The one escaper for free text in the report's Markdown: model names,
 * model URIs, column names, file paths, registry values, and the notes and
 * reasons built from them. A pull request controls several of these (its
 * training script fills `candidate-model-uri`), so none may add a heading,
 * a mention, a link, an image, HTML, a table cell or a line of its own to
 * the comment: each one reads as the literal text it is, on one line.
 *
 * Pure. Used by the renderer at the point where a value enters Markdown,
 * and only there; the JSON report keeps the values as given.
 */

// Line terminators in Markdown's sense and in JavaScript's: a value that
// could start a line could start a heading ("### ✅ Would promote").
const LINE_BREAKS = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g
// Other controls and the invisible characters that reorder or hide text
// (bidi overrides, zero-width joiners): shown as `\u202e` so a reader sees them.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g

/** Characters Markdown (or GitHub's extensions, or HTML) would act on. */
const PUNCTUATION = /[\\`*_{}[\]<>|#~&]/g
/** A mention (`@user`, `@org/team`), kept apart from its `@` below. */
const MENTION = /@(?=([A-Za-z0-9][A-Za-z0-9_-]*))/g
/** A whole `@name` as MLflow aliases are spelt (letters, digits, `_`, `-`). */
const ALIAS_MENTION = /@([A-Za-z0-9][A-Za-z0-9_-]*)(?![A-Za-z0-9_-])/g
/** GitHub's extended autolinks: `https://…`, `ftp://…`, `www.…`. */
const AUTOLINK = /([A-Za-z][A-Za-z0-9+.-]*:)(?=\/\/)|\b(www)(?=\.)/gi
/**
 * GitHub's math: `$…$` renders TeX (`$\color{green}\text{…}$` draws any
 * words in any colour). A closing `$` is never followed by a digit, so
 * escaping every `$` that is not keeps money ("$1,000") as it was.
 */
const MATH = /\$(?!\d)/g
/** An issue or pull request reference (`#12`, `GH-12`), which GitHub links. */
const ISSUE_REFERENCE = /(\\#|\bGH-)(?=\d)/gi
/**
 * A zero-width space as an entity: GitHub links a mention or a bare URL only
 * when nothing stands between `@` and the name (or `:` and `//`). Renovate
 * and Dependabot break mentions in release notes the same way.
 */
const BREAK = '&#8203;'

export interface TextOptions {
  /**
   * Names that may stay mentions because the report itself writes them
   * (`@champion`, the alias names); every other `@name` is broken.
   */
  readonly mentions?: readonly string[]
}

function oneLine(text: string): string {
  return text
    .replace(LINE_BREAKS, ' ')
    .replace(/\t/g, ' ')
    .replace(
      INVISIBLE,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
}

/**
 * Free text as literal inline Markdown, on one line: safe in a heading, a
 * list item, a quote, bold text and a table cell (pipes are escaped).
 * Trimmed, because a space next to `**` would undo the bold around it. The
 * alias names in `options.mentions` become code spans (`@champion`), which
 * GitHub shows as written and never turns into a mention of a user who
 * happens to be called "champion"; every other `@name` is broken.
 */
export function markdownText(text: string, options: TextOptions = {}): string {
  const allowed = new Set(options.mentions ?? [])
  const line = oneLine(text).trim()
  let out = ''
  let last = 0
  // Found on the raw text: escaping first would split `previous_champion`.
  for (const match of line.matchAll(ALIAS_MENTION)) {
    if (!allowed.has(match[1])) continue
    out += inlineText(line.slice(last, match.index)) + markdownAlias(match[1])
    last = match.index + match[0].length
  }
  return out + inlineText(line.slice(last))
}

/** An alias name the report writes itself, as a code span: `@champion`. */
export function markdownAlias(name: string): string {
  return markdownCode(`@${name}`)
}

/** The escaping of `markdownText`, for one stretch of a line. */
function inlineText(text: string): string {
  return text
    .replace(PUNCTUATION, (c) => `\\${c}`)
    .replace(MATH, () => '\\$')
    .replace(MENTION, () => `@${BREAK}`)
    .replace(AUTOLINK, (match: string) => `${match}${BREAK}`)
    .replace(ISSUE_REFERENCE, (match: string) => `${match}${BREAK}`)
}

/**
 * Free text as a code span: nothing inside is Markdown, so it only needs a
 * fence longer than any run of backticks in it, and padding where it starts
 * or ends with a backtick or a space. Not for table cells (a pipe there
 * still splits the cell).
 */
export function markdownCode(text: string): string {
  const line = oneLine(text)
  const longest = Math.max(
    0,
    ...Array.from(line.matchAll(/`+/g), (m) => m[0].length)
  )
  const fence = '`'.repeat(longest + 1)
  const pad =
    line === '' ||
    line.startsWith('`') ||
    line.endsWith('`') ||
    (line.startsWith(' ') && line.endsWith(' '))
      ? ' '
      : ''
  return `${fence}${pad}${line}${pad}${fence}`
}

/**
 * A link whose label is already Markdown, to an http(s) URL made safe for a
 * link destination; any other URL (or none) leaves the label unlinked.
 */
export function markdownLink(label: string, url: string | null): string {
  if (url === null || !URL.canParse(url)) return label
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return label
  const destination = parsed.href.replace(
    /[()[\]<>\\`'"|\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  )
  return `[${label}](${destination})`
}
