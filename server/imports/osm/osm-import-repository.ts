import type pg from 'pg'
import { archiveLayer, findLatestOfSeries, insertDatasetVersion, lockReplaceTarget, nextVersionOf, type DatasetVersionRef } from '../../datasets/datasets-repository.ts'
import { withTransaction } from '../../db/transaction.ts'
import type { OsmWalkEdge } from './build-walk-network.ts'

/** The datasets row of an import, and the version it replaces. */
export interface OsmDatasetRow {
  name: string
  source: string
  description: string
  attribution: string
  /** The series the new version belongs to (default: `name`). */
  series?: string | undefined
  /** A dataset whose network the import replaces: its edges are archived; a network import continues its series. */
  replaces?: number | undefined
  fileName: string
  importedBy: string
}

/** What was stored: the new version, and what it replaced. */
export interface OsmStoredVersion {
  datasetId: number
  series: string
  version: number
  replaced: (DatasetVersionRef & { archivedEdges: number }) | null
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
 * Loads a walk network as a new dataset version in one transaction,
 * `batchSize` edges per multi-row INSERT: all of it or, when a batch fails,
 * the dataset to replace cannot be, or the signal is aborted, nothing.
 * Replacing a dataset archives its edges (they leave the live network).
 * `onBatch` hears the number of edges loaded so far.
 */
export async function insertOsmWalkNetwork(
  pool: pg.Pool,
  dataset: OsmDatasetRow,
  edges: Iterable<OsmWalkEdge>,
  options: { batchSize?: number; signal?: AbortSignal; onBatch?: (edgesLoaded: number) => void } = {},
): Promise<OsmStoredVersion> {
  const batchSize = options.batchSize ?? 2000
  return withTransaction(pool, async (client) => {
    const target = dataset.replaces === undefined ? null : await lockReplaceTarget(client, dataset.replaces, 'network')
    if (typeof target === 'string') throw new OsmReplaceError(target)
    const series = target?.sameLayer ? target.series : (dataset.series ?? dataset.name)
    const taken = target ? undefined : await findLatestOfSeries(client, series)
    if (taken) throw new OsmReplaceError(`a dataset series “${series}” exists already (dataset ${taken.id}, v${taken.version}): replace it (--replaces ${taken.id}) or name a new series (--series)`)
    const version = await nextVersionOf(client, series)
    const datasetId = await insertDatasetVersion(client, {
      name: target?.sameLayer ? target.name : dataset.name,
      series,
      version,
      layer: 'network',
      source: dataset.source,
      description: dataset.description,
      attribution: dataset.attribution,
      fileName: dataset.fileName,
      crs: 'wgs84',
      importedBy: dataset.importedBy,
    })
    const archivedEdges = target ? await archiveLayer(client, target.id, 'network', datasetId, dataset.importedBy) : 0
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
    return { datasetId, series, version, replaced: target && { id: target.id, name: target.name, series: target.series, version: target.version, archivedEdges } }
  })
}

/** The dataset named to be replaced cannot be (unknown, replaced already, or without a network), or the new series' name is taken. */
export class OsmReplaceError extends Error {}
