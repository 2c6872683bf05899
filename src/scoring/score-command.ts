/**
 * Runs the user's scoring command (e.g. `mlflow models predict -m
 * {model_uri} -i {test_set} -o {output} ...`) once per model, without a
 * shell: the template is split into arguments the way a shell would split
 * plain words and quotes, then `{model_uri}`, `{test_set}` and `{output}`
 * are substituted inside each argument, so no value can inject a command.
 * Output is streamed line by line to the log.
 *
 * The command runs model code (a model loaded from the registry can run
 * anything), so it gets an allow-listed environment, never the job's
 * GITHUB_TOKEN, the action's INPUT_* or the runner's ACTIONS_* tokens, and
 * writes into a fresh private folder, never a predictable shared path.
 */

import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { CommandError, InputError } from '../errors.js'

/**
 * Variables the scorer may see, by exact name. What `mlflow models predict`
 * and the Python under it need: where things are (PATH, HOME, temp), the
 * locale, the environment managers (virtualenv, conda, pyenv) and Python's
 * own settings, the proxy and CA settings a corporate network needs, and the
 * Windows basics without which Python does not start.
 */
const SCORER_NAMES = new Set(
  [
    'PATH',
    'HOME',
    'USER',
    'LOGNAME',
    'SHELL',
    'LANG',
    'LANGUAGE',
    'TZ',
    'TERM',
    'TMPDIR',
    'TEMP',
    'TMP',
    'VIRTUAL_ENV',
    'PYTHONPATH',
    'PYTHONHOME',
    'PYTHONUNBUFFERED',
    'PYTHONIOENCODING',
    'PYTHONUTF8',
    'PYTHONWARNINGS',
    'JAVA_HOME',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'ALL_PROXY',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
    'REQUESTS_CA_BUNDLE',
    'CURL_CA_BUNDLE',
    'SYSTEMROOT',
    'SYSTEMDRIVE',
    'WINDIR',
    'COMSPEC',
    'PATHEXT',
    'USERPROFILE',
    'APPDATA',
    'LOCALAPPDATA',
    'PROGRAMDATA',
    'PROGRAMFILES'
  ].map((name) => name.toUpperCase())
)

/**
 * Variables the scorer may see, by prefix: locale (LC_*), the registry
 * (MLFLOW_*: tracking URI, token, TLS settings; DATABRICKS_*), the artifact
 * stores a model is downloaded from (AWS_* for S3, AZURE_* for Blob
 * Storage, GOOGLE_* for GCS), and the environment managers (CONDA_*,
 * MAMBA_*, PYENV_*, PIP_*, UV_*).
 */
const SCORER_PREFIXES = [
  'LC_',
  'MLFLOW_',
  'DATABRICKS_',
  'AWS_',
  'AZURE_',
  'GOOGLE_',
  'CONDA_',
  'MAMBA_',
  'PYENV_',
  'PIP_',
  'UV_'
]

/**
 * The environment a scoring command runs with: only the allow-listed
 * variables (names compared case-insensitively, as Windows does, and for the
 * lower-case proxy variables). Anything else a scorer needs can be set in
 * the command itself: `env NAME=value mlflow models predict ...`.
 */
export function scorerEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue
    const upper = name.toUpperCase()
    if (
      SCORER_NAMES.has(upper) ||
      SCORER_PREFIXES.some((prefix) => upper.startsWith(prefix))
    ) {
      kept[name] = value
    }
  }
  return kept
}

/**
 * A fresh folder for the scorers' output files, readable by this user only
 * (mkdtemp creates it 0700 under a random name, so another local user can
 * neither predict it nor plant a symlink in it), removed when the process
 * exits: the predictions are read before that, in the same run.
 */
export function privateScoreDirectory(parent: string): string {
  const directory = mkdtempSync(join(parent, 'champion-gate-scores-'))
  process.once('exit', () =>
    rmSync(directory, { recursive: true, force: true })
  )
  return directory
}

