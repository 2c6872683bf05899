/**
 * The example workflows users copy (examples/workflows/): valid YAML, and
 * every champion-gate step uses only inputs that action.yml declares, reads
 * only outputs it declares, and follows the choices the README promises
 * (one concurrency group per model, least permissions, production
 * environment for the jobs that move aliases).
 */

import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DIR = join(ROOT, 'examples', 'workflows')
const ACTION = /(^|\/)champion-gate@/
const CONCURRENCY_GROUP =
  "champion-gate-${{ vars.MODEL_NAME || 'fraud-detector' }}"

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  if?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
interface Job {
  needs?: string | string[]
  environment?: string | { name: string }
  permissions?: Record<string, string>
  steps: Step[]
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  concurrency?: { group: string; 'cancel-in-progress': boolean }
  jobs: Record<string, Job>
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const inputNames = new Set(Object.keys(action.inputs))
const outputNames = new Set(Object.keys(action.outputs))

const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f))
const text = (file: string): string => readFileSync(join(DIR, file), 'utf8')
const workflow = (file: string): Workflow => parse(text(file)) as Workflow

/** Every champion-gate step, with the job it is in. */
function gateSteps(file: string): { job: string; step: Step }[] {
  return Object.entries(workflow(file).jobs).flatMap(([job, { steps }]) =>
    steps
      .filter((step) => ACTION.test(step.uses ?? ''))
      .map((step) => ({ job, step }))
  )
}

/** `steps.<id>.outputs.<name>` references in the file, comments included. */
function outputReferences(file: string): { id: string; name: string }[] {
  return [...text(file).matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)].map(
    (m) => ({ id: m[1], name: m[2] })
  )
}

