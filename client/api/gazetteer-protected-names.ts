import type { Static } from 'typebox'
import type { ProtectedNameSchema } from '../../server/schemas/gazetteer-assets.ts'
import { getJson, withQuery } from './http.ts'

/** An entry of the historical place-name protection list. */
export type ProtectedName = Static<typeof ProtectedNameSchema>

/** The protection entry of a place, or `null` when it is not listed. */
export async function fetchProtectedNameOfPlace(placeId: number, signal?: AbortSignal): Promise<ProtectedName | null> {
  const { protectedNames } = await getJson<{ protectedNames: ProtectedName[] }>(withQuery('/api/gazetteer/protected-names', { placeId }), signal)
  return protectedNames[0] ?? null
}
