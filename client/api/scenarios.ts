import type { Static } from 'typebox'
import type { FacilityChangeSchema, NetworkChangeSchema, ScenarioSchema } from '../../server/schemas/coverage.ts'
import { ApiError, getJson, sendJson, withQuery } from './http.ts'

/**
 * One what-if change to the facilities of a kind: add one at a point, move
 * one, or remove one. Facilities added get the ids -1, -2, … in the order
 * they were added, and later changes may move or remove them by that id.
 */
export type FacilityChange = Static<typeof FacilityChangeSchema>

/**
 * One what-if edit of the walk network: close an edge (by the id the network
 * tiles carry as feature id), or add a walkable link between the streets
 * nearest its two ends. Edits never alter the network.
 */
export type NetworkChange = Static<typeof NetworkChangeSchema>

/** A saved what-if scenario: named changes to the facilities of one kind, and edits of the walk network. */
export type Scenario = Static<typeof ScenarioSchema>

/** What a new scenario is saved with. */
export interface ScenarioDraft {
  name: string
  kind: string
  description?: string
  changes: FacilityChange[]
  networkChanges: NetworkChange[]
}

/** What an existing scenario is replaced with; `version` is the one the edit started from. */
export interface ScenarioEdit {
  name: string
  description?: string
  changes: FacilityChange[]
  networkChanges: NetworkChange[]
  version: number
}

/** Lists the saved scenarios, of one kind when `kind` is given. */
export async function fetchScenarios(kind: string | undefined, signal?: AbortSignal): Promise<Scenario[]> {
  const answer = await getJson<{ scenarios: Scenario[] }>(withQuery('/api/scenarios', { kind }), signal)
  return answer.scenarios
}

/**
 * Saves a new scenario. A name the kind already has answers 409, and a change
 * that does not fit the kind's facilities 400, both with the reason in
 * `ApiError.detail`.
 */
export function createScenario(draft: ScenarioDraft, signal?: AbortSignal): Promise<Scenario> {
  return sendJson<Scenario>('POST', '/api/scenarios', draft, signal)
}

/**
 * Replaces a scenario's name, description, changes and network edits. When someone saved it
 * since `edit.version`, the server answers 409; {@link staleScenario} reads
 * the scenario as it is stored now from that error.
 */
export function updateScenario(id: number, edit: ScenarioEdit, signal?: AbortSignal): Promise<Scenario> {
  return sendJson<Scenario>('PUT', `/api/scenarios/${id}`, edit, signal)
}

/** Deletes a scenario. */
export function deleteScenario(id: number, signal?: AbortSignal): Promise<void> {
  return sendJson<void>('DELETE', `/api/scenarios/${id}`, undefined, signal)
}

/**
 * The stored scenario a 409 on {@link updateScenario} carries when the edit
 * started from an old version; `null` for any other error (such as a name
 * already taken, which is a 409 too).
 */
export function staleScenario(error: unknown): Scenario | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null
  const current = error.problem?.current
  if (typeof current !== 'object' || current === null) return null
  const scenario = current as Partial<Scenario>
  return typeof scenario.id === 'number' && typeof scenario.version === 'number' && Array.isArray(scenario.changes)
    ? (current as Scenario)
    : null
}
