import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { labelPaint } from './expressions.ts'
import { LAYER_IDS, SOURCE_IDS } from './layer-ids.ts'
import { PALETTE } from './palette.ts'

const roleIs = (...roles: string[]): ExpressionSpecification => ['in', ['get', 'role'], ['literal', roles]]

/**
 * Style layers of site suggestions, above everything else: parcels drawn as
 * candidates (a light fill; a line through the corners while one is drawn),
 * candidate points and corners as small dots, and each suggested site as a
 * large dot labelled with its rank and the households it adds.
 */
export function createSiteSuggestionLayers(): LayerSpecification[] {
  const source = SOURCE_IDS.siteSuggestions
  return [
    {
      id: LAYER_IDS.siteParcelFill,
      type: 'fill',
      source,
      filter: roleIs('parcel'),
      paint: { 'fill-color': PALETTE.candidate, 'fill-opacity': 0.18 },
    },
    {
      id: LAYER_IDS.siteParcelLine,
      type: 'line',
      source,
      filter: roleIs('parcel', 'draft'),
      layout: { 'line-join': 'round' },
      paint: { 'line-color': PALETTE.candidate, 'line-width': 2 },
    },
    {
      id: LAYER_IDS.siteCandidatePoint,
      type: 'circle',
      source,
      filter: roleIs('point', 'vertex'),
      paint: {
        'circle-radius': ['case', ['==', ['get', 'role'], 'vertex'], 3.5, 5],
        'circle-color': PALETTE.candidate,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: LAYER_IDS.sitePick,
      type: 'circle',
      source,
      filter: roleIs('pick'),
      paint: {
        'circle-radius': 9,
        'circle-color': PALETTE.suggestedSite,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: LAYER_IDS.sitePickLabel,
      type: 'symbol',
      source,
      filter: roleIs('pick'),
      layout: {
        'text-field': ['get', 'label'],
        'text-size': 12,
        'text-anchor': 'top',
        'text-offset': [0, 1],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: labelPaint(PALETTE.suggestedSite),
    },
  ]
}
