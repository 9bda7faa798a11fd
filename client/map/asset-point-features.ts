import type { FeatureCollection, Point } from 'geojson'
import type { LngLat } from '../../server/schemas/gazetteer-assets.ts'

/** What a point on a record's map is: a sign, a door plate, or the location of the form being edited. */
export type AssetPointKind = 'sign' | 'plate' | 'picked'

/** The properties of an asset point. */
export interface AssetPointProperties {
  kind: AssetPointKind
  /** The sign's or plate's id; 0 for the picked location. */
  id: number
}

/** A sign or plate as the map needs it. */
export interface LocatedAsset {
  id: number
  location: LngLat | null
}

/**
 * The points of a record's map: its signs and current door plates that
 * have a location, and the location of the form being edited. The sign or
 * plate being edited is left out, since the picked point stands for it.
 */
export function assetPointFeatures(
  signs: readonly LocatedAsset[],
  plates: readonly (LocatedAsset & { status: string })[],
  editing: { open: { kind: 'sign' | 'plate'; id: number | null } | null; location: LngLat | null },
): FeatureCollection<Point, AssetPointProperties> {
  const features: FeatureCollection<Point, AssetPointProperties>['features'] = []
  const add = (kind: AssetPointKind, id: number, at: LngLat) =>
    features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [at.lng, at.lat] }, properties: { kind, id } })
  const editingId = (kind: 'sign' | 'plate') => (editing.open?.kind === kind ? editing.open.id : null)
  for (const sign of signs) {
    if (sign.location && sign.id !== editingId('sign')) add('sign', sign.id, sign.location)
  }
  for (const plate of plates) {
    if (plate.location && plate.status === 'current' && plate.id !== editingId('plate')) add('plate', plate.id, plate.location)
  }
  if (editing.open && editing.location) add('picked', 0, editing.location)
  return { type: 'FeatureCollection', features }
}
