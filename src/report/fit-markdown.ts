/**
 * The one Markdown truncator: cuts a rendered report to a size limit so that
 * what is left still renders, and appends a note saying where the rest is.
 * The job summary (a limit in UTF-8 bytes, src/main.ts) and the pull request
 * comment (a limit in characters, src/github/pull-request-comment.ts) both
 * use it. Pure; no I/O.
 */

/** How a limit is counted: UTF-16 code units (GitHub's comment limit) or UTF-8 bytes (the job summary's). */
export type SizeUnit = 'utf16' | 'utf8'

/** What {@link fitMarkdown} needs. */
export interface FitOptions {
  /** The longest result, counted in `unit`. */
  limit: number
  /** Default 'utf16'. */
  unit?: SizeUnit
  /** Markdown put after the kept part (one blank line between), e.g. `> …\n`. */
  note: string
}

/**
 * Cuts a Markdown body to fit `limit` and appends `note`; a body that fits is
 * returned unchanged.
 *
 * The cut is made at a line boundary, preferably between blocks with no code
 * fence or HTML block (`<details>`, `<table>`, …) open. When that would throw
 * away more than half of what fits, it cuts inside the block instead and
 * closes what is open: the fence with its own marker, HTML blocks with their
 * closing tags. A Mermaid diagram is never cut in half (it would render as an
 * error), and a surrogate pair is never split.
 */
export function fitMarkdown(markdown: string, options: FitOptions): string {
  const { limit, note } = options
  const size = options.unit === 'utf8' ? utf8Length : utf16Length
  if (size(markdown) <= limit) return markdown
  // Room for the note and the blank line before it.
  const budget = limit - size(note) - 2
  if (budget < 1) {
    throw new RangeError(
      `fitMarkdown: a limit of ${limit} leaves no room for the note`
    )
  }
  const cut = chooseCut(markdown, budget, size)
  // Exactly one blank line between the report and the note.
  const separator = cut.endsWith('\n\n')
    ? ''
    : cut.endsWith('\n')
      ? '\n'
      : '\n\n'
  return `${cut}${separator}${note}`
}

type Measure = (text: string) => number

function utf16Length(text: string): number {
  return text.length
}

/** Bytes in UTF-8, as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (
      isHighSurrogate(code) &&
      i + 1 < text.length &&
      isLowSurrogate(text.charCodeAt(i + 1))
    ) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/** The Markdown state after a line: what would have to be closed. */
interface BlockState {
  /** The opening fence (e.g. "```" or "~~~~"), or undefined outside one. */
  fence: string | undefined
  /** The open fence's language, e.g. "mermaid". */
  language: string
  /** HTML block elements open, outermost first. */
  html: string[]
}

interface Candidate {
  /** Characters of the body kept. */
  end: number
  /** What closes the open blocks at that point. */
  closing: string
  /** 2: between blocks, nothing open; 1: outside fences; 0: inside a fence. */
  quality: number
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/
const HTML_BLOCK_TAGS =
  'details|table|thead|tbody|tr|div|pre|blockquote|ul|ol|dl|section'
const HTML_TAG = new RegExp(`<(/?)(${HTML_BLOCK_TAGS})(?=[\\s>/])[^>]*>`, 'gi')

function chooseCut(body: string, budget: number, size: Measure): string {
  const lines = body.split('\n')
  const state: BlockState = { fence: undefined, language: '', html: [] }
  const best: (Candidate | undefined)[] = [undefined, undefined, undefined]
  // `end` counts characters kept (to slice), `used` the same in the limit's unit.
  let end = 0
  let used = 0
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i]
    advance(state, line)
    end += line.length + 1
    used += size(line) + 1
    if (used > budget) break
    const closing = closingFor(state, line.trim() === '')
    if (used + size(closing) > budget) continue
    // Half a diagram renders as an error box; drop the whole diagram instead.
    if (state.fence !== undefined && state.language === 'mermaid') continue
    const next = lines[i + 1]
    const quality =
      state.fence !== undefined
        ? 0
        : state.html.length === 0 &&
            (line.trim() === '' || next.trim() === '' || /^ {0,3}#/.test(next))
          ? 2
          : 1
    for (let q = 0; q <= quality; q++) best[q] = { end, closing, quality }
  }
  const any = best[0]
  if (any === undefined) return hardCut(body, budget, size)
  // Prefer a cleaner cut unless it keeps less than half of what fits.
  const chosen =
    [best[2], best[1]].find(
      (candidate) => candidate !== undefined && candidate.end * 2 >= any.end
    ) ?? any
  return body.slice(0, chosen.end) + chosen.closing
}

