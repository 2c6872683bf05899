/**
 * Renders a Markdown report the way GitHub shows a comment or job summary, in
 * Debian's real Chromium (through `playwright-core`, offline), and saves a
 * full-page PNG that a person (or the file viewer) can look at.
 *
 * Markdown becomes HTML with `marked` (GFM: tables, `<details>`, fences; it is
 * in node_modules as a dependency of mermaid). Each ```mermaid fence becomes a
 * `<pre class="mermaid">`, which the `mermaid` package's own browser bundle
 * parses and renders to SVG in the page, as GitHub does. Every parse or render
 * error is collected, so a test can assert that a chart really renders.
 *
 * Without /usr/bin/chromium this throws (`apt-get install -y chromium`): a
 * test that needs the browser must fail rather than pass without looking.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Marked, type Tokens } from 'marked'
import { chromium } from 'playwright-core'

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

/** What the page showed. */
export interface RenderResult {
  /** One message per Mermaid diagram that failed to parse or render. */
  mermaidErrors: string[]
  /** Mermaid diagrams rendered to an SVG (error diagrams excluded). */
  svgCount: number
  /**
   * The page's console errors, e.g. Chromium's "<rect> attribute height: A
   * negative value is not valid": not failures of Mermaid, but worth a look.
   */
  consoleErrors: string[]
}

/** Options for {@link renderMarkdownToPng}. */
export interface RenderOptions {
  /** Page width in CSS pixels (default 900, about a PR comment's width). */
  width?: number
  /** Expand every `<details>` before the screenshot (GitHub starts closed). */
  openDetails?: boolean
  /** The browser to run (default {@link CHROMIUM_PATH}). */
  chromiumPath?: string
}

/**
 * Renders `markdown` like GitHub, runs Mermaid on every ```mermaid fence and
 * saves a full-page screenshot to `pngPath` (its folder is created).
 */
export async function renderMarkdownToPng(
  markdown: string,
  pngPath: string,
  options: RenderOptions = {}
): Promise<RenderResult> {
  const executablePath = options.chromiumPath ?? CHROMIUM_PATH
  if (!existsSync(executablePath)) {
    throw new Error(
      `No browser at ${executablePath}: install Debian's Chromium ` +
        `(apt-get install -y chromium) to render Markdown to PNG.`
    )
  }
  const html = markdownToHtml(markdown)
  const mermaidBundle = join(
    dirname(createRequire(import.meta.url).resolve('mermaid/package.json')),
    'dist',
    'mermaid.min.js'
  )
  mkdirSync(dirname(pngPath), { recursive: true })

  // launch() gives Chromium a fresh temporary profile and deletes it after.
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    timeout: 60_000
  })
  try {
    const page = await browser.newPage({
      viewport: { width: options.width ?? 900, height: 600 },
      deviceScaleFactor: 1
    })
    // Offline: the page gets everything inline, so any request is a mistake.
    await page.route('**/*', (route) => route.abort())
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })

    await page.setContent(html, { waitUntil: 'load' })
    await page.addScriptTag({ path: mermaidBundle })
    if (options.openDetails === true) {
      await page.evaluate(
        `document.querySelectorAll('details').forEach((d) => { d.open = true })`
      )
    }
    const result = (await page.evaluate(RENDER_MERMAID)) as {
      mermaidErrors: string[]
      svgCount: number
    }
    await page.screenshot({ path: pngPath, fullPage: true })

    if (statSync(pngPath).size === 0) {
      throw new Error(`Chromium wrote an empty screenshot to ${pngPath}`)
    }
    return {
      mermaidErrors: [...result.mermaidErrors, ...pageErrors],
      svgCount: result.svgCount,
      consoleErrors
    }
  } finally {
    await browser.close()
  }
}

