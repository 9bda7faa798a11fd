import type pg from 'pg'
import type { WalkEdgeInput } from '../geo/walk-graph.ts'

/** Every network edge with its geometry, for building the in-memory walk graph. */
export async function readNetworkEdges(pool: pg.Pool): Promise<WalkEdgeInput[]> {
  const result = await pool.query<{
    id: string
    source_node: string
    target_node: string
    length_m: number
    highway: string
    bridge: boolean
    tunnel: boolean
    coordinates: [number, number][]
  }>(
    `SELECT id, source_node, target_node, length_m, highway, bridge, tunnel,
            ST_AsGeoJSON(geom, 7)::json -> 'coordinates' AS coordinates
       FROM network_edges
      ORDER BY id`,
  )
  return result.rows.map((r) => ({
    id: Number(r.id),
    sourceNode: Number(r.source_node),
    targetNode: Number(r.target_node),
    lengthM: r.length_m,
    highway: r.highway,
    bridge: r.bridge,
    tunnel: r.tunnel,
    coordinates: r.coordinates,
  }))
}
