import type { LayerSpecification, ExpressionSpecification, FilterSpecification } from 'maplibre-gl'
import { IS_SELECTED, isTrue, labelPaint } from './expressions.ts'
import { LAYER_IDS, SOURCE_IDS, SOURCE_LAYERS } from './layer-ids.ts'
import { PALETTE } from './palette.ts'

interface RoadClass {
  highways: string[]
  /** Line width in pixels at zoom 11 and at zoom 18. */
  width: [number, number]
  color: string
  casing: string
}

/** Road classes from widest to narrowest; unknown classes are drawn as minor roads. */
const ROAD_CLASSES: RoadClass[] = [
  { highways: ['motorway', 'motorway_link'], width: [2.6, 20], color: PALETTE.motorway, casing: PALETTE.motorwayCasing },
  { highways: ['trunk', 'trunk_link'], width: [2.2, 18], color: PALETTE.trunk, casing: PALETTE.trunkCasing },
  { highways: ['primary', 'primary_link'], width: [1.8, 16], color: PALETTE.primary, casing: PALETTE.primaryCasing },
  { highways: ['secondary', 'secondary_link'], width: [1.4, 14], color: PALETTE.secondary, casing: PALETTE.secondaryCasing },
  { highways: ['tertiary', 'tertiary_link'], width: [1, 11], color: PALETTE.minor, casing: PALETTE.minorCasing },
  { highways: ['service', 'track'], width: [0.3, 5], color: PALETTE.minor, casing: PALETTE.minorCasing },
]

const MINOR_ROAD: Omit<RoadClass, 'highways'> = {
  width: [0.6, 8],
  color: PALETTE.minor,
  casing: PALETTE.minorCasing,
}

/** Classes for people on foot only, drawn as dashed paths. */
export const FOOT_HIGHWAYS = ['footway', 'path', 'pedestrian', 'steps', 'cycleway', 'bridleway', 'corridor']

function byClass(value: (roadClass: Omit<RoadClass, 'highways'>) => number | string): ExpressionSpecification {
  const arms = ROAD_CLASSES.flatMap((roadClass) => [roadClass.highways, value(roadClass)])
  return ['match', ['get', 'highway'], ...arms, value(MINOR_ROAD)] as unknown as ExpressionSpecification
}

function roadWidth(extraLow = 0, extraHigh = 0): ExpressionSpecification {
  return [
    'interpolate',
    ['exponential', 1.5],
    ['zoom'],
    11,
    ['+', byClass((c) => c.width[0]), extraLow],
    18,
    ['+', byClass((c) => c.width[1]), extraHigh],
  ]
}

const IS_FOOT: ExpressionSpecification = ['in', ['get', 'highway'], ['literal', FOOT_HIGHWAYS]]
const IS_TUNNEL = isTrue('tunnel')
const IS_BRIDGE = isTrue('bridge')

const ROAD_FILTER: FilterSpecification = ['all', ['!', IS_FOOT], ['!', IS_TUNNEL]]
const FOOT_FILTER: FilterSpecification = ['all', IS_FOOT, ['!', IS_TUNNEL]]

/**
 * Style layers of the street network: roads by class on a casing (dark on
 * bridges), dashed footways, tunnels as faded dashed lines, a highlight for
 * the selected edge and street names from zoom 15.
 */
export function createNetworkLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.network
  const sourceLayer = SOURCE_LAYERS.network
  return [
    {
      id: LAYER_IDS.networkTunnel,
      type: 'line',
      source,
      'source-layer': sourceLayer,
      filter: IS_TUNNEL,
      paint: {
        'line-color': ['case', IS_FOOT, PALETTE.footway, PALETTE.tunnel],
        'line-width': roadWidth(),
        'line-opacity': 0.55,
        'line-dasharray': [1.5, 1],
      },
    },
    {
      id: LAYER_IDS.networkCasing,
      type: 'line',
      source,
      'source-layer': sourceLayer,
      filter: ROAD_FILTER,
      minzoom: 12,
      layout: { 'line-join': 'round', 'line-cap': 'butt' },
      paint: {
        'line-color': ['case', IS_BRIDGE, PALETTE.bridgeCasing, byClass((c) => c.casing)],
        'line-width': [
          'interpolate',
          ['exponential', 1.5],
          ['zoom'],
          12,
          ['+', byClass((c) => c.width[0] * 1.4), ['case', IS_BRIDGE, 2, 1]],
          18,
          ['+', byClass((c) => c.width[1]), ['case', IS_BRIDGE, 6, 3]],
        ],
      },
    },
    {
      id: LAYER_IDS.networkRoad,
      type: 'line',
      source,
      'source-layer': sourceLayer,
      filter: ROAD_FILTER,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': [
          'step',
          ['zoom'],
          byClass((c) => (c.color === PALETTE.minor ? c.casing : c.color)),
          12,
          byClass((c) => c.color),
        ],
        'line-width': roadWidth(),
      },
    },
    {
      id: LAYER_IDS.networkFootway,
      type: 'line',
      source,
      'source-layer': sourceLayer,
      filter: FOOT_FILTER,
      minzoom: 13,
      paint: {
        'line-color': PALETTE.footway,
        'line-width': ['interpolate', ['linear'], ['zoom'], 13, 0.8, 18, 2.5],
        'line-dasharray': [2, 1.5],
      },
    },
    {
      id: LAYER_IDS.networkSelected,
      type: 'line',
      source,
      'source-layer': sourceLayer,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': PALETTE.selected,
        'line-width': roadWidth(3, 4),
        'line-opacity': ['case', IS_SELECTED, 0.85, 0],
      },
    },
    {
      id: LAYER_IDS.networkLabel,
      type: 'symbol',
      source,
      'source-layer': sourceLayer,
      minzoom: 15,
      filter: ['all', ['has', 'name'], ['!=', ['get', 'name'], '']],
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', 'name'],
        'text-size': 11,
        'text-max-angle': 30,
        'symbol-spacing': 300,
      },
      paint: labelPaint(PALETTE.roadLabel),
    },
  ]
}
