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
 * Service-area polygons, one per band: each reached stretch of an edge
 * buffered by `bufferM` in the local UTM zone, and the buffers dissolved.
 * The polygons follow the network and never reach across a barrier the
 * network does not cross. A band dissolves its own buffers together with the
 * smaller bands', so the bands nest exactly. Bands with nothing reached get
 * no polygon.
 *
 * The dissolve uses snap-rounding on a 1 cm grid (ST_UnaryUnion with a grid
 * size): it cannot fail on near-coincident edges, which matters in the
 * embedded PostGIS, whose GEOS (WebAssembly, without exceptions) cannot fall
 * back when a floating-point overlay or a buffer of many lines goes wrong.
 */
export async function buildServiceAreaPolygons(pool: pg.Pool, pieces: readonly ReachedPiece[], bufferM: number): Promise<Map<number, Geometry>> {
  if (pieces.length === 0) return new Map()
  const client = await pool.connect()
  let rows: { band: number; geom: Geometry | null }[]
  try {
    rows = (
      await client.query<{ band: number; geom: Geometry | null }>(
        `WITH pieces AS (
           SELECT p.band, ST_LineSubstring(e.geom, p.f, p.t) AS g
             FROM unnest($1::int[], $2::bigint[], $3::float8[], $4::float8[]) AS p(band, edge_id, f, t)
             JOIN network_edges e ON e.id = p.edge_id
         ), zone AS (
           SELECT CASE WHEN ST_Y(c) >= 0 THEN 32600 ELSE 32700 END + floor((ST_X(c) + 180) / 6)::int + 1 AS srid
             FROM (SELECT ST_Centroid(ST_Extent(g)::geometry) AS c FROM pieces) AS s
         ), buffers AS (
           SELECT p.band, ST_Buffer(ST_Transform(p.g, z.srid), $5, 'quad_segs=8') AS b
             FROM pieces p CROSS JOIN zone z
         )
         SELECT k.band, ST_AsGeoJSON(ST_Transform(ST_UnaryUnion(ST_Collect(b.b), 0.01), 4326), 7)::json AS geom
           FROM (SELECT DISTINCT band FROM pieces) AS k
           JOIN buffers b ON b.band <= k.band
          GROUP BY k.band
          ORDER BY k.band`,
        [pieces.map((p) => p.band), pieces.map((p) => p.edgeId), pieces.map((p) => p.from), pieces.map((p) => p.to), bufferM],
      )
    ).rows
  } catch (error) {
    // A geometry failure can leave the session unusable: drop the connection rather than reuse it.
    client.release(error as Error)
    throw error
  }
  const expected = new Set(pieces.map((p) => p.band))
  const polygons = new Map(rows.filter((r) => r.geom !== null).map((r) => [r.band, r.geom!]))
  const missing = [...expected].filter((b) => !polygons.has(b))
  client.release(missing.length > 0)
  if (missing.length > 0) throw new Error(`could not build service-area polygons for bands ${missing.join(', ')}`)
  return polygons
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
