import type pg from 'pg'
import type { SearchablePlace } from '../../server/gazetteer/search-index.ts'

const BATCH = 5_000

/**
 * Loads generated places into an empty gazetteer, keeping their ids, in
 * batches and one transaction, with a point at the centre of each bbox: the data of the
 * end-to-end search benchmark. No versions are kept: this is bulk test data,
 * not an import.
 */
export async function loadPlaceNames(pool: pg.Pool, places: readonly SearchablePlace[]): Promise<void> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    for (let start = 0; start < places.length; start += BATCH) {
      const rows = places.slice(start, start + BATCH).map((p) => ({
        id: p.id,
        standardName: p.standardName,
        romanization: p.romanization,
        category: p.category,
        status: p.status,
        divisionCodes: p.divisionCodes,
        lng: p.bbox ? (p.bbox[0] + p.bbox[2]) / 2 : null,
        lat: p.bbox ? (p.bbox[1] + p.bbox[3]) / 2 : null,
        altNames: p.names.filter((n) => n.kind !== 'standard'),
      }))
      await client.query(
        `INSERT INTO places (id, category, standard_name, romanization, status, division_codes, geom, change_seq)
                SELECT (r->>'id')::int, r->>'category', r->>'standardName', r->>'romanization', r->>'status',
                       ARRAY(SELECT json_array_elements_text(r->'divisionCodes')),
                       CASE WHEN r->>'lng' IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint((r->>'lng')::float8, (r->>'lat')::float8), 4326) END,
                       nextval('gazetteer_change_seq')
                  FROM json_array_elements($1::json) WITH ORDINALITY AS t(r, ord) ORDER BY ord`,
        [JSON.stringify(rows)],
      )
      await client.query(
        `INSERT INTO place_alt_names (place_id, position, kind, name)
         SELECT (r->>'id')::int, a.ord, a.n->>'kind', a.n->>'name'
           FROM json_array_elements($1::json) AS t(r)
           CROSS JOIN LATERAL json_array_elements(r->'altNames') WITH ORDINALITY AS a(n, ord)`,
        [JSON.stringify(rows)],
      )
    }
    await client.query(`SELECT setval(pg_get_serial_sequence('places', 'id'), (SELECT max(id) FROM places))`)
    await client.query('COMMIT')
    // As autovacuum would soon: without statistics the planner reckons on thousands of changed rows and JIT-compiles the index's refresh query.
    await client.query('ANALYZE places, place_alt_names')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}
