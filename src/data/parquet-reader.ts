/**
 * A streaming Parquet reader behind the same RecordReader interface as the
 * text readers: a row group at a time, only the bound columns' pages read
 * from the file, one page at a time, decoded with hyparquet's synchronous
 * page decoders (and our own for the common flat pages, into reused typed
 * arrays: see readFlatPage). Each row's bound fields are
 * written as text into a small buffer, so that labels, ids, scores and
 * costs go through the very parsers a CSV cell goes through:
 *
 * - integers as their digits (an int64 id `7` is the bytes `7`, and meets
 *   a CSV id `7`);
 * - DECIMAL(p, s) as its unscaled integer with the point put back
 *   (`12345` at scale 2 is `123.45`): exact, as the cost sum needs;
 * - DOUBLE and FLOAT as Python's `repr` gives them (see python-float-text):
 *   the text pandas would write to CSV, so a double amount has the exact
 *   value `Decimal(str(x))` gives in Python;
 * - strings as their bytes; booleans as `True`/`False`, as pandas writes them;
 * - a null as an empty field, so a null label, id, score or cost is refused
 *   with the same words as an empty CSV cell, naming the row.
 *
 * Memory: one page of each bound column (compressed and inflated; writers
 * make them about 1 MiB) and its dictionary; flat in the number of rows and
 * in the row-group size (Spark's 128 MB groups are read a page at a time).
 * A score column stored as DOUBLE can be bound as a number instead
 * (`bindNumber`), skipping the text.
 *
 * Dates, timestamps, nested and repeated columns are refused when bound,
 * naming the column and its type. Why hyparquet, and the figures, are in
 * bench/parquet-readers/README.md.
 */

import { closeSync, readSync } from 'node:fs'
import * as zlib from 'node:zlib'
import { parquetMetadata, parquetSchema } from 'hyparquet/src/metadata.js'
import type {
  ColumnChunk,
  CompressionCodec,
  Compressors,
  DataReader,
  DecodedArray,
  FileMetaData,
  PageHeader,
  SchemaElement,
  SchemaTree
} from 'hyparquet'
import { parquetHeader } from 'hyparquet/src/column.js'
import {
  decompressPage,
  readDataPage,
  readDataPageV2
} from 'hyparquet/src/datapage.js'
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js'
import { readPlain } from 'hyparquet/src/plain.js'
import { DataError } from '../errors.js'
import {
  describeFileError,
  openRegularFile,
  type ChunkedFileOptions
} from './chunked-file.js'
import { pythonFloatText } from './python-float-text.js'
import { listFields, type RecordReader } from './record-reader.js'
import { inflateSnappy } from './snappy.js'
import { shown } from './shown-value.js'

type ColumnDecoder = Parameters<typeof readDataPage>[2]

/** How a column's values become text. */
type ValueKind =
  'bytes' | 'int' | 'uint' | 'decimal' | 'double' | 'float' | 'bool'

// Node's own zlib decompresses gzip, zstd and brotli pages (native and
// adding nothing to the bundle); snappy is `snappy.ts`.
const zstd = (zlib as { zstdDecompressSync?: (b: Uint8Array) => Buffer })
  .zstdDecompressSync
const COMPRESSORS: Compressors = {
  GZIP: (input) => zlib.gunzipSync(input),
  BROTLI: (input) => zlib.brotliDecompressSync(input),
  ...(zstd ? { ZSTD: (input: Uint8Array) => zstd(input) } : {})
}
const READ_CODECS = new Set<CompressionCodec>([
  'UNCOMPRESSED',
  'SNAPPY',
  'GZIP',
  'BROTLI',
  ...(zstd ? (['ZSTD'] as const) : [])
])

/** The largest page accepted (writers make about 1 MiB), and its most values. */
const MAX_PAGE_BYTES = 256 << 20
const MAX_PAGE_VALUES = 64 << 20

/** `nextValue`'s value for a byte array: its bytes are the cursor's `range*`. */
const RANGE = Symbol('byte range')
const TRUE = new TextEncoder().encode('True')
const FALSE = new TextEncoder().encode('False')

