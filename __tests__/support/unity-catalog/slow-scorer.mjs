// A score-command that takes 1.5 s and reaches no registry: it copies the
// predictions of the file named for the version in the model URI, so a run
// outlives a 1-second OAuth token between its reads and its writes.
// usage: node slow-scorer.mjs MODEL_URI OUTPUT VERSION=FILE...
import { readFileSync, writeFileSync } from 'node:fs'

const [modelUri, output, ...pairs] = process.argv.slice(2)
const files = Object.fromEntries(pairs.map((pair) => pair.split('=')))
const version = modelUri.slice(modelUri.lastIndexOf('/') + 1)
const lines = readFileSync(files[version], 'utf8').trim().split('\n').slice(1)
await new Promise((resolve) => setTimeout(resolve, 1500))
writeFileSync(output, JSON.stringify({ predictions: lines.map(Number) }))
