/**
 * A file read in large chunks into one reused buffer: the base of the
 * streaming readers. A subclass scans `buffer[0, filled)` and, when it needs
 * more, calls `readMore(keep)`, which keeps the bytes from `keep` on (moved to
 * the front, the buffer doubled when they fill it) and reads the next chunk
 * after them. Every byte read is shown once to `onBytes`, in order (the test
 * set's sha256 is computed this way, in the same pass).
 */

import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statfsSync
} from 'node:fs'
import { DataError } from '../errors.js'
import { GunzipSource } from './gzip-source.js'

/**
 * The longest record (a CSV record, a JSON Lines line, an item of a
 * predictions document) a reader accepts: far above any real row, and a
 * bound on the memory a hostile file can take (documented in the README).
 */
export const MAX_RECORD_BYTES = 64 << 20

export interface ChunkedFileOptions {
  /** Called with every chunk of bytes as it is read, in order. */
  readonly onBytes?: (chunk: Uint8Array) => void
  /** Bytes read at a time. */
  readonly chunkSize?: number
  /** The longest record accepted (tests lower it); MAX_RECORD_BYTES by default. */
  readonly maxRecordBytes?: number
  /** The file is gzip-compressed: inflate it as it is read (`onBytes` still sees the file's own bytes). */
  readonly gzip?: boolean
}

export class ChunkedFile {
  buffer: Buffer
  /** Bytes [0, filled) of `buffer` hold data. */
  protected filled = 0
  protected endOfFile = false
  protected readonly maxRecordBytes: number
  private fd: number | undefined
  private readonly onBytes?: (chunk: Uint8Array) => void
  /** The size the file had when opened: 0 with bytes to read means a pseudo file. */
  private readonly openedSize: number
  private bytesRead = 0
  private readonly gunzip?: GunzipSource
  /** True when the file is gzip-compressed (see RecordReader.gzip). */
  readonly gzip: boolean

  constructor(
    readonly path: string,
    options: ChunkedFileOptions = {}
  ) {
    this.buffer = Buffer.allocUnsafe(options.chunkSize ?? 1 << 20)
    this.onBytes = options.onBytes
    this.maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES
    const file = openRegularFile(path)
    this.fd = file.fd
    this.openedSize = file.size
    this.gzip = options.gzip ?? false
    if (this.gzip)
      this.gunzip = new GunzipSource(path, (into) =>
        this.readRaw(into, 0, into.length)
      )
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
    // The bytes kept are one unfinished record: refuse it before it grows
    // without bound (a 300 MB field, a file with no line breaks).
    if (kept > this.maxRecordBytes) throw this.recordTooLong()
    if (keep > 0) this.buffer.copy(this.buffer, 0, keep, this.filled)
    if (kept === this.buffer.length) {
      const larger = Buffer.allocUnsafe(this.buffer.length * 2)
      this.buffer.copy(larger, 0, 0, kept)
      this.buffer = larger
    }
    this.filled = kept
    if (this.fd === undefined) {
      this.endOfFile = true
      return keep
    }
    const room = this.buffer.length - kept
    const read = this.gunzip
      ? this.gunzip.read(this.buffer, kept, room)
      : this.readRaw(this.buffer, kept, room)
    if (read === 0) this.endOfFile = true
    else this.filled += read
    return keep
  }

  /** Reads the file's next bytes into `into` at `offset`, showing them to `onBytes`; 0 at its end. */
  private readRaw(into: Buffer, offset: number, length: number): number {
    const fd = this.fd
    if (fd === undefined) return 0
    let read: number
    try {
      read = readSync(fd, into, offset, length, null)
    } catch (error) {
      throw new DataError(this.path, undefined, describeFileError(error))
    }
    if (read > 0) {
      if (this.openedSize === 0 && this.bytesRead === 0) {
        this.close()
        throw new DataError(this.path, undefined, NOT_REGULAR_PSEUDO)
      }
      this.bytesRead += read
      this.onBytes?.(into.subarray(offset, offset + read))
    }
    return read
  }

  /** The error for a record over `maxRecordBytes`; readers name its line or item. */
  protected recordTooLong(): DataError {
    return new DataError(
      this.path,
      undefined,
      recordTooLongDetail(this.maxRecordBytes)
    )
  }
}

/** The words for a record over the size limit. */
export function recordTooLongDetail(maxRecordBytes: number): string {
  const mib = maxRecordBytes / (1 << 20)
  const size = Number.isInteger(mib) ? `${mib} MiB` : `${maxRecordBytes} bytes`
  return `a single record (line or item) is longer than ${size}; champion-gate refuses it rather than hold it in memory. Is this really a data file of rows (a line break missing, a column holding whole documents)?`
}

const NOT_REGULAR_PSEUDO =
  "is not a regular file (it reports size 0 but has content, as the kernel's /proc and /sys files do); give the path of a data file"

// Filesystems whose files are the kernel's state, not data: procfs, sysfs,
// debugfs, tracefs, securityfs, cgroup v1/v2, configfs, efivarfs, bpf, pstore.
const PSEUDO_FILESYSTEMS = new Set([
  0x9fa0, 0x62656572, 0x64626720, 0x74726163, 0x73636673, 0x27e0eb, 0x63677270,
  0x62656570, 0xde5e81e4, 0xcafe4a11, 0x6165676c
])

/**
 * Opens a data file for reading, refusing anything that is not a regular
 * file on a real filesystem: a directory, a FIFO (opening one would block),
 * a socket, a device, and the kernel's pseudo files under /proc, /sys and
 * /dev (a symlink to /proc/self/environ would otherwise put the runner's
 * environment into an error message). Those stat as regular files of size
 * 0, so they are refused by where they really are (the symlinks resolved),
 * by their filesystem, and, whatever their path, by having content when
 * they said they had none (see `readMore`).
 */
export function openRegularFile(path: string): { fd: number; size: number } {
  let real: string
  try {
    real = realpathSync(path)
  } catch (error) {
    throw new DataError(path, undefined, describeFileError(error))
  }
  if (/^\/(proc|sys|dev)(\/|$)/.test(real)) {
    throw new DataError(
      path,
      undefined,
      `is not a regular file (it is ${real === path ? '' : 'a link to '}the system's ${real.split('/')[1]} area); give the path of a data file`
    )
  }
  try {
    if (PSEUDO_FILESYSTEMS.has(Number(statfsSync(real).type))) {
      throw new DataError(path, undefined, NOT_REGULAR_PSEUDO)
    }
  } catch (error) {
    if (error instanceof DataError) throw error
    // statfs is not everywhere (some platforms, some sandboxes): the other checks remain.
  }
  let fd: number
  try {
    // Non-blocking, so that a FIFO is refused below instead of hanging the run.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    throw new DataError(path, undefined, describeFileError(error))
  }
  const stat = fstatSync(fd)
  if (!stat.isFile()) {
    closeSync(fd)
    const kind = stat.isDirectory()
      ? 'a directory'
      : stat.isFIFO()
        ? 'a named pipe'
        : stat.isSocket()
          ? 'a socket'
          : 'a device'
    throw new DataError(
      path,
      undefined,
      `is ${kind}, not a regular file; give the path of the data file itself`
    )
  }
  return { fd, size: stat.size }
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
    case 'ELOOP':
      return 'is a symbolic link that points to itself (a loop); give the path of the data file'
    default:
      return `cannot read the file (${code ?? String(error)})`
  }
}
