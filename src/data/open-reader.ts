/**
 * Opens a data file with the reader its format needs: `.csv` → CSV,
 * `.jsonl`/`.ndjson` → JSON Lines, `.json` → the `mlflow models predict`
 * document. Other names are sniffed from the first bytes.
 */

import { closeSync, openSync, readSync } from 'node:fs'
import { extname } from 'node:path'
import { DataError } from '../errors.js'
import { CsvReader } from './csv-reader.js'
import { JsonLinesReader } from './jsonl-reader.js'
import { describeFileError, type ChunkedFileOptions } from './chunked-file.js'
import { MlflowPredictionsReader } from './mlflow-predictions-reader.js'
import type { RecordReader } from './record-reader.js'

export function openRecordReader(
  path: string,
  options: ChunkedFileOptions = {}
): RecordReader {
  switch (extname(path).toLowerCase()) {
    case '.csv':
      return new CsvReader(path, options)
    case '.jsonl':
    case '.ndjson':
      return new JsonLinesReader(path, options)
    case '.json':
      return new MlflowPredictionsReader(path, options)
    default:
      return openBySniffing(path, options)
  }
}

function openBySniffing(
  path: string,
  options: ChunkedFileOptions
): RecordReader {
  let head: string
  try {
    const fd = openSync(path, 'r')
    const bytes = Buffer.alloc(4096)
    const read = readSync(fd, bytes, 0, bytes.length, 0)
    closeSync(fd)
    head = bytes.toString('utf8', 0, read).trimStart()
  } catch (error) {
    throw new DataError(path, undefined, describeFileError(error))
  }
  if (head.startsWith('[') || /^\{\s*"predictions"\s*:/.test(head)) {
    return new MlflowPredictionsReader(path, options)
  }
  if (head.startsWith('{')) return new JsonLinesReader(path, options)
  return new CsvReader(path, options)
}
