import type { Queryable } from '../db/transaction.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'
import type { Marker, ReferenceObject } from '../schemas/boundary-markers.ts'
import { redactMarker, type BoundaryView } from './boundary-redaction.ts'

const columns = `m.id, m.line_id AS "lineId", l.code AS "lineCode", l.name AS "lineName",
  l.code || lpad(m.sequence::text, 3, '0') || m.type_code AS number, m.sequence, m.type_code AS "typeCode",
  m.form, m.material, ST_X(m.geom) AS lng, ST_Y(m.geom) AS lat, m.elevation_m AS "elevationM",
  ${date('m.set_on')} AS "setOn", m.location_description AS "locationDescription",
  m.reference_objects AS "referenceObjects", m.condition, m.note, m.version, false AS "coordinatesHidden"`
const from = 'boundary_markers m JOIN boundary_lines l ON l.id = m.line_id'

export interface MarkerFilter {
  lineId?: number | undefined
  condition?: string | undefined
}

/** Markers matching the filter, by line code and number, as `view` may see them. */
export async function listMarkers(db: Queryable, filter: MarkerFilter, view: BoundaryView): Promise<Marker[]> {
  const { rows } = await db.query<Marker>(
    `SELECT ${columns} FROM ${from}
      WHERE ($1::int IS NULL OR m.line_id = $1) AND ($2::text IS NULL OR m.condition = $2)
      ORDER BY l.code, m.sequence, m.type_code`,
    [filter.lineId ?? null, filter.condition ?? null],
  )
  return rows.map((row) => redactMarker(row, view))
}

/** One marker as `view` may see it. */
export async function readMarker(db: Queryable, id: number, view: BoundaryView): Promise<Marker | undefined> {
  const row = (await db.query<Marker>(`SELECT ${columns} FROM ${from} WHERE m.id = $1`, [id])).rows[0]
  return row && redactMarker(row, view)
}

/** The type codes already used at `sequence` on a line, leaving out marker `exceptId`. */
export async function listSequenceTypes(db: Queryable, lineId: number, sequence: number, exceptId: number | null): Promise<string[]> {
  const { rows } = await db.query<{ t: string }>(
    'SELECT type_code AS t FROM boundary_markers WHERE line_id = $1 AND sequence = $2 AND ($3::int IS NULL OR id <> $3) ORDER BY type_code',
    [lineId, sequence, exceptId],
  )
  return rows.map((r) => r.t)
}

/** Every stored marker number with its line code, sequence and type (for imports). */
export async function listMarkerNumbers(db: Queryable): Promise<{ lineCode: string; sequence: number; typeCode: string }[]> {
  return (
    await db.query<{ lineCode: string; sequence: number; typeCode: string }>(
      `SELECT l.code AS "lineCode", m.sequence, m.type_code AS "typeCode" FROM ${from}`,
    )
  ).rows
}

/** A marker's stored fields; `lng`/`lat` in WGS84. */
export interface MarkerInput {
  sequence: number
  typeCode: string
  form: string
  material: string
  lng: number
  lat: number
  elevationM: number | null
  setOn: string | null
  locationDescription: string
  referenceObjects: ReferenceObject[]
  condition: string
  note: string
}

const inputParams = (input: MarkerInput) => [
  input.sequence,
  input.typeCode,
  input.form,
  input.material,
  input.lng,
  input.lat,
  input.elevationM,
  input.setOn,
  input.locationDescription,
  JSON.stringify(input.referenceObjects),
  input.condition,
  input.note,
]

/** Stores a marker on a line; returns its id. */
export async function insertMarker(db: Queryable, lineId: number, input: MarkerInput): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO boundary_markers (line_id, sequence, type_code, form, material, geom, elevation_m, set_on, location_description, reference_objects, condition, note)
     VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6::float8, $7::float8), 4326), $8, $9, $10, $11::jsonb, $12, $13) RETURNING id`,
    [lineId, ...inputParams(input)],
  )
  return rows[0]!.id
}

/** Saves a marker if it is still at `version`; 'stale' with the stored marker otherwise, 'missing' when there is none. */
export async function updateMarker(db: Queryable, id: number, version: number, input: MarkerInput, view: BoundaryView): Promise<{ marker: Marker } | { stale: Marker } | 'missing'> {
  const updated = await db.query(
    `UPDATE boundary_markers SET sequence = $3, type_code = $4, form = $5, material = $6, geom = ST_SetSRID(ST_MakePoint($7::float8, $8::float8), 4326),
            elevation_m = $9, set_on = $10, location_description = $11, reference_objects = $12::jsonb, condition = $13, note = $14,
            version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [id, version, ...inputParams(input)],
  )
  const current = await readMarker(db, id, view)
  if (!current) return 'missing'
  return updated.rowCount ? { marker: current } : { stale: current }
}

/** Adds an entry to a marker's condition history. */
export async function insertMarkerCondition(
  db: Queryable,
  entry: { markerId: number; condition: string; observedOn: string; source: 'recorded' | 'edit' | 'import'; note: string; recordedBy: string },
): Promise<void> {
  await db.query(
    'INSERT INTO marker_conditions (marker_id, condition, observed_on, source, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)',
    [entry.markerId, entry.condition, entry.observedOn, entry.source, entry.note, entry.recordedBy],
  )
}

/** A marker's condition over time, oldest first. */
export async function listMarkerConditions(db: Queryable, markerId: number) {
  return (
    await db.query<{ condition: string; observedOn: string; source: string; note: string; recordedBy: string }>(
      `SELECT condition, ${date('observed_on')} AS "observedOn", source, note, recorded_by AS "recordedBy"
         FROM marker_conditions WHERE marker_id = $1 ORDER BY observed_on, id`,
      [markerId],
    )
  ).rows
}

/** The divisions' extent [west, south, east, north], or null when there are none. */
export async function readDivisionsExtent(db: Queryable): Promise<[number, number, number, number] | null> {
  const { rows } = await db.query<{ w: number | null; s: number; e: number; n: number }>(
    'SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n FROM (SELECT ST_Extent(geom)::box2d AS x FROM divisions) t',
  )
  const r = rows[0]
  return r && r.w !== null ? [r.w, r.s, r.e, r.n] : null
}
