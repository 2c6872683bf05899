/**
 * Decompresses a gzip file as it is read, for `.csv.gz` and `.jsonl.gz`.
 *
 * The readers pull bytes synchronously (`readSync` into one reused
 * buffer), so the inflater must be a synchronous stream too. Node's zlib
 * has none in its public API: its `*Sync` functions take the whole input at
 * once (the whole file in memory), and the internal `_processChunk` behind
 * them closes the inflater after one call (tried: the second call throws).
 * fflate's `Gunzip` is a synchronous, incremental inflater (8 kB, no
 * dependencies): compressed bytes go in 16 KiB at a time and come out as
 * they are inflated, so memory stays flat whatever the file's size, and a
 * gzip bomb gives at most one piece's worth (16 KiB × 1032, the deflate
 * limit) at a time. Files of several gzip members (`cat a.gz b.gz`) read as
 * their concatenation, as `gunzip` does; compressed data that stops short
 * is refused. fflate does not check the gzip trailer, so for a file of one
 * member (what `gzip` and pandas write) its CRC-32 and length are checked
 * here, with Node's `zlib.crc32`: a damaged or cut file is refused rather
 * than read as different rows.
 */

import { Gunzip } from 'fflate'
import * as zlib from 'node:zlib'
import { DataError } from '../errors.js'

const INPUT_BYTES = 16 << 10

// Node 20.15 and 22.2 on; without it the trailer is not checked.
const crc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number })
  .crc32

export class GunzipSource {
  private readonly queue: Uint8Array[] = []
  /** How much of queue[0] was already handed out. */
  private used = 0
  private ended = false
  private readonly input = Buffer.allocUnsafe(INPUT_BYTES)
  /** CRC-32 and length (mod 2^32) of the output, and the file's last 8 bytes: the trailer. */
  private crc = 0
  private size = 0
  private readonly tail = Buffer.alloc(8)
  private tailFilled = 0
  private members = 1
  private readonly gunzip = new Gunzip((chunk) => {
    if (chunk.length === 0) return
    this.queue.push(chunk)
    if (crc32) this.crc = crc32(chunk, this.crc)
    this.size = (this.size + chunk.length) % 2 ** 32
  })

  /** `readRaw` fills a buffer with the file's next compressed bytes; 0 at its end. */
  constructor(
    private readonly path: string,
    private readonly readRaw: (into: Buffer) => number
  ) {
    this.gunzip.onmember = (offset) => {
      if (offset > 0) this.members++
    }
  }

  /** Copies up to `length` inflated bytes into `target` at `offset`; 0 at the end. */
  read(target: Buffer, offset: number, length: number): number {
    while (this.queue.length === 0) {
      if (this.ended) return 0
      const read = this.readRaw(this.input)
      if (read === 0) this.ended = true
      else this.keepTail(this.input.subarray(0, read))
      try {
        this.gunzip.push(this.input.subarray(0, read), read === 0)
      } catch (error) {
        throw new DataError(
          this.path,
          undefined,
          `is not a complete gzip file (${(error as Error).message}); was it cut short when copied? Check it with \`gzip -t\``
        )
      }
      if (this.ended) this.checkTrailer()
    }
    let copied = 0
    while (copied < length && this.queue.length > 0) {
      const chunk = this.queue[0]
      const take = Math.min(length - copied, chunk.length - this.used)
      target.set(chunk.subarray(this.used, this.used + take), offset + copied)
      copied += take
      this.used += take
      if (this.used === chunk.length) {
        this.queue.shift()
        this.used = 0
      }
    }
    return copied
  }

  private keepTail(bytes: Uint8Array): void {
    if (bytes.length >= 8) {
      this.tail.set(bytes.subarray(bytes.length - 8))
    } else {
      this.tail.copyWithin(0, bytes.length)
      this.tail.set(bytes, 8 - bytes.length)
    }
    this.tailFilled = Math.min(8, this.tailFilled + bytes.length)
  }

  private checkTrailer(): void {
    if (!crc32 || this.members !== 1) return
    if (
      this.tailFilled < 8 ||
      this.tail.readUInt32LE(0) !== this.crc >>> 0 ||
      this.tail.readUInt32LE(4) !== this.size
    )
      throw new DataError(
        this.path,
        undefined,
        'is a damaged gzip file: its data does not match the CRC-32 and length at its end (cut short, or changed when copied?); check it with `gzip -t`'
      )
  }
}
