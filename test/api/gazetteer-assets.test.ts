import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

/** A real 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
/** The start of a JPEG file. */
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])

interface Community {
  code: string
  name: string
  subdistrict: string
  district: string
  lng: number
  lat: number
}

describe('gazetteer assets: protected names, signs, door plates and certificates', () => {
  let t: TestApp
  let editor: SessionHeaders
  let viewer: SessionHeaders
  let road: number
  let community: Community

  const insertPlace = async (fields: { category?: string; name: string; romanization?: string; status?: string }) =>
    (
      await t.db.pool.query<{ id: number }>(
        `INSERT INTO places (category, standard_name, romanization, status, division_codes, geom)
         VALUES ($1, $2, $3, $4, '{}', ST_GeomFromText('LINESTRING(123.40 41.80, 123.41 41.80)', 4326)) RETURNING id`,
        [fields.category ?? 'transport-facilities', fields.name, fields.romanization ?? '', fields.status ?? 'current'],
      )
    ).rows[0]!.id
  const auditTrail = async (entity: string, entityId: number) =>
    (await t.db.pool.query<{ action: string; actor_name: string; reason: string | null }>('SELECT action, actor_name, reason FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id', [entity, String(entityId)])).rows
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers: SessionHeaders = editor) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const upload = (signId: number, body: Buffer | string, contentType: string, filename?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/gazetteer/signs/${signId}/photos${filename === undefined ? '' : `?filename=${encodeURIComponent(filename)}`}`,
      headers: { ...editor, 'content-type': contentType },
      payload: body,
    })

  beforeAll(async () => {
    t = await createTestApp('demo', { guestAccess: false })
    editor = await signInWithRoles(t.app, ['place_name_editor'])
    viewer = await signInWithRoles(t.app, ['viewer'])
    road = await insertPlace({ name: '长青路', romanization: 'Changqing Lu' })
    community = (
      await t.db.pool.query<Community>(
        `SELECT c.code, c.name, s.name AS subdistrict, d.name AS district,
                ST_X(ST_PointOnSurface(c.geom)) AS lng, ST_Y(ST_PointOnSurface(c.geom)) AS lat
           FROM divisions c JOIN divisions s ON s.code = c.parent_code JOIN divisions d ON d.code = s.parent_code
          WHERE c.level = 'community' ORDER BY c.code LIMIT 1`,
      )
    ).rows[0]!
  })
  afterAll(() => t?.close())

  describe('the protection list', () => {
    it('lists a place with its name, romanization and status; edits with versions; deletes', async () => {
      const place = await insertPlace({ category: 'settlements', name: '老城里', romanization: 'Laochengli', status: 'historical' })
      const created = await send('POST', '/api/gazetteer/protected-names', { placeId: place, level: 'municipal', batch: '第一批', listedOn: '2021-06-10', valueStatement: '明清古城' })
      expect(created.statusCode, created.body).toBe(201)
      const entry = created.json()
      expect(entry).toMatchObject({
        placeId: place,
        place: { id: place, standardName: '老城里', romanization: 'Laochengli', status: 'historical', category: 'settlements' },
        level: 'municipal',
        batch: '第一批',
        listedOn: '2021-06-10',
        valueStatement: '明清古城',
        measures: '',
        version: 1,
      })
      expect(created.headers.location).toBe(`/api/gazetteer/protected-names/${entry.id}`)

      const again = await send('POST', '/api/gazetteer/protected-names', { placeId: place, level: 'county' })
      expect(again.statusCode).toBe(409)
      expect(again.json().detail).toContain(`as entry ${entry.id}`)
      const nowhere = await send('POST', '/api/gazetteer/protected-names', { placeId: 999999, level: 'county' })
      expect(nowhere.statusCode).toBe(400)
      expect(nowhere.json().detail).toBe('placeId: there is no place 999999')
      const badDate = await send('POST', '/api/gazetteer/protected-names', { placeId: road, level: 'county', listedOn: '2023-02-29' })
      expect(badDate.statusCode).toBe(400)
      expect(badDate.json().detail).toContain('listedOn')

      const listed = (await send('GET', `/api/gazetteer/protected-names?placeId=${place}`)).json().protectedNames
      expect(listed).toEqual([entry])
      expect((await send('GET', '/api/gazetteer/protected-names?level=national')).json().protectedNames).toEqual([])
      expect((await send('GET', '/api/gazetteer/protected-names?level=municipal', undefined, viewer)).json().protectedNames.map((e: { id: number }) => e.id)).toContain(entry.id)

      const edited = await send('PUT', `/api/gazetteer/protected-names/${entry.id}`, { level: 'provincial', batch: '第二批', listedOn: null, measures: '保留地名', version: 1 })
      expect(edited.statusCode, edited.body).toBe(200)
      expect(edited.json()).toMatchObject({ level: 'provincial', batch: '第二批', listedOn: null, valueStatement: '', measures: '保留地名', version: 2 })
      const stale = await send('PUT', `/api/gazetteer/protected-names/${entry.id}`, { level: 'county', version: 1 })
      expect(stale.statusCode).toBe(409)
      expect(stale.json().current).toMatchObject({ id: entry.id, level: 'provincial', version: 2 })
      expect((await send('PUT', '/api/gazetteer/protected-names/999999', { level: 'county', version: 1 })).statusCode).toBe(404)

      expect((await send('DELETE', `/api/gazetteer/protected-names/${entry.id}`)).statusCode).toBe(204)
      expect((await send('DELETE', `/api/gazetteer/protected-names/${entry.id}`)).statusCode).toBe(404)
      expect(await auditTrail('protected-name', entry.id)).toEqual([
        { action: 'create', actor_name: 'test-place-name-editor', reason: null },
        { action: 'update', actor_name: 'test-place-name-editor', reason: null },
        { action: 'delete', actor_name: 'test-place-name-editor', reason: null },
      ])
    })
  })

  describe('signs', () => {
    it('takes the place’s romanization when the pinyin is left out, and keeps a location', async () => {
      const created = await send('POST', '/api/gazetteer/signs', { placeId: road, signType: 'road', textZh: ' 长青路 ', location: { lng: 123.405, lat: 41.8 }, installedOn: '2020-05-01' })
      expect(created.statusCode, created.body).toBe(201)
      expect(created.json()).toMatchObject({
        placeId: road,
        place: { standardName: '长青路', romanization: 'Changqing Lu' },
        signType: 'road',
        textZh: '长青路',
        textPinyin: 'Changqing Lu',
        location: { lng: 123.405, lat: 41.8 },
        installedOn: '2020-05-01',
        condition: 'good',
        lastInspectedOn: null,
        photoCount: 0,
        version: 1,
      })
      const own = await send('POST', '/api/gazetteer/signs', { placeId: road, signType: 'guide', textZh: '长青路', textPinyin: 'CHANGQING LU', location: null })
      expect(own.json()).toMatchObject({ textPinyin: 'CHANGQING LU', location: null })
      expect(await auditTrail('place-sign', created.json().id)).toEqual([{ action: 'create', actor_name: 'test-place-name-editor', reason: null }])
    })

    it('refuses places that do not exist, points off the globe, dates that are not, and blank text', async () => {
      const cases: Array<[object, RegExp]> = [
        [{ placeId: 999999, signType: 'road', textZh: '长青路' }, /^placeId: there is no place 999999$/],
        [{ placeId: road, signType: 'road', textZh: '长青路', location: { lng: 123, lat: 91 } }, /location\/lat/],
        [{ placeId: road, signType: 'road', textZh: '长青路', location: { lng: 181, lat: 41 } }, /location\/lng/],
        [{ placeId: road, signType: 'road', textZh: '长青路', location: { lng: 123 } }, /location/],
        [{ placeId: road, signType: 'road', textZh: '长青路', installedOn: '2021-13-01' }, /installedOn/],
        [{ placeId: road, signType: 'road', textZh: '长青路', installedOn: '2021-1-01' }, /installedOn/],
        [{ placeId: road, signType: 'road', textZh: '长青路', installedOn: '0000-01-01' }, /installedOn/],
        [{ placeId: road, signType: 'road', textZh: '   ' }, /^textZh: must not be blank$/],
        [{ placeId: road, signType: 'road', textZh: '长'.repeat(101) }, /textZh/],
        [{ placeId: road, signType: 'road', textZh: '长青路', installedOn: '2022-01-01', lastInspectedOn: '2021-01-01' }, /^lastInspectedOn: /],
        [{ placeId: road, signType: 'billboard', textZh: '长青路' }, /signType/],
      ]
      for (const [payload, detail] of cases) {
        const response = await send('POST', '/api/gazetteer/signs', payload)
        expect(response.statusCode, JSON.stringify(payload)).toBe(400)
        expect(response.headers['content-type']).toContain('application/problem+json')
        expect(response.json().detail).toMatch(detail)
      }
    })

    it('lists by place and condition, and finds signs overdue for inspection', async () => {
      const place = await insertPlace({ name: '富民街', romanization: 'Fumin Jie' })
      const make = async (condition: string, lastInspectedOn: string | null) =>
        (await send('POST', '/api/gazetteer/signs', { placeId: place, signType: 'street', textZh: '富民街', condition, lastInspectedOn })).json().id as number
      const never = await make('good', null)
      const old = await make('worn', '2022-03-01')
      const recent = await make('good', '2024-09-01')
      await make('removed', '2020-01-01')
      const ids = async (query: string) => ((await send('GET', `/api/gazetteer/signs?${query}`)).json().signs as { id: number }[]).map((s) => s.id)
      expect((await ids(`placeId=${place}`)).length).toBe(4)
      expect(await ids(`placeId=${place}&condition=worn`)).toEqual([old])
      expect(await ids(`placeId=${place}&inspectedBefore=2024-01-01`)).toEqual([never, old])
      expect(await ids(`placeId=${place}&inspectedBefore=2025-01-01`)).toEqual([never, old, recent])
      expect((await send('GET', '/api/gazetteer/signs?inspectedBefore=2024-02-30')).statusCode).toBe(400)
    })

    it('saves an edit at the current version and answers a stale one with 409 and the stored sign', async () => {
      const sign = (await send('POST', '/api/gazetteer/signs', { placeId: road, signType: 'road', textZh: '长青路' })).json()
      const edited = await send('PUT', `/api/gazetteer/signs/${sign.id}`, { signType: 'road', textZh: '长青路', condition: 'damaged', lastInspectedOn: '2024-10-08', note: '被车撞弯', version: 1 })
      expect(edited.statusCode, edited.body).toBe(200)
      expect(edited.json()).toMatchObject({ condition: 'damaged', lastInspectedOn: '2024-10-08', note: '被车撞弯', textPinyin: 'Changqing Lu', version: 2 })
      const stale = await send('PUT', `/api/gazetteer/signs/${sign.id}`, { signType: 'road', textZh: '长青路', condition: 'good', version: 1 })
      expect(stale.statusCode).toBe(409)
      expect(stale.headers['content-type']).toContain('application/problem+json')
      expect(stale.json().current).toMatchObject({ id: sign.id, condition: 'damaged', version: 2 })
      expect((await send('PUT', '/api/gazetteer/signs/999999', { signType: 'road', textZh: '长青路', version: 1 })).statusCode).toBe(404)
      expect((await auditTrail('place-sign', sign.id)).map((e) => e.action)).toEqual(['create', 'update'])
    })

    it('takes a PNG photo, lists it, and gives the same bytes back with a safe download header', async () => {
      const sign = (await send('POST', '/api/gazetteer/signs', { placeId: road, signType: 'road', textZh: '长青路' })).json()
      const uploaded = await upload(sign.id, PNG, 'image/png', '长青路 路牌 "东".png')
      expect(uploaded.statusCode, uploaded.body).toBe(201)
      const file = uploaded.json()
      expect(file).toMatchObject({ kind: 'photo', signId: sign.id, caseId: null, filename: '长青路 路牌 "东".png', mediaType: 'image/png', sizeBytes: PNG.length, uploadedBy: 'test-place-name-editor' })
      expect(uploaded.headers.location).toBe(`/api/gazetteer/files/${file.id}`)

      const detail = (await send('GET', `/api/gazetteer/signs/${sign.id}`, undefined, viewer)).json()
      expect(detail.photoCount).toBe(1)
      expect(detail.photos).toEqual([{ id: file.id, filename: file.filename, mediaType: 'image/png', sizeBytes: PNG.length, uploadedBy: 'test-place-name-editor', uploadedAt: file.uploadedAt }])

      const download = await send('GET', `/api/gazetteer/files/${file.id}`, undefined, viewer)
      expect(download.statusCode).toBe(200)
      expect(download.rawPayload.equals(PNG)).toBe(true)
      expect(download.headers['content-type']).toBe('image/png')
      expect(download.headers['x-content-type-options']).toBe('nosniff')
      expect(download.headers['content-disposition']).toBe(`attachment; filename="___ __ ___.png"; filename*=UTF-8''%E9%95%BF%E9%9D%92%E8%B7%AF%20%E8%B7%AF%E7%89%8C%20%22%E4%B8%9C%22.png`)

      const named = await upload(sign.id, JPEG, 'image/jpeg', 'C:\\photos\\..\\east.jpg')
      expect(named.json()).toMatchObject({ filename: 'east.jpg', mediaType: 'image/jpeg' })
      const unnamed = await upload(sign.id, PNG, 'image/png; charset=binary')
      expect(unnamed.json()).toMatchObject({ filename: `sign-${sign.id}-photo.png`, mediaType: 'image/png' })

      expect((await send('DELETE', `/api/gazetteer/signs/${sign.id}/photos/${file.id}`)).statusCode).toBe(204)
      expect((await send('DELETE', `/api/gazetteer/signs/${sign.id}/photos/${file.id}`)).statusCode).toBe(404)
      expect((await send('GET', `/api/gazetteer/files/${file.id}`)).statusCode).toBe(404)
      expect((await send('GET', `/api/gazetteer/signs/${sign.id}`)).json().photos.map((p: { id: number }) => p.id)).toEqual([named.json().id, unnamed.json().id])
      expect((await auditTrail('gazetteer-file', file.id)).map((e) => e.action)).toEqual(['upload', 'delete'])
    })

    it('refuses photos that are not what they claim, other content types, empty and oversized bodies', async () => {
      const sign = (await send('POST', '/api/gazetteer/signs', { placeId: road, signType: 'road', textZh: '长青路' })).json()
      const refusals: Array<[Buffer | string, string, number, RegExp]> = [
        [JPEG, 'image/png', 415, /not image\/png/],
        [PNG, 'image/jpeg', 415, /not image\/jpeg/],
        ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/png', 415, /not image\/png/],
        [Buffer.from('RIFF\0\0\0\0WAVEfmt '), 'image/webp', 415, /not image\/webp/],
        ['<svg/>', 'image/svg+xml', 415, /content-type image\/svg\+xml is not taken here.*image\/jpeg, image\/png, image\/webp/],
        ['{"a":1}', 'application/json', 415, /content-type application\/json is not taken here/],
        [PNG, 'text/plain', 415, /not taken here/],
        [Buffer.alloc(0), 'image/png', 400, /empty/],
        [Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), 'image/png', 413, /./],
      ]
      for (const [body, contentType, status, detail] of refusals) {
        const response = await upload(sign.id, body, contentType)
        expect(response.statusCode, `${contentType} ${body.length} bytes: ${response.body}`).toBe(status)
        expect(response.headers['content-type']).toContain('application/problem+json')
        expect(response.json().detail).toMatch(detail)
      }
      const bare = await t.app.inject({ method: 'POST', url: `/api/gazetteer/signs/${sign.id}/photos`, headers: editor, payload: PNG })
      expect(bare.statusCode).toBe(415)
      expect((await upload(999999, PNG, 'image/png')).statusCode).toBe(404)
      expect((await send('GET', `/api/gazetteer/signs/${sign.id}`)).json().photos).toEqual([])
      const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([4, 0, 0, 0]), Buffer.from('WEBPVP8 ')])
      expect((await upload(sign.id, webp, 'image/webp')).statusCode).toBe(201)
    })
  })

  describe('door plates and certificates', () => {
    const expectedAddress = (roadName: string, rest: string) => `${community.district}${community.subdistrict}${community.name}${roadName}${rest}`

    it('finds the community from the location and derives the standard address', async () => {
      const created = await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: road, number: '12', building: '3', unit: '2', room: '501', location: { lng: community.lng, lat: community.lat } })
      expect(created.statusCode, created.body).toBe(201)
      expect(created.json()).toMatchObject({
        roadPlaceId: road,
        road: { id: road, standardName: '长青路', romanization: 'Changqing Lu', status: 'current' },
        number: '12',
        communityCode: community.code,
        communityName: community.name,
        status: 'current',
        standardAddress: expectedAddress('长青路', '12号3栋2单元501室'),
        version: 1,
      })
      const plain = await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: road, number: '14-1', communityCode: community.code })
      expect(plain.json().standardAddress).toBe(expectedAddress('长青路', '14-1号'))
      const nowhere = await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: road, number: '16' })
      expect(nowhere.json()).toMatchObject({ communityCode: null, communityName: null, standardAddress: '长青路16号' })
      expect(await auditTrail('door-plate', created.json().id)).toEqual([{ action: 'create', actor_name: 'test-place-name-editor', reason: null }])
    })

    it('refuses roads that are not current roads, unknown communities and a second current plate', async () => {
      const village = await insertPlace({ category: 'settlements', name: '长青村' })
      const oldRoad = await insertPlace({ name: '旧长青路', status: 'historical' })
      const district = (await t.db.pool.query<{ code: string }>(`SELECT code FROM divisions WHERE level = 'district'`)).rows[0]!.code
      const cases: Array<[object, number, RegExp]> = [
        [{ roadPlaceId: 999999, number: '1' }, 400, /^roadPlaceId: there is no place 999999$/],
        [{ roadPlaceId: village, number: '1' }, 400, /^roadPlaceId: .*长青村.* not a road: its category is settlements/],
        [{ roadPlaceId: oldRoad, number: '1' }, 400, /^roadPlaceId: road .* is historical, not current$/],
        [{ roadPlaceId: road, number: '1', communityCode: '999999999999' }, 400, /^communityCode: there is no division 999999999999$/],
        [{ roadPlaceId: road, number: '1', communityCode: district }, 400, /^communityCode: .* is a district, not a community$/],
        [{ roadPlaceId: road, number: '1a' }, 400, /number/],
        [{ roadPlaceId: road, number: '1', location: { lng: -181, lat: 0 } }, 400, /location/],
      ]
      for (const [payload, status, detail] of cases) {
        const response = await send('POST', '/api/gazetteer/door-plates', payload)
        expect(response.statusCode, JSON.stringify(payload)).toBe(status)
        expect(response.json().detail).toMatch(detail)
      }
      const first = await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: road, number: '30', room: '101' })
      expect(first.statusCode).toBe(201)
      const twin = await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: road, number: '30', room: ' 101 ' })
      expect(twin.statusCode).toBe(409)
      expect(twin.json().detail).toContain(`door plate ${first.json().id}`)
      expect((await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: road, number: '30', room: '102' })).statusCode).toBe(201)
    })

    it('readdresses plates when their road is renamed', async () => {
      const renamed = await insertPlace({ name: '和平路', romanization: 'Heping Lu' })
      const plate = (await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: renamed, number: '8', communityCode: community.code })).json()
      expect(plate.standardAddress).toBe(expectedAddress('和平路', '8号'))
      await t.db.pool.query(`UPDATE places SET standard_name = '和平大道', romanization = 'Heping Dadao' WHERE id = $1`, [renamed])
      const read = (await send('GET', `/api/gazetteer/door-plates/${plate.id}`, undefined, viewer)).json()
      expect(read).toMatchObject({ standardAddress: expectedAddress('和平大道', '8号'), road: { standardName: '和平大道' }, version: 1 })
      const listed = (await send('GET', `/api/gazetteer/door-plates?roadId=${renamed}`)).json()
      expect(listed.doorPlates.map((p: { standardAddress: string }) => p.standardAddress)).toEqual([expectedAddress('和平大道', '8号')])
    })

    it('lists by road, community, status and number prefix, a page at a time', async () => {
      const street = await insertPlace({ name: '文兴街', romanization: 'Wenxing Jie' })
      for (const number of ['2', '10', '1', '100', '21-3']) {
        expect((await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: street, number, communityCode: community.code })).statusCode).toBe(201)
      }
      const numbers = async (query: string) => {
        const body = (await send('GET', `/api/gazetteer/door-plates?roadId=${street}&${query}`)).json()
        return [body.doorPlates.map((p: { number: string }) => p.number), body.total]
      }
      expect(await numbers('')).toEqual([['1', '2', '10', '21-3', '100'], 5])
      expect(await numbers('q=1')).toEqual([['1', '10', '100'], 3])
      expect(await numbers('q=21-')).toEqual([['21-3'], 1])
      expect(await numbers('limit=2&offset=1')).toEqual([['2', '10'], 5])
      expect(await numbers(`communityCode=${community.code}&status=current`)).toEqual([['1', '2', '10', '21-3', '100'], 5])
      expect(await numbers('status=retired')).toEqual([[], 0])
      expect((await send('GET', '/api/gazetteer/door-plates?q=1%25')).statusCode).toBe(400)
      expect((await send('GET', '/api/gazetteer/door-plates?communityCode=12')).statusCode).toBe(400)
    })

    it('issues one valid certificate at a time, revokes it, issues again, prints, and retires the plate', async () => {
      const plate = (await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: road, number: '50', building: '1', communityCode: community.code })).json()
      const url = `/api/gazetteer/door-plates/${plate.id}/certificates`
      const first = await send('POST', url, { number: 'MP-0001', holder: '张三', issuedOn: '2024-03-05' })
      expect(first.statusCode, first.body).toBe(201)
      const certificate = first.json()
      expect(certificate).toMatchObject({ doorPlateId: plate.id, number: 'MP-0001', holder: '张三', issuedOn: '2024-03-05', revokedOn: null, valid: true, issuedBy: 'test-place-name-editor' })

      const second = await send('POST', url, { number: 'MP-0002', holder: '李四', issuedOn: '2024-04-01' })
      expect(second.statusCode).toBe(409)
      expect(second.json().detail).toBe(`door plate ${plate.id} has a valid certificate already: number MP-0001 (certificate ${certificate.id}), issued 2024-03-05; revoke it first`)

      const retire = await send('PUT', `/api/gazetteer/door-plates/${plate.id}`, { roadPlaceId: road, number: '50', building: '1', communityCode: community.code, status: 'retired', version: 1 })
      expect(retire.statusCode).toBe(409)
      expect(retire.json().detail).toContain('MP-0001')

      const revokeUrl = `/api/gazetteer/certificates/${certificate.id}/revoke`
      expect((await send('POST', revokeUrl, { revokedOn: '2024-01-01', reason: '搬迁' })).json().detail).toMatch(/^revokedOn: 2024-01-01 is before/)
      expect((await send('POST', revokeUrl, { revokedOn: '2024-06-01', reason: '  ' })).json().detail).toBe('reason: must not be blank')
      const revoked = await send('POST', revokeUrl, { revokedOn: '2024-06-01', reason: '房屋转让' })
      expect(revoked.statusCode, revoked.body).toBe(200)
      expect(revoked.json()).toMatchObject({ id: certificate.id, revokedOn: '2024-06-01', revokedReason: '房屋转让', valid: false })
      expect((await send('POST', revokeUrl, { revokedOn: '2024-06-02', reason: '再次' })).statusCode).toBe(409)

      expect((await send('POST', url, { number: 'MP-0001', holder: '李四', issuedOn: '2024-06-02' })).json().detail).toContain('MP-0001 is used already')
      const reissued = await send('POST', url, { number: 'MP-0002', holder: '李四 <b>&</b>', issuedOn: '2024-06-02' })
      expect(reissued.statusCode, reissued.body).toBe(201)

      const detail = (await send('GET', `/api/gazetteer/door-plates/${plate.id}`, undefined, viewer)).json()
      expect(detail.certificates.map((c: { number: string; valid: boolean }) => [c.number, c.valid])).toEqual([['MP-0002', true], ['MP-0001', false]])
      expect((await send('GET', url, undefined, viewer)).json().certificates).toEqual(detail.certificates)
      const listedPlate = async () =>
        ((await send('GET', `/api/gazetteer/door-plates?roadId=${road}&q=50`, undefined, viewer)).json().doorPlates as { id: number; validCertificate: unknown }[]).find((p) => p.id === plate.id)
      expect((await listedPlate())?.validCertificate, 'the list names the valid certificate, not the revoked one').toEqual({
        id: reissued.json().id,
        number: 'MP-0002',
        holder: '李四 <b>&</b>',
        issuedOn: '2024-06-02',
      })

      const page = await send('GET', `/api/gazetteer/certificates/${reissued.json().id}/print`, undefined, viewer)
      expect(page.statusCode).toBe(200)
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
      expect(page.body).toContain('<h1>门牌证</h1>')
      expect(page.body).toContain('MP-0002')
      expect(page.body).toContain('李四 &lt;b&gt;&amp;&lt;/b&gt;')
      expect(page.body).toContain(expectedAddress('长青路', '50号1栋'))
      expect(page.body).toContain('Changqing Lu')
      expect(page.body).toContain('2024年6月2日')
      expect(page.body).not.toContain('已注销')
      const revokedPage = await send('GET', `/api/gazetteer/certificates/${certificate.id}/print`, undefined, viewer)
      expect(revokedPage.body).toContain('已注销')
      expect(revokedPage.body).toContain('房屋转让')
      expect((await send('GET', '/api/gazetteer/certificates/999999/print')).statusCode).toBe(404)

      await send('POST', `/api/gazetteer/certificates/${reissued.json().id}/revoke`, { revokedOn: '2024-12-01', reason: '门牌撤销' })
      expect((await listedPlate())?.validCertificate, 'a plate whose certificates are all revoked lists none').toBeNull()
      const retired = await send('PUT', `/api/gazetteer/door-plates/${plate.id}`, { roadPlaceId: road, number: '50', building: '1', communityCode: community.code, status: 'retired', version: 1 })
      expect(retired.statusCode, retired.body).toBe(200)
      expect(retired.json()).toMatchObject({ status: 'retired', version: 2 })
      expect((await send('POST', url, { number: 'MP-0003', holder: '王五', issuedOn: '2025-01-01' })).json().detail).toContain('retired')
      const stale = await send('PUT', `/api/gazetteer/door-plates/${plate.id}`, { roadPlaceId: road, number: '51', status: 'current', version: 1 })
      expect(stale.statusCode).toBe(409)
      expect(stale.json().current).toMatchObject({ id: plate.id, status: 'retired', version: 2 })
      // A retired plate frees its number for a new one.
      expect((await send('POST', '/api/gazetteer/door-plates', { roadPlaceId: road, number: '50', building: '1' })).statusCode).toBe(201)

      expect((await auditTrail('door-plate', plate.id)).map((e) => e.action)).toEqual(['create', 'retire'])
      expect(await auditTrail('door-plate-certificate', certificate.id)).toEqual([
        { action: 'issue', actor_name: 'test-place-name-editor', reason: null },
        { action: 'revoke', actor_name: 'test-place-name-editor', reason: '房屋转让' },
      ])
    })
  })

  describe('access', () => {
    it('lets a viewer read but not write, and nobody without a session', async () => {
      const writes: Array<['POST' | 'PUT' | 'DELETE', string, object?]> = [
        ['POST', '/api/gazetteer/protected-names', { placeId: road, level: 'county' }],
        ['PUT', '/api/gazetteer/protected-names/1', { level: 'county', version: 1 }],
        ['DELETE', '/api/gazetteer/protected-names/1'],
        ['POST', '/api/gazetteer/signs', { placeId: road, signType: 'road', textZh: '长青路' }],
        ['PUT', '/api/gazetteer/signs/1', { signType: 'road', textZh: '长青路', version: 1 }],
        ['DELETE', '/api/gazetteer/signs/1/photos/1'],
        ['POST', '/api/gazetteer/door-plates', { roadPlaceId: road, number: '99' }],
        ['PUT', '/api/gazetteer/door-plates/1', { roadPlaceId: road, number: '99', status: 'retired', version: 1 }],
        ['POST', '/api/gazetteer/door-plates/1/certificates', { number: 'X', holder: 'Y', issuedOn: '2024-01-01' }],
        ['POST', '/api/gazetteer/certificates/1/revoke', { revokedOn: '2024-01-01', reason: 'x' }],
      ]
      for (const [method, url, payload] of writes) {
        const response = await send(method, url, payload, viewer)
        expect(response.statusCode, `${method} ${url}`).toBe(403)
      }
      const photo = await t.app.inject({ method: 'POST', url: '/api/gazetteer/signs/1/photos', headers: { ...viewer, 'content-type': 'image/png' }, payload: PNG })
      expect(photo.statusCode).toBe(403)
      expect((await t.app.inject({ url: '/api/gazetteer/signs' })).statusCode).toBe(401)
      expect((await t.app.inject({ url: '/api/gazetteer/door-plates' })).statusCode).toBe(401)
      expect((await send('GET', '/api/gazetteer/signs', undefined, viewer)).statusCode).toBe(200)
    })
  })
})
