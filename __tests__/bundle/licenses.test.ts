/**
 * dist/licenses.txt names every package the bundles contain: each package
 * a bundle's source map draws a file from, at the version bundled.
 */
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { ROOT } from '../../__fixtures__/run-bundle.js'

const DIST = join(ROOT, 'dist')

function sourceMaps(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceMaps(join(directory, entry.name))
      : entry.name.endsWith('.js.map')
        ? [join(directory, entry.name)]
        : []
  )
}

/** `name@version` of every package a bundle's source map draws from. */
function bundledPackages(): Set<string> {
  const found = new Set<string>()
  for (const map of sourceMaps(DIST)) {
    const { sources } = JSON.parse(readFileSync(map, 'utf8')) as {
      sources: string[]
    }
    for (const source of sources) {
      const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(source)
      if (!match) continue
      // ncc writes a subfolder bundle's sources relative to dist/ too.
      const beside = resolve(dirname(map), match[1])
      const folder = existsSync(beside) ? beside : resolve(DIST, match[1])
      const manifest = JSON.parse(
        readFileSync(join(folder, 'package.json'), 'utf8')
      ) as { name: string; version: string }
      found.add(`${manifest.name}@${manifest.version}`)
    }
  }
  return found
}

describe('dist/licenses.txt', () => {
  it('lists every package in the bundles, with its license text', () => {
    const bundled = bundledPackages()
    // The ones ncc's own --license left out, among others, and the
    // prediction worker's own (its bundle sits in a subfolder of dist/).
    for (const name of [
      '@actions/core',
      '@actions/io',
      'zod',
      'undici',
      'fflate',
      'hyparquet'
    ])
      expect([...bundled].some((p) => p.startsWith(`${name}@`))).toBe(true)
    const text = readFileSync(join(DIST, 'licenses.txt'), 'utf8')
    const missing = [...bundled].filter((p) => !text.split('\n').includes(p))
    expect(missing).toEqual([])
    // Each entry: name@version, the license, then the text itself.
    for (const p of bundled) {
      const at = text.indexOf(`${p}\n`)
      const block = text.slice(at, at + 2000)
      expect(block.split('\n')[1]).toMatch(/^[A-Za-z0-9.()+ -]+$/)
      expect(block).toMatch(/permission|licen[cs]e/i)
    }
  })
})
