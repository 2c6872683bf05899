import { readFileSync } from 'node:fs'
const which = process.argv[2]
const path = process.argv[3] ?? 'test.parquet'
const t0 = performance.now()
let n = 0,
  sum = 0
if (which === 'hyparquet') {
  const { parquetRead } = await import('hyparquet')
  const { asyncBufferFromFile } = await import('hyparquet')
  const file = await asyncBufferFromFile(path)
  await parquetRead({
    file,
    columns: ['label', 'amount'],
    onChunk: (c) => {
      if (c.columnName === 'amount') {
        n += c.columnData.length
        for (const v of c.columnData) sum += Number(v)
      }
    }
  })
} else if (which === 'parquet-wasm') {
  const pw = await import('parquet-wasm')
  const { tableFromIPC } = await import('apache-arrow')
  const t = pw.readParquet(readFileSync(path), { columns: ['label', 'amount'] })
  const table = tableFromIPC(t.intoIPCStream())
  const col = table.getChild('amount')
  n = col.length
  for (const v of col) sum += Number(v)
} else if (which === 'parquetjs') {
  const { ParquetReader } = await import('@dsnp/parquetjs')
  const r = await ParquetReader.openFile(path)
  const c = r.getCursor(['label', 'amount'])
  let rec
  while ((rec = await c.next())) {
    n++
    sum += Number(rec.amount)
  }
  await r.close()
}
const ms = performance.now() - t0
console.log(
  which,
  n,
  sum,
  Math.round(ms),
  'ms',
  Math.round(process.memoryUsage().rss / 1e6),
  'MB rss'
)
