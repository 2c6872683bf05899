/**
 * Model-source resolution: what to send to MLflow's `model-versions/create`
 * for a model URI (`models:/m-<id>`, `runs:/<run>/<path>`, anything else),
 * so that `models:/<name>/<v>` loads afterwards. It reads the registry
 * through the few calls it needs and writes nothing.
 */
import { UserError } from '../errors.js'
import type { LoggedModel, Run } from './mlflow-schemas.js'

/** What to send to `model-versions/create` for a model URI. */
export interface ModelVersionSource {
  source: string
  runId?: string
  modelId?: string
}

/** The reads resolution needs (an `MlflowClient` has them). */
export interface ModelSourceReader {
  /** Names the server in errors. */
  readonly baseUrl: string
  getLoggedModel(modelId: string): Promise<LoggedModel | undefined>
  getRun(runId: string): Promise<Run | undefined>
  /** The paths of the run's artifacts directly under `path`. */
  listArtifacts(runId: string, path: string): Promise<string[]>
}

/**
 * What to send to `model-versions/create` so that `models:/<name>/<v>`
 * loads afterwards (checked against MLflow 3.17 with `mlflow models predict`):
 * - `models:/m-<id>` (an MLflow 3 logged model): `source` = the URI, `model_id`
 *   = the id; the server fills `run_id` from the logged model and rejects the
 *   source without `model_id`.
 * - `runs:/<run>/<path>`: MLflow 3's `log_model` stores the model as a logged
 *   model, not under the run's artifacts, so a `runs:/` source is accepted
 *   but does not load. Like `mlflow.register_model`, use the run's logged
 *   model named `<path>` (the latest step wins): `models:/m-<id>`, `model_id`
 *   and `run_id`. Without one (MLflow 2 style), the run's artifact directory
 *   must hold `<path>/MLmodel`; then `source` = `<artifact_uri>/<path>` and
 *   `run_id`.
 * - anything else (`models:/<name>/<v>`, `s3://…`) is passed through for the
 *   server to validate.
 * Databricks' workspace registry does not take `models:/m-<id>` sources (the
 * Python client sends the logged model's artifact location there); that case
 * is not handled here.
 */
export async function resolveModelSource(
  registry: ModelSourceReader,
  modelUri: string
): Promise<ModelVersionSource> {
  const logged = /^models:\/(m-[^/]+)\/?$/.exec(modelUri)
  if (logged) {
    const modelId = logged[1]
    if (!(await registry.getLoggedModel(modelId))) {
      throw new UserError(
        `Model URI '${modelUri}': MLflow at ${registry.baseUrl} has no logged model '${modelId}'.`
      )
    }
    return { source: `models:/${modelId}`, modelId }
  }
  const runs = /^runs:\/([^/]+)\/(.+?)\/?$/.exec(modelUri)
  if (!runs) return { source: modelUri }
  const [, runId, path] = runs
  const run = await registry.getRun(runId)
  if (!run) {
    throw new UserError(
      `Model URI '${modelUri}': MLflow at ${registry.baseUrl} has no run '${runId}'.`
    )
  }
  const outputs = run.outputs?.model_outputs ?? []
  let best: { modelId: string; step: number } | undefined
  for (const output of outputs) {
    const model = await registry.getLoggedModel(output.model_id)
    const step = output.step ?? 0
    if (
      model?.info.name === path &&
      (model.info.source_run_id ?? runId) === runId &&
      (best === undefined || step >= best.step)
    ) {
      best = { modelId: model.info.model_id, step }
    }
  }
  if (best) {
    return { source: `models:/${best.modelId}`, modelId: best.modelId, runId }
  }
  const listing = await registry.listArtifacts(runId, path)
  if (
    run.info.artifact_uri &&
    listing.some((file) => file === `${path}/MLmodel`)
  ) {
    return {
      source: `${run.info.artifact_uri.replace(/\/+$/, '')}/${path}`,
      runId
    }
  }
  throw new UserError(
    `Model URI '${modelUri}': run ${runId} has no logged model named '${path}' and no '${path}/MLmodel' among its artifacts; check the artifact path (the 'name' given to log_model).`
  )
}
