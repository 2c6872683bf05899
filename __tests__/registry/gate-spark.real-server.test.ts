/**
 * A real distributed engine upstream of the gate: PySpark in local mode
 * (examples/spark/score_with_spark.py) loads both registered models from a
 * REAL MLflow server with `mlflow.pyfunc.spark_udf`, scores a Parquet test
 * set and writes Spark's own output folders (part files out of test-set
 * order, `_SUCCESS`, `.crc`), as Parquet and as CSV. The bundled action then
 * gates on those folders, joined by id, and must reach the figures of a
 * plain `mlflow models predict` of the same models on the same rows.
 *
 *   bash .ci/with-mlflow.sh npm test -- gate-spark.real-server
 *
 * Needs Java 17+ and pyspark in .venv (both installed by .ci/setup.sh):
 * without them the suite is skipped with the reason, except in CI
 * (CI=true), where it fails. Each test that needs a reader the bundle does
 * not have yet (part folders, Parquet) or the position check is skipped
 * with the refusal the bundle gave, so it runs as soon as the bundle can.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import {
  POLICY,
  PYTHON,
  RegistryProbe,
  describeWithMlflow,
  reportOf,
  runnerEnv,
  seed,
  uniqueModelName,
  type Seeded
} from '../../__fixtures__/registry.js'
import {
  BUNDLE,
  ROOT,
  runBundle,
  type BundleRun
} from '../../__fixtures__/run-bundle.js'

const execFileAsync = promisify(execFile)

const SPARK_JOB = join(ROOT, 'examples/spark/score_with_spark.py')
const WRITE_PARQUET = join(ROOT, '__tests__/support/spark/write_parquet.py')
const MLFLOW_PREDICT =
  'mlflow models predict -m {model_uri} -i {test_set} -o {output} -t csv --env-manager local'

/** Why Spark cannot run on this machine, or undefined when it can. */
function sparkMissing(): string | undefined {
  if (!existsSync(PYTHON)) {
    return `${PYTHON} is missing (bash .ci/python-venv.sh creates it)`
  }
  const pyspark = spawnSync(PYTHON, ['-c', 'import pyspark'], {
    timeout: 60_000
  })
  if (pyspark.status !== 0) {
    return 'pyspark is not installed in .venv (bash .ci/python-venv.sh installs the pin in .ci/requirements-mlflow.txt)'
  }
  // PySpark starts $JAVA_HOME/bin/java, else the `java` on PATH.
  const home = process.env.JAVA_HOME?.trim()
  const java = home ? join(home, 'bin', 'java') : 'java'
  const version = spawnSync(java, ['-version'], {
    encoding: 'utf8',
    timeout: 60_000
  })
  if (version.status !== 0) {
    return `no Java ('${java} -version' failed): install openjdk-17-jre-headless (bash .ci/setup.sh does)`
  }
  // `openjdk version "17.0.15"`, or "1.8.0_392" for Java 8.
  const found = /version "(\d+)(?:\.(\d+))?/.exec(version.stderr)
  const major = found
    ? Number(found[1]) === 1
      ? Number(found[2])
      : Number(found[1])
    : 0
  if (major < 17) {
    return `Spark 4 needs Java 17 or later; '${java} -version' says ${JSON.stringify(version.stderr.split('\n')[0])}`
  }
  return undefined
}

/**
 * What the bundle does not read yet, asked of the bundle itself: each probe
 * is a tiny run whose only possible failure on a bundle without the feature
 * is that bundle's known refusal. A different error (a bug in a new reader)
 * does not count as "absent": the real test then runs and shows it.
 */
interface Missing {
  folders?: string
  parquet?: string
  positionCheck?: string
}

function bundleRefusal(inputs: Record<string, string>, dir: string): string {
  const output = join(dir, `output-${Math.random().toString(36).slice(2)}`)
  writeFileSync(output, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: output,
    'INPUT_MIN-NET-BENEFIT': 'off',
    'INPUT_MIN-F1': 'off',
    INPUT_COMMENT: 'never',
    INPUT_MODE: 'evaluate'
  }
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  const run = spawnSync(process.execPath, [BUNDLE], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 60_000
  })
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('::error'))
    .join('\n')
}

