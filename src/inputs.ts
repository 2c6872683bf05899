/**
 * Every action input in one zod schema, keyed by its exact `action.yml`
 * name. Defaults here equal those in `action.yml` (a test checks). Parsing
 * is pure: `run()` reads the raw strings with `core.getInput` and hands them
 * in; an invalid value becomes one InputError naming the input, what it got
 * and what it allows.
 */

import { z } from 'zod'
import { InputError } from './errors.js'
import {
  decimalProblem,
  parseDecimal,
  type Decimal
} from './metrics/decimal.js'
import type { CostSpec } from './metrics/net-benefit.js'

/** Raw strings as the runner gives them; undefined where the input is empty. */
export type RawInputs = Partial<Record<InputName, string>>

const text = z.string().trim()
const optionalText = text
  .optional()
  .transform((v) => (v === '' ? undefined : v))

function number(
  defaultValue: string,
  check: (n: number) => boolean,
  allowed: string
) {
  return text.default(defaultValue).transform((value, ctx) => {
    const n = Number(value)
    if (value === '' || !Number.isFinite(n) || !check(n)) {
      ctx.addIssue({
        code: 'custom',
        message: `got '${value}'; expected ${allowed}`
      })
      return z.NEVER
    }
    return n
  })
}

function decimal(defaultValue: string, allowOff: boolean) {
  return text
    .default(defaultValue)
    .transform((value, ctx): Decimal | undefined => {
      if (allowOff && value.toLowerCase() === 'off') return undefined
      const parsed = parseDecimal(value.replace(/_/g, ''))
      if (!parsed) {
        ctx.addIssue({
          code: 'custom',
          message: `got '${value}'; expected a number of dollars such as 40000 or 1250.50${allowOff ? ", or 'off'" : ''} (no $ sign or thousands separators)`
        })
        return z.NEVER
      }
      return parsed
    })
}

/**
 * A cost: a number (negative is a gain) or the name of a numeric test-set
 * column. What reads as a number is one (so a column named `5` cannot be
 * used: rename it); what holds a letter, an exponent's `e` aside, is a
 * column (`amount`, `1st_cost`); anything else is a number mistyped (`5$`,
 * `1,000`), said so with the reason (see `decimalProblem`).
 */
const cost = text.default('0').transform((value, ctx): CostSpec => {
  const parsed = parseDecimal(value)
  if (parsed) return { kind: 'constant', value: parsed, text: value }
  const letters = value.replace(/(?<=\d)[eE](?=[-+]?\d)/g, '')
  if (value === '' || !/\p{L}/u.test(letters)) {
    ctx.addIssue({
      code: 'custom',
      message: `got '${value}'; expected a number (e.g. 5 or -2.50) or the name of a numeric test-set column (e.g. amount)${value === '' ? '' : `, and it ${decimalProblem(value)}`}`
    })
    return z.NEVER
  }
  return { kind: 'column', column: value }
})

/** Booleans as `core.getBooleanInput` accepts them (YAML 1.2 core schema). */
function boolean(defaultValue: 'true' | 'false') {
  return text.default(defaultValue).transform((value, ctx) => {
    if (['true', 'True', 'TRUE'].includes(value)) return true
    if (['false', 'False', 'FALSE'].includes(value)) return false
    ctx.addIssue({
      code: 'custom',
      message: `got '${value}'; expected true or false`
    })
    return z.NEVER
  })
}

function choice<const T extends readonly [string, ...string[]]>(
  values: T,
  defaultValue: T[number]
) {
  return text.default(defaultValue).transform((value, ctx) => {
    if ((values as readonly string[]).includes(value)) return value as T[number]
    ctx.addIssue({
      code: 'custom',
      message: `got '${value}'; expected one of ${values.join(', ')}`
    })
    return z.NEVER
  })
}

/** MLflow alias rules: letters, digits, '_' and '-'; not `latest`, not `v<number>`. */
function alias(defaultValue: string) {
  return text.default(defaultValue).transform((value, ctx) => {
    if (
      // MLflow's _validate_model_alias_name: at most 255 characters.
      value.length <= 255 &&
      /^[A-Za-z0-9_-]+$/.test(value) &&
      !/^v\d+$/i.test(value) &&
      value.toLowerCase() !== 'latest'
    ) {
      return value
    }
    ctx.addIssue({
      code: 'custom',
      message: `got '${value.length > 80 ? `${value.slice(0, 77)}...` : value}'${value.length > 255 ? ` (${value.length} characters)` : ''}; an MLflow alias holds at most 255 letters, digits, '_' and '-', and is not 'latest' or 'v<number>'`
    })
    return z.NEVER
  })
}

const version = optionalText.transform((value, ctx) => {
  if (value === undefined || /^[1-9]\d*$/.test(value)) return value
  ctx.addIssue({
    code: 'custom',
    message: `got '${value}'; expected a model version number such as 48`
  })
  return z.NEVER
})

/**
 * A model's own decision threshold: empty falls back to its version's
 * `threshold` tag, then to `threshold` (src/evaluation/model-thresholds.ts).
 */
const optionalThreshold = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined
  const n = Number(value)
  if (Number.isFinite(n) && n >= 0 && n <= 1) return n
  ctx.addIssue({
    code: 'custom',
    message: `got '${value}'; expected a number from 0 to 1 (a score at or above it is flagged), or empty for the version's threshold tag or 'threshold'`
  })
  return z.NEVER
})

