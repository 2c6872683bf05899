/**
 * Snappy decompression of one Parquet page (the raw block format, no
 * framing), as pyarrow and Spark write by default.
 *
 * hyparquet's own decoder copies every literal and back-reference a byte
 * at a time: on 2,000,000 rows (test set and predictions in Parquet, by
 * position) it took about 0.40 s of the two threads' 2.6 s of profile time;
 * copying long literals with `set` and long back-references with
 * `copyWithin` (memmove) brings that to about 0.27 s. Short copies stay in
 * a loop, where a call costs more than it saves.
 * Format: https://github.com/google/snappy/blob/main/format_description.txt
 */

/** Below this many bytes a copy is done in a loop. */
const BULK = 16

/** Inflates `input` into `output`, which must be exactly the page's uncompressed size. */
export function inflateSnappy(input: Uint8Array, output: Uint8Array): void {
  const inputLength = input.length
  let pos = 0
  // The preamble: the uncompressed length as a varint.
  let declared = 0
  for (let shift = 0; ; shift += 7) {
    if (pos >= inputLength || shift > 28)
      throw new Error('invalid snappy length header')
    const c = input[pos++]
    declared += (c & 0x7f) * 2 ** shift
    if (c < 128) break
  }
  if (declared !== output.length)
    throw new Error(
      `snappy length ${declared} differs from the page's ${output.length}`
    )
  let out = 0
  while (pos < inputLength) {
    const tag = input[pos++]
    let length: number
    let offset: number
    switch (tag & 3) {
      case 0: {
        length = (tag >>> 2) + 1
        if (length > 60) {
          // 1 to 4 little-endian bytes hold length - 1.
          const size = length - 60
          if (pos + size > inputLength)
            throw new Error('snappy literal length past the input')
          length = 0
          for (let k = size - 1; k >= 0; k--)
            length = length * 256 + input[pos + k]
          length += 1
          pos += size
        }
        if (pos + length > inputLength || out + length > output.length)
          throw new Error('snappy literal past the input or the page')
        if (length < BULK) {
          for (let k = 0; k < length; k++) output[out + k] = input[pos + k]
        } else {
          output.set(input.subarray(pos, pos + length), out)
        }
        pos += length
        out += length
        continue
      }
      case 1:
        if (pos >= inputLength) throw new Error('snappy copy past the input')
        length = ((tag >>> 2) & 7) + 4
        offset = ((tag >>> 5) << 8) | input[pos++]
        break
      case 2:
        if (pos + 2 > inputLength) throw new Error('snappy copy past the input')
        length = (tag >>> 2) + 1
        offset = input[pos] | (input[pos + 1] << 8)
        pos += 2
        break
      default:
        if (pos + 4 > inputLength) throw new Error('snappy copy past the input')
        length = (tag >>> 2) + 1
        offset =
          (input[pos] |
            (input[pos + 1] << 8) |
            (input[pos + 2] << 16) |
            (input[pos + 3] << 24)) >>>
          0
        pos += 4
    }
    if (offset === 0 || offset > out || out + length > output.length)
      throw new Error('snappy copy outside the page')
    const from = out - offset
    if (length < BULK || offset < length) {
      // Overlapping copies repeat the last `offset` bytes: byte by byte is
      // what they mean (copyWithin would copy the old bytes once).
      for (let k = 0; k < length; k++) output[out + k] = output[from + k]
    } else {
      output.copyWithin(out, from, from + length)
    }
    out += length
  }
  if (out !== output.length) throw new Error('snappy data ends early')
}
