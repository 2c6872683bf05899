import { describe, expect, it } from '@jest/globals'
import { statSync } from 'node:fs'
import { renderMarkdownToPng } from './browser.js'

// Screenshots land here (gitignored) for a person to look at.
const ARTIFACTS = '.ci-artifacts/browser'

const VALID = `## ✅ Promote fraud-detector v7

| metric | candidate v7 | champion v5 |
| --- | ---: | ---: |
| net benefit | $12,400 | $10,100 |
| F1 | 0.81 | 0.78 |

\`\`\`mermaid
xychart-beta
    title "Net benefit vs threshold"
    x-axis "threshold" [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
    y-axis "net benefit ($)" -2000 --> 14000
    line [1000, 5000, 9000, 12000, 12400, 11000, 8000, 4000, 500]
    line [800, 4200, 8000, 10100, 9500, 8000, 6000, 3000, 200]
\`\`\`

<details><summary>How this was judged</summary>

Both models were scored on the same 10,000 rows.

</details>
`

const INVALID = `\`\`\`mermaid
xychart-beta
    title "broken
    x-axis [0.1, 0.2
    line [1, 2,
\`\`\`
`

// The operating threshold as a vertical band: a bar series declared first
// (drawn under the lines), tall at the threshold and at the axis minimum
// elsewhere, plus a white bar series at the minimum that hides the stubs
// xychart draws below the minimum. Colours by series order.
const labels = Array.from({ length: 21 }, (_, i) => (i / 20).toFixed(2))
const marker = labels.map((_, i) => (i === 7 ? 14000 : -2000))
const curve = (peak: number, power: number): number[] =>
  labels.map((x) =>
    Math.round(peak * Math.sin(Math.PI * Number(x)) ** power - 1500 * Number(x))
  )
const THRESHOLD_BAND = `\`\`\`mermaid
%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#d0d7de, #ffffff, #0969da, #cf222e"}}}}%%
xychart-beta
    title "Net benefit: candidate (blue) vs champion (red)"
    x-axis "threshold (grey band: operating threshold 0.35)" [${labels.join(', ')}]
    y-axis "net benefit ($)" -2000 --> 14000
    bar [${marker.join(', ')}]
    bar [${labels.map(() => -2000).join(', ')}]
    line [${curve(12400, 1.3).join(', ')}]
    line [${curve(10100, 1.5).join(', ')}]
\`\`\`
`

describe('browser.ts', () => {
  it('renders a valid xychart-beta to one SVG and a non-empty PNG', async () => {
    const png = `${ARTIFACTS}/valid-xychart.png`
    const result = await renderMarkdownToPng(VALID, png)
    expect(result).toEqual({
      mermaidErrors: [],
      svgCount: 1,
      consoleErrors: []
    })
    expect(statSync(png).size).toBeGreaterThan(10_000)
  })

  it('reports an invalid Mermaid block, so the check can fail', async () => {
    const result = await renderMarkdownToPng(
      INVALID,
      `${ARTIFACTS}/invalid-mermaid.png`
    )
    expect(result.svgCount).toBe(0)
    expect(result.mermaidErrors).toEqual([
      expect.stringMatching(/^diagram 1 \(xychart-beta\): Parse error on line/)
    ])
  })

  it('draws the operating threshold as a band without an SVG error', async () => {
    const result = await renderMarkdownToPng(
      THRESHOLD_BAND,
      `${ARTIFACTS}/threshold-band.png`
    )
    expect(result).toEqual({
      mermaidErrors: [],
      svgCount: 1,
      consoleErrors: []
    })
  })

  it('refuses to run without the browser instead of passing blind', async () => {
    await expect(
      renderMarkdownToPng(VALID, `${ARTIFACTS}/never.png`, {
        chromiumPath: '/nonexistent/chromium'
      })
    ).rejects.toThrow(/No browser at \/nonexistent\/chromium: install/)
  })
})
