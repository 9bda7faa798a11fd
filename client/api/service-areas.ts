import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type { Static } from 'typebox'
import type { ServiceAreaCollectionSchema, ServiceAreaQuerySchema } from '../../server/schemas/coverage.ts'
import { coverageParams, whatIfBody } from './coverage.ts'
import { getJson, sendJson, withQuery } from './http.ts'
import type { FacilityChange, NetworkChange } from './scenarios.ts'

type ServiceAreaAnswer = Static<typeof ServiceAreaCollectionSchema>

/**
 * Parameters of `GET /api/service-areas`: those of a coverage request plus
 * the buffer around reached streets (`bufferM`), the grid the outlines are
 * traced on (`cellM`, coarser for simpler outlines), one set of bands per
 * facility or one for all, and `method` (`network` polygons or straight-line
 * `circle`s).
 */
export type ServiceAreaQuery = Static<typeof ServiceAreaQuerySchema> & { kind: string }

/** How service areas are drawn: along the walk network, or as plain circles for comparison. */
export type ServiceAreaMethod = NonNullable<ServiceAreaQuery['method']>

/** Properties of one band polygon; `band` 0 is the smallest. */
export type ServiceAreaProperties = ServiceAreaAnswer['features'][number]['properties']

/** The parameters, facilities and provenance the collection was made with. */
export type ServiceAreaMetadata = ServiceAreaAnswer['properties']

/** Service areas, one (Multi)Polygon per band, largest band first. */
export type ServiceAreaCollection = FeatureCollection<Polygon | MultiPolygon, ServiceAreaProperties> & {
  properties: ServiceAreaMetadata
}

function serviceAreaParams(query: ServiceAreaQuery) {
  return {
    ...coverageParams(query),
    method: query.method,
    bufferM: query.bufferM,
    cellM: query.cellM,
    perFacility: query.perFacility,
    download: query.download,
  }
}

/** Loads the nested service areas of one facility kind. */
export function fetchServiceAreas(query: ServiceAreaQuery, signal?: AbortSignal): Promise<ServiceAreaCollection> {
  return getJson<ServiceAreaCollection>(withQuery('/api/service-areas', serviceAreaParams(query)), signal)
}

/**
 * Service areas as if the facilities had the changes (applied after any saved
 * `scenario` of the query) and the network the edits; nothing is saved.
 */
export function fetchWhatIfServiceAreas(
  query: ServiceAreaQuery,
  changes: readonly FacilityChange[],
  networkChanges: readonly NetworkChange[],
  signal?: AbortSignal,
): Promise<ServiceAreaCollection> {
  return sendJson<ServiceAreaCollection>(
    'POST',
    '/api/service-areas/what-if',
    whatIfBody(serviceAreaParams({ ...query, download: undefined }), changes, networkChanges),
    signal,
  )
}

/**
 * Where to download the service areas as a GeoJSON file; the server sends the
 * same body as {@link fetchServiceAreas} as an attachment.
 */
export function serviceAreasDownloadUrl(query: ServiceAreaQuery): string {
  return withQuery('/api/service-areas', serviceAreaParams({ ...query, download: true }))
}
