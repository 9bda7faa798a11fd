import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'

describe('GET /api/coordinate-systems', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => t?.close())

  it('lists the longitude/latitude systems, then every CGCS2000 Gauss–Krüger zone, with labels', async () => {
    const response = await t.app.inject({ url: '/api/coordinate-systems' })
    expect(response.statusCode).toBe(200)
    const { systems } = response.json<{ systems: { id: string; kind: string; epsg: number | null; labelZh: string; labelEn: string; centralMeridianDeg?: number; zonePrefix?: boolean }[] }>()
    expect(systems.slice(0, 4).map((s) => s.id)).toEqual(['wgs84', 'cgcs2000', 'gcj02', 'bd09'])
    expect(systems).toHaveLength(4 + 64)
    expect(systems.find((s) => s.id === 'EPSG:4529')).toMatchObject({ kind: 'gauss-kruger', epsg: 4529, centralMeridianDeg: 123, zonePrefix: true, labelZh: expect.stringContaining('第41带') })
    expect(systems.every((s) => s.labelZh !== '' && s.labelEn !== '')).toBe(true)
  })
})