/** Splits a command template into arguments: blanks separate, quotes group, no expansion. */
export function splitCommand(template: string): string[] {
  const args: string[] = []
  let current = ''
  let started = false
  let quote: '"' | "'" | undefined
  for (let i = 0; i < template.length; i++) {
    const c = template[i]
    if (quote) {
      if (c === quote) quote = undefined
      else if (
        c === '\\' &&
        quote === '"' &&
        (template[i + 1] === '"' || template[i + 1] === '\\')
      )
        current += template[++i]
      else current += c
    } else if (c === '"' || c === "'") {
      quote = c
      started = true
    } else if (c === '\\' && i + 1 < template.length) {
      current += template[++i]
      started = true
    } else if (/\s/.test(c)) {
      if (started) args.push(current)
      current = ''
      started = false
    } else {
      current += c
      started = true
    }
  }
  if (quote)
    throw new InputError('score-command', `a ${quote} quote is never closed`)
  if (started) args.push(current)
  return args
}

/** The argument list for one model, placeholders substituted. */
export function scoreArguments(
  template: string,
  values: { modelUri: string; testSet: string; output: string }
): string[] {
  const args = splitCommand(template)
  if (args.length === 0) throw new InputError('score-command', 'is empty')
  if (!args.some((a) => a.includes('{output}'))) {
    throw new InputError(
      'score-command',
      'must contain {output}, where the command writes its predictions (e.g. -o {output})'
    )
  }
  if (!args.some((a) => a.includes('{model_uri}'))) {
    throw new InputError(
      'score-command',
      'must contain {model_uri}, the model to score (e.g. -m {model_uri})'
    )
  }
  const value: Record<string, string> = {
    '{model_uri}': values.modelUri,
    '{test_set}': values.testSet,
    '{output}': values.output
  }
  // One pass, so a value that itself reads `{output}` stays as it is.
  return args.map((arg) =>
    arg.replace(
      /\{(?:model_uri|test_set|output)\}/g,
      (placeholder) => value[placeholder]
    )
  )
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/**
 * The arguments as one line for the log: quoted where a shell would need
 * it, and control characters shown escaped, so that a model URI holding a
 * line break cannot start a line of its own (a `::error::` workflow command)
 * and the line reads as the exact arguments run.
 */
export function showCommand(args: readonly string[]): string {
  return args
    .map((arg) => {
      const visible = arg.replace(CONTROL, (c) =>
        c === '\n'
          ? '\\n'
          : c === '\r'
            ? '\\r'
            : c === '\t'
              ? '\\t'
              : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
      )
      return /^[\w@%+=:,./{}-]+$/.test(visible)
        ? visible
        : `'${visible.replaceAll("'", "'\\''")}'`
    })
    .join(' ')
}

export interface ScoreRun {
  readonly role: string
  readonly args: string[]
  readonly output: string
  /** The step's environment; the command sees only its allow-listed part. */
  readonly env: NodeJS.ProcessEnv
  /** Receives each line the command prints (stdout and stderr). */
  readonly log: (line: string) => void
}

/** Runs one scoring command; resolves when it exited 0 and wrote its output file. */
export async function runScoreCommand(run: ScoreRun): Promise<void> {
  const [command, ...args] = run.args
  const shown = showCommand(run.args)
  const tail: string[] = []
  const exit = await new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
  }>((resolve, reject) => {
    const child = spawn(command, args, {
      env: scorerEnvironment(run.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false
    })
    const forward = (stream: NodeJS.ReadableStream): void => {
      let pending = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        pending += chunk
        const lines = pending.split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) emit(line)
      })
      stream.on('end', () => {
        if (pending) emit(pending)
      })
    }
    const emit = (line: string): void => {
      run.log(`[${run.role}] ${line}`)
      tail.push(line)
      if (tail.length > 10) tail.shift()
    }
    forward(child.stdout)
    forward(child.stderr)
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new CommandError(
          error.code === 'ENOENT'
            ? `score-command: '${command}' was not found on PATH (scoring the ${run.role}); install it in an earlier step or give its full path`
            : `score-command: could not start '${command}' for the ${run.role}: ${error.message}`
        )
      )
    )
    child.on('close', (code, signal) => resolve({ code, signal }))
  })
  if (exit.code !== 0) {
    const how = exit.signal
      ? `was killed by ${exit.signal}`
      : `exited with code ${exit.code}`
    throw new CommandError(
      `score-command ${how} while scoring the ${run.role}: ${shown}` +
        (tail.length > 0
          ? `\nLast lines of its output:\n${tail.join('\n')}`
          : '')
    )
  }
  if (!existsSync(run.output) || statSync(run.output).size === 0) {
    throw new CommandError(
      `score-command exited 0 but wrote no predictions to ${run.output} while scoring the ${run.role}; the command must write its output to {output}: ${shown}`
    )
  }
}
