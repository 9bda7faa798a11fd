import { describe, expect, it } from 'vitest'
import type { CoverageFacility, CoverageReport } from '../../../client/api/coverage.ts'
import type { DivisionCollection } from '../../../client/api/layers.ts'
import { snapFeatures } from '../../../client/map/snap-features.ts'
import { whatIfFeatures } from '../../../client/map/what-if-features.ts'
import { communityCoverageFile } from '../../../client/state/community-coverage-file.ts'
import { applyChanges } from '../../../client/state/facility-changes.ts'

function facility(id: number, status: CoverageFacility['status'], position: [number, number], snapDistanceM: number): CoverageFacility {
  return { id, name: `站 ${id}`, status, position, snapped: true, lng: position[0] + 0.0001, lat: position[1], snapDistanceM, problem: null }
}

describe('what-if map features', () => {
  it('mark added and moved facilities, the old spot of a moved one, and removed ones; label only the changed', () => {
    const facilities = applyChanges(
      [
        { id: 1, name: '甲', position: [0, 0] },
        { id: 2, name: '乙', position: [1, 1] },
        { id: 3, name: '丙', position: [2, 2] },
      ],
      [
        { op: 'move', facilityId: 1, lng: 0.5, lat: 0.5 },
        { op: 'remove', facilityId: 2 },
        { op: 'add', lng: 3, lat: 3 },
      ],
    )
    const collection = whatIfFeatures(facilities, -1, (f) => f.name ?? `新增 ${f.ordinal}`)
    const summary = collection.features.map((f) => [f.geometry.type, f.properties.facilityId, f.properties.mark, f.properties.label, f.properties.picked])
    expect(summary).toEqual([
      ['LineString', 1, 'origin', '', false],
      ['Point', 1, 'origin', '', false],
      ['Point', 1, 'moved', '甲', false],
      ['Point', 2, 'removed', '', false],
      ['Point', 3, 'unchanged', '', false],
      ['Point', -1, 'added', '新增 1', true],
    ])
    expect(collection.features[0]!.geometry).toEqual({ type: 'LineString', coordinates: [[0, 0], [0.5, 0.5]] })
  })

  it('draw snapped points from where each facility stands, leaving out removed ones', () => {
    const snaps = snapFeatures([facility(1, 'unchanged', [0, 0], 7), facility(-1, 'added', [3, 3], 0), facility(2, 'removed', [1, 1], 5)])
    expect(snaps.features.map((f) => [f.geometry.type, f.properties.facilityId])).toEqual([
      ['Point', 1],
      ['LineString', 1],
      ['Point', -1],
    ])
    expect(snaps.features[1]!.geometry).toEqual({ type: 'LineString', coordinates: [[0, 0], [0.0001, 0]] })
  })
})

describe('the community coverage file of unsaved changes', () => {
  it('lays communities out as the server’s communities.geojson does', () => {
    const totals = (households: number) => ({ limitM: 1000, households, population: 10, elderlyPopulation: 3, compounds: 1, householdShare: households / 100 })
    const community = {
      code: '210190001001', name: '万柳社区', level: 'community' as const, parentCode: '210190001000', households: 100, population: 250,
      elderlyPopulation: 60, compounds: 2, bands: [totals(40)], medianDistanceM: 500, p90DistanceM: 900, medianMinutes: 7.5, p90Minutes: 13.5,
      compoundsUnreachable: 0,
    }
    const report: CoverageReport = {
      kind: 'home_care',
      bands: { mode: 'time', speedKmh: 4, bands: [15], limitsM: [1000] },
      networkVersion: 2,
      dataVersion: 5,
      scenario: { id: null, name: null, changes: 1 },
      facilities: [],
      compounds: [],
      divisions: [{ ...community, code: '210190000000', level: 'district', parentCode: null }, community],
    }
    const geometry = { type: 'MultiPolygon' as const, coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] }
    const divisions: DivisionCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry, properties: { code: '210190000000', name: '演示区', level: 'district', parentCode: null, urbanRural: 'urban', households: 100, population: 250, elderlyPopulation: 60 } },
        { type: 'Feature', geometry, properties: { code: '210190001001', name: '万柳社区', level: 'community', parentCode: '210190001000', urbanRural: 'urban', households: 100, population: 250, elderlyPopulation: 60 } },
      ],
    }
    const file = communityCoverageFile(report, divisions, '2026-01-01T00:00:00.000Z')
    expect(file.properties).toEqual({
      kind: 'home_care', mode: 'time', bands: [15], limitsM: [1000], speedKmh: 4, networkVersion: 2, dataVersion: 5,
      scenario: { id: null, name: null, changes: 1 }, crs: 'EPSG:4326', generatedAt: '2026-01-01T00:00:00.000Z',
    })
    expect(file.features).toHaveLength(1)
    expect(file.features[0]).toMatchObject({ id: '210190001001', geometry })
    expect(file.features[0]!.properties).toEqual({
      code: '210190001001', name: '万柳社区', households: 100, population: 250, elderlyPopulation: 60, compounds: 2,
      compoundsUnreachable: 0, medianMinutes: 7.5, p90Minutes: 13.5, households_15: 40, share_15: 0.4, elderly_15: 3,
    })
  })
})
