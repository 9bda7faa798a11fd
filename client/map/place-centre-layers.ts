import type { FeatureCollection, Point } from 'geojson'
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { labelPaint } from './expressions.ts'
import { PALETTE } from './palette.ts'

/** Id of the source of the search results' centres. */
export const PLACE_CENTRES_SOURCE = 'place-centres'

/** Ids of the style layers of the search results' centres. */
export const PLACE_CENTRE_LAYER_IDS = {
  point: 'place-centres-point',
  label: 'place-centres-label',
} as const

/** What the map needs of a search result: its place, name, centre and whether the keyboard points at it. */
export interface PlaceCentre {
  placeId: number
  name: string
  center: [number, number]
  active: boolean
}

/** The centres as GeoJSON points, the active one last so that it is drawn on top. */
export function placeCentreFeatures(centres: readonly PlaceCentre[]): FeatureCollection<Point, { placeId: number; name: string; active: boolean }> {
  return {
    type: 'FeatureCollection',
    features: [...centres]
      .sort((a, b) => Number(a.active) - Number(b.active))
      .map((centre) => ({
        type: 'Feature',
        id: centre.placeId,
        geometry: { type: 'Point', coordinates: centre.center },
        properties: { placeId: centre.placeId, name: centre.name, active: centre.active },
      })),
  }
}

/** Dots at the results' centres, the active one larger in the selection colour, with their names. */
export function createPlaceCentreLayers(): LayerSpecification[] {
  const active: ExpressionSpecification = ['==', ['get', 'active'], true]
  return [
    {
      id: PLACE_CENTRE_LAYER_IDS.point,
      type: 'circle',
      source: PLACE_CENTRES_SOURCE,
      paint: {
        'circle-color': ['case', active, PALETTE.selected, '#3b6fd8'],
        'circle-radius': ['case', active, 8, 5.5],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: PLACE_CENTRE_LAYER_IDS.label,
      type: 'symbol',
      source: PLACE_CENTRES_SOURCE,
      layout: {
        'text-field': ['get', 'name'],
        'text-size': 12,
        'text-offset': [0, 1.1],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: labelPaint('#1f2328'),
    },
  ]
}
