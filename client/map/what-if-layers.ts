import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { labelPaint } from './expressions.ts'
import { LAYER_IDS, SOURCE_IDS } from './layer-ids.ts'
import { PALETTE } from './palette.ts'
import { whatIfImageId } from './what-if-icons.ts'

const IS_POINT: ExpressionSpecification = ['==', ['geometry-type'], 'Point']
const IS_MARKED: ExpressionSpecification = ['in', ['get', 'mark'], ['literal', ['added', 'moved', 'removed']]]
/** Facilities that still stand, which a click may pick to move or remove. */
const IS_STANDING: ExpressionSpecification = ['in', ['get', 'mark'], ['literal', ['unchanged', 'added', 'moved']]]

/**
 * Style layers of a what-if, above the facility symbols: a dashed line from
 * where a moved facility stood to its new spot, a hollow grey ring on the old
 * spot, a badge on each added, moved or removed facility (see
 * `what-if-icons.ts`), their names, and invisible circles on every standing
 * facility that make them easy to click.
 */
export function createWhatIfLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.whatIf
  return [
    {
      id: LAYER_IDS.whatIfLine,
      type: 'line',
      source,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': PALETTE.whatIfChanged, 'line-width': 2, 'line-dasharray': [2, 1.5] },
    },
    {
      id: LAYER_IDS.whatIfOrigin,
      type: 'circle',
      source,
      filter: ['all', IS_POINT, ['==', ['get', 'mark'], 'origin']],
      paint: {
        'circle-radius': 10,
        'circle-opacity': 0,
        'circle-stroke-color': PALETTE.whatIfRemoved,
        'circle-stroke-width': 2,
      },
    },
    {
      id: LAYER_IDS.whatIfMarker,
      type: 'symbol',
      source,
      filter: ['all', IS_POINT, IS_MARKED],
      layout: {
        'icon-image': ['match', ['get', 'mark'], 'added', whatIfImageId('added'), 'moved', whatIfImageId('moved'), whatIfImageId('removed')],
        'icon-size': ['case', ['get', 'picked'], 1.3, 1],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    },
    {
      id: LAYER_IDS.whatIfLabel,
      type: 'symbol',
      source,
      filter: ['all', IS_POINT, ['!=', ['get', 'label'], '']],
      layout: {
        'text-field': ['get', 'label'],
        'text-size': 11,
        'text-anchor': 'top',
        'text-offset': [0, 1.2],
        'text-optional': true,
        'text-max-width': 8,
      },
      paint: labelPaint(PALETTE.whatIfChanged),
    },
    {
      id: LAYER_IDS.whatIfHit,
      type: 'circle',
      source,
      filter: ['all', IS_POINT, IS_STANDING],
      paint: {
        'circle-radius': 11,
        'circle-color': PALETTE.whatIfPicked,
        'circle-opacity': 0,
        'circle-stroke-color': PALETTE.whatIfPicked,
        'circle-stroke-width': ['case', ['get', 'picked'], 3, 0],
      },
    },
  ]
}