/** The kind of a leaf column, or why it cannot be read. */
function valueKind(element: SchemaElement): ValueKind | string {
  const { type, converted_type: converted, logical_type: logical } = element
  if (converted === 'DECIMAL' || logical?.type === 'DECIMAL') return 'decimal'
  const refused: Record<string, string> = {
    DATE: 'dates',
    TIME_MILLIS: 'times of day',
    TIME_MICROS: 'times of day',
    TIMESTAMP_MILLIS: 'timestamps',
    TIMESTAMP_MICROS: 'timestamps',
    INTERVAL: 'intervals',
    BSON: 'BSON documents'
  }
  if (converted && refused[converted]) return refused[converted]
  if (logical?.type === 'TIMESTAMP') return 'timestamps'
  if (logical?.type === 'DATE') return 'dates'
  if (logical?.type === 'TIME') return 'times of day'
  if (logical?.type === 'UUID') return 'UUIDs'
  if (logical?.type === 'FLOAT16') return 'half-precision floats'
  switch (type) {
    case 'BOOLEAN':
      return 'bool'
    case 'INT32':
    case 'INT64':
      return converted === 'UINT_32' ||
        converted === 'UINT_64' ||
        (logical?.type === 'INTEGER' && !logical.isSigned)
        ? 'uint'
        : 'int'
    case 'FLOAT':
      return 'float'
    case 'DOUBLE':
      return 'double'
    case 'BYTE_ARRAY':
      return 'bytes'
    case 'INT96':
      return 'timestamps (INT96)'
    default:
      return 'fixed-length binary values'
  }
}

/**
 * An INT64 array seen as pairs of 32-bit halves: reading a BigInt64Array
 * element makes a BigInt on the heap, the slow part of reading int64 ids,
 * labels and cents; the halves make a double with no allocation.
 */
function int64Pairs(values: DecodedArray | undefined): Int32Array | undefined {
  return values instanceof BigInt64Array
    ? new Int32Array(values.buffer, values.byteOffset, values.length * 2)
    : undefined
}

/** Element `index` of int64 pairs: a number when exact (below 2^53), else a bigint. */
function int64At(pairs: Int32Array, index: number): number | bigint {
  // Typed arrays are in the platform's byte order: little-endian on every
  // platform Node runs actions on, so the low half comes first.
  const low = pairs[index * 2] >>> 0
  const high = pairs[index * 2 + 1]
  if (high >= -0x200000 && high < 0x200000) return high * 4294967296 + low
  return (BigInt(high) << 32n) | BigInt(low)
}

/** Bytes per value of the fixed-width physical types, read as typed arrays. */
const PLAIN_WIDTHS: Partial<Record<string, number>> = {
  INT32: 4,
  INT64: 8,
  FLOAT: 4,
  DOUBLE: 8
}
const PLAIN_ARRAYS: Partial<
  Record<
    string,
    | typeof Int32Array
    | typeof BigInt64Array
    | typeof Float32Array
    | typeof Float64Array
  >
> = {
  INT32: Int32Array,
  INT64: BigInt64Array,
  FLOAT: Float32Array,
  DOUBLE: Float64Array
}

/**
 * `count` PLAIN byte arrays (each a 4-byte length, then its bytes) as
 * [start, end) pairs into the page's bytes: no object per value. A
 * Uint8Array per value (hyparquet's readPlain) made a column of two million
 * string ids cost the collector most of a second and 200 MB of peak memory
 * (a dictionary of a million of them per row group).
 */
function byteArrayRanges(
  bytes: Uint8Array,
  offset: number,
  count: number,
  reuse?: Int32Array
): Int32Array {
  const ranges =
    reuse && reuse.length >= count * 2 ? reuse : new Int32Array(count * 2)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  for (let i = 0; i < count; i++) {
    if (offset + 4 > bytes.length)
      throw new Error('a byte array runs past the end of its page')
    const length = view.getUint32(offset, true)
    offset += 4
    if (offset + length > bytes.length)
      throw new Error('a byte array runs past the end of its page')
    ranges[2 * i] = offset
    ranges[2 * i + 1] = offset + length
    offset += length
  }
  return ranges
}

/**
 * A data page (v1) of a flat column in the encodings writers use (plain,
 * dictionary), as hyparquet's readDataPage reads it but with typed arrays:
 * its definition levels in a Uint8Array (none when the page has no null)
 * and dictionary keys in an Int32Array. hyparquet decodes both into plain
 * JS arrays, the largest cost of reading a nullable column (pandas and
 * Spark columns are nullable even when no value is null). Undefined for
 * another encoding: hyparquet's own reader takes it.
 */
