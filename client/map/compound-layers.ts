import type { LayerSpecification } from 'maplibre-gl'
import { IS_SELECTED, labelPaint } from './expressions.ts'
import { LAYER_IDS, SOURCE_IDS, SOURCE_LAYERS } from './layer-ids.ts'
import { PALETTE } from './palette.ts'

/** Style layers of the residential compounds and, from zoom 15, their gates. */
export function createCompoundLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.compounds
  return [
    {
      id: LAYER_IDS.compoundsFill,
      type: 'fill',
      source,
      'source-layer': SOURCE_LAYERS.compounds,
      paint: {
        'fill-color': ['case', IS_SELECTED, PALETTE.compoundSelected, PALETTE.compoundFill],
        'fill-opacity': ['case', IS_SELECTED, 0.85, 0.65],
      },
    },
    {
      id: LAYER_IDS.compoundsLine,
      type: 'line',
      source,
      'source-layer': SOURCE_LAYERS.compounds,
      paint: {
        'line-color': ['case', IS_SELECTED, PALETTE.selected, PALETTE.compoundLine],
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          12,
          ['case', IS_SELECTED, 2, 0.5],
          17,
          ['case', IS_SELECTED, 3, 1.2],
        ],
      },
    },
    {
      id: LAYER_IDS.gatesCircle,
      type: 'circle',
      source,
      'source-layer': SOURCE_LAYERS.gates,
      minzoom: 15,
      paint: {
        'circle-color': ['case', IS_SELECTED, PALETTE.selected, PALETTE.gate],
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          15,
          ['case', IS_SELECTED, 5, 2.5],
          18,
          ['case', IS_SELECTED, 7, 4.5],
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: LAYER_IDS.compoundsLabel,
      type: 'symbol',
      source,
      'source-layer': SOURCE_LAYERS.compoundLabels,
      minzoom: 15,
      layout: {
        'text-field': ['get', 'name'],
        'text-size': 11,
        'text-padding': 2,
      },
      paint: labelPaint(PALETTE.compoundLabel),
    },
  ]
}
