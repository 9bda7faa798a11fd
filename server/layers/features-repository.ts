import type pg from 'pg'

/** Layers whose single features can be read by id. */
export const featureLayers = ['compounds', 'facilities', 'divisions', 'network'] as const
export type FeatureLayer = (typeof featureLayers)[number]

const featureQueries: Record<FeatureLayer, string> = {
  compounds: `
    SELECT json_build_object('id', c.id, 'name', c.name, 'communityCode', c.community_code, 'communityName', d.name,
                             'households', c.households, 'population', c.population,
                             'elderlyPopulation', c.elderly_population, 'builtYear', c.built_year,
                             'gateCount', (SELECT count(*) FROM compound_gates g WHERE g.compound_id = c.id),
                             'areaM2', round(ST_Area(c.geom::geography)::numeric)) AS properties
      FROM compounds c LEFT JOIN divisions d ON d.code = c.community_code
     WHERE c.id::text = $1`,
  facilities: `
    SELECT json_build_object('id', f.id, 'kind', f.kind, 'kindName', k.name_zh, 'name', f.name, 'address', f.address,
                             'communityCode', f.community_code, 'communityName', d.name,
                             'floorAreaM2', f.floor_area_m2::double precision, 'beds', f.beds,
                             'nursingBeds', f.nursing_beds, 'openingYear', f.opening_year,
                             'lng', round(ST_X(f.geom)::numeric, 6), 'lat', round(ST_Y(f.geom)::numeric, 6)) AS properties
      FROM facilities f JOIN facility_kinds k ON k.code = f.kind LEFT JOIN divisions d ON d.code = f.community_code
     WHERE f.id::text = $1`,
  divisions: `
    SELECT json_build_object('code', d.code, 'name', d.name, 'level', d.level, 'parentCode', d.parent_code,
                             'parentName', p.name, 'urbanRural', d.urban_rural, 'households', d.households,
                             'population', d.population, 'elderlyPopulation', d.elderly_population,
                             'areaKm2', round((ST_Area(d.geom::geography) / 1e6)::numeric, 2)) AS properties
      FROM divisions d LEFT JOIN divisions p ON p.code = d.parent_code
     WHERE d.code = $1`,
  network: `
    SELECT json_build_object('id', e.id, 'name', e.name, 'highway', e.highway, 'lengthM', round(e.length_m::numeric, 1),
                             'bridge', e.bridge, 'tunnel', e.tunnel) AS properties
      FROM network_edges e
     WHERE e.id::text = $1`,
}

/** All attributes of one feature, or undefined when there is none with that id. */
export async function readFeature(
  pool: pg.Pool,
  layer: FeatureLayer,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const result = await pool.query<{ properties: Record<string, unknown> }>(featureQueries[layer], [id])
  return result.rows[0]?.properties
}