function readFlatPage(
  bytes: Uint8Array,
  header: NonNullable<PageHeader['data_page_header']>,
  decoder: ColumnDecoder,
  maxDefinition: number,
  /** Buffers reused from page to page (grown as needed). */
  reuse: {
    definitions: Uint8Array
    keys: Int32Array
    ranges: Int32Array
    aligned: Uint8Array
  }
):
  | {
      definitionLevels: Uint8Array | undefined
      dataPage: DecodedArray
      /** Plain byte arrays: their [start, end) in the page's bytes (see byteArrayRanges). */
      ranges?: Int32Array
    }
  | undefined {
  const { encoding } = header
  const dictionary =
    encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY'
  if ((encoding !== 'PLAIN' && !dictionary) || maxDefinition > 1)
    return undefined
  if (decoder.type === 'BOOLEAN' && dictionary) return undefined
  const reader: DataReader = {
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    offset: 0
  }
  let definitions: Uint8Array | undefined
  let nulls = 0
  if (maxDefinition === 1) {
    if (reuse.definitions.length < header.num_values)
      reuse.definitions = new Uint8Array(header.num_values * 2)
    // readRleBitPackedHybrid fills its output to its length: give it exactly the page's.
    definitions = reuse.definitions.subarray(0, header.num_values)
    readRleBitPackedHybrid(reader, 1, definitions)
    for (let i = 0; i < definitions.length; i++)
      if (definitions[i] !== 1) nulls++
    if (nulls === 0) definitions = undefined
  }
  const count = header.num_values - nulls
  if (!dictionary && decoder.type === 'BYTE_ARRAY') {
    reuse.ranges = byteArrayRanges(bytes, reader.offset, count, reuse.ranges)
    return { definitionLevels: definitions, dataPage: [], ranges: reuse.ranges }
  }
  const plainWidth = PLAIN_WIDTHS[decoder.type]
  if (!dictionary && plainWidth) {
    // readPlain copies misaligned values (after the definition levels) into
    // a new buffer per page; one reused buffer keeps memory flat in rows.
    const length = count * plainWidth
    if (reader.offset + length > bytes.length)
      throw new Error('a page holds fewer values than its header says')
    let source = bytes
    let offset = reader.offset
    if ((bytes.byteOffset + offset) % plainWidth !== 0) {
      if (reuse.aligned.length < length)
        reuse.aligned = new Uint8Array(
          Math.max(length, reuse.aligned.length * 2)
        )
      reuse.aligned.set(bytes.subarray(offset, offset + length))
      source = reuse.aligned
      offset = 0
    }
    const at = source.byteOffset + offset
    const ArrayType = PLAIN_ARRAYS[decoder.type]!
    return {
      definitionLevels: definitions,
      dataPage: new ArrayType(source.buffer as ArrayBuffer, at, count)
    }
  }
  if (!dictionary)
    return {
      definitionLevels: definitions,
      dataPage: readPlain(
        reader,
        decoder.type,
        count,
        decoder.element.type_length
      )
    }
  const width = reader.view.getUint8(reader.offset++)
  if (reuse.keys.length < count) reuse.keys = new Int32Array(count * 2)
  const keys = reuse.keys.subarray(0, count)
  keys.fill(0)
  if (width > 0)
    readRleBitPackedHybrid(
      reader,
      width,
      keys,
      reader.view.byteLength - reader.offset
    )
  return { definitionLevels: definitions, dataPage: keys }
}

/** A big-endian two's complement integer (a DECIMAL stored as bytes). */
function signedBigInt(bytes: Uint8Array): bigint {
  let value = 0n
  for (const byte of bytes) value = (value << 8n) | BigInt(byte)
  const bits = BigInt(bytes.length * 8)
  return bytes.length > 0 && bytes[0] & 0x80 ? value - (1n << bits) : value
}

/** An unscaled integer at `scale` as decimal text: `-12345`, 2 → `-123.45`. */
function decimalText(unscaled: bigint | number, scale: number): string {
  const negative = unscaled < 0
  let digits = (negative ? -BigInt(unscaled) : BigInt(unscaled)).toString()
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0')
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  } else if (scale < 0) {
    digits += '0'.repeat(-scale)
  }
  return negative ? `-${digits}` : digits
}

