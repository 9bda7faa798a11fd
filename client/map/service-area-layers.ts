import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl'
import { bandColors } from './band-colors.ts'
import { LAYER_IDS, SOURCE_IDS } from './layer-ids.ts'
import { isMapAlive } from './mount-layers.ts'
import { PALETTE, SERVICE_AREA_FILL_OPACITY } from './palette.ts'

/** The colour of each band by its `band` property (0 = smallest), for `count` bands. */
function bandColorExpression(count: number): ExpressionSpecification {
  const [first = PALETTE.serviceAreaDark, ...rest] = bandColors(Math.max(count, 1))
  return ['step', ['get', 'band'], first, ...rest.flatMap((color, index) => [index + 1, color])]
}

/**
 * Style layers of the service areas: a translucent fill per band, coloured
 * by band (see {@link paintServiceAreaBands}), and a thin outline. The source
 * lists the largest band first, so smaller bands are drawn over larger ones.
 */
export function createServiceAreaLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.serviceAreas
  return [
    {
      id: LAYER_IDS.serviceAreaFill,
      type: 'fill',
      source,
      paint: {
        'fill-color': bandColorExpression(3),
        'fill-opacity': SERVICE_AREA_FILL_OPACITY,
      },
    },
    {
      id: LAYER_IDS.serviceAreaLine,
      type: 'line',
      source,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': PALETTE.serviceAreaOutline,
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 17, 1.4],
        'line-opacity': ['interpolate', ['linear'], ['get', 'band'], 0, 0.9, 4, 0.45],
      },
    },
  ]
}

/** Style layer of the straight-line circles: dashed outlines, one per band. */
export function createServiceAreaCircleLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER_IDS.serviceAreaCircle,
      type: 'line',
      source: SOURCE_IDS.serviceAreaCircles,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': PALETTE.serviceAreaCircle,
        'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 17, 2],
        'line-dasharray': [3, 2],
        'line-opacity': 0.85,
      },
    },
  ]
}

/** Colours the service-area fills for `count` bands, smallest darkest. */
export function paintServiceAreaBands(map: MapLibreMap, count: number): void {
  if (!isMapAlive(map) || !map.getLayer(LAYER_IDS.serviceAreaFill)) return
  map.setPaintProperty(LAYER_IDS.serviceAreaFill, 'fill-color', bandColorExpression(count))
}
