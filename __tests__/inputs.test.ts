import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { InputError } from '../src/errors.js'
import {
  INPUT_NAMES,
  inputsSchema,
  parseInputs,
  unknownInputWarnings
} from '../src/inputs.js'

/** The inputs block of action.yml: name → default (a small reader for its plain shape). */
function actionYmlDefaults(): Map<string, string> {
  const text = readFileSync(new URL('../action.yml', import.meta.url), 'utf8')
  const block = text.slice(
    text.indexOf('\ninputs:\n'),
    text.indexOf('\noutputs:\n')
  )
  const defaults = new Map<string, string>()
  let current: string | undefined
  for (const line of block.split('\n')) {
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line)
    if (name) current = name[1]
    const value = /^ {4}default:\s*(.*)$/.exec(line)
    if (value && current)
      defaults.set(current, value[1].replace(/^'(.*)'$/, '$1'))
  }
  return defaults
}

describe('inputs.ts', () => {
  it('documents every schema input in action.yml and no other', () => {
    expect([...actionYmlDefaults().keys()].sort()).toEqual(
      [...INPUT_NAMES].sort()
    )
  })

  it('has the same defaults as action.yml', () => {
    for (const [name, yamlDefault] of actionYmlDefaults()) {
      if (name === 'github-token') continue // ${{ github.token }} is the runner's to fill in
      const field = inputsSchema.shape[name as keyof typeof inputsSchema.shape]
      // The schema's default, as the raw string it parses from.
      const parsedDefault = field.safeParse(undefined)
      const parsedYaml = field.safeParse(
        yamlDefault === '' ? undefined : yamlDefault
      )
      expect({ name, value: parsedDefault.data }).toEqual({
        name,
        value: parsedYaml.data
      })
    }
  })

  it('applies the documented defaults', () => {
    const inputs = parseInputs({})
    expect(inputs.mode).toBe('gate')
    expect(inputs.threshold).toBe(0.5)
    expect(inputs['min-f1']).toBe(0.2)
    expect(inputs['min-net-benefit']).toEqual({ mantissa: 40000n, scale: 0 })
    expect(inputs['min-improvement']).toEqual({ mantissa: 0n, scale: 0 })
    expect(inputs['fail-on-reject']).toBe(true)
    expect(inputs['label-column']).toBe('label')
    expect(inputs['positive-label']).toBe('1')
    expect(inputs['id-column']).toBeUndefined()
    expect(inputs['champion-alias']).toBe('champion')
    expect(inputs.comment).toBe('always')
    expect(inputs['bootstrap-samples']).toBe(2000)
    expect(inputs.seed).toBe(0)
    expect(parseInputs({ 'bootstrap-samples': '0' })['bootstrap-samples']).toBe(
      0
    )
  })

  it.each([
    [
      { mode: 'evalute' },
      "Input 'mode': got 'evalute'; expected one of evaluate, gate, rollback"
    ],
    [
      { threshold: '1.7' },
      "Input 'threshold': got '1.7'; expected a number from 0 to 1"
    ],
    [{ threshold: 'half' }, "Input 'threshold': got 'half'"],
    [
      { 'fail-on-reject': 'maybe' },
      "Input 'fail-on-reject': got 'maybe'; expected true or false"
    ],
    [
      { 'min-f1': '1.5' },
      "Input 'min-f1': got '1.5'; expected a number from 0 to 1, or 'off'"
    ],
    [
      { 'min-net-benefit': '$40,000' },
      "Input 'min-net-benefit': got '$40,000'; expected a number of dollars"
    ],
    [
      { 'cost-false-positive': '5$' },
      "Input 'cost-false-positive': got '5$'; expected a number"
    ],
    [
      { comment: 'sometimes' },
      "Input 'comment': got 'sometimes'; expected one of always, on-reject, never"
    ],
    [{ 'champion-alias': 'v3' }, "Input 'champion-alias': got 'v3'"],
    [
      { 'candidate-version': '4.2' },
      "Input 'candidate-version': got '4.2'; expected a model version number"
    ],
    [
      { 'bootstrap-samples': '50' },
      "Input 'bootstrap-samples': got '50'; expected 0 (the normal approximation) or a whole number of resamples from 100 to 20000"
    ],
    [
      { 'bootstrap-samples': '2000.5' },
      "Input 'bootstrap-samples': got '2000.5'"
    ],
    [
      { seed: '-1' },
      "Input 'seed': got '-1'; expected a whole number from 0 to 4294967295"
    ]
  ])('rejects %j with a message naming the input', (raw, message) => {
    expect(() => parseInputs(raw)).toThrow(InputError)
    expect(() => parseInputs(raw)).toThrow(message)
  })

  it('reads costs as numbers or column names', () => {
    const inputs = parseInputs({
      'cost-false-negative': 'amount',
      'cost-true-positive': '-2.50'
    })
    expect(inputs['cost-false-negative']).toEqual({
      kind: 'column',
      column: 'amount'
    })
    expect(inputs['cost-true-positive']).toEqual({
      kind: 'constant',
      value: { mantissa: -25n, scale: 1 },
      text: '-2.50'
    })
  })

  it('takes a cost that starts with a digit but is no number as a column (1st_cost)', () => {
    const inputs = parseInputs({
      'cost-false-negative': '1st_cost',
      'cost-false-positive': '12.340000000000000000',
      'cost-true-positive': '2e3'
    })
    expect(inputs['cost-false-negative']).toEqual({
      kind: 'column',
      column: '1st_cost'
    })
    expect(inputs['cost-false-positive']).toMatchObject({
      kind: 'constant',
      value: { mantissa: 1234n, scale: 2 }
    })
    expect(inputs['cost-true-positive']).toMatchObject({
      kind: 'constant',
      value: { mantissa: 2000n, scale: 0 }
    })
    expect(() => parseInputs({ 'cost-false-negative': '1.5e-16' })).toThrow(
      "Input 'cost-false-negative': got '1.5e-16'; expected a number (e.g. 5 or -2.50) or the name of a numeric test-set column (e.g. amount), and it has 17 digits after the decimal point once written out; a cost may have at most 15"
    )
  })

  it("turns floors off with 'off'", () => {
    const inputs = parseInputs({ 'min-net-benefit': 'off', 'min-f1': 'OFF' })
    expect(inputs['min-net-benefit']).toBeUndefined()
    expect(inputs['min-f1']).toBeUndefined()
  })

  it('accepts the boolean spellings core.getBooleanInput accepts', () => {
    for (const value of ['true', 'True', 'TRUE'])
      expect(parseInputs({ 'fail-on-reject': value })['fail-on-reject']).toBe(
        true
      )
    for (const value of ['false', 'False', 'FALSE'])
      expect(parseInputs({ 'fail-on-reject': value })['fail-on-reject']).toBe(
        false
      )
  })
})

