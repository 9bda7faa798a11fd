import { seesSensitiveBoundaryData } from './sensitive-access.ts'

/**
 * How much of the boundary register a caller may see: `sensitive` callers
 * get marker coordinates and detailed line geometry, everyone else the
 * redacted form. Every read of lines and markers takes one, so no route can
 * leave it out; make it with {@link boundaryViewOf}.
 */
export interface BoundaryView {
  readonly sensitive: boolean
}

/** The view of the caller (`request.user`; null or undefined for a guest). */
export function boundaryViewOf(user: { roles: readonly string[] } | null | undefined): BoundaryView {
  return { sensitive: seesSensitiveBoundaryData(user) }
}

/** The full view, for reads inside writes (audit entries, conflict answers to editors) that no caller without access reaches. */
export const FULL_BOUNDARY_VIEW: BoundaryView = { sensitive: true }

/** The marker fields that only sensitive callers see. */
export interface MarkerPosition {
  lng: number | null
  lat: number | null
  elevationM: number | null
  referenceObjects: unknown[] | null
  coordinatesHidden: boolean
}

/**
 * The marker as `view` may see it: for callers without access, `lng`,
 * `lat`, `elevationM` and `referenceObjects` are null (the keys stay) and
 * `coordinatesHidden` is true. A new object; the input is not changed.
 */
export function redactMarker<M extends MarkerPosition>(marker: M, view: BoundaryView): M {
  if (view.sensitive) return { ...marker, coordinatesHidden: false }
  return { ...marker, lng: null, lat: null, elevationM: null, referenceObjects: null, coordinatesHidden: true }
}