function missingReaders(): Missing {
  if (!existsSync(BUNDLE)) {
    const why = `${BUNDLE} is missing: npm run package`
    return { folders: why, parquet: why, positionCheck: why }
  }
  const dir = mkdtempSync(join(tmpdir(), 'champion-gate-probe-'))
  writeFileSync(join(dir, 'test.csv'), 'id,label\n1,1\n2,0\n')
  mkdirSync(join(dir, 'folder'))
  writeFileSync(join(dir, 'folder', 'part-00000.csv'), 'id,prediction\n1,0.9\n')
  writeFileSync(join(dir, 'folder', 'part-00001.csv'), 'id,prediction\n2,0.1\n')
  writeFileSync(join(dir, 'folder', '_SUCCESS'), '')
  // Parquet's magic at both ends: enough for the old magic-byte refusal.
  writeFileSync(join(dir, 'probe.parquet'), 'PAR1\0\0\0\0PAR1')
  // Ids in the other order than the test set's: by position this contradicts it.
  writeFileSync(join(dir, 'swapped.csv'), 'id,prediction\n2,0.1\n1,0.9\n')
  const missing: Missing = {}
  const folder = bundleRefusal(
    {
      'test-set': 'test.csv',
      'candidate-predictions': 'folder',
      'id-column': 'id'
    },
    dir
  )
  if (folder.includes('is a directory, not a regular file')) {
    missing.folders = `the bundle does not read part folders yet: ${folder}`
  }
  const parquet = bundleRefusal(
    { 'test-set': 'test.csv', 'candidate-predictions': 'probe.parquet' },
    dir
  )
  if (parquet.includes('is a Parquet file; champion-gate reads CSV')) {
    missing.parquet = `the bundle does not read Parquet yet: ${parquet}`
  }
  const swapped = bundleRefusal(
    { 'test-set': 'test.csv', 'candidate-predictions': 'swapped.csv' },
    dir
  )
  if (swapped === '') {
    missing.positionCheck =
      'the bundle matches by position predictions whose ids contradict the test set (the position check is not in this bundle yet)'
  }
  return missing
}

/** `it`, or `it.skip` titled with the reason, loudly. */
function itWhen(
  missing: string | undefined,
  title: string,
  body: () => Promise<void>,
  timeout?: number
): void {
  if (missing === undefined) {
    it(title, body, timeout)
    return
  }
  // Printed as well: a skipped title alone is easy to miss in a full run.
  process.stderr.write(`SKIPPED '${title}': ${missing}\n`)
  it.skip(`${title} (SKIPPED: ${missing})`, body)
}

const spark = sparkMissing()