/** One bound column: its chunk in the current row group, read a page at a time. */
class ColumnCursor {
  readonly decoder: ColumnDecoder
  readonly maxDefinition: number
  /** The current data page, inflated (snappy), and its definition levels and keys. */
  private pageBuffer = new Uint8Array(0)
  private readonly levels = {
    definitions: new Uint8Array(0),
    keys: new Int32Array(0),
    ranges: new Int32Array(0),
    aligned: new Uint8Array(0)
  }
  /** The dictionary page's bytes, reused from row group to row group. */
  private dictionaryBuffer = new Uint8Array(0)
  /** Bytes read from the file: the current page (and its header). */
  private window: Buffer = Buffer.alloc(0)
  private fd = -1
  private path = ''
  /** File offsets: the next page's header, and the end of the chunk. */
  private position = 0
  private chunkEnd = 0
  private dictionary: DecodedArray | undefined
  private values: DecodedArray = []
  private definitions: ArrayLike<number> | undefined
  private dictionaryEncoded = false
  private pageRows = 0
  private rowInPage = 0
  private valueIndex = 0
  /** An INT64 page or dictionary as 32-bit halves (see int64At). */
  private valuePairs: Int32Array | undefined
  private dictionaryPairs: Int32Array | undefined
  /**
   * BYTE_ARRAY values as [start, end) pairs into their page's bytes (see
   * byteArrayRanges): the current page's when plain, the dictionary's.
   * `nextValue` then leaves the value in `range*` and returns RANGE.
   */
  private valueRanges: Int32Array | undefined
  private valueBytes: Uint8Array = new Uint8Array(0)
  private dictionaryRanges: Int32Array | undefined
  private dictionaryBytes: Uint8Array = new Uint8Array(0)
  rangeBytes: Uint8Array = new Uint8Array(0)
  rangeStart = 0
  rangeEnd = 0

  constructor(
    readonly name: string,
    readonly kind: ValueKind,
    readonly schemaPath: SchemaTree[],
    /** Bound with `bindNumber`: the value is given as a number. */
    readonly asNumber: boolean
  ) {
    const element = schemaPath[schemaPath.length - 1].element
    this.maxDefinition = schemaPath
      .slice(1)
      .filter((node) => node.element.repetition_type !== 'REQUIRED').length
    this.decoder = {
      pathInSchema: [name],
      type: element.type!,
      element,
      schemaPath,
      codec: 'UNCOMPRESSED',
      parsers: undefined as unknown as ColumnDecoder['parsers'],
      compressors: COMPRESSORS
    }
  }

  get element(): SchemaElement {
    return this.decoder.element
  }

  /** Reads this column's chunk of a row group from the file. */
  load(
    fd: number,
    fileSize: number,
    chunk: ColumnChunk,
    path: string,
    group: number
  ): void {
    const meta = chunk.meta_data
    if (!meta || chunk.file_path)
      throw new DataError(
        path,
        undefined,
        `row group ${group + 1}: column ${shown(this.name)} is stored in another file; write the data as one self-contained Parquet file`
      )
    if (!READ_CODECS.has(meta.codec)) {
      throw new DataError(
        path,
        undefined,
        `column ${shown(this.name)} is compressed with ${meta.codec}${meta.codec === 'ZSTD' ? ' (zstd needs Node 22.15 or later)' : ''}, which champion-gate does not read; write the file with snappy, gzip or zstd (pyarrow: compression='snappy')`
      )
    }
    const dictionaryOffset = Number(meta.dictionary_page_offset ?? 0)
    const start =
      dictionaryOffset > 0 && dictionaryOffset < Number(meta.data_page_offset)
        ? dictionaryOffset
        : Number(meta.data_page_offset)
    const length = Number(meta.total_compressed_size)
    if (!(start >= 4 && length >= 0 && start + length <= fileSize))
      throw new DataError(
        path,
        undefined,
        `row group ${group + 1}: column ${shown(this.name)} is said to lie outside the file (bytes ${start} to ${start + length} of ${fileSize}); the file is damaged`
      )
    this.decoder.codec = meta.codec
    this.fd = fd
    this.path = path
    this.position = start
    this.chunkEnd = start + length
    this.dictionary = undefined
    this.dictionaryRanges = undefined
    this.pageRows = 0
    this.rowInPage = 0
  }

