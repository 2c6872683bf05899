/**
 * Runs the user's scoring command (e.g. `mlflow models predict -m
 * {model_uri} -i {test_set} -o {output} ...`) once per model, without a
 * shell: the template is split into arguments the way a shell would split
 * plain words and quotes, then `{model_uri}`, `{test_set}` and `{output}`
 * are substituted inside each argument, so no value can inject a command.
 * Output is streamed line by line to the log.
 */

import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { CommandError, InputError } from '../errors.js'

const PLACEHOLDERS = ['{model_uri}', '{test_set}', '{output}'] as const

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
  return args.map((arg) =>
    arg
      .replaceAll(PLACEHOLDERS[0], values.modelUri)
      .replaceAll(PLACEHOLDERS[1], values.testSet)
      .replaceAll(PLACEHOLDERS[2], values.output)
  )
}

export interface ScoreRun {
  readonly role: string
  readonly args: string[]
  readonly output: string
  readonly env: NodeJS.ProcessEnv
  /** Receives each line the command prints (stdout and stderr). */
  readonly log: (line: string) => void
}

/** Runs one scoring command; resolves when it exited 0 and wrote its output file. */
export async function runScoreCommand(run: ScoreRun): Promise<void> {
  const [command, ...args] = run.args
  const shown = run.args.join(' ')
  const tail: string[] = []
  const exit = await new Promise<{
    code: number | null
    signal: NodeJS.Signals | null
  }>((resolve, reject) => {
    const child = spawn(command, args, {
      env: run.env,
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
