/**
 * A record whose fields arrive as text (JSON Lines, `mlflow models predict`
 * JSON) handed out as every RecordReader hands out a record: the bound
 * fields' UTF-8 bytes side by side in one buffer, with each field's range.
 */

const encoder = new TextEncoder()

/**
 * Writes `texts` (one per slot) into `buffer`, sets `start[slot]` and
 * `end[slot]`, and returns the buffer: the same one, or a larger copy when
 * the record did not fit (kept by the caller for the next record).
 */
export function writeFieldTexts(
  texts: readonly string[],
  buffer: Uint8Array,
  start: Int32Array,
  end: Int32Array
): Uint8Array {
  let offset = 0
  for (let slot = 0; slot < texts.length; slot++) {
    const encoded = encoder.encode(texts[slot])
    if (offset + encoded.length > buffer.length) {
      const larger = new Uint8Array((offset + encoded.length) * 2)
      larger.set(buffer.subarray(0, offset))
      buffer = larger
    }
    buffer.set(encoded, offset)
    start[slot] = offset
    offset += encoded.length
    end[slot] = offset
  }
  return buffer
}
