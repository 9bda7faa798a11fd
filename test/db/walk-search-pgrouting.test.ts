import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { readNetworkEdges } from '../../server/coverage/walk-network-repository.ts'
import { buildWalkGraph, type WalkGraph } from '../../server/geo/walk-graph.ts'
import { searchFromSources, type SearchSource } from '../../server/geo/walk-search.ts'
import { nonWalkableHighways } from '../../server/geo/walk-rules.ts'
import { SnapIndex } from '../../server/geo/snap-index.ts'

let db: TestDatabase
let graph: WalkGraph

beforeAll(async () => {
  db = await createTestDatabase('demo')
  graph = buildWalkGraph(await readNetworkEdges(db.pool))
})
afterAll(async () => db?.destroy())

/** A source exactly at a node: the start of one of its edges. */
function sourceAtNode(nodeId: number): SearchSource {
  const node = graph.nodeIndex.get(nodeId)!
  const edge = graph.adjEdge[graph.adjStart[node]!]!
  return { position: { edge, fraction: graph.edgeSource[edge] === node ? 0 : 1 }, startM: 0 }
}

function reachedByUs(sources: number[], budgetM: number): Map<number, number> {
  const result = searchFromSources(graph, sources.map(sourceAtNode), budgetM)
  const reached = new Map<number, number>()
  result.nodeDistM.forEach((d, i) => {
    if (d <= budgetM) reached.set(graph.nodeIds[i]!, d)
  })
  return reached
}

const excluded = [...nonWalkableHighways].map((h) => `'${h}'`).join(', ')
const edgesSql = `SELECT id, source_node AS source, target_node AS target, length_m AS cost, length_m AS reverse_cost
                    FROM network_edges WHERE highway NOT IN (${excluded})`

describe('the walk graph of the demo district', () => {
  it('leaves the expressway out and keeps every gate within 50 m of a snappable edge', async () => {
    const motorway = await db.pool.query(`SELECT count(*) AS n FROM network_edges WHERE highway IN (${excluded})`)
    const all = await db.pool.query('SELECT count(*) AS n FROM network_edges')
    expect(graph.edgeCount).toBe(Number(all.rows[0].n) - Number(motorway.rows[0].n))
    const index = new SnapIndex(graph)
    const gates = await db.pool.query<{ lng: number; lat: number }>('SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM compound_gates')
    for (const g of gates.rows) {
      const snapped = index.snap([g.lng, g.lat], 50)
      expect(snapped.ok, `gate at ${g.lng},${g.lat}`).toBe(true)
    }
  })

  it('walks farther than the crow flies across the river', async () => {
    const pair = await db.pool.query<{ a: number; b: number; crow: number }>(`
      SELECT s.source_node AS a, n.source_node AS b, ST_Distance(ST_StartPoint(s.geom)::geography, ST_StartPoint(n.geom)::geography) AS crow
        FROM network_edges s, network_edges n
       WHERE s.name = '南岸步道' AND n.name = '北岸步道'
         AND NOT EXISTS (SELECT 1 FROM network_edges b
                          WHERE b.bridge AND b.highway <> 'motorway'
                            AND ST_DWithin(b.geom::geography, ST_StartPoint(s.geom)::geography, 600))
       ORDER BY ST_Distance(ST_StartPoint(s.geom), ST_StartPoint(n.geom)) LIMIT 1`)
    const { a, b, crow } = pair.rows[0]!
    const walked = reachedByUs([Number(a)], 100_000).get(Number(b))!
    expect(crow).toBeLessThan(200)
    expect(walked).toBeGreaterThan(crow * 2)
  })
})

describe.skipIf(!process.env.DATABASE_URL)('agreement with pgRouting (server mode only: the embedded database has no pgRouting)', () => {
  beforeAll(async () => {
    await db.pool.query('CREATE EXTENSION IF NOT EXISTS pgrouting')
  })

  async function reachedByPgRouting(sources: number[], budgetM: number): Promise<Map<number, number>> {
    const rows = await db.pool.query<{ node: string; agg_cost: number }>(
      `SELECT node, min(agg_cost) AS agg_cost
         FROM pgr_drivingDistance($1, $2::bigint[], $3, directed => false, equicost => true)
        GROUP BY node`,
      [edgesSql, sources, budgetM],
    )
    return new Map(rows.rows.map((r) => [Number(r.node), r.agg_cost]))
  }

  it('reaches the same nodes at the same costs from single sources and from several at once', async () => {
    const picks = await db.pool.query<{ node: string }>(
      `SELECT source_node AS node FROM network_edges WHERE highway NOT IN (${excluded}) ORDER BY id LIMIT 3 OFFSET 40`,
    )
    const nodes = picks.rows.map((r) => Number(r.node))
    for (const sources of [[nodes[0]!], [nodes[1]!], [nodes[2]!], nodes]) {
      for (const budget of [400, 1000]) {
        const ours = reachedByUs(sources, budget)
        const theirs = await reachedByPgRouting(sources, budget)
        expect([...ours.keys()].sort((p, q) => p - q), `sources ${sources} within ${budget} m`).toEqual([...theirs.keys()].sort((p, q) => p - q))
        for (const [node, cost] of theirs) expect(Math.abs(ours.get(node)! - cost), `node ${node}`).toBeLessThan(1e-6)
      }
    }
  })
})
