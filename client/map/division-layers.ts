import type { LayerSpecification, FilterSpecification } from 'maplibre-gl'
import { IS_SELECTED, labelPaint } from './expressions.ts'
import { LAYER_IDS, SOURCE_IDS } from './layer-ids.ts'
import { PALETTE } from './palette.ts'

function levelIs(level: 'district' | 'subdistrict' | 'community'): FilterSpecification {
  return ['==', ['get', 'level'], level]
}

/**
 * Style layers of the divisions: community fills (very light, tinted by
 * urban or rural) with thin dashed outlines, medium sub-district lines and a
 * thick district line on a white casing.
 */
export function createDivisionLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.divisions
  return [
    {
      id: LAYER_IDS.communitiesFill,
      type: 'fill',
      source,
      filter: levelIs('community'),
      paint: {
        'fill-color': [
          'case',
          IS_SELECTED,
          PALETTE.selected,
          ['==', ['get', 'urbanRural'], 'rural'],
          PALETTE.communityRural,
          PALETTE.communityUrban,
        ],
        'fill-opacity': ['case', IS_SELECTED, 0.16, 0.08],
      },
    },
    {
      id: LAYER_IDS.communitiesLine,
      type: 'line',
      source,
      filter: levelIs('community'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', IS_SELECTED, PALETTE.selected, PALETTE.communityLine],
        'line-width': ['case', IS_SELECTED, 2.5, 1],
        'line-dasharray': [3, 2],
      },
    },
    {
      id: LAYER_IDS.subdistrictLine,
      type: 'line',
      source,
      filter: levelIs('subdistrict'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', IS_SELECTED, PALETTE.selected, PALETTE.subdistrictLine],
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.5, 16, 2.5],
        'line-opacity': 0.85,
      },
    },
    {
      id: LAYER_IDS.districtCasing,
      type: 'line',
      source,
      filter: levelIs('district'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': PALETTE.districtCasing,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 6, 16, 9],
        'line-opacity': 0.8,
      },
    },
    {
      id: LAYER_IDS.districtLine,
      type: 'line',
      source,
      filter: levelIs('district'),
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', IS_SELECTED, PALETTE.selected, PALETTE.districtLine],
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 4.5],
      },
    },
  ]
}

/**
 * Name labels of communities (from zoom 13) and sub-districts (zoom 10–13),
 * drawn from the label-point source so that each name appears once.
 */
export function createDivisionLabelLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER_IDS.communitiesLabel,
      type: 'symbol',
      source: SOURCE_IDS.divisionLabels,
      filter: levelIs('community'),
      minzoom: 13,
      layout: {
        'text-field': ['get', 'name'],
        'text-size': ['interpolate', ['linear'], ['zoom'], 13, 11, 17, 14],
        'text-padding': 4,
      },
      paint: labelPaint(PALETTE.communityLabel),
    },
    {
      id: LAYER_IDS.subdistrictLabel,
      type: 'symbol',
      source: SOURCE_IDS.divisionLabels,
      filter: levelIs('subdistrict'),
      minzoom: 10,
      maxzoom: 13,
      layout: {
        'text-field': ['get', 'name'],
        'text-size': 15,
        'text-letter-spacing': 0.1,
      },
      paint: labelPaint(PALETTE.districtLine),
    },
  ]
}
