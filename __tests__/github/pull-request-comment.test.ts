import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it
} from '@jest/globals'
import fc from 'fast-check'
import {
  commentMarker,
  GITHUB_COMMENT_LIMIT,
  GitHubApiError,
  truncateForComment,
  upsertPullRequestComment,
  type UpsertCommentOptions
} from '../../src/github/pull-request-comment.js'
import { UserError } from '../../src/errors.js'
import {
  startGitHubStandIn,
  type GitHubStandIn
} from '../support/github-stand-in.js'
import { fencesBalanced, LONE_SURROGATE } from '../support/markdown.js'

const TOKEN = 'ghs_standInToken0123456789abcdefABCDEF'
const OWNER = 'octo-org'
const REPO = 'fraud-models'

function count(text: string, needle: RegExp): number {
  return (text.match(needle) ?? []).length
}

describe('pull-request-comment.ts', () => {
  describe('commentMarker', () => {
    it('reads plainly for an ordinary model name', () => {
      expect(commentMarker('fraud-detector')).toBe(
        '<!-- champion-gate:fraud-detector -->'
      )
      expect(commentMarker('catalog.schema.model_v2')).toBe(
        '<!-- champion-gate:catalog.schema.model_v2 -->'
      )
    })

    it('cannot close or break the HTML comment, whatever the name', () => {
      expect(commentMarker('a-->b')).toBe('<!-- champion-gate:a-%2D%3Eb -->')
      expect(commentMarker('x--!>\n<y>')).toBe(
        '<!-- champion-gate:x-%2D!%3E%0A%3Cy%3E -->'
      )
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (name) => {
          const marker = commentMarker(name)
          const inner = marker.slice(
            '<!-- champion-gate:'.length,
            -' -->'.length
          )
          expect(marker.startsWith('<!-- champion-gate:')).toBe(true)
          expect(marker.endsWith(' -->')).toBe(true)
          expect(inner).not.toMatch(/--|[<>\s]/)
          expect(inner.endsWith('-') && inner.length > 0).toBe(
            name.endsWith('-') && !name.endsWith('--')
          )
        })
      )
    })

    it('gives distinct names distinct markers, none inside another', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'binary' }),
          (a, b) => {
            fc.pre(a !== b)
            expect(commentMarker(a)).not.toBe(commentMarker(b))
            expect(commentMarker(a).includes(commentMarker(b))).toBe(false)
          }
        )
      )
      // The percent sign is encoded too, so an encoded name is not a collision.
      expect(commentMarker('a%3Eb')).not.toBe(commentMarker('a>b'))
    })
  })

  describe('truncateForComment', () => {
    it('returns a body that fits unchanged', () => {
      expect(truncateForComment('# Verdict\n\nok\n')).toBe('# Verdict\n\nok\n')
      const exact = 'x'.repeat(GITHUB_COMMENT_LIMIT)
      expect(truncateForComment(exact)).toBe(exact)
    })

    it('cuts a 70,000-character report to the limit, with the note and balanced fences', () => {
      const table = Array.from(
        { length: 400 },
        (_, i) => `| row ${i} | ${'0.123 '.repeat(10)} |`
      ).join('\n')
      const fence = [
        '```text',
        ...Array.from({ length: 600 }, (_, i) => `line ${i} ${'#'.repeat(40)}`)
      ].join('\n')
      const body = [
        '<!-- champion-gate:fraud-detector -->',
        '## ✅ Promote fraud-detector v7',
        '',
        '| metric | value |',
        '| --- | --- |',
        table,
        '',
        '<details><summary>Scorer log</summary>',
        '',
        fence,
        '```',
        '',
        '</details>',
        '',
        fence
      ].join('\n')
      expect(body.length).toBeGreaterThan(70_000)
      const cut = truncateForComment(body)
      expect(cut.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT)
      expect(cut.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT / 2)
      expect(cut).toMatch(
        /The full report is in the job summary of this run\.\n$/
      )
      expect(cut.startsWith('<!-- champion-gate:fraud-detector -->')).toBe(true)
      expect(fencesBalanced(cut)).toBe(true)
      expect(count(cut, /<details>/g)).toBe(count(cut, /<\/details>/g))
    })

    it('prefers a block boundary to a cut inside a fence', () => {
      const body = `# Report\n\n${'text '.repeat(300)}\n\n\`\`\`mermaid\n${'x\n'.repeat(600)}\`\`\`\n`
      const cut = truncateForComment(body, 2500)
      expect(cut.length).toBeLessThanOrEqual(2500)
      expect(cut).not.toContain('```')
    })

    it('drops a Mermaid diagram whole rather than cut it in half', () => {
      const body = `# Report\n\nshort\n\n\`\`\`mermaid\nxychart-beta\n${'    line [1, 2, 3]\n'.repeat(500)}\`\`\`\n`
      const cut = truncateForComment(body, 3000)
      expect(cut).toMatch(/^# Report\n\nshort\n\n> \[!NOTE\]/)
    })

    it('closes a fence it has to cut inside, with the same fence', () => {
      const body = `intro\n\n~~~~python\n${'print(1)\n'.repeat(2000)}~~~~\n`
      const cut = truncateForComment(body, 5000)
      expect(cut.length).toBeLessThanOrEqual(5000)
      expect(cut).toMatch(/print\(1\)\n~~~~\n\n> \[!NOTE\]/)
      expect(fencesBalanced(cut)).toBe(true)
    })

    it('closes an open <details> block', () => {
      const body = `<details><summary>Rows</summary>\n\n${'| a | b |\n'.repeat(3000)}\n</details>\n`
      const cut = truncateForComment(body, 4000)
      expect(cut.length).toBeLessThanOrEqual(4000)
      expect(cut).toMatch(/\| a \| b \|\n\n<\/details>\n\n> \[!NOTE\]/)
    })

    it('links the job summary when given its URL, and accepts a bare limit', () => {
      const url = 'https://github.com/o/r/actions/runs/1'
      const cut = truncateForComment('y\n'.repeat(3000), {
        limit: 1000,
        summaryUrl: url
      })
      expect(cut).toContain(`[job summary](${url})`)
      expect(cut.length).toBeLessThanOrEqual(1000)
      expect(truncateForComment('y\n'.repeat(3000), 1000).length).toBe(
        truncateForComment('y\n'.repeat(3000), { limit: 1000 }).length
      )
    })

    it('never splits a surrogate pair when it has to cut inside a line', () => {
      const body = '😀'.repeat(5000)
      for (const limit of [999, 1000, 1001]) {
        const cut = truncateForComment(body, limit)
        expect(cut.length).toBeLessThanOrEqual(limit)
        expect(cut).not.toMatch(LONE_SURROGATE)
      }
    })

    it('keeps a prefix, the limit and balanced fences for any Markdown', () => {
      const block = fc.oneof(
        fc.string({ maxLength: 200 }).map((s) => s.replace(/`|~/g, '')),
        fc
          .tuple(
            fc.constantFrom('```', '````', '~~~'),
            fc.integer({ min: 0, max: 80 })
          )
          .map(([f, n]) => `${f}mermaid\n${'a --> b\n'.repeat(n)}${f}`),
        fc
          .integer({ min: 0, max: 60 })
          .map(
            (n) =>
              `<details><summary>s</summary>\n\n${'| 1 | 2 |\n'.repeat(n)}\n</details>`
          ),
        fc.constantFrom('# H', '', '| a |\n| --- |', '> quote')
      )
      fc.assert(
        fc.property(
          fc.array(block, { maxLength: 40 }),
          fc.integer({ min: 600, max: 6000 }),
          (blocks, limit) => {
            const body = blocks.join('\n')
            const cut = truncateForComment(body, limit)
            if (body.length <= limit) {
              expect(cut).toBe(body)
              return
            }
            expect(cut.length).toBeLessThanOrEqual(limit)
            expect(cut).toContain('The full report is in the job summary')
            expect(fencesBalanced(cut)).toBe(true)
            // What is kept is a prefix of the body plus closing fences/tags.
            const kept = cut.slice(0, cut.indexOf('\n\n> [!NOTE]'))
            let common = 0
            while (common < kept.length && kept[common] === body[common]) {
              common++
            }
            expect(kept.slice(common)).toMatch(
              /^(\n|`{3,}|~{3,}|<\/details>)*$/
            )
            expect(count(cut, /<details>/g)).toBe(count(cut, /<\/details>/g))
          }
        ),
        { numRuns: 300 }
      )
    })
  })

  describe('upsertPullRequestComment against the GitHub stand-in', () => {
    let standIn: GitHubStandIn
    let issue = 100

    const upsert = (
      overrides: Partial<UpsertCommentOptions> = {}
    ): ReturnType<typeof upsertPullRequestComment> =>
      upsertPullRequestComment({
        token: TOKEN,
        owner: OWNER,
        repo: REPO,
        issueNumber: issue,
        marker: commentMarker('fraud-detector'),
        body: '## ✅ Promote fraud-detector v7\n',
        apiUrl: standIn.url,
        retry: { baseDelayMs: 1 },
        ...overrides
      })

    const onIssue = (): GitHubStandIn['comments'] =>
      standIn.comments.filter((comment) => comment.issueNumber === issue)

    beforeAll(async () => {
      standIn = await startGitHubStandIn({ token: TOKEN })
      // Reported by the suite so the cost of GitHub's description is visible.
      process.stdout.write(
        `GitHub stand-in: description loaded in ${standIn.specLoadMs.toFixed(0)} ms\n`
      )
    })

    afterEach(() => {
      // Every request the module sent must be one GitHub's description allows.
      expect(standIn.violations).toEqual([])
      standIn.refuseWrites(undefined)
      standIn.refuseReads(undefined)
      issue++
    })

    afterAll(async () => {
      await standIn.close()
    })

    it('creates the comment first and updates that same comment next time', async () => {
      const first = await upsert()
      expect(first).toMatchObject({ outcome: 'created' })
      const second = await upsert({ body: '## ❌ Keep the champion\n' })
      expect(second).toEqual({
        outcome: 'updated',
        id: first.outcome === 'created' ? first.id : -1,
        url: `https://github.com/${OWNER}/${REPO}/pull/${issue}#issuecomment-${first.outcome === 'created' ? first.id : -1}`
      })
      const comments = onIssue()
      expect(comments).toHaveLength(1)
      expect(comments[0].body).toBe(
        '<!-- champion-gate:fraud-detector -->\n## ❌ Keep the champion\n'
      )
      expect(
        standIn.requests.slice(-5).map((r) => `${r.method} ${r.operationId}`)
      ).toEqual([
        'GET issues/list-comments',
        'POST issues/create-comment',
        'GET issues/list-comments',
        // Who the token is, before updating a comment that carries the marker.
        'GET users/get-authenticated',
        'PATCH issues/update-comment'
      ])
      const auth = standIn.requests.at(-1)?.headers.authorization
      expect(auth).toBe(`token ${TOKEN}`)
    })

    it('leaves the comment of another model alone', async () => {
      const other = standIn.addComment({
        owner: OWNER,
        repo: REPO,
        issueNumber: issue,
        body: `${commentMarker('fraud-detector-eu')}\nEU verdict`,
        user: { login: 'github-actions[bot]', type: 'Bot' }
      })
      const result = await upsert()
      expect(result.outcome).toBe('created')
      expect(onIssue()).toHaveLength(2)
      expect(other.body).toBe(
        `${commentMarker('fraud-detector-eu')}\nEU verdict`
      )
    })

    it('finds its comment on the third page of a busy pull request', async () => {
      for (let i = 0; i < 250; i++) {
        standIn.addComment({
          owner: OWNER,
          repo: REPO,
          issueNumber: issue,
          body:
            i === 230 ? `${commentMarker('fraud-detector')}\nold` : `LGTM ${i}`,
          user:
            i === 230
              ? { login: 'github-actions[bot]', type: 'Bot' }
              : { login: `reviewer${i % 7}`, type: 'User' }
        })
      }
      const target = onIssue()[230]
      const before = standIn.requests.length
      const result = await upsert()
      expect(result).toMatchObject({ outcome: 'updated', id: target.id })
      expect(target.body).toContain('Promote fraud-detector v7')
      expect(onIssue()).toHaveLength(250)
      const pages = standIn.requests
        .slice(before)
        .filter((r) => r.operationId === 'issues/list-comments')
        .map((r) => r.query)
      expect(pages).toEqual([
        { per_page: '100', page: '1' },
        { per_page: '100', page: '2' },
        { per_page: '100', page: '3' }
      ])
    })

    it("updates the newest bot comment and never a person's quote of it", async () => {
      const marker = commentMarker('fraud-detector')
      const older = standIn.addComment({
        owner: OWNER,
        repo: REPO,
        issueNumber: issue,
        body: `${marker}\nolder`,
        user: { login: 'github-actions[bot]', type: 'Bot' }
      })
      const newer = standIn.addComment({
        owner: OWNER,
        repo: REPO,
        issueNumber: issue,
        body: `${marker}\nnewer`,
        user: { login: 'github-actions[bot]', type: 'Bot' }
      })
      const quote = standIn.addComment({
        owner: OWNER,
        repo: REPO,
        issueNumber: issue,
        body: `> ${marker}\n> newer\n\nWhy is this failing?`,
        user: { login: 'reviewer', type: 'User' }
      })
      const result = await upsert()
      expect(result).toMatchObject({ outcome: 'updated', id: newer.id })
      expect(older.body).toBe(`${marker}\nolder`)
      expect(quote.body).toContain('Why is this failing?')
    })

    it("never updates a person's comment that carries the marker, even when no bot comment does", async () => {
      const marker = commentMarker('fraud-detector')
      const forged = standIn.addComment({
        owner: OWNER,
        repo: REPO,
        issueNumber: issue,
        body: `${marker}\n### ✅ Would promote: fraud-detector passes the gate`,
        user: { login: 'pr-author', type: 'User' }
      })
      const result = await upsert({ body: '### ❌ Rejected\n' })
      expect(result.outcome).toBe('created')
      expect(forged.body).toContain('Would promote')
      const ours = onIssue().filter((c) => c.id !== forged.id)
      expect(ours.map((c) => [c.user.login, c.body])).toEqual([
        ['github-actions[bot]', `${marker}\n### ❌ Rejected\n`]
      ])
      // The next run finds its own comment, not the person's.
      expect(await upsert()).toMatchObject({
        outcome: 'updated',
        id: ours[0].id
      })
      expect(forged.body).toContain('Would promote')
    })

    it("with a personal access token, updates only that user's own comment", async () => {
      const pat = await startGitHubStandIn({
        token: TOKEN,
        actor: { login: 'release-engineer', type: 'User' }
      })
      try {
        const marker = commentMarker('fraud-detector')
        const on = { owner: OWNER, repo: REPO, issueNumber: 1 }
        const mine = pat.addComment({
          ...on,
          body: `${marker}\nmine`,
          user: { login: 'release-engineer', type: 'User' }
        })
        const bot = pat.addComment({
          ...on,
          body: `${marker}\nthe bot's`,
          user: { login: 'github-actions[bot]', type: 'Bot' }
        })
        const person = pat.addComment({
          ...on,
          body: `${marker}\nsomeone else's`,
          user: { login: 'pr-author', type: 'User' }
        })
        const result = await upsert({ apiUrl: pat.url, issueNumber: 1 })
        expect(result).toMatchObject({ outcome: 'updated', id: mine.id })
        expect(mine.body).toContain('Promote fraud-detector v7')
        expect(bot.body).toBe(`${marker}\nthe bot's`)
        expect(person.body).toBe(`${marker}\nsomeone else's`)
        expect(pat.violations).toEqual([])
      } finally {
        await pat.close()
      }
    })

    it('reports a refused create (fork token) with the permission to grant', async () => {
      standIn.refuseWrites(403)
      const result = await upsert()
      expect(result).toEqual({
        outcome: 'refused',
        status: 403,
        message: expect.stringContaining('`permissions: pull-requests: write`')
      })
      expect(result.outcome === 'refused' && result.message).toContain(
        'Resource not accessible by integration'
      )
      expect(JSON.stringify(result)).not.toContain(TOKEN)
      expect(onIssue()).toHaveLength(0)
    })

    it('reports a refused update and a refused listing the same way', async () => {
      await upsert()
      standIn.refuseWrites(404)
      expect(await upsert()).toMatchObject({ outcome: 'refused', status: 404 })
      standIn.refuseReads(403)
      const listing = await upsert()
      expect(listing).toMatchObject({ outcome: 'refused', status: 403 })
      expect(listing.outcome === 'refused' && listing.message).toMatch(
        /refused to list the comments on octo-org\/fraud-models#\d+ .*permissions: pull-requests: write/
      )
    })

    it('treats a 401 on a write as refused', async () => {
      standIn.refuseWrites(401)
      const result = await upsert()
      expect(result).toMatchObject({ outcome: 'refused', status: 401 })
      expect(result.outcome === 'refused' && result.message).toContain(
        'invalid or expired'
      )
    })

    it('throws a GitHubApiError without the token for a bad token on the listing', async () => {
      const wrong = 'ghp_wrongTokenThatMustNotLeak0123456789'
      const error = await upsert({ token: wrong }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(GitHubApiError)
      expect(error).toBeInstanceOf(UserError)
      expect(error).toMatchObject({
        method: 'GET',
        path: `/repos/${OWNER}/${REPO}/issues/${issue}/comments`,
        status: 401,
        githubMessage: 'Bad credentials'
      })
      expect(String((error as Error).message)).not.toContain(wrong)
      expect(JSON.stringify(error)).not.toContain(wrong)
    })

    it('retries a 5xx on the listing, with bounded attempts', async () => {
      standIn.failNext(503)
      expect((await upsert()).outcome).toBe('created')
      const before = standIn.requests.length
      standIn.failNext(502, { times: 2 })
      // Three attempts: two 502s, then the page, then who the token is,
      // then the update.
      expect((await upsert()).outcome).toBe('updated')
      expect(standIn.requests.length - before).toBe(5)

      standIn.failNext(503, { times: 3 })
      const error = await upsert().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(GitHubApiError)
      expect(error).toMatchObject({ method: 'GET', status: 503 })
    })

    it('throws a GitHubApiError naming the request when a create fails, without retrying it', async () => {
      standIn.failNext(500, { method: 'POST' })
      const before = standIn.requests.length
      const error = await upsert().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(GitHubApiError)
      expect((error as Error).message).toBe(
        `GitHub API POST /repos/${OWNER}/${REPO}/issues/${issue}/comments failed with HTTP 500: Server Error`
      )
      expect(
        standIn.requests.slice(before).map((r) => `${r.method} ${r.status}`)
      ).toEqual(['GET 200', 'POST 500'])
      expect(onIssue()).toHaveLength(0)
    })

    it('retries a create GitHub answered 429, since the work was not done, and makes one comment', async () => {
      standIn.failNext(429, { method: 'POST' })
      const before = standIn.requests.length
      expect((await upsert()).outcome).toBe('created')
      expect(
        standIn.requests.slice(before).map((r) => `${r.method} ${r.status}`)
      ).toEqual(['GET 200', 'POST 429', 'POST 201'])
      expect(onIssue()).toHaveLength(1)
    })

    it('gives up at once when GitHub asks to come back later than the policy waits', async () => {
      const before = standIn.requests.length
      standIn.failNext(503, { headers: { 'retry-after': '120' } })
      const error = await upsert().catch((e: unknown) => e)
      expect(error).toBeInstanceOf(GitHubApiError)
      expect(error).toMatchObject({ method: 'GET', status: 503 })
      // A primary rate limit that resets in an hour: no retry either, and
      // not mistaken for a missing permission.
      const reset = String(Math.floor(Date.now() / 1000) + 3600)
      standIn.failNext(403, {
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }
      })
      const limited = await upsert().catch((e: unknown) => e)
      expect(limited).toBeInstanceOf(GitHubApiError)
      expect(limited).toMatchObject({ method: 'GET', status: 403 })
      expect(
        standIn.requests.slice(before).map((r) => `${r.method} ${r.status}`)
      ).toEqual(['GET 503', 'GET 403'])
    })

    it('throws when GitHub cannot be reached, naming the deadline', async () => {
      const closed = await startGitHubStandIn()
      const url = closed.url
      await closed.close()
      const error = await upsert({ apiUrl: url }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(GitHubApiError)
      expect(error).toMatchObject({ method: 'GET', status: undefined })
      expect((error as Error).message).toMatch(
        /failed before a response arrived/
      )
    })

    it('cuts an oversized body and keeps the marker so the next run finds it', async () => {
      const huge = `${'| a | b |\n'.repeat(9000)}`
      const result = await upsert({ body: huge })
      expect(result.outcome).toBe('created')
      const [comment] = onIssue()
      expect(comment.body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT)
      expect(comment.body.startsWith(commentMarker('fraud-detector'))).toBe(
        true
      )
      expect(comment.body).toContain('The full report is in the job summary')
    })

    it('rejects a request GitHub would not accept', async () => {
      await expect(upsert({ issueNumber: 0 })).rejects.toThrow(RangeError)
      await expect(upsert({ marker: ' ' })).rejects.toThrow(RangeError)
    })
  })

  describe('the GitHub stand-in itself', () => {
    let standIn: GitHubStandIn
    const send = (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {
        authorization: `token ${TOKEN}`,
        'user-agent': 'champion-gate-test'
      }
    ): Promise<Response> =>
      fetch(`${standIn.url}${path}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
      })

    beforeAll(async () => {
      standIn = await startGitHubStandIn()
    })

    afterEach(() => {
      standIn.violations.length = 0
    })

    afterAll(async () => {
      await standIn.close()
    })

    it('records a body that breaks the description and answers 422', async () => {
      const response = await send('POST', '/repos/o/r/issues/1/comments', {
        text: 'hi'
      })
      expect(response.status).toBe(422)
      expect(standIn.violations).toEqual([
        expect.stringMatching(
          /POST \/repos\/o\/r\/issues\/1\/comments \(issues\/create-comment\): .*must have required property 'body'/
        )
      ])
      expect(standIn.comments).toHaveLength(0)
    })

    it('records a path, a query or headers that GitHub would not take', async () => {
      expect((await send('GET', '/repos/o/r/issues/one/comments')).status).toBe(
        400
      )
      expect(
        (
          await send(
            'GET',
            '/repos/o/r/issues/1/comments?per_page=100&sort=asc'
          )
        ).status
      ).toBe(400)
      expect(
        (await send('PATCH', '/repos/o/r/issues/1/comments', { body: 'x' }))
          .status
      ).toBe(404)
      expect(
        (await send('GET', '/repos/o/r/pulls/1', undefined, {})).status
      ).toBe(401)
      expect(standIn.violations).toEqual([
        expect.stringContaining('/path/issue_number must be integer'),
        expect.stringContaining('must NOT have additional properties'),
        expect.stringContaining("no operation in GitHub's description matches"),
        expect.stringContaining('no Authorization header')
      ])
    })

    it("answers other operations with the description's example", async () => {
      const response = await send('GET', '/repos/o/r/pulls/1')
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({
        number: 1347,
        state: 'open'
      })
      expect(standIn.violations).toEqual([])
    })

    it("answers a refused write with GitHub's error shape", async () => {
      standIn.refuseWrites(403)
      const response = await send('POST', '/repos/o/r/issues/2/comments', {
        body: 'hi'
      })
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual({
        message: 'Resource not accessible by integration',
        documentation_url:
          'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        status: '403'
      })
      standIn.refuseWrites(undefined)
      expect(standIn.violations).toEqual([])
    })
  })
})
