import type pg from 'pg'
import type { DemoDistrict } from '../../geodata/demo-types.ts'

const geomFrom = (expr: string) => `ST_SetSRID(ST_GeomFromGeoJSON(${expr}), 4326)`
const multiPolygonFrom = (expr: string) => `ST_Multi(${geomFrom(expr)})`

// Rows per statement: keeps each JSON parameter at a few megabytes at most.
const batchRows = { divisions: 500, compounds: 2_000, facilities: 2_000, edges: 10_000, waterAreas: 500, placeNames: 2_000 }

const sql = {
  divisions: `INSERT INTO divisions (code, dataset_id, name, level, parent_code, urban_rural, households, population, elderly_population, geom)
     SELECT r->>'code', $1, r->>'name', r->>'level', r->>'parentCode', r->>'urbanRural',
            (r->>'households')::int, (r->>'population')::int, (r->>'elderlyPopulation')::int, ${multiPolygonFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
  compounds: `WITH input AS (
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
  facilities: `INSERT INTO facilities (dataset_id, kind, name, address, community_code, floor_area_m2, beds, nursing_beds, opening_year, geom)
     SELECT $1, r->>'kind', r->>'name', r->>'address', r->>'communityCode', (r->>'floorAreaM2')::numeric,
            (r->>'beds')::int, (r->>'nursingBeds')::int, (r->>'openingYear')::int, ${geomFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
  edges: `INSERT INTO network_edges (dataset_id, source_node, target_node, name, highway, length_m, bridge, tunnel, geom)
     SELECT $1, (r->>'sourceNode')::bigint, (r->>'targetNode')::bigint, r->>'name', r->>'highway',
            (r->>'lengthM')::double precision, (r->>'bridge')::boolean, (r->>'tunnel')::boolean, ${geomFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
  waterAreas: `INSERT INTO water_areas (dataset_id, name, kind, geom)
     SELECT $1, r->>'name', r->>'kind', ${multiPolygonFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
  placeNames: `INSERT INTO place_names (dataset_id, name, pinyin, category, description, geom)
     SELECT $1, r->>'name', r->>'pinyin', r->>'category', r->>'description', ${geomFrom("r->>'geom'")}
       FROM json_array_elements($2::json) WITH ORDINALITY AS t(r, ord)
      ORDER BY ord`,
} satisfies Record<keyof typeof batchRows, string>

/**
 * Writes a generated district as a new synthetic dataset in one transaction,
 * with the statements of `replaceDemoDistrict` (server/demo/demo-repository.ts)
 * but in batches of a few megabytes. That loader sends each table as one
 * JSON parameter, 40 MB for 200,000 edges, which the embedded database's
 * socket server reassembles by copying its buffer for every packet, and on
 * which it lost protocol synchronisation in some trials ("unexpected
 * commandComplete"). Compound names must be unique within a batch, as gates
 * are matched to their compound by name. Leaves other datasets alone; on
 * any error nothing is written.
 */
export async function loadLargeDistrict(pool: pg.Pool, district: DemoDistrict): Promise<number> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const dataset = await client.query<{ id: number }>(
      `INSERT INTO datasets (name, source, synthetic, description, attribution)
       VALUES ($1, $2, true, $3, $4) RETURNING id`,
      [district.dataset.name, district.dataset.source, district.dataset.description, district.dataset.name],
    )
    const datasetId = dataset.rows[0]!.id
    for (const table of Object.keys(batchRows) as (keyof typeof batchRows)[]) {
      const rows: readonly unknown[] = district[table]
      for (let start = 0; start < rows.length; start += batchRows[table]) {
        await client.query(sql[table], [datasetId, JSON.stringify(rows.slice(start, start + batchRows[table]))])
      }
    }
    await client.query('COMMIT')
    return datasetId
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
