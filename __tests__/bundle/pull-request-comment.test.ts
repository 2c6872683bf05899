/**
 * The bundled action on a `pull_request` event, against the local GitHub
 * stand-in: the sticky comment as a reviewer gets it, end to end.
 */
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it
} from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { writeFiles } from '../../__fixtures__/evaluation.js'
import { COSTS, generatedFiles } from '../../__fixtures__/reports.js'
import {
  assertNoSecrets,
  runBundle,
  type BundleRun
} from '../../__fixtures__/run-bundle.js'
import {
  commentMarker,
  GITHUB_COMMENT_LIMIT
} from '../../src/github/pull-request-comment.js'
import {
  startGitHubStandIn,
  type GitHubStandIn,
  type StoredComment
} from '../support/github-stand-in.js'

const TOKEN = 'ghs_bundleStandInToken0123456789abcdefXYZ'
const OWNER = 'octo-org'
const REPO = 'fraud-models'
const MARKER = commentMarker('fraud-detector')

/** min-net-benefit 1000 at threshold 0.5: the candidate passes. */
const PROMOTE = { 'min-net-benefit': '1000' }
/** The default floor of $40,000 at threshold 0.6: the candidate fails. */
const REJECT = { threshold: '0.6' }

let standIn: GitHubStandIn
const runs: BundleRun[] = []
/** Every request body the action sent to GitHub (the comments it wrote). */
const sent: Record<string, string> = {}

/**
 * Runs dist/index.js in evaluate mode over the generated files, as the runner
 * does on a pull_request event for pull request `pr`.
 */
async function runOnPullRequest(
  pr: number,
  inputs: Record<string, string>,
  files: Record<string, string> = generatedFiles()
): Promise<BundleRun> {
  const dir = writeFiles({
    ...files,
    'event.json': JSON.stringify({
      action: 'synchronize',
      number: pr,
      pull_request: { number: pr }
    })
  })
  const run = await runBundle(
    {
      mode: 'evaluate',
      'model-name': 'fraud-detector',
      'test-set': 'test.csv',
      'candidate-predictions': 'candidate.csv',
      'champion-predictions': 'champion.csv',
      ...(COSTS as Record<string, string>),
      'github-token': TOKEN,
      ...inputs
    },
    {
      cwd: dir,
      env: {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: join(dir, 'event.json'),
        GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
        GITHUB_API_URL: standIn.url
      }
    }
  )
  runs.push(run)
  return run
}

function commentsOn(pr: number): StoredComment[] {
  return standIn.comments.filter((comment) => comment.issueNumber === pr)
}

/** The summary file as written: the report plus the EOL `addRaw` appends. */
function summaryText(run: BundleRun): string {
  return run.summary.replace(/\n$/, '')
}

/** A comment's body without its marker line. */
function withoutMarker(body: string): string {
  return body
    .split('\n')
    .filter((line) => line !== MARKER)
    .join('\n')
}

/** The verdict line and every table row: what a reviewer reads first. */
function verdictAndFigures(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('### ') || line.startsWith('| '))
}

function money(output: string): string {
  return `$${Math.round(Number(output)).toLocaleString('en-US')}`
}

function warnings(run: BundleRun): string[] {
  return run.stdout.split('\n').filter((line) => line.startsWith('::warning'))
}