describe('examples/workflows', () => {
  it('holds the four workflows the README names', () => {
    expect(files.sort()).toEqual([
      'pr-check.yml',
      'rollback.yml',
      'train-and-gate.yml',
      'unity-catalog-gate.yml'
    ])
  })

  describe.each(files)('%s', (file) => {
    it('is valid YAML with triggers and jobs', () => {
      const parsed = workflow(file)
      expect(parsed.on).toBeDefined()
      expect(Object.keys(parsed.jobs).length).toBeGreaterThan(0)
      for (const job of Object.values(parsed.jobs))
        expect(job.steps.length).toBeGreaterThan(0)
    })

    it('uses champion-gate in a step with an id', () => {
      const steps = gateSteps(file)
      expect(steps.length).toBe(1)
      expect(steps[0].step.id).toBeTruthy()
    })

    it("passes only inputs declared in action.yml's inputs", () => {
      for (const { step } of gateSteps(file)) {
        const unknown = Object.keys(step.with ?? {}).filter(
          (key) => !inputNames.has(key)
        )
        expect(unknown).toEqual([])
      }
    })

    it("reads only outputs declared in action.yml's outputs", () => {
      const ids = new Set(gateSteps(file).map(({ step }) => step.id))
      const refs = outputReferences(file).filter(({ id }) => ids.has(id))
      const unknown = refs.filter(({ name }) => !outputNames.has(name))
      expect(unknown).toEqual([])
    })

    it('reads outputs only of steps that exist', () => {
      const parsed = workflow(file)
      const ids = new Set(
        Object.values(parsed.jobs).flatMap((job) =>
          job.steps.map((step) => step.id)
        )
      )
      for (const { id } of outputReferences(file)) expect(ids).toContain(id)
    })

    it('grants contents: read and nothing else but what it needs', () => {
      const { permissions, jobs } = workflow(file)
      const allowed: Record<string, string> =
        file === 'pr-check.yml'
          ? { contents: 'read', 'pull-requests': 'write' }
          : file === 'unity-catalog-gate.yml'
            ? { contents: 'read', 'id-token': 'write' }
            : { contents: 'read' }
      expect(permissions).toEqual(allowed)
      for (const job of Object.values(jobs))
        expect(job.permissions).toBeUndefined()
    })

    it('hands outputs to shell scripts through env, never inline', () => {
      // `${{ steps.x.outputs.y }}` inside run: would be expanded into the
      // script text before the shell sees it (script injection).
      for (const job of Object.values(workflow(file).jobs))
        for (const step of job.steps)
          expect(step.run ?? '').not.toMatch(/\$\{\{[^}]*(outputs|inputs)\./)
    })
  })

  describe('train-and-gate.yml', () => {
    const parsed = workflow('train-and-gate.yml')
    const [{ job, step }] = gateSteps('train-and-gate.yml')

    it('trains on push to main and by hand', () => {
      expect(parsed.on).toHaveProperty('workflow_dispatch')
      expect(parsed.on.push).toMatchObject({ branches: ['main'] })
    })

    it('gates after training, in the production environment', () => {
      expect(job).toBe('gate')
      expect(parsed.jobs.gate.needs).toBe('train')
      expect(parsed.jobs.gate.environment).toBe('production')
      expect(step.with).toMatchObject({
        mode: 'gate',
        'cost-false-negative': 'amount',
        'cost-true-positive': '5',
        'cost-false-positive': '5'
      })
      expect(String(step.with?.['score-command'])).toMatch(
        /^mlflow models predict -m \{model_uri\} -i \{test_set\} -o \{output\}/
      )
    })

    it('tells serving to reload only when the alias moved', () => {
      const steps = parsed.jobs.gate.steps
      const reload = steps.filter(
        (s) => s.if === `steps.${step.id}.outputs.alias-moved == 'true'`
      )
      expect(reload).toHaveLength(1)
      expect(steps.indexOf(reload[0])).toBeGreaterThan(steps.indexOf(step))
    })

    it('queues gates of one model and never cancels one halfway', () => {
      expect(parsed.concurrency).toEqual({
        group: CONCURRENCY_GROUP,
        'cancel-in-progress': false
      })
    })
  })

  describe('unity-catalog-gate.yml', () => {
    const parsed = workflow('unity-catalog-gate.yml')
    const [{ job, step }] = gateSteps('unity-catalog-gate.yml')

    it('authenticates by GitHub OIDC federation, with no Databricks secret', () => {
      const env = parsed.jobs[job] as Job & { env: Record<string, string> }
      expect(env.env).toMatchObject({ DATABRICKS_AUTH_TYPE: 'github-oidc' })
      expect(text('unity-catalog-gate.yml')).not.toMatch(/secrets\./)
      expect(parsed.jobs[job].environment).toBe('production')
    })

    it('gates a three-level name on Unity Catalog', () => {
      expect(step.with).toMatchObject({
        mode: 'gate',
        'registry-uri': 'databricks-uc'
      })
      expect(text('unity-catalog-gate.yml')).toMatch(/main\.fraud\.detector/)
    })
  })

  describe('pr-check.yml', () => {
    const parsed = workflow('pr-check.yml')

    it('only evaluates, on pull requests', () => {
      expect(Object.keys(parsed.on)).toEqual(['pull_request'])
      for (const { step } of gateSteps('pr-check.yml'))
        expect(step.with?.mode).toBe('evaluate')
    })

    it('says what happens on pull requests from forks', () => {
      expect(text('pr-check.yml')).toMatch(/forks? get a read-only/i)
    })
  })

  describe('rollback.yml', () => {
    const parsed = workflow('rollback.yml')
    const [{ job, step }] = gateSteps('rollback.yml')

    it('is dispatched by hand with an optional version and a required reason', () => {
      expect(Object.keys(parsed.on)).toEqual(['workflow_dispatch'])
      const inputs = (
        parsed.on.workflow_dispatch as {
          inputs: Record<string, { required: boolean }>
        }
      ).inputs
      expect(inputs['rollback-to'].required).toBe(false)
      expect(inputs.reason.required).toBe(true)
      // Every ${{ inputs.x }} names a declared input.
      for (const [, name] of text('rollback.yml').matchAll(
        /\binputs\.([\w-]+)/g
      ))
        expect(Object.keys(inputs)).toContain(name)
    })

    it('rolls back in the production environment, in the gate group', () => {
      expect(step.with).toMatchObject({ mode: 'rollback' })
      expect(step.with).toHaveProperty('reason')
      expect(parsed.jobs[job].environment).toBe('production')
      expect(parsed.concurrency).toEqual({
        group: CONCURRENCY_GROUP,
        'cancel-in-progress': false
      })
    })
  })
})
