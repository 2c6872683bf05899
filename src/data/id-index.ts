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
 *
 * While every id is an integer written plainly (`123`, `-7`: no sign but a
 * leading '-', no leading zero, at most 15 digits), the table holds each
 * id's value beside its row instead, so a lookup in a shuffled file
 * confirms its match in the table itself, without the two further reads at
 * random places (the row's offset, then its bytes) that made most of the
 * join's time. Two such texts are equal exactly when their values are, and
 * an id written otherwise can equal none of them. The first id written
 * otherwise turns the index to the byte table for good.
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
  return finish(h, seed)
}

/** The seeded finaliser both hashes end with (murmur3's fmix32 after the seed's second half). */
function finish(h: number, seed: Int32Array): number {
  h ^= seed[1]
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}

/**
 * The value of an id written as a plain integer of at most 15 digits
 * (exact in a double), or NaN.
 */
function plainInteger(bytes: Uint8Array, start: number, end: number): number {
  let i = start
  const negative = i < end && bytes[i] === 45
  if (negative) i++
  const digits = end - i
  if (digits < 1 || digits > 15) return NaN
  // No leading zero, but the id '0' itself ('-0' is not plain).
  if (bytes[i] === 48 && (digits > 1 || negative)) return NaN
  let value = 0
  for (; i < end; i++) {
    const digit = bytes[i] - 48
    if (digit < 0 || digit > 9) return NaN
    value = value * 10 + digit
  }
  return negative ? -value : value
}

/** The seeded hash of a plain integer id (see hashBytes): its two 32-bit halves. */
function hashInteger(value: number, seed: Int32Array): number {
  const high = Math.floor(value / 4294967296)
  const low = value - high * 4294967296
  let h = seed[0]
  h ^= low | 0
  h = Math.imul(h, 0x01000193)
  h ^= high
  h = Math.imul(h, 0x01000193)
  return finish(h, seed)
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
  private table = new Int32Array(0)
  /**
   * While every id is a plain integer (see plainInteger): pairs [row + 1,
   * value] (0: empty), as `table`; then undefined, and `table` is used.
   */
  private integers: Float64Array | undefined = new Float64Array(1 << 14)

  /** Adds an id as the next row; returns the earlier row with the same id, or -1. */
  add(bytes: Uint8Array, start: number, end: number): number {
    if (this.integers) {
      const value = plainInteger(bytes, start, end)
      if (value === value) return this.addInteger(bytes, start, end, value)
      this.toBytes()
    }
    const hash = hashBytes(bytes, start, end, this.seed)
    const existing = this.lookup(bytes, start, end, hash)
    if (existing >= 0) return existing
    const row = this.append(bytes, start, end)
    if (this.size * 4 > this.table.length) this.rehash(this.table.length * 2)
    this.place(this.table, row, hash)
    return -1
  }

  /** The row with this id, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    if (this.integers) {
      const value = plainInteger(bytes, start, end)
      return value === value ? this.lookupInteger(value) : -1
    }
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

  private addInteger(
    bytes: Uint8Array,
    start: number,
    end: number,
    value: number
  ): number {
    const existing = this.lookupInteger(value)
    if (existing >= 0) return existing
    const row = this.append(bytes, start, end)
    if (this.size * 4 > this.integers!.length)
      this.integers = this.rehashIntegers(this.integers!.length * 2)
    this.placeInteger(this.integers!, row, value)
    return -1
  }

  private lookupInteger(value: number): number {
    const table = this.integers!
    const mask = (table.length >> 1) - 1
    for (
      let slot = hashInteger(value, this.seed) & mask;
      ;
      slot = (slot + 1) & mask
    ) {
      this.probes++
      const row = table[slot << 1]
      if (row === 0) return -1
      if (table[(slot << 1) + 1] === value) return row - 1
    }
  }

  private placeInteger(table: Float64Array, row: number, value: number): void {
    const mask = (table.length >> 1) - 1
    let slot = hashInteger(value, this.seed) & mask
    this.probes++
    while (table[slot << 1] !== 0) {
      slot = (slot + 1) & mask
      this.probes++
    }
    table[slot << 1] = row + 1
    table[(slot << 1) + 1] = value
  }

  private rehashIntegers(length: number): Float64Array {
    const old = this.integers!
    const table = new Float64Array(length)
    for (let k = 0; k < old.length; k += 2)
      if (old[k] !== 0) this.placeInteger(table, old[k] - 1, old[k + 1])
    return table
  }

  /** The first id not a plain integer: the byte table from here on, built from the arena. */
  private toBytes(): void {
    this.integers = undefined
    let length = 1 << 14
    while ((this.size + 1) * 4 > length) length *= 2
    const table = new Int32Array(length).fill(EMPTY)
    for (let row = 0; row < this.size; row++) {
      const from = this.offsets[row]
      const hash = hashBytes(this.arena, from, this.offsets[row + 1], this.seed)
      this.place(table, row, hash)
    }
    this.table = table
  }

  /** Stores an id's bytes as the next row; returns the row. */
  private append(bytes: Uint8Array, start: number, end: number): number {
    const row = this.size
    this.reserve(row + 1, end - start)
    this.arena.set(bytes.subarray(start, end), this.arenaUsed)
    this.offsets[row] = this.arenaUsed
    this.arenaUsed += end - start
    this.offsets[row + 1] = this.arenaUsed
    this.size = row + 1
    return row
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
