import type { Static } from 'typebox'
import type { CertificateSchema, DoorPlateCreateSchema, DoorPlateListItemSchema, DoorPlateSchema } from '../../server/schemas/gazetteer-assets.ts'
import { getJson, sendJson, withQuery } from './http.ts'

/** A door plate on a road, with its standard address, as lists show it: with its valid certificate, if any. */
export type DoorPlate = Static<typeof DoorPlateListItemSchema>

/** What a plate list says of a plate's valid certificate. */
export type ValidCertificate = NonNullable<DoorPlate['validCertificate']>

/** A door plate as a save answers it (without its certificate). */
export type SavedDoorPlate = Static<typeof DoorPlateSchema>

/** A door-plate certificate. */
export type DoorPlateCertificate = Static<typeof CertificateSchema>

/** A plate's fields as the editor sends them; `communityCode` left out is found from the location. */
export type DoorPlateInput = Static<typeof DoorPlateCreateSchema>

/** What a certificate is issued with. */
export interface CertificateInput {
  number: string
  holder: string
  /** `YYYY-MM-DD`. */
  issuedOn: string
}

/** The door plates on a road, and how many there are beyond the page. */
export function fetchDoorPlatesOfRoad(roadId: number, limit: number, signal?: AbortSignal): Promise<{ doorPlates: DoorPlate[]; total: number }> {
  return getJson(withQuery('/api/gazetteer/door-plates', { roadId, limit }), signal)
}

/** A door plate's certificates, the latest first. */
export async function fetchCertificates(doorPlateId: number, signal?: AbortSignal): Promise<DoorPlateCertificate[]> {
  return (await getJson<{ certificates: DoorPlateCertificate[] }>(`/api/gazetteer/door-plates/${doorPlateId}/certificates`, signal)).certificates
}

/** Records a door plate; the road must be a current road, and no current plate may have the same number, building, unit and room. */
export function createDoorPlate(input: DoorPlateInput, signal?: AbortSignal): Promise<SavedDoorPlate> {
  return sendJson<SavedDoorPlate>('POST', '/api/gazetteer/door-plates', input, signal)
}

/**
 * Replaces a plate's fields, or retires it with status `retired` (refused
 * while it has a valid certificate), edited from `version`; a stale
 * version answers 409 with the stored plate in `current`.
 */
export function updateDoorPlate(id: number, input: DoorPlateInput, status: 'current' | 'retired', version: number, signal?: AbortSignal): Promise<SavedDoorPlate> {
  return sendJson<SavedDoorPlate>('PUT', `/api/gazetteer/door-plates/${id}`, { ...input, status, version }, signal)
}

/** Issues a certificate for a current plate that has no valid one. */
export function issueCertificate(doorPlateId: number, input: CertificateInput, signal?: AbortSignal): Promise<DoorPlateCertificate> {
  return sendJson<DoorPlateCertificate>('POST', `/api/gazetteer/door-plates/${doorPlateId}/certificates`, input, signal)
}

/** Revokes a valid certificate on a day, for a reason printed on it and kept in the audit trail. */
export function revokeCertificate(certificateId: number, revokedOn: string, reason: string, signal?: AbortSignal): Promise<DoorPlateCertificate> {
  return sendJson<DoorPlateCertificate>('POST', `/api/gazetteer/certificates/${certificateId}/revoke`, { revokedOn, reason }, signal)
}

/** The printable page of a certificate (HTML, A5), to open in a new tab. */
export function certificatePrintUrl(certificateId: number): string {
  return `/api/gazetteer/certificates/${certificateId}/print`
}
