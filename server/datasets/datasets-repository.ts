import type { Feature, FeatureCollection, Geometry } from 'geojson'
import type pg from 'pg'
import type { Queryable } from '../db/transaction.ts'


/** The layers a dataset version can fill and replace. */
export const DATASET_LAYERS = ['network', 'facilities', 'compounds', 'divisions'] as const
export type DatasetLayer = (typeof DATASET_LAYERS)[number]

export const isDatasetLayer = (value: string): value is DatasetLayer => (DATASET_LAYERS as readonly string[]).includes(value)

/** The live table of each layer and the column that names a row in it. */
const LAYER_TABLES: Readonly<Record<DatasetLayer, { table: string; id: string }>> = {
  network: { table: 'network_edges', id: 'id' },
  facilities: { table: 'facilities', id: 'id' },
  compounds: { table: 'compounds', id: 'id' },
  divisions: { table: 'divisions', id: 'code' },
}

/** A new version's datasets row. */
export interface NewDatasetVersion {
  name: string
  series: string
  version: number
  layer: DatasetLayer
  source: string
  description: string
  attribution: string
  fileName: string
  crs: string
  importedBy: string
}

/** A dataset version, as a replacement targets it and an outcome names it. */
export interface DatasetVersionRef {
  id: number
  name: string
  series: string
  version: number
}

/** One layer of a dataset: how many rows, and whether they are live or were replaced. */
export interface DatasetLayerState {
  layer: DatasetLayer
  count: number
  current: boolean
  replacedBy: number | null
  archivedAt: string | null
}

export interface DatasetInfo {
  id: number
  name: string
  series: string
  version: number
  layer: DatasetLayer | null
  source: string
  synthetic: boolean
  attribution: string
  description: string
  fileName: string
  crs: string
  importedBy: string
  createdAt: string
  layers: DatasetLayerState[]
}

/** A current dataset of a layer, as an analysis names the data it used. */
export interface DataSource {
  layer: DatasetLayer
  datasetId: number
  name: string
  series: string
  version: number
  synthetic: boolean
}

