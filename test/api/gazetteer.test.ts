import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'

interface SearchItem {
  placeId: number
  standardName: string
  romanization: string
  status: string
  matchedName: string
  matchedKind: string
  rank: string
  via: string
}

describe('the gazetteer API', () => {
  let t: TestApp
  let editor: SessionHeaders
  let approver: SessionHeaders
  let viewer: SessionHeaders
  let district: { bbox: [number, number, number, number] }
  beforeAll(async () => {
    t = await createTestApp('demo', { guestAccess: false })
    editor = await signInWithRoles(t.app, ['place_name_editor'])
    approver = await signInWithRoles(t.app, ['place_name_approver'])
    viewer = await signInWithRoles(t.app, ['viewer'])
    district = (await t.app.inject({ url: '/api/district', headers: viewer })).json()
  })
  afterAll(() => t.close())

  const get = async (url: string, headers: SessionHeaders = viewer) => {
    const response = await t.app.inject({ url, headers })
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200)
    return response.json()
  }
  const send = (method: 'POST' | 'PUT', url: string, headers: SessionHeaders, payload: object) => t.app.inject({ method, url, headers, payload })
  const search = async (q: string, extra = ''): Promise<SearchItem[]> => (await get(`/api/gazetteer/places?q=${encodeURIComponent(q)}${extra}`)).items
  const centre = () => {
    const [w, s, e, n] = district.bbox
    return [(w + e) / 2, (s + n) / 2] as [number, number]
  }
  const act = async (id: number, action: string, headers: SessionHeaders, body: Record<string, unknown> = {}) => {
    const current = await get(`/api/gazetteer/cases/${id}`)
    return send('POST', `/api/gazetteer/cases/${id}/${action}`, headers, { version: current.version, ...body })
  }

  it('holds the demo district’s names as records, found by characters, pinyin and initials', async () => {
    const all = await get('/api/gazetteer/places?limit=1')
    const demoNames = await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM place_names')
    expect(all.total).toBe(demoNames.rows[0]!.n)

    const byChars = await search('景星')
    expect(byChars.map((i) => i.standardName)).toEqual(expect.arrayContaining(['景星街', '景星社区']))
    expect(byChars[0]!.rank).toBe('prefix')
    expect((await search('星'))[0]!.standardName).toContain('星')

    const byPinyin = await search('jingxingjie')
    expect(byPinyin[0]).toMatchObject({ standardName: '景星街', rank: 'exact' })
    const byInitials = await search('jxj')
    expect(byInitials.map((i) => i.standardName)).toContain('景星街')

    const record = await get(`/api/gazetteer/places/${byPinyin[0]!.placeId}`)
    expect(record).toMatchObject({ standardName: '景星街', specificPart: '景星', genericPart: '街', category: 'transport-facilities', synthetic: true, version: 1, romanizationConfirmed: false })
    expect(record.divisionCodes.length).toBeGreaterThan(0)
    expect(record.divisionCodes.every((c: string) => /^[0-9]{12}$/.test(c))).toBe(true)
  })

  it('filters by category, status and map extent', async () => {
    const rivers = await get('/api/gazetteer/places?category=inland-waters&limit=50')
    expect(rivers.items.map((i: SearchItem) => i.standardName)).toEqual(['清溪河'])
    const [lng, lat] = centre()
    const near = await get(`/api/gazetteer/places?bbox=${lng - 0.002},${lat - 0.002},${lng + 0.002},${lat + 0.002}&limit=200`)
    const everything = await get('/api/gazetteer/places?limit=1')
    expect(near.total).toBeGreaterThan(0)
    expect(near.total).toBeLessThan(everything.total)
    const bad = await t.app.inject({ url: '/api/gazetteer/places?bbox=10,50,5,40', headers: viewer })
    expect(bad.statusCode).toBe(400)
  })

  it('registers a place, warning of a same-sounding name first, and gives it a place code and its divisions', async () => {
    const [lng, lat] = centre()
    const body = {
      category: 'transport-facilities',
      categoryCode: '31110',
      featureType: '道路',
      standardName: '井星街',
      specificPart: '井星',
      genericPart: '街',
      romanization: 'Jingxing Jie',
      geometry: { type: 'LineString', coordinates: [[lng, lat], [lng + 0.003, lat]] },
    }
    const warned = await send('POST', '/api/gazetteer/places', editor, body)
    expect(warned.statusCode).toBe(409)
    const similar = warned.json().similarNames as { name: string; reasons: { kind: string }[] }[]
    expect(similar.find((s) => s.name === '景星街')?.reasons.map((r) => r.kind)).toContain('same-sounding')

    const created = await send('POST', '/api/gazetteer/places', editor, { ...body, acknowledgeSimilar: true })
    expect(created.statusCode, created.body).toBe(201)
    const place = created.json()
    expect(place.placeCode).toMatch(/^[0-9]{20}$/)
    expect(place.placeCode.slice(0, 6)).toBe(place.divisionCodes[0].slice(0, 6))
    expect(place.placeCode.slice(9, 14)).toBe('31110')
    expect(place.divisionCodes.length).toBeGreaterThan(0)
    expect((await search('井星街'))[0]).toMatchObject({ placeId: place.id, rank: 'exact' })
  })

  it('refuses bad fields with the field named, and stores nothing', async () => {
    const before = (await get('/api/gazetteer/places?limit=1')).total
    const response = await send('POST', '/api/gazetteer/places', editor, {
      category: 'settlements',
      standardName: '错日期小区',
      establishedOn: '2025-02-30',
      altNames: [{ kind: 'alias', name: '  ' }],
      acknowledgeSimilar: true,
    })
    expect(response.statusCode).toBe(400)
    const fields = (response.json().problems as { field: string }[]).map((p) => p.field)
    expect(fields).toEqual(expect.arrayContaining(['establishedOn', 'altNames[0].name']))
    expect((await get('/api/gazetteer/places?limit=1')).total).toBe(before)
  })

  it('keeps every version: a stale save gets 409 with what changed, and the record can be read as of a date and diffed', async () => {
    const [hit] = await search('和平桥')
    const id = hit!.placeId
    const v1 = await get(`/api/gazetteer/places/${id}`)
    const { id: _id, placeCode: _code, version: _version, changeSeq: _seq, synthetic: _synthetic, createdAt: _created, updatedAt: _updated, ...fields } = v1
    const first = await send('PUT', `/api/gazetteer/places/${id}`, editor, { ...fields, meaning: '以和平命名', version: 1 })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().version).toBe(2)

    const stale = await send('PUT', `/api/gazetteer/places/${id}`, editor, { ...fields, history: '1990 年建成', version: 1 })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().current.version).toBe(2)
    expect(stale.json().changes).toEqual([{ field: 'meaning', before: v1.meaning, after: '以和平命名' }])

    const renamed = await send('PUT', `/api/gazetteer/places/${id}`, editor, { ...fields, standardName: '和睦桥', version: 2 })
    expect(renamed.statusCode).toBe(409)
    expect(renamed.json().detail).toMatch(/renaming/)

    const versions = (await get(`/api/gazetteer/places/${id}/versions`)).versions
    expect(versions.map((v: { version: number; change: string }) => [v.version, v.change])).toEqual([[2, 'edit'], [1, 'demo']])
    expect((await get(`/api/gazetteer/places/${id}/versions/1`)).meaning).toBe(v1.meaning)
    expect((await get(`/api/gazetteer/places/${id}/diff`)).changes).toEqual([{ field: 'meaning', before: v1.meaning, after: '以和平命名' }])
    expect((await get(`/api/gazetteer/places/${id}?asOf=2099-01-01`)).version).toBe(2)
    expect((await t.app.inject({ url: `/api/gazetteer/places/${id}?asOf=2000-01-01`, headers: viewer })).statusCode).toBe(404)
  })

  it('takes a new road name from draft to announcement: duplicate warning, notice period, approval, public search with pinyin', async () => {
    const [lng, lat] = centre()
    const fields = {
      category: 'transport-facilities',
      featureType: '道路',
      standardName: '景兴街',
      specificPart: '景兴',
      genericPart: '街',
      romanization: 'Jingxing Jie',
      romanizationConfirmed: true,
      meaning: '取景色兴旺之意',
      geometry: { type: 'LineString', coordinates: [[lng, lat + 0.001], [lng + 0.004, lat + 0.001]] },
    }
    const created = await send('POST', '/api/gazetteer/cases', editor, { kind: 'naming', placeId: null, title: '景兴街命名', proposal: { fields }, reason: '新建道路' })
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json().id as number
    expect(created.json().status).toBe('draft')

    const unacknowledged = await act(id, 'submit', editor)
    expect(unacknowledged.statusCode).toBe(409)
    const listed = unacknowledged.json().similarNames as { name: string }[]
    expect(listed.map((s) => s.name)).toContain('景星街')

    expect((await act(id, 'submit', editor, { acknowledgeSimilar: true })).statusCode).toBe(200)
    expect((await act(id, 'approve', approver, { authority: '演示区人民政府', documentNumber: '演政地〔2026〕1号' })).statusCode).toBe(409)
    const review = await act(id, 'start-review', approver, { noticeStartsOn: '2026-03-01', noticeEndsOn: '2026-03-10' })
    expect(review.statusCode, review.body).toBe(200)
    expect((await act(id, 'approve', editor, {})).statusCode).toBe(403)
    const early = await act(id, 'approve', approver, { authority: '演示区人民政府', documentNumber: '演政地〔2026〕1号', approvedOn: '2026-03-05' })
    expect(early.statusCode).toBe(409)
    expect(early.json().detail).toMatch(/notice runs until 2026-03-10/)
    const noDocument = await act(id, 'approve', approver, { approvedOn: '2026-03-20' })
    expect(noDocument.statusCode).toBe(400)
    const approved = await act(id, 'approve', approver, { authority: '演示区人民政府', documentNumber: '演政地〔2026〕1号', approvedOn: '2026-03-20' })
    expect(approved.statusCode, approved.body).toBe(200)
    const placeId = approved.json().placeId as number
    expect(approved.json()).toMatchObject({ status: 'approved', similarAcknowledgedBy: 'test-place-name-editor', approvedOn: '2026-03-20' })

    const place = await get(`/api/gazetteer/places/${placeId}`)
    expect(place).toMatchObject({ standardName: '景兴街', status: 'current', namedOn: '2026-03-20', synthetic: false })
    expect((await get(`/api/gazetteer/places/${placeId}/versions`)).versions[0]).toMatchObject({ change: 'naming', caseId: id })

    expect((await act(id, 'announce', approver, { on: '2026-03-25' })).statusCode).toBe(409)
    expect((await act(id, 'file', editor, { on: '2026-03-22' })).statusCode).toBe(200)
    const announced = await act(id, 'announce', approver, { on: '2026-03-25' })
    expect(announced.json().status).toBe('announced')
    expect(announced.json().events.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'start-review', 'approve', 'file', 'announce'])

    const publicSearch = await t.app.inject({ url: `/api/public/places?q=${encodeURIComponent('景兴街')}` })
    expect(publicSearch.statusCode).toBe(200)
    expect(publicSearch.json().places[0]).toMatchObject({ standardName: '景兴街', romanization: 'Jingxing Jie' })
    const byPinyin = (await t.app.inject({ url: '/api/public/places?q=jingxingjie' })).json().places as { standardName: string; romanization: string }[]
    expect(byPinyin).toContainEqual(expect.objectContaining({ standardName: '景兴街', romanization: 'Jingxing Jie' }))
    expect(byPinyin).toContainEqual(expect.objectContaining({ standardName: '景星街', romanization: '' }))
    expect(Object.keys(publicSearch.json().places[0])).not.toContain('registeredBy')
  })

  it('renames a road keeping the old name as historical, and the old name stays searchable', async () => {
    const [hit] = await search('文兴街')
    const placeId = hit!.placeId
    const proposal = { standardName: '文昌街', specificPart: '文昌', genericPart: '街', romanization: 'Wenchang Jie', romanizationConfirmed: true, effectiveOn: '2026-05-01' }
    const created = await send('POST', '/api/gazetteer/cases', editor, { kind: 'renaming', placeId, title: '文兴街更名', proposal })
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json().id as number
    const other = await send('POST', '/api/gazetteer/cases', editor, { kind: 'retiring', placeId, title: '同时销名', proposal: { abolishedOn: null } })
    expect((await act(id, 'submit', editor, { acknowledgeSimilar: true })).statusCode).toBe(200)
    expect((await act(other.json().id, 'submit', editor)).statusCode).toBe(409)
    expect((await act(id, 'start-review', approver)).statusCode).toBe(200)
    const approved = await act(id, 'approve', approver, { authority: '演示区人民政府', documentNumber: '演政地〔2026〕2号', approvedOn: '2026-04-20' })
    expect(approved.statusCode, approved.body).toBe(200)

    const place = await get(`/api/gazetteer/places/${placeId}`)
    expect(place.standardName).toBe('文昌街')
    expect(place.namedOn).toBe('2026-05-01')
    expect(place.altNames).toContainEqual(expect.objectContaining({ kind: 'historical', name: '文兴街', validTo: '2026-05-01' }))
    const old = await search('文兴街')
    expect(old[0]).toMatchObject({ placeId, standardName: '文昌街', matchedName: '文兴街', matchedKind: 'historical' })
    const timeline = await get(`/api/gazetteer/places/${placeId}/timeline`)
    expect(timeline.names.map((n: { name: string }) => n.name)).toEqual(expect.arrayContaining(['文兴街', '文昌街']))
    expect(timeline.cases.map((c: { id: number }) => c.id)).toContain(id)
  })

  it('retires a place keeping its record, and corrects one without an approval number', async () => {
    const [bridge] = await search('彩虹桥')
    const retire = await send('POST', '/api/gazetteer/cases', editor, { kind: 'retiring', placeId: bridge!.placeId, title: '彩虹桥拆除销名', proposal: { abolishedOn: '2026-06-30' } })
    const retireId = retire.json().id as number
    await act(retireId, 'submit', editor)
    await act(retireId, 'start-review', approver)
    const retired = await act(retireId, 'approve', approver, { authority: '演示区人民政府', documentNumber: '演政地〔2026〕3号', approvedOn: '2026-06-01' })
    expect(retired.statusCode, retired.body).toBe(200)
    expect(await get(`/api/gazetteer/places/${bridge!.placeId}`)).toMatchObject({ status: 'historical', abolishedOn: '2026-06-30' })
    expect((await search('彩虹桥', '&status=current')).length).toBe(0)
    expect((await search('彩虹桥', '&status=historical'))[0]!.placeId).toBe(bridge!.placeId)

    const [river] = await search('清溪河')
    const record = await get(`/api/gazetteer/places/${river!.placeId}`)
    const { id: _id, placeCode: _code, version: _version, changeSeq: _seq, synthetic: _synthetic, createdAt: _created, updatedAt: _updated, ...fields } = record
    const correction = await send('POST', '/api/gazetteer/cases', editor, { kind: 'correction', placeId: river!.placeId, title: '拼写更正', proposal: { fields: { ...fields, romanization: 'Qingxi He', romanizationConfirmed: true } } })
    expect(correction.statusCode, correction.body).toBe(201)
    const cid = correction.json().id as number
    await act(cid, 'submit', editor)
    await act(cid, 'start-review', approver)
    const fixed = await act(cid, 'approve', approver, {})
    expect(fixed.statusCode, fixed.body).toBe(200)
    expect((await act(cid, 'file', editor)).statusCode).toBe(409)
    expect((await get(`/api/gazetteer/places/${river!.placeId}`)).romanizationConfirmed).toBe(true)
  })

  it('returns a case with a note, lets the editor change and resubmit it, and refuses a stale step', async () => {
    const [hit] = await search('南塔街')
    const created = await send('POST', '/api/gazetteer/cases', editor, {
      kind: 'renaming',
      placeId: hit!.placeId,
      title: '南塔街更名',
      proposal: { standardName: '南塔路', specificPart: '南塔', genericPart: '路', romanization: 'Nanta Lu', romanizationConfirmed: true, effectiveOn: null },
    })
    const id = created.json().id as number
    await act(id, 'submit', editor, { acknowledgeSimilar: true })
    expect((await act(id, 'return', approver)).statusCode).toBe(400)
    const returned = await act(id, 'return', approver, { note: '请补充专家论证报告' })
    expect(returned.json().status).toBe('returned')
    const stale = await send('POST', `/api/gazetteer/cases/${id}/submit`, editor, { version: 1 })
    expect(stale.statusCode).toBe(409)
    const edited = await send('PUT', `/api/gazetteer/cases/${id}`, editor, { title: '南塔街更名（补充材料）', proposal: created.json().proposal, version: returned.json().version })
    expect(edited.statusCode, edited.body).toBe(200)
    const pdf = Buffer.from('%PDF-1.4\n% test report\n%%EOF\n')
    const upload = await t.app.inject({ method: 'POST', url: `/api/gazetteer/cases/${id}/attachments?kind=expert&filename=${encodeURIComponent('专家论证.pdf')}`, headers: { ...editor, 'content-type': 'application/pdf' }, payload: pdf })
    expect(upload.statusCode, upload.body).toBe(201)
    const notPdf = await t.app.inject({ method: 'POST', url: `/api/gazetteer/cases/${id}/attachments?kind=expert&filename=x.pdf`, headers: { ...editor, 'content-type': 'application/pdf' }, payload: Buffer.from('MZ executable') })
    expect(notPdf.statusCode).toBe(415)
    const detail = await get(`/api/gazetteer/cases/${id}`)
    expect(detail.attachments).toEqual([expect.objectContaining({ kind: 'expert', filename: '专家论证.pdf', sizeBytes: pdf.length })])
    expect((await act(id, 'submit', editor, { acknowledgeSimilar: true })).json().status).toBe('submitted')
    expect((await act(id, 'withdraw', editor)).json().status).toBe('withdrawn')
    expect((await get(`/api/gazetteer/places/${hit!.placeId}`)).standardName).toBe('南塔街')
  })

  it('publishes a changed-since feed that pages in change order', async () => {
    const first = (await t.app.inject('/api/public/place-changes?after=0&limit=50')).json()
    expect(first.places).toHaveLength(50)
    expect(first.more).toBe(true)
    const seqs = first.places.map((p: { changeSeq: number }) => p.changeSeq)
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
    let after = first.next as number
    let more = first.more as boolean
    while (more) {
      const page = (await t.app.inject(`/api/public/place-changes?after=${after}&limit=200`)).json()
      after = page.next
      more = page.more
    }
    expect((await t.app.inject(`/api/public/place-changes?after=${after}`)).json()).toMatchObject({ places: [], more: false, next: after })

    const [hit] = await search('丽景花园')
    const record = await get(`/api/gazetteer/places/${hit!.placeId}`)
    const { id: _id, placeCode: _code, version, changeSeq: _seq, synthetic: _synthetic, createdAt: _created, updatedAt: _updated, ...fields } = record
    expect((await send('PUT', `/api/gazetteer/places/${hit!.placeId}`, editor, { ...fields, description: '已更新', version })).statusCode).toBe(200)
    const changed = (await t.app.inject(`/api/public/place-changes?after=${after}`)).json()
    expect(changed.places.map((p: { standardName: string }) => p.standardName)).toEqual(['丽景花园'])
  })

  it('suggests a romanization with polyphones flagged', async () => {
    const suggestion = await get(`/api/gazetteer/romanization?specific=${encodeURIComponent('长安')}&generic=${encodeURIComponent('街')}`)
    expect(suggestion.text).toBe("Chang'an Jie")
    expect(suggestion.polyphones.map((p: { char: string }) => p.char)).toContain('长')
  })
})
