import type { Queryable } from '../db/transaction.ts'
import type { Division, DivisionEvent, DivisionVersion, Supersession, Topology } from '../schemas/divisions.ts'
import type { DivisionEventKind, DivisionLevel, UnitCounts } from './division-event-rules.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'

/** A geometry as PostGIS writes it in GeoJSON. */
type GeoJsonGeometry = { type: string; coordinates: unknown }

const divisionColumns = (a: string, validTo: string) => `${a}.code::text AS code, ${a}.name, ${a}.level, ${a}.parent_code::text AS "parentCode",
  ${a}.urban_rural AS "urbanRural", ${a}.households, ${a}.population, ${a}.elderly_population AS "elderlyPopulation",
  ${date(`${a}.valid_from`)} AS "validFrom", ${validTo} AS "validTo"`

/**
 * The units in force at the end of `$1` (a date): rows of `divisions` that
 * had come into force by then, and ended versions in force on that day.
 */
const asOfUnits = `(
  SELECT d.code, d.name, d.level, d.parent_code, d.urban_rural, d.households, d.population, d.elderly_population,
         d.valid_from, NULL::date AS valid_to, d.geom
    FROM divisions d WHERE d.valid_from IS NULL OR d.valid_from <= $1::date
  UNION ALL
  SELECT v.code, v.name, v.level, v.parent_code, v.urban_rural, v.households, v.population, v.elderly_population,
         v.valid_from, v.valid_to, v.geom
    FROM division_versions v WHERE (v.valid_from IS NULL OR v.valid_from <= $1::date) AND v.valid_to > $1::date
)`

const levelOrder = `array_position(ARRAY['province', 'city', 'district', 'subdistrict', 'community'], u.level)`

/** The units in force on `asOf`, optionally of one level or directly under one unit, by level then code. */
export async function listDivisionsAsOf(db: Queryable, filter: { asOf: string; level?: string | undefined; parent?: string | undefined }): Promise<Division[]> {
  return (
    await db.query<Division>(
      `SELECT ${divisionColumns('u', date('u.valid_to'))} FROM ${asOfUnits} u
        WHERE ($2::text IS NULL OR u.level = $2) AND ($3::text IS NULL OR u.parent_code = $3)
        ORDER BY ${levelOrder}, u.code`,
      [filter.asOf, filter.level ?? null, filter.parent ?? null],
    )
  ).rows
}

/** How many units of each level were in force on `asOf` (directly under `parent` when given). */
export async function countDivisionsAsOf(db: Queryable, filter: { asOf: string; parent?: string | undefined }): Promise<Record<string, number>> {
  const rows = (
    await db.query<{ level: string; n: number }>(
      `SELECT u.level, count(*)::int AS n FROM ${asOfUnits} u WHERE ($2::text IS NULL OR u.parent_code = $2) GROUP BY u.level`,
      [filter.asOf, filter.parent ?? null],
    )
  ).rows
  return Object.fromEntries(rows.map((r) => [r.level, r.n]))
}

/** The units in force on `asOf` with their geometry (GeoJSON, 7 decimals). */
export async function listDivisionFeaturesAsOf(db: Queryable, filter: { asOf: string; level?: string | undefined }): Promise<(Division & { geometry: GeoJsonGeometry })[]> {
  return (
    await db.query<Division & { geometry: GeoJsonGeometry }>(
      `SELECT ${divisionColumns('u', date('u.valid_to'))}, ST_AsGeoJSON(u.geom, 7)::json AS geometry FROM ${asOfUnits} u
        WHERE ($2::text IS NULL OR u.level = $2) ORDER BY ${levelOrder}, u.code`,
      [filter.asOf, filter.level ?? null],
    )
  ).rows
}

/** A unit in force today, or else the last version of the code, with its geometry and area; undefined when the code was never kept. */
export async function readDivisionOrLastVersion(db: Queryable, code: string): Promise<(Division & { current: boolean; geometry: GeoJsonGeometry; areaM2: number }) | undefined> {
  const extra = `ST_AsGeoJSON(u.geom, 7)::json AS geometry, ST_Area(u.geom::geography) AS "areaM2"`
  const current = (await db.query(`SELECT ${divisionColumns('u', 'NULL::text')}, true AS current, ${extra} FROM divisions u WHERE u.code = $1`, [code])).rows[0]
  if (current) return current
  return (
    await db.query(
      `SELECT ${divisionColumns('u', date('u.valid_to'))}, false AS current, ${extra} FROM division_versions u WHERE u.code = $1 ORDER BY u.valid_to DESC, u.id DESC LIMIT 1`,
      [code],
    )
  ).rows[0]
}

