/**
 * Cuts a Markdown report to a byte budget at a block boundary (a blank line
 * outside any code fence), closes an open `<details>`, and appends a note,
 * so that a report that is too long still renders. Pure.
 */

const encoder = new TextEncoder()

export function fitMarkdown(
  markdown: string,
  maxBytes: number,
  note: string
): string {
  if (encoder.encode(markdown).length <= maxBytes) return markdown
  const budget = maxBytes - encoder.encode(note).length - 32
  let used = 0
  let inFence = false
  let openDetails = 0
  let cut = 0
  let detailsAtCut = 0
  const lines = markdown.split('\n')
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence
    if (!inFence) {
      openDetails += (line.match(/<details>/g) ?? []).length
      openDetails -= (line.match(/<\/details>/g) ?? []).length
    }
    used += encoder.encode(line).length + 1
    if (used > budget) break
    if (line.trim() === '' && !inFence) {
      cut = used
      detailsAtCut = openDetails
    }
  }
  const kept = new TextDecoder().decode(encoder.encode(markdown).slice(0, cut))
  return `${kept}${'</details>\n\n'.repeat(Math.max(0, detailsAtCut))}> ${note}\n`
}
