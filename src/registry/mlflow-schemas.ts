/**
 * The zod schemas of MLflow's REST answers
 * (https://mlflow.org/docs/latest/api_reference/rest-api.html) and the types
 * inferred from them. MLflow omits empty fields (proto2 JSON) and some
 * servers and proxies send int64 as strings, so everything but the identity
 * of an entity is optional and numbers are accepted either way. Registry
 * values are data: versions, aliases and statuses that MLflow's own schema
 * would never produce are refused here, before they reach a log line, a
 * link or the report.
 */
import { z } from 'zod'

/** An int64 as MLflow sends it: a JSON number, or a string of digits. */
const int64Schema = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number)
])

/**
 * A registry value echoed into an error: quoted, anything outside printable
 * ASCII escaped (`\n`, `\u00a0`), capped at about 80 characters, so a value
 * can neither start a workflow command (`::warning ...`) on a new line nor
 * flood the log.
 */
export function escapedValue(value: string, cap = 80): string {
  const cut = value.length > cap ? value.slice(0, cap) : value
  const named: Record<string, string> = {
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t'
  }
  const escaped = cut
    .replace(/[\\"]/g, (char) => `\\${char}`)
    .replace(
      /[^\x20-\x7e]/g,
      (char) =>
        named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
  return `"${escaped}"${value.length > cap ? '…' : ''}`
}

/**
 * A version number: digits only, as MLflow's schema has it (an int64; sent
 * as a string, a number is accepted). Registry values are data: a "version"
 * holding a line break and `::warning ...`, or `](https://…)`, must never
 * reach a log line, a link or the report, so anything else is refused here.
 */
const versionSchema = z
  .union([z.string(), z.number()])
  .transform((value, context) => {
    const text = String(value)
    if (/^\d{1,19}$/.test(text)) return text
    context.addIssue({
      code: 'custom',
      message: `a model version is digits, not ${escapedValue(text)}`
    })
    return z.NEVER
  })

/** An alias name as MLflow validates it (`^[\w\-]*$`, at most 255 characters). */
const aliasNameSchema = z.string().transform((alias, context) => {
  if (/^[\p{L}\p{N}\p{M}_-]{1,255}$/u.test(alias)) return alias
  context.addIssue({
    code: 'custom',
    message: `an alias name is letters, digits, '_' and '-', not ${escapedValue(alias)}`
  })
  return z.NEVER
})

/** MLflow's `[{ key, value }]` tags (an empty value may be omitted) as a record. */
const tagsSchema = z
  .array(z.looseObject({ key: z.string(), value: z.string().optional() }))
  .optional()
  .transform((tags): Record<string, string> =>
    Object.fromEntries((tags ?? []).map((tag) => [tag.key, tag.value ?? '']))
  )

/** A registered model version (`ModelVersion` in MLflow's protos). */
export const modelVersionSchema = z.looseObject({
  name: z.string(),
  version: versionSchema,
  /** `PENDING_REGISTRATION`, `FAILED_REGISTRATION` or `READY` (printed, so an enum name only). */
  status: z
    .string()
    .regex(/^[A-Z][A-Z_]{0,63}$/, 'a status is an upper-case enum name')
    .optional(),
  status_message: z.string().optional(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  model_id: z.string().optional(),
  run_link: z.string().optional(),
  description: z.string().optional(),
  current_stage: z.string().optional(),
  user_id: z.string().optional(),
  creation_timestamp: int64Schema.optional(),
  last_updated_timestamp: int64Schema.optional(),
  aliases: z.array(aliasNameSchema).default([]),
  tags: tagsSchema
})
export type ModelVersion = z.infer<typeof modelVersionSchema>

/** A registered model, with its aliases (`{ alias, version }`). */
export const registeredModelSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional(),
  creation_timestamp: int64Schema.optional(),
  last_updated_timestamp: int64Schema.optional(),
  latest_versions: z.array(modelVersionSchema).default([]),
  aliases: z
    .array(z.looseObject({ alias: aliasNameSchema, version: versionSchema }))
    .default([]),
  tags: tagsSchema
})
export type RegisteredModel = z.infer<typeof registeredModelSchema>

/** The parts of a run this action reads: where its artifacts live, its logged models. */
export const runSchema = z.looseObject({
  info: z.looseObject({
    run_id: z.string(),
    experiment_id: z.string().optional(),
    status: z.string().optional(),
    artifact_uri: z.string().optional(),
    lifecycle_stage: z.string().optional()
  }),
  outputs: z
    .looseObject({
      model_outputs: z
        .array(
          z.looseObject({ model_id: z.string(), step: int64Schema.optional() })
        )
        .default([])
    })
    .optional()
})
export type Run = z.infer<typeof runSchema>

/** An MLflow 3 logged model (`models:/m-<id>`). */
export const loggedModelSchema = z.looseObject({
  info: z.looseObject({
    model_id: z.string(),
    experiment_id: z.string().optional(),
    name: z.string().optional(),
    artifact_uri: z.string().optional(),
    status: z.string().optional(),
    source_run_id: z.string().optional(),
    tags: tagsSchema
  })
})
export type LoggedModel = z.infer<typeof loggedModelSchema>

/** An answer whose fields the caller does not read (a write's `{}`). */
export const emptySchema = z.looseObject({})
/** `artifacts/list`: the paths directly under the listed one. */
export const artifactListSchema = z.looseObject({
  files: z.array(z.looseObject({ path: z.string() })).default([])
})
