/**
 * Golden files: a rendered text compared byte for byte with a file under
 * `__tests__/golden/`. A missing golden is a failure, as a changed one is;
 * only a run asked to (`UPDATE_GOLDEN=1`) writes them, so that a new golden
 * is always one someone chose to write and then reviewed in the diff.
 */

import { expect } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'

export const GOLDEN_DIRECTORY = new URL('../golden/', import.meta.url)

/** Compares with `<name>.md` in `directory`; UPDATE_GOLDEN=1 writes it instead. */
export function expectGolden(
  name: string,
  text: string,
  directory: URL = GOLDEN_DIRECTORY,
  env: NodeJS.ProcessEnv = process.env
): void {
  const file = new URL(`${name}.md`, directory)
  if (env.UPDATE_GOLDEN === '1') {
    mkdirSync(directory, { recursive: true })
    writeFileSync(file, text)
  } else if (!existsSync(file)) {
    throw new Error(
      `golden file ${name}.md is missing; run UPDATE_GOLDEN=1 npm test, then review the file it writes`
    )
  }
  expect(text).toBe(readFileSync(file, 'utf8'))
}
