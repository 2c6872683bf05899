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
export const SHOWN_CHARACTERS = 80

// C0/C1 controls, DEL, and the characters that take no visible space or
// look like a plain space (format characters, the Unicode blanks, line and
// paragraph separators, the byte order mark), and lone surrogates.
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u00a0\u00ad\u061c\u115f\u1160\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

const NAMED: Record<string, string> = {
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r'
}

function escapeInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
}

/** Text for a message without quotes (e.g. a parser's own message): escaped and capped. */
export function visible(text: string): string {
  const quoted = shown(text)
  return quoted.slice(1).replace(/'( \(\d+ characters\))?$/, '$1')
}

/**
 * `'value'` for a message: invisible characters escaped, cut after about 80
 * characters with the full length said (`'aaaa…' (300000000 characters)`).
 */
export function shown(text: string): string {
  if (text.length <= SHOWN_CHARACTERS) return `'${escapeInvisible(text)}'`
  // Cut on a code point boundary (never half a surrogate pair).
  let cut = SHOWN_CHARACTERS - 1
  const code = text.charCodeAt(cut - 1)
  if (code >= 0xd800 && code <= 0xdbff) cut--
  return `'${escapeInvisible(text.slice(0, cut))}…' (${text.length} characters)`
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/**
 * `shown` for a value still in bytes: decodes only the start of a long one,
 * so a huge field costs no more than a short one.
 */
export function shownBytes(
  bytes: Uint8Array,
  start: number,
  end: number
): string {
  // 4 bytes per character at most: enough bytes for the characters shown.
  const limit = SHOWN_CHARACTERS * 4
  if (end - start <= limit)
    return shown(decoder.decode(bytes.subarray(start, end)))
  const head = decoder.decode(bytes.subarray(start, start + limit))
  let cut = SHOWN_CHARACTERS - 1
  const code = head.charCodeAt(cut - 1)
  if (code >= 0xd800 && code <= 0xdbff) cut--
  return `'${escapeInvisible(head.slice(0, cut))}…' (${end - start} bytes)`
}

/** A list of names for messages: `'id', 'amount', 'label'` (cut after 20). */
export function shownList(names: readonly string[]): string {
  const list = names.slice(0, 20).map(shown)
  if (names.length > 20) list.push(`… (${names.length - 20} more)`)
  return list.length > 0 ? list.join(', ') : '(none)'
}
