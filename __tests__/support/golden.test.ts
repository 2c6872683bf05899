import { describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expectGolden } from './golden.js'

/** A fresh folder for goldens, as a URL ending in '/'. */
function folder(): URL {
  return pathToFileURL(join(mkdtempSync(join(tmpdir(), 'golden-test-')), '/'))
}

describe('golden.ts', () => {
  it('fails on a missing golden outside CI, and writes nothing', () => {
    const directory = folder()
    expect(() => expectGolden('new', 'text\n', directory, {})).toThrow(
      /golden file new\.md is missing; run UPDATE_GOLDEN=1/
    )
    expect(existsSync(new URL('new.md', directory))).toBe(false)
  })

  it('fails on a missing golden in CI too', () => {
    expect(() =>
      expectGolden('new', 'text\n', folder(), { CI: 'true' })
    ).toThrow(/is missing/)
  })

  it('writes the golden only when UPDATE_GOLDEN=1', () => {
    const directory = folder()
    expectGolden('new', 'text\n', directory, { UPDATE_GOLDEN: '1' })
    expect(readFileSync(new URL('new.md', directory), 'utf8')).toBe('text\n')
  })

  it('fails when the text differs from the golden', () => {
    const directory = folder()
    writeFileSync(new URL('old.md', directory), 'before\n')
    expect(() => expectGolden('old', 'after\n', directory, {})).toThrow()
    expectGolden('old', 'before\n', directory, {})
  })
})
