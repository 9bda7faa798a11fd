import { describe, expect, it } from 'vitest'
import {
  communityRows,
  countByStatus,
  filterRows,
  nextSortOrder,
  ruleSortKey,
  sortRows,
} from '../../../client/components/report/report-rows.ts'
import { AREA_RULE, WALK_RULE, sampleReport } from './report-fixture.ts'

const names = (rows: { unit: { name: string } }[]) => rows.map((row) => row.unit.name)

describe('the community table of the standards report', () => {
  const rows = communityRows(sampleReport())

  it('names each community’s sub-district and counts its flags', () => {
    expect(rows.map((row) => [row.unit.name, row.subdistrict, row.flags, row.cannotEvaluate])).toEqual([
      ['甲社区', '东街道', 0, 0],
      ['乙社区', '东街道', 1, 0],
      ['丙社区', '西街道', 1, 0],
      ['丁社区', '西街道', 0, 1],
    ])
  })

  it('sorts by a number column either way, ties in report order', () => {
    expect(names(sortRows(rows, { key: 'households', descending: true }))).toEqual(['乙社区', '丙社区', '甲社区', '丁社区'])
    expect(names(sortRows(rows, { key: 'households', descending: false }))).toEqual(['丁社区', '甲社区', '丙社区', '乙社区'])
    expect(names(sortRows(rows, { key: 'flags', descending: true }))).toEqual(['乙社区', '丙社区', '甲社区', '丁社区'])
  })

  it('sorts by status with the worst first when descending', () => {
    expect(names(sortRows(rows, { key: 'status', descending: true }))).toEqual(['乙社区', '丙社区', '丁社区', '甲社区'])
  })

  it('sorts Chinese names by the zh-CN collation', () => {
    const sorted = names(sortRows(rows, { key: 'name', descending: false }))
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b, 'zh-CN')))
  })

  it('sorts a rule column by the measured value, and puts communities without one last in both directions', () => {
    const key = ruleSortKey(AREA_RULE.code)
    expect(names(sortRows(rows, { key, descending: false }))).toEqual(['乙社区', '丙社区', '甲社区', '丁社区'])
    expect(names(sortRows(rows, { key, descending: true }))).toEqual(['甲社区', '丙社区', '乙社区', '丁社区'])
    expect(names(sortRows(rows, { key: ruleSortKey(WALK_RULE.code), descending: true })).at(-1)).toBe('丁社区')
  })

  it('flips the direction on a second click, and starts text columns A–Z and number columns largest first', () => {
    expect(nextSortOrder({ key: 'code', descending: false }, 'code')).toEqual({ key: 'code', descending: true })
    expect(nextSortOrder({ key: 'code', descending: false }, 'name')).toEqual({ key: 'name', descending: false })
    expect(nextSortOrder({ key: 'code', descending: false }, 'households')).toEqual({ key: 'households', descending: true })
    expect(nextSortOrder({ key: 'code', descending: false }, ruleSortKey('x'))).toEqual({ key: 'rule:x', descending: true })
  })

  it('filters by status, never counting cannot-evaluate as passing', () => {
    expect(names(filterRows(rows, { status: 'pass', rule: null }))).toEqual(['甲社区'])
    expect(names(filterRows(rows, { status: 'cannot-evaluate', rule: null }))).toEqual(['丁社区'])
    expect(countByStatus(rows)).toEqual({ pass: 1, fail: 2, 'cannot-evaluate': 1 })
  })

  it('filters to the communities a rule flags, combined with the status filter', () => {
    expect(names(filterRows(rows, { status: 'all', rule: AREA_RULE.code }))).toEqual(['乙社区'])
    expect(names(filterRows(rows, { status: 'all', rule: WALK_RULE.code }))).toEqual(['丙社区'])
    expect(filterRows(rows, { status: 'pass', rule: WALK_RULE.code })).toEqual([])
  })
})
