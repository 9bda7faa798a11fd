import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'
import type { StandardRule, StandardSet } from './standard-rules.ts'

const setColumns = `id, name, description, preset_key AS "presetKey", new_residential_from_year AS "newResidentialFromYear",
                    rules, version, is_default AS "isDefault",
                    to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
                    to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`

/** Thrown when another set already has the name. */
export class StandardSetNameTakenError extends Error {}

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505'

export async function listStandardSets(pool: pg.Pool): Promise<StandardSet[]> {
  return (await pool.query<StandardSet>(`SELECT ${setColumns} FROM standard_sets ORDER BY is_default DESC, name`)).rows
}

export async function readStandardSet(db: Queryable, id: number): Promise<StandardSet | undefined> {
  return (await db.query<StandardSet>(`SELECT ${setColumns} FROM standard_sets WHERE id = $1`, [id])).rows[0]
}

export async function readDefaultStandardSet(pool: pg.Pool): Promise<StandardSet | undefined> {
  return (await pool.query<StandardSet>(`SELECT ${setColumns} FROM standard_sets ORDER BY is_default DESC, id LIMIT 1`)).rows[0]
}

/** A set as it was at an earlier version (its rules then), or undefined. */
export async function readStandardSetVersion(pool: pg.Pool, id: number, version: number): Promise<Pick<StandardSet, 'id' | 'name' | 'newResidentialFromYear' | 'rules' | 'version'> & { savedAt: string } | undefined> {
  return (
    await pool.query(
      `SELECT set_id AS id, name, new_residential_from_year AS "newResidentialFromYear", rules, version,
              to_char(saved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "savedAt"
         FROM standard_set_versions WHERE set_id = $1 AND version = $2`,
      [id, version],
    )
  ).rows[0]
}

export interface StandardSetInput {
  name: string
  description: string
  newResidentialFromYear: number
  rules: StandardRule[]
}

export async function insertStandardSet(db: Queryable, input: StandardSetInput): Promise<StandardSet> {
  try {
    return (
      await db.query<StandardSet>(
        `INSERT INTO standard_sets (name, description, new_residential_from_year, rules) VALUES ($1, $2, $3, $4::jsonb) RETURNING ${setColumns}`,
        [input.name, input.description, input.newResidentialFromYear, JSON.stringify(input.rules)],
      )
    ).rows[0]!
  } catch (error) {
    if (isUniqueViolation(error)) throw new StandardSetNameTakenError(`a standard set named "${input.name}" already exists`)
    throw error
  }
}

/** Saves a set if it is still at `version`; 'stale' with the stored set otherwise, 'missing' when there is none. */
export async function updateStandardSet(db: Queryable, id: number, version: number, input: StandardSetInput): Promise<{ set: StandardSet } | { stale: StandardSet } | 'missing'> {
  try {
    const row = (
      await db.query<StandardSet>(
        `UPDATE standard_sets SET name = $3, description = $4, new_residential_from_year = $5, rules = $6::jsonb, version = version + 1, updated_at = now()
          WHERE id = $1 AND version = $2 RETURNING ${setColumns}`,
        [id, version, input.name, input.description, input.newResidentialFromYear, JSON.stringify(input.rules)],
      )
    ).rows[0]
    if (row) return { set: row }
  } catch (error) {
    if (isUniqueViolation(error)) throw new StandardSetNameTakenError(`another standard set is named "${input.name}"`)
    throw error
  }
  const current = await readStandardSet(db, id)
  return current ? { stale: current } : 'missing'
}

/**
 * Makes one set the default for analyses that name none; `undefined` when
 * there is no such set. Run it in a transaction: it clears the old default
 * first.
 */