export const inputsSchema = z.object({
  mode: choice(['evaluate', 'gate', 'rollback'] as const, 'gate'),
  'model-name': optionalText,
  'test-set': optionalText,
  'label-column': text.default('label'),
  'positive-label': text.default('1'),
  'id-column': optionalText,
  'candidate-predictions': optionalText,
  'champion-predictions': optionalText,
  'prediction-column': text.default('prediction'),
  'prediction-kind': choice(['auto', 'score', 'label'] as const, 'auto'),
  'positive-class-index': choice(['auto', '0', '1'] as const, 'auto').transform(
    (value) => (value === 'auto' ? value : (Number(value) as 0 | 1))
  ),
  threshold: number(
    '0.5',
    (n) => n >= 0 && n <= 1,
    'a number from 0 to 1 (a score at or above it is flagged)'
  ),
  'candidate-threshold': optionalThreshold,
  'champion-threshold': optionalThreshold,
  'cost-true-positive': cost,
  'cost-false-positive': cost,
  'cost-false-negative': cost,
  'cost-true-negative': cost,
  'min-net-benefit': decimal('40000', true),
  'min-f1': text.default('0.20').transform((value, ctx) => {
    if (value.toLowerCase() === 'off') return undefined
    const n = Number(value)
    if (value !== '' && Number.isFinite(n) && n >= 0 && n <= 1) return n
    ctx.addIssue({
      code: 'custom',
      message: `got '${value}'; expected a number from 0 to 1, or 'off'`
    })
    return z.NEVER
  }),
  'min-improvement': decimal('0', false),
  'min-confidence': text.default('off').transform((value, ctx) => {
    if (value.toLowerCase() === 'off') return undefined
    const n = Number(value)
    if (value !== '' && Number.isFinite(n) && n > 0 && n < 1) return n
    ctx.addIssue({
      code: 'custom',
      message: `got '${value}'; expected a probability between 0 and 1 such as 0.95, or 'off'`
    })
    return z.NEVER
  }),
  'segment-column': optionalText,
  'max-segment-loss': decimal('off', true),
  'bootstrap-samples': number(
    '2000',
    (n) => n === 0 || (Number.isInteger(n) && n >= 100 && n <= 20000),
    '0 (the normal approximation) or a whole number of resamples from 100 to 20000'
  ),
  seed: number(
    '0',
    (n) => Number.isInteger(n) && n >= 0 && n <= 4294967295,
    'a whole number from 0 to 4294967295'
  ),
  'fail-on-reject': boolean('true'),
  'report-path': optionalText,
  'tracking-uri': optionalText,
  'registry-uri': optionalText,
  'tracking-token': optionalText,
  'tracking-username': optionalText,
  'tracking-password': optionalText,
  'champion-alias': alias('champion'),
  'previous-champion-alias': alias('previous-champion'),
  'candidate-alias': alias('candidate'),
  'candidate-version': version,
  'candidate-model-uri': optionalText,
  'score-command': optionalText,
  'rollback-to': version,
  reason: optionalText,
  'request-timeout-seconds': number(
    '30',
    (n) => n > 0 && n <= 600,
    'seconds, more than 0 and at most 600'
  ),
  'retry-max-attempts': number(
    '5',
    (n) => Number.isInteger(n) && n >= 1 && n <= 20,
    'a whole number from 1 to 20'
  ),
  'retry-max-seconds': number(
    '120',
    (n) => n >= 0 && n <= 3600,
    'seconds, from 0 to 3600'
  ),
  comment: choice(['always', 'on-reject', 'never'] as const, 'always'),
  'github-token': optionalText,
  'lock-timeout-seconds': number(
    '300',
    (n) => n >= 0 && n <= 3600,
    'seconds, from 0 to 3600'
  ),
  'allow-repromote': boolean('false')
})

export type InputName = keyof typeof inputsSchema.shape
export const INPUT_NAMES = Object.keys(inputsSchema.shape) as InputName[]
export type Inputs = z.output<typeof inputsSchema>

/** Inputs that hold credentials: masked before anything is logged. */
export const SECRET_INPUTS: readonly InputName[] = [
  'tracking-token',
  'tracking-password',
  'github-token'
]

/** Validates the raw inputs; throws one InputError for the first bad one. */
export function parseInputs(raw: RawInputs): Inputs {
  const result = inputsSchema.safeParse(raw)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const name = String(issue.path[0] ?? 'inputs')
  throw new InputError(name, issue.message)
}

/** Edit distance (insertions, deletions, substitutions), for suggesting a name. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      )
    previous = current
  }
  return previous[b.length]
}

/**
 * One warning per `INPUT_*` variable that names no input of this action,
 * with the nearest input's name. The runner sets `INPUT_<NAME>` (upper
 * case, hyphens kept) for every `with:` key; for a key that is not in
 * `action.yml` it only logs "Unexpected input(s)" and the step goes on, so
 * a misspelt `min-f1` would leave the default floor in place unnoticed.
 * The action repeats the warning in its own log, where it is read. A
 * warning, not a failure, to match the runner.
 */
export function unknownInputWarnings(env: NodeJS.ProcessEnv): string[] {
  const known = new Set<string>(INPUT_NAMES)
  const warnings: string[] = []
  for (const variable of Object.keys(env).sort()) {
    if (!variable.startsWith('INPUT_')) continue
    const name = variable.slice('INPUT_'.length).toLowerCase()
    if (known.has(name)) continue
    const spelled = name.replace(/_/g, '-')
    let nearest: string = INPUT_NAMES[0]
    for (const candidate of INPUT_NAMES)
      if (editDistance(spelled, candidate) < editDistance(spelled, nearest))
        nearest = candidate
    warnings.push(
      `Input '${name}' (variable ${variable}) is not an input of champion-gate and is ignored; did you mean '${nearest}'? The inputs are listed in action.yml.`
    )
  }
  return warnings
}