  /** `length` bytes of the file from `position`, in the reused window. */
  private readAt(position: number, length: number): Uint8Array {
    if (this.window.length < length)
      this.window = Buffer.allocUnsafe(Math.max(length, this.window.length * 2))
    let got = 0
    try {
      while (got < length) {
        const read = readSync(
          this.fd,
          this.window,
          got,
          length - got,
          position + got
        )
        if (read === 0) break
        got += read
      }
    } catch (error) {
      throw new DataError(this.path, undefined, describeFileError(error))
    }
    if (got < length)
      throw new DataError(
        this.path,
        undefined,
        `is truncated: column ${shown(this.name)} runs past the end of the file`
      )
    return this.window.subarray(0, length)
  }

  /**
   * The next row's value: undefined for a null, else the raw value (a
   * number, bigint, boolean or bytes). Decodes the next page when needed.
   */
  nextValue(): unknown {
    while (this.rowInPage >= this.pageRows) this.nextPage()
    const row = this.rowInPage++
    const definitions = this.definitions
    if (definitions && definitions.length > 0) {
      if (definitions[row] !== this.maxDefinition) return undefined
    }
    const index = this.valueIndex++
    if (this.dictionaryEncoded) {
      const key = this.values[index] as number
      if (this.dictionaryRanges) {
        // A key past the dictionary reads as a null, as an array lookup would.
        if (!(key >= 0 && key < this.dictionary!.length)) return undefined
        this.rangeBytes = this.dictionaryBytes
        this.rangeStart = this.dictionaryRanges[2 * key]
        this.rangeEnd = this.dictionaryRanges[2 * key + 1]
        return RANGE
      }
      return this.dictionaryPairs
        ? int64At(this.dictionaryPairs, key)
        : (this.dictionary as unknown[])[key]
    }
    if (this.valueRanges) {
      this.rangeBytes = this.valueBytes
      this.rangeStart = this.valueRanges[2 * index]
      this.rangeEnd = this.valueRanges[2 * index + 1]
      return RANGE
    }
    return this.valuePairs
      ? int64At(this.valuePairs, index)
      : this.values[index]
  }