export async function makeDefaultStandardSet(db: Queryable, id: number): Promise<StandardSet | undefined> {
  const exists = (await db.query('SELECT 1 FROM standard_sets WHERE id = $1', [id])).rowCount
  if (!exists) return undefined
  await db.query('UPDATE standard_sets SET is_default = false WHERE is_default AND id <> $1', [id])
  return (await db.query<StandardSet>(`UPDATE standard_sets SET is_default = true WHERE id = $1 RETURNING ${setColumns}`, [id])).rows[0]
}

/** The set that is the default now, if any. */
export async function readDefaultStandardSetId(db: Queryable): Promise<number | undefined> {
  return (await db.query<{ id: number }>('SELECT id FROM standard_sets WHERE is_default')).rows[0]?.id
}

export async function deleteStandardSet(db: Queryable, id: number): Promise<'deleted' | 'missing' | 'default'> {
  const row = (await db.query<{ is_default: boolean }>('SELECT is_default FROM standard_sets WHERE id = $1', [id])).rows[0]
  if (!row) return 'missing'
  if (row.is_default) return 'default'
  await db.query('DELETE FROM standard_sets WHERE id = $1', [id])
  return 'deleted'
}

/** A division with its recorded figures and what its compounds add up to. */
export interface DivisionFigures {
  code: string
  name: string
  level: 'district' | 'subdistrict' | 'community'
  parentCode: string | null
  urbanRural: 'urban' | 'rural'
  households: number | null
  population: number | null
  elderly: number | null
  compoundHouseholds: number
  compoundPopulation: number | null
  compoundElderly: number | null
  /** Households in compounds built in or after the year, before it, and of unknown year. */
  newHouseholds: number
  existingHouseholds: number
  unknownYearHouseholds: number
}

/** Divisions with their own figures and their compounds' sums, parents first. */
export async function readDivisionFigures(pool: pg.Pool, newFromYear: number): Promise<DivisionFigures[]> {
  return (
    await pool.query<DivisionFigures>(
      `SELECT d.code, d.name, d.level, d.parent_code AS "parentCode", d.urban_rural AS "urbanRural",
              d.households, d.population, d.elderly_population AS elderly,
              coalesce(sum(c.households), 0)::int AS "compoundHouseholds",
              sum(c.population)::int AS "compoundPopulation",
              sum(c.elderly_population)::int AS "compoundElderly",
              coalesce(sum(c.households) FILTER (WHERE c.built_year >= $1), 0)::int AS "newHouseholds",
              coalesce(sum(c.households) FILTER (WHERE c.built_year < $1), 0)::int AS "existingHouseholds",
              coalesce(sum(c.households) FILTER (WHERE c.built_year IS NULL), 0)::int AS "unknownYearHouseholds"
         FROM divisions d
         LEFT JOIN compounds c ON c.community_code = d.code
        GROUP BY d.code
        ORDER BY CASE d.level WHEN 'district' THEN 0 WHEN 'subdistrict' THEN 1 ELSE 2 END, d.code`,
      [newFromYear],
    )
  ).rows
}

/** A facility with what it counts for: floor area, beds, and the communities it serves. */
export interface FacilityFigures {
  id: number
  name: string
  kind: string
  communityCode: string | null
  floorAreaM2: number | null
  beds: number
  nursingBeds: number
  /** Communities named as served; empty when it serves the one it stands in. */
  serves: string[]
}

export async function readFacilityFigures(pool: pg.Pool): Promise<FacilityFigures[]> {
  return (
    await pool.query<FacilityFigures>(
      `SELECT f.id, f.name, f.kind, f.community_code AS "communityCode", f.floor_area_m2::float8 AS "floorAreaM2",
              f.beds, f.nursing_beds AS "nursingBeds",
              coalesce(array_agg(s.community_code ORDER BY s.community_code) FILTER (WHERE s.community_code IS NOT NULL), '{}') AS serves
         FROM facilities f
         LEFT JOIN facility_service_communities s ON s.facility_id = f.id
        GROUP BY f.id
        ORDER BY f.id`,
    )
  ).rows
}
