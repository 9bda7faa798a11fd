import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { generateDemoDistrict } from '../../geodata/generate-demo-district.ts'
import { reloadDemoDistrict } from '../../server/demo/demo-service.ts'

let db: TestDatabase
const district = generateDemoDistrict()
const walkable = `highway NOT IN ('motorway', 'motorway_link', 'trunk', 'trunk_link')`

beforeAll(async () => {
  db = await createTestDatabase('demo')
})
afterAll(async () => db?.destroy())

async function one<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T> {
  return (await db.pool.query(sql, params)).rows[0] as T
}

describe('the demo district in PostGIS', () => {
  it('holds exactly what the generator produced', async () => {
    const counts = await one<Record<string, string>>(`SELECT
      (SELECT count(*) FROM divisions) AS divisions, (SELECT count(*) FROM compounds) AS compounds,
      (SELECT count(*) FROM compound_gates) AS gates, (SELECT count(*) FROM facilities) AS facilities,
      (SELECT count(*) FROM network_edges) AS edges, (SELECT count(*) FROM water_areas) AS water,
      (SELECT count(*) FROM place_names) AS place_names`)
    expect(Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]))).toEqual({
      divisions: district.divisions.length,
      compounds: district.compounds.length,
      gates: district.compounds.reduce((n, c) => n + c.gates.length, 0),
      facilities: district.facilities.length,
      edges: district.edges.length,
      water: district.waterAreas.length,
      place_names: district.placeNames.length,
    })
  })

  it('has 2–3 sub-districts and 10–15 communities with 12-digit codes under their parents', async () => {
    const rows = (await db.pool.query(`SELECT code, level, parent_code FROM divisions`)).rows
    const subdistricts = rows.filter((r) => r.level === 'subdistrict')
    const communities = rows.filter((r) => r.level === 'community')
    expect(subdistricts.length).toBeGreaterThanOrEqual(2)
    expect(subdistricts.length).toBeLessThanOrEqual(3)
    expect(communities.length).toBeGreaterThanOrEqual(10)
    expect(communities.length).toBeLessThanOrEqual(15)
    for (const c of communities) expect(c.code.slice(0, 9)).toBe(c.parent_code.slice(0, 9))
  })

  it('tiles every parent with its children: no gap and no overlap above 1 m²', async () => {
    const rows = (
      await db.pool.query(`
        SELECT p.code,
               abs(ST_Area(p.geom::geography) - ST_Area(ST_Union(c.geom)::geography)) AS area_difference_m2,
               ST_Area(ST_Difference(p.geom, ST_Union(c.geom))::geography) AS gap_m2,
               (SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
                  FROM divisions a JOIN divisions b ON a.parent_code = p.code AND b.parent_code = p.code
                                                  AND a.code < b.code AND ST_Intersects(a.geom, b.geom)) AS overlap_m2
          FROM divisions p JOIN divisions c ON c.parent_code = p.code
         GROUP BY p.code, p.geom`)
    ).rows
    expect(rows.length).toBeGreaterThanOrEqual(3)
    for (const r of rows) {
      expect(r.area_difference_m2, `area of ${r.code}`).toBeLessThan(1)
      expect(r.gap_m2, `gap in ${r.code}`).toBeLessThan(1)
      expect(r.overlap_m2, `overlap in ${r.code}`).toBeLessThan(1)
    }
  })

  it('measures about 4 × 3 km', async () => {
    const size = await one<{ width_m: number; height_m: number }>(`
      SELECT ST_Distance(ST_MakePoint(ST_XMin(e), ST_YMin(e))::geography, ST_MakePoint(ST_XMax(e), ST_YMin(e))::geography) AS width_m,
             ST_Distance(ST_MakePoint(ST_XMin(e), ST_YMin(e))::geography, ST_MakePoint(ST_XMin(e), ST_YMax(e))::geography) AS height_m
        FROM (SELECT ST_Extent(geom)::geometry AS e FROM divisions WHERE level = 'district') AS s`)
    expect(size.width_m).toBeGreaterThan(3000)
    expect(size.width_m).toBeLessThan(5000)
    expect(size.height_m).toBeGreaterThan(2200)
    expect(size.height_m).toBeLessThan(4000)
  })

  it('puts every gate within 50 m of a walkable edge', async () => {
    const far = await db.pool.query(`
      SELECT g.id, c.name, d.distance_m
        FROM compound_gates g JOIN compounds c ON c.id = g.compound_id
        CROSS JOIN LATERAL (SELECT ST_Distance(g.geom::geography, e.geom::geography) AS distance_m
                              FROM network_edges e WHERE ${walkable}
                             ORDER BY e.geom <-> g.geom LIMIT 1) AS d
       WHERE d.distance_m > 50`)
    expect(far.rows).toEqual([])
  })

  it('puts every compound and facility inside the community it names', async () => {
    const outside = await db.pool.query(`
      SELECT 'compound' AS kind, c.name FROM compounds c JOIN divisions d ON d.code = c.community_code
       WHERE ST_Area(ST_Difference(c.geom, d.geom)::geography) > 1
      UNION ALL
      SELECT 'facility', f.name FROM facilities f JOIN divisions d ON d.code = f.community_code
       WHERE NOT ST_Intersects(f.geom, d.geom)`)
    expect(outside.rows).toEqual([])
  })

  it('lets only bridges cross the river and only overpasses cross the expressway', async () => {
    const crossings = await db.pool.query(`
      SELECT e.id, e.highway, e.name FROM network_edges e JOIN water_areas w ON ST_Intersects(e.geom, w.geom)
       WHERE NOT e.bridge AND ST_Length(ST_Intersection(e.geom, w.geom)::geography) > 1`)
    expect(crossings.rows).toEqual([])
    const bridges = await one<{ n: string }>(`
      SELECT count(*) AS n FROM network_edges e JOIN water_areas w ON ST_Intersects(e.geom, w.geom)
       WHERE e.bridge AND e.highway <> 'motorway' AND ST_Length(ST_Intersection(e.geom, w.geom)::geography) > 10`)
    expect(Number(bridges.n)).toBeGreaterThanOrEqual(2)
    expect(Number(bridges.n)).toBeLessThanOrEqual(3)
    const overExpressway = await db.pool.query(`
      SELECT DISTINCT a.id FROM network_edges a JOIN network_edges m ON m.highway = 'motorway' AND ST_Crosses(a.geom, m.geom)
       WHERE a.highway <> 'motorway' AND NOT a.bridge AND NOT a.tunnel`)
    expect(overExpressway.rows).toEqual([])
  })

  it('adds up households: communities from compounds, parents from children, tens of thousands in all', async () => {
    const mismatched = await db.pool.query(`
      SELECT d.code FROM divisions d
       WHERE d.level = 'community'
         AND d.households <> (SELECT coalesce(sum(households), 0) FROM compounds c WHERE c.community_code = d.code)
      UNION ALL
      SELECT p.code FROM divisions p
       WHERE p.level <> 'community'
         AND p.households <> (SELECT sum(households) FROM divisions c WHERE c.parent_code = p.code)`)
    expect(mismatched.rows).toEqual([])
    const total = await one<{ households: number; population: number; elderly: number }>(
      `SELECT households, population, elderly_population AS elderly FROM divisions WHERE level = 'district'`,
    )
    expect(total.households).toBeGreaterThanOrEqual(20_000)
    expect(total.households).toBeLessThan(100_000)
    expect(total.population / total.households).toBeGreaterThan(2)
    expect(total.population / total.households).toBeLessThan(3.2)
    expect(total.elderly / total.population).toBeGreaterThan(0.12)
    expect(total.elderly / total.population).toBeLessThan(0.35)
  })

  it('has 50–80 compounds with 1–3 gates and 30–50 facilities of every kind', async () => {
    const compounds = (await db.pool.query(`SELECT count(g.id) AS gates FROM compounds c LEFT JOIN compound_gates g ON g.compound_id = c.id GROUP BY c.id`)).rows
    expect(compounds.length).toBeGreaterThanOrEqual(50)
    expect(compounds.length).toBeLessThanOrEqual(80)
    for (const c of compounds) {
      expect(Number(c.gates)).toBeGreaterThanOrEqual(1)
      expect(Number(c.gates)).toBeLessThanOrEqual(3)
    }
    const kinds = (await db.pool.query(`SELECT kind, count(*) AS n FROM facilities GROUP BY kind`)).rows
    expect(kinds.map((k) => k.kind).sort()).toEqual(['community_service', 'day_care', 'elderly_institution', 'home_care'])
    const total = kinds.reduce((n, k) => n + Number(k.n), 0)
    expect(total).toBeGreaterThanOrEqual(30)
    expect(total).toBeLessThanOrEqual(50)
  })

  it('lets some communities meet the community-service standard and others clearly fail it', async () => {
    const rows = (
      await db.pool.query(`
        SELECT d.code, d.households, coalesce(sum(f.floor_area_m2), 0)::double precision AS area_m2
          FROM divisions d LEFT JOIN facilities f ON f.community_code = d.code AND f.kind = 'community_service'
         WHERE d.level = 'community' GROUP BY d.code, d.households`)
    ).rows
    const meets = rows.filter((r) => r.area_m2 >= 600 && (r.area_m2 / r.households) * 100 >= 40)
    const fails = rows.filter((r) => r.area_m2 < 600 || (r.area_m2 / r.households) * 100 < 40 * 0.75)
    expect(meets.length).toBeGreaterThanOrEqual(1)
    expect(fails.length).toBeGreaterThanOrEqual(1)
  })

  it('is labelled synthetic and replaced whole by a reload', async () => {
    const before = await one<{ id: number; synthetic: boolean; name: string }>(`SELECT id, synthetic, name FROM datasets`)
    expect(before.synthetic).toBe(true)
    expect(before.name).toMatch(/合成|synthetic/i)
    await reloadDemoDistrict(db.pool)
    const datasets = (await db.pool.query(`SELECT id FROM datasets`)).rows
    expect(datasets).toHaveLength(1)
    expect(datasets[0].id).not.toBe(before.id)
    const compounds = await one<{ n: string }>(`SELECT count(*) AS n FROM compounds`)
    expect(Number(compounds.n)).toBe(district.compounds.length)
  })

  it('leaves the stored demo untouched when a reload fails half-way', async () => {
    const before = await one<{ n: string; id: number }>(`SELECT (SELECT count(*) FROM network_edges) AS n, (SELECT id FROM datasets) AS id`)
    const broken = generateDemoDistrict()
    broken.facilities[broken.facilities.length - 1]!.kind = 'no_such_kind' as never
    const { replaceDemoDistrict } = await import('../../server/demo/demo-repository.ts')
    await expect(replaceDemoDistrict(db.pool, broken)).rejects.toThrow(/facility_kinds|foreign key/)
    const after = await one<{ n: string; id: number }>(`SELECT (SELECT count(*) FROM network_edges) AS n, (SELECT id FROM datasets) AS id`)
    expect(after).toEqual(before)
  })
})
