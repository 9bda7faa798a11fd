import type pg from 'pg'
import type { DemoDistrict } from '../../geodata/demo-types.ts'
import { deleteDatasetPlaces, insertDatasetPlaces, lockGazetteer } from '../gazetteer/places-repository.ts'
import { demoPlaceFields } from '../gazetteer/demo-places.ts'
import { seedDemoBoundaries } from '../boundaries/demo-boundaries.ts'
import { seedDemoInspections } from '../boundaries/demo-inspections.ts'

/** Source string prefix that marks the generated demo dataset. */
export const demoSourcePrefix = 'geodata/generate-demo-district.ts'

const geomFrom = (expr: string) => `ST_SetSRID(ST_GeomFromGeoJSON(${expr}), 4326)`
const multiPolygonFrom = (expr: string) => `ST_Multi(${geomFrom(expr)})`

/** True when no dataset has been loaded yet. */
export async function isDatabaseEmpty(pool: pg.Pool): Promise<boolean> {
  const result = await pool.query('SELECT NOT EXISTS (SELECT 1 FROM datasets) AS empty')
  return result.rows[0].empty as boolean
}

/**
 * Replaces the demo dataset with `district` in one transaction: earlier demo
 * rows are removed (by cascade from their dataset) and the new ones written,
 * or, on any error, nothing changes. Other datasets are left alone.
 */
export async function replaceDemoDistrict(pool: pg.Pool, district: DemoDistrict): Promise<number> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await lockGazetteer(client)
    const earlier = await client.query<{ id: number }>('SELECT id FROM datasets WHERE synthetic AND starts_with(source, $1)', [demoSourcePrefix])
    await deleteDatasetPlaces(client, earlier.rows.map((r) => r.id))
    await client.query('DELETE FROM datasets WHERE synthetic AND starts_with(source, $1)', [demoSourcePrefix])
    const dataset = await client.query<{ id: number }>(
      `INSERT INTO datasets (name, source, synthetic, description, attribution)
       VALUES ($1, $2, true, $3, $4) RETURNING id`,
      [district.dataset.name, district.dataset.source, district.dataset.description, district.dataset.name],
    )
    const datasetId = dataset.rows[0]!.id
    await insertRows(client, datasetId, district)
    const districtCode = district.divisions.find((d) => d.level === 'district')?.code
    const demoLines = districtCode ? await seedDemoBoundaries(client, datasetId, districtCode) : []
    await seedDemoInspections(client, datasetId, demoLines)
    await insertDatasetPlaces(client, datasetId, district.placeNames.map(demoPlaceFields), { id: null, name: 'demo', requestId: null })
    await client.query('COMMIT')
    return datasetId
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

async function insertRows(client: pg.PoolClient, datasetId: number, d: DemoDistrict): Promise<void> {
  await client.query(
    `INSERT INTO divisions (code, dataset_id, name, level, parent_code, urban_rural, households, population, elderly_population, geom)
     SELECT r->>'code', $1, r->>'name', r->>'level', r->>'parentCode', r->>'urbanRural',
            (r->>'households')::int, (r->>'population')::int, (r->>'elderlyPopulation')::int, ${multiPolygonFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
    [datasetId, JSON.stringify(d.divisions)],
  )
  await client.query(
    `WITH input AS (
       SELECT r, ord FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
     ), inserted AS (
       INSERT INTO compounds (dataset_id, name, community_code, households, population, elderly_population, built_year, geom)
       SELECT $1, r->>'name', r->>'communityCode', (r->>'households')::int, (r->>'population')::int,
              (r->>'elderlyPopulation')::int, (r->>'builtYear')::int, ${multiPolygonFrom("r->>'geom'")}
         FROM input ORDER BY ord
       RETURNING id, name
     )
     INSERT INTO compound_gates (compound_id, name, geom)
     SELECT inserted.id, gate->>'name', ${geomFrom("gate->>'geom'")}
       FROM inserted
       JOIN input ON input.r->>'name' = inserted.name
       CROSS JOIN LATERAL json_array_elements(input.r->'gates') WITH ORDINALITY AS g(gate, gate_ord)
      ORDER BY input.ord, gate_ord`,
    [datasetId, JSON.stringify(d.compounds)],
  )
  await client.query(
    `INSERT INTO facilities (dataset_id, kind, name, address, community_code, floor_area_m2, beds, nursing_beds, opening_year, geom)
     SELECT $1, r->>'kind', r->>'name', r->>'address', r->>'communityCode', (r->>'floorAreaM2')::numeric,
            (r->>'beds')::int, (r->>'nursingBeds')::int, (r->>'openingYear')::int, ${geomFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
    [datasetId, JSON.stringify(d.facilities)],
  )
  await client.query(
    `INSERT INTO network_edges (dataset_id, source_node, target_node, name, highway, length_m, bridge, tunnel, geom)
     SELECT $1, (r->>'sourceNode')::bigint, (r->>'targetNode')::bigint, r->>'name', r->>'highway',
            (r->>'lengthM')::double precision, (r->>'bridge')::boolean, (r->>'tunnel')::boolean, ${geomFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
    [datasetId, JSON.stringify(d.edges)],
  )
  await client.query(
    `INSERT INTO water_areas (dataset_id, name, kind, geom)
     SELECT $1, r->>'name', r->>'kind', ${multiPolygonFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
    [datasetId, JSON.stringify(d.waterAreas)],
  )
  await client.query(
    `INSERT INTO place_names (dataset_id, name, pinyin, category, description, geom)
     SELECT $1, r->>'name', r->>'pinyin', r->>'category', r->>'description', ${geomFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
    [datasetId, JSON.stringify(d.placeNames)],
  )
}
