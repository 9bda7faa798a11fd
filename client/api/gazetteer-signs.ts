import type { Static } from 'typebox'
import type { SignSchema } from '../../server/schemas/gazetteer-assets.ts'
import { getJson, withQuery } from './http.ts'

/** A place-name sign: what it says, where it stands and its state. */
export type PlaceSign = Static<typeof SignSchema>

/** The signs of a place. */
export async function fetchSignsOfPlace(placeId: number, signal?: AbortSignal): Promise<PlaceSign[]> {
  return (await getJson<{ signs: PlaceSign[] }>(withQuery('/api/gazetteer/signs', { placeId }), signal)).signs
}
