/**
 * Writes dist/licenses.txt: the license of every package bundled into dist/,
 * as the bundles' own source maps name them. Run by `npm run package` after
 * ncc.
 *
 * Why not ncc's `--license`: it missed @actions/core, @actions/exec,
 * @actions/io, zod and tunnel. ncc runs license-webpack-plugin, which looks
 * at each module webpack reports and, for a module that webpack's scope
 * hoisting concatenated from several (ESM packages such as @actions/core and
 * zod are inlined that way), only at its root module: the packages inlined
 * into it are never seen. The source maps list every file that went into a
 * bundle, so they are the ground truth.
 */

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve, sep } from 'node:path'

const DIST = resolve(process.argv[2] ?? 'dist')
const LICENSE_FILE = /^(licen[cs]e|copying)(\.|-|$)/i

function maps(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return maps(path)
    return entry.name.endsWith('.js.map') ? [path] : []
  })
}

/** The package folder a bundled file came from: up to the last node_modules/<name>. */
function packageDirectory(file) {
  const parts = file.split(sep)
  const at = parts.lastIndexOf('node_modules')
  if (at === -1 || at + 1 >= parts.length) return undefined
  const length = parts[at + 1].startsWith('@') ? at + 3 : at + 2
  return parts.slice(0, length).join(sep)
}

/**
 * Where a source map's entry lies. ncc writes a bundle's sources relative to
 * dist/ even for a bundle in a subfolder (dist/prediction-worker/ lists
 * `.././node_modules/...`), so a path that is not found beside the map is
 * taken from dist/.
 */
function sourcePath(map, sourceRoot, source) {
  const relative = source.replace(/^webpack:\/\/[^/]*\//, '')
  const beside = resolve(dirname(map), sourceRoot, relative)
  return existsSync(beside) ? beside : resolve(DIST, sourceRoot, relative)
}

const packages = new Map()
for (const map of maps(DIST)) {
  const { sources = [], sourceRoot = '' } = JSON.parse(
    readFileSync(map, 'utf8')
  )
  for (const source of sources) {
    if (!source.includes('node_modules/')) continue
    const directory = packageDirectory(sourcePath(map, sourceRoot, source))
    if (directory === undefined || packages.has(directory)) continue
    const manifest = JSON.parse(
      readFileSync(join(directory, 'package.json'), 'utf8')
    )
    const licenseFile = readdirSync(directory).find((name) =>
      LICENSE_FILE.test(name)
    )
    packages.set(directory, {
      name: manifest.name,
      version: manifest.version,
      license:
        typeof manifest.license === 'string'
          ? manifest.license
          : (manifest.license?.type ?? 'UNKNOWN'),
      text: licenseFile
        ? readFileSync(join(directory, licenseFile), 'utf8').trim()
        : `(the package ships no license file; package.json says ${manifest.license ?? 'nothing'})`
    })
  }
}

if (packages.size === 0 && !existsSync(join(DIST, 'index.js'))) {
  throw new Error(`no bundle in ${DIST}: run ncc first`)
}
const entries = [...packages.values()].sort((a, b) =>
  `${a.name}@${a.version}`.localeCompare(`${b.name}@${b.version}`)
)
writeFileSync(
  join(DIST, 'licenses.txt'),
  entries
    .map((p) => `${p.name}@${p.version}\n${p.license}\n${p.text}\n`)
    .join('\n')
)
process.stdout.write(
  `licenses.txt: ${entries.length} bundled packages (${entries.map((p) => p.name).join(', ')})\n`
)
