/**
 * Each model at its own decision threshold. Fraud and credit teams run a
 * model at the threshold it was tuned to; judging a challenger and the
 * champion at one shared threshold compares neither as it would serve. So
 * each model's threshold is, in order: its own input (`candidate-threshold`,
 * `champion-threshold`), the `threshold` tag on its registry version (a
 * promotion writes it, see `thresholdTag`), then the `threshold` input.
 * Pure: inputs and tags in, thresholds out.
 */

import { UserError } from '../errors.js'

/** The version tag that holds a model's decision threshold. */
export const THRESHOLD_TAG = 'threshold'

/** Where a model's threshold came from: its own input, its version's tag, or `threshold`. */
export type ThresholdSource = 'input' | 'tag' | 'default'

/** A model's decision threshold, as the report records it. */
export interface ModelThreshold {
  value: number
  source: ThresholdSource
}

/** What is known of one model when its threshold is chosen. */
export interface ThresholdCandidates {
  /** `candidate-threshold` or `champion-threshold`, when given. */
  readonly input?: number
  /** The registry version, with its tags, when there is one. */
  readonly version?: {
    readonly version: string
    readonly tags?: Readonly<Record<string, string>>
  }
  /** The `threshold` input (or its default). */
  readonly fallback: number
}

/**
 * The threshold a model is judged at. A tag is read only when no input
 * names one; a tag that is not a number in [0, 1] stops the run naming the
 * version, since silently falling back to `threshold` would judge the model
 * at a threshold nobody chose for it.
 */
export function modelThreshold(
  role: 'candidate' | 'champion',
  modelName: string | undefined,
  known: ThresholdCandidates
): ModelThreshold {
  if (known.input !== undefined) return { value: known.input, source: 'input' }
  const tag = known.version?.tags?.[THRESHOLD_TAG]
  if (tag !== undefined) {
    const text = tag.trim()
    const value = Number(text)
    if (text === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      const name = modelName ? `${modelName} ` : ''
      throw new UserError(
        `The ${role} ${name}v${known.version!.version} has the tag ${THRESHOLD_TAG}='${tag.slice(0, 80)}', which is not a number from 0 to 1: ` +
          `set the tag to the threshold the model serves at (e.g. 0.35), or delete it, or give '${role}-threshold' to override it`
      )
    }
    return { value, source: 'tag' }
  }
  return { value: known.fallback, source: 'default' }
}

/** The tag a promotion writes on the new champion's version: its threshold, for the next comparison. */
export function thresholdTag(
  threshold: ModelThreshold
): Record<string, string> {
  return { [THRESHOLD_TAG]: String(threshold.value) }
}
