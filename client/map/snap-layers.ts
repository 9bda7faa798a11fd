import type { LayerSpecification } from 'maplibre-gl'
import { LAYER_IDS, SOURCE_IDS } from './layer-ids.ts'
import { PALETTE } from './palette.ts'

/**
 * Style layers of the points where facilities join the walk network: a thin
 * line from the facility to its point, and the point as a small hollow
 * circle, both under the facility symbols.
 */
export function createSnapLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.coverageSnaps
  return [
    {
      id: LAYER_IDS.coverageSnapLine,
      type: 'line',
      source,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: {
        'line-color': PALETTE.snapPoint,
        'line-width': 1.2,
      },
    },
    {
      id: LAYER_IDS.coverageSnapPoint,
      type: 'circle',
      source,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 17, 4.5],
        'circle-color': '#ffffff',
        'circle-opacity': 0,
        'circle-stroke-color': PALETTE.snapPoint,
        'circle-stroke-width': 1.5,
      },
    },
  ]
}
