import type pg from 'pg'
import type { Queryable } from '../../db/transaction.ts'
import type { CompoundImportRow, DivisionImportRow, FacilityImportRow, FacilityKindName } from './read-layer-rows.ts'

/** Where a code is stored already: the dataset version holding it. */
export interface StoredCode {
  code: string
  datasetId: number
  series: string
  version: number
  name: string
  level?: string
}

export async function readFacilityKinds(db: Queryable): Promise<FacilityKindName[]> {
  const { rows } = await db.query<FacilityKindName>('SELECT code, name_zh AS "nameZh", name_en AS "nameEn" FROM facility_kinds ORDER BY sort_key')
  return rows
}

/** The stored facilities or compounds among `codes`, with their datasets. */
export async function readStoredFeatureCodes(db: Queryable, layer: 'facilities' | 'compounds', codes: readonly string[]): Promise<StoredCode[]> {
  if (codes.length === 0) return []
  const { rows } = await db.query<StoredCode>(
    `SELECT t.code, t.dataset_id AS "datasetId", d.series, d.version, t.name
       FROM ${layer} t JOIN datasets d ON d.id = t.dataset_id
      WHERE t.code = ANY($1::text[])`,
    [codes],
  )
  return rows
}

/** The stored divisions among `codes`, with their levels and datasets. */
export async function readStoredDivisions(db: Queryable, codes: readonly string[]): Promise<StoredCode[]> {
  if (codes.length === 0) return []
  const { rows } = await db.query<StoredCode>(
    `SELECT t.code, t.dataset_id AS "datasetId", d.series, d.version, t.name, t.level
       FROM divisions t JOIN datasets d ON d.id = t.dataset_id
      WHERE t.code = ANY($1::text[])`,
    [codes],
  )
  return rows
}

/** Every division a dataset holds: the units a new version of it must keep. */
export async function readDatasetDivisions(db: Queryable, datasetId: number): Promise<{ code: string; name: string; level: string }[]> {
  const { rows } = await db.query<{ code: string; name: string; level: string }>('SELECT code, name, level FROM divisions WHERE dataset_id = $1 ORDER BY code', [datasetId])
  return rows
}

const insertFacilitiesSql = `
INSERT INTO facilities (dataset_id, code, kind, name, address, community_code, floor_area_m2, beds, nursing_beds, opening_year, geom)
SELECT $1, f->>'code', f->>'kind', f->>'name', f->>'address', f->>'communityCode', (f->>'floorAreaM2')::numeric, (f->>'beds')::int,
       (f->>'nursingBeds')::int, (f->>'openingYear')::int, ST_SetSRID(ST_MakePoint((f->>'lng')::float8, (f->>'lat')::float8), 4326)
  FROM json_array_elements($2::json) AS f`

/** Stores a batch of facilities in a dataset. */
export async function insertFacilities(client: pg.PoolClient, datasetId: number, rows: readonly FacilityImportRow[]): Promise<void> {
  await client.query(insertFacilitiesSql, [datasetId, JSON.stringify(rows)])
}

const insertCompoundsSql = `
INSERT INTO compounds (dataset_id, code, name, community_code, households, population, elderly_population, built_year, geom)
SELECT $1, c->>'code', c->>'name', c->>'communityCode', (c->>'households')::int, (c->>'population')::int, (c->>'elderlyPopulation')::int,
       (c->>'builtYear')::int, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(c->>'geometry'), 4326))
  FROM json_array_elements($2::json) WITH ORDINALITY AS t(c, n)
 ORDER BY n
RETURNING id`

const insertGatesSql = `
INSERT INTO compound_gates (compound_id, name, geom)
SELECT (g->>0)::int, '', ST_SetSRID(ST_MakePoint((g->>1)::float8, (g->>2)::float8), 4326)
  FROM json_array_elements($1::json) AS g`

/** The name of a gate the import placed itself, for compounds whose file gave none. */
export const ESTIMATED_GATE_NAME = '推定出入口'

/**
 * Stores a batch of compounds and their gates. A compound without gates
 * gets one, placed where its outline comes nearest the nearest edge of the
 * walk network (inside the outline when there is no network), named
 * {@link ESTIMATED_GATE_NAME}. Returns how many gates were placed so.
 */
export async function insertCompounds(client: pg.PoolClient, datasetId: number, rows: readonly CompoundImportRow[]): Promise<number> {
  const payload = rows.map((r) => ({ ...r, geometry: JSON.stringify(r.geometry) }))
  const { rows: ids } = await client.query<{ id: number }>(insertCompoundsSql, [datasetId, JSON.stringify(payload)])
  const gates = rows.flatMap((r, i) => r.gates.map(([lng, lat]) => [ids[i]!.id, lng, lat]))
  if (gates.length > 0) await client.query(insertGatesSql, [JSON.stringify(gates)])
  const gateless = rows.flatMap((r, i) => (r.gates.length === 0 ? [ids[i]!.id] : []))
  if (gateless.length === 0) return 0
  await client.query(
    `INSERT INTO compound_gates (compound_id, name, geom)
     SELECT c.id, $2, COALESCE(ST_ClosestPoint(ST_Boundary(c.geom), e.geom), ST_PointOnSurface(c.geom))
       FROM compounds c
       LEFT JOIN LATERAL (SELECT n.geom FROM network_edges n ORDER BY n.geom <-> c.geom LIMIT 1) e ON true
      WHERE c.id = ANY($1::int[])`,
    [gateless, ESTIMATED_GATE_NAME],
  )
  return gateless.length
}

const LEVEL_ORDER: Readonly<Record<DivisionImportRow['level'], number>> = { district: 0, subdistrict: 1, community: 2 }

/**
 * Stores divisions in a dataset: a code already stored is updated in place
 * (it keeps the links other records have to it), a new one inserted;
 * parents go before their children. Returns how many were created and
 * updated.
 */
export async function upsertDivisions(client: pg.PoolClient, datasetId: number, rows: readonly DivisionImportRow[]): Promise<{ created: number; updated: number }> {
  const ordered = [...rows].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level])
  let created = 0
  let updated = 0
  for (const level of ['district', 'subdistrict', 'community'] as const) {
    const batch = ordered.filter((r) => r.level === level).map((r) => ({ ...r, geometry: JSON.stringify(r.geometry) }))
    if (batch.length === 0) continue
    const { rows: result } = await client.query<{ inserted: boolean }>(
      `INSERT INTO divisions (code, dataset_id, name, level, parent_code, urban_rural, households, population, elderly_population, geom)
       SELECT d->>'code', $1, d->>'name', d->>'level', d->>'parentCode', d->>'urbanRural', (d->>'households')::int, (d->>'population')::int,
              (d->>'elderlyPopulation')::int, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(d->>'geometry'), 4326))
         FROM json_array_elements($2::json) AS d
       ON CONFLICT (code) DO UPDATE SET
         dataset_id = EXCLUDED.dataset_id, name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code,
         urban_rural = EXCLUDED.urban_rural, households = EXCLUDED.households, population = EXCLUDED.population,
         elderly_population = EXCLUDED.elderly_population, geom = EXCLUDED.geom
       RETURNING (xmax = 0) AS inserted`,
      [datasetId, JSON.stringify(batch)],
    )
    for (const r of result) {
      if (r.inserted) created++
      else updated++
    }
  }
  return { created, updated }
}
