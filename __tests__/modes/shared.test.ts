/**
 * The checks made before anything is read from or written to the registry:
 * model names MLflow would refuse and alias inputs that collide.
 */
import { describe, expect, it } from '@jest/globals'
import { InputError } from '../../src/errors.js'
import { parseInputs } from '../../src/inputs.js'
import { checkRegistryNames } from '../../src/modes/shared.js'

describe('modes/shared.ts checkRegistryNames', () => {
  it('accepts the default aliases and an ordinary name', () => {
    expect(() =>
      checkRegistryNames(parseInputs({}), 'fraud-detector')
    ).not.toThrow()
  })

  it.each([
    [{ 'candidate-alias': 'champion' }, 'candidate-alias', 'champion-alias'],
    [
      { 'candidate-alias': 'previous-champion' },
      'candidate-alias',
      'previous-champion-alias'
    ],
    [
      { 'previous-champion-alias': 'champion' },
      'previous-champion-alias',
      'champion-alias'
    ],
    [
      { 'previous-champion-alias': 'candidate' },
      'candidate-alias',
      'previous-champion-alias'
    ],
    [
      { 'previous-champion-alias': 'Champion' },
      'previous-champion-alias',
      'champion-alias'
    ]
  ])('refuses %j, naming both inputs', (raw, second, first) => {
    const error = (() => {
      try {
        checkRegistryNames(parseInputs(raw), 'fraud')
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).input).toBe(second)
    expect((error as Error).message).toContain(`the same as '${first}'`)
  })

  it.each([
    ['a/b', "holds '/' or ':'"],
    ['team:fraud', "holds '/' or ':'"],
    ['..fraud', 'reads like a path'],
    ['.', 'reads like a path'],
    ['m'.repeat(257), 'is 257 characters long; MLflow keeps at most 256']
  ])('refuses the model name %s', (name, message) => {
    expect(() => checkRegistryNames(parseInputs({}), name)).toThrow(message)
  })

  it('refuses an alias longer than MLflow keeps (255) in the inputs schema', () => {
    expect(() => parseInputs({ 'champion-alias': 'a'.repeat(300) })).toThrow(
      "Input 'champion-alias'"
    )
    expect(() => parseInputs({ 'champion-alias': 'a'.repeat(300) })).toThrow(
      '(300 characters)'
    )
    expect(
      parseInputs({ 'champion-alias': 'a'.repeat(255) })['champion-alias']
    ).toHaveLength(255)
  })
})
