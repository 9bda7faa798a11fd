import type { Queryable } from '../db/transaction.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'
import type { Line, LineSummary } from '../schemas/boundary-lines.ts'
import type { BoundaryView } from './boundary-redaction.ts'
import { lineInspectionStatus } from './inspection-schedule.ts'
import { PUBLIC_LINE_SIMPLIFY_DEGREES } from './sensitive-access.ts'
import { todayInChina } from '../calendar-date.ts'

const summaryColumns = `l.id, l.code, l.name, l.level, l.left_code AS "leftCode", l.left_name AS "leftName",
  l.right_code AS "rightCode", l.right_name AS "rightName",
  round(ST_Length(l.geom::geography)::numeric, 1)::float8 AS "lengthM", l.source,
  l.agreement_number AS "agreementNumber", ${date('l.agreement_date')} AS "agreementDate",
  ${date('l.valid_from')} AS "validFrom", ${date('l.valid_to')} AS "validTo",
  l.inspection_cycle_years AS "inspectionCycleYears",
  (SELECT count(*)::int FROM boundary_markers m WHERE m.line_id = l.id) AS "markerCount",
  (SELECT ${date('max(i.done_on)')} FROM boundary_inspections i WHERE i.line_id = l.id) AS "lastInspectedOn",
  (SELECT ${date('max(i.planned_on)')} FROM boundary_inspections i WHERE i.line_id = l.id AND i.done_on IS NULL) AS "latestPlannedOn"`

/** The line's geometry as the view may see it: stored, or simplified for callers without access. */
const geometrySql = (view: BoundaryView) =>
  view.sensitive ? 'ST_AsGeoJSON(l.geom, 7)::json' : `ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(l.geom, ${PUBLIC_LINE_SIMPLIFY_DEGREES})), 7)::json`

const detailColumns = (view: BoundaryView) => `${summaryColumns}, ${geometrySql(view)} AS geometry, ${view.sensitive} AS detailed,
  l.course_description AS "courseDescription", l.agreement_parties AS "agreementParties", l.note, l.version,
  ${timestamp('l.created_at')} AS "createdAt", ${timestamp('l.updated_at')} AS "updatedAt"`

type SummaryRow = Omit<LineSummary, 'nextDueYear' | 'status'> & { latestPlannedOn: string | null }

function withStatus<R extends SummaryRow>(row: R, today: string): Omit<R, 'latestPlannedOn'> & Pick<LineSummary, 'nextDueYear' | 'status'> {
  const { latestPlannedOn, ...rest } = row
  const schedule = lineInspectionStatus(
    { inspectionCycleYears: row.inspectionCycleYears, lastInspectedOn: row.lastInspectedOn, agreementDate: row.agreementDate, validFrom: row.validFrom, latestPlannedOn },
    today,
  )
  return { ...rest, ...schedule }
}

export interface LineFilter {
  /** Part of the name or code of the line or of either side. */
  q?: string | undefined
  level?: string | undefined
}

