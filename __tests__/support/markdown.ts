/** Checks shared by the tests of the Markdown truncator and its users. */

/** True when every code fence opened is closed again. */
export function fencesBalanced(markdown: string): boolean {
  let open: string | undefined
  for (const line of markdown.split('\n')) {
    if (open === undefined) {
      const match = /^ {0,3}(`{3,}|~{3,})/.exec(line)
      if (match !== null) open = match[1]
    } else if (
      new RegExp(`^ {0,3}${open[0]}{${open.length},}\\s*$`).test(line)
    ) {
      open = undefined
    }
  }
  return open === undefined
}

/** Half of a surrogate pair, alone. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