/** Stores a dataset version's row; returns its id. */
export async function insertDatasetVersion(client: Queryable, row: NewDatasetVersion): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO datasets (name, series, version, layer, source, synthetic, description, attribution, file_name, crs, imported_by)
     VALUES ($1, $2, $3, $4, $5, false, $6, $7, $8, $9, $10) RETURNING id`,
    [row.name, row.series, row.version, row.layer, row.source, row.description, row.attribution, row.fileName, row.crs, row.importedBy],
  )
  return rows[0]!.id
}

/** The newest version of a series, if the series exists. */
export async function findLatestOfSeries(client: Queryable, series: string): Promise<DatasetVersionRef | undefined> {
  const { rows } = await client.query<DatasetVersionRef>('SELECT id, name, series, version FROM datasets WHERE series = $1 ORDER BY version DESC LIMIT 1', [series])
  return rows[0]
}

/** The version a new one of `series` gets: one more than the highest stored. */
export async function nextVersionOf(client: Queryable, series: string): Promise<number> {
  const { rows } = await client.query<{ next: number }>('SELECT COALESCE(max(version), 0) + 1 AS next FROM datasets WHERE series = $1', [series])
  return rows[0]!.next
}

/**
 * The dataset a new version is to replace in `layer`, locked until the
 * transaction ends so that two imports cannot replace it at once; a
 * string says why it cannot be replaced (unknown, already replaced, or
 * holding nothing of the layer).
 */
export async function lockReplaceTarget(client: pg.PoolClient, datasetId: number, layer: DatasetLayer): Promise<ReplaceTarget | string> {
  const { rows } = await client.query<{ id: number; name: string; series: string; version: number; layer: DatasetLayer | null; archived: boolean }>(
    `SELECT d.id, d.name, d.series, d.version, d.layer,
            EXISTS (SELECT 1 FROM dataset_layer_archives a WHERE a.dataset_id = d.id AND a.layer = $2) AS archived
       FROM datasets d WHERE d.id = $1 FOR UPDATE`,
    [datasetId, layer],
  )
  const row = rows[0]
  if (!row) return `there is no dataset ${datasetId}`
  if (row.archived) return `the ${layer} of dataset ${datasetId} (“${row.series}” v${row.version}) were replaced already; replace the current version`
  if (row.layer !== layer) {
    const { table } = LAYER_TABLES[layer]
    const held = await client.query(`SELECT 1 FROM ${table} WHERE dataset_id = $1 LIMIT 1`, [datasetId])
    if (held.rows.length === 0) return `dataset ${datasetId} (“${row.series}” v${row.version}) holds no ${layer}`
  }
  return { id: row.id, name: row.name, series: row.series, version: row.version, sameLayer: row.layer === layer }
}

/** A dataset being replaced; `sameLayer` when it is an import of the same layer, whose series the new version continues. */
export interface ReplaceTarget extends DatasetVersionRef {
  sameLayer: boolean
}

/**
 * Moves a dataset's rows of `layer` to archived_features and records the
 * layer as replaced by `replacedBy`. The live rows are deleted, except for
 * divisions, whose rows the new version updates in place (their codes are
 * referenced across the database). Compounds keep their gates in the
 * archived properties. Returns how many rows were archived.
 */
export async function archiveLayer(client: pg.PoolClient, datasetId: number, layer: DatasetLayer, replacedBy: number, archivedBy: string): Promise<number> {
  const { table, id } = LAYER_TABLES[layer]
  const counted = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE dataset_id = $1`, [datasetId])
  const count = counted.rows[0]!.n
  await client.query(
    'INSERT INTO dataset_layer_archives (dataset_id, layer, replaced_by, archived_by, feature_count) VALUES ($1, $2, $3, $4, $5)',
    [datasetId, layer, replacedBy, archivedBy, count],
  )
  const gates =
    layer === 'compounds'
      ? `|| jsonb_build_object('gates', COALESCE((SELECT jsonb_agg(jsonb_build_array(ST_X(g.geom), ST_Y(g.geom)) ORDER BY g.id)
                                                     FROM compound_gates g WHERE g.compound_id = t.id), '[]'::jsonb))`
      : ''
  await client.query(
    `INSERT INTO archived_features (dataset_id, layer, feature_id, properties, geom)
     SELECT t.dataset_id, $2, t.${id}::text, (to_jsonb(t) - 'geom' - 'dataset_id') ${gates}, t.geom
       FROM ${table} t WHERE t.dataset_id = $1 ORDER BY t.${id}`,
    [datasetId, layer],
  )
  if (layer !== 'divisions') await client.query(`DELETE FROM ${table} WHERE dataset_id = $1`, [datasetId])
  return count
}

interface DatasetRow {
  id: number
  name: string
  series: string
  version: number
  layer: DatasetLayer | null
  source: string
  synthetic: boolean
  attribution: string
  description: string
  file_name: string
  crs: string
  imported_by: string
  created_at: Date
}

