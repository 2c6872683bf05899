/**
 * Reads a file to the end through the reader its name selects, touching
 * every bound field the way the evaluation pass does (score, cost, text for
 * messages), and says what happened: the records, or the UserError's
 * message. Any other throw escapes: that is the fuzz tests' failure. Shared
 * by `__tests__/data/reader-fuzz.test.ts` and its no-hang child process
 * (`no-hang.ts`), which runs it under a time limit.
 */

import { openRecordReader } from '../../../src/data/open-reader.js'
import {
  numberProblem,
  parseNumberBytes
} from '../../../src/data/parse-number.js'
import { fieldShown, fieldText } from '../../../src/data/record-reader.js'
import { UserError } from '../../../src/errors.js'
import { parseDecimalBytes } from '../../../src/metrics/decimal.js'
import type { ChunkedFileOptions } from '../../../src/data/chunked-file.js'

export type ReadResult =
  | { readonly records: readonly (readonly string[])[] }
  | { readonly error: string }

export function readAny(
  path: string,
  options: ChunkedFileOptions = {}
): ReadResult {
  try {
    const reader = openRecordReader(path, options)
    try {
      const names =
        'header' in reader
          ? (reader.header as string[]).slice(0, 3)
          : reader.format === 'mlflow-json'
            ? ['prediction']
            : ['p', 'id'].filter((n) => reader.has(n))
      const slots = names.map((n) => reader.bind(n, 'fuzz'))
      const records: string[][] = []
      const out = { mantissa: 0, scale: 0 }
      while (reader.next()) {
        const record: string[] = [String(reader.position)]
        for (const slot of slots) {
          const s = reader.start[slot]
          const e = reader.end[slot]
          const text = fieldText(reader, slot)
          const number = parseNumberBytes(reader.bytes, s, e)
          if (Number.isNaN(number)) numberProblem(text)
          parseDecimalBytes(reader.bytes, s, e, out)
          fieldShown(reader, slot)
          record.push(text)
        }
        records.push(record)
      }
      return { records }
    } finally {
      reader.close()
    }
  } catch (error) {
    if (error instanceof UserError) return { error: error.message }
    throw error
  }
}
