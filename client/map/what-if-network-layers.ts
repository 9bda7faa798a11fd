import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl'
import { LAYER_IDS, SOURCE_IDS, SOURCE_LAYERS } from './layer-ids.ts'
import { PALETTE } from './palette.ts'
import { whatIfImageId } from './what-if-icons.ts'

/** The filter that picks the closed edges out of the network tiles (by feature id). */
export function closedEdgeFilter(edgeIds: readonly number[]): FilterSpecification {
  return ['in', ['id'], ['literal', [...edgeIds]]]
}

/**
 * Style layers of closed network edges, on the network tiles: a red dashed
 * line over the street and a red badge with a cross at its middle. They show
 * nothing until {@link closedEdgeFilter} names some edges.
 */
export function createClosedEdgeLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.network
  const sourceLayer = SOURCE_LAYERS.network
  const filter = closedEdgeFilter([])
  return [
    {
      id: LAYER_IDS.networkClosed,
      type: 'line',
      source,
      'source-layer': sourceLayer,
      filter,
      layout: { 'line-cap': 'butt', 'line-join': 'round' },
      paint: {
        'line-color': PALETTE.whatIfClosed,
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 18, 6],
        'line-dasharray': [1.5, 1],
      },
    },
    {
      id: LAYER_IDS.networkClosedMark,
      type: 'symbol',
      source,
      'source-layer': sourceLayer,
      filter,
      layout: {
        'symbol-placement': 'line-center',
        'icon-image': whatIfImageId('closed'),
        'icon-size': 0.8,
        'icon-rotation-alignment': 'viewport',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
  ]
}

const LINK_WIDTH: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 12, 3, 18, 7]

/**
 * Style layers of new walkable links: a bold line in the what-if colour with
 * a white-ringed dot at each end; the link being placed is dashed.
 */
export function createLinkLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.whatIfNetwork
  return [
    {
      id: LAYER_IDS.whatIfLinkLine,
      type: 'line',
      source,
      filter: ['all', ['==', ['geometry-type'], 'LineString'], ['!', ['get', 'draft']]],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': PALETTE.whatIfChanged, 'line-width': LINK_WIDTH },
    },
    {
      id: LAYER_IDS.whatIfLinkDraft,
      type: 'line',
      source,
      filter: ['all', ['==', ['geometry-type'], 'LineString'], ['get', 'draft']],
      paint: { 'line-color': PALETTE.whatIfChanged, 'line-width': LINK_WIDTH, 'line-opacity': 0.8, 'line-dasharray': [1.5, 1] },
    },
    {
      id: LAYER_IDS.whatIfLinkEnd,
      type: 'circle',
      source,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 5,
        'circle-color': PALETTE.whatIfChanged,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
  ]
}