/** Every dataset with its layers' row counts, newest first. */
export async function listDatasets(client: Queryable): Promise<DatasetInfo[]> {
  const datasets = await client.query<DatasetRow>(
    `SELECT id, name, series, version, layer, source, synthetic, attribution, description, file_name, crs, imported_by, created_at
       FROM datasets ORDER BY created_at DESC, id DESC`,
  )
  const live = await client.query<{ dataset_id: number; layer: DatasetLayer; n: number }>(
    DATASET_LAYERS.map((layer) => `SELECT dataset_id, '${layer}' AS layer, count(*)::int AS n FROM ${LAYER_TABLES[layer].table} GROUP BY dataset_id`).join(' UNION ALL '),
  )
  const archived = await client.query<{ dataset_id: number; layer: DatasetLayer; feature_count: number; replaced_by: number | null; archived_at: Date }>(
    'SELECT dataset_id, layer, feature_count, replaced_by, archived_at FROM dataset_layer_archives',
  )
  const layersOf = new Map<number, DatasetLayerState[]>()
  const add = (id: number, state: DatasetLayerState) => layersOf.set(id, [...(layersOf.get(id) ?? []), state])
  for (const a of archived.rows) add(a.dataset_id, { layer: a.layer, count: a.feature_count, current: false, replacedBy: a.replaced_by, archivedAt: a.archived_at.toISOString() })
  for (const l of live.rows) {
    if (l.dataset_id === null) continue
    if (!layersOf.get(l.dataset_id)?.some((s) => s.layer === l.layer)) add(l.dataset_id, { layer: l.layer, count: l.n, current: true, replacedBy: null, archivedAt: null })
  }
  const order = (s: DatasetLayerState) => DATASET_LAYERS.indexOf(s.layer)
  return datasets.rows.map((d) => ({
    id: d.id,
    name: d.name,
    series: d.series,
    version: d.version,
    layer: d.layer,
    source: d.source,
    synthetic: d.synthetic,
    attribution: d.attribution,
    description: d.description,
    fileName: d.file_name,
    crs: d.crs,
    importedBy: d.imported_by,
    createdAt: d.created_at.toISOString(),
    layers: (layersOf.get(d.id) ?? []).sort((a, b) => order(a) - order(b)),
  }))
}

/**
 * The features a dataset version has in `layer`: its live rows, or its
 * archived ones once a later version replaced them; null when the dataset
 * does not exist.
 */
export async function readDatasetFeatures(client: Queryable, datasetId: number, layer: DatasetLayer): Promise<FeatureCollection | null> {
  const exists = await client.query<{ archived: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM dataset_layer_archives WHERE dataset_id = $1 AND layer = $2) AS archived FROM datasets WHERE id = $1`,
    [datasetId, layer],
  )
  const state = exists.rows[0]
  if (!state) return null
  const { table, id } = LAYER_TABLES[layer]
  const sql = state.archived
    ? `SELECT properties, ST_AsGeoJSON(geom, 7)::json AS geometry FROM archived_features WHERE dataset_id = $1 AND layer = $2 ORDER BY id`
    : `SELECT to_jsonb(t) - 'geom' - 'dataset_id' AS properties, ST_AsGeoJSON(t.geom, 7)::json AS geometry FROM ${table} t WHERE t.dataset_id = $1 AND $2 <> '' ORDER BY t.${id}`
  const { rows } = await client.query<{ properties: Record<string, unknown>; geometry: Geometry }>(sql, [datasetId, layer])
  const features: Feature[] = rows.map((r) => ({ type: 'Feature', properties: r.properties, geometry: r.geometry }))
  return { type: 'FeatureCollection', features }
}

/** The datasets whose rows are live in each layer: what an analysis run now is computed from. */
export async function readDataSources(client: Queryable): Promise<DataSource[]> {
  const { rows } = await client.query<{ layer: DatasetLayer; id: number; name: string; series: string; version: number; synthetic: boolean }>(
    DATASET_LAYERS.map(
      (layer) => `SELECT '${layer}' AS layer, d.id, d.name, d.series, d.version, d.synthetic FROM datasets d
                   WHERE EXISTS (SELECT 1 FROM ${LAYER_TABLES[layer].table} t WHERE t.dataset_id = d.id)
                     AND NOT EXISTS (SELECT 1 FROM dataset_layer_archives a WHERE a.dataset_id = d.id AND a.layer = '${layer}')`,
    ).join(' UNION ALL ') + ' ORDER BY layer, id',
  )
  return rows.map((r) => ({ layer: r.layer, datasetId: r.id, name: r.name, series: r.series, version: r.version, synthetic: r.synthetic }))
}
