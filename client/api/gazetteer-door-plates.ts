import type { Static } from 'typebox'
import type { CertificateSchema, DoorPlateSchema } from '../../server/schemas/gazetteer-assets.ts'
import { getJson, withQuery } from './http.ts'

/** A door plate on a road, with its standard address. */
export type DoorPlate = Static<typeof DoorPlateSchema>

/** A door-plate certificate. */
export type DoorPlateCertificate = Static<typeof CertificateSchema>

/** The door plates on a road, and how many there are beyond the page. */
export function fetchDoorPlatesOfRoad(roadId: number, limit: number, signal?: AbortSignal): Promise<{ doorPlates: DoorPlate[]; total: number }> {
  return getJson(withQuery('/api/gazetteer/door-plates', { roadId, limit }), signal)
}

/** A door plate's certificates, the latest first. */
export async function fetchCertificates(doorPlateId: number, signal?: AbortSignal): Promise<DoorPlateCertificate[]> {
  return (await getJson<{ certificates: DoorPlateCertificate[] }>(`/api/gazetteer/door-plates/${doorPlateId}/certificates`, signal)).certificates
}

/** The printable page of a certificate (HTML, A5), to open in a new tab. */
export function certificatePrintUrl(certificateId: number): string {
  return `/api/gazetteer/certificates/${certificateId}/print`
}
