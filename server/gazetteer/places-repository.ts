import type { Queryable } from '../db/transaction.ts'
import type { Actor } from '../audit/audit-repository.ts'
import type { AltName, PlaceFields, PlaceRecord } from './place-record.ts'
import type { SearchablePlace } from './search-index.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'


const altNamesOf = (placeAlias: string) => `COALESCE((
  SELECT json_agg(json_build_object('kind', a.kind, 'name', a.name, 'romanization', a.romanization,
                                    'validFrom', ${date('a.valid_from')}, 'validTo', ${date('a.valid_to')}, 'note', a.note) ORDER BY a.position)
    FROM place_alt_names a WHERE a.place_id = ${placeAlias}.id), '[]'::json)`

const placeColumns = `p.id, p.place_code AS "placeCode", p.category, p.category_code AS "categoryCode", p.feature_type AS "featureType",
  p.standard_name AS "standardName", p.specific_part AS "specificPart", p.generic_part AS "genericPart",
  p.romanization, p.romanization_confirmed AS "romanizationConfirmed", p.minority_name AS "minorityName",
  p.meaning, p.history, p.description, p.sources, p.division_codes AS "divisionCodes",
  ST_AsGeoJSON(p.geom, 7)::json AS geometry,
  ${date('p.named_on')} AS "namedOn", ${date('p.established_on')} AS "establishedOn", ${date('p.abolished_on')} AS "abolishedOn",
  p.status, p.registered_by AS "registeredBy", p.registering_unit AS "registeringUnit", ${date('p.registered_on')} AS "registeredOn",
  ${altNamesOf('p')} AS "altNames",
  p.version, p.change_seq::float8 AS "changeSeq", p.dataset_id IS NOT NULL AS synthetic,
  ${timestamp('p.created_at')} AS "createdAt", ${timestamp('p.updated_at')} AS "updatedAt"`

/** Key of the transaction-level advisory lock every gazetteer write holds (see migration 009). */
const GAZETTEER_LOCK = 72_440_009

/**
 * Serialises gazetteer writes for the rest of the transaction, so change
 * sequence numbers are taken in commit order and place-code sequences
 * cannot collide.
 */
export async function lockGazetteer(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [GAZETTEER_LOCK])
}

export async function readPlace(db: Queryable, id: number): Promise<PlaceRecord | undefined> {
  return (await db.query<PlaceRecord>(`SELECT ${placeColumns} FROM places p WHERE p.id = $1`, [id])).rows[0]
}

