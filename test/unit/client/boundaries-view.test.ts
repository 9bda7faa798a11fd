import { describe, expect, it } from 'vitest'
import type { BoundaryMarker } from '../../../client/api/boundaries.ts'
import { MARKER_CONDITION_COLORS } from '../../../client/map/boundary-colors.ts'
import { linePathFeatures, markerPointFeatures } from '../../../client/map/boundary-features.ts'
import { boundariesHref, boundariesRouteOf, pathOfBoundariesRoute, type BoundariesRoute } from '../../../client/state/boundaries-route.ts'
import { todayInChina } from '../../../client/components/boundaries/boundary-text.ts'

describe('boundaries routes', () => {
  it('reads every page from its path and writes it back the same', () => {
    const routes: BoundariesRoute[] = [
      { page: 'dashboard' },
      { page: 'map' },
      { page: 'lines' },
      { page: 'line', id: 3 },
      { page: 'inspect', lineId: 3 },
      { page: 'inspection', id: 7 },
      { page: 'marker', id: 12 },
      { page: 'divisions' },
    ]
    for (const route of routes) expect(boundariesRouteOf(pathOfBoundariesRoute(route))).toEqual(route)
    expect(boundariesHref({ page: 'dashboard' })).toBe('#boundaries')
    expect(boundariesHref({ page: 'inspect', lineId: 4 })).toBe('#boundaries/line/4/inspect')
  })

  it('sends anything it cannot read to the dashboard', () => {
    for (const path of ['line/0', 'line/abc', 'marker/', 'marker/99999999999', 'nonsense']) expect(boundariesRouteOf(path)).toEqual({ page: 'dashboard' })
  })
})

describe('boundary map features', () => {
  const marker = (id: number, condition: string, lng: number | null): BoundaryMarker => ({
    id,
    lineId: 1,
    lineCode: 'L1',
    lineName: '甲—乙线',
    number: `L1${String(id).padStart(3, '0')}Q`,
    sequence: id,
    typeCode: 'Q',
    form: '',
    material: '',
    lng,
    lat: lng === null ? null : 41.7,
    elevationM: null,
    setOn: null,
    locationDescription: '',
    referenceObjects: null,
    condition,
    note: '',
    version: 1,
    coordinatesHidden: lng === null,
  })

  it('colours markers by condition and leaves out those whose coordinates are hidden', () => {
    const features = markerPointFeatures([marker(1, 'intact', 123.4), marker(2, 'damaged', 123.5), marker(3, 'lost', null), marker(4, 'moved', 123.6)]).features
    expect(features.map((feature) => [feature.properties.id, feature.properties.color])).toEqual([
      [1, MARKER_CONDITION_COLORS.intact],
      [2, MARKER_CONDITION_COLORS.damaged],
      [4, MARKER_CONDITION_COLORS.moved],
    ])
    expect(MARKER_CONDITION_COLORS.lost).toBe(MARKER_CONDITION_COLORS.removed)
    expect(MARKER_CONDITION_COLORS.displaced).toBe(MARKER_CONDITION_COLORS.moved)
  })

  it('draws only line geometries', () => {
    const lines = linePathFeatures([
      { id: 1, name: 'a', status: 'overdue', geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 1]]] } },
      { id: 2, name: 'b', status: 'ok', geometry: null },
      { id: 3, name: 'c', status: 'ok', geometry: { type: 'Point', coordinates: [0, 0] } },
    ])
    expect(lines.features.map((feature) => feature.properties.id)).toEqual([1])
  })

  it('tells the date in China whatever the browser’s time zone', () => {
    expect(todayInChina(new Date('2025-03-01T16:30:00Z'))).toBe('2025-03-02')
    expect(todayInChina(new Date('2025-03-01T15:59:00Z'))).toBe('2025-03-01')
  })
})
