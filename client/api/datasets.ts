import type { Static } from 'typebox'
import type { DatasetInfoSchema, DatasetLayerSchema } from '../../server/schemas/datasets.ts'
import { getJson, withQuery } from './http.ts'

/** The layers a dataset can fill. */
export const DATASET_LAYERS = ['network', 'facilities', 'compounds', 'divisions'] as const satisfies readonly DatasetLayerName[]

/** A layer a dataset can fill. */
export type DatasetLayerName = Static<typeof DatasetLayerSchema>

/**
 * A version of a dataset series, as `GET /api/datasets` lists it. `layer`
 * is the one layer an imported version fills, `null` for datasets of several
 * layers (the demo). Per layer it says how many features the version holds,
 * whether they are the live ones, and when not, which version replaced them
 * and when.
 */
export type DatasetInfo = Static<typeof DatasetInfoSchema>

/** One layer of a dataset version. */
export type DatasetLayer = DatasetInfo['layers'][number]

/** `GET /api/datasets`: every dataset version, newest first. */
export async function fetchDatasets(signal?: AbortSignal): Promise<DatasetInfo[]> {
  return (await getJson<{ datasets: DatasetInfo[] }>('/api/datasets', signal)).datasets
}

/** The link that downloads one layer of a dataset version (live or archived) as GeoJSON. */
export function datasetFeaturesUrl(id: number, layer: string): string {
  return withQuery(`/api/datasets/${id}/features`, { layer })
}

/** The file name a downloaded layer is saved under: series, version and layer. */
export function datasetDownloadName(dataset: Pick<DatasetInfo, 'series' | 'version'>, layer: string): string {
  const series = dataset.series.replace(/[\\/:*?"<>|\s]+/g, '_') || 'dataset'
  return `${series}-v${dataset.version}-${layer}.geojson`
}
