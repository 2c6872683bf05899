/**
 * Reads every file the fuzz test wrote (argv[2] is its folder) with the
 * reader each name selects, in a few chunk sizes, in this separate process:
 * a reader that loops forever is then killed by the test's time limit and
 * reported, instead of hanging the test run. Prints "read N files".
 */

import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { readAny } from './read-any.js'

const dir = process.argv[2]
let files = 0
for (const name of readdirSync(dir)) {
  for (const chunkSize of [1, 7, 1 << 20])
    readAny(join(dir, name), { chunkSize })
  files++
}
process.stdout.write(`read ${files} files\n`)
