import { describe, expect, it } from '@jest/globals'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  privateScoreDirectory,
  runScoreCommand,
  scoreArguments,
  scorerEnvironment,
  showCommand,
  splitCommand
} from '../../src/scoring/score-command.js'
import { InputError } from '../../src/errors.js'

/** A scorer that writes what it received (argv, environment) as its output. */
const SCORER = `
import { writeFileSync } from 'node:fs'
const [, , ...argv] = process.argv
writeFileSync(argv.at(-1), JSON.stringify({ argv, env: process.env }))
`

function workspace(): { dir: string; scorer: string } {
  const dir = mkdtempSync(join(tmpdir(), 'score-command-test-'))
  const scorer = join(dir, 'scorer.mjs')
  writeFileSync(scorer, SCORER)
  return { dir, scorer }
}

async function score(
  modelUri: string,
  env: NodeJS.ProcessEnv = { PATH: process.env.PATH }
): Promise<{ argv: string[]; env: Record<string, string>; dir: string }> {
  const { dir, scorer } = workspace()
  const output = join(dir, 'out.json')
  const args = scoreArguments(
    `"${process.execPath}" "${scorer}" --model {model_uri} -i {test_set} -o {output}`,
    { modelUri, testSet: join(dir, 'test set.csv'), output }
  )
  await runScoreCommand({ role: 'candidate', args, output, env, log: () => {} })
  return { ...JSON.parse(readFileSync(output, 'utf8')), dir }
}