/** Lines matching the filter, by code; their inspection status as of `today` (Shanghai's date unless given). */
export async function listLines(db: Queryable, filter: LineFilter, today = todayInChina()): Promise<LineSummary[]> {
  const q = filter.q?.trim() ? `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
  const { rows } = await db.query<SummaryRow>(
    `SELECT ${summaryColumns} FROM boundary_lines l
      WHERE ($1::text IS NULL OR l.name ILIKE $1 OR l.code ILIKE $1 OR l.left_name ILIKE $1 OR l.right_name ILIKE $1 OR l.left_code LIKE $1 OR l.right_code LIKE $1)
        AND ($2::text IS NULL OR l.level = $2)
      ORDER BY l.code`,
    [q, filter.level ?? null],
  )
  return rows.map((row) => withStatus(row, today))
}

/** Every line with its geometry as `view` may see it, for the GeoJSON export. */
export async function listLinesWithGeometry(db: Queryable, view: BoundaryView, today = todayInChina()): Promise<Line[]> {
  const { rows } = await db.query<SummaryRow & Omit<Line, keyof LineSummary>>(`SELECT ${detailColumns(view)} FROM boundary_lines l ORDER BY l.code`)
  return rows.map((row) => withStatus(row, today))
}

/** One line with its geometry as `view` may see it. */
export async function readLine(db: Queryable, id: number, view: BoundaryView, today = todayInChina()): Promise<Line | undefined> {
  const { rows } = await db.query<SummaryRow & Omit<Line, keyof LineSummary>>(`SELECT ${detailColumns(view)} FROM boundary_lines l WHERE l.id = $1`, [id])
  return rows[0] && withStatus(rows[0], today)
}

/** The id of the line with this code, if any. */
export async function findLineIdByCode(db: Queryable, code: string): Promise<number | undefined> {
  return (await db.query<{ id: number }>('SELECT id FROM boundary_lines WHERE code = $1', [code])).rows[0]?.id
}

/** Every line's id by its code. */
export async function listLineCodeIds(db: Queryable): Promise<Map<string, number>> {
  return new Map((await db.query<{ code: string; id: number }>('SELECT code, id FROM boundary_lines')).rows.map((r) => [r.code, r.id]))
}

/** All line codes in use, for generating new ones. */
export async function listLineCodes(db: Queryable): Promise<Set<string>> {
  return new Set((await db.query<{ code: string }>('SELECT code FROM boundary_lines')).rows.map((r) => r.code))
}

/** A line's stored fields; `geometry` is GeoJSON (LineString or MultiLineString) in WGS84. */
export interface LineInput {
  code: string
  name: string
  level: string
  leftCode: string
  leftName: string
  rightCode: string
  rightName: string
  geometry: unknown
  source: 'derived' | 'imported' | 'drawn'
  courseDescription: string
  agreementNumber: string
  agreementDate: string | null
  agreementParties: string[]
  validFrom: string | null
  validTo: string | null
  inspectionCycleYears: number
  note: string
}

const inputParams = (input: LineInput) => [
  input.code,
  input.name,
  input.level,
  input.leftCode,
  input.leftName,
  input.rightCode,
  input.rightName,
  JSON.stringify(input.geometry),
  input.source,
  input.courseDescription,
  input.agreementNumber,
  input.agreementDate,
  input.agreementParties,
  input.validFrom,
  input.validTo,
  input.inspectionCycleYears,
  input.note,
]

const geomFrom = (param: string) => `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${param}), 4326))`

/** Stores a line; `datasetId` is the dataset it came with (the demo), null for lines recorded by staff. Returns its id. */
export async function insertLine(db: Queryable, input: LineInput, datasetId: number | null = null): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO boundary_lines (code, name, level, left_code, left_name, right_code, right_name, geom, source, course_description,
                                 agreement_number, agreement_date, agreement_parties, valid_from, valid_to, inspection_cycle_years, note, dataset_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ${geomFrom('$8')}, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
    [...inputParams(input), datasetId],
  )
  return rows[0]!.id
}

/** Saves a line if it is still at `version`; 'stale' with the stored line otherwise, 'missing' when there is none. */
export async function updateLine(db: Queryable, id: number, version: number, input: LineInput, view: BoundaryView): Promise<{ line: Line } | { stale: Line } | 'missing'> {
  const updated = await db.query(
    `UPDATE boundary_lines SET code = $3, name = $4, level = $5, left_code = $6, left_name = $7, right_code = $8, right_name = $9,
            geom = ${geomFrom('$10')}, source = $11, course_description = $12, agreement_number = $13, agreement_date = $14,
            agreement_parties = $15, valid_from = $16, valid_to = $17, inspection_cycle_years = $18, note = $19,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [id, version, ...inputParams(input)],
  )
  const current = await readLine(db, id, view)
  if (!current) return 'missing'
  return updated.rowCount ? { line: current } : { stale: current }
}

/** Names of divisions in force today, by code (for the sides of a line). */
export async function readDivisionNames(db: Queryable, codes: readonly string[]): Promise<Map<string, { name: string; level: string; parentCode: string | null }>> {
  const { rows } = await db.query<{ code: string; name: string; level: string; parentCode: string | null }>(
    `SELECT code, name, level, parent_code AS "parentCode" FROM divisions WHERE code = ANY($1::text[])`,
    [codes],
  )
  return new Map(rows.map((r) => [r.code, { name: r.name, level: r.level, parentCode: r.parentCode }]))
}

/** Tolerance for shared edges in degrees (about 0.1 m): edges traced twice rarely agree to the last bit. */
const SHARED_EDGE_SNAP_DEGREES = 0.000001

/** SQL of the shared edge of two division geometries `a` and `b` as a MultiLineString; empty when they only touch at points. */
const sharedEdgeSql = (a: string, b: string) =>
  `ST_Multi(ST_LineMerge(ST_CollectionExtract(ST_Intersection(ST_Boundary(${a}), ST_Snap(ST_Boundary(${b}), ST_Boundary(${a}), ${SHARED_EDGE_SNAP_DEGREES})), 2)))`

