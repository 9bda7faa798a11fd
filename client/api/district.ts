import type { Static } from 'typebox'
import type { DatasetSchema, DistrictSummary } from '../../server/schemas/common.ts'
import { getJson } from './http.ts'

/** Where a set of features came from; `synthetic` marks generated demo data. */
export type Dataset = Static<typeof DatasetSchema>

/**
 * Answer of `GET /api/district`: the district the server holds data for.
 * `name` and `bbox` are `null` while the database is empty.
 */
export type District = DistrictSummary

/** Loads the district the server is set up for. */
export function fetchDistrict(signal?: AbortSignal): Promise<District> {
  return getJson<District>('/api/district', signal)
}
