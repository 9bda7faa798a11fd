import type { Static } from 'typebox'
import type { ProtectedNameSchema, ProtectedNameUpdateSchema } from '../../server/schemas/gazetteer-assets.ts'
import { getJson, sendJson, withQuery } from './http.ts'

/** An entry of the historical place-name protection list. */
export type ProtectedName = Static<typeof ProtectedNameSchema>

/** What an entry says, as the editor sends it (`listedOn` null when not known). */
export type ProtectedNameInput = Omit<Static<typeof ProtectedNameUpdateSchema>, 'version'>

/** The levels of the protection list, from the highest. */
export const PROTECTION_LEVELS = ['national', 'provincial', 'municipal', 'county'] as const

/** A level of the protection list. */
export type ProtectionLevel = (typeof PROTECTION_LEVELS)[number]

/** The protection entry of a place, or `null` when it is not listed. */
export async function fetchProtectedNameOfPlace(placeId: number, signal?: AbortSignal): Promise<ProtectedName | null> {
  const { protectedNames } = await getJson<{ protectedNames: ProtectedName[] }>(withQuery('/api/gazetteer/protected-names', { placeId }), signal)
  return protectedNames[0] ?? null
}

/** Puts a place on the protection list; 409 when it is listed already. */
export function createProtectedName(placeId: number, input: ProtectedNameInput, signal?: AbortSignal): Promise<ProtectedName> {
  return sendJson<ProtectedName>('POST', '/api/gazetteer/protected-names', { placeId, ...input }, signal)
}

/** Saves an entry edited from `version`; a stale version answers 409 with the stored entry in `current`. */
export function updateProtectedName(id: number, input: ProtectedNameInput, version: number, signal?: AbortSignal): Promise<ProtectedName> {
  return sendJson<ProtectedName>('PUT', `/api/gazetteer/protected-names/${id}`, { ...input, version }, signal)
}

/** Takes a place off the protection list. */
export function deleteProtectedName(id: number, signal?: AbortSignal): Promise<void> {
  return sendJson<void>('DELETE', `/api/gazetteer/protected-names/${id}`, undefined, signal)
}
