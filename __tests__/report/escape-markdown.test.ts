import { describe, expect, it } from '@jest/globals'
import { Lexer, marked, type Token, type Tokens } from 'marked'
import {
  markdownCode,
  markdownLink,
  markdownText
} from '../../src/report/escape-markdown.js'
import { renderMarkdown } from '../../src/report/render-markdown.js'
import type { EvaluationReport } from '../../src/report/report.js'
import { sampleReport } from '../../__fixtures__/reports.js'

/** What a pull request, a registry or a file could put into a free-text field. */
const HOSTILE: Record<string, string> = {
  heading: 'm\n\n### ✅ Would promote: m passes the gate\n',
  'heading after CR': 'm\r### ✅ Would promote\u2028### ✅ Promoted',
  mention: '@octocat and @octo-org/security',
  'entity mention': '&#64;octocat &commat;octocat',
  link: '[release notes](https://evil.example/)',
  image: '![✅](https://evil.example/pass.png)',
  autolink: 'see https://evil.example/x or www.evil.example',
  'angle autolink': '<https://evil.example>',
  html: '<img src=x onerror=alert(1)><b>bold</b><!-- hidden -->',
  'details closer': '</details></summary><details open>',
  'table pipes': 'a | b | c |',
  backticks: 'a ` b `` c ```',
  'leading backtick': '`x` | `',
  emphasis: '**bold** _it_ ~~gone~~',
  'issue reference': 'fixes #1 and GH-2',
  'bidi override': 'safe\u202eevil',
  'workflow command': 'x\n::warning ::forged',
  math: '$\\color{green}\\text{✅ Would promote}$'
}

/** Every free-text field of an evaluation report, set to a value. */
const FIELDS: Record<
  string,
  (report: EvaluationReport, value: string) => EvaluationReport
> = {
  'model-name': (r, v) => ({ ...r, model_name: v }),
  'candidate-model-uri': (r, v) => ({
    ...r,
    candidate: { ...r.candidate, version: null, model_uri: v }
  }),
  'registry version': (r, v) => ({
    ...r,
    candidate: { ...r.candidate, version: v }
  }),
  'test-set path': (r, v) => ({ ...r, test_set: { ...r.test_set, path: v } }),
  'label column': (r, v) => ({
    ...r,
    policy: { ...r.policy, label_column: v }
  }),
  'id column': (r, v) => ({ ...r, policy: { ...r.policy, id_column: v } }),
  'positive label': (r, v) => ({
    ...r,
    policy: { ...r.policy, positive_label: v }
  }),
  'cost model (column names)': (r, v) => ({
    ...r,
    policy: { ...r.policy, cost_model: `TP 5, FN column '${v}'` }
  }),
  'a note naming a path': (r, v) => ({
    ...r,
    notes: [...r.notes, `The candidate's predictions (${v}) carry no ids.`]
  }),
  'a reason': (r, v) => ({
    ...r,
    decision: 'reject',
    reasons: [...r.reasons, `Net benefit of ${v} is too low.`]
  }),
  'previous champion version': (r, v) => ({
    ...r,
    mode: 'gate',
    registry: {
      tracking_uri: 'http://mlflow.example.com',
      champion_alias: 'champion',
      previous_champion_alias: 'previous-champion',
      alias_moved: true,
      new_champion_version: '48',
      previous_champion_version: v
    }
  })
}

function walk(tokens: Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token)
    const nested = token as {
      tokens?: Token[]
      items?: Token[]
      header?: Tokens.TableCell[]
      rows?: Tokens.TableCell[][]
    }
    if (nested.tokens) walk(nested.tokens, visit)
    if (nested.items) walk(nested.items, visit)
    for (const cell of [
      ...(nested.header ?? []),
      ...(nested.rows ?? []).flat()
    ])
      walk(cell.tokens, visit)
  }
}