/** The ended versions of a code, latest first. */
export async function listDivisionVersions(db: Queryable, code: string): Promise<DivisionVersion[]> {
  return (
    await db.query<DivisionVersion>(
      `SELECT ${divisionColumns('u', date('u.valid_to'))}, u.id, u.ended_by_event AS "endedByEvent" FROM division_versions u WHERE u.code = $1 ORDER BY u.valid_to DESC, u.id DESC`,
      [code],
    )
  ).rows
}

/** The units, by code, that `code` took over from (`supersedes`) and that took over from it (`supersededBy`), other codes only. */
export async function readSupersessions(db: Queryable, code: string): Promise<{ supersedes: Supersession[]; supersededBy: Supersession[] }> {
  const query = (mine: 'before' | 'after', theirs: 'before' | 'after') =>
    db.query<Supersession>(
      `SELECT DISTINCT o.code::text AS code, o.name, e.id AS "eventId", e.kind, ${date('e.effective_on')} AS "effectiveOn"
         FROM division_event_units m
         JOIN division_events e ON e.id = m.event_id
         JOIN division_event_units o ON o.event_id = m.event_id AND o.side = '${theirs}' AND o.code <> m.code
        WHERE m.code = $1 AND m.side = '${mine}'
        ORDER BY "effectiveOn", "eventId", code`,
      [code],
    )
  const [supersedes, supersededBy] = await Promise.all([query('after', 'before'), query('before', 'after')])
  return { supersedes: supersedes.rows, supersededBy: supersededBy.rows }
}

const eventColumns = `e.id, e.kind, ${date('e.effective_on')} AS "effectiveOn", e.authority, e.document_number AS "documentNumber", e.note,
  e.recorded_by AS "recordedBy", ${timestamp('e.recorded_at')} AS "recordedAt",
  COALESCE((SELECT json_agg(json_build_object('code', u.code::text, 'name', u.name) ORDER BY u.code) FROM division_event_units u WHERE u.event_id = e.id AND u.side = 'before'), '[]'::json) AS before,
  COALESCE((SELECT json_agg(json_build_object('code', u.code::text, 'name', u.name) ORDER BY u.code) FROM division_event_units u WHERE u.event_id = e.id AND u.side = 'after'), '[]'::json) AS after`

/** Events, latest effective first; with `code`, only those with that unit on either side. */
export async function listDivisionEvents(db: Queryable, filter: { code?: string | undefined }): Promise<DivisionEvent[]> {
  return (
    await db.query<DivisionEvent>(
      `SELECT ${eventColumns} FROM division_events e
        WHERE $1::text IS NULL OR EXISTS (SELECT 1 FROM division_event_units u WHERE u.event_id = e.id AND u.code = $1)
        ORDER BY e.effective_on DESC, e.id DESC`,
      [filter.code ?? null],
    )
  ).rows
}

export async function readDivisionEvent(db: Queryable, id: number): Promise<DivisionEvent | undefined> {
  return (await db.query<DivisionEvent>(`SELECT ${eventColumns} FROM division_events e WHERE e.id = $1`, [id])).rows[0]
}

/** The units above `code` in the divisions kept here (current rows, else their last version), nearest first. */
export async function readParentChain(db: Queryable, code: string): Promise<{ code: string; name: string; level: DivisionLevel }[]> {
  const find = async (c: string) =>
    (
      await db.query<{ code: string; name: string; level: DivisionLevel; parentCode: string | null }>(
        `SELECT code::text AS code, name, level, parent_code::text AS "parentCode" FROM divisions WHERE code = $1
         UNION ALL
         (SELECT code::text, name, level, parent_code::text FROM division_versions WHERE code = $1 ORDER BY valid_to DESC, id DESC LIMIT 1)
         LIMIT 1`,
        [c],
      )
    ).rows[0]
  const chain: { code: string; name: string; level: DivisionLevel }[] = []
  let next = (await find(code))?.parentCode ?? null
  while (next && chain.length < 8 && !chain.some((c) => c.code === next)) {
    const unit = await find(next)
    if (!unit) break
    chain.push({ code: unit.code, name: unit.name, level: unit.level })
    next = unit.parentCode
  }
  return chain
}

