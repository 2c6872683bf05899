/**
 * Runs one command and measures its wall time and peak resident memory over
 * the child's whole life, and its CPU time (user + system), which a busy
 * machine distorts less than wall time. GNU time (`/usr/bin/time`) when present;
 * otherwise a tiny Python wrapper that spawns the command and reads
 * `ru_maxrss` from `os.wait4` (both report the maximum RSS the kernel kept
 * for the child, including anything it waited for).
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const GNU_TIME = '/usr/bin/time'
const PYTHON = '/usr/bin/python3'
const MAX_CAPTURE = 1 << 20

const WAIT4_WRAPPER = `
import os, sys, time
out, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.posix_spawnp(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(out, "w") as f:
    f.write(f"{elapsed:.3f} {usage.ru_maxrss} {usage.ru_utime:.3f} {usage.ru_stime:.3f}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
`

/** Which measuring method this machine supports. */
export function measuringMethod() {
  // BENCH_MEASURE=wait4 forces the fallback (to test it).
  if (process.env.BENCH_MEASURE === 'wait4' && existsSync(PYTHON))
    return 'wait4'
  if (existsSync(GNU_TIME)) return 'gnu-time'
  if (existsSync(PYTHON)) return 'wait4'
  throw new Error(
    `neither ${GNU_TIME} nor ${PYTHON} exists: install 'time' (apt-get install -y time)`
  )
}

function capture(stream) {
  const chunks = []
  let size = 0
  stream.on('data', (chunk) => {
    if (size < MAX_CAPTURE) chunks.push(chunk)
    size += chunk.length
  })
  return () => Buffer.concat(chunks).toString('utf8')
}

/**
 * Runs `command args` with `env` and returns
 * `{ seconds, cpuSeconds, peakKiB, code, signal, stdout, stderr }`. With GNU time
 * `seconds` is measured here around spawn..exit (finer than its 10 ms); with
 * the wrapper, inside it, so Python's start-up is left out.
 */
export async function measure(command, args, { env, cwd, method }) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-measure-'))
  const usageFile = join(dir, 'usage')
  const [bin, binArgs] =
    method === 'gnu-time'
      ? [GNU_TIME, ['-f', '%e %M %U %S', '-o', usageFile, command, ...args]]
      : [PYTHON, ['-c', WAIT4_WRAPPER, usageFile, command, ...args]]
  try {
    const started = process.hrtime.bigint()
    const child = spawn(bin, binArgs, {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const stdout = capture(child.stdout)
    const stderr = capture(child.stderr)
    const [code, signal] = await new Promise((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (c, s) => resolve([c, s]))
    })
    const outside = Number(process.hrtime.bigint() - started) / 1e9
    // GNU time prefixes "Command exited with non-zero status N" on failure.
    const lines = (await readFile(usageFile, 'utf8')).trim().split('\n')
    const [inside, peak, user, sys] = lines.at(-1).split(' ').map(Number)
    // The wrapper's own Python start-up is not the command's time.
    const seconds = method === 'wait4' ? inside : outside
    return {
      seconds,
      cpuSeconds: user + sys,
      peakKiB: peak,
      code,
      signal,
      stdout: stdout(),
      stderr: stderr()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
