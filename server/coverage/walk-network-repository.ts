import type pg from 'pg'
import type { WalkEdgeInput } from '../geo/walk-graph.ts'

/** The [lng, lat] points of a little-endian WKB LineString. */
function lineStringPoints(wkb: Buffer, edgeId: string): [number, number][] {
  const type = wkb.readUInt32LE(1)
  if (wkb[0] !== 1 || type !== 2) throw new Error(`network edge ${edgeId} is not a plain LineString (WKB type ${type})`)
  const count = wkb.readUInt32LE(5)
  const points: [number, number][] = new Array(count)
  for (let i = 0; i < count; i++) points[i] = [wkb.readDoubleLE(9 + 16 * i), wkb.readDoubleLE(17 + 16 * i)]
  return points
}

/**
 * Every network edge with its geometry, for building the in-memory walk
 * graph. Geometry travels as binary (WKB), which a city's few hundred
 * thousand edges read noticeably faster than as GeoJSON text.
 */
export async function readNetworkEdges(pool: pg.Pool): Promise<WalkEdgeInput[]> {
  const result = await pool.query<{
    id: string
    source_node: string
    target_node: string
    length_m: number
    highway: string
    bridge: boolean
    tunnel: boolean
    wkb: Buffer
  }>(
    `SELECT id, source_node, target_node, length_m, highway, bridge, tunnel, ST_AsBinary(geom, 'NDR') AS wkb
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
    coordinates: lineStringPoints(r.wkb, r.id),
  }))
}
