/**
 * Which runs are about a pull request (and so never write to the registry),
 * and which pull request gets the comment: from the event name and payload.
 */
import { describe, expect, it } from '@jest/globals'
import { pullRequestEventOf, pullRequestOf } from '../src/run-context.js'

const PATH = '/runner/event.json'

function env(event: string): NodeJS.ProcessEnv {
  return {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: PATH,
    GITHUB_REPOSITORY: 'acme/models'
  }
}

const reads = (payload: unknown) => (path: string) => {
  expect(path).toBe(PATH)
  return JSON.stringify(payload)
}

describe('run-context.ts', () => {
  describe('pullRequestEventOf', () => {
    it.each([
      'pull_request',
      'pull_request_target',
      'pull_request_review',
      'pull_request_review_comment'
    ])('counts %s as a pull-request event', (event) => {
      expect(pullRequestEventOf(env(event), reads({}))).toBe(event)
    })

    it('counts any event whose payload carries a pull_request', () => {
      expect(
        pullRequestEventOf(
          env('check_suite_like_event'),
          reads({ pull_request: { number: 7 } })
        )
      ).toBe('check_suite_like_event')
    })

    it('counts a comment on a pull request (issue.pull_request)', () => {
      expect(
        pullRequestEventOf(
          env('issue_comment'),
          reads({ issue: { number: 7, pull_request: { url: 'x' } } })
        )
      ).toBe('issue_comment')
    })

    it('does not count a push, a dispatch or a comment on an issue', () => {
      expect(pullRequestEventOf(env('push'), reads({ ref: 'x' }))).toBe(
        undefined
      )
      expect(
        pullRequestEventOf(env('workflow_dispatch'), reads({ inputs: {} }))
      ).toBe(undefined)
      expect(
        pullRequestEventOf(
          env('issue_comment'),
          reads({ issue: { number: 3 } })
        )
      ).toBe(undefined)
      expect(pullRequestEventOf({ GITHUB_EVENT_NAME: 'push' }, reads({}))).toBe(
        undefined
      )
    })

    it('fails closed when the payload it is given cannot be read', () => {
      expect(
        pullRequestEventOf(env('push'), () => {
          throw new Error('EACCES')
        })
      ).toBe('push (unreadable event payload)')
    })
  })

  describe('pullRequestOf', () => {
    it('finds the pull request of a review event', () => {
      expect(
        pullRequestOf(
          env('pull_request_review'),
          reads({ pull_request: { number: 12 } })
        )
      ).toEqual({ owner: 'acme', repo: 'models', number: 12 })
    })

    it('finds the pull request of a comment on it', () => {
      expect(
        pullRequestOf(
          env('issue_comment'),
          reads({ issue: { number: 5, pull_request: {} } })
        )
      ).toEqual({ owner: 'acme', repo: 'models', number: 5 })
    })

    it('finds none for a push', () => {
      expect(pullRequestOf(env('push'), reads({ number: 5 }))).toBe(undefined)
    })
  })
})