describe('dist/index.js on a pull_request event', () => {
  beforeAll(async () => {
    standIn = await startGitHubStandIn({ token: TOKEN })
  })

  beforeEach(() => {
    standIn.requests.length = 0
  })

  afterEach(() => {
    for (const request of standIn.requests)
      if (request.body !== undefined)
        sent[`request ${Object.keys(sent).length + 1} to GitHub`] =
          JSON.stringify(request.body)
    standIn.refuseWrites(undefined)
    expect(standIn.violations).toEqual([])
    // The token was really used, so not finding it in the logs means something.
    for (const request of standIn.requests)
      expect(request.headers.authorization).toBe(`token ${TOKEN}`)
  })

  afterAll(async () => {
    await standIn.close()
  })

  it('creates the comment, then updates that same comment when the verdict changes', async () => {
    const first = await runOnPullRequest(41, PROMOTE)
    expect(first.status).toBe(0)
    expect(first.outputs.decision).toBe('promote')
    expect(warnings(first)).toEqual([])
    expect(commentsOn(41)).toHaveLength(1)
    const [created] = commentsOn(41)
    expect(created.body).toBe(`${MARKER}\n${summaryText(first)}`)
    expect(first.stdout).toContain(
      `PR comment created: https://github.com/${OWNER}/${REPO}/pull/41#issuecomment-${created.id}`
    )

    const second = await runOnPullRequest(41, REJECT)
    expect(second.status).toBe(1)
    expect(second.outputs.decision).toBe('reject')
    expect(second.outputs['candidate-net-benefit']).not.toBe(
      first.outputs['candidate-net-benefit']
    )
    const carrying = commentsOn(41).filter((c) => c.body.includes(MARKER))
    expect(carrying).toHaveLength(1)
    expect(carrying[0].id).toBe(created.id)
    expect(carrying[0].body).toBe(`${MARKER}\n${summaryText(second)}`)
    expect(withoutMarker(carrying[0].body)).toBe(summaryText(second))
    expect(carrying[0].body).not.toContain('Would promote')
    expect(second.stdout).toContain(
      `PR comment updated: https://github.com/${OWNER}/${REPO}/pull/41#issuecomment-${created.id}`
    )
    // Second run: list, ask who the token is (GITHUB_TOKEN may not: 403),
    // then update its own comment in place; never a second create.
    expect(standIn.requests.map((r) => `${r.operationId} ${r.status}`)).toEqual(
      [
        'issues/list-comments 200',
        'issues/create-comment 201',
        'issues/list-comments 200',
        'users/get-authenticated 403',
        'issues/update-comment 200'
      ]
    )
  })

  it('shows the same verdict and figures in the comment as in the job summary', async () => {
    const run = await runOnPullRequest(42, PROMOTE)
    expect(run.status).toBe(0)
    const [comment] = commentsOn(42)
    const inComment = verdictAndFigures(comment.body)
    const inSummary = verdictAndFigures(run.summary)
    expect(inComment).toEqual(inSummary)
    expect(inComment[0]).toBe(
      '### ✅ Would promote: **fraud-detector** candidate passes the gate'
    )
    // The figures are those of the outputs, not some other rendering.
    const candidate = money(run.outputs['candidate-net-benefit'])
    const champion = money(run.outputs['champion-net-benefit'])
    const netBenefitRow = `| Net benefit | ${candidate} | ${champion} |`
    expect(inComment.some((row) => row.startsWith(netBenefitRow))).toBe(true)
    expect(inComment).toContain(
      `| F1 | ${Number(run.outputs['candidate-f1']).toFixed(3)} | ${Number(run.outputs['champion-f1']).toFixed(3)} | +0.101 | > 0.200 | ✅ pass |`
    )
  })

  it('creates no comment on a pass with comment: on-reject', async () => {
    const run = await runOnPullRequest(43, {
      ...PROMOTE,
      comment: 'on-reject'
    })
    expect(run.status).toBe(0)
    expect(commentsOn(43)).toEqual([])
    expect(warnings(run)).toEqual([])
    expect(run.stdout).toContain(
      'No PR comment: comment is on-reject and the decision is promote.'
    )
    // It looks for an earlier reject's comment to refresh; it writes nothing.
    expect(standIn.requests.map((r) => r.method)).toEqual(['GET'])
  })

  it('makes no GitHub request at all with comment: never', async () => {
    const run = await runOnPullRequest(44, { ...REJECT, comment: 'never' })
    expect(run.status).toBe(1)
    expect(run.outputs.decision).toBe('reject')
    expect(standIn.requests).toEqual([])
    expect(commentsOn(44)).toEqual([])
    expect(warnings(run)).toEqual([])
  })

  it('stays green on a promote when writes are refused (403), with a warning naming the permission', async () => {
    standIn.refuseWrites(403)
    const run = await runOnPullRequest(45, PROMOTE)
    expect(run.status).toBe(0)
    expect(run.errors).toEqual([])
    expect(run.outputs.decision).toBe('promote')
    expect(commentsOn(45)).toEqual([])
    const [warning, ...more] = warnings(run)
    expect(more).toEqual([])
    expect(warning).toMatch(/^::warning::GitHub refused to create a comment/)
    expect(warning).toContain(
      'HTTP 403: Resource not accessible by integration'
    )
    expect(warning).toContain('`permissions: pull-requests: write`')
    expect(run.summary).toContain(
      '### ✅ Would promote: **fraud-detector** candidate passes the gate'
    )
    expect(standIn.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 403'
    ])
  })

  it.each(['always', 'on-reject'])(
    'fails the step on a reject and still posts the comment (comment: %s)',
    async (comment) => {
      const pr = comment === 'always' ? 46 : 47
      const run = await runOnPullRequest(pr, { ...REJECT, comment })
      expect(run.status).toBe(1)
      expect(run.errors).toEqual([
        expect.stringMatching(/^::error::Rejected: Net benefit \$[\d,]+ does/)
      ])
      const comments = commentsOn(pr)
      expect(comments).toHaveLength(1)
      expect(comments[0].body).toBe(`${MARKER}\n${summaryText(run)}`)
      expect(comments[0].body).toContain(
        '### ❌ Rejected: **fraud-detector** candidate does not pass the gate'
      )
      expect(comments[0].body).toContain('**Why it was rejected**')
    }
  )

  it('brings an earlier reject comment up to date on a pass with comment: on-reject', async () => {
    const rejected = await runOnPullRequest(50, {
      ...REJECT,
      comment: 'on-reject'
    })
    expect(rejected.status).toBe(1)
    const [comment] = commentsOn(50)
    const passed = await runOnPullRequest(50, {
      ...PROMOTE,
      comment: 'on-reject'
    })
    expect(passed.status).toBe(0)
    expect(commentsOn(50)).toEqual([
      expect.objectContaining({
        id: comment.id,
        body: `${MARKER}\n${summaryText(passed)}`
      })
    ])
    expect(passed.stdout).toContain('PR comment updated:')
  })

  it('cuts a report over 65,536 characters to fit, with a note, and GitHub takes it', async () => {
    // Nothing a model produces makes a report this long (the chart has at
    // most 22 points, there are a handful of notes); what the user names can.
    // Here the column holding the fraud amount has a 70,000-character name,
    // which the cost model line in <details> quotes.
    const column = `amount_${'x'.repeat(70_000)}`
    const files = generatedFiles()
    files['test.csv'] = files['test.csv'].replace(
      'id,amount,label',
      `id,${column},label`
    )
    const run = await runOnPullRequest(
      48,
      { ...PROMOTE, 'cost-false-negative': column },
      files
    )
    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(warnings(run)).toEqual([])
    expect(run.summary.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT)
    expect(standIn.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 200',
      'POST 201'
    ])
    const [comment] = commentsOn(48)
    expect(comment.body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT)
    expect(comment.body.startsWith(`${MARKER}\n`)).toBe(true)
    expect(comment.body).toMatch(
      /> \[!NOTE\]\n> This comment was cut to fit GitHub's limit of 65,536 characters\. The full report is in the job summary of this run\.\n$/
    )
    // A clean cut between blocks: the verdict, the tables and the whole
    // chart are kept, the <details> holding the overlong line is dropped
    // whole rather than left open.
    const kept = comment.body.slice(
      MARKER.length + 1,
      comment.body.indexOf('> [!NOTE]')
    )
    expect(run.summary.startsWith(kept)).toBe(true)
    expect(kept).toContain('### ✅ Would promote')
    expect(kept).toMatch(/```mermaid\n[^`]+\n```\n/)
    expect(comment.body.split('<details>').length).toBe(
      comment.body.split('</details>').length
    )
  })

  // FAILS: a bug in src/main.ts. run() falls back to env.GITHUB_TOKEN when
  // the github-token input is empty, but maskSecrets() masks only the inputs
  // and the MLflow variables, so that token is never registered with
  // core.setSecret (STYLE.md: "core.setSecret for every credential at once").
  it('masks the GITHUB_TOKEN it falls back to when github-token is empty', async () => {
    const dir = writeFiles({
      ...generatedFiles(),
      'event.json': JSON.stringify({ pull_request: { number: 51 } })
    })
    const run = await runBundle(
      {
        mode: 'evaluate',
        'model-name': 'fraud-detector',
        'test-set': 'test.csv',
        'candidate-predictions': 'candidate.csv',
        'champion-predictions': 'champion.csv',
        ...(COSTS as Record<string, string>),
        ...PROMOTE
      },
      {
        cwd: dir,
        env: {
          GITHUB_EVENT_NAME: 'pull_request',
          GITHUB_EVENT_PATH: join(dir, 'event.json'),
          GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
          GITHUB_API_URL: standIn.url,
          GITHUB_TOKEN: TOKEN
        }
      }
    )
    expect(run.status).toBe(0)
    // The fallback is used: the comment is written with that token.
    expect(commentsOn(51)).toHaveLength(1)
    expect(run.stdout.split('\n')).toContain(`::add-mask::${TOKEN}`)
  })

  it('never shows the token in stdout, stderr, the summary or the outputs', () => {
    expect(runs).toHaveLength(11)
    for (const run of runs) {
      // `::add-mask::` is the runner's command to mask it; the runner never
      // prints that line. Every other line must be free of the token.
      const lines = run.stdout.split('\n')
      expect(lines).toContain(`::add-mask::${TOKEN}`)
      const shown = [
        ...lines.filter((line) => line !== `::add-mask::${TOKEN}`),
        run.stderr,
        run.summary,
        ...Object.values(run.outputs),
        readFileSync(join(run.runnerTemp, 'champion-gate-report.json'), 'utf8')
      ]
      for (const text of shown) expect(text).not.toContain(TOKEN)
    }
    // Nor encoded (Base64, URL-encoded, JSON-escaped), nor in any comment.
    expect(Object.keys(sent).length).toBeGreaterThan(5)
    assertNoSecrets(runs, [TOKEN], sent)
  })
})
