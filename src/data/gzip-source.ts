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
 * is refused.
 */

import { Gunzip } from 'fflate'
import { DataError } from '../errors.js'

const INPUT_BYTES = 16 << 10

export class GunzipSource {
  private readonly queue: Uint8Array[] = []
  /** How much of queue[0] was already handed out. */
  private used = 0
  private ended = false
  private readonly input = Buffer.allocUnsafe(INPUT_BYTES)
  private readonly gunzip = new Gunzip((chunk) => {
    if (chunk.length > 0) this.queue.push(chunk)
  })

  /** `readRaw` fills a buffer with the file's next compressed bytes; 0 at its end. */
  constructor(
    private readonly path: string,
    private readonly readRaw: (into: Buffer) => number
  ) {}

  /** Copies up to `length` inflated bytes into `target` at `offset`; 0 at the end. */
  read(target: Buffer, offset: number, length: number): number {
    while (this.queue.length === 0) {
      if (this.ended) return 0
      const read = this.readRaw(this.input)
      if (read === 0) this.ended = true
      try {
        this.gunzip.push(this.input.subarray(0, read), read === 0)
      } catch (error) {
        throw new DataError(
          this.path,
          undefined,
          `is not a complete gzip file (${(error as Error).message}); was it cut short when copied? Check it with \`gzip -t\``
        )
      }
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
}