describeWithMlflow(
  'mode: gate on the part folders of a real Spark job (PySpark local[2], spark_udf from the registry)',
  (servers) => {
    if (spark !== undefined) {
      if (process.env.CI) {
        it('needs Java 17 and pyspark (CI installs them)', () => {
          throw new Error(`${spark}; CI must run this suite`)
        })
        return
      }
      process.stderr.write(`SKIPPED the Spark suite: ${spark}\n`)
      describe.skip(`Spark (SKIPPED: ${spark})`, () => {
        it('needs Java 17 and pyspark', () => undefined)
      })
      return
    }
    const server = servers.plain
    const probe = new RegistryProbe(server)
    const missing = missingReaders()

    let name: string
    let seeded: Seeded
    let testParquet: string
    /** Spark's output folders, by name: champion.parquet, candidate.csv, ... */
    let folders: Record<string, string>
    let sparkSeconds: number
    /** `mlflow models predict` of both models through score-command (evaluate: no writes). */
    let baseline: BundleRun

    beforeAll(async () => {
      name = uniqueModelName('spark')
      // v1 weak (@champion), v2 strong (@candidate); both output probabilities.
      seeded = await seed({
        server,
        modelName: name,
        register: ['weak', 'strong'],
        aliases: { champion: 1, candidate: 2 },
        predictProba: ['strong', 'weak']
      })
      const dir = dirname(seeded.test_csv)
      testParquet = join(dir, 'test.parquet')
      await execFileAsync(PYTHON, [WRITE_PARQUET, seeded.test_csv, testParquet])

      folders = {}
      const args = [SPARK_JOB, '--test-set', testParquet, '--id-column', 'id']
      for (const [role, version] of [
        ['champion', 1],
        ['candidate', 2]
      ] as const) {
        for (const kind of ['parquet', 'csv']) {
          const folder = join(dir, 'spark', `${role}.${kind}`)
          folders[`${role}.${kind}`] = folder
          args.push('--score', `models:/${name}/${version}`, folder)
        }
      }
      // The plain server needs no credential; pass none on to the job.
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        MLFLOW_TRACKING_URI: server.uri,
        MLFLOW_DISABLE_TELEMETRY: 'true',
        DO_NOT_TRACK: 'true'
      }
      delete env.MLFLOW_TRACKING_USERNAME
      delete env.MLFLOW_TRACKING_PASSWORD
      delete env.MLFLOW_TRACKING_TOKEN
      const started = Date.now()
      try {
        await execFileAsync(PYTHON, args, {
          env,
          maxBuffer: 64 * 1024 * 1024,
          timeout: 600_000
        })
      } catch (error) {
        const { stderr } = error as { stderr?: string }
        throw new Error(
          `the Spark job failed: ${String(error)}\n${(stderr ?? '').split('\n').slice(-40).join('\n')}`
        )
      }
      sparkSeconds = (Date.now() - started) / 1000
      process.stderr.write(
        `spark: scored 2 models into 4 folders in ${sparkSeconds.toFixed(1)} s (JVM start included)\n`
      )

      baseline = await runBundle(
        {
          mode: 'evaluate',
          'model-name': name,
          'tracking-uri': server.uri,
          'test-set': seeded.test_csv,
          'score-command': MLFLOW_PREDICT,
          ...POLICY
        },
        { env: runnerEnv() }
      )
      expect(baseline.errors).toEqual([])
      expect(baseline.status).toBe(0)
    }, 900_000)

    /** The rows of a CSV part folder, part files in name order. */
    function csvFolderIds(folder: string): string[] {
      return readdirSync(folder)
        .filter((file) => file.startsWith('part-'))
        .sort()
        .flatMap((file) =>
          readFileSync(join(folder, file), 'utf8')
            .split('\n')
            .slice(1)
            .filter((line) => line !== '')
            .map((line) => line.split(',')[0])
        )
    }

    it('the Spark job writes folders as Spark does: several parts out of test-set order, _SUCCESS, .crc', () => {
      const testIds = readFileSync(seeded.test_csv, 'utf8')
        .split('\n')
        .slice(1)
        .filter((line) => line !== '')
        .map((line) => line.split(',')[0])
      for (const [label, folder] of Object.entries(folders)) {
        const files = readdirSync(folder)
        const parts = files.filter((file) => file.startsWith('part-'))
        expect([label, parts.length]).toEqual([label, 4])
        expect(files).toContain('_SUCCESS')
        expect(files.filter((file) => file.endsWith('.crc')).length).toBe(
          parts.length + 1
        )
        const suffix = label.endsWith('.csv') ? '.csv' : '.parquet'
        for (const part of parts) expect(part.endsWith(suffix)).toBe(true)
      }
      for (const role of ['champion', 'candidate']) {
        const ids = csvFolderIds(folders[`${role}.csv`])
        // Every test row once, but not in the test set's order.
        expect([...ids].sort()).toEqual([...testIds].sort())
        expect(ids).not.toEqual(testIds)
      }
    })

    /** The figures of a run, which must not depend on how the rows were scored or stored. */
    function figures(run: BundleRun): Record<string, unknown> {
      const report = reportOf(run)
      return {
        decision: report.decision,
        rows: report.test_set.rows,
        candidate: report.candidate.metrics,
        champion: report.champion?.metrics,
        comparison: report.comparison,
        curves: report.curves,
        outputs: Object.fromEntries(
          [
            'candidate-net-benefit',
            'candidate-f1',
            'champion-net-benefit',
            'champion-f1',
            'candidate-version',
            'champion-version'
          ].map((output) => [output, run.outputs[output]])
        )
      }
    }

    it("Spark's scores, its CSV parts concatenated into one file, joined by id, give the figures of `mlflow models predict`", async () => {
      // The chain without the folder reader: spark_udf's scores (Java's
      // number text, e.g. 4.9573E-4) against the registry's own scoring.
      const dir = mkdtempSync(join(tmpdir(), 'champion-gate-spark-'))
      const files: Record<string, string> = {}
      for (const role of ['champion', 'candidate']) {
        const folder = folders[`${role}.csv`]
        const rows = readdirSync(folder)
          .filter((file) => file.startsWith('part-'))
          .sort()
          .flatMap((file) =>
            readFileSync(join(folder, file), 'utf8')
              .split('\n')
              .slice(1)
              .filter((line) => line !== '')
          )
        files[role] = join(dir, `${role}.csv`)
        writeFileSync(files[role], ['id,prediction', ...rows, ''].join('\n'))
      }
      const run = await runBundle(
        {
          mode: 'evaluate',
          'model-name': name,
          'tracking-uri': server.uri,
          'test-set': seeded.test_csv,
          'id-column': 'id',
          'candidate-predictions': files.candidate,
          'champion-predictions': files.champion,
          ...POLICY
        },
        { env: runnerEnv() }
      )
      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      expect(figures(run)).toEqual(figures(baseline))
    }, 120_000)

    /** How the report says each file was stored and matched. */
    function storage(run: BundleRun): Record<string, unknown> {
      const report = JSON.parse(readFileSync(run.outputs.report, 'utf8')) as {
        test_set: Record<string, unknown>
        candidate: Record<string, unknown>
        champion: Record<string, unknown>
      }
      const model = (entry: Record<string, unknown>) => ({
        matched_by: entry.matched_by,
        format: entry.predictions_format,
        parts: entry.predictions_parts
      })
      return {
        test_set: {
          format: report.test_set.format,
          parts: report.test_set.parts
        },
        candidate: model(report.candidate),
        champion: model(report.champion)
      }
    }

    itWhen(
      missing.folders,
      'evaluate on the CSV part folders, joined by id, gives the figures of `mlflow models predict`',
      async () => {
        const before = await probe.mustState(name)
        const run = await runBundle(
          {
            mode: 'evaluate',
            'model-name': name,
            'tracking-uri': server.uri,
            'test-set': seeded.test_csv,
            'id-column': 'id',
            'candidate-predictions': folders['candidate.csv'],
            'champion-predictions': folders['champion.csv'],
            ...POLICY
          },
          { env: runnerEnv() }
        )
        expect(run.errors).toEqual([])
        expect(run.status).toBe(0)
        expect(figures(run)).toEqual(figures(baseline))
        const folder = { matched_by: 'id', format: 'csv', parts: 4 }
        expect(storage(run)).toEqual({
          test_set: { format: 'csv', parts: null },
          candidate: folder,
          champion: folder
        })
        expect(reportOf(run).candidate.metrics.net_benefit).toBeGreaterThan(
          1000
        )
        expect(await probe.mustState(name)).toEqual(before)
      },
      120_000
    )

    itWhen(
      missing.folders ?? missing.positionCheck,
      'without id-column, the part folders are stopped: their rows are not in test-set order',
      async () => {
        const before = await probe.mustState(name)
        const run = await runBundle(
          {
            mode: 'gate',
            'model-name': name,
            'tracking-uri': server.uri,
            'test-set': seeded.test_csv,
            'candidate-predictions': folders['candidate.csv'],
            'champion-predictions': folders['champion.csv'],
            ...POLICY
          },
          { env: runnerEnv() }
        )
        expect(run.status).toBe(1)
        expect(run.errors).toHaveLength(1)
        // The check names the column that contradicts the order and the fix.
        expect(run.errors[0]).toContain("column 'id'")
        expect(run.errors[0]).toContain("Set 'id-column: id'")
        expect(run.outputs).toEqual({})
        expect(await probe.mustState(name)).toEqual(before)
      },
      120_000
    )

    // Last: it moves @champion.
    itWhen(
      missing.folders ?? missing.parquet,
      'gate on the Parquet part folders and the Parquet test set, joined by id, promotes with the figures of `mlflow models predict`',
      async () => {
        const run = await runBundle(
          {
            mode: 'gate',
            'model-name': name,
            'tracking-uri': server.uri,
            'test-set': testParquet,
            'id-column': 'id',
            'candidate-predictions': folders['candidate.parquet'],
            'champion-predictions': folders['champion.parquet'],
            ...POLICY
          },
          { env: runnerEnv() }
        )
        expect(run.errors).toEqual([])
        expect(run.status).toBe(0)
        expect(figures(run)).toEqual(figures(baseline))
        const folder = { matched_by: 'id', format: 'parquet', parts: 4 }
        expect(storage(run)).toEqual({
          test_set: { format: 'parquet', parts: null },
          candidate: folder,
          champion: folder
        })
        expect(run.outputs).toMatchObject({
          decision: 'promote',
          'alias-moved': 'true',
          'candidate-version': '2',
          'champion-version': '1',
          'new-champion-version': '2'
        })
        expect(await probe.aliases(name)).toEqual({
          champion: '2',
          'previous-champion': '1',
          candidate: '2'
        })
        expect(await probe.gateTags(name, '2')).toMatchObject({
          decision: 'promote',
          net_benefit: baseline.outputs['candidate-net-benefit'],
          f1: baseline.outputs['candidate-f1']
        })
      },
      120_000
    )
  }
)
