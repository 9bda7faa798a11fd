import type pg from 'pg'
import { withTransaction } from '../../db/transaction.ts'
import type { OsmWalkEdge } from './build-walk-network.ts'

/** The datasets row of an import. */
export interface OsmDatasetRow {
  name: string
  source: string
  description: string
  attribution: string
}

const insertEdgesSql = `
INSERT INTO network_edges (dataset_id, source_node, target_node, name, highway, length_m, bridge, tunnel, osm_way_id, access, geom)
SELECT $1, (e->>0)::bigint, (e->>1)::bigint, e->>2, e->>3, (e->>4)::double precision, (e->>5)::boolean, (e->>6)::boolean,
       (e->>7)::bigint, e->>8, ST_GeomFromText(e->>9, 4326)
  FROM json_array_elements($2::json) AS e`

function toRow(edge: OsmWalkEdge): unknown[] {
  const wkt = `LINESTRING(${edge.coordinates.map(([lng, lat]) => `${lng} ${lat}`).join(',')})`
  return [edge.sourceNode, edge.targetNode, edge.name, edge.highway, edge.lengthM, edge.bridge, edge.tunnel, edge.osmWayId, edge.access, wkt]
}

/**
 * Loads a walk network as a new dataset in one transaction, `batchSize`
 * edges per multi-row INSERT: all of it or, when a batch fails or the
 * signal is aborted, nothing. `onBatch` hears the number of edges loaded
 * so far. Returns the new dataset's id.
 */
export async function insertOsmWalkNetwork(
  pool: pg.Pool,
  dataset: OsmDatasetRow,
  edges: Iterable<OsmWalkEdge>,
  options: { batchSize?: number; signal?: AbortSignal; onBatch?: (edgesLoaded: number) => void } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 2000
  return withTransaction(pool, async (client) => {
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO datasets (name, source, synthetic, description, attribution) VALUES ($1, $2, false, $3, $4) RETURNING id`,
      [dataset.name, dataset.source, dataset.description, dataset.attribution],
    )
    const datasetId = inserted.rows[0]!.id
    let batch: unknown[][] = []
    let loaded = 0
    const flush = async () => {
      options.signal?.throwIfAborted()
      await client.query(insertEdgesSql, [datasetId, JSON.stringify(batch)])
      loaded += batch.length
      batch = []
      options.onBatch?.(loaded)
    }
    for (const edge of edges) {
      batch.push(toRow(edge))
      if (batch.length >= batchSize) await flush()
    }
    if (batch.length > 0) await flush()
    options.signal?.throwIfAborted()
    return datasetId
  })
}