/** Markdown to a standalone HTML page styled like GitHub's Markdown. */
export function markdownToHtml(markdown: string): string {
  const marked = new Marked({ gfm: true, breaks: false })
  marked.use({
    renderer: {
      code(token: Tokens.Code): string | false {
        if (token.lang?.trim().split(/\s+/)[0] !== 'mermaid') return false
        return `<pre class="mermaid">${escapeHtml(token.text)}</pre>\n`
      },
      blockquote(token: Tokens.Blockquote): string | false {
        // GitHub's alerts: > [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION]
        const alert = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*\n?/.exec(
          token.text
        )
        if (alert === null) return false
        const kind = alert[1].toLowerCase()
        const inner = this.parser.parse(
          marked.lexer(token.text.slice(alert[0].length))
        )
        return (
          `<div class="markdown-alert markdown-alert-${kind}">` +
          `<p class="markdown-alert-title">${alert[1][0]}${kind.slice(1)}</p>` +
          `${inner}</div>\n`
        )
      }
    }
  })
  const body = marked.parse(markdown, { async: false })
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>report</title>
<style>${GITHUB_CSS}</style></head>
<body><article class="markdown-body">${body}</article></body></html>`
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

// Runs in the page: parse each diagram (collecting syntax errors), then render
// the valid ones to SVG in place, as GitHub's viewer does.
const RENDER_MERMAID = `(async () => {
  const mermaid = globalThis.mermaid;
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  const errors = [];
  let svgCount = 0;
  const nodes = Array.from(document.querySelectorAll('pre.mermaid'));
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const text = node.textContent;
    const label = 'diagram ' + (i + 1) + ' (' + (text.trim().split('\\n')[0] || 'empty') + ')';
    try {
      await mermaid.parse(text);
      const { svg, bindFunctions } = await mermaid.render('mermaid-' + i, text);
      node.innerHTML = svg;
      if (bindFunctions) bindFunctions(node);
      const rendered = node.querySelector('svg');
      if (rendered && rendered.getAttribute('aria-roledescription') !== 'error') {
        svgCount++;
      } else {
        errors.push(label + ': rendered as an error diagram');
      }
    } catch (error) {
      errors.push(label + ': ' + String(error && error.message ? error.message : error));
      node.classList.add('mermaid-error');
      // mermaid.render leaves its scratch element behind on failure.
      document.querySelectorAll('#dmermaid-' + i).forEach((el) => el.remove());
    }
  }
  return { mermaidErrors: errors, svgCount };
})()`

// A compact subset of github-markdown-css (light theme).
const GITHUB_CSS = `
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; padding: 24px; color: #1f2328;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans",
  Helvetica, Arial, sans-serif; font-size: 14px; line-height: 1.5;
  word-wrap: break-word; }
.markdown-body h1, .markdown-body h2 { padding-bottom: .3em;
  border-bottom: 1px solid #d1d9e0b3; }
.markdown-body h1 { font-size: 2em; } .markdown-body h2 { font-size: 1.5em; }
.markdown-body h3 { font-size: 1.25em; }
.markdown-body h1, .markdown-body h2, .markdown-body h3, .markdown-body h4 {
  margin-top: 24px; margin-bottom: 16px; font-weight: 600; line-height: 1.25; }
.markdown-body p, .markdown-body table, .markdown-body pre,
.markdown-body details, .markdown-body blockquote, .markdown-body ul,
.markdown-body ol { margin-top: 0; margin-bottom: 16px; }
.markdown-body table { border-spacing: 0; border-collapse: collapse;
  display: block; width: max-content; max-width: 100%; overflow: auto; }
.markdown-body table th { font-weight: 600; }
.markdown-body table th, .markdown-body table td { padding: 6px 13px;
  border: 1px solid #d1d9e0; }
.markdown-body table tr { background: #fff; border-top: 1px solid #d1d9e0b3; }
.markdown-body table tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body code, .markdown-body pre { font-family: ui-monospace,
  SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  font-size: 85%; }
.markdown-body code { padding: .2em .4em; background: #818b981f;
  border-radius: 6px; }
.markdown-body pre { padding: 16px; overflow: auto; line-height: 1.45;
  background: #f6f8fa; border-radius: 6px; }
.markdown-body pre code { padding: 0; background: transparent; font-size: 100%; }
.markdown-body pre.mermaid { background: #fff; border: 1px solid #d1d9e0;
  font-family: inherit; font-size: 100%; text-align: center; }
.markdown-body pre.mermaid-error { border-color: #cf222e; }
.markdown-body details summary { cursor: pointer; display: list-item; }
.markdown-body blockquote { padding: 0 1em; color: #59636e;
  border-left: .25em solid #d1d9e0; }
.markdown-body hr { height: .25em; margin: 24px 0; background: #d1d9e0;
  border: 0; }
.markdown-alert { padding: .5rem 1rem; margin-bottom: 16px;
  border-left: .25em solid #0969da; }
.markdown-alert-title { font-weight: 500; color: #0969da; margin-bottom: 4px; }
.markdown-alert-warning { border-left-color: #9a6700; }
.markdown-alert-warning .markdown-alert-title { color: #9a6700; }
.markdown-alert-caution { border-left-color: #cf222e; }
.markdown-alert-caution .markdown-alert-title { color: #cf222e; }
.markdown-alert-tip { border-left-color: #1a7f37; }
.markdown-alert-tip .markdown-alert-title { color: #1a7f37; }
.markdown-alert-important { border-left-color: #8250df; }
.markdown-alert-important .markdown-alert-title { color: #8250df; }
`