/** The shared edge of two divisions in force, as GeoJSON; undefined when either is missing or they share no edge. */
export async function readSharedEdge(db: Queryable, leftCode: string, rightCode: string): Promise<unknown> {
  const { rows } = await db.query<{ geometry: unknown }>(
    `SELECT ST_AsGeoJSON(e.g, 7)::json AS geometry
       FROM divisions a, divisions b, LATERAL (SELECT ${sharedEdgeSql('a.geom', 'b.geom')} AS g) e
      WHERE a.code = $1 AND b.code = $2 AND NOT ST_IsEmpty(e.g) AND ST_Length(e.g) > 0`,
    [leftCode, rightCode],
  )
  return rows[0]?.geometry
}

/** A pair of adjacent children of a division, with the edge they share (GeoJSON MultiLineString). */
export interface AdjacentPair {
  leftCode: string
  leftName: string
  rightCode: string
  rightName: string
  level: string
  geometry: unknown
}

/** Pairs of children of `parentCode` that share an edge (not just a point), lower code on the left. */
export async function listAdjacentChildren(db: Queryable, parentCode: string): Promise<AdjacentPair[]> {
  const { rows } = await db.query<AdjacentPair>(
    `SELECT a.code AS "leftCode", a.name AS "leftName", b.code AS "rightCode", b.name AS "rightName", a.level,
            ST_AsGeoJSON(e.g, 7)::json AS geometry
       FROM divisions a
       JOIN divisions b ON b.parent_code = a.parent_code AND a.code < b.code AND ST_Intersects(ST_Expand(a.geom, ${SHARED_EDGE_SNAP_DEGREES}), b.geom)
       CROSS JOIN LATERAL (SELECT ${sharedEdgeSql('a.geom', 'b.geom')} AS g) e
      WHERE a.parent_code = $1 AND NOT ST_IsEmpty(e.g) AND ST_Length(e.g) > 0
      ORDER BY a.code, b.code`,
    [parentCode],
  )
  return rows
}

/** The unordered pairs of sides that already have a line, as `low|high`. */
export async function listLineSidePairs(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query<{ a: string; b: string }>('SELECT least(left_code, right_code) AS a, greatest(left_code, right_code) AS b FROM boundary_lines')
  return new Set(rows.map((r) => `${r.a}|${r.b}`))
}

/** Whether a GeoJSON line geometry is valid and non-empty once stored; the reason when not. */
export async function checkLineGeometry(db: Queryable, geometry: unknown): Promise<string | null> {
  const { rows } = await db.query<{ valid: boolean; empty: boolean; length: number }>(
    `SELECT ST_IsValid(g) AS valid, ST_IsEmpty(g) AS empty, ST_Length(g) AS length FROM (SELECT ${geomFrom('$1')} AS g) s`,
    [JSON.stringify(geometry)],
  )
  const row = rows[0]!
  if (row.empty || row.length === 0) return 'the line has no length'
  if (!row.valid) return 'the line geometry is not valid'
  return null
}

/**
 * The point at `fraction` (0–1) along a line, moved `offsetM` metres to the
 * left of its direction (negative: right), as [lng, lat].
 */
export async function readPointAlongLine(db: Queryable, lineId: number, fraction: number, offsetM: number): Promise<[number, number]> {
  const { rows } = await db.query<{ lng: number; lat: number }>(
    `WITH line AS (SELECT ST_GeometryN(ST_LineMerge(geom), 1) AS g FROM boundary_lines WHERE id = $1),
          p AS (SELECT ST_LineInterpolatePoint(g, $2::float8) AS here, ST_LineInterpolatePoint(g, least($2::float8 + 0.001, 1)) AS ahead,
                       ST_LineInterpolatePoint(g, greatest($2::float8 - 0.001, 0)) AS behind FROM line)
     SELECT ST_X(q) AS lng, ST_Y(q) AS lat
       FROM p, LATERAL (SELECT ST_Project(here::geography, $3::float8, ST_Azimuth(behind, ahead) - pi() / 2)::geometry AS q) t`,
    [lineId, fraction, offsetM],
  )
  return [rows[0]!.lng, rows[0]!.lat]
}

/** Sets the agreement of a line (number, date, parties) without touching its version: for datasets being loaded. */
export async function setLineAgreement(db: Queryable, lineId: number, agreement: { number: string; date: string; parties: string[] }): Promise<void> {
  await db.query('UPDATE boundary_lines SET agreement_number = $2, agreement_date = $3, agreement_parties = $4 WHERE id = $1', [
    lineId,
    agreement.number,
    agreement.date,
    agreement.parties,
  ])
}