/** Records by id, in the order of `ids`; ids that name nothing are left out. */
export async function readPlaces(db: Queryable, ids: readonly number[]): Promise<PlaceRecord[]> {
  if (ids.length === 0) return []
  const rows = (await db.query<PlaceRecord>(`SELECT ${placeColumns} FROM places p WHERE p.id = ANY($1::int[])`, [ids])).rows
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** Every record in id order, for exports. */
export async function readAllPlaces(db: Queryable): Promise<PlaceRecord[]> {
  return (await db.query<PlaceRecord>(`SELECT ${placeColumns} FROM places p ORDER BY p.id`)).rows
}

/** Records changed after `afterSeq`, in change order, for the public feed. */
export async function readPlacesChangedAfter(db: Queryable, afterSeq: number, limit: number): Promise<PlaceRecord[]> {
  return (await db.query<PlaceRecord>(`SELECT ${placeColumns} FROM places p WHERE p.change_seq > $1 ORDER BY p.change_seq LIMIT $2`, [afterSeq, limit])).rows
}

const fieldParams = (f: PlaceFields) => [
  f.category, f.categoryCode, f.featureType, f.standardName.trim(), f.specificPart, f.genericPart, f.romanization.trim(), f.romanizationConfirmed,
  f.minorityName, f.meaning, f.history, f.description, f.sources, f.divisionCodes,
  f.geometry ? JSON.stringify(f.geometry) : null,
  f.namedOn, f.establishedOn, f.abolishedOn, f.status, f.registeredBy, f.registeringUnit, f.registeredOn,
]

/** Stores a new record with its other names; the caller holds the gazetteer lock. */
export async function insertPlace(db: Queryable, fields: PlaceFields, options: { placeCode: string | null; datasetId?: number | null }): Promise<number> {
  const id = (
    await db.query<{ id: number }>(
      `INSERT INTO places (category, category_code, feature_type, standard_name, specific_part, generic_part, romanization, romanization_confirmed,
                           minority_name, meaning, history, description, sources, division_codes, geom,
                           named_on, established_on, abolished_on, status, registered_by, registering_unit, registered_on,
                           place_code, dataset_id, change_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::text[], ST_SetSRID(ST_GeomFromGeoJSON($15), 4326),
               $16, $17, $18, $19, $20, $21, $22, $23, $24, nextval('gazetteer_change_seq'))
       RETURNING id`,
      [...fieldParams(fields), options.placeCode, options.datasetId ?? null],
    )
  ).rows[0]!.id
  await replaceAltNames(db, id, fields.altNames)
  return id
}

/**
 * Saves a record if it is still at `version`: the fields, its other names, a
 * new version and change sequence number. Returns false when the record is
 * missing or at another version. The caller holds the gazetteer lock.
 */
export async function updatePlace(db: Queryable, id: number, version: number, fields: PlaceFields, placeCode: string | null): Promise<boolean> {
  const updated = await db.query(
    `UPDATE places SET category = $1, category_code = $2, feature_type = $3, standard_name = $4, specific_part = $5, generic_part = $6,
            romanization = $7, romanization_confirmed = $8, minority_name = $9, meaning = $10, history = $11, description = $12, sources = $13,
            division_codes = $14::text[], geom = ST_SetSRID(ST_GeomFromGeoJSON($15), 4326), named_on = $16, established_on = $17, abolished_on = $18,
            status = $19, registered_by = $20, registering_unit = $21, registered_on = $22, place_code = $23,
            version = version + 1, change_seq = nextval('gazetteer_change_seq'), updated_at = now()
      WHERE id = $24 AND version = $25`,
    [...fieldParams(fields), placeCode, id, version],
  )
  if (updated.rowCount !== 1) return false
  await replaceAltNames(db, id, fields.altNames)
  return true
}

async function replaceAltNames(db: Queryable, placeId: number, names: readonly AltName[]): Promise<void> {
  await db.query('DELETE FROM place_alt_names WHERE place_id = $1', [placeId])
  if (names.length === 0) return
  await db.query(
    `INSERT INTO place_alt_names (place_id, position, kind, name, romanization, valid_from, valid_to, note)
     SELECT $1, ord, r->>'kind', btrim(r->>'name'), r->>'romanization', (r->>'validFrom')::date, (r->>'validTo')::date, r->>'note'
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)`,
    [placeId, JSON.stringify(names)],
  )
}

/**
 * The next free 6-digit sequence under a 14-digit code prefix (county,
 * township, category), as a number; 1 when the prefix has no codes yet.
 */
export async function nextPlaceCodeSequence(db: Queryable, prefix: string): Promise<number> {
  const row = (
    await db.query<{ next: number }>(`SELECT COALESCE(max(substr(place_code, 15, 6)::int), 0) + 1 AS next FROM places WHERE place_code LIKE $1 || '%'`, [prefix])
  ).rows[0]!
  return row.next
}

export async function isPlaceCodeTaken(db: Queryable, code: string, exceptId: number | null): Promise<boolean> {
  return (await db.query('SELECT 1 FROM places WHERE place_code = $1 AND id IS DISTINCT FROM $2', [code, exceptId])).rowCount === 1
}

/**
 * The divisions a geometry lies in or crosses: communities when any, else
 * the deepest level that intersects, codes in order. A road that runs along
 * a boundary touches the divisions on both sides without entering either;
 * those count when the geometry enters none.
 */
export async function findDivisionCodesFor(db: Queryable, geometry: string): Promise<string[]> {
  const rows = (
    await db.query<{ code: string }>(
      `WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom),
            touching AS (SELECT d.code, d.level, NOT ST_Touches(d.geom, g.geom) AS inside FROM divisions d, g WHERE ST_Intersects(d.geom, g.geom)),
            hits AS (SELECT code, level FROM touching WHERE inside OR NOT EXISTS (SELECT 1 FROM touching WHERE inside))
       SELECT code FROM hits
        WHERE level = (SELECT level FROM hits ORDER BY CASE level WHEN 'community' THEN 0 WHEN 'subdistrict' THEN 1 ELSE 2 END LIMIT 1)
        ORDER BY code`,
      [geometry],
    )
  ).rows
  return rows.map((r) => r.code.trim())
}

export type PlaceChange = 'register' | 'edit' | 'import' | 'demo' | 'naming' | 'renaming' | 'retiring' | 'correction'

/** Keeps the record as it now stands as version `record.version`. */
export async function insertPlaceVersion(db: Queryable, record: PlaceRecord, change: PlaceChange, caseId: number | null, actor: Actor): Promise<void> {
  await db.query(
    `INSERT INTO place_versions (place_id, version, record, change, case_id, saved_by_id, saved_by) VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)`,
    [record.id, record.version, JSON.stringify(record), change, caseId, actor.id, actor.name],
  )
}

export interface PlaceVersionSummary {
  version: number
  change: PlaceChange
  caseId: number | null
  savedAt: string
  savedBy: string
}

export async function listPlaceVersions(db: Queryable, placeId: number): Promise<PlaceVersionSummary[]> {
  return (
    await db.query<PlaceVersionSummary>(
      `SELECT version, change, case_id AS "caseId", ${timestamp('saved_at')} AS "savedAt", saved_by AS "savedBy"
         FROM place_versions WHERE place_id = $1 ORDER BY version DESC`,
      [placeId],
    )
  ).rows
}

export async function readPlaceVersion(db: Queryable, placeId: number, version: number): Promise<PlaceRecord | undefined> {
  return (await db.query<{ record: PlaceRecord }>('SELECT record FROM place_versions WHERE place_id = $1 AND version = $2', [placeId, version])).rows[0]?.record
}

/**
 * The record as it stood at the end of `day` (a `YYYY-MM-DD` in China
 * Standard Time, UTC+8, where the gazetteer is kept); undefined when it did
 * not exist yet.
 */
export async function readPlaceAsOf(db: Queryable, placeId: number, day: string): Promise<PlaceRecord | undefined> {
  return (
    await db.query<{ record: PlaceRecord }>(
      `SELECT record FROM place_versions
        WHERE place_id = $1 AND saved_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC') - interval '8 hours'
        ORDER BY version DESC LIMIT 1`,
      [placeId, day],
    )
  ).rows[0]?.record
}

/** The highest change sequence number stored (0 for an empty gazetteer) and the generation, raised when records were deleted. */
export async function readLatestChangeSeq(db: Queryable): Promise<{ seq: number; generation: number }> {
  return (
    await db.query<{ seq: number; generation: number }>(
      'SELECT (SELECT COALESCE(max(change_seq), 0)::float8 FROM places) AS seq, (SELECT generation FROM gazetteer_generation) AS generation',
    )
  ).rows[0]!
}

/** What the search index needs of the places changed after `afterSeq`, with the highest sequence number seen. */
export async function readSearchablePlacesAfter(db: Queryable, afterSeq: number): Promise<{ places: SearchablePlace[]; latestSeq: number }> {
  const rows = (
    await db.query<SearchablePlace & { seq: number; box: [number, number, number, number] | null }>(
      `SELECT p.id, p.standard_name AS "standardName", p.romanization, p.category, p.status, p.division_codes AS "divisionCodes",
              CASE WHEN p.geom IS NULL THEN NULL ELSE json_build_array(ST_XMin(p.geom), ST_YMin(p.geom), ST_XMax(p.geom), ST_YMax(p.geom)) END AS box,
              COALESCE((SELECT json_agg(json_build_object('name', a.name, 'kind', a.kind) ORDER BY a.position) FROM place_alt_names a WHERE a.place_id = p.id), '[]'::json) AS "names",
              p.change_seq::float8 AS seq
         FROM places p WHERE p.change_seq > $1 ORDER BY p.change_seq`,
      [afterSeq],
    )
  ).rows
  let latestSeq = afterSeq
  const places = rows.map(({ seq, box, names, ...place }) => {
    latestSeq = Math.max(latestSeq, seq)
    return { ...place, bbox: box, names: [{ name: place.standardName, kind: 'standard' as const }, ...names] }
  })
  return { places, latestSeq }
}

/**
 * Stores the records of a dataset in one statement (the demo's), each with
 * the divisions its geometry lies in, and keeps each as version 1. The
 * caller holds the gazetteer lock.
 */
export async function insertDatasetPlaces(db: Queryable, datasetId: number, places: readonly PlaceFields[], actor: Actor): Promise<void> {
  await db.query(
    `INSERT INTO places (dataset_id, category, feature_type, standard_name, specific_part, generic_part, romanization, description, sources, geom, division_codes, change_seq)
     SELECT $1, r->>'category', r->>'featureType', r->>'standardName', r->>'specificPart', r->>'genericPart', r->>'romanization', r->>'description', r->>'sources', g.geom,
            COALESCE((SELECT array_agg(btrim(d.code) ORDER BY d.code) FROM divisions d
                       WHERE d.level = 'community' AND ST_Intersects(d.geom, g.geom) AND NOT ST_Touches(d.geom, g.geom)),
                     (SELECT array_agg(btrim(d.code) ORDER BY d.code) FROM divisions d WHERE d.level = 'community' AND ST_Intersects(d.geom, g.geom)),
                     '{}'),
            nextval('gazetteer_change_seq')
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
       CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(r->>'geometry'), 4326) AS geom) g
      ORDER BY ord`,
    [datasetId, JSON.stringify(places)],
  )
  await db.query(
    `INSERT INTO place_versions (place_id, version, record, change, saved_by_id, saved_by)
     SELECT r.id, r.version, to_jsonb(r), 'demo', $2, $3 FROM (SELECT ${placeColumns} FROM places p WHERE p.dataset_id = $1) r`,
    [datasetId, actor.id, actor.name],
  )
}

/**
 * Removes a dataset's records and everything hanging on them (other names,
 * versions, cases, protection entries, signs, door plates), so the dataset
 * itself can be deleted: only for replacing the demo.
 */
export async function deleteDatasetPlaces(db: Queryable, datasetIds: readonly number[]): Promise<void> {
  const ids = `(SELECT id FROM places WHERE dataset_id = ANY($1::int[]))`
  const cases = `(SELECT id FROM naming_cases WHERE place_id IN ${ids})`
  const plates = `(SELECT id FROM door_plates WHERE road_place_id IN ${ids})`
  for (const statement of [
    `DELETE FROM naming_case_events WHERE case_id IN ${cases}`,
    `DELETE FROM gazetteer_files WHERE case_id IN ${cases} OR sign_id IN (SELECT id FROM place_signs WHERE place_id IN ${ids})`,
    `DELETE FROM place_versions WHERE place_id IN ${ids} OR case_id IN ${cases}`,
    `DELETE FROM naming_cases WHERE id IN ${cases}`,
    `DELETE FROM door_plate_certificates WHERE door_plate_id IN ${plates}`,
    `DELETE FROM door_plates WHERE id IN ${plates}`,
    `DELETE FROM place_signs WHERE place_id IN ${ids}`,
    `DELETE FROM protected_names WHERE place_id IN ${ids}`,
    `DELETE FROM place_alt_names WHERE place_id IN ${ids}`,
    `DELETE FROM places WHERE dataset_id = ANY($1::int[])`,
  ]) {
    await db.query(statement, [datasetIds])
  }
  await db.query('UPDATE gazetteer_generation SET generation = generation + 1')
}

/** Ids of the records with these place codes, by code. */
export async function findPlacesByCodes(db: Queryable, codes: readonly string[]): Promise<Map<string, number>> {
  if (codes.length === 0) return new Map()
  const rows = (await db.query<{ id: number; code: string }>('SELECT id, place_code AS code FROM places WHERE place_code = ANY($1::text[])', [codes])).rows
  return new Map(rows.map((r) => [r.code, r.id]))
}

/** Stored records whose standard name is one of `names`, with what a duplicate check needs. */
export async function findPlacesByNames(
  db: Queryable,
  names: readonly string[],
): Promise<{ id: number; standardName: string; status: string; divisionCodes: string[]; placeCode: string | null }[]> {
  if (names.length === 0) return []
  return (
    await db.query(
      `SELECT id, standard_name AS "standardName", status, division_codes AS "divisionCodes", place_code AS "placeCode"
         FROM places WHERE standard_name = ANY($1::text[])`,
      [names],
    )
  ).rows
}

/**
 * Refreshes the planner's statistics of the gazetteer after a bulk change,
 * so that the search index's "changed since" query keeps using its index
 * (and a server does not JIT-compile it) before autovacuum gets round to it.
 */
export async function analyzePlaces(db: Queryable): Promise<void> {
  await db.query('ANALYZE places, place_alt_names')
}

/**
 * Replaces the divisions a place lists, as when a division change ends a
 * unit it named: a new version of the record (change 'edit') and a new
 * change sequence number, so the search index picks it up. The caller
 * holds the gazetteer lock. Returns the record as saved, or undefined when
 * there is no such place.
 */
export async function replacePlaceDivisionCodes(db: Queryable, placeId: number, divisionCodes: readonly string[], actor: Actor): Promise<PlaceRecord | undefined> {
  const updated = await db.query(
    `UPDATE places SET division_codes = $2::text[], version = version + 1, change_seq = nextval('gazetteer_change_seq'), updated_at = now() WHERE id = $1`,
    [placeId, divisionCodes],
  )
  if (updated.rowCount !== 1) return undefined
  const record = (await readPlace(db, placeId))!
  await insertPlaceVersion(db, record, 'edit', null, actor)
  return record
}