// ---------------------------------------------------------------------------
// Recording an event
// ---------------------------------------------------------------------------

/** A unit in force, as an event reads it before ending it. */
export interface CurrentUnit extends UnitCounts {
  code: string
  name: string
  level: DivisionLevel
  parentCode: string | null
  urbanRural: 'urban' | 'rural'
  validFrom: string | null
  datasetId: number
}

/** The units in force with these codes, locked for the rest of the transaction. */
export async function lockCurrentUnits(db: Queryable, codes: readonly string[]): Promise<CurrentUnit[]> {
  if (codes.length === 0) return []
  return (
    await db.query<CurrentUnit>(
      `SELECT code::text AS code, name, level, parent_code::text AS "parentCode", urban_rural AS "urbanRural", households, population,
              elderly_population AS "elderlyPopulation", ${date('valid_from')} AS "validFrom", dataset_id AS "datasetId"
         FROM divisions WHERE code = ANY($1::text[]) ORDER BY code FOR UPDATE`,
      [codes],
    )
  ).rows
}

/** The day a code's last version ended, when the code is no longer in force. */
export async function readEndedOn(db: Queryable, code: string): Promise<string | undefined> {
  return (await db.query<{ endedOn: string }>(`SELECT ${date('max(valid_to)')} AS "endedOn" FROM division_versions WHERE code = $1 HAVING count(*) > 0`, [code])).rows[0]?.endedOn
}

/** Problems PostGIS finds with geometries that passed the GeoJSON check (e.g. a hole outside its shell), by index. */
export async function findInvalidGeometries(db: Queryable, geometries: readonly string[]): Promise<{ index: number; reason: string }[]> {
  return (
    await db.query<{ index: number; reason: string }>(
      `SELECT (ord - 1)::int AS index, ST_IsValidReason(g) AS reason
         FROM unnest($1::text[]) WITH ORDINALITY AS t(j, ord), LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(j), 4326) AS g) x
        WHERE NOT ST_IsValid(g) ORDER BY ord`,
      [geometries],
    )
  ).rows
}

/** `after` units as SQL rows: code and geometry (the before unit's own for a rename that kept it). */
const afterUnits = `(SELECT r->>'code' AS code,
                            COALESCE(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r->>'geometry'), 4326)), (SELECT d.geom FROM divisions d WHERE d.code = r->>'keepFrom')) AS geom
                       FROM json_array_elements($1::json) r)`

/** What the after units are given: a geometry (GeoJSON text) or the code of the before unit whose territory they keep. */
export interface AfterGeometry {
  code: string
  geometry: string | null
  keepFrom?: string | undefined
}

const afterJson = (after: readonly AfterGeometry[]) => JSON.stringify(after.map((a) => ({ code: a.code, geometry: a.geometry, keepFrom: a.keepFrom ?? null })))

/** Areas, in m², for the coverage check: the before units' union, its symmetric difference with the after units' union, and overlaps between after units. */
export async function measureCoverage(
  db: Queryable,
  beforeCodes: readonly string[],
  after: readonly AfterGeometry[],
): Promise<{ beforeAreaM2: number; differenceAreaM2: number; overlaps: { codes: [string, string]; areaM2: number }[] }> {
  const areas = (
    await db.query<{ beforeAreaM2: number; differenceAreaM2: number }>(
      `WITH a AS ${afterUnits},
            ub AS (SELECT ST_Union(geom) AS g FROM divisions WHERE code = ANY($2::text[])),
            ua AS (SELECT ST_Union(geom) AS g FROM a)
       SELECT ST_Area(ub.g::geography) AS "beforeAreaM2", COALESCE(ST_Area(ST_SymDifference(ub.g, ua.g)::geography), 0) AS "differenceAreaM2" FROM ub, ua`,
      [afterJson(after), beforeCodes],
    )
  ).rows[0]!
  const overlaps = (
    await db.query<{ a: string; b: string; areaM2: number }>(
      `WITH a AS ${afterUnits}
       SELECT x.code AS a, y.code AS b, ST_Area(ST_CollectionExtract(ST_Intersection(x.geom, y.geom), 3)::geography) AS "areaM2"
         FROM a x JOIN a y ON x.code < y.code AND ST_Intersects(x.geom, y.geom)`,
      [afterJson(after)],
    )
  ).rows
  return { ...areas, overlaps: overlaps.map((o) => ({ codes: [o.a, o.b], areaM2: o.areaM2 })) }
}

