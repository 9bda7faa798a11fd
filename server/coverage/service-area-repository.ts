import type pg from 'pg'
import type { Geometry } from 'geojson'

/** The reached stretch of one edge, as fractions along it, within one band. */
export interface ReachedPiece {
  band: number
  edgeId: number
  from: number
  to: number
}

/**
 * Service-area polygons, one per band: the reached stretches of edges,
 * buffered by `bufferM` in the local UTM zone and dissolved. The polygons
 * follow the network and never reach across a barrier the network does not
 * cross. A band's stretches contain the smaller bands' stretches, so the
 * bands nest; the polygons' rounded caps and joins are drawn with 8 segments
 * a quarter circle, which nests them to within 0.25 m for a 50 m buffer.
 * Bands with nothing reached get no polygon.
 *
 * Lines are moved near the origin and snapped to a 1 cm grid before
 * buffering, and no overlay follows: GEOS in the embedded (WebAssembly)
 * PostGIS cannot recover from the robustness errors that large coordinates,
 * near-coincident vertices and overlays of many polygons cause.
 */
export async function buildServiceAreaPolygons(pool: pg.Pool, pieces: readonly ReachedPiece[], bufferM: number): Promise<Map<number, Geometry>> {
  const bands = new Set(pieces.map((p) => p.band))
  const polygons = await bufferPieces(pool, pieces, bufferM, 0.01)
  const missing = [...bands].filter((b) => !polygons.has(b))
  if (missing.length > 0) throw new Error(`could not build service-area polygons for bands ${missing.join(', ')}`)
  return polygons
}

async function bufferPieces(pool: pg.Pool, pieces: readonly ReachedPiece[], bufferM: number, gridM: number): Promise<Map<number, Geometry>> {
  const client = await pool.connect()
  let result: pg.QueryResult<{ band: number; geom: Geometry | null }>
  try {
    result = await client.query<{ band: number; geom: Geometry | null }>(
    `WITH pieces AS (
       SELECT p.band, ST_LineSubstring(e.geom, p.f, p.t) AS g
         FROM unnest($1::int[], $2::bigint[], $3::float8[], $4::float8[]) AS p(band, edge_id, f, t)
         JOIN network_edges e ON e.id = p.edge_id
     ), zone AS (
       SELECT CASE WHEN ST_Y(c) >= 0 THEN 32600 ELSE 32700 END + floor((ST_X(c) + 180) / 6)::int + 1 AS srid
         FROM (SELECT ST_Centroid(ST_Extent(g)::geometry) AS c FROM pieces) AS s
     ), projected AS (
       SELECT p.band, ST_Transform(ST_Collect(p.g), z.srid) AS g
         FROM pieces p CROSS JOIN zone z
        GROUP BY p.band, z.srid
     ), origin AS (
       SELECT min(ST_XMin(g)) AS x0, min(ST_YMin(g)) AS y0 FROM projected
     )
     SELECT l.band,
            ST_AsGeoJSON(ST_Transform(ST_Translate(
              ST_Buffer(ST_SnapToGrid(ST_Translate(l.g, -o.x0, -o.y0), $6), $5, 'quad_segs=8'),
              o.x0, o.y0), 4326), 7)::json AS geom
       FROM projected l CROSS JOIN origin o
      ORDER BY l.band`,
      [pieces.map((p) => p.band), pieces.map((p) => p.edgeId), pieces.map((p) => p.from), pieces.map((p) => p.to), bufferM, gridM],
    )
  } catch (error) {
    // A geometry failure can leave the session unusable: drop the connection rather than reuse it.
    client.release(error as Error)
    throw error
  }
  const expected = new Set(pieces.map((p) => p.band)).size
  // Fewer polygons than bands means GEOS failed silently; do not reuse that session either.
  client.release(result.rows.filter((r) => r.geom !== null).length < expected)
  return new Map(result.rows.filter((r) => r.geom !== null).map((r) => [r.band, r.geom!]))
}

/**
 * Straight-line circles of radius `limitM` around facilities, dissolved per
 * band (or per facility), for comparison with the network service areas and
 * for places without a street network. Radii nest, so the bands do.
 */
export async function buildCircleAreas(
  pool: pg.Pool,
  facilityIds: readonly number[],
  limitsM: readonly number[],
  perFacility: boolean,
): Promise<{ band: number; facilityId: number | null; geometry: Geometry }[]> {
  if (facilityIds.length === 0) return []
  const result = await pool.query<{ band: number; facility_id: number | null; geom: Geometry }>(
    `SELECT b.band - 1 AS band, CASE WHEN $3 THEN f.id END AS facility_id,
            ST_AsGeoJSON(ST_Union(ST_Buffer(f.geom::geography, b.limit_m, 'quad_segs=16')::geometry), 7)::json AS geom
       FROM facilities f
      CROSS JOIN unnest($2::float8[]) WITH ORDINALITY AS b(limit_m, band)
      WHERE f.id = ANY($1::int[])
      GROUP BY b.band, CASE WHEN $3 THEN f.id END
      ORDER BY b.band, facility_id`,
    [facilityIds, limitsM, perFacility],
  )
  return result.rows.map((r) => ({ band: Number(r.band), facilityId: r.facility_id, geometry: r.geom }))
}
