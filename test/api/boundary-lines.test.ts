import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

interface LineSummary {
  id: number
  code: string
  name: string
  leftCode: string
  rightCode: string
  lengthM: number
  source: string
  markerCount: number
  status: string
  nextDueYear: number | null
}
interface Marker {
  id: number
  lineId: number
  number: string
  lng: number | null
  lat: number | null
  elevationM: number | null
  referenceObjects: unknown[] | null
  coordinatesHidden: boolean
  condition: string
  version: number
}

const REFS = [
  { name: '桥头', azimuthDeg: 10, distanceM: 50 },
  { name: '电杆', azimuthDeg: 120, distanceM: 12.5 },
  { name: '水井', azimuthDeg: 250, distanceM: 30 },
]

describe('boundary lines and markers', () => {
  let t: TestApp
  let editor: SessionHeaders
  let viewer: SessionHeaders

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: SessionHeaders = editor) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const auditActions = async (entity: string, id: number) =>
    (await t.db.pool.query<{ action: string }>('SELECT action FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id', [entity, String(id)])).rows.map((r) => r.action)

  beforeAll(async () => {
    t = await createTestApp()
    editor = await signInWithRoles(t.app, ['boundary_editor'])
    viewer = await signInWithRoles(t.app, ['viewer'])
  })
  afterAll(async () => t?.close())

  it('comes with the demo’s lines between its sub-districts, derived from shared edges, with markers', async () => {
    const { lines } = (await send('GET', '/api/boundaries/lines')).json<{ lines: LineSummary[] }>()
    expect(lines.map((l) => l.code)).toEqual(['210190001002', '210190001003', '210190002003'])
    expect(lines[0]!.name).toBe('浦江街道—北陵街道线')
    expect(lines.every((l) => l.source === 'derived' && l.lengthM > 1000 && l.markerCount >= 3)).toBe(true)
    expect(lines[0]!.lengthM).toBeCloseTo(2163.4, 0)
    const markers = (await send('GET', `/api/boundaries/markers?lineId=${lines[0]!.id}`)).json<{ markers: Marker[] }>().markers
    expect(markers.map((m) => m.number)).toEqual(['210190001002001Q', '210190001002002A', '210190001002002B', '210190001002003Q'])
  })

  it('derives nothing twice: pairs that have a line are skipped and listed', async () => {
    const response = await send('POST', '/api/boundaries/lines/derive', { parentCode: '210190000000', level: 'township' })
    expect(response.statusCode).toBe(200)
    const body = response.json<{ created: unknown[]; skipped: { leftCode: string; rightCode: string; reason: string }[] }>()
    expect(body.created).toEqual([])
    expect(body.skipped).toHaveLength(3)
    expect(body.skipped[0]).toMatchObject({ leftCode: '210190001000', rightCode: '210190002000' })
  })

  it('derives the lines between the communities of a sub-district, audited', async () => {
    const response = await send('POST', '/api/boundaries/lines/derive', { parentCode: '210190001000', level: 'township' })
    const { created } = response.json<{ created: LineSummary[] }>()
    expect(created.length).toBeGreaterThan(0)
    for (const line of created) {
      expect(line.code).toMatch(/^210190001\d{6}$/)
      expect(line.name).toMatch(/^.+社区—.+社区线$/)
      expect(line.lengthM).toBeGreaterThan(0)
      expect(await auditActions('boundary-line', line.id)).toEqual(['derive'])
    }
    expect((await send('POST', '/api/boundaries/lines/derive', { parentCode: '999999999999', level: 'township' })).statusCode).toBe(400)
  })

  it('records, edits and refuses stale edits of a line; lines cannot be deleted', async () => {
    const created = await send('POST', '/api/boundaries/lines', {
      code: 'TEST01',
      name: '测试线',
      level: 'township',
      leftCode: '210190001001',
      rightCode: '210190003001',
      geometry: { type: 'LineString', coordinates: [[123.40, 41.70], [123.41, 41.70]] },
      agreementDate: '2022-03-01',
      inspectionCycleYears: 5,
    })
    expect(created.statusCode).toBe(201)
    const line = created.json<LineSummary & { version: number; detailed: boolean; leftName: string; nextDueYear: number }>()
    expect(line).toMatchObject({ source: 'drawn', detailed: true, leftName: '景星社区', nextDueYear: 2027, markerCount: 0 })
    expect(line.lengthM).toBeGreaterThan(800)
    expect((await send('POST', '/api/boundaries/lines', { code: 'TEST01', name: 'x', level: 'township', leftCode: '210190001001', rightCode: '210190001002' })).json<{ detail: string }>().detail).toMatch(/^code: line \d+ already has/)
    const bad = await send('POST', '/api/boundaries/lines', { code: 'TEST02', name: 'x', level: 'township', leftCode: '210190001001', rightCode: '210190003005' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json<{ detail: string }>().detail).toMatch(/^geometry: .*share no edge/)

    const body = { code: 'TEST01', name: '测试线（改）', level: 'township', leftCode: '210190001001', rightCode: '210190003001', geometry: { type: 'LineString', coordinates: [[123.40, 41.70], [123.42, 41.70]] } }
    const edited = await send('PUT', `/api/boundaries/lines/${line.id}`, { ...body, version: line.version })
    expect(edited.statusCode).toBe(200)
    expect(edited.json<{ version: number; name: string }>()).toMatchObject({ version: 2, name: '测试线（改）' })
    const stale = await send('PUT', `/api/boundaries/lines/${line.id}`, { ...body, name: 'lost', version: 1 })
    expect(stale.statusCode).toBe(409)
    expect(stale.json<{ current: { version: number; name: string } }>().current).toMatchObject({ version: 2, name: '测试线（改）' })
    expect(await auditActions('boundary-line', line.id)).toEqual(['create', 'update'])
    expect((await send('PUT', `/api/boundaries/lines/${line.id}`, { ...body, version: 2 }, viewer)).statusCode).toBe(403)
    expect([404, 405]).toContain((await t.app.inject({ method: 'DELETE', url: `/api/boundaries/lines/${line.id}`, headers: editor })).statusCode)
  })

  it('numbers markers, keeps their condition history and refuses mixed sequences', async () => {
    const { lines } = (await send('GET', '/api/boundaries/lines?q=东湖')).json<{ lines: LineSummary[] }>()
    const line = lines.find((l) => l.code === '210190001003')!
    const base = { lineId: line.id, lng: 123.41587, lat: 41.7062, referenceObjects: REFS, setOn: '2020-04-02' }
    const created = await send('POST', '/api/boundaries/markers', { ...base, sequence: 7, typeCode: 'A', elevationM: 41.5 })
    expect(created.statusCode).toBe(201)
    const marker = created.json<Marker>()
    expect(marker).toMatchObject({ number: '210190001003007A', coordinatesHidden: false, condition: 'intact' })
    expect((await send('POST', '/api/boundaries/markers', { ...base, sequence: 7, typeCode: 'B' })).statusCode).toBe(201)
    const mixed = await send('POST', '/api/boundaries/markers', { ...base, sequence: 7, typeCode: 'Q' })
    expect(mixed.statusCode).toBe(400)
    expect(mixed.json<{ detail: string }>().detail).toMatch(/^typeCode: sequence 007 would hold types A, B, Q: a number holds one Q, or A\+B/)
    const twice = await send('POST', '/api/boundaries/markers', { ...base, sequence: 7, typeCode: 'A' })
    expect(twice.json<{ detail: string }>().detail).toMatch(/already has a marker of type A/)
    const fewRefs = await send('POST', '/api/boundaries/markers', { ...base, sequence: 8, typeCode: 'Q', referenceObjects: REFS.slice(0, 2) })
    expect(fewRefs.statusCode).toBe(400)
    expect(fewRefs.json<{ detail: string }>().detail).toMatch(/referenceObjects/)

    const edit = { sequence: 7, typeCode: 'A', lng: 123.41587, lat: 41.7062, referenceObjects: REFS, setOn: '2020-04-02', condition: 'damaged', note: '被车辆撞歪', version: marker.version }
    const edited = await send('PUT', `/api/boundaries/markers/${marker.id}`, edit)
    expect(edited.statusCode).toBe(200)
    expect((await send('PUT', `/api/boundaries/markers/${marker.id}`, edit)).statusCode).toBe(409)
    const detail = (await send('GET', `/api/boundaries/markers/${marker.id}`)).json<{ conditionHistory: { condition: string; source: string; observedOn: string }[] }>()
    expect(detail.conditionHistory.map((c) => [c.condition, c.source])).toEqual([['intact', 'recorded'], ['damaged', 'edit']])
    expect(detail.conditionHistory[0]!.observedOn).toBe('2020-04-02')
    expect(await auditActions('boundary-marker', marker.id)).toEqual(['create', 'update'])
  })

  it('hides marker coordinates and detailed lines from a viewer everywhere, and shows them to an editor', async () => {
    const { lines } = (await send('GET', '/api/boundaries/lines')).json<{ lines: LineSummary[] }>()
    const line = lines.find((l) => l.code === '210190001002')!
    const full = (await send('GET', `/api/boundaries/lines/${line.id}`)).json<{ detailed: boolean; markers: Marker[]; geometry: { coordinates: number[][][] } }>()
    expect(full.detailed).toBe(true)
    const shown = full.markers[0]!
    expect(shown.lng).not.toBeNull()
    expect(shown.referenceObjects).toHaveLength(3)
    const digits = [shown.lng, shown.lat].map((v) => String(v).slice(0, 10))

    const responses = [
      await send('GET', '/api/boundaries/markers', undefined, viewer),
      await send('GET', `/api/boundaries/markers/${shown.id}`, undefined, viewer),
      await send('GET', `/api/boundaries/lines/${line.id}`, undefined, viewer),
      await send('GET', '/api/boundaries/lines.geojson', undefined, viewer),
      await t.app.inject({ method: 'GET', url: `/api/boundaries/lines/${line.id}` }),
    ]
    for (const response of responses) {
      expect(response.statusCode).toBe(200)
      for (const d of digits) expect(response.body).not.toContain(d)
      expect(response.body).not.toContain('桥头')
    }
    const hidden = responses[1]!.json<Marker>()
    expect(hidden).toMatchObject({ lng: null, lat: null, elevationM: null, referenceObjects: null, coordinatesHidden: true, number: shown.number })
    const simplified = responses[2]!.json<{ detailed: boolean; geometry: { coordinates: number[][][] } }>()
    expect(simplified.detailed).toBe(false)
    expect(simplified.geometry.coordinates.flat().length).toBeLessThan(full.geometry.coordinates.flat().length)
    expect((await send('GET', '/api/boundaries/markers.geojson', undefined, viewer)).statusCode).toBe(403)
    const exported = await send('GET', '/api/boundaries/markers.geojson')
    expect(exported.statusCode).toBe(200)
    expect(exported.body).toContain(digits[0]!)
  })
})
