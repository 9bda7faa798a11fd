import type { DatasetInfo } from '../../api/datasets.ts'

/** The versions of one dataset series, newest first. */
export interface DatasetSeries {
  series: string
  versions: DatasetInfo[]
}

/**
 * Groups dataset versions by series: each series lists its versions newest
 * first, and the series come in the order of their newest version (the
 * series touched last comes first).
 */
export function groupDatasetsBySeries(datasets: readonly DatasetInfo[]): DatasetSeries[] {
  const bySeries = new Map<string, DatasetInfo[]>()
  for (const dataset of datasets) {
    const versions = bySeries.get(dataset.series)
    if (versions) versions.push(dataset)
    else bySeries.set(dataset.series, [dataset])
  }
  const newest = (versions: readonly DatasetInfo[]) => Math.max(...versions.map((dataset) => Date.parse(dataset.createdAt) || 0))
  return [...bySeries]
    .map(([series, versions]) => ({ series, versions: [...versions].sort((a, b) => b.version - a.version || b.id - a.id) }))
    .sort((a, b) => newest(b.versions) - newest(a.versions) || (b.versions[0]?.id ?? 0) - (a.versions[0]?.id ?? 0))
}

/**
 * The versions a new import of `layer` may replace: those whose rows of that
 * layer are the live ones.
 */
export function replaceableVersions(datasets: readonly DatasetInfo[], layer: string): DatasetInfo[] {
  return datasets.filter((dataset) => dataset.layers.some((entry) => entry.layer === layer && entry.current))
}

/** The name a new series gets by default: the file's name without its extension. */
export function seriesNameOfFile(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '').trim() || fileName
}
