import { describe, expect, it } from 'vitest'
import type { Extent } from '../../../server/geo/find-points-outside-extent.ts'
import { reportPointsOutsideDistrict } from '../../../server/geo/report-points-outside-district.ts'

/** The demo district's divisions, roughly. */
const district: Extent = [123.39, 41.705, 123.4362, 41.7321]
/** A degree of longitude at 41.7° N, in metres. */
const mPerDegLng = 83_138

describe('reportPointsOutsideDistrict', () => {
  it('lets points within a kilometre of the extent through and names the row and field of those beyond', () => {
    const problems = reportPointsOutsideDistrict(
      [
        { row: 2, field: 'lng', positions: [[123.41, 41.71]] },
        { row: 3, field: 'lng', positions: [[123.4362 + 900 / mPerDegLng, 41.71]] },
        { row: 4, field: 'geometry', positions: [[123.41, 41.71], [123.4362 + 1500 / mPerDegLng, 41.71]] },
        { row: 5, field: 'lng', positions: [] },
      ],
      district,
    )
    expect(problems.map((p) => [p.row, p.field])).toEqual([[4, 'geometry']])
    expect(problems[0]!.message).toMatch(/lies 1\.5 km outside/)
    expect(problems[0]!.message).not.toMatch(/wrong coordinate system/)
  })

  it('asks about the coordinate system when most rows are outside, and reports metres read as degrees', () => {
    const problems = reportPointsOutsideDistrict(
      [
        { row: 2, field: 'lng', positions: [[120.41, 41.71]] },
        { row: 3, field: 'lng', positions: [[534_612, 4_619_232]] },
        { row: 4, field: 'lng', positions: [[123.41, 41.71]] },
      ],
      district,
    )
    expect(problems.map((p) => p.row)).toEqual([2, 3])
    expect(problems.every((p) => /2 of 3 rows fall outside: wrong coordinate system\?/.test(p.message))).toBe(true)
    expect(problems[1]!.message).toMatch(/534612, 4619232 is not a longitude\/latitude/)
  })
})
