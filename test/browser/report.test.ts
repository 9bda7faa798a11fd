import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { LAYER_IDS } from '../../client/map/layer-ids.ts'
import { TEST_PASSWORD } from '../support/accounts.ts'
import { browserOutputDir, hasChromium, OCCUPIED_LAYERS, openBrowserApp, showMap, signInFromHeader, type BrowserApp } from '../support/browser.ts'

interface Evaluation {
  rule: string
  status: 'pass' | 'fail' | 'cannot-evaluate' | 'not-applicable'
  shortfall: { value: number; unit: string } | null
  message: string | null
}
interface Unit {
  code: string
  name: string
  households: number | null
  status: 'pass' | 'fail' | 'cannot-evaluate'
  evaluations: Evaluation[]
  communities: Record<string, number>
}
interface Report {
  set: { id: number; name: string; version: number }
  dataVersion: number
  communities: Unit[]
  district: Unit
}
interface StandardSet {
  id: number
  name: string
  presetKey: string | null
  version: number
  isDefault: boolean
  rules: { code: string; threshold: number; indicator: string }[]
}
interface Suggestions {
  picks: { rank: number; gainHouseholds: number; candidate: { lng: number; lat: number } }[]
  before: { householdsCovered: number }
  after: { householdsCovered: number }
  changes: { op: 'add'; lng: number; lat: number; name: string }[]
}
interface Coverage {
  divisions: { level: string; bands: { households: number }[] }[]
}
interface CoverageCompounds {
  compounds: { id: number; name: string; communityCode: string | null; distanceM: number | null; gates: { snapped: boolean; lng: number | null; lat: number | null }[] }[]
}

