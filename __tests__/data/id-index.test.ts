import { describe, expect, it } from '@jest/globals'
import { IdIndex } from '../../src/data/id-index.js'

const encoder = new TextEncoder()
const FNV_PRIME = 0x01000193
/** FNV's prime is odd, so it has an inverse modulo 2^16. */
const PRIME_INVERSE_16 = (() => {
  for (let x = 1; x < 0x10000; x += 2)
    if ((Math.imul(x, FNV_PRIME) & 0xffff) === 1) return x
  throw new Error('no inverse')
})()

/** The unseeded FNV-1a the index used before (the attacker's target). */
function unseededFnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5
  for (const byte of bytes) h = Math.imul(h ^ byte, FNV_PRIME)
  return h >>> 0
}

/**
 * `count` distinct ids whose unseeded FNV-1a hashes share their low 16
 * bits, so all of them wanted the same slot of any table up to 65,536 slots.
 * Each is a unique prefix plus two bytes solved for: the low 16 bits of
 * FNV-1a depend only on the low 16 bits of its state.
 */
function collidingIds(count: number, target = 0x2a2a): Uint8Array[] {
  const ids: Uint8Array[] = []
  const wanted = Math.imul(target, PRIME_INVERSE_16) & 0xffff
  for (let n = 0; ids.length < count; n++) {
    const prefix = encoder.encode(`tx${n}-`)
    let state = 0x811c9dc5
    for (const byte of prefix) state = Math.imul(state ^ byte, FNV_PRIME)
    for (let b1 = 0; b1 < 256; b1++) {
      const mixed = Math.imul(state ^ b1, FNV_PRIME) & 0xffff
      if (mixed >> 8 !== wanted >> 8) continue
      const b2 = (mixed ^ wanted) & 0xff
      const id = new Uint8Array([...prefix, b1, b2])
      ids.push(id)
      break
    }
  }
  return ids
}

function join(ids: Uint8Array[]): IdIndex {
  const index = new IdIndex()
  for (const id of ids) expect(index.add(id, 0, id.length)).toBe(-1)
  // A prediction file in another order, as a shuffled scorer writes it.
  for (let k = ids.length - 1; k >= 0; k--)
    expect(index.find(ids[k], 0, ids[k].length)).toBe(k)
  return index
}

describe('id-index.ts', () => {
  it('finds every row by id, and reports a repeated id with its first row', () => {
    const index = new IdIndex()
    const ids = ['a', 'b', 'tx1', 'tx10', '', 'ü'].map((s) => encoder.encode(s))
    for (const id of ids) expect(index.add(id, 0, id.length)).toBe(-1)
    expect(index.add(encoder.encode('tx1'), 0, 3)).toBe(2)
    expect(index.find(encoder.encode('tx10'), 0, 4)).toBe(3)
    expect(index.find(encoder.encode('tx2'), 0, 3)).toBe(-1)
    expect(index.findFrom(1, encoder.encode('tx1'), 0, 3)).toBe(2)
    expect(index.idOf(5)).toBe('ü')
  })

  it('matches plain integer ids by text, not value, before and after an id written otherwise turns it to bytes', () => {
    const index = new IdIndex()
    const texts = ['7', '-7', '0', '123456789012345', '1234567890123456', '42']
    texts.forEach((text, row) => {
      const id = encoder.encode(text)
      expect(index.add(id, 0, id.length)).toBe(-1)
      expect(index.find(id, 0, id.length)).toBe(row)
    })
    const find = (text: string): number => {
      const id = encoder.encode(text)
      return index.find(id, 0, id.length)
    }
    const add = (text: string): number => {
      const id = encoder.encode(text)
      return index.add(id, 0, id.length)
    }
    // Same value, other text: another id.
    for (const other of ['07', '+7', '-0', '7.0', ' 7', '42 ', '1e1', ''])
      expect(find(other)).toBe(-1)
    expect(add('42')).toBe(5)
    expect(add('-0')).toBe(-1) // the first id not plain: bytes from here on
    expect(add('07')).toBe(-1)
    texts.forEach((text, row) => expect(find(text)).toBe(row))
    expect(find('-0')).toBe(6)
    expect(find('07')).toBe(7)
    expect(find('0')).toBe(2)
    expect(add('7')).toBe(0)
    expect(index.idOf(4)).toBe('1234567890123456')
  })

  it('joins 100,000 shuffled integer ids, negative and up to 15 digits, in a few probes each', () => {
    const ids: Uint8Array[] = []
    for (let k = 0; k < 100_000; k++)
      ids.push(encoder.encode(String((k * 7919 - 50_000) * 1_000_003)))
    const index = join(ids)
    expect(index.probes).toBeLessThan(ids.length * 2 * 5)
  })

  it('the crafted ids really collide under the old, unseeded hash', () => {
    const ids = collidingIds(1000)
    expect(new Set(ids.map((id) => unseededFnv1a(id) & 0xffff))).toEqual(
      new Set([0x2a2a])
    )
    expect(new Set(ids.map((id) => id.join(','))).size).toBe(1000)
  })

  it('joins 20,000 ids crafted to collide under the old hash in a few probes each', () => {
    const ids = collidingIds(20_000)
    const index = join(ids)
    // Linear probing at a load of at most one half: about 1.5 probes per
    // lookup and 2.5 per insert on average. The old hash needed about
    // 20,000² / 2 = 200 million here (every id walked the whole cluster).
    expect(index.probes).toBeLessThan(ids.length * 2 * 5)
  })

  it('gives the same rows whatever the seed (two indexes, the same answers)', () => {
    const ids = collidingIds(500)
    const one = join(ids)
    const two = join(ids)
    for (const id of ids)
      expect(one.find(id, 0, id.length)).toBe(two.find(id, 0, id.length))
  })
})
