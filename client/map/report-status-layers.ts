import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { IS_SELECTED } from './expressions.ts'
import { LAYER_IDS, SOURCE_IDS } from './layer-ids.ts'
import { PALETTE, STATUS_COLORS } from './palette.ts'

const STATUS_COLOR: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  'pass',
  STATUS_COLORS.pass,
  'fail',
  STATUS_COLORS.fail,
  STATUS_COLORS['cannot-evaluate'],
]

/**
 * Style layers of the standards status: each community filled with the
 * colour of its status (pass, fail, cannot evaluate) over the base fill, and
 * outlined, thicker when selected.
 */
export function createReportStatusLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.reportStatus
  return [
    {
      id: LAYER_IDS.reportStatusFill,
      type: 'fill',
      source,
      paint: {
        'fill-color': STATUS_COLOR,
        'fill-opacity': ['case', IS_SELECTED, 0.5, 0.32],
      },
    },
    {
      id: LAYER_IDS.reportStatusLine,
      type: 'line',
      source,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['case', IS_SELECTED, PALETTE.selected, PALETTE.statusOutline],
        'line-width': ['case', IS_SELECTED, 3, 0.8],
        'line-opacity': 0.8,
      },
    },
  ]
}
