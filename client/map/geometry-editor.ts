import type { Geometry, LineString, Point, Polygon, Position } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
} from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import { isMapAlive } from './mount-layers.ts'
import { PALETTE } from './palette.ts'

/** What the drawing tool does on the map: add points, lines or areas, or select a shape to move, reshape or delete. */
export type DrawTool = 'point' | 'linestring' | 'polygon' | 'select'

/** The drawing tools in the order the toolbar shows them. */
export const DRAW_TOOLS: readonly DrawTool[] = ['select', 'point', 'linestring', 'polygon']

/** A place's geometry being drawn and edited on a map with Terra Draw. */
export interface GeometryEditor {
  setTool(tool: DrawTool): void
  /** Replaces what is drawn with a geometry (multi-part geometries become one shape per part). */
  load(geometry: Geometry | null): void
  /** Finishes the line or area being drawn, as Enter does. */
  finish(): void
  /** Deletes the selected shape; false when none is selected. */
  deleteSelected(): boolean
  /** Deletes every shape. */
  clear(): void
  /** Stops drawing and takes Terra Draw's layers off the map. */
  destroy(): void
}

type Shape = Point | LineString | Polygon

/** Splits a geometry into the single shapes Terra Draw edits; collections are flattened. */
export function shapesOfGeometry(geometry: Geometry | null): Shape[] {
  if (!geometry) return []
  switch (geometry.type) {
    case 'Point':
    case 'LineString':
    case 'Polygon':
      return [geometry]
    case 'MultiPoint':
      return geometry.coordinates.map((coordinates) => ({ type: 'Point', coordinates }))
    case 'MultiLineString':
      return geometry.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }))
    case 'MultiPolygon':
      return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }))
    case 'GeometryCollection':
      return geometry.geometries.flatMap(shapesOfGeometry)
  }
}

/**
 * The geometry of the shapes drawn: one shape as itself, several of one
 * type as the matching multi-part geometry, none as `null`. Shapes of
 * different types cannot make one place's geometry; the last type drawn
 * wins (callers keep one type on the map, see {@link createGeometryEditor}).
 */
export function geometryOfShapes(shapes: readonly Shape[]): Geometry | null {
  const last = shapes.at(-1)
  if (!last) return null
  const same = shapes.filter((shape) => shape.type === last.type)
  if (same.length === 1) return last
  if (last.type === 'Point') return { type: 'MultiPoint', coordinates: same.map((shape) => shape.coordinates as Position) }
  if (last.type === 'LineString') return { type: 'MultiLineString', coordinates: same.map((shape) => shape.coordinates as Position[]) }
  return { type: 'MultiPolygon', coordinates: same.map((shape) => shape.coordinates as Position[][]) }
}

const MODE_OF_TYPE: Record<Shape['type'], Exclude<DrawTool, 'select'>> = { Point: 'point', LineString: 'linestring', Polygon: 'polygon' }

const colour = PALETTE.selected as `#${string}`

/**
 * Starts Terra Draw on a map that has loaded: point, line and area modes,
 * and a select mode in which shapes can be dragged, their vertices moved,
 * added (at midpoints) and deleted. `onchange` hears the place's geometry
 * each time a shape is finished, edited or deleted. A new shape of another
 * type than those drawn replaces them, so the geometry stays one type.
 */
export function createGeometryEditor(map: MapLibreMap, onchange: (geometry: Geometry | null) => void): GeometryEditor {
  const editable = { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } }
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 7 }),
    modes: [
      new TerraDrawSelectMode({ flags: { point: editable, linestring: editable, polygon: editable } }),
      new TerraDrawPointMode({ styles: { pointColor: colour, pointWidth: 7, pointOutlineColor: '#ffffff', pointOutlineWidth: 2 } }),
      new TerraDrawLineStringMode({ styles: { lineStringColor: colour, lineStringWidth: 4, closingPointColor: colour, closingPointOutlineColor: '#ffffff' } }),
      new TerraDrawPolygonMode({ styles: { fillColor: colour, fillOpacity: 0.2, outlineColor: colour, outlineWidth: 3, closingPointColor: colour } }),
    ],
  })
  draw.start()
  draw.setMode('select')

  /** The shapes drawn, without the one still being drawn and the guidance points of the modes. */
  const shapes = (): GeoJSONStoreFeatures[] =>
    draw.getSnapshot().filter((feature) => {
      const type = feature.geometry.type as Shape['type']
      return MODE_OF_TYPE[type] === feature.properties.mode && !feature.properties.currentlyDrawing
    })
  let loading = false
  const report = () => {
    if (!loading) onchange(geometryOfShapes(shapes().map((feature) => feature.geometry as Shape)))
  }

  draw.on('finish', (id, context) => {
    if (context.action === 'draw') {
      const finished = draw.getSnapshotFeature(id)
      const others = shapes().filter((feature) => feature.id !== id && feature.geometry.type !== finished?.geometry.type)
      if (others.length > 0) draw.removeFeatures(others.map((feature) => feature.id!))
    }
    report()
  })
  draw.on('change', (_ids, type) => {
    if (type === 'delete') report()
  })

  return {
    setTool(tool) {
      draw.setMode(tool)
    },
    load(geometry) {
      loading = true
      try {
        draw.clear()
        const features = shapesOfGeometry(geometry).map((shape) => ({
          id: draw.getFeatureId(),
          type: 'Feature' as const,
          geometry: shape,
          properties: { mode: MODE_OF_TYPE[shape.type] },
        }))
        if (features.length > 0) draw.addFeatures(features)
      } finally {
        loading = false
      }
    },
    finish() {
      map.getCanvas().dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }))
    },
    deleteSelected() {
      const selected = draw.getSnapshot().filter((feature) => feature.properties.selected)
      if (selected.length === 0) return false
      draw.removeFeatures(selected.map((feature) => feature.id!))
      return true
    },
    clear() {
      draw.clear()
      onchange(null)
    },
    destroy() {
      if (draw.enabled && isMapAlive(map)) draw.stop()
    },
  }
}
