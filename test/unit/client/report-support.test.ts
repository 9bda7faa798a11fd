import { describe, expect, it } from 'vitest'
import { ApiError, attachmentName } from '../../../client/api/http.ts'
import { problemField, reportDownloadUrl, staleStandardSet } from '../../../client/api/standards.ts'
import type { DivisionCollection } from '../../../client/api/layers.ts'
import { reportStatusFeatures } from '../../../client/map/report-status-features.ts'
import { hashOfView, viewOfHash } from '../../../client/state/app-view.svelte.ts'
import { sampleReport } from './report-fixture.ts'

describe('the report view in the URL', () => {
  it('is #report; anything else is the map', () => {
    expect(['#report', 'report', '#report?set=2', '', '#', '#map', '#reports'].map(viewOfHash)).toEqual([
      'report',
      'report',
      'report',
      'map',
      'map',
      'map',
      'map',
    ])
    expect(hashOfView('report')).toBe('#report')
    expect(hashOfView('map')).toBe('')
  })
})

describe('standard-set errors from the server', () => {
  it('point at the field a refusal names, in either of the server’s forms', () => {
    expect(problemField('body/rules/1/threshold must be >= 0')).toEqual({ rule: 1, field: 'threshold' })
    expect(problemField('rules[2].code: "cs" is used by an earlier rule')).toEqual({ rule: 2, field: 'code' })
    expect(problemField('body/rules/0/appliesTo/area must be equal to one of the allowed values')).toEqual({ rule: 0, field: 'appliesTo' })
    expect(problemField('body/name must NOT have fewer than 1 characters')).toEqual({ rule: null, field: 'name' })
    expect(problemField('name: must not be blank')).toEqual({ rule: null, field: 'name' })
    expect(problemField('standard set 1 is the default')).toBeNull()
    expect(problemField(null)).toBeNull()
  })

  it('read the stored set from a 409 on a stale save, and nothing from other refusals', () => {
    const current = { id: 4, name: '副本', version: 3, rules: [] }
    expect(staleStandardSet(new ApiError('/api/standard-sets/4', 'http', 409, undefined, 'stale', { current }))).toEqual(current)
    expect(staleStandardSet(new ApiError('/api/standard-sets/4', 'http', 409, undefined, 'name taken', { detail: 'name taken' }))).toBeNull()
    expect(staleStandardSet(new ApiError('/api/standard-sets/4', 'http', 400, undefined, 'bad', { current }))).toBeNull()
    expect(staleStandardSet(new Error('x'))).toBeNull()
  })
})

describe('report files', () => {
  it('are linked with the set and its version', () => {
    expect(reportDownloadUrl('csv', { set: 3, version: 2 })).toBe('/api/report/communities.csv?set=3&version=2')
    expect(reportDownloadUrl('xlsx', {})).toBe('/api/report/communities.xlsx')
  })

  it('keep the name the server gives them', () => {
    expect(attachmentName('attachment; filename="coverage-home_care-what-if.geojson"')).toBe('coverage-home_care-what-if.geojson')
    expect(attachmentName("attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.csv")).toBe('报告.csv')
    expect(attachmentName('attachment; filename=plain.csv')).toBe('plain.csv')
    expect(attachmentName('attachment')).toBeNull()
    expect(attachmentName(null)).toBeNull()
  })
})

describe('the status map of a report', () => {
  it('colours each community of the report by its status and leaves out other divisions', () => {
    const report = sampleReport()
    const geometry = { type: 'MultiPolygon' as const, coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 0]]]] }
    const division = (code: string, level: 'district' | 'subdistrict' | 'community') => ({
      type: 'Feature' as const,
      geometry,
      properties: { code, name: code, level, parentCode: null, urbanRural: 'urban' as const, households: 1, population: 1, elderlyPopulation: 1 },
    })
    const divisions: DivisionCollection = {
      type: 'FeatureCollection',
      features: [division('210190000000', 'district'), division('210190001000', 'subdistrict'), ...report.communities.map((c) => division(c.code, 'community')), division('210190009999', 'community')],
    }
    const features = reportStatusFeatures(divisions, report).features
    expect(features.map((f) => [f.properties.name, f.properties.status, f.properties.flags])).toEqual([
      ['甲社区', 'pass', 0],
      ['乙社区', 'fail', 1],
      ['丙社区', 'fail', 1],
      ['丁社区', 'cannot-evaluate', 0],
    ])
    expect(features[0]!.geometry).toBe(geometry)
  })
})
