/**
 * An index from row id (the bytes of the id column) to row number, for
 * joining prediction files to the test set by key. Ids live in one byte
 * arena; the open-addressing table keeps each row number beside its hash,
 * so a lookup in a shuffled file costs one table access plus the one id
 * comparison that confirms it: two million ids take tens of megabytes, not
 * two million strings and map entries.
 *
 * The ids come from files a pull request can write, so the hash is seeded
 * per index with random bits: with a fixed hash, 100,000 ids crafted to
 * share a slot made the join take 18.5 s instead of 0.4 s (every insert
 * walked the whole cluster). Which row an id maps to never depends on the
 * seed; only where it sits in the table does.
 */

import { randomFillSync } from 'node:crypto'

const EMPTY = -1
const decoder = new TextDecoder()

/**
 * FNV-1a over the bytes from a secret starting state, then Murmur3's
 * finalizer with a second secret: FNV-1a alone leaves the low bits (the
 * slot) depending only on the low bits of its state, which makes slot
 * collisions cheap to search for; the finalizer spreads every bit into them.
 */
function hashBytes(
  bytes: Uint8Array,
  start: number,
  end: number,
  seed: Int32Array
): number {
  let h = seed[0]
  for (let i = start; i < end; i++) {
    h ^= bytes[i]
    h = Math.imul(h, 0x01000193)
  }
  h ^= seed[1]
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}

export class IdIndex {
  size = 0
  /** Table slots visited by adds and lookups: the cost a flood would raise. */
  probes = 0
  private readonly seed = randomFillSync(new Int32Array(2))
  private arena = new Uint8Array(1 << 16)
  private arenaUsed = 0
  private offsets = new Int32Array(1 << 12)
  /** Pairs [row, hash]; capacity is half its length, a power of two. */
  private table = new Int32Array(1 << 14).fill(EMPTY)

  /** Adds an id as the next row; returns the earlier row with the same id, or -1. */
  add(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(bytes, start, end, this.seed)
    const existing = this.lookup(bytes, start, end, hash)
    if (existing >= 0) return existing
    const row = this.size
    this.reserve(row + 1, end - start)
    this.arena.set(bytes.subarray(start, end), this.arenaUsed)
    this.offsets[row] = this.arenaUsed
    this.arenaUsed += end - start
    this.offsets[row + 1] = this.arenaUsed
    this.size = row + 1
    if (this.size * 4 > this.table.length) this.rehash(this.table.length * 2)
    this.place(this.table, row, hash)
    return -1
  }

  /** The row with this id, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    return this.lookup(
      bytes,
      start,
      end,
      hashBytes(bytes, start, end, this.seed)
    )
  }

  /**
   * Like `find`, trying `guess` first: prediction files are often in the
   * test set's order, and comparing with the expected row reads memory in
   * sequence instead of hopping around the table.
   */
  findFrom(
    guess: number,
    bytes: Uint8Array,
    start: number,
    end: number
  ): number {
    if (
      guess >= 0 &&
      guess < this.size &&
      this.matches(guess, bytes, start, end)
    )
      return guess
    return this.find(bytes, start, end)
  }

  /** The id of a row, as text. */
  idOf(row: number): string {
    return decoder.decode(
      this.arena.subarray(this.offsets[row], this.offsets[row + 1])
    )
  }

  private lookup(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number
  ): number {
    const table = this.table
    const mask = (table.length >> 1) - 1
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      this.probes++
      const row = table[slot << 1]
      if (row === EMPTY) return -1
      if (
        table[(slot << 1) + 1] === hash &&
        this.matches(row, bytes, start, end)
      )
        return row
    }
  }

  private matches(
    row: number,
    bytes: Uint8Array,
    start: number,
    end: number
  ): boolean {
    const from = this.offsets[row]
    const length = end - start
    if (this.offsets[row + 1] - from !== length) return false
    const arena = this.arena
    for (let j = 0; j < length; j++) {
      if (arena[from + j] !== bytes[start + j]) return false
    }
    return true
  }

  private place(table: Int32Array, row: number, hash: number): void {
    const mask = (table.length >> 1) - 1
    let slot = hash & mask
    this.probes++
    while (table[slot << 1] !== EMPTY) {
      slot = (slot + 1) & mask
      this.probes++
    }
    table[slot << 1] = row
    table[(slot << 1) + 1] = hash
  }

  private rehash(length: number): void {
    const old = this.table
    const table = new Int32Array(length).fill(EMPTY)
    for (let k = 0; k < old.length; k += 2) {
      if (old[k] !== EMPTY) this.place(table, old[k], old[k + 1])
    }
    this.table = table
  }

  private reserve(rows: number, idLength: number): void {
    if (rows + 1 > this.offsets.length) {
      const offsets = new Int32Array((rows + 1) * 2)
      offsets.set(this.offsets)
      this.offsets = offsets
    }
    if (this.arenaUsed + idLength > this.arena.length) {
      const arena = new Uint8Array((this.arenaUsed + idLength) * 2)
      arena.set(this.arena)
      this.arena = arena
    }
  }
}
