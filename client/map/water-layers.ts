import type { LayerSpecification } from 'maplibre-gl'
import { IS_SELECTED, labelPaint } from './expressions.ts'
import { LAYER_IDS, SOURCE_IDS } from './layer-ids.ts'
import { PALETTE } from './palette.ts'

/** Style layers of the water areas. */
export function createWaterLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER_IDS.waterFill,
      type: 'fill',
      source: SOURCE_IDS.water,
      paint: { 'fill-color': PALETTE.water },
    },
    {
      id: LAYER_IDS.waterLine,
      type: 'line',
      source: SOURCE_IDS.water,
      paint: {
        'line-color': ['case', IS_SELECTED, PALETTE.selected, PALETTE.waterOutline],
        'line-width': ['case', IS_SELECTED, 2.5, 0.8],
      },
    },
    {
      id: LAYER_IDS.waterLabel,
      type: 'symbol',
      source: SOURCE_IDS.water,
      minzoom: 13,
      layout: {
        'text-field': ['get', 'name'],
        'text-size': 12,
        'text-letter-spacing': 0.2,
      },
      paint: labelPaint(PALETTE.waterLabel),
    },
  ]
}
