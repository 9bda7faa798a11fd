import type { Static } from 'typebox'
import type { CoordinateSystemList, CoordinateSystemSchema } from '../../server/schemas/coordinate-systems.ts'
import { getJson } from './http.ts'

/** A coordinate system an import file may be in, labelled for the picker. */
export type CoordinateSystemInfo = Static<typeof CoordinateSystemSchema>

/** The id of a coordinate system, as imports take it (`wgs84`, `cgcs2000`, `gcj02`, `bd09`, `EPSG:4491`…). */
export type CoordinateSystemId = string

/** What forms offer when the list cannot be loaded: the systems every server accepts. */
export const FALLBACK_COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const

let loaded: Promise<CoordinateSystemInfo[]> | null = null

/**
 * `GET /api/coordinate-systems`: the systems imports accept, longitude/latitude
 * systems first, then the Gauss–Krüger zones. The list is fetched once per
 * page; a failed fetch is tried again next time.
 */
export function fetchCoordinateSystems(): Promise<CoordinateSystemInfo[]> {
  loaded ??= getJson<CoordinateSystemList>('/api/coordinate-systems').then(
    (list) => list.systems,
    (error: unknown) => {
      loaded = null
      throw error
    },
  )
  return loaded
}
