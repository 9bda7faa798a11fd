import type { DataSource, DatasetLayer } from './datasets-repository.ts'

const LAYER_NAMES_ZH: Readonly<Record<DatasetLayer, string>> = { network: '路网', facilities: '设施', compounds: '小区', divisions: '区划' }

/** The data an analysis used, in one line for a report sheet: "路网：OpenStreetMap haidian v2；设施：养老设施台账 v3（合成）". */
export function describeDataSources(sources: readonly DataSource[]): string {
  return sources.map((s) => `${LAYER_NAMES_ZH[s.layer]}：${s.series} v${s.version}${s.synthetic ? '（合成）' : ''}`).join('；')
}
