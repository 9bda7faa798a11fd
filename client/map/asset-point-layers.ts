import type { LayerSpecification } from 'maplibre-gl'
import { PALETTE } from './palette.ts'

/** Id of the source that holds a record's signs, door plates and picked location. */
export const ASSET_POINTS_SOURCE = 'place-asset-points'

/** Ids of the style layers that draw them. */
export const ASSET_POINT_LAYER_IDS = {
  assets: 'place-asset-points',
  picked: 'place-asset-picked',
} as const

/**
 * Signs as small blue dots and door plates as grey ones over the place's
 * geometry; the location being edited as a larger ringed dot in the
 * selection colour on top.
 */
export function createAssetPointLayers(): LayerSpecification[] {
  const source = ASSET_POINTS_SOURCE
  return [
    {
      id: ASSET_POINT_LAYER_IDS.assets,
      type: 'circle',
      source,
      filter: ['!=', ['get', 'kind'], 'picked'],
      paint: {
        'circle-color': ['match', ['get', 'kind'], 'sign', PALETTE.signPoint, PALETTE.platePoint],
        'circle-radius': 4.5,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: ASSET_POINT_LAYER_IDS.picked,
      type: 'circle',
      source,
      filter: ['==', ['get', 'kind'], 'picked'],
      paint: {
        'circle-color': PALETTE.selected,
        'circle-radius': 7,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 3,
      },
    },
  ]
}