describe('inputs.ts: how predictions are read', () => {
  it('reads prediction-kind and positive-class-index, naming the input of a bad value', () => {
    expect(parseInputs({})).toMatchObject({
      'prediction-kind': 'auto',
      'positive-class-index': 'auto'
    })
    expect(
      parseInputs({ 'prediction-kind': 'label', 'positive-class-index': '0' })
    ).toMatchObject({ 'prediction-kind': 'label', 'positive-class-index': 0 })
    expect(parseInputs({ 'positive-class-index': '1' })).toMatchObject({
      'positive-class-index': 1
    })
    expect(() => parseInputs({ 'prediction-kind': 'labels' })).toThrow(
      "got 'labels'; expected one of auto, score, label"
    )
    expect(() => parseInputs({ 'positive-class-index': '2' })).toThrow(
      "got '2'; expected one of auto, 0, 1"
    )
  })
})

describe('inputs.ts: unknown inputs', () => {
  it('warns about nothing when every variable names an input', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/bin', INPUTS: 'x' }
    for (const name of INPUT_NAMES) env[`INPUT_${name.toUpperCase()}`] = ''
    expect(unknownInputWarnings(env)).toEqual([])
  })

  it.each([
    ['INPUT_MIN-F', 'min-f', 'min-f1'],
    ['INPUT_TEST_SET', 'test_set', 'test-set'],
    ['INPUT_COST-FALSE-NEGATVE', 'cost-false-negatve', 'cost-false-negative'],
    ['INPUT_MINCONFIDENCE', 'minconfidence', 'min-confidence']
  ])('names %s and the nearest input', (variable, name, nearest) => {
    const [warning] = unknownInputWarnings({ [variable]: '0.5' })
    expect(warning).toBe(
      `Input '${name}' (variable ${variable}) is not an input of champion-gate and is ignored; did you mean '${nearest}'? The inputs are listed in action.yml.`
    )
  })

  it('warns once per unknown variable, in a stable order, and never shows a value', () => {
    const warnings = unknownInputWarnings({
      'INPUT_TRACKING-TOKN': 'secret-value',
      'INPUT_MODEL-NAM': 'fraud',
      'INPUT_MODEL-NAME': 'fraud'
    })
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toContain("did you mean 'model-name'")
    expect(warnings[1]).toContain("did you mean 'tracking-token'")
    expect(warnings.join('\n')).not.toContain('secret-value')
  })
})
