import type pg from 'pg'
import type { FeatureCollection } from 'geojson'

/** Coordinates in GeoJSON output keep 7 decimals (about 1 cm). */
const geojson = (column: string) => `ST_AsGeoJSON(${column}, 7)::json`

async function readCollection(pool: pg.Pool, sql: string): Promise<FeatureCollection> {
  const result = await pool.query<{ fc: FeatureCollection }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f), '[]'::json)) AS fc
       FROM (${sql}) AS f`,
  )
  return result.rows[0]!.fc
}

/** Districts, sub-districts and communities with their population figures. */
export function readDivisions(pool: pg.Pool): Promise<FeatureCollection> {
  return readCollection(
    pool,
    `SELECT 'Feature' AS type, d.code AS id, ${geojson('d.geom')} AS geometry,
            json_build_object('code', d.code, 'name', d.name, 'level', d.level, 'parentCode', d.parent_code,
                              'urbanRural', d.urban_rural, 'households', d.households, 'population', d.population,
                              'elderlyPopulation', d.elderly_population) AS properties
       FROM divisions d
      ORDER BY CASE d.level WHEN 'district' THEN 0 WHEN 'subdistrict' THEN 1 ELSE 2 END, d.code`,
  )
}

/** Facilities of every kind with floor area and beds. */
export function readFacilities(pool: pg.Pool): Promise<FeatureCollection> {
  return readCollection(
    pool,
    `SELECT 'Feature' AS type, f.id, ${geojson('f.geom')} AS geometry,
            json_build_object('id', f.id, 'kind', f.kind, 'name', f.name, 'address', f.address,
                              'communityCode', f.community_code, 'communityName', c.name,
                              'floorAreaM2', f.floor_area_m2::double precision, 'beds', f.beds,
                              'nursingBeds', f.nursing_beds, 'openingYear', f.opening_year) AS properties
       FROM facilities f
       LEFT JOIN divisions c ON c.code = f.community_code
       JOIN facility_kinds k ON k.code = f.kind
      ORDER BY k.sort_key, f.id`,
  )
}

/** Rivers, lakes and other water areas. */
export function readWaterAreas(pool: pg.Pool): Promise<FeatureCollection> {
  return readCollection(
    pool,
    `SELECT 'Feature' AS type, w.id, ${geojson('w.geom')} AS geometry,
            json_build_object('id', w.id, 'name', w.name, 'kind', w.kind) AS properties
       FROM water_areas w
      ORDER BY w.id`,
  )
}

export interface FacilityKindRow {
  code: string
  nameZh: string
  nameEn: string
}

export async function readFacilityKinds(pool: pg.Pool): Promise<FacilityKindRow[]> {
  const result = await pool.query<FacilityKindRow>(
    `SELECT code, name_zh AS "nameZh", name_en AS "nameEn" FROM facility_kinds ORDER BY sort_key`,
  )
  return result.rows
}

export interface DatasetRow {
  id: number
  name: string
  source: string
  synthetic: boolean
  description: string
  attribution: string
}

export interface DistrictSummary {
  code: string | null
  name: string | null
  bbox: [number, number, number, number] | null
  datasets: DatasetRow[]
}

/** The top-level district, the extent of all divisions, and the loaded datasets. */
export async function readDistrictSummary(pool: pg.Pool): Promise<DistrictSummary> {
  const district = await pool.query<{ code: string; name: string }>(
    `SELECT code, name FROM divisions WHERE level = 'district' ORDER BY code LIMIT 1`,
  )
  const extent = await pool.query<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>(
    `SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
       FROM (SELECT ST_Extent(geom)::geometry AS e FROM divisions) AS s`,
  )
  const datasets = await pool.query<DatasetRow>(
    `SELECT id, name, source, synthetic, description, attribution FROM datasets ORDER BY id`,
  )
  const e = extent.rows[0]!
  return {
    code: district.rows[0]?.code ?? null,
    name: district.rows[0]?.name ?? null,
    bbox: e.xmin === null ? null : [e.xmin, e.ymin, e.xmax, e.ymax],
    datasets: datasets.rows,
  }
}

/**
 * The counters that change with the data behind the map layers, read in one
 * statement: `data_state` (facilities, compounds, gates, divisions; migration
 * 004), `network_state` (network edges; migration 003) and the latest applied
 * migration (reference tables such as `facility_kinds`, and the tile
 * functions, change only through migrations).
 */
export interface DataVersions {
  schema: number
  data: number
  network: number
}

export async function readDataVersions(pool: pg.Pool): Promise<DataVersions> {
  const result = await pool.query<{ schema: number; data: string; network: string }>(
    `SELECT (SELECT max(version) FROM schema_migrations) AS schema,
            (SELECT version FROM data_state) AS data,
            (SELECT version FROM network_state) AS network`,
  )
  const row = result.rows[0]!
  return { schema: Number(row.schema), data: Number(row.data), network: Number(row.network) }
}
