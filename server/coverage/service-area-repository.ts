import type pg from 'pg'
import type { Geometry } from 'geojson'

/**
 * Straight-line circles of radius `limitM` around facilities or points, dissolved
 * per band (or per facility), for comparison with the network service areas and
 * for places without a street network. Radii nest, so the bands do.
 */
export async function buildCircleAreas(
  pool: pg.Pool,
  centres: readonly { id: number; lng: number; lat: number }[],
  limitsM: readonly number[],
  perFacility: boolean,
): Promise<{ band: number; facilityId: number | null; geometry: Geometry }[]> {
  if (centres.length === 0) return []
  const result = await pool.query<{ band: number; facility_id: number | null; geom: Geometry }>(
    `SELECT b.band - 1 AS band, CASE WHEN $5 THEN c.id END AS facility_id,
            ST_AsGeoJSON(ST_Union(ST_Buffer(ST_SetSRID(ST_MakePoint(c.lng, c.lat), 4326)::geography, b.limit_m, 'quad_segs=16')::geometry), 7)::json AS geom
       FROM unnest($1::int[], $2::float8[], $3::float8[]) AS c(id, lng, lat)
      CROSS JOIN unnest($4::float8[]) WITH ORDINALITY AS b(limit_m, band)
      GROUP BY b.band, CASE WHEN $5 THEN c.id END
      ORDER BY b.band, facility_id`,
    [centres.map((c) => c.id), centres.map((c) => c.lng), centres.map((c) => c.lat), limitsM, perFacility],
  )
  return result.rows.map((r) => ({ band: Number(r.band), facilityId: r.facility_id, geometry: r.geom }))
}
