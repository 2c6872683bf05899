import { describe, expect, it } from '@jest/globals'
import { fitMarkdown } from '../../src/report/fit-markdown.js'

describe('fit-markdown.ts', () => {
  it('leaves a report that fits alone', () => {
    expect(fitMarkdown('# a\n\nb\n', 100, 'cut')).toBe('# a\n\nb\n')
  })

  it('cuts at a blank line outside code fences, closes <details>, and adds the note', () => {
    const markdown = [
      '### Verdict',
      '',
      '<details><summary>more</summary>',
      '',
      '```mermaid',
      'xychart-beta',
      '',
      `  line [${'1, '.repeat(400)}1]`,
      '```',
      '',
      'tail',
      ''
    ].join('\n')
    const fitted = fitMarkdown(markdown, 200, 'The report was cut.')
    expect(new TextEncoder().encode(fitted).length).toBeLessThanOrEqual(200)
    expect(fitted).toBe(
      '### Verdict\n\n<details><summary>more</summary>\n\n</details>\n\n> The report was cut.\n'
    )
  })
})
