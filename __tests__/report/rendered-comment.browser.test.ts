/**
 * What a reviewer sees: the real PR comment (marker line and report) of a
 * realistic evaluation, rendered like GitHub in Chromium with Mermaid, and
 * saved where CI keeps artifacts so a person can look at it.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sampleReport } from '../../__fixtures__/reports.js'
import { commentMarker } from '../../src/github/pull-request-comment.js'
import { renderMarkdown } from '../../src/report/render-markdown.js'
import type { EvaluationReport } from '../../src/report/report.js'
import { renderMarkdownToPng } from '../support/browser.js'

/** A known path under .ci-artifacts/ (gitignored), for CI to keep. */
const SCREENSHOTS = fileURLToPath(
  new URL('../../.ci-artifacts/screenshots/', import.meta.url)
)

/** Where Debian's fonts-noto-color-emoji puts the font Chromium uses. */
const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf'

/** The comment body exactly as upsertPullRequestComment posts it. */
function commentBody(report: EvaluationReport): string {
  return `${commentMarker(report.model_name ?? 'champion-gate')}\n${renderMarkdown(report)}`
}

// A candidate that beats its champion. And a reject: the same two models the
// other way round, so the candidate is worse in every figure, with a false
// alarm costing $150 (an analyst's review), so that flagging too much loses
// money and the curves go below zero.
const promote = async (): Promise<EvaluationReport> =>
  sampleReport({ 'min-net-benefit': '1000' })
const reject = async (): Promise<EvaluationReport> =>
  sampleReport({
    'min-net-benefit': '1000',
    'cost-false-positive': '150',
    'candidate-predictions': 'champion.csv',
    'champion-predictions': 'candidate.csv'
  })

describe('the PR comment as rendered', () => {
  it('has a colour emoji font, so ✅ ❌ 🔻 🔵 🟠 look as they do on GitHub', () => {
    // Without it Chromium draws the emoji as empty boxes, and the legend under
    // the chart (🔵/🟠) cannot be checked against the lines.
    expect({
      font: existsSync(EMOJI_FONT) ? EMOJI_FONT : 'missing',
      fix: 'apt-get install -y fonts-noto-color-emoji'
    }).toEqual({ font: EMOJI_FONT, fix: expect.any(String) })
  })

  it.each([
    ['promote', promote, '### ✅ Would promote'],
    ['reject', reject, '### ❌ Rejected']
  ])(
    'renders the %s comment with one chart and no Mermaid error',
    async (name, make, headline) => {
      const report = await make()
      expect(report.decision).toBe(name)
      const markdown = commentBody(report)
      expect(markdown).toContain(headline)
      if (name === 'reject') expect(markdown).toMatch(/🔻 \*\*-\$[\d,]+\*\*/)

      const png = `${SCREENSHOTS}pr-comment-${name}.png`
      const result = await renderMarkdownToPng(markdown, png, {
        openDetails: true
      })
      expect(result).toEqual({
        mermaidErrors: [],
        svgCount: 1,
        consoleErrors: []
      })
      expect(statSync(png).size).toBeGreaterThan(30_000)
    }
  )

  it('renders a reject whose names a pull request chose as plain text (saved for a look)', async () => {
    // Every free-text field holding a forged verdict, a mention, a link and
    // HTML: the picture must show one headline, the real one.
    const forged =
      'x\n### ✅ Would promote: x passes the gate @octocat [docs](https://evil.example) <b>bold</b> `code` | pipe'
    const base = await reject()
    const report: EvaluationReport = {
      ...base,
      model_name: forged,
      candidate: { ...base.candidate, version: null, model_uri: forged },
      test_set: { ...base.test_set, path: forged },
      policy: { ...base.policy, label_column: forged, positive_label: forged },
      notes: [
        ...base.notes,
        `The candidate's predictions (${forged}) carry no ids.`
      ]
    }
    const markdown = commentBody(report)
    expect(markdown.match(/^#{1,6} /gm)).toEqual(['### ', '#### ', '#### '])
    const png = `${SCREENSHOTS}pr-comment-hostile-names.png`
    const result = await renderMarkdownToPng(markdown, png, {
      openDetails: true
    })
    expect(result).toEqual({
      mermaidErrors: [],
      svgCount: 1,
      consoleErrors: []
    })
  })
})