/** For each after unit, the before unit it shares the most territory with. */
export async function findLargestPredecessors(db: Queryable, beforeCodes: readonly string[], after: readonly AfterGeometry[]): Promise<Map<string, string>> {
  if (beforeCodes.length === 0) return new Map()
  const rows = (
    await db.query<{ code: string; before: string }>(
      `WITH a AS ${afterUnits}
       SELECT DISTINCT ON (a.code) a.code, d.code::text AS before
         FROM a JOIN divisions d ON d.code = ANY($2::text[])
        ORDER BY a.code, ST_Area(ST_Intersection(a.geom, d.geom)) DESC, d.code`,
      [afterJson(after), beforeCodes],
    )
  ).rows
  return new Map(rows.map((r) => [r.code, r.before]))
}

/** Households and people of the compounds inside each after unit (by a point on each compound's surface); null when none lies inside. */
export async function sumCompoundsInside(db: Queryable, after: readonly AfterGeometry[]): Promise<Map<string, UnitCounts>> {
  const rows = (
    await db.query<UnitCounts & { code: string }>(
      `WITH a AS ${afterUnits}
       SELECT a.code,
              CASE WHEN count(c.id) = 0 THEN NULL ELSE sum(c.households)::int END AS households,
              CASE WHEN count(c.id) = 0 OR count(c.population) < count(c.id) THEN NULL ELSE sum(c.population)::int END AS population,
              CASE WHEN count(c.id) = 0 OR count(c.elderly_population) < count(c.id) THEN NULL ELSE sum(c.elderly_population)::int END AS "elderlyPopulation"
         FROM a LEFT JOIN compounds c ON ST_Contains(a.geom, ST_PointOnSurface(c.geom))
        GROUP BY a.code`,
      [afterJson(after)],
    )
  ).rows
  return new Map(rows.map(({ code, ...counts }) => [code, counts]))
}

/** Area, in m², by which a geometry differs from a unit's. */
export async function measureDifference(db: Queryable, code: string, geometry: string): Promise<number> {
  return (
    await db.query<{ areaM2: number }>(
      `SELECT COALESCE(ST_Area(ST_SymDifference(d.geom, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)))::geography), 0) AS "areaM2" FROM divisions d WHERE d.code = $1`,
      [code, geometry],
    )
  ).rows[0]?.areaM2 ?? 0
}

/** What still hangs on units: sub-units, compounds, facilities (their own community or one they serve) and gazetteer places. */
export async function countDependants(db: Queryable, codes: readonly string[]): Promise<{ children: number; compounds: number; facilities: number; places: number }> {
  return (
    await db.query(
      `SELECT (SELECT count(*)::int FROM divisions WHERE parent_code = ANY($1::text[])) AS children,
              (SELECT count(*)::int FROM compounds WHERE community_code = ANY($1::text[])) AS compounds,
              (SELECT count(*)::int FROM facilities f WHERE f.community_code = ANY($1::text[])
                  OR EXISTS (SELECT 1 FROM facility_service_communities s WHERE s.facility_id = f.id AND s.community_code = ANY($1::text[]))) AS facilities,
              (SELECT count(*)::int FROM places WHERE division_codes && $1::text[]) AS places`,
      [codes],
    )
  ).rows[0]
}

/** The dataset that division events and units recorded by staff belong to, made on first use. */
export async function findStaffDataset(db: Queryable): Promise<number> {
  const source = 'division-events'
  const found = (await db.query<{ id: number }>('SELECT id FROM datasets WHERE source = $1 AND NOT synthetic ORDER BY id LIMIT 1', [source])).rows[0]
  if (found) return found.id
  return (
    await db.query<{ id: number }>(
      `INSERT INTO datasets (name, source, synthetic, description) VALUES ('行政区划调整记录', $1, false, 'Administrative divisions recorded through division change events') RETURNING id`,
      [source],
    )
  ).rows[0]!.id
}

