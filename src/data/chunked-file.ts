/**
 * A file read in large chunks into one reused buffer: the base of the
 * streaming readers. A subclass scans `buffer[0, filled)` and, when it needs
 * more, calls `readMore(keep)`, which keeps the bytes from `keep` on (moved to
 * the front, the buffer doubled when they fill it) and reads the next chunk
 * after them. Every byte read is shown once to `onBytes`, in order (the test
 * set's sha256 is computed this way, in the same pass).
 */

import { closeSync, openSync, readSync } from 'node:fs'
import { DataError } from '../errors.js'

export interface ChunkedFileOptions {
  /** Called with every chunk of bytes as it is read, in order. */
  readonly onBytes?: (chunk: Uint8Array) => void
  /** Bytes read at a time. */
  readonly chunkSize?: number
}

export class ChunkedFile {
  buffer: Buffer
  /** Bytes [0, filled) of `buffer` hold data. */
  protected filled = 0
  protected endOfFile = false
  private fd: number | undefined
  private readonly onBytes?: (chunk: Uint8Array) => void

  constructor(
    readonly path: string,
    options: ChunkedFileOptions = {}
  ) {
    this.buffer = Buffer.allocUnsafe(options.chunkSize ?? 1 << 20)
    this.onBytes = options.onBytes
    try {
      this.fd = openSync(path, 'r')
    } catch (error) {
      throw new DataError(path, undefined, describeFileError(error))
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  /**
   * Keeps bytes [keep, filled) at the front and reads the next chunk after
   * them; returns how far the kept bytes moved (`keep`), so the caller can
   * shift its indexes. Sets `endOfFile` when nothing more came.
   */
  protected readMore(keep: number): number {
    const kept = this.filled - keep
    if (keep > 0) this.buffer.copy(this.buffer, 0, keep, this.filled)
    if (kept === this.buffer.length) {
      const larger = Buffer.allocUnsafe(this.buffer.length * 2)
      this.buffer.copy(larger, 0, 0, kept)
      this.buffer = larger
    }
    this.filled = kept
    const fd = this.fd
    if (fd === undefined) {
      this.endOfFile = true
      return keep
    }
    let read: number
    try {
      read = readSync(fd, this.buffer, kept, this.buffer.length - kept, null)
    } catch (error) {
      throw new DataError(this.path, undefined, describeFileError(error))
    }
    if (read === 0) {
      this.endOfFile = true
    } else {
      this.onBytes?.(this.buffer.subarray(kept, kept + read))
      this.filled += read
    }
    return keep
  }
}

/** Says in words why a file could not be opened or read. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  switch (code) {
    case 'ENOENT':
      return 'file not found; check the path (it is relative to the workspace) and that an earlier step wrote it'
    case 'EISDIR':
      return 'is a directory, not a file; give the path of the file itself'
    case 'EACCES':
      return 'permission denied; make the file readable by the runner'
    default:
      return `cannot read the file (${code ?? String(error)})`
  }
}