describe('score-command.ts', () => {
  describe('splitCommand', () => {
    it.each([
      [
        'mlflow models predict -m {model_uri}',
        ['mlflow', 'models', 'predict', '-m', '{model_uri}']
      ],
      ['  a \t b\n c  ', ['a', 'b', 'c']],
      [
        `'single $HOME \\n' "double \\" \\\\ $HOME"`,
        ['single $HOME \\n', 'double " \\ $HOME']
      ],
      [`a"b c"d 'e'f`, ['ab cd', 'ef']],
      [`'' ""`, ['', '']],
      ['a\\ b \\"c', ['a b', '"c']],
      ['"\\n\\t"', ['\\n\\t']],
      ['a;b $(c) `d` e&&f g|h >i', ['a;b', '$(c)', '`d`', 'e&&f', 'g|h', '>i']],
      ['', []],
      // Quoting glued together, as a shell user writes an apostrophe.
      [`'it'"'"'s' x`, ["it's", 'x']],
      // A quoted blank is an argument; a trailing backslash is kept as is.
      ['a " " b\\', ['a', ' ', 'b\\']]
    ])('splits %j into %j, expanding nothing', (template, expected) => {
      expect(splitCommand(template)).toEqual(expected)
    })

    it('refuses a quote that is never closed, naming the input', () => {
      expect(() => splitCommand(`predict -m '{model_uri}`)).toThrow(InputError)
      expect(() => splitCommand(`predict -m "{model_uri}`)).toThrow(
        /score-command.*" quote is never closed/
      )
    })
  })

  describe('scoreArguments', () => {
    const values = { modelUri: 'models:/m/1', testSet: '/t.csv', output: '/o' }

    it('substitutes each placeholder inside its argument, never splitting a value', () => {
      expect(
        scoreArguments('p -m {model_uri} --in={test_set} -o {output}', {
          ...values,
          modelUri: 'runs:/a b/model'
        })
      ).toEqual(['p', '-m', 'runs:/a b/model', '--in=/t.csv', '-o', '/o'])
    })

    it('leaves a value that reads like a placeholder as it is', () => {
      expect(
        scoreArguments('p {model_uri} {test_set} {output}', {
          modelUri: 'runs:/{output}/{test_set}',
          testSet: '{model_uri}',
          output: '/o'
        })
      ).toEqual(['p', 'runs:/{output}/{test_set}', '{model_uri}', '/o'])
    })

    it('needs {output} and {model_uri}', () => {
      expect(() => scoreArguments('p {model_uri}', values)).toThrow(
        /\{output\}/
      )
      expect(() => scoreArguments('p -o {output}', values)).toThrow(
        /\{model_uri\}/
      )
      expect(() => scoreArguments('  ', values)).toThrow(/is empty/)
    })
  })

  describe('runScoreCommand', () => {
    it.each([
      ['a semicolon', 'm;touch MARK'],
      ['a command substitution', '$(touch MARK)'],
      ['backticks', '`touch MARK`'],
      ['&&', 'm && touch MARK'],
      ['quotes', `m' "; touch MARK; echo "'`],
      ['a line break', 'm\ntouch MARK'],
      ['a pipe and a redirect', 'm | touch MARK > MARK2']
    ])(
      'runs nothing extra for a model URI holding %s, and passes it as one argument',
      async (_, hostile) => {
        const { dir: marks } = workspace()
        const modelUri = hostile.replaceAll('MARK', join(marks, 'marker'))
        const run = await score(modelUri)
        expect(run.argv).toEqual([
          '--model',
          modelUri,
          '-i',
          join(run.dir, 'test set.csv'),
          '-o',
          join(run.dir, 'out.json')
        ])
        expect(readdirSync(marks)).toEqual(['scorer.mjs'])
      }
    )

    it('passes no GitHub token, no INPUT_* and no runner token to the scorer', async () => {
      const secrets = {
        GITHUB_TOKEN: 'ghs_jobToken',
        'INPUT_GITHUB-TOKEN': 'ghs_jobToken',
        'INPUT_TRACKING-PASSWORD': 'hunter2',
        INPUT_MODE: 'gate',
        ACTIONS_RUNTIME_TOKEN: 'runtime',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example',
        GITHUB_REPOSITORY: 'o/r',
        RUNNER_TEMP: '/runner/temp',
        NPM_TOKEN: 'npm_x'
      }
      const needed = {
        PATH: process.env.PATH ?? '',
        HOME: '/home/runner',
        LANG: 'C.UTF-8',
        LC_ALL: 'C.UTF-8',
        TMPDIR: '/tmp/x',
        MLFLOW_TRACKING_URI: 'http://127.0.0.1:5000',
        MLFLOW_TRACKING_TOKEN: 'mlflow-token',
        DATABRICKS_HOST: 'https://dbc.example',
        AWS_ACCESS_KEY_ID: 'AKIA',
        VIRTUAL_ENV: '/venv',
        CONDA_PREFIX: '/conda',
        https_proxy: 'http://proxy:3128'
      }
      const run = await score('models:/m/1', { ...secrets, ...needed })
      for (const name of Object.keys(secrets))
        expect(run.env).not.toHaveProperty([name])
      for (const [name, value] of Object.entries(needed))
        expect(run.env).toHaveProperty([name], value)
      expect(JSON.stringify(run.env)).not.toMatch(/ghs_jobToken|hunter2|oidc/)
    })
  })

  describe('showCommand', () => {
    it('shows the arguments on one line, quoted, with line breaks escaped', () => {
      const shown = showCommand([
        'mlflow',
        '-m',
        'models:/fraud/1\n::error::forged',
        'a b',
        "it's",
        '{output}'
      ])
      expect(shown).toBe(
        "mlflow -m 'models:/fraud/1\\n::error::forged' 'a b' 'it'\\''s' {output}"
      )
      expect(shown).not.toMatch(/[\r\n\u2028\u2029]/)
    })
  })

  describe('scorerEnvironment', () => {
    it('keeps allow-listed names in any case and drops the rest', () => {
      expect(
        scorerEnvironment({
          Path: 'C:\\Windows',
          SystemRoot: 'C:\\Windows',
          no_proxy: 'localhost',
          GITHUB_TOKEN: 'x',
          github_token: 'x',
          'INPUT_SCORE-COMMAND': 'x',
          HOMEBREW_GITHUB_API_TOKEN: 'x',
          MLFLOW_TRACKING_PASSWORD: 'p'
        })
      ).toEqual({
        Path: 'C:\\Windows',
        SystemRoot: 'C:\\Windows',
        no_proxy: 'localhost',
        MLFLOW_TRACKING_PASSWORD: 'p'
      })
    })
  })

  describe('privateScoreDirectory', () => {
    it('makes a fresh folder only this user can enter, under an unpredictable name', () => {
      const parent = mkdtempSync(join(tmpdir(), 'score-dir-test-'))
      const first = privateScoreDirectory(parent)
      const second = privateScoreDirectory(parent)
      expect(first).not.toBe(second)
      for (const directory of [first, second]) {
        expect(statSync(directory).mode & 0o777).toBe(0o700)
        expect(directory).toMatch(/champion-gate-scores-[A-Za-z0-9]{6}$/)
      }
      // The old shared, predictable folder is not used.
      expect(existsSync(join(parent, 'champion-gate-scores'))).toBe(false)
    })
  })
})
