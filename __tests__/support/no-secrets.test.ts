/**
 * The secret scanner the bundle tests use (`__fixtures__/run-bundle.ts`):
 * it finds a secret in every encoding a leak could take, anywhere a run
 * writes, and lets only the runner's own `::add-mask::` line through.
 */
import { describe, expect, it } from '@jest/globals'
import {
  assertNoSecrets,
  secretForms,
  type BundleRun
} from '../../__fixtures__/run-bundle.js'

const TOKEN = 'cg-t0ken/with+odd&chars=é"x'
const PAIR = { username: 'reader', password: 'p@ss#w/rd?' }

function fakeRun(overrides: Partial<BundleRun> = {}): BundleRun {
  return {
    status: 0,
    stdout: `::add-mask::${TOKEN}\n::add-mask::${PAIR.password}\nEvaluating\n`,
    stderr: '',
    outputs: {},
    summary: '### ✅ Would promote',
    errors: [],
    runnerTemp: '/nowhere',
    outputsFile: '',
    reportText: '{}',
    ...overrides
  }
}

describe('assertNoSecrets', () => {
  it('passes a run that shows the secrets only in ::add-mask:: lines', () => {
    expect(() => assertNoSecrets(fakeRun(), [TOKEN, PAIR])).not.toThrow()
  })

  const leaks: [string, (text: string) => Partial<BundleRun>, string][] = [
    ['raw in stdout', (t) => ({ stdout: `token is ${t}\n` }), TOKEN],
    ['in an ::error:: line', (t) => ({ stdout: `::error::bad ${t}\n` }), TOKEN],
    ['raw in stderr', (t) => ({ stderr: t }), TOKEN],
    [
      'in the outputs file',
      (t) => ({ outputsFile: `x<<EOF\n${t}\nEOF\n` }),
      TOKEN
    ],
    ['in the summary', (t) => ({ summary: `| ${t} |` }), TOKEN],
    [
      'JSON-escaped in the report',
      (t) => ({ reportText: JSON.stringify({ t }) }),
      TOKEN
    ],
    [
      'URL-encoded',
      (t) => ({ stdout: `?token=${encodeURIComponent(t)}&x` }),
      TOKEN
    ],
    [
      'form-encoded',
      (t) => ({ stdout: new URLSearchParams({ t }).toString() }),
      TOKEN
    ],
    ...[0, 1, 2].map(
      (offset): [string, (text: string) => Partial<BundleRun>, string] => [
        `Base64 inside a longer text (offset ${offset})`,
        (t) => ({
          stdout: Buffer.from(
            `${'ab'.slice(0, offset)}Bearer ${t} trailing`
          ).toString('base64')
        }),
        TOKEN
      ]
    ),
    [
      'base64url',
      (t) => ({ summary: Buffer.from(`x${t}`).toString('base64url') }),
      TOKEN
    ],
    [
      'as a Basic header',
      () => ({
        stdout: `Authorization: Basic ${Buffer.from(`${PAIR.username}:${PAIR.password}`).toString('base64')}`
      }),
      PAIR.password
    ],
    [
      'in a URL user info',
      () => ({
        stderr: `http://reader:${encodeURIComponent(PAIR.password)}@127.0.0.1:5000`
      }),
      PAIR.password
    ]
  ]

  it.each(leaks)(
    'finds a secret %s, and does not print it',
    (_, leak, secret) => {
      let message = ''
      try {
        assertNoSecrets(fakeRun(leak(secret)), [TOKEN, PAIR])
      } catch (error) {
        message = (error as Error).message
      }
      expect(message).toMatch(/^secrets were shown:\nsecret #\d/)
      for (const { text } of secretForms(PAIR))
        expect(message).not.toContain(text)
      for (const { text } of secretForms(TOKEN))
        expect(message).not.toContain(text)
    }
  )

  it('scans extra texts, such as the PR comment bodies a stand-in received', () => {
    expect(() =>
      assertNoSecrets(fakeRun(), [TOKEN], { 'PR comment 1': `body ${TOKEN}` })
    ).toThrow(/in PR comment 1/)
  })

  it('refuses a secret too short to look for', () => {
    expect(() => secretForms('abc')).toThrow(/at least 6/)
  })
})
