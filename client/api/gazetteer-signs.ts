import type { Static } from 'typebox'
import type { GazetteerFileSchema, SignDetailSchema, SignSchema, SignUpdateSchema } from '../../server/schemas/gazetteer-assets.ts'
import { getJson, sendFile, sendJson, withQuery } from './http.ts'

/** A place-name sign: what it says, where it stands and its state. */
export type PlaceSign = Static<typeof SignSchema>

/** A sign with its photos. */
export type PlaceSignDetail = Static<typeof SignDetailSchema>

/** A photo of a sign, as stored. */
export type SignPhoto = PlaceSignDetail['photos'][number]

/** What a sign says and how it stands, as the editor sends it; `textPinyin` left out becomes the place's romanization. */
export type SignInput = Omit<Static<typeof SignUpdateSchema>, 'version'>

/** The kinds of sign, in the order forms offer them. */
export const SIGN_TYPES = ['road', 'street', 'compound', 'village', 'building', 'bridge', 'guide', 'other'] as const

/** A kind of sign. */
export type SignType = (typeof SIGN_TYPES)[number]

/** The states a sign may be in, from the best. */
export const SIGN_CONDITIONS = ['good', 'worn', 'damaged', 'missing', 'removed'] as const

/** A state a sign may be in. */
export type SignCondition = (typeof SIGN_CONDITIONS)[number]

/** The image types the server takes as sign photos. */
export const SIGN_PHOTO_MEDIA_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp']

/** The signs of a place. */
export async function fetchSignsOfPlace(placeId: number, signal?: AbortSignal): Promise<PlaceSign[]> {
  return (await getJson<{ signs: PlaceSign[] }>(withQuery('/api/gazetteer/signs', { placeId }), signal)).signs
}

/** One sign with its photos. */
export function fetchSign(id: number, signal?: AbortSignal): Promise<PlaceSignDetail> {
  return getJson<PlaceSignDetail>(`/api/gazetteer/signs/${id}`, signal)
}

/** Records a sign of a place. */
export function createSign(placeId: number, input: SignInput, signal?: AbortSignal): Promise<PlaceSign> {
  return sendJson<PlaceSign>('POST', '/api/gazetteer/signs', { placeId, ...input }, signal)
}

/** Replaces a sign's fields, edited from `version`; a stale version answers 409 with the stored sign in `current`. */
export function updateSign(id: number, input: SignInput, version: number, signal?: AbortSignal): Promise<PlaceSign> {
  return sendJson<PlaceSign>('PUT', `/api/gazetteer/signs/${id}`, { ...input, version }, signal)
}

/** Adds a photo to a sign: the image itself is the body, its type the content type. */
export function uploadSignPhoto(signId: number, file: File, signal?: AbortSignal): Promise<Static<typeof GazetteerFileSchema>> {
  return sendFile(withQuery(`/api/gazetteer/signs/${signId}/photos`, { filename: file.name || undefined }), file, file.type, signal)
}

/** Removes a photo of a sign. */
export function deleteSignPhoto(signId: number, fileId: number, signal?: AbortSignal): Promise<void> {
  return sendJson<void>('DELETE', `/api/gazetteer/signs/${signId}/photos/${fileId}`, undefined, signal)
}
