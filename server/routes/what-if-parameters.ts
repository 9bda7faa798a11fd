import type pg from 'pg'
import { HttpError } from '../plugins/problem-errors.ts'
import { readScenario } from '../coverage/scenario-repository.ts'
import type { FacilityChange } from '../coverage/facility-changes.ts'
import type { NetworkChange } from '../coverage/network-changes.ts'

/** What a result says of the what-if it was computed with: the saved scenario, if any, and how many changes of each sort. */
export type ScenarioHeader = { id: number | null; name: string | null; changes: number; networkChanges: number } | null

export interface WhatIfParameters {
  kind: string
  changes: FacilityChange[]
  networkChanges: NetworkChange[]
  scenario: ScenarioHeader
}

/**
 * The what-if a request asks for: a saved scenario's changes (when
 * `scenario` names one) followed by the request's own. A request without a
 * kind takes the scenario's. Answers 404 for a missing scenario and 400 for
 * one of another kind, naming the `scenario` field.
 */
export async function resolveWhatIf(
  pool: pg.Pool,
  request: { kind?: string | undefined; scenario?: number | undefined; changes?: FacilityChange[] | undefined; networkChanges?: NetworkChange[] | undefined },
): Promise<WhatIfParameters | null> {
  const changes = request.changes ?? []
  const networkChanges = request.networkChanges ?? []
  if (request.scenario === undefined) {
    if (request.kind === undefined) return null
    const scenario = changes.length + networkChanges.length > 0 ? { id: null, name: null, changes: changes.length, networkChanges: networkChanges.length } : null
    return { kind: request.kind, changes, networkChanges, scenario }
  }
  const saved = await readScenario(pool, request.scenario)
  if (!saved) throw new HttpError(404, `scenario: no scenario ${request.scenario}`)
  if (request.kind !== undefined && saved.kind !== request.kind) {
    throw new HttpError(400, `scenario: scenario ${request.scenario} is for ${saved.kind}, not ${request.kind}`)
  }
  const all = { changes: [...saved.changes, ...changes], networkChanges: [...saved.networkChanges, ...networkChanges] }
  return { kind: saved.kind, ...all, scenario: { id: saved.id, name: saved.name, changes: all.changes.length, networkChanges: all.networkChanges.length } }
}
