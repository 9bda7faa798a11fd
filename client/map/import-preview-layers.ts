import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'

/** Id of the source of an import's preview. */
export const IMPORT_PREVIEW_SOURCE = 'import-preview'

/** Ids of the style layers of an import's preview. */
export const IMPORT_PREVIEW_LAYER_IDS = {
  fill: 'import-preview-fill',
  line: 'import-preview-line',
  point: 'import-preview-point',
} as const

/** Colours of the preview: rows that would be imported, and rows with problems. */
export const IMPORT_PREVIEW_COLORS = {
  valid: '#1c7ed6',
  problem: '#e03131',
} as const

const colour: ExpressionSpecification = [
  'case',
  ['==', ['get', 'problem'], true],
  IMPORT_PREVIEW_COLORS.problem,
  IMPORT_PREVIEW_COLORS.valid,
]
const polygons: ExpressionSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false]
const points: ExpressionSpecification = ['match', ['geometry-type'], ['Point', 'MultiPoint'], true, false]

/**
 * The rows of an import's dry run: areas and points in blue, rows with
 * problems in red and drawn last, so that none hides under a valid one.
 */
export function createImportPreviewLayers(): LayerSpecification[] {
  const problemsLast: ExpressionSpecification = ['case', ['==', ['get', 'problem'], true], 1, 0]
  return [
    {
      id: IMPORT_PREVIEW_LAYER_IDS.fill,
      type: 'fill',
      source: IMPORT_PREVIEW_SOURCE,
      filter: polygons,
      layout: { 'fill-sort-key': problemsLast },
      paint: { 'fill-color': colour, 'fill-opacity': 0.25 },
    },
    {
      id: IMPORT_PREVIEW_LAYER_IDS.line,
      type: 'line',
      source: IMPORT_PREVIEW_SOURCE,
      filter: ['!', points],
      layout: { 'line-sort-key': problemsLast },
      paint: { 'line-color': colour, 'line-width': 1.6 },
    },
    {
      id: IMPORT_PREVIEW_LAYER_IDS.point,
      type: 'circle',
      source: IMPORT_PREVIEW_SOURCE,
      filter: points,
      layout: { 'circle-sort-key': problemsLast },
      paint: {
        'circle-color': colour,
        'circle-radius': 5,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
  ]
}
