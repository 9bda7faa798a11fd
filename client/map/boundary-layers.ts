import type { LayerSpecification } from 'maplibre-gl'
import { labelPaint } from './expressions.ts'

/** Ids of the sources of a boundary map. */
export const BOUNDARY_SOURCES = {
  lines: 'boundary-lines',
  markers: 'boundary-markers',
  areas: 'boundary-areas',
} as const

/** Ids of the style layers of a boundary map, for tests (`queryRenderedFeatures({ layers })`). */
export const BOUNDARY_LAYER_IDS = {
  lineCasing: 'boundary-lines-casing',
  line: 'boundary-lines',
  markers: 'boundary-markers',
  markerLabels: 'boundary-marker-labels',
  areaFill: 'boundary-areas-fill',
  areaLine: 'boundary-areas-line',
} as const

/** Lines as dash-dot boundary strokes in their status colour over a white casing. */
export function createBoundaryLineLayers(): LayerSpecification[] {
  const source = BOUNDARY_SOURCES.lines
  return [
    {
      id: BOUNDARY_LAYER_IDS.lineCasing,
      type: 'line',
      source,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': 6, 'line-opacity': 0.85 },
    },
    {
      id: BOUNDARY_LAYER_IDS.line,
      type: 'line',
      source,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': ['get', 'color'], 'line-width': 3, 'line-dasharray': [4, 1.5, 1, 1.5] },
    },
  ]
}

/** Markers as dots in their condition colour, numbered from zoom 14. */
export function createBoundaryMarkerLayers(): LayerSpecification[] {
  const source = BOUNDARY_SOURCES.markers
  return [
    {
      id: BOUNDARY_LAYER_IDS.markers,
      type: 'circle',
      source,
      paint: {
        'circle-color': ['get', 'color'],
        'circle-radius': 6,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
    {
      id: BOUNDARY_LAYER_IDS.markerLabels,
      type: 'symbol',
      source,
      minzoom: 14,
      layout: { 'text-field': ['get', 'number'], 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-optional': true },
      paint: labelPaint('#343a40'),
    },
  ]
}

/** Areas (divisions as of a day, gaps and overlaps) filled lightly in their `color`, outlined in it. */
export function createBoundaryAreaLayers(): LayerSpecification[] {
  const source = BOUNDARY_SOURCES.areas
  return [
    { id: BOUNDARY_LAYER_IDS.areaFill, type: 'fill', source, paint: { 'fill-color': ['get', 'color'], 'fill-opacity': ['coalesce', ['get', 'opacity'], 0.1] } },
    { id: BOUNDARY_LAYER_IDS.areaLine, type: 'line', source, paint: { 'line-color': ['get', 'color'], 'line-width': ['coalesce', ['get', 'width'], 1] } },
  ]
}