describe.skipIf(!hasChromium)('the standards report in a real browser', () => {
  const PLANNER = { username: 'planner', displayName: '规划员', roles: ['planner' as const] }
  let app: BrowserApp
  let page: Page
  let sets: StandardSet[] = []
  let defaultReport: Report

  /** Asks the API with the page's session (the planner's, once signed in); a write carries the session's CSRF token. */
  async function api<T>(pathname: string, init?: { method: string; body?: unknown }, status = 200): Promise<T> {
    const method = init?.method ?? 'GET'
    const headers: Record<string, string> = {}
    if (method !== 'GET') {
      const session = await page.request.get(`${app.server.url}/api/auth/session`)
      headers['x-csrf-token'] = ((await session.json()) as { csrfToken: string }).csrfToken
    }
    const response = await page.request.fetch(`${app.server.url}${pathname}`, {
      method,
      headers,
      ...(init?.body === undefined ? {} : { data: init.body }),
    })
    expect(response.status(), `${pathname}: ${response.status()}`).toBe(status)
    return (await response.json()) as T
  }

  const preset = (key: string) => sets.find((set) => set.presetKey === key)!

  async function waitForReport(setId: number): Promise<void> {
    await page.waitForSelector(`[data-testid="report-view"][data-report-ready="true"][data-set-id="${setId}"]`, { timeout: 60_000 })
  }

  /** The communities the table lists, in its order, with their status and the rules each fails. */
  function shownRows(): Promise<{ code: string; status: string; flags: string[] }[]> {
    return page.$$eval('[data-testid="report-row"]', (rows) =>
      rows.map((row) => ({
        code: (row as HTMLElement).dataset.code!,
        status: (row as HTMLElement).dataset.status!,
        flags: [...row.querySelectorAll<HTMLElement>('td[data-rule][data-status="fail"]')].map((cell) => cell.dataset.rule!),
      })),
    )
  }

  const expectedRows = (report: Report) =>
    report.communities.map((unit) => ({
      code: unit.code,
      status: unit.status,
      flags: unit.evaluations.filter((evaluation) => evaluation.status === 'fail').map((evaluation) => evaluation.rule),
    }))

  function cell(code: string, rule: string) {
    return page.locator(`[data-testid="report-row"][data-code="${code}"] td[data-rule="${rule}"]`)
  }

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1400, height: 1000 }, users: [PLANNER] })
    page = app.page
    sets = (await api<{ sets: StandardSet[] }>('/api/standard-sets')).sets
    defaultReport = await api<Report>('/api/report')
    await showMap(app)
    await signInFromHeader(page, PLANNER.username, TEST_PASSWORD)
    expect(await page.getByTestId('user-display-name').textContent()).toBe(PLANNER.displayName)
  }, 120_000)

  afterAll(() => app?.close())

  it('opens from the header and lists the communities the default set flags, with their shortfalls', async () => {
    await page.getByTestId('view-report').click()
    expect(new URL(page.url()).hash).toBe('#report')
    const defaultSet = sets.find((set) => set.isDefault)!
    await waitForReport(defaultSet.id)

    expect(await page.getByTestId('report-set').inputValue()).toBe(String(defaultSet.id))
    expect(await page.getByTestId('report-set-name').textContent()).toBe(defaultReport.set.name)
    const meta = page.getByTestId('report-meta')
    expect(await meta.getAttribute('data-set-version')).toBe(String(defaultReport.set.version))
    expect(await meta.getAttribute('data-data-version')).toBe(String(defaultReport.dataVersion))
    expect(await meta.textContent()).toContain(`数据版本 ${defaultReport.dataVersion}`)
    // The report names the dataset version of each layer it used: the demo's, version 1.
    const sources = await page.getByTestId('report-sources').textContent()
    for (const layer of ['路网', '设施', '小区', '区划']) expect(sources).toContain(`${layer} 演示区（合成数据） / Demo district (synthetic) 第 1 版`)

    const headline = page.getByTestId('report-headline')
    for (const status of ['pass', 'fail', 'cannot-evaluate']) {
      expect(await headline.locator(`[data-status="${status}"][data-value]`).getAttribute('data-value')).toBe(String(defaultReport.district.communities[status]))
    }

    expect(await shownRows()).toEqual(expectedRows(defaultReport))
    expect((await shownRows()).filter((row) => row.status === 'fail').length).toBeGreaterThan(0)

    const areaFlag = defaultReport.communities
      .flatMap((unit) => unit.evaluations.map((evaluation) => ({ unit, evaluation })))
      .find(({ evaluation }) => evaluation.status === 'fail' && evaluation.shortfall?.unit === 'm²')!
    expect(areaFlag.evaluation.message).toMatch(/^还需 [\d,]+ m²$/)
    const areaCell = cell(areaFlag.unit.code, areaFlag.evaluation.rule)
    expect(await areaCell.getAttribute('data-status')).toBe('fail')
    expect(await areaCell.getByTestId('flag-message').textContent()).toBe(areaFlag.evaluation.message)
    expect(await areaCell.getByTestId('flag-severity').textContent()).toMatch(/^[高中低]$/)

    const walkFlag = defaultReport.communities
      .flatMap((unit) => unit.evaluations.map((evaluation) => ({ unit, evaluation })))
      .find(({ evaluation }) => evaluation.status === 'fail' && evaluation.shortfall?.unit === 'households')!
    expect(walkFlag.evaluation.message).toMatch(/^[\d,]+ 户在 \d+ 分钟以外$/)
    expect(await cell(walkFlag.unit.code, walkFlag.evaluation.rule).getByTestId('flag-message').textContent()).toBe(walkFlag.evaluation.message)

    const cannot = defaultReport.communities
      .flatMap((unit) => unit.evaluations.map((evaluation) => ({ unit, evaluation })))
      .find(({ evaluation }) => evaluation.status === 'cannot-evaluate')!
    const cannotCell = cell(cannot.unit.code, cannot.evaluation.rule)
    expect(await cannotCell.getAttribute('data-status')).toBe('cannot-evaluate')
    expect(await cannotCell.textContent()).toContain(`无法评估：${cannot.evaluation.message}`)

    expect(await page.getByTestId('area-chart').count()).toBeGreaterThan(0)
    expect(await page.getByTestId('coverage-chart').count()).toBeGreaterThan(0)

    await page.reload()
    await waitForReport(defaultSet.id)
    expect(await shownRows()).toEqual(expectedRows(defaultReport))
  }, 120_000)

  it('switches to other preset sets, and the flagged communities follow the API for each', async () => {
    const taiyuan = preset('taiyuan-2020')
    await page.getByTestId('report-set').selectOption(String(taiyuan.id))
    await waitForReport(taiyuan.id)
    const taiyuanReport = await api<Report>(`/api/report?set=${taiyuan.id}`)
    expect(await page.getByTestId('report-set-name').textContent()).toBe(taiyuanReport.set.name)
    expect(await shownRows()).toEqual(expectedRows(taiyuanReport))
    expect(expectedRows(taiyuanReport)).not.toEqual(expectedRows(defaultReport))

    const wansheng = preset('wansheng-2025')
    await page.getByTestId('report-set').selectOption(String(wansheng.id))
    await waitForReport(wansheng.id)
    const wanshengReport = await api<Report>(`/api/report?set=${wansheng.id}`)
    const rows = await shownRows()
    expect(rows).toEqual(expectedRows(wanshengReport))
    const flagged = (report: { code: string; status: string }[]) => report.filter((row) => row.status === 'fail').map((row) => row.code)
    expect(flagged(rows)).not.toEqual(flagged(expectedRows(defaultReport)))
    expect(rows.some((row) => row.status === 'cannot-evaluate')).toBe(true)

    await page.getByTestId('report-filter-status').selectOption('cannot-evaluate')
    expect((await shownRows()).map((row) => row.code)).toEqual(wanshengReport.communities.filter((unit) => unit.status === 'cannot-evaluate').map((unit) => unit.code))
    await page.getByTestId('report-filter-status').selectOption('all')

    fs.mkdirSync(browserOutputDir, { recursive: true })
    await page.screenshot({ path: path.join(browserOutputDir, 'report.png') })
  }, 120_000)

  it('sorts by a column and shows only the communities a rule flags', async () => {
    const wansheng = preset('wansheng-2025')
    const report = await api<Report>(`/api/report?set=${wansheng.id}`)
    const byHouseholds = [...report.communities].sort((a, b) => (b.households ?? 0) - (a.households ?? 0)).map((unit) => unit.code)

    await page.getByTestId('report-sort-households').click()
    expect((await shownRows()).map((row) => row.code)).toEqual(byHouseholds)
    expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1)
    await page.getByTestId('report-sort-households').click()
    expect((await shownRows()).map((row) => row.code)).toEqual([...byHouseholds].reverse())

    const rule = 'cs-area-per-100'
    await page.getByTestId('report-filter-rule').selectOption(rule)
    const flaggedByRule = report.communities.filter((unit) => unit.evaluations.some((e) => e.rule === rule && e.status === 'fail'))
    expect(flaggedByRule.length).toBeGreaterThan(0)
    expect(flaggedByRule.length).toBeLessThan(report.communities.length)
    const shown = await shownRows()
    expect(new Set(shown.map((row) => row.code))).toEqual(new Set(flaggedByRule.map((unit) => unit.code)))
    for (const row of shown) expect(row.flags).toContain(rule)
    expect(await page.getByTestId('report-shown').getAttribute('data-shown')).toBe(String(flaggedByRule.length))
    await page.getByTestId('report-filter-rule').selectOption('')
    expect(await shownRows()).toHaveLength(report.communities.length)
    await page.getByTestId('report-sort-code').click()
    expect(await shownRows()).toEqual(expectedRows(report))
  }, 60_000)

  it('downloads the chosen set’s report as CSV and XLSX with 代码 as the first header', async () => {
    const wansheng = preset('wansheng-2025')
    const [csv] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('report-export-csv').click()])
    expect(csv.suggestedFilename()).toBe(`report-set-${wansheng.id}-v${wansheng.version}.csv`)
    const text = fs.readFileSync(await csv.path(), 'utf8').replace(/^\ufeff/, '')
    const [header, firstRow] = text.split(/\r?\n/)
    expect(header!.split(',')[0]).toBe('代码')
    expect(header).toContain('标准集版本')
    expect(firstRow).toContain(wansheng.name)

    const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('report-export-xlsx').click()])
    expect(xlsx.suggestedFilename()).toBe(`report-set-${wansheng.id}-v${wansheng.version}.xlsx`)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(await xlsx.path())
    const sheet = workbook.worksheets[0]!
    expect(sheet.getRow(1).getCell(1).value).toBe('代码')
    expect(sheet.getRow(1).getCell(2).value).toBe('名称')

    expect(await page.getByTestId('report-export-geojson').getAttribute('href')).toBe(
      `/api/report/communities.geojson?set=${wansheng.id}&version=${wansheng.version}`,
    )
  }, 60_000)

  it('copies a set, edits a threshold, saves the next version, and shows a conflict and the server’s reason', async () => {
    const shenyang = preset('shenyang-2025')
    await page.getByTestId('report-set').selectOption(String(shenyang.id))
    await waitForReport(shenyang.id)
    await page.getByTestId('set-editor-toggle').click()
    await page.getByTestId('set-copy-name').fill('演示 · 放宽面积')
    await page.getByTestId('set-copy').click()
    await expect.poll(() => page.getByTestId('set-done').textContent(), { timeout: 15_000 }).toContain('演示 · 放宽面积')
    const copy = (await api<{ sets: StandardSet[] }>('/api/standard-sets')).sets.find((set) => set.name === '演示 · 放宽面积')!
    expect(copy.version).toBe(1)
    await waitForReport(copy.id)
    expect(await page.getByTestId('report-set').inputValue()).toBe(String(copy.id))

    const areaRow = page.locator('[data-testid="set-rule"][data-rule="cs-area-per-100"]')
    await areaRow.getByTestId('set-rule-threshold').fill('10')
    await areaRow.getByTestId('set-rule-severity').selectOption('low')
    await page.getByTestId('set-save').click()
    await expect.poll(() => page.getByTestId('set-edit-form').getAttribute('data-set-version'), { timeout: 15_000 }).toBe('2')
    const saved = await api<StandardSet & { rules: { code: string; threshold: number; severity: string }[] }>(`/api/standard-sets/${copy.id}`)
    expect(saved.rules.find((rule) => rule.code === 'cs-area-per-100')).toMatchObject({ threshold: 10, severity: 'low' })
    await expect.poll(() => page.getByTestId('report-meta').getAttribute('data-set-version'), { timeout: 30_000 }).toBe('2')
    await waitForReport(copy.id)
    const relaxed = await api<Report>(`/api/report?set=${copy.id}`)
    expect(await shownRows()).toEqual(expectedRows(relaxed))

    const theirs = await api<StandardSet>(`/api/standard-sets/${copy.id}`, {
      method: 'PUT',
      body: { name: saved.name, rules: saved.rules, version: 2, description: 'saved elsewhere' },
    })
    expect(theirs.version).toBe(3)
    await areaRow.getByTestId('set-rule-threshold').fill('12')
    await page.getByTestId('set-save').click()
    const conflict = page.getByTestId('set-conflict')
    await conflict.waitFor({ state: 'visible', timeout: 15_000 })
    expect(await conflict.textContent()).toContain('第 3 版')
    await page.getByTestId('set-reload').click()
    expect(await page.getByTestId('set-edit-form').getAttribute('data-set-version')).toBe('3')
    expect(await page.getByTestId('set-description').inputValue()).toBe('saved elsewhere')

    const shareRow = page.locator('[data-testid="set-rule"][data-rule="cs-walk-15"]')
    await shareRow.getByTestId('set-rule-threshold').fill('150')
    await page.getByTestId('set-save').click()
    const error = page.getByTestId('set-edit-error')
    await error.waitFor({ state: 'visible', timeout: 15_000 })
    expect(await error.textContent()).toMatch(/rules\[\d+\]\.threshold: a share is at most 100 %/)
    expect(await shareRow.getByTestId('set-rule-threshold').getAttribute('aria-invalid')).toBe('true')
    await page.getByTestId('set-reset').click()

    await page.getByTestId('set-delete').click()
    await page.getByTestId('set-delete-confirm').click()
    await waitForReport(sets.find((set) => set.isDefault)!.id)
    await api(`/api/standard-sets/${copy.id}`, undefined, 404)
  }, 120_000)

  it('colours the communities on the map by status, and a click on one lists its flags', async () => {
    await page.getByTestId('report-show-map').click()
    await page.getByTestId('report-map-legend').waitFor({ state: 'visible', timeout: 15_000 })
    expect(await page.getByTestId('report-map-legend').textContent()).toContain(`${defaultReport.set.name} · 第 ${defaultReport.set.version} 版`)
    expect(new URL(page.url()).hash).toBe('')
    const statuses = await page.evaluate(async (layer) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      await new Promise((resolve) => (map.loaded() ? resolve(null) : map.once('idle', resolve)))
      const features = map.queryRenderedFeatures(undefined, { layers: [layer] })
      return Object.fromEntries(features.map((feature) => [String(feature.properties.code), String(feature.properties.status)]))
    }, LAYER_IDS.reportStatusFill)
    expect(statuses).toEqual(Object.fromEntries(defaultReport.communities.map((unit) => [unit.code, unit.status])))

    const spot = await page.evaluate(
      ({ occupied, layer }) => {
        const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
        const layers = occupied.filter((id) => map.getLayer(id))
        const canvas = map.getCanvas().getBoundingClientRect()
        for (let y = 160; y < canvas.height - 160; y += 17) {
          for (let x = 320; x < canvas.width - 420; x += 19) {
            if (map.queryRenderedFeatures([[x - 8, y - 8], [x + 8, y + 8]], { layers }).length > 0) continue
            const [community] = map.queryRenderedFeatures([x, y], { layers: [layer] })
            if (community) return { x: canvas.left + x, y: canvas.top + y, code: String(community.properties.code) }
          }
        }
        return undefined
      },
      { occupied: OCCUPIED_LAYERS, layer: LAYER_IDS.reportStatusFill },
    )
    expect(spot).toBeDefined()
    await page.mouse.click(spot!.x, spot!.y)
    const flags = page.getByTestId('community-flags')
    await flags.waitFor({ state: 'visible', timeout: 15_000 })
    const unit = defaultReport.communities.find((entry) => entry.code === spot!.code)!
    expect(await page.getByTestId('feature-name').textContent()).toBe(unit.name)
    expect(await flags.getAttribute('data-status')).toBe(unit.status)
    const listed = await flags.getByTestId('community-flag').evaluateAll((items) => items.map((item) => [(item as HTMLElement).dataset.rule, (item as HTMLElement).dataset.status]))
    expect(listed).toEqual(unit.evaluations.filter((e) => e.status === 'fail' || e.status === 'cannot-evaluate').map((e) => [e.rule, e.status]))
    const firstFail = unit.evaluations.find((e) => e.status === 'fail')
    if (firstFail) expect(await flags.locator(`[data-rule="${firstFail.rule}"]`).getByTestId('flag-message').textContent()).toBe(firstFail.message)
    await page.screenshot({ path: path.join(browserOutputDir, 'report-map.png') })
    await page.getByTestId('feature-panel-close').click()
    await page.getByTestId('report-map-hide').click()
  }, 60_000)

  it('suggests 2 sites at 5 minutes from gates and takes them into the what-if', async () => {
    const query = { kind: 'home_care', mode: 'time', bands: '5,10,15', speed: 'standard' }
    await page.getByTestId('coverage-toggle').click()
    await page.getByTestId('coverage-kind').selectOption('home_care')
    await page.getByTestId('coverage-run').click()
    await page.waitForSelector('[data-testid="coverage-panel"][data-coverage-ready="true"]', { timeout: 60_000 })
    const baseline = await api<Coverage>(`/api/coverage?${new URLSearchParams({ ...query, compounds: 'false' })}`)
    const before5 = baseline.divisions.find((d) => d.level === 'district')!.bands[0]!.households

    await page.getByTestId('what-if-toggle').click()
    await page.getByTestId('sites-toggle').click()
    await page.getByTestId('sites-band').fill('5')
    await page.getByTestId('sites-k').fill('2')
    await page.getByTestId('sites-gates').check()
    await page.getByTestId('sites-run').click()
    await page.waitForSelector('[data-testid="site-suggestions"][data-sites-status="ready"]', { timeout: 60_000 })

    const expected = await api<Suggestions>('/api/site-suggestions', {
      method: 'POST',
      body: { kind: 'home_care', mode: 'time', minutes: 5, speed: 'standard', k: 2, candidates: { gates: true } },
    })
    expect(expected.picks).toHaveLength(2)
    const picks = await page.getByTestId('site-pick').evaluateAll((items) =>
      items.map((item) => ({
        rank: Number((item as HTMLElement).dataset.rank),
        gain: Number((item as HTMLElement).dataset.gain),
        lng: Number((item as HTMLElement).dataset.lng),
        lat: Number((item as HTMLElement).dataset.lat),
      })),
    )
    expect(picks).toEqual(expected.picks.map((pick) => ({ rank: pick.rank, gain: pick.gainHouseholds, lng: pick.candidate.lng, lat: pick.candidate.lat })))
    expect(await page.getByTestId('sites-result').textContent()).toContain(expected.after.householdsCovered.toLocaleString('en-US'))
    const ranks = await page.evaluate(async (layer) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      await new Promise((resolve) => {
        map.once('idle', resolve)
        map.triggerRepaint()
      })
      return [...new Set(map.queryRenderedFeatures(undefined, { layers: [layer] }).map((f) => Number(f.properties.rank)))].sort()
    }, LAYER_IDS.sitePick)
    expect(ranks).toEqual([1, 2])

    await page.getByTestId('sites-take').click()
    await expect.poll(() => page.getByTestId('what-if-change').count(), { timeout: 10_000 }).toBe(2)
    await page.waitForSelector('[data-testid="what-if-panel"][data-what-if-ready="true"]', { timeout: 60_000 })
    const gained = expected.picks.reduce((sum, pick) => sum + pick.gainHouseholds, 0)
    const households5 = page.getByTestId('what-if-district').locator('tr[data-band="0"] td[data-field="households"]')
    expect(Number(await households5.getAttribute('data-value'))).toBe(before5 + gained)
    const whatIf = await api<Coverage>('/api/coverage/what-if', { method: 'POST', body: { ...query, compounds: false, changes: expected.changes } })
    expect(whatIf.divisions.find((d) => d.level === 'district')!.bands[0]!.households).toBe(before5 + gained)

    expect(await page.getByTestId('coverage-export').getAttribute('data-export-mode')).toBe('what-if')
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('coverage-export-communities').click()])
    expect(download.suggestedFilename()).toBe('coverage-home_care-what-if.geojson')
    const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
      properties: { scenario: { id: number | null; changes: number } }
      features: { properties: Record<string, number> }[]
    }
    expect(file.properties.scenario).toMatchObject({ id: null, changes: 2 })
    expect(file.features.reduce((sum, feature) => sum + feature.properties.households_5!, 0)).toBe(before5 + gained)
    await page.screenshot({ path: path.join(browserOutputDir, 'site-suggestions.png') })
  }, 120_000)

  it('measures a saved what-if scenario against the set, beside today, and exports it', async () => {
    const coverage = await api<CoverageCompounds>('/api/coverage?kind=home_care')
    const far = coverage.compounds
      .filter((compound) => compound.distanceM !== null && compound.gates.some((gate) => gate.snapped && gate.lng !== null && gate.lat !== null))
      .sort((a, b) => b.distanceM! - a.distanceM!)
    const communities = new Set<string | null>()
    const changes: { op: 'add'; lng: number; lat: number; name: string }[] = []
    for (const compound of far) {
      if (changes.length === 4) break
      if (communities.has(compound.communityCode)) continue
      communities.add(compound.communityCode)
      const gate = compound.gates.find((entry) => entry.snapped && entry.lng !== null && entry.lat !== null)!
      changes.push({ op: 'add', lng: gate.lng!, lat: gate.lat!, name: `${compound.name} 门口站` })
    }
    expect(changes).toHaveLength(4)
    const scenario = await api<{ id: number; name: string }>('/api/scenarios', {
      method: 'POST',
      body: { name: '报告 · 远处加站', kind: 'home_care', changes, networkChanges: [] },
    }, 201)
    const rule = 'care-walk-15'
    const today = await api<Report & { scenario: unknown }>('/api/report')
    const withScenario = await api<Report & { scenario: { kind: string; changes: number } | null }>(`/api/report?scenario=${scenario.id}`)
    expect(withScenario.scenario).toMatchObject({ kind: 'home_care', changes: 4 })
    const failing = (report: Report) => report.communities.filter((unit) => unit.evaluations.some((e) => e.rule === rule && e.status === 'fail')).length
    expect(failing(withScenario)).not.toBe(failing(today))

    await page.getByTestId('view-report').click()
    const defaultSet = sets.find((set) => set.isDefault)!
    await waitForReport(defaultSet.id)
    expect(await page.getByTestId('report-scenario').inputValue()).toBe('')
    await expect.poll(() => page.locator(`[data-testid="report-scenario"] option[value="${scenario.id}"]`).count(), { timeout: 15_000 }).toBe(1)
    expect(await page.locator(`[data-testid="report-scenario"] option[value="${scenario.id}"]`).textContent()).toBe('报告 · 远处加站（居家养老服务站）')
    await page.getByTestId('report-filter-rule').selectOption(rule)
    expect(await page.getByTestId('report-shown').getAttribute('data-shown')).toBe(String(failing(today)))

    await page.getByTestId('report-scenario').selectOption(String(scenario.id))
    await page.waitForSelector(`[data-testid="report-view"][data-report-ready="true"][data-scenario-id="${scenario.id}"]`, { timeout: 60_000 })
    expect(await page.getByTestId('report-scenario-applied').textContent()).toContain('已应用情景：报告 · 远处加站')
    expect(await page.getByTestId('report-shown').getAttribute('data-shown')).toBe(String(failing(withScenario)))
    expect(Number(await page.getByTestId('report-shown').getAttribute('data-shown'))).not.toBe(failing(today))

    await page.getByTestId('report-filter-rule').selectOption('')
    expect(await shownRows()).toEqual(expectedRows(withScenario))
    const todayStatus = new Map(today.communities.map((unit) => [unit.code, unit.status]))
    const changed = withScenario.communities.filter((unit) => todayStatus.get(unit.code) !== unit.status).map((unit) => unit.code)
    expect(await page.locator('[data-testid="report-row"].changed').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.code))).toEqual(changed)
    expect(await page.getByTestId('report-status-changed').getAttribute('data-value')).toBe(String(changed.length))
    const resolved = withScenario.communities.filter((unit) =>
      unit.evaluations.some((e) => e.rule === rule && e.status !== 'fail') &&
      today.communities.find((entry) => entry.code === unit.code)!.evaluations.some((e) => e.rule === rule && e.status === 'fail'),
    )
    expect(await page.locator(`[data-testid="report-row"] td[data-rule="${rule}"][data-change="resolved"]`).count()).toBe(resolved.length)
    expect(resolved.length).toBeGreaterThan(0)

    expect(await page.getByTestId('report-export-geojson').getAttribute('href')).toBe(
      `/api/report/communities.geojson?set=${defaultSet.id}&version=${withScenario.set.version}&scenario=${scenario.id}`,
    )
    const [csv] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId('report-export-csv').click()])
    expect(csv.suggestedFilename()).toBe(`report-set-${defaultSet.id}-v${withScenario.set.version}-what-if.csv`)
    await page.screenshot({ path: path.join(browserOutputDir, 'report-scenario.png') })

    await page.getByTestId('report-scenario').selectOption('')
    await page.waitForSelector('[data-testid="report-view"][data-report-ready="true"][data-scenario-id=""]', { timeout: 60_000 })
    expect(await page.getByTestId('report-scenario-applied').count()).toBe(0)
    expect(await shownRows()).toEqual(expectedRows(today))
  }, 120_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})
