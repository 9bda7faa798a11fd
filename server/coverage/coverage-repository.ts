import type pg from 'pg'

export interface FacilityRow {
  id: number
  name: string
  communityCode: string | null
  lng: number
  lat: number
}

export interface CompoundRow {
  id: number
  name: string
  communityCode: string | null
  households: number
  population: number
  elderlyPopulation: number
  gates: [number, number][]
}

export interface DivisionRow {
  code: string
  name: string
  level: 'district' | 'subdistrict' | 'community'
  parentCode: string | null
}

/** The network's version, which changes whenever an edge does (migration 003). */
export async function readNetworkVersion(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ version: string }>('SELECT version FROM network_state')
  return Number(result.rows[0]?.version ?? 0)
}

/** The version of the facilities, compounds, gates and divisions, which changes whenever any of them does (migration 004). */
export async function readDataVersion(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ version: string }>('SELECT version FROM data_state')
  return Number(result.rows[0]?.version ?? 0)
}

/** Facilities of one kind with their points. */
export async function readFacilitiesOfKind(pool: pg.Pool, kind: string): Promise<FacilityRow[]> {
  const result = await pool.query<FacilityRow>(
    `SELECT id, name, community_code AS "communityCode", ST_X(geom) AS lng, ST_Y(geom) AS lat
       FROM facilities WHERE kind = $1 ORDER BY id`,
    [kind],
  )
  return result.rows
}

/** Whether a facility kind exists. */
export async function facilityKindExists(pool: pg.Pool, kind: string): Promise<boolean> {
  const result = await pool.query('SELECT 1 FROM facility_kinds WHERE code = $1', [kind])
  return (result.rowCount ?? 0) > 0
}

/**
 * Compounds with household figures and their gates' points. Two plain
 * queries in one read-only snapshot, joined here: for tens of thousands of
 * compounds this is about twice as fast as aggregating each compound's
 * gates in SQL.
 */
export async function readCompoundsWithGates(pool: pg.Pool): Promise<CompoundRow[]> {
  const client = await pool.connect()
  let compounds: pg.QueryResult<Omit<CompoundRow, 'gates'>>
  let gates: pg.QueryResult<{ compound_id: number; lng: number; lat: number }>
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    compounds = await client.query<Omit<CompoundRow, 'gates'>>(
      `SELECT c.id, c.name, c.community_code AS "communityCode", c.households,
              coalesce(c.population, 0) AS population, coalesce(c.elderly_population, 0) AS "elderlyPopulation"
         FROM compounds c ORDER BY c.id`,
    )
    gates = await client.query<{ compound_id: number; lng: number; lat: number }>(
      'SELECT compound_id, ST_X(geom) AS lng, ST_Y(geom) AS lat FROM compound_gates ORDER BY compound_id, id',
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    client.release(error as Error)
    throw error
  }
  client.release()
  const gatesOf = new Map<number, [number, number][]>()
  for (const g of gates.rows) {
    const list = gatesOf.get(g.compound_id)
    if (list) list.push([g.lng, g.lat])
    else gatesOf.set(g.compound_id, [[g.lng, g.lat]])
  }
  return compounds.rows.map((c) => ({ ...c, gates: gatesOf.get(c.id) ?? [] }))
}

/** Divisions with their parents, for rolling coverage up. */
export async function readDivisionTree(pool: pg.Pool): Promise<DivisionRow[]> {
  const result = await pool.query<DivisionRow>(
    `SELECT code, name, level, parent_code AS "parentCode" FROM divisions
      ORDER BY CASE level WHEN 'district' THEN 0 WHEN 'subdistrict' THEN 1 ELSE 2 END, code`,
  )
  return result.rows
}
