import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.ts'
import { signInWithRoles, type SessionHeaders } from '../support/accounts.ts'
import { addDays, todayInChina } from '../../server/calendar-date.ts'

/** The start of a PDF file and a little more. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

interface DashboardBody {
  today: string
  year: number
  overdue: Array<{ code: string; status: string; nextDueYear: number | null; lastInspectedOn: string | null }>
  due: Array<{ code: string }>
  planned: Array<{ id: number; lineCode: string }>
  patrolsOverdue: Array<{ id: number; custodianPerson: string | null; custodianContact: string | null }>
  damageUnattended: Array<{ id: number; needsAttention: boolean }>
  markersByCondition: Record<string, number>
}

describe('boundary inspections, custody, damage reports, archives and the dashboard', () => {
  let t: TestApp
  let editor: SessionHeaders
  let viewer: SessionHeaders
  const today = todayInChina()
  const year = Number(today.slice(0, 4))
  const lines: Record<string, { id: number; markers: number[] }> = {}

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: SessionHeaders = editor) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  const dashboard = async (headers: SessionHeaders = editor) => {
    const response = await send('GET', `/api/boundaries/dashboard?today=${today}`, undefined, headers)
    expect(response.statusCode).toBe(200)
    return response.json<DashboardBody>()
  }
  const insertLine = async (code: string, cycle = 5) => {
    const { rows } = await t.db.pool.query<{ id: number }>(
      `INSERT INTO boundary_lines (code, name, level, left_code, left_name, right_code, right_name, geom, source, inspection_cycle_years, agreement_date)
       VALUES ($1, $1 || '线', 'township', '210102001000', '甲街道', '210102002000', '乙街道',
               ST_GeomFromText('MULTILINESTRING((123.40 41.80, 123.41 41.81))', 4326), 'drawn', $2, '2001-05-01') RETURNING id`,
      [code, cycle],
    )
    const id = rows[0]!.id
    const markers: number[] = []
    for (const sequence of [1, 2]) {
      const marker = await t.db.pool.query<{ id: number }>(
        `INSERT INTO boundary_markers (line_id, sequence, type_code, geom, reference_objects)
         VALUES ($1, $2::int, 'Q', ST_SetSRID(ST_MakePoint(123.40 + $2::int * 0.001, 41.80), 4326),
                 '[{"name":"a","azimuthDeg":1,"distanceM":1},{"name":"b","azimuthDeg":2,"distanceM":2},{"name":"c","azimuthDeg":3,"distanceM":3}]') RETURNING id`,
        [id, sequence],
      )
      markers.push(marker.rows[0]!.id)
    }
    lines[code] = { id, markers }
    return lines[code]
  }
  const inspect = (code: string, doneOn: string, findings: object[] = []) =>
    send('POST', '/api/boundaries/inspections', { lineId: lines[code]!.id, kind: 'periodic', doneOn, findings })

  beforeAll(async () => {
    t = await createTestApp('demo', { guestAccess: false })
    editor = await signInWithRoles(t.app, ['boundary_editor'])
    viewer = await signInWithRoles(t.app, ['viewer'])
    await insertLine('TCOLD')
    await insertLine('TCLAST')
    await insertLine('TCDUE')
    await insertLine('TCPLAN')
    await insertLine('TCCUST')
  })
  afterAll(() => t?.close())

  it('lists a line last inspected six years ago as overdue, one inspected five years ago as due, and last year’s as neither', async () => {
    expect((await inspect('TCOLD', `${year - 6}-09-10`)).statusCode).toBe(201)
    expect((await inspect('TCLAST', `${year - 1}-04-01`)).statusCode).toBe(201)
    expect((await inspect('TCDUE', `${year - 5}-10-01`)).statusCode).toBe(201)
    const board = await dashboard()
    expect(board.today).toBe(today)
    expect(board.year).toBe(year)
    const old = board.overdue.find((line) => line.code === 'TCOLD')
    expect(old).toMatchObject({ status: 'overdue', nextDueYear: year - 1, lastInspectedOn: `${year - 6}-09-10` })
    expect(board.due.map((line) => line.code)).toContain('TCDUE')
    const listed = [...board.overdue, ...board.due].map((line) => line.code)
    expect(listed).not.toContain('TCLAST')

    const summary = await send('GET', `/api/boundaries/lines?q=TCLAST`)
    if (summary.statusCode === 200) {
      const found = summary.json<{ lines: Array<{ code: string; status: string }> }>().lines.find((line) => line.code === 'TCLAST')
      if (found) expect(found.status).toBe('ok')
    }
  })

  it('moves a line with a round planned this year from overdue to planned', async () => {
    expect((await inspect('TCPLAN', `${year - 8}-03-01`)).statusCode).toBe(201)
    expect((await dashboard()).overdue.map((line) => line.code)).toContain('TCPLAN')
    const planned = await send('POST', '/api/boundaries/inspections', { lineId: lines.TCPLAN!.id, kind: 'periodic', plannedOn: `${year}-12-01`, parties: ['甲街道', '乙街道'] })
    expect(planned.statusCode).toBe(201)
    const board = await dashboard()
    expect(board.overdue.map((line) => line.code)).not.toContain('TCPLAN')
    expect(board.planned.map((inspection) => inspection.lineCode)).toContain('TCPLAN')
  })

  it('sets a marker’s condition and history from an inspection finding', async () => {
    const line = lines.TCLAST!
    const created = await send('POST', '/api/boundaries/inspections', {
      lineId: line.id,
      kind: 'ad_hoc',
      reason: '汛后检查',
      plannedOn: today,
    })
    expect(created.statusCode).toBe(201)
    const planned = created.json<{ id: number; version: number; doneOn: string | null }>()
    const early = await send('PUT', `/api/boundaries/inspections/${planned.id}`, {
      kind: 'ad_hoc',
      reason: '汛后检查',
      plannedOn: today,
      findings: [{ markerId: line.markers[0], condition: 'damaged' }],
      version: planned.version,
    })
    expect(early.statusCode).toBe(400)
    expect(early.json<{ detail: string }>().detail).toMatch(/^findings\[0\]\.condition:/)

    const done = await send('PUT', `/api/boundaries/inspections/${planned.id}`, {
      kind: 'ad_hoc',
      reason: '汛后检查',
      plannedOn: today,
      doneOn: today,
      summary: '一处界桩倾斜',
      findings: [
        { markerId: line.markers[0], condition: 'damaged', finding: '桩身倾斜', actionTaken: '已扶正待加固' },
        { segment: '002–003 号界桩之间', finding: '河岸冲刷' },
      ],
      version: planned.version,
    })
    expect(done.statusCode).toBe(200)
    const body = done.json<{ version: number; findings: Array<{ markerId: number | null; markerNumber: string | null; condition: string | null }> }>()
    expect(body.version).toBe(planned.version + 1)
    expect(body.findings).toEqual([
      expect.objectContaining({ markerId: line.markers[0], markerNumber: 'TCLAST001Q', condition: 'damaged' }),
      expect.objectContaining({ markerId: null, markerNumber: null, condition: null }),
    ])
    const marker = await t.db.pool.query<{ condition: string; version: number }>('SELECT condition, version FROM boundary_markers WHERE id = $1', [line.markers[0]])
    expect(marker.rows[0]).toEqual({ condition: 'damaged', version: 2 })
    const history = await t.db.pool.query<{ condition: string; source: string; observed_on: string }>(
      `SELECT condition, source, to_char(observed_on, 'YYYY-MM-DD') AS observed_on FROM marker_conditions WHERE marker_id = $1 AND finding_id IS NOT NULL`,
      [line.markers[0]],
    )
    expect(history.rows).toEqual([{ condition: 'damaged', source: 'inspection', observed_on: today }])
    const audit = await t.db.pool.query('SELECT action FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY id', ['boundary-inspection', String(planned.id)])
    expect(audit.rows.map((row) => row.action)).toEqual(['create', 'update'])

    const stale = await send('PUT', `/api/boundaries/inspections/${planned.id}`, { kind: 'ad_hoc', reason: 'x', doneOn: today, version: planned.version })
    expect(stale.statusCode).toBe(409)
    expect(stale.json<{ current: { version: number } }>().current.version).toBe(planned.version + 1)
  })

  it('refuses bad inspections with a 400 naming the field', async () => {
    const line = lines.TCDUE!
    const other = lines.TCOLD!
    const cases: Array<[object, RegExp]> = [
      [{ lineId: line.id, kind: 'periodic' }, /^plannedOn:/],
      [{ lineId: line.id, kind: 'ad_hoc', doneOn: today }, /^reason:/],
      [{ lineId: line.id, kind: 'periodic', doneOn: addDays(today, 2) }, /^doneOn: .*future/],
      [{ lineId: line.id, kind: 'periodic', doneOn: today, findings: [{ markerId: other.markers[0], condition: 'lost' }] }, /^findings\[0\]\.markerId: marker TCOLD001Q is not on line TCDUE/],
      [{ lineId: line.id, kind: 'periodic', doneOn: today, findings: [{ finding: 'x' }] }, /^findings\[0\]\.segment:/],
      [{ lineId: 999999, kind: 'periodic', doneOn: today }, /^lineId:/],
      [{ lineId: line.id, kind: 'yearly', doneOn: today }, /kind/],
      [{ lineId: line.id, kind: 'periodic', doneOn: '2024-13-45' }, /doneOn/],
    ]
    for (const [payload, detail] of cases) {
      const response = await send('POST', '/api/boundaries/inspections', payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json<{ detail: string }>().detail).toMatch(detail)
    }
    const viewerTry = await send('POST', '/api/boundaries/inspections', { lineId: line.id, kind: 'periodic', doneOn: today }, viewer)
    expect(viewerTry.statusCode).toBe(403)
    const early = await send('POST', '/api/boundaries/inspections', { lineId: line.id, kind: 'periodic', plannedOn: today, doneOn: addDays(today, -3) })
    expect(early.statusCode).toBe(201)
  })

  it('flags an overdue patrol and unattended damage on the dashboard until they are dealt with, and hides the custodian from viewers', async () => {
    const line = lines.TCCUST!
    const created = await send('POST', '/api/boundaries/custodies', {
      lineId: line.id,
      segment: '001–002 号界桩',
      custodianUnit: '甲村村委会',
      custodianPerson: '王护桩',
      custodianContact: '13800000000',
      patrolIntervalDays: 30,
      startsOn: addDays(today, -100),
      markerIds: line.markers,
    })
    expect(created.statusCode).toBe(201)
    const custody = created.json<{ id: number; patrolOverdue: boolean; patrolDueOn: string; markerNumbers: string[] }>()
    expect(custody).toMatchObject({ patrolOverdue: true, patrolDueOn: addDays(today, -70), markerNumbers: ['TCCUST001Q', 'TCCUST002Q'] })

    const foreign = await send('POST', '/api/boundaries/custodies', {
      lineId: line.id,
      segment: 'x',
      custodianUnit: 'u',
      custodianPerson: 'p',
      startsOn: today,
      markerIds: [lines.TCOLD!.markers[0]],
    })
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json<{ detail: string }>().detail).toMatch(/^markerIds\[0\]: marker TCOLD001Q is not on line TCCUST/)

    const seen = (await dashboard(viewer)).patrolsOverdue.find((entry) => entry.id === custody.id)
    expect(seen).toMatchObject({ custodianPerson: null, custodianContact: null })
    expect((await dashboard()).patrolsOverdue.find((entry) => entry.id === custody.id)).toMatchObject({ custodianPerson: '王护桩', custodianContact: '13800000000' })
    const detail = await send('GET', `/api/boundaries/custodies/${custody.id}`, undefined, viewer)
    expect(detail.json()).toMatchObject({ custodianPerson: null, custodianContact: null })

    const future = await send('POST', `/api/boundaries/custodies/${custody.id}/patrols`, { patrolledOn: addDays(today, 1), patroller: '王护桩' })
    expect(future.statusCode).toBe(400)
    expect(future.json<{ detail: string }>().detail).toMatch(/^patrolledOn:/)
    const patrol = await send('POST', `/api/boundaries/custodies/${custody.id}/patrols`, { patrolledOn: addDays(today, -1), patroller: '王护桩', findings: '完好' })
    expect(patrol.statusCode).toBe(201)
    expect((await dashboard()).patrolsOverdue.map((entry) => entry.id)).not.toContain(custody.id)
    const after = await send('GET', `/api/boundaries/custodies/${custody.id}`)
    expect(after.json()).toMatchObject({ lastPatrolledOn: addDays(today, -1), patrolDueOn: addDays(today, 29), patrolOverdue: false, patrols: [expect.objectContaining({ patroller: '王护桩' })] })

    const reportedAt = new Date(Date.now() - 13 * 3600_000).toISOString()
    const report = await send('POST', '/api/boundaries/damage-reports', {
      markerId: line.markers[1],
      custodyId: custody.id,
      reportedAt,
      reportedBy: '王护桩',
      condition: 'lost',
      description: '界桩被挖走',
    })
    expect(report.statusCode).toBe(201)
    const reported = report.json<{ id: number; needsAttention: boolean; markerNumber: string }>()
    expect(reported).toMatchObject({ needsAttention: true, markerNumber: 'TCCUST002Q' })
    const marker = await t.db.pool.query<{ condition: string }>('SELECT condition FROM boundary_markers WHERE id = $1', [line.markers[1]])
    expect(marker.rows[0]!.condition).toBe('lost')
    const history = await t.db.pool.query('SELECT source FROM marker_conditions WHERE damage_report_id = $1', [reported.id])
    expect(history.rows).toEqual([{ source: 'damage_report' }])

    const fresh = await send('POST', '/api/boundaries/damage-reports', { markerId: line.markers[0], reportedAt: new Date().toISOString(), reportedBy: '路人', condition: 'damaged' })
    expect(fresh.statusCode).toBe(201)
    const unattended = (await dashboard()).damageUnattended.map((entry) => entry.id)
    expect(unattended).toContain(reported.id)
    expect(unattended).not.toContain(fresh.json<{ id: number }>().id)

    const blank = await send('POST', `/api/boundaries/damage-reports/${reported.id}/action`, { actionTaken: '   ' })
    expect(blank.statusCode).toBe(400)
    expect(blank.json<{ detail: string }>().detail).toMatch(/^actionTaken:/)
    const acted = await send('POST', `/api/boundaries/damage-reports/${reported.id}/action`, { actionTaken: '已报派出所并补设临时标志' })
    expect(acted.statusCode).toBe(200)
    expect(acted.json()).toMatchObject({ needsAttention: false, actionTaken: '已报派出所并补设临时标志' })
    expect((await dashboard()).damageUnattended.map((entry) => entry.id)).not.toContain(reported.id)
    expect((await send('POST', `/api/boundaries/damage-reports/${reported.id}/action`, { actionTaken: 'again' })).statusCode).toBe(409)

    const counts = (await dashboard()).markersByCondition
    expect(Object.keys(counts).sort()).toEqual(['damaged', 'displaced', 'intact', 'lost', 'moved', 'removed'])
    expect(counts.lost).toBeGreaterThanOrEqual(1)

    const badTime = await send('POST', '/api/boundaries/damage-reports', { markerId: line.markers[0], reportedAt: '2024-02-30T10:00:00Z', reportedBy: 'x', condition: 'lost' })
    expect(badTime.statusCode).toBe(400)
    expect(badTime.json<{ detail: string }>().detail).toMatch(/reportedAt/)
  })

  it('keeps documents with their SHA-256, lists them to viewers and gives the file to editors only', async () => {
    const line = lines.TCOLD!
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/boundaries/documents?lineId=${line.id}&docType=agreement&title=${encodeURIComponent('界线协议书')}&filename=${encodeURIComponent('C:\\scans\\协议\u0007.pdf')}`,
      headers: { ...editor, 'content-type': 'application/pdf' },
      payload: PDF,
    })
    expect(upload.statusCode).toBe(201)
    const document = upload.json<{ id: number; sha256: string; filename: string; sizeBytes: number; retentionYears: number | null }>()
    expect(document).toMatchObject({ sha256: createHash('sha256').update(PDF).digest('hex'), filename: '协议.pdf', sizeBytes: PDF.length, retentionYears: null })

    const listed = await send('GET', `/api/boundaries/documents?lineId=${line.id}`, undefined, viewer)
    expect(listed.json<{ documents: Array<{ id: number; sha256: string }> }>().documents).toEqual([expect.objectContaining({ id: document.id, sha256: document.sha256 })])
    const denied = await send('GET', `/api/boundaries/documents/${document.id}/content`, undefined, viewer)
    expect(denied.statusCode).toBe(403)
    expect(denied.json<{ detail: string }>().detail).toMatch(/boundary editors/)
    const content = await send('GET', `/api/boundaries/documents/${document.id}/content`)
    expect(content.statusCode).toBe(200)
    expect(content.headers['content-type']).toBe('application/pdf')
    expect(createHash('sha256').update(content.rawPayload).digest('hex')).toBe(document.sha256)

    const fake = await t.app.inject({
      method: 'POST',
      url: `/api/boundaries/documents?lineId=${line.id}&docType=map&title=x`,
      headers: { ...editor, 'content-type': 'application/pdf' },
      payload: Buffer.from('<script>alert(1)</script>'),
    })
    expect(fake.statusCode).toBe(415)
    const twoOwners = await t.app.inject({
      method: 'POST',
      url: `/api/boundaries/documents?lineId=${line.id}&markerId=${line.markers[0]}&docType=map&title=x`,
      headers: { ...editor, 'content-type': 'application/pdf' },
      payload: PDF,
    })
    expect(twoOwners.statusCode).toBe(400)
    expect(twoOwners.json<{ detail: string }>().detail).toMatch(/^lineId: give exactly one/)
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/boundaries/documents?inspectionId=999999&docType=inspection_report&title=x&retentionYears=30`,
      headers: { ...editor, 'content-type': 'application/pdf' },
      payload: PDF,
    })
    expect(missing.statusCode).toBe(400)
    expect(missing.json<{ detail: string }>().detail).toMatch(/^inspectionId: there is no inspection 999999/)
    const badType = await t.app.inject({
      method: 'POST',
      url: `/api/boundaries/documents?lineId=${line.id}&docType=poem&title=x`,
      headers: { ...editor, 'content-type': 'application/pdf' },
      payload: PDF,
    })
    expect(badType.statusCode).toBe(400)
    expect(badType.json<{ detail: string }>().detail).toMatch(/docType/)
  })
})
