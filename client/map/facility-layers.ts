import type { LayerSpecification } from 'maplibre-gl'
import { FACILITY_KINDS } from '../api/facility-kinds.ts'
import { IS_SELECTED, labelPaint } from './expressions.ts'
import { facilityImageId } from './facility-icons.ts'
import { facilityLayerId, LAYER_IDS, SOURCE_IDS } from './layer-ids.ts'
import { FACILITY_STYLES, PALETTE } from './palette.ts'

/**
 * Style layers of the facilities: a halo under the selected one, then one
 * symbol layer per kind so that each kind can be switched on its own. Names
 * appear from zoom 15; symbols always show, even where they overlap.
 */
export function createFacilityLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.facilities
  const halo: LayerSpecification = {
    id: LAYER_IDS.facilitiesHalo,
    type: 'circle',
    source,
    paint: {
      'circle-radius': 16,
      'circle-color': PALETTE.selected,
      'circle-opacity': ['case', IS_SELECTED, 0.25, 0],
      'circle-stroke-color': PALETTE.selected,
      'circle-stroke-width': ['case', IS_SELECTED, 2, 0],
    },
  }
  const symbols: LayerSpecification[] = FACILITY_KINDS.map((kind) => ({
    id: facilityLayerId(kind),
    type: 'symbol',
    source,
    filter: ['==', ['get', 'kind'], kind],
    layout: {
      'icon-image': facilityImageId(kind),
      'icon-size': ['interpolate', ['linear'], ['zoom'], 10, 0.7, 14, 0.95, 17, 1.15],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      'text-field': ['step', ['zoom'], '', 15, ['get', 'name']],
      'text-size': 11,
      'text-anchor': 'top',
      'text-offset': [0, 1.1],
      'text-optional': true,
      'text-max-width': 8,
    },
    paint: labelPaint(FACILITY_STYLES[kind].color),
  }))
  return [halo, ...symbols]
}
