/**
 * The typed errors that helpers throw. Only `run()` turns them into a failed
 * step (one `::error::` line); every message here is written for the person
 * who reads that line: what is wrong, where (input, file, line), what to fix.
 */

/** Base class: anything the user can fix. `message` is shown as-is. */
export class UserError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

/** An action input is missing, misspelt or out of range. */
export class InputError extends UserError {
  constructor(
    readonly input: string,
    detail: string
  ) {
    super(`Input '${input}': ${detail}`)
  }
}

/** A data file (test set, predictions, scorer output) is unreadable or wrong. */
export class DataError extends UserError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string
  ) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${detail}`)
  }
}

/** A child process (the score command) failed. */
export class CommandError extends UserError {}