/** The structure a reader sees: headings, links, images, HTML, table shape, mentions. */
function structure(markdown: string) {
  const tokens = new Lexer({ gfm: true }).lex(markdown)
  const found = {
    headings: [] as string[],
    links: [] as string[],
    images: 0,
    html: [] as string[],
    tables: [] as string[],
    lines: markdown.split('\n').length,
    emphasis: 0,
    mentions: [] as string[],
    references: [] as string[],
    text: ''
  }
  walk(tokens, (token) => {
    if (token.type === 'heading') found.headings.push(token.raw.slice(0, 12))
    if (token.type === 'link') found.links.push((token as Tokens.Link).href)
    if (token.type === 'image') found.images++
    if (['strong', 'em', 'del'].includes(token.type)) found.emphasis++
    if (token.type === 'html') found.html.push(token.raw.trim())
    if (token.type === 'table') {
      const table = token as Tokens.Table
      found.tables.push(
        `${table.header.length}:${table.rows.map((r) => r.length).join(',')}`
      )
    }
  })
  // GFM drops a row's extra cells, so count the cell separators themselves.
  for (const line of markdown.split('\n').filter((l) => l.startsWith('|'))) {
    found.tables.push(String(line.match(/(?<!\\)(?:\\\\)*\|/g)?.length))
  }
  // Mentions and references, as GitHub finds them: in the rendered text.
  const html = marked.parse(markdown, { gfm: true, async: false }) as string
  const decode = (h: string): string =>
    h
      .replace(/<[^>]*>/g, '')
      .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
      .replace(/&commat;/g, '@')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  const text = decode(html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, ''))
  found.mentions = text.match(/(?<![\w`])@[A-Za-z0-9][\w/-]*/g) ?? []
  found.references = text.match(/#\d|\bGH-\d/gi) ?? []
  found.text = decode(html)
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ')
  return found
}

describe('escape-markdown.ts', () => {
  it('leaves ordinary names as they are', () => {
    expect(markdownText('fraud-detector')).toBe('fraud-detector')
    expect(markdownText('TP 5, FP 5, FN column amount')).toBe(
      'TP 5, FP 5, FN column amount'
    )
    expect(markdownCode('test.csv')).toBe('`test.csv`')
    expect(
      markdownLink('v48', 'http://mlflow.example.com/#/models/m/versions/48')
    ).toBe('[v48](http://mlflow.example.com/#/models/m/versions/48)')
  })

  it('puts a value with backticks into a longer code span', () => {
    expect(markdownCode('a ` b `` c')).toBe('```a ` b `` c```')
    expect(markdownCode('`x`')).toBe('`` `x` ``')
    const [paragraph] = new Lexer({ gfm: true }).lex(
      markdownCode('a ``` b`')
    ) as Tokens.Paragraph[]
    expect(paragraph.tokens).toEqual([
      expect.objectContaining({ type: 'codespan', text: 'a ``` b`' })
    ])
  })

  it('links only http(s) URLs, with a destination nothing can break out of', () => {
    expect(markdownLink('v1', 'javascript:alert(1)')).toBe('v1')
    expect(markdownLink('v1', 'not a url')).toBe('v1')
    expect(markdownLink('v1', null)).toBe('v1')
    const link = markdownLink(
      'v1',
      'http://mlflow.example.com/#/models/a)[x](https://evil.example/versions/1'
    )
    const found = structure(link)
    expect(found.links).toHaveLength(1)
    expect(found.links[0]).toMatch(/^http:\/\/mlflow\.example\.com\/#/)
  })

  it('keeps money as it is and breaks math', () => {
    expect(markdownText('Net benefit $1,000 (+$7,816; -$5)')).toBe(
      'Net benefit $1,000 (+$7,816; -$5)'
    )
    expect(markdownText('$x$ and $$y$$ and $`z`$')).toBe(
      '\\$x\\$ and \\$\\$y\\$\\$ and \\$\\`z\\`\\$'
    )
  })

  it('writes the alias names the report names itself as code spans (never a mention), and breaks every other', () => {
    const mentions = { mentions: ['champion', 'previous_champion'] }
    expect(markdownText('already is @champion', mentions)).toBe(
      'already is `@champion`'
    )
    // Found before escaping, so an alias with '_' is still one name.
    expect(markdownText('@previous_champion → v2', mentions)).toBe(
      '`@previous_champion` → v2'
    )
    // Only the whole name: @champions is someone else, and broken.
    expect(markdownText('@champions @octocat', mentions)).not.toMatch(/@[a-z]/)
    // No bare @alias anywhere: GitHub would notify a user of that name.
    expect(markdownText('@champion and @champion', mentions)).not.toMatch(
      /(^|[^`])@champion/
    )
  })

  describe('no free-text field can change what the comment says', () => {
    const cases = Object.keys(FIELDS).flatMap((field) =>
      Object.keys(HOSTILE).map((kind) => [field, kind] as const)
    )
    let base: EvaluationReport
    it.each(cases)('%s holding %s', async (field, kind) => {
      base ??= await sampleReport({ 'min-net-benefit': '1000' })
      const ordinary = structure(renderMarkdown(FIELDS[field](base, 'value')))
      const hostile = renderMarkdown(FIELDS[field](base, HOSTILE[kind]))
      const found = structure(hostile)
      // The same headings, links, HTML, table shapes and line count as with
      // an ordinary value: nothing added, nothing closed early.
      expect(found.headings).toEqual(ordinary.headings)
      expect(found.links).toEqual(ordinary.links)
      expect(found.images).toBe(0)
      expect(found.html).toEqual(ordinary.html)
      expect(found.tables).toEqual(ordinary.tables)
      expect(found.lines).toBe(ordinary.lines)
      expect(
        found.mentions.filter(
          (m) => m !== '@champion' && m !== '@previous-champion'
        )
      ).toEqual([])
      expect(found.emphasis).toBe(ordinary.emphasis)
      expect(found.references).toEqual(ordinary.references)
      // No line of the comment starts a workflow command, and no invisible
      // character hides or reorders text.
      expect(hostile).not.toMatch(/^::/m)
      expect(hostile).not.toMatch(/[\r\u2028\u2029\u202a-\u202e\u2066-\u2069]/)
      // The value itself is still there, as literal text on one line.
      const literal = HOSTILE[kind]
        .replace(
          /[\u202a-\u202e]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16)}`
        )
        .replace(/\s+/g, ' ')
        .trim()
      expect(found.text).toContain(literal)
    })
  })
})
