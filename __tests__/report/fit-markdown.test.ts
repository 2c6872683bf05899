import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { fitMarkdown } from '../../src/report/fit-markdown.js'
import { fencesBalanced, LONE_SURROGATE } from '../support/markdown.js'

const bytes = (text: string): number => new TextEncoder().encode(text).length

describe('fit-markdown.ts', () => {
  it('leaves a report that fits alone', () => {
    expect(
      fitMarkdown('# a\n\nb\n', { limit: 100, unit: 'utf8', note: '> cut\n' })
    ).toBe('# a\n\nb\n')
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
    const fitted = fitMarkdown(markdown, {
      limit: 200,
      unit: 'utf8',
      note: '> The report was cut.\n'
    })
    expect(new TextEncoder().encode(fitted).length).toBeLessThanOrEqual(200)
    expect(fitted).toBe(
      '### Verdict\n\n<details><summary>more</summary>\n\n</details>\n\n> The report was cut.\n'
    )
  })

  it('counts UTF-8 bytes for the job summary and characters for a comment', () => {
    // 'é' is one character and two bytes: the same limit keeps half as much.
    const markdown = `${'é'.repeat(40)}\n\n`.repeat(50)
    const note = '> cut\n'
    const inBytes = fitMarkdown(markdown, { limit: 400, unit: 'utf8', note })
    const inChars = fitMarkdown(markdown, { limit: 400, unit: 'utf16', note })
    expect(bytes(inBytes)).toBeLessThanOrEqual(400)
    expect(bytes(inBytes)).toBeGreaterThan(200)
    expect(inChars.length).toBeLessThanOrEqual(400)
    expect(bytes(inChars)).toBeGreaterThan(400)
    expect(inBytes.endsWith('\n\n> cut\n')).toBe(true)
  })

  it('cuts inside one long line of multi-byte characters without splitting one', () => {
    const markdown = `${'😀é'.repeat(3000)}\n`
    for (const limit of [997, 998, 999, 1000, 1001]) {
      const fitted = fitMarkdown(markdown, {
        limit,
        unit: 'utf8',
        note: '> cut\n'
      })
      expect(bytes(fitted)).toBeLessThanOrEqual(limit)
      // All but at most one character's bytes of the room is used.
      expect(bytes(fitted)).toBeGreaterThan(limit - 4)
      expect(fitted).not.toMatch(LONE_SURROGATE)
      expect(fitted.startsWith('😀é😀é')).toBe(true)
    }
  })

  it('keeps a prefix, the byte limit and balanced fences for any Markdown', () => {
    const block = fc.oneof(
      fc.string({ maxLength: 120 }).map((s) => s.replace(/`|~/g, '')),
      fc.constantFrom('# Ünïcödé', 'net benefit €1 234', '😀 | 😀', ''),
      fc
        .tuple(
          fc.constantFrom('```', '````', '~~~'),
          fc.constantFrom('mermaid', 'text'),
          fc.integer({ min: 0, max: 60 })
        )
        .map(
          ([f, language, n]) => `${f}${language}\n${'ä → ö\n'.repeat(n)}${f}`
        ),
      fc
        .integer({ min: 0, max: 40 })
        .map(
          (n) =>
            `<details><summary>s</summary>\n\n${'| 1 | ü |\n'.repeat(n)}\n</details>`
        )
    )
    fc.assert(
      fc.property(
        fc.array(block, { maxLength: 40 }),
        fc.integer({ min: 300, max: 4000 }),
        (blocks, limit) => {
          const body = blocks.join('\n')
          const fitted = fitMarkdown(body, {
            limit,
            unit: 'utf8',
            note: '> cut\n'
          })
          if (bytes(body) <= limit) {
            expect(fitted).toBe(body)
            return
          }
          expect(bytes(fitted)).toBeLessThanOrEqual(limit)
          expect(fitted.endsWith('> cut\n')).toBe(true)
          expect(fencesBalanced(fitted)).toBe(true)
          expect(fitted).not.toMatch(LONE_SURROGATE)
          const kept = fitted.slice(0, fitted.lastIndexOf('> cut\n'))
          let common = 0
          while (common < kept.length && kept[common] === body[common]) {
            common++
          }
          // What is kept is a prefix of the body plus closing fences/tags.
          expect(kept.slice(common)).toMatch(/^(\n|`{3,}|~{3,}|<\/details>)*$/)
        }
      )
    )
  })
})