  private nextPage(): void {
    const left = this.chunkEnd - this.position
    if (left <= 0)
      throw new Error(`column ${this.name} has fewer values than its row group`)
    // A page at a time: its header from a window of the file (widened when
    // the header is longer, as one with long min/max statistics can be),
    // then the page itself, so memory holds a page, not a row group.
    let want = Math.min(left, 1 << 16)
    let window: Uint8Array
    let reader: DataReader
    let header: ReturnType<typeof parquetHeader>
    for (;;) {
      window = this.readAt(this.position, want)
      reader = {
        view: new DataView(window.buffer, window.byteOffset, window.length),
        offset: 0
      }
      try {
        header = parquetHeader(reader)
        break
      } catch (error) {
        if (want >= left || want >= MAX_PAGE_BYTES) throw error
        want = Math.min(left, want * 4)
      }
    }
    const size = header.compressed_page_size
    // A damaged or hostile header must not make the reader allocate what
    // it says (an uncompressed size of 2 GiB): pages are about 1 MiB.
    const counts = [
      header.data_page_header?.num_values,
      header.data_page_header_v2?.num_values,
      header.dictionary_page_header?.num_values
    ]
    if (
      !(size >= 0 && reader.offset + size <= left) ||
      !(header.uncompressed_page_size >= 0) ||
      header.uncompressed_page_size > MAX_PAGE_BYTES ||
      counts.some((n) => n !== undefined && !(n >= 0 && n <= MAX_PAGE_VALUES))
    )
      throw new Error('a page header with impossible sizes')
    let compressed =
      reader.offset + size <= window.length
        ? window.subarray(reader.offset, reader.offset + size)
        : this.readAt(this.position + reader.offset, size)
    this.position += reader.offset + size
    const decoder = this.decoder
    if (header.type === 'DICTIONARY_PAGE') {
      // The dictionary outlives this page's bytes (the window is reused),
      // and readPlain may return views of them: give it bytes of its own.
      // (A Buffer's slice() is a view: copy into a new Uint8Array.)
      if (decoder.codec === 'UNCOMPRESSED')
        compressed = new Uint8Array(compressed)
      const size = Number(header.uncompressed_page_size)
      let page: Uint8Array
      if (decoder.codec === 'SNAPPY') {
        // The last row group's dictionary is no longer used: its buffer is
        // reused (a dictionary per row group per column, of megabytes, left
        // peak memory growing with the rows until the collector ran).
        if (this.dictionaryBuffer.length < size)
          this.dictionaryBuffer = new Uint8Array(
            Math.max(size, this.dictionaryBuffer.length * 2)
          )
        page = this.dictionaryBuffer.subarray(0, size)
        inflateSnappy(compressed, page)
      } else {
        page = decompressPage(
          compressed,
          size,
          decoder.codec,
          decoder.compressors
        )
      }
      const entries = header.dictionary_page_header!.num_values
      if (decoder.type === 'BYTE_ARRAY') {
        this.dictionaryRanges = byteArrayRanges(page, 0, entries)
        this.dictionaryBytes = page
        // Only its length is used (to check keys).
        this.dictionary = { length: entries } as unknown as DecodedArray
        this.dictionaryPairs = undefined
        return
      }
      this.dictionaryRanges = undefined
      this.dictionary = readPlain(
        {
          view: new DataView(page.buffer, page.byteOffset, page.byteLength),
          offset: 0
        },
        decoder.type,
        entries,
        decoder.element.type_length
      )
      this.dictionaryPairs = int64Pairs(this.dictionary)
      return
    }
    let encoding: string
    let rows: number
    let page: {
      definitionLevels: ArrayLike<number> | undefined
      dataPage: DecodedArray
      ranges?: Int32Array
    }
    let pageBytes: Uint8Array | undefined
    if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header!
      const size = Number(header.uncompressed_page_size)
      // A data page's bytes are used up before the next page is read, so
      // snappy inflates into one reused buffer (fewer, larger collections).
      let bytes: Uint8Array
      if (decoder.codec === 'SNAPPY') {
        if (this.pageBuffer.length < size)
          this.pageBuffer = new Uint8Array(
            Math.max(size, this.pageBuffer.length * 2)
          )
        bytes = this.pageBuffer.subarray(0, size)
        inflateSnappy(compressed, bytes)
      } else {
        bytes = decompressPage(
          compressed,
          size,
          decoder.codec,
          decoder.compressors
        )
      }
      page =
        readFlatPage(bytes, daph, decoder, this.maxDefinition, this.levels) ??
        readDataPage(bytes, daph, decoder)
      pageBytes = bytes
      encoding = daph.encoding
      rows = daph.num_values
    } else if (header.type === 'DATA_PAGE_V2') {
      const daph = header.data_page_header_v2!
      page = readDataPageV2(compressed, header, decoder)
      encoding = daph.encoding
      rows = daph.num_values
    } else {
      return // an index page: nothing to read
    }
    this.dictionaryEncoded = encoding.endsWith('_DICTIONARY')
    if (this.dictionaryEncoded && !this.dictionary)
      throw new Error(
        `column ${this.name} has a dictionary-encoded page but no dictionary`
      )
    this.values = page.dataPage
    this.valueRanges = page.ranges
    if (page.ranges) this.valueBytes = pageBytes!
    this.valuePairs = int64Pairs(page.dataPage)
    this.definitions = page.definitionLevels
    this.pageRows = rows
    this.rowInPage = 0
    this.valueIndex = 0
  }
}

export class ParquetReader implements RecordReader {
  readonly format = 'parquet'
  readonly positionKind = 'row'
  /** The current row, 1-based over the whole file. */
  position = 0
  bytes: Uint8Array = new Uint8Array(256)
  start = new Int32Array(0)
  end = new Int32Array(0)
  numbers = new Float64Array(0)
  readonly metadata: FileMetaData
  private fd: number | undefined
  private readonly size: number
  private readonly columns: SchemaTree[]
  private readonly cursors: ColumnCursor[] = []
  private group = -1
  private rowsLeftInGroup = 0
  private hashed = false

  constructor(
    readonly path: string,
    private readonly options: ChunkedFileOptions = {}
  ) {
    const file = openRegularFile(path)
    this.fd = file.fd
    this.size = file.size
    try {
      this.metadata = this.readFooter()
      this.columns = parquetSchema(this.metadata).children
    } catch (error) {
      this.close()
      throw error
    }
  }

  private readFooter(): FileMetaData {
    const fd = this.fd!
    const size = this.size
    const truncated = `is not a complete Parquet file: it starts with PAR1 but does not end with the Parquet footer (was it still being written, or cut short when copied?)`
    if (size < 12) throw new DataError(this.path, undefined, truncated)
    const tail = Buffer.alloc(8)
    readSync(fd, tail, 0, 8, size - 8)
    if (tail.toString('latin1', 4) !== 'PAR1')
      throw new DataError(this.path, undefined, truncated)
    const length = tail.readUInt32LE(0)
    if (length + 12 > size) throw new DataError(this.path, undefined, truncated)
    const footer = Buffer.alloc(length + 8)
    readSync(fd, footer, 0, footer.length, size - 8 - length)
    try {
      return parquetMetadata(footer)
    } catch (error) {
      throw new DataError(
        this.path,
        undefined,
        `its Parquet footer cannot be read (${(error as Error).message}); the file may be damaged`
      )
    }
  }