export async function readDatasetOf(db: Queryable, code: string): Promise<number | undefined> {
  return (await db.query<{ id: number }>('SELECT dataset_id AS id FROM divisions WHERE code = $1', [code])).rows[0]?.id
}

export interface EventRecord {
  datasetId: number
  kind: DivisionEventKind
  effectiveOn: string
  authority: string
  documentNumber: string
  note: string
  recordedBy: string
}

export async function insertDivisionEvent(db: Queryable, event: EventRecord): Promise<number> {
  return (
    await db.query<{ id: number }>(
      `INSERT INTO division_events (dataset_id, kind, effective_on, authority, document_number, note, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [event.datasetId, event.kind, event.effectiveOn, event.authority, event.documentNumber, event.note, event.recordedBy],
    )
  ).rows[0]!.id
}

/**
 * Keeps a unit's row as it stands as an ended version (in force until
 * `validTo`, ended by `eventId`) and returns the version's id; with `side`,
 * records it as a unit of the event.
 */
export async function endUnitVersion(db: Queryable, code: string, eventId: number, validTo: string, side: 'before' | null): Promise<number> {
  const id = (
    await db.query<{ id: number }>(
      `INSERT INTO division_versions (dataset_id, code, name, level, parent_code, urban_rural, households, population, elderly_population, geom, valid_from, valid_to, ended_by_event)
       SELECT dataset_id, code, name, level, parent_code, urban_rural, households, population, elderly_population, geom, valid_from, $3::date, $2
         FROM divisions WHERE code = $1
       RETURNING id`,
      [code, eventId, validTo],
    )
  ).rows[0]!.id
  if (side) {
    await db.query(`INSERT INTO division_event_units (event_id, side, code, name, version_id) SELECT $1, 'before', code, name, id FROM division_versions WHERE id = $2`, [eventId, id])
  }
  return id
}

/** A unit an event brings into force, ready to store. */
export interface NewUnit extends UnitCounts {
  code: string
  name: string
  level: DivisionLevel
  parentCode: string | null
  urbanRural: 'urban' | 'rural'
  /** GeoJSON text, or null to keep the territory of `keepFrom`. */
  geometry: string | null
  keepFrom: string | null
}

/**
 * Stores an after unit in force from `validFrom`: updates the row when its
 * code is still in `divisions` (a before unit keeping its code), inserts it
 * otherwise, and records it as a unit of the event.
 */
export async function storeAfterUnit(db: Queryable, eventId: number, datasetId: number, unit: NewUnit, validFrom: string): Promise<void> {
  const geom = `COALESCE(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($7), 4326)), (SELECT k.geom FROM divisions k WHERE k.code = $8))`
  const params = [unit.code, unit.name, unit.level, unit.parentCode, unit.urbanRural, validFrom, unit.geometry, unit.keepFrom, unit.households, unit.population, unit.elderlyPopulation]
  const updated = await db.query(
    `UPDATE divisions SET name = $2, level = $3, parent_code = $4, urban_rural = $5, valid_from = $6::date, geom = ${geom},
            households = $9, population = $10, elderly_population = $11
      WHERE code = $1`,
    params,
  )
  if (updated.rowCount === 0) {
    await db.query(
      `INSERT INTO divisions (code, dataset_id, name, level, parent_code, urban_rural, valid_from, geom, households, population, elderly_population)
       VALUES ($1, $12, $2, $3, $4, $5, $6::date, ${geom}, $9, $10, $11)`,
      [...params, datasetId],
    )
  }
  await db.query(`INSERT INTO division_event_units (event_id, side, code, name) VALUES ($1, 'after', $2, $3)`, [eventId, unit.code, unit.name])
}

/**
 * The successor, among `successors`, that takes over a thing at `geom`
 * (SQL): the one containing a point on its surface, else the one sharing
 * the most of it, else the nearest.
 */
const pickSuccessor = (geom: string) => `(SELECT s.code FROM divisions s WHERE s.code = ANY($2::text[])
   ORDER BY ST_Contains(s.geom, ST_PointOnSurface(${geom})) DESC, ST_Area(ST_Intersection(s.geom, ${geom})) DESC, ST_Distance(s.geom, ${geom}), s.code LIMIT 1)`

/**
 * Moves the sub-units of ended units to the successor containing each,
 * keeping each moved sub-unit's earlier form as a version ended by the
 * event so "as of" reads still show it under its old parent. Returns how
 * many moved.
 */
export async function reparentChildren(db: Queryable, eventId: number, ended: readonly string[], successors: readonly string[], effectiveOn: string): Promise<number> {
  const moves = (
    await db.query<{ code: string; parentCode: string; keepVersion: boolean }>(
      `SELECT c.code::text AS code, ${pickSuccessor('c.geom')}::text AS "parentCode", (c.valid_from IS NULL OR c.valid_from < $3::date) AS "keepVersion"
         FROM divisions c WHERE c.parent_code = ANY($1::text[]) ORDER BY c.code`,
      [ended, successors, effectiveOn],
    )
  ).rows
  let moved = 0
  for (const move of moves) {
    const current = (await db.query<{ parent: string | null }>('SELECT parent_code::text AS parent FROM divisions WHERE code = $1', [move.code])).rows[0]
    if (current?.parent === move.parentCode) continue
    if (move.keepVersion) {
      await endUnitVersion(db, move.code, eventId, effectiveOn, null)
      await db.query('UPDATE divisions SET parent_code = $2, valid_from = $3::date WHERE code = $1', [move.code, move.parentCode, effectiveOn])
    } else {
      await db.query('UPDATE divisions SET parent_code = $2 WHERE code = $1', [move.code, move.parentCode])
    }
    moved++
  }
  return moved
}

/** Moves compounds and facilities linked to ended communities to the successor containing them; returns how many of each moved. */
export async function relinkCompoundsAndFacilities(db: Queryable, ended: readonly string[], successors: readonly string[]): Promise<{ compounds: number; facilities: number }> {
  const compounds = await db.query(
    `UPDATE compounds c SET community_code = t.code
       FROM (SELECT c2.id, ${pickSuccessor('c2.geom')} AS code FROM compounds c2 WHERE c2.community_code = ANY($1::text[])) t
      WHERE c.id = t.id AND c.community_code IS DISTINCT FROM t.code`,
    [ended, successors],
  )
  const facilities = await db.query(
    `UPDATE facilities f SET community_code = t.code
       FROM (SELECT f2.id, ${pickSuccessor('f2.geom')} AS code FROM facilities f2 WHERE f2.community_code = ANY($1::text[])) t
      WHERE f.id = t.id AND f.community_code IS DISTINCT FROM t.code`,
    [ended, successors],
  )
  return { compounds: compounds.rowCount ?? 0, facilities: facilities.rowCount ?? 0 }
}

/**
 * Facilities that served an ended community serve the successors sharing
 * more than 1 m² of its former territory (every successor with
 * `allSuccessors`, as for an abolition); rows naming a code that is gone
 * are removed, as its deletion would cascade. Returns the rows added.
 */
export async function relinkServiceCommunities(db: Queryable, eventId: number, ended: readonly string[], successors: readonly string[], allSuccessors: boolean): Promise<number> {
  const added = await db.query(
    `INSERT INTO facility_service_communities (facility_id, community_code)
     SELECT DISTINCT fsc.facility_id, s.code
       FROM facility_service_communities fsc
       JOIN division_versions v ON v.ended_by_event = $3 AND v.code = fsc.community_code
       JOIN divisions s ON s.code = ANY($2::text[]) AND s.level = 'community'
      WHERE fsc.community_code = ANY($1::text[])
        AND ($4 OR ST_Area(ST_CollectionExtract(ST_Intersection(s.geom, v.geom), 3)::geography) > 1)
     ON CONFLICT DO NOTHING`,
    [ended, successors, eventId, allSuccessors],
  )
  await db.query('DELETE FROM facility_service_communities WHERE community_code = ANY($1::text[]) AND NOT community_code = ANY($2::text[])', [ended, successors])
  return added.rowCount ?? 0
}

/**
 * Gazetteer places listing an ended code, with the codes they should list
 * instead: the ended codes replaced by the successors whose territory the
 * place's geometry enters (all successors when it has none or enters none).
 */
export async function findPlacesToRelink(db: Queryable, ended: readonly string[], successors: readonly string[]): Promise<{ id: number; divisionCodes: string[] }[]> {
  const rows = (
    await db.query<{ id: number; divisionCodes: string[]; previous: string[] }>(
      `WITH hit AS (
         SELECT p.id, p.division_codes,
                (SELECT array_agg(s.code::text ORDER BY s.code) FROM divisions s
                  WHERE s.code = ANY($2::text[]) AND p.geom IS NOT NULL AND ST_Intersects(s.geom, p.geom) AND NOT ST_Touches(s.geom, p.geom)) AS entered
           FROM places p WHERE p.division_codes && $1::text[]
       )
       SELECT id, division_codes AS previous,
              ARRAY(SELECT DISTINCT c FROM unnest(array_cat(
                      ARRAY(SELECT c FROM unnest(division_codes) c WHERE NOT c = ANY($1::text[])),
                      COALESCE(entered, $2::text[]))) c ORDER BY c) AS "divisionCodes"
         FROM hit ORDER BY id`,
      [ended, successors],
    )
  ).rows
  return rows
    .filter((r) => [...r.previous].sort().join() !== r.divisionCodes.join())
    .map(({ id, divisionCodes }) => ({ id, divisionCodes }))
}

/** Removes ended units whose codes no after unit kept (their sub-units, compounds and facilities were moved first). */
export async function deleteEndedUnits(db: Queryable, codes: readonly string[]): Promise<void> {
  if (codes.length === 0) return
  await db.query('DELETE FROM divisions WHERE code = ANY($1::text[])', [codes])
}

// ---------------------------------------------------------------------------
// Topology
// ---------------------------------------------------------------------------

export async function readDivisionSummary(db: Queryable, code: string): Promise<{ code: string; name: string } | undefined> {
  return (await db.query<{ code: string; name: string }>('SELECT code::text AS code, name FROM divisions WHERE code = $1', [code])).rows[0]
}

/**
 * Gaps and overlaps among the units directly under `parent` (the top-level
 * units when null), each of at least `minAreaM2`: gaps are the parent's
 * territory outside every child, or, at the top level, holes inside the
 * union of the units; overlaps are shared by two units.
 */
export async function findTopologyProblems(db: Queryable, parent: string | null, minAreaM2: number): Promise<Omit<Topology, 'parentCode'>> {
  const children = `(SELECT code, name, geom FROM divisions WHERE ($1::text IS NULL AND parent_code IS NULL) OR parent_code = $1)`
  const part = (g: string) =>
    `ST_Area(${g}::geography) AS "areaM2", json_build_object('lng', ST_X(ST_PointOnSurface(${g})), 'lat', ST_Y(ST_PointOnSurface(${g}))) AS location, ST_AsGeoJSON(${g}, 7)::json AS geometry`
  const gaps = (
    await db.query(
      `WITH c AS ${children},
            u AS (SELECT ST_Union(geom) AS g FROM c),
            missing AS (
              SELECT ST_Difference(p.geom, COALESCE(u.g, ST_GeomFromText('POLYGON EMPTY', 4326))) AS g FROM divisions p, u WHERE $1::text IS NOT NULL AND p.code = $1
              UNION ALL
              SELECT ST_MakePolygon(ST_InteriorRingN(d.geom, n)) FROM u, LATERAL ST_Dump(u.g) d,
                     LATERAL generate_series(1, ST_NumInteriorRings(d.geom)) n
               WHERE $1::text IS NULL AND ST_GeometryType(d.geom) = 'ST_Polygon'
            ),
            parts AS (SELECT (ST_Dump(ST_CollectionExtract(g, 3))).geom AS g FROM missing)
       SELECT ${part('g')} FROM parts WHERE ST_Area(g::geography) >= $2 ORDER BY 1 DESC`,
      [parent, minAreaM2],
    )
  ).rows
  const overlaps = (
    await db.query(
      `WITH c AS ${children},
            pairs AS (SELECT x.code::text AS a, y.code::text AS b, x.name AS an, y.name AS bn, ST_CollectionExtract(ST_Intersection(x.geom, y.geom), 3) AS g
                        FROM c x JOIN c y ON x.code < y.code AND ST_Intersects(x.geom, y.geom))
       SELECT json_build_array(a, b) AS codes, json_build_array(an, bn) AS names, ${part('g')}
         FROM pairs WHERE NOT ST_IsEmpty(g) AND ST_Area(g::geography) >= $2 ORDER BY "areaM2" DESC`,
      [parent, minAreaM2],
    )
  ).rows
  return { gaps, overlaps }
}
