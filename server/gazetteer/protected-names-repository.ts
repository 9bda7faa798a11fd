import type { Queryable } from '../db/transaction.ts'
import type { PlaceSummary, ProtectedName } from '../schemas/gazetteer-assets.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'


/** SQL for the `place` object of a row joined to `places` as `alias`. */
export const placeSummarySql = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'category', ${alias}.category, 'standardName', ${alias}.standard_name,
                     'romanization', ${alias}.romanization, 'status', ${alias}.status)`

const columns = `n.id, n.place_id AS "placeId", ${placeSummarySql('p')} AS place, n.level, n.batch,
  ${date('n.listed_on')} AS "listedOn", n.value_statement AS "valueStatement", n.measures, n.version,
  ${timestamp('n.created_at')} AS "createdAt", ${timestamp('n.updated_at')} AS "updatedAt"`
const from = 'protected_names n JOIN places p ON p.id = n.place_id'

/** Thrown when the place is on the list already. */
export class PlaceAlreadyProtectedError extends Error {}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505'

/** A place as the gazetteer's assets show it; undefined when there is no such place. */
export async function readPlaceSummary(db: Queryable, id: number): Promise<PlaceSummary | undefined> {
  return (await db.query<{ place: PlaceSummary }>(`SELECT ${placeSummarySql('p')} AS place FROM places p WHERE p.id = $1`, [id])).rows[0]?.place
}

export interface ProtectedNameFilter {
  level?: string | undefined
  placeId?: number | undefined
}

/** The protection list, national entries first, then by date listed. */
export async function listProtectedNames(db: Queryable, filter: ProtectedNameFilter): Promise<ProtectedName[]> {
  return (
    await db.query<ProtectedName>(
      `SELECT ${columns} FROM ${from}
        WHERE ($1::text IS NULL OR n.level = $1) AND ($2::int IS NULL OR n.place_id = $2)
        ORDER BY array_position(ARRAY['national', 'provincial', 'municipal', 'county'], n.level), n.listed_on NULLS LAST, n.id`,
      [filter.level ?? null, filter.placeId ?? null],
    )
  ).rows
}

export async function readProtectedName(db: Queryable, id: number): Promise<ProtectedName | undefined> {
  return (await db.query<ProtectedName>(`SELECT ${columns} FROM ${from} WHERE n.id = $1`, [id])).rows[0]
}

/** The entry of a place, if it is listed. */
export async function readProtectedNameOfPlace(db: Queryable, placeId: number): Promise<ProtectedName | undefined> {
  return (await db.query<ProtectedName>(`SELECT ${columns} FROM ${from} WHERE n.place_id = $1`, [placeId])).rows[0]
}

export interface ProtectedNameInput {
  level: string
  batch: string
  listedOn: string | null
  valueStatement: string
  measures: string
}

export async function insertProtectedName(db: Queryable, placeId: number, input: ProtectedNameInput): Promise<ProtectedName> {
  try {
    const { id } = (
      await db.query<{ id: number }>(
        `INSERT INTO protected_names (place_id, level, batch, listed_on, value_statement, measures) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [placeId, input.level, input.batch, input.listedOn, input.valueStatement, input.measures],
      )
    ).rows[0]!
    return (await readProtectedName(db, id))!
  } catch (error) {
    if (isUniqueViolation(error)) throw new PlaceAlreadyProtectedError(`placeId: place ${placeId} is on the protection list already`)
    throw error
  }
}

/** Saves an entry if it is still at `version`; 'stale' with the stored entry otherwise, 'missing' when there is none. */
export async function updateProtectedName(
  db: Queryable,
  id: number,
  version: number,
  input: ProtectedNameInput,
): Promise<{ entry: ProtectedName } | { stale: ProtectedName } | 'missing'> {
  const updated = await db.query(
    `UPDATE protected_names SET level = $3, batch = $4, listed_on = $5, value_statement = $6, measures = $7, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [id, version, input.level, input.batch, input.listedOn, input.valueStatement, input.measures],
  )
  const current = await readProtectedName(db, id)
  if (!current) return 'missing'
  return updated.rowCount ? { entry: current } : { stale: current }
}

/** Removes an entry from the list; returns it, or undefined when there was none. */
export async function deleteProtectedName(db: Queryable, id: number): Promise<ProtectedName | undefined> {
  const entry = await readProtectedName(db, id)
  if (!entry) return undefined
  await db.query('DELETE FROM protected_names WHERE id = $1', [id])
  return entry
}
