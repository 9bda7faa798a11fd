declare module 'shpjs' {
  import type { FeatureCollection, Geometry } from 'geojson'

  /** Parses a .shp file; with a .prj (WKT text) the coordinates are reprojected to WGS 84 longitude/latitude. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string | ArrayBufferView | false): Geometry[]
  /** Parses a .dbf file; `cpg` names its text encoding (e.g. "UTF-8", "GBK", "936"). */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView, cpg?: string | ArrayBufferView): Record<string, unknown>[]
  export function combine(parts: [Geometry[], Record<string, unknown>[] | undefined]): FeatureCollection
  export default function getShapefile(input: ArrayBuffer | ArrayBufferView | string): Promise<FeatureCollection | FeatureCollection[]>
}
