import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp('demo')
})
afterAll(async () => t?.close())

interface Report {
  bands: { limitsM: number[]; speedKmh: number }
  networkVersion: number
  facilities: { id: number; snapped: boolean; snapDistanceM: number | null }[]
  compounds: { id: number; communityCode: string; households: number; distanceM: number | null; minutes: number | null; band: number | null; nearestFacilityId: number | null }[]
  divisions: {
    code: string
    level: string
    households: number
    compounds: number
    compoundsUnreachable: number
    medianMinutes: number | null
    bands: { limitM: number; households: number; householdShare: number | null }[]
  }[]
}

async function coverage(query: string): Promise<Report> {
  const res = await t.app.inject(`/api/coverage?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as Report
}

describe('GET /api/coverage', () => {
  it('turns 5/10/15 minutes at 4 km/h into 333, 667 and 1,000 m, and other speeds and distance bands as asked', async () => {
    expect((await coverage('kind=home_care')).bands.limitsM.map(Math.round)).toEqual([333, 667, 1000])
    expect((await coverage('kind=home_care&speed=elderly')).bands.limitsM.map(Math.round)).toEqual([250, 500, 750])
    expect((await coverage('kind=home_care&mode=distance&bands=1000,300,500')).bands.limitsM).toEqual([300, 500, 1000])
  })

  it('counts households from walking distances at the gates, band by band, and the bands nest', async () => {
    const report = await coverage('kind=home_care')
    const byCommunity = new Map<string, Report['compounds']>()
    for (const c of report.compounds) byCommunity.set(c.communityCode, [...(byCommunity.get(c.communityCode) ?? []), c])
    for (const d of report.divisions.filter((x) => x.level === 'community')) {
      const own = byCommunity.get(d.code) ?? []
      d.bands.forEach((band, i) => {
        const expected = own.filter((c) => c.distanceM !== null && c.distanceM <= band.limitM).reduce((n, c) => n + c.households, 0)
        expect(band.households, `${d.code} band ${i}`).toBe(expected)
        if (i > 0) expect(band.households).toBeGreaterThanOrEqual(d.bands[i - 1]!.households)
      })
    }
    for (const c of report.compounds) {
      if (c.distanceM === null) continue
      const band = report.bands.limitsM.findIndex((limit) => c.distanceM! <= limit)
      expect(c.band).toBe(band < 0 ? null : band)
      expect(c.minutes!).toBeCloseTo(c.distanceM / (4000 / 60), 9)
    }
  })

  it('rolls communities up to sub-districts and the district', async () => {
    const report = await coverage('kind=community_service')
    const district = report.divisions.find((d) => d.level === 'district')!
    const communities = report.divisions.filter((d) => d.level === 'community')
    expect(district.households).toBe(communities.reduce((n, c) => n + c.households, 0))
    expect(district.bands[2]!.households).toBe(communities.reduce((n, c) => n + c.bands[2]!.households, 0))
    expect(district.compounds).toBe(report.compounds.length)
    expect(district.compoundsUnreachable).toBe(0)
    expect(district.medianMinutes).toBeGreaterThan(0)
  })

  it('snaps every demo facility onto the network and names its nearest facility for every compound', async () => {
    const report = await coverage('kind=home_care')
    expect(report.facilities.length).toBeGreaterThan(5)
    for (const f of report.facilities) {
      expect(f.snapped).toBe(true)
      expect(f.snapDistanceM!).toBeLessThan(50)
    }
    const ids = new Set(report.facilities.map((f) => f.id))
    for (const c of report.compounds) expect(ids.has(c.nearestFacilityId!)).toBe(true)
  })

  it('leaves some demo households beyond a 15-minute walk of home care, as the demo intends', async () => {
    const district = (await coverage('kind=home_care')).divisions.find((d) => d.level === 'district')!
    expect(district.bands[2]!.householdShare!).toBeLessThan(1)
    expect(district.bands[2]!.householdShare!).toBeGreaterThan(0.3)
  })

  it('rebuilds the walk graph when the network changes', async () => {
    const before = await coverage('kind=home_care')
    await t.db.pool.query(`UPDATE network_edges SET length_m = length_m WHERE id = (SELECT min(id) FROM network_edges)`)
    const after = await coverage('kind=home_care')
    expect(after.networkVersion).toBe(before.networkVersion + 1)
  })

  it('answers bad parameters with a 400 problem naming the parameter', async () => {
    const unknown = await t.app.inject('/api/coverage?kind=spa')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().detail).toBe('unknown facility kind "spa"')
    const zero = await t.app.inject('/api/coverage?kind=home_care&bands=0,5')
    expect(zero.statusCode).toBe(400)
    expect(zero.json().detail).toMatch(/each band must be above 0/)
    const letters = await t.app.inject('/api/coverage?kind=home_care&bands=five')
    expect(letters.statusCode).toBe(400)
    const missing = await t.app.inject('/api/coverage')
    expect(missing.statusCode).toBe(400)
  })
})
