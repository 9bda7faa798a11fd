import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import type { FacilityChange } from './facility-changes.ts'
import type { NetworkChange } from './network-changes.ts'

/** A named what-if scenario as stored. */
export interface ScenarioRow {
  id: number
  name: string
  kind: string
  description: string
  changes: FacilityChange[]
  networkChanges: NetworkChange[]
  version: number
  createdAt: string
  updatedAt: string
}

export interface ScenarioInput {
  name: string
  kind: string
  description: string
  changes: FacilityChange[]
  networkChanges: NetworkChange[]
}

const columns = `id, name, kind, description, changes, network_changes AS "networkChanges", version,
                 to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
                 to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`

/** Thrown when a scenario of the same name already exists for the kind. */
export class ScenarioNameTakenError extends Error {}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505'

export async function listScenarios(pool: pg.Pool, kind?: string): Promise<ScenarioRow[]> {
  const result = await pool.query<ScenarioRow>(
    `SELECT ${columns} FROM scenarios WHERE $1::text IS NULL OR kind = $1 ORDER BY kind, name`,
    [kind ?? null],
  )
  return result.rows
}

export async function readScenario(db: Queryable, id: number): Promise<ScenarioRow | undefined> {
  const result = await db.query<ScenarioRow>(`SELECT ${columns} FROM scenarios WHERE id = $1`, [id])
  return result.rows[0]
}

export async function insertScenario(db: Queryable, input: ScenarioInput): Promise<ScenarioRow> {
  try {
    const result = await db.query<ScenarioRow>(
      `INSERT INTO scenarios (name, kind, description, changes, network_changes) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb) RETURNING ${columns}`,
      [input.name, input.kind, input.description, JSON.stringify(input.changes), JSON.stringify(input.networkChanges)],
    )
    return result.rows[0]!
  } catch (error) {
    if (isUniqueViolation(error)) throw new ScenarioNameTakenError(`a ${input.kind} scenario named "${input.name}" already exists`)
    throw error
  }
}

/**
 * Replaces a scenario's name, description and changes if it is still at
 * `version`: 'stale' (with the stored row) when someone saved it since,
 * 'missing' when it does not exist.
 */
export async function updateScenario(
  db: Queryable,
  id: number,
  version: number,
  input: Omit<ScenarioInput, 'kind'>,
): Promise<{ row: ScenarioRow } | { stale: ScenarioRow } | 'missing'> {
  try {
    const result = await db.query<ScenarioRow>(
      `UPDATE scenarios SET name = $3, description = $4, changes = $5::jsonb, network_changes = $6::jsonb, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 RETURNING ${columns}`,
      [id, version, input.name, input.description, JSON.stringify(input.changes), JSON.stringify(input.networkChanges)],
    )
    if (result.rows[0]) return { row: result.rows[0] }
  } catch (error) {
    if (isUniqueViolation(error)) throw new ScenarioNameTakenError(`another scenario of this kind is named "${input.name}"`)
    throw error
  }
  const current = await readScenario(db, id)
  return current ? { stale: current } : 'missing'
}

export async function deleteScenario(db: Queryable, id: number): Promise<boolean> {
  const result = await db.query('DELETE FROM scenarios WHERE id = $1', [id])
  return (result.rowCount ?? 0) > 0
}