  names(): readonly string[] {
    return this.columns.map((column) => column.element.name)
  }

  has(field: string): boolean {
    return this.names().includes(field)
  }

  bindNumber(field: string, input: string): number | undefined {
    const node = this.columns.find((column) => column.element.name === field)
    if (!node || node.children.length > 0) return undefined
    if (valueKind(node.element) !== 'double') return undefined
    return this.bind(field, input, true)
  }

  bindInteger(field: string, input: string): number | undefined {
    const node = this.columns.find((column) => column.element.name === field)
    if (!node || node.children.length > 0) return undefined
    if (valueKind(node.element) !== 'int') return undefined
    return this.bind(field, input, true)
  }

  bind(field: string, input: string, asNumber = false): number {
    const bound = this.cursors.findIndex(
      (cursor) => cursor.name === field && cursor.asNumber === asNumber
    )
    if (bound >= 0) return bound
    const node = this.columns.find((column) => column.element.name === field)
    if (!node) {
      throw new DataError(
        this.path,
        undefined,
        `no column ${shown(field)} (from input '${input}'); the file has ${listFields(this.names())}`
      )
    }
    if (
      node.children.length > 0 ||
      node.element.repetition_type === 'REPEATED'
    ) {
      throw new DataError(
        this.path,
        undefined,
        `column ${shown(field)} (from input '${input}') is a nested or repeated column (a list, map or struct); it must hold one plain value per row`
      )
    }
    const kind = valueKind(node.element)
    const known = ['bytes', 'int', 'uint', 'decimal', 'double', 'float', 'bool']
    if (!known.includes(kind)) {
      throw new DataError(
        this.path,
        undefined,
        `column ${shown(field)} (from input '${input}') holds ${kind}, which champion-gate does not read as ids, labels, scores or costs; write it as a string or a number column`
      )
    }
    const cursor = new ColumnCursor(
      field,
      kind as ValueKind,
      [parquetSchema(this.metadata), node],
      asNumber
    )
    this.cursors.push(cursor)
    this.start = new Int32Array(this.cursors.length)
    this.end = new Int32Array(this.cursors.length)
    this.numbers = new Float64Array(this.cursors.length)
    return this.cursors.length - 1
  }