/**
 * No line boundary fits (a first line longer than the budget, or a fence that
 * cannot be closed in time): cut inside a line, closing what is open there.
 */
function hardCut(body: string, budget: number, size: Measure): string {
  // Snapshots of (line start, its size before it, state) for every line
  // that starts in budget.
  const snapshots: { start: number; used: number; state: BlockState }[] = []
  const state: BlockState = { fence: undefined, language: '', html: [] }
  let start = 0
  let used = 0
  for (;;) {
    snapshots.push({ start, used, state: { ...state, html: [...state.html] } })
    const newline = body.indexOf('\n', start)
    if (newline === -1) break
    const line = body.slice(start, newline)
    if (used + size(line) + 1 > budget) break
    advance(state, line)
    start = newline + 1
    used += size(line) + 1
  }
  for (let k = snapshots.length - 1; k >= 0; k--) {
    const snapshot = snapshots[k]
    const closing = closingFor(snapshot.state, false)
    // A closing fence or tag must start on a line of its own.
    const room =
      budget - snapshot.used - size(closing) - (closing === '' ? 0 : 1)
    if (room < 0) continue
    const end = snapshot.start + prefixLength(body, snapshot.start, room, size)
    return `${body.slice(0, end)}${closing === '' ? '' : '\n'}${closing}`
  }
  return ''
}

/**
 * How many characters of `text` from `start` fit in `room` units, never
 * ending between the halves of a surrogate pair.
 */
function prefixLength(
  text: string,
  start: number,
  room: number,
  size: Measure
): number {
  let length = 0
  let used = 0
  while (start + length < text.length) {
    const code = text.charCodeAt(start + length)
    const width =
      isHighSurrogate(code) &&
      isLowSurrogate(text.charCodeAt(start + length + 1))
        ? 2
        : 1
    const cost = size(text.slice(start + length, start + length + width))
    if (used + cost > room) break
    used += cost
    length += width
  }
  return length
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

function advance(state: BlockState, line: string): void {
  if (state.fence !== undefined) {
    const closer = new RegExp(
      `^ {0,3}${state.fence[0] === '`' ? '`' : '~'}{${state.fence.length},}\\s*$`
    )
    if (closer.test(line)) state.fence = undefined
    return
  }
  const fence = FENCE_OPEN.exec(line)
  // A backtick fence's info string may not contain a backtick (CommonMark).
  if (fence !== null && !(fence[1][0] === '`' && fence[2].includes('`'))) {
    state.fence = fence[1]
    state.language = fence[2].trim().split(/\s+/)[0].toLowerCase()
    return
  }
  for (const match of line.matchAll(HTML_TAG)) {
    const tag = match[2].toLowerCase()
    if (match[1] === '') {
      state.html.push(tag)
    } else {
      const index = state.html.lastIndexOf(tag)
      if (index !== -1) state.html.splice(index)
    }
  }
}

/** What closes the open blocks; `afterBlank`: the kept text ends with a blank line. */
function closingFor(state: BlockState, afterBlank: boolean): string {
  let closing = ''
  if (state.fence !== undefined) closing += `${state.fence}\n`
  if (state.html.length > 0) {
    // A blank line ends the Markdown inside the block before the raw HTML.
    closing +=
      (afterBlank && state.fence === undefined ? '' : '\n') +
      [...state.html]
        .reverse()
        .map((tag) => `</${tag}>\n`)
        .join('')
  }
  return closing
}
