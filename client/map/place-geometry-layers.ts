import type { LayerSpecification } from 'maplibre-gl'
import { PALETTE } from './palette.ts'

/** Id of the source that holds a place's geometry on a gazetteer map. */
export const PLACE_GEOMETRY_SOURCE = 'place-geometry'

/** Ids of the style layers that draw a place's geometry. */
export const PLACE_GEOMETRY_LAYER_IDS = {
  fill: 'place-geometry-fill',
  casing: 'place-geometry-casing',
  line: 'place-geometry-line',
  point: 'place-geometry-point',
} as const

/**
 * A place's geometry drawn over the context layers in the selection colour:
 * an area lightly filled and outlined, a line on a white casing, a point as
 * a ringed dot.
 */
export function createPlaceGeometryLayers(): LayerSpecification[] {
  const source = PLACE_GEOMETRY_SOURCE
  return [
    {
      id: PLACE_GEOMETRY_LAYER_IDS.fill,
      type: 'fill',
      source,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': PALETTE.selected, 'fill-opacity': 0.18 },
    },
    {
      id: PLACE_GEOMETRY_LAYER_IDS.casing,
      type: 'line',
      source,
      filter: ['!=', ['geometry-type'], 'Point'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 7, 'line-opacity': 0.9 },
    },
    {
      id: PLACE_GEOMETRY_LAYER_IDS.line,
      type: 'line',
      source,
      filter: ['!=', ['geometry-type'], 'Point'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': PALETTE.selected, 'line-width': 4 },
    },
    {
      id: PLACE_GEOMETRY_LAYER_IDS.point,
      type: 'circle',
      source,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': PALETTE.selected,
        'circle-radius': 7,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2.5,
      },
    },
  ]
}