  next(): boolean {
    while (this.rowsLeftInGroup === 0) {
      if (!this.nextGroup()) {
        this.hashFile()
        return false
      }
    }
    this.rowsLeftInGroup--
    this.position++
    let offset = 0
    const cursors = this.cursors
    for (let slot = 0; slot < cursors.length; slot++) {
      const cursor = cursors[slot]
      let value: unknown
      try {
        value = cursor.nextValue()
      } catch (error) {
        throw this.damaged(error, cursor)
      }
      this.start[slot] = offset
      if (cursor.asNumber) {
        // A number stays one; only a null or a NaN is written, as text (and
        // an integer past 15 digits, or an INT64 read as a bigint).
        const number =
          typeof value === 'number' &&
          (cursor.kind !== 'int' || (value < 1e15 && value > -1e15))
            ? value
            : NaN
        this.numbers[slot] = number
        if (number === number) {
          this.end[slot] = offset
          continue
        }
      }
      if (value !== undefined && value !== null)
        offset = this.write(cursor, value, offset)
      this.end[slot] = offset
    }
    return true
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private nextGroup(): boolean {
    const groups = this.metadata.row_groups
    if (this.group + 1 >= groups.length || this.fd === undefined) return false
    this.group++
    const group = groups[this.group]
    for (const cursor of this.cursors) {
      const chunk = group.columns.find(
        (c) =>
          c.meta_data?.path_in_schema.length === 1 &&
          c.meta_data.path_in_schema[0] === cursor.name
      )
      if (!chunk)
        throw new DataError(
          this.path,
          undefined,
          `row group ${this.group + 1} has no chunk for column ${shown(cursor.name)}; the file is damaged`
        )
      cursor.load(this.fd, this.size, chunk, this.path, this.group)
    }
    this.rowsLeftInGroup = Number(group.num_rows)
    return true
  }

  /** Writes a value's text at `offset` of `bytes`; returns where it ends. */
  private write(cursor: ColumnCursor, value: unknown, offset: number): number {
    if (value === RANGE) {
      const length = cursor.rangeEnd - cursor.rangeStart
      if (cursor.kind === 'bytes') {
        this.reserve(offset + length)
        const target = this.bytes
        const source = cursor.rangeBytes
        // Ids are short: a loop beats set()'s call for a few bytes.
        for (let i = 0, j = cursor.rangeStart; i < length; i++, j++)
          target[offset + i] = source[j]
        return offset + length
      }
      // A DECIMAL stored as a byte array: the bytes themselves.
      value = cursor.rangeBytes.subarray(cursor.rangeStart, cursor.rangeEnd)
    }
    let text: string
    switch (cursor.kind) {
      case 'bytes': {
        const bytes = value as Uint8Array
        this.reserve(offset + bytes.length)
        this.bytes.set(bytes, offset)
        return offset + bytes.length
      }
      case 'bool':
        return this.writeBytes(value ? TRUE : FALSE, offset)
      case 'int': {
        // Most integers are safe doubles: their digits written directly,
        // without making a string (a bigint's toString is slow).
        const n = Number(value)
        if (Number.isSafeInteger(n)) return this.writeInteger(n, offset)
        text = String(value)
        break
      }
      case 'uint':
        text =
          cursor.element.type === 'INT64'
            ? BigInt.asUintN(64, BigInt(value as number | bigint)).toString()
            : String((value as number) >>> 0)
        break
      case 'double':
        text = pythonFloatText(value as number)
        break
      case 'float':
        text = pythonFloatText(value as number, true)
        break
      case 'decimal': {
        const unscaled =
          value instanceof Uint8Array
            ? signedBigInt(value)
            : (value as number | bigint)
        text = decimalText(unscaled, cursor.element.scale ?? 0)
        break
      }
    }
    const length = text.length
    this.reserve(offset + length)
    const bytes = this.bytes
    // Number text is ASCII: one byte per character.
    for (let i = 0; i < length; i++) bytes[offset + i] = text.charCodeAt(i)
    return offset + length
  }

  private writeInteger(value: number, offset: number): number {
    this.reserve(offset + 17)
    const bytes = this.bytes
    if (value < 0) {
      bytes[offset++] = 45
      value = -value
    }
    let digits = 1
    for (let power = 10; power <= value && digits < 16; power *= 10) digits++
    if (value >= 1e16) digits = String(value).length
    let at = offset + digits
    // Below 2^31 the digits come from int32 division, the fast case.
    while (value >= 0x80000000) {
      const next = Math.floor(value / 10)
      bytes[--at] = 48 + (value - next * 10)
      value = next
    }
    let small = value | 0
    do {
      const next = (small / 10) | 0
      bytes[--at] = 48 + (small - next * 10)
      small = next
    } while (small > 0)
    return offset + digits
  }

  private writeBytes(source: Uint8Array, offset: number): number {
    this.reserve(offset + source.length)
    this.bytes.set(source, offset)
    return offset + source.length
  }

  private reserve(size: number): void {
    if (size <= this.bytes.length) return
    const larger = new Uint8Array(size * 2)
    larger.set(this.bytes)
    this.bytes = larger
  }

  /** A decoding failure as a DataError naming the column and row group. */
  private damaged(error: unknown, cursor: ColumnCursor): Error {
    if (error instanceof DataError) return error
    return new DataError(
      this.path,
      undefined,
      `row ${this.position}: column ${shown(cursor.name)} in row group ${this.group + 1} cannot be decoded (${(error as Error).message}); the file may be damaged or use an encoding champion-gate does not read`
    )
  }

  /**
   * The test set's sha256 is over the file's bytes, all of them and in
   * order, so it is the `sha256sum` of the file; the row groups were read
   * column by column, so the file is read once more, in order, for it.
   */
  private hashFile(): void {
    const onBytes = this.options.onBytes
    if (!onBytes || this.hashed || this.fd === undefined) return
    this.hashed = true
    const buffer = Buffer.allocUnsafe(1 << 20)
    for (let position = 0; position < this.size;) {
      const read = readSync(this.fd, buffer, 0, buffer.length, position)
      if (read === 0) break
      onBytes(buffer.subarray(0, read))
      position += read
    }
  }
}
