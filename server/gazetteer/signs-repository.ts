import type { Queryable } from '../db/transaction.ts'
import type { LngLat, Sign } from '../schemas/gazetteer-assets.ts'
import { placeSummarySql } from './protected-names-repository.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'


const columns = `s.id, s.place_id AS "placeId", ${placeSummarySql('p')} AS place, s.sign_type AS "signType",
  s.text_zh AS "textZh", s.text_pinyin AS "textPinyin",
  CASE WHEN s.geom IS NULL THEN NULL ELSE json_build_object('lng', ST_X(s.geom), 'lat', ST_Y(s.geom)) END AS location,
  s.material, ${date('s.installed_on')} AS "installedOn", s.condition,
  ${date('s.last_inspected_on')} AS "lastInspectedOn", s.note,
  (SELECT count(*)::int FROM gazetteer_files f WHERE f.sign_id = s.id AND f.kind = 'photo') AS "photoCount",
  s.version, ${timestamp('s.created_at')} AS "createdAt", ${timestamp('s.updated_at')} AS "updatedAt"`
const from = 'place_signs s JOIN places p ON p.id = s.place_id'

/** A point from two nullable parameters, or null. */
const point = (lng: string, lat: string) => `CASE WHEN ${lng}::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326) END`

export interface SignFilter {
  placeId?: number | undefined
  condition?: string | undefined
  /** Signs last inspected before this date or never; removed signs are left out. */
  inspectedBefore?: string | undefined
}

/** Signs matching the filter; with `inspectedBefore`, the longest overdue first. */
export async function listSigns(db: Queryable, filter: SignFilter): Promise<Sign[]> {
  return (
    await db.query<Sign>(
      `SELECT ${columns} FROM ${from}
        WHERE ($1::int IS NULL OR s.place_id = $1)
          AND ($2::text IS NULL OR s.condition = $2)
          AND ($3::date IS NULL OR (s.condition <> 'removed' AND (s.last_inspected_on IS NULL OR s.last_inspected_on < $3::date)))
        ORDER BY CASE WHEN $3::date IS NULL THEN NULL ELSE s.last_inspected_on END NULLS FIRST, p.standard_name, s.id`,
      [filter.placeId ?? null, filter.condition ?? null, filter.inspectedBefore ?? null],
    )
  ).rows
}

export async function readSign(db: Queryable, id: number): Promise<Sign | undefined> {
  return (await db.query<Sign>(`SELECT ${columns} FROM ${from} WHERE s.id = $1`, [id])).rows[0]
}

/** What a sign says, where it stands and its state; dates are `YYYY-MM-DD` or null. */
export interface SignInput {
  signType: string
  textZh: string
  textPinyin: string
  location: LngLat | null
  material: string
  installedOn: string | null
  condition: string
  lastInspectedOn: string | null
  note: string
}

const inputParams = (input: SignInput) => [
  input.signType,
  input.textZh,
  input.textPinyin,
  input.location?.lng ?? null,
  input.location?.lat ?? null,
  input.material,
  input.installedOn,
  input.condition,
  input.lastInspectedOn,
  input.note,
]

export async function insertSign(db: Queryable, placeId: number, input: SignInput): Promise<Sign> {
  const { id } = (
    await db.query<{ id: number }>(
      `INSERT INTO place_signs (place_id, sign_type, text_zh, text_pinyin, geom, material, installed_on, condition, last_inspected_on, note)
       VALUES ($1, $2, $3, $4, ${point('$5', '$6')}, $7, $8, $9, $10, $11) RETURNING id`,
      [placeId, ...inputParams(input)],
    )
  ).rows[0]!
  return (await readSign(db, id))!
}

/** Saves a sign if it is still at `version`; 'stale' with the stored sign otherwise, 'missing' when there is none. */
export async function updateSign(db: Queryable, id: number, version: number, input: SignInput): Promise<{ sign: Sign } | { stale: Sign } | 'missing'> {
  const updated = await db.query(
    `UPDATE place_signs SET sign_type = $3, text_zh = $4, text_pinyin = $5, geom = ${point('$6', '$7')}, material = $8, installed_on = $9,
            condition = $10, last_inspected_on = $11, note = $12, version = version + 1, updated_at = now()
      WHERE id = $1 AND version = $2`,
    [id, version, ...inputParams(input)],
  )
  const current = await readSign(db, id)
  if (!current) return 'missing'
  return updated.rowCount ? { sign: current } : { stale: current }
}
