import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { LAYER_IDS } from '../../client/map/layer-ids.ts'
import { TEST_PASSWORD } from '../support/accounts.ts'
import { browserOutputDir, hasChromium, openBrowserApp, showMap, signInFromHeader, type BrowserApp } from '../support/browser.ts'

interface BandTotals {
  households: number
}
interface Report {
  facilities: { id: number; status: string; position: [number, number] }[]
  compounds: { id: number; distanceM: number | null; gates: { snapped: boolean; lng: number | null; lat: number | null }[] }[]
  divisions: { level: string; households: number; bands: BandTotals[] }[]
}
type Change = { op: 'add'; lng: number; lat: number } | { op: 'remove'; facilityId: number }

/** The query the panel sends for home-care stations with its default form. */
const QUERY = { kind: 'home_care', mode: 'time', bands: '5,10,15', speed: 'standard' } as const
const SCENARIO_NAME = '东北角新增站点'

describe.skipIf(!hasChromium)('what-if scenarios in a real browser', () => {
  const PLANNER = { username: 'planner', displayName: '规划员', roles: ['planner' as const] }
  let app: BrowserApp
  let page: Page
  let baselineHouseholds15 = 0
  let whatIfHouseholds15 = 0
  let added: { lng: number; lat: number } | null = null

  /** Asks the API with the page's session (the planner's, once signed in); a POST carries the session's CSRF token. */
  async function api<T>(pathname: string, body?: unknown): Promise<T> {
    const url = `${app.server.url}${pathname}`
    const csrf = async () => ((await (await page.request.get(`${app.server.url}/api/auth/session`)).json()) as { csrfToken: string }).csrfToken
    const response =
      body === undefined ? await page.request.get(url) : await page.request.post(url, { data: body, headers: { 'x-csrf-token': await csrf() } })
    expect(response.status(), `${pathname}: ${response.status()}`).toBe(200)
    return (await response.json()) as T
  }

  const district = (report: Report) => report.divisions.find((division) => division.level === 'district')!

  async function computeHomeCare(): Promise<void> {
    await page.getByTestId('coverage-toggle').click()
    await page.getByTestId('coverage-kind').selectOption('home_care')
    await page.getByTestId('coverage-run').click()
    await page.waitForSelector('[data-testid="coverage-panel"][data-coverage-ready="true"]', { timeout: 60_000 })
  }

  /** Centres the map on a point and clicks it. */
  async function clickMapAt([lng, lat]: [number, number], zoom = 16): Promise<void> {
    const point = await page.evaluate(async ({ center, zoom }) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      map.jumpTo({ center, zoom })
      await new Promise((resolve) => map.once('idle', resolve))
      const at = map.project(center)
      const canvas = map.getCanvas().getBoundingClientRect()
      return { x: canvas.left + at.x, y: canvas.top + at.y }
    }, { center: [lng, lat] as [number, number], zoom })
    await page.mouse.click(point.x, point.y)
  }

  async function waitForWhatIf(): Promise<void> {
    await page.waitForSelector('[data-testid="what-if-panel"][data-what-if-ready="true"]', { timeout: 60_000 })
  }

  /** The 15-minute households of the district as the what-if table shows them. */
  async function shownHouseholds15(): Promise<number> {
    const cell = page.getByTestId('what-if-district').locator('tr[data-band="2"] td[data-field="households"]')
    const text = (await cell.textContent()) ?? ''
    const shown = Number(/^\s*([\d,]+)/.exec(text)?.[1]?.replaceAll(',', ''))
    expect(Number(await cell.getAttribute('data-value'))).toBe(shown)
    return shown
  }

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1280, height: 900 }, users: [PLANNER], showMap: true })
    page = app.page
    await signInFromHeader(page, PLANNER.username, TEST_PASSWORD)
    expect(await page.getByTestId('user-display-name').textContent()).toBe(PLANNER.displayName)
  }, 120_000)

  afterAll(() => app?.close())

  it('adds a home-care station where none is near, and the district gains households within 15 minutes', async () => {
    await computeHomeCare()
    const baseline = await api<Report>(`/api/coverage?${new URLSearchParams(QUERY)}`)
    baselineHouseholds15 = district(baseline).bands[2]!.households
    expect(await page.getByTestId('coverage-summary').textContent()).toContain(baselineHouseholds15.toLocaleString('en-US'))

    const farthest = baseline.compounds
      .filter((compound) => compound.distanceM !== null && compound.gates.some((gate) => gate.snapped))
      .sort((a, b) => b.distanceM! - a.distanceM!)[0]!
    const gate = farthest.gates.find((entry) => entry.snapped)!
    expect(farthest.distanceM).toBeGreaterThan(1000)

    await page.getByTestId('what-if-toggle').click()
    await page.getByTestId('what-if-tool-add').click()
    expect(await page.getByTestId('what-if-hint').textContent()).toMatch(/点击地图放置新设施/)
    await clickMapAt([gate.lng!, gate.lat!])

    const change = page.getByTestId('what-if-change')
    await expect.poll(() => change.count(), { timeout: 10_000 }).toBe(1)
    expect(await change.getAttribute('data-op')).toBe('add')
    expect(await change.textContent()).toMatch(/新增：新增设施 1/)
    added = { lng: Number(await change.getAttribute('data-lng')), lat: Number(await change.getAttribute('data-lat')) }
    expect(Math.abs(added.lng - gate.lng!)).toBeLessThan(0.0002)
    expect(Math.abs(added.lat - gate.lat!)).toBeLessThan(0.0002)
    await page.getByTestId('what-if-tool-add').click()

    await waitForWhatIf()
    whatIfHouseholds15 = await shownHouseholds15()
    const expected = await api<Report>('/api/coverage/what-if', { ...QUERY, changes: [{ op: 'add', ...added }] })
    expect(whatIfHouseholds15).toBe(district(expected).bands[2]!.households)
    expect(whatIfHouseholds15).toBeGreaterThan(baselineHouseholds15)

    const gained = whatIfHouseholds15 - baselineHouseholds15
    const delta = await page.getByTestId('what-if-district').locator('tr[data-band="2"] td[data-field="change"]').textContent()
    expect(delta).toContain(`+${gained.toLocaleString('en-US')} 户（+`)
    expect(await page.getByTestId('coverage-baseline').isVisible()).toBe(true)

    const marks = await page.evaluate((layer) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      return map.queryRenderedFeatures(undefined, { layers: [layer] }).map((feature) => feature.properties.mark)
    }, LAYER_IDS.whatIfMarker)
    expect(marks).toContain('added')
    const bands = await page.evaluate((layer) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      return map.queryRenderedFeatures(undefined, { layers: [layer] }).length
    }, LAYER_IDS.serviceAreaFill)
    expect(bands).toBeGreaterThan(0)

    await page.evaluate(async (center) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      map.jumpTo({ center, zoom: 14.6 })
      await new Promise((resolve) => map.once('idle', resolve))
    }, [added.lng, added.lat] as [number, number])
    await page.getByTestId('what-if-district').scrollIntoViewIfNeeded()
    fs.mkdirSync(browserOutputDir, { recursive: true })
    await page.screenshot({ path: path.join(browserOutputDir, 'what-if.png') })
  }, 120_000)

  it('saves the scenario, and after a reload loads it from the list with the same numbers', async () => {
    await page.getByTestId('scenario-name').fill(SCENARIO_NAME)
    await page.getByTestId('scenario-save').click()
    await page.getByTestId('scenario-saved').waitFor({ state: 'visible', timeout: 15_000 })

    const { scenarios } = await api<{ scenarios: { id: number; name: string; changes: Change[] }[] }>('/api/scenarios?kind=home_care')
    const saved = scenarios.find((scenario) => scenario.name === SCENARIO_NAME)!
    expect(saved.changes).toEqual([{ op: 'add', ...added }])
    expect(await page.getByTestId('coverage-export-areas').getAttribute('href')).toContain(`scenario=${saved.id}`)

    await showMap(app)
    await computeHomeCare()
    await page.getByTestId('what-if-toggle').click()
    const item = page.locator(`[data-testid="scenario-item"][data-scenario-id="${saved.id}"]`)
    await item.waitFor({ state: 'visible', timeout: 15_000 })
    await item.getByTestId('scenario-load').click()

    await waitForWhatIf()
    expect(await page.getByTestId('what-if-scenario').textContent()).toContain(SCENARIO_NAME)
    expect(await page.getByTestId('what-if-change').count()).toBe(1)
    expect(await shownHouseholds15()).toBe(whatIfHouseholds15)
    expect(await page.getByTestId('coverage-export-communities').getAttribute('href')).toContain(`scenario=${saved.id}`)
  }, 120_000)

  it('removes a station on top of the loaded scenario and exports the unsaved result as a file', async () => {
    const report = await api<Report>('/api/coverage/what-if', { ...QUERY, changes: [{ op: 'add', ...added }] })
    const station = report.facilities.find((facility) => facility.status === 'unchanged')!
    await page.getByTestId('what-if-tool-remove').click()
    await clickMapAt(station.position)
    await expect.poll(() => page.getByTestId('what-if-change').count(), { timeout: 10_000 }).toBe(2)
    expect(await page.getByTestId('what-if-change').nth(1).getAttribute('data-facility-id')).toBe(String(station.id))
    await page.getByTestId('what-if-tool-remove').click()
    await waitForWhatIf()
    expect(await page.getByTestId('what-if-scenario').textContent()).toMatch(/已修改/)

    const expected = await api<Report>('/api/coverage/what-if', {
      ...QUERY,
      changes: [{ op: 'add', ...added }, { op: 'remove', facilityId: station.id }],
    })
    expect(await shownHouseholds15()).toBe(district(expected).bands[2]!.households)

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('coverage-export-areas').click(),
    ])
    expect(download.suggestedFilename()).toBe('service-areas-home_care-what-if.geojson')
    const collection = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
      properties: { scenario: { id: number | null; changes: number }; facilities: { id: number; status: string }[] }
      features: unknown[]
    }
    expect(collection.properties.scenario).toMatchObject({ id: null, changes: 2 })
    expect(collection.properties.facilities.some((facility) => facility.id === -1 && facility.status === 'added')).toBe(true)
    expect(collection.properties.facilities.some((facility) => facility.id === station.id)).toBe(false)
    expect(collection.features).toHaveLength(3)

    await page.getByTestId('what-if-undo').nth(1).click()
    await expect.poll(() => page.getByTestId('what-if-change').count()).toBe(1)
    await waitForWhatIf()
    expect(await shownHouseholds15()).toBe(whatIfHouseholds15)
  }, 120_000)

  it('closes the river crossings near a station, adds a link, and saves and loads the network edits', async () => {
    type NetworkChange = { op: 'close'; edgeId: number } | { op: 'link'; lng: number; lat: number; toLng: number; toLat: number }
    interface Bridge {
      id: number
      middle: [number, number]
      ends: [[number, number], [number, number]]
    }
    const coverageWith = async (networkChanges: NetworkChange[]) =>
      district(await api<Report>('/api/coverage/what-if', { ...QUERY, changes: [], networkChanges })).bands[2]!.households

    /** Bridges of the network tiles within about a kilometre of a point, each with the middle and ends of its longest piece. */
    const bridgesNear = (center: [number, number]) =>
      page.evaluate(async (at) => {
        const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
        map.jumpTo({ center: at, zoom: 14.5 })
        await new Promise((resolve) => map.once('idle', resolve))
        const metres = (a: number[], b: number[]) =>
          Math.hypot((b[0]! - a[0]!) * 111_320 * Math.cos((at[1] * Math.PI) / 180), (b[1]! - a[1]!) * 110_540)
        const found = new Map<number, { id: number; length: number; middle: [number, number]; ends: [[number, number], [number, number]] }>()
        for (const feature of map.querySourceFeatures('network', { sourceLayer: 'network' })) {
          if (feature.properties.bridge !== true || feature.properties.highway === 'motorway' || feature.properties.highway === 'trunk') continue
          if (feature.geometry.type !== 'LineString') continue
          const line = feature.geometry.coordinates
          let length = 0
          for (let i = 1; i < line.length; i++) length += metres(line[i - 1]!, line[i]!)
          let walked = 0
          let middle = line[0]!
          for (let i = 1; i < line.length; i++) {
            const step = metres(line[i - 1]!, line[i]!)
            if (walked + step >= length / 2) {
              const f = step === 0 ? 0 : (length / 2 - walked) / step
              middle = [line[i - 1]![0]! + f * (line[i]![0]! - line[i - 1]![0]!), line[i - 1]![1]! + f * (line[i]![1]! - line[i - 1]![1]!)]
              break
            }
            walked += step
          }
          const id = Number(feature.id)
          if (metres(middle, at) > 1000 || (found.get(id)?.length ?? 0) >= length) continue
          found.set(id, { id, length, middle: middle as [number, number], ends: [line[0] as [number, number], line.at(-1) as [number, number]] })
        }
        return [...found.values()].map(({ id, middle, ends }) => ({ id, middle, ends }))
      }, center)

    const baseline = await api<Report>(`/api/coverage?${new URLSearchParams(QUERY)}`)
    const baseline15 = district(baseline).bands[2]!.households
    let best: { bridges: Bridge[]; households: number } | null = null
    for (const station of baseline.facilities) {
      const bridges = (await bridgesNear(station.position)).slice(0, 6)
      if (bridges.length === 0) continue
      const households = await coverageWith(bridges.map((bridge) => ({ op: 'close', edgeId: bridge.id })))
      if (!best || households < best.households) best = { bridges, households }
    }
    expect(best, 'no bridge near any home-care station').not.toBeNull()
    expect(best!.households).toBeLessThan(baseline15)

    await page.getByTestId('what-if-clear').click()
    await expect.poll(() => page.getByTestId('what-if-change').count()).toBe(0)
    await page.getByTestId('what-if-tool-close').click()
    expect(await page.getByTestId('what-if-hint').textContent()).toMatch(/点击要封闭的道路或小路/)
    for (const bridge of best!.bridges) {
      const before = await page.getByTestId('what-if-change').count()
      await clickMapAt(bridge.middle, 18)
      await expect.poll(() => page.getByTestId('what-if-change').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(before)
    }
    await page.getByTestId('what-if-tool-close').click()
    const closes = page.locator('[data-testid="what-if-change"][data-op="close"]')
    expect(await closes.count()).toBeGreaterThan(0)
    expect(await closes.first().textContent()).toMatch(/^×?\s*封闭路段：/)
    const closedIds = (await closes.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-edge-id'))))) as number[]
    expect(closedIds, JSON.stringify(best!.bridges)).toEqual(closedIds.filter((id) => best!.bridges.some((bridge) => bridge.id === id)))
    const closed: NetworkChange[] = closedIds.map((edgeId) => ({ op: 'close', edgeId }))

    await waitForWhatIf()
    const closedHouseholds = await shownHouseholds15()
    expect(closedHouseholds).toBe(await coverageWith(closed))
    expect(closedHouseholds).toBeLessThan(baseline15)
    const drawnClosed = await page.evaluate(async ({ layer, center }) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      map.jumpTo({ center, zoom: 16 })
      await new Promise((resolve) => map.once('idle', resolve))
      return map.queryRenderedFeatures(undefined, { layers: [layer] }).map((feature) => Number(feature.id))
    }, { layer: LAYER_IDS.networkClosed, center: best!.bridges[0]!.middle })
    expect(drawnClosed.some((id) => closedIds.includes(id))).toBe(true)

    const bridge = best!.bridges.find((entry) => closedIds.includes(entry.id))!
    await page.getByTestId('what-if-tool-link').click()
    await clickMapAt(bridge.ends[0], 16)
    expect(await page.getByTestId('what-if-hint').textContent()).toMatch(/点击新连通的终点/)
    await clickMapAt(bridge.ends[1], 16)
    await page.getByTestId('what-if-tool-link').click()
    const link = page.locator('[data-testid="what-if-change"][data-op="link"]')
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1)
    expect(await link.textContent()).toMatch(/新增连通：连通 1/)
    await waitForWhatIf()
    const linkedHouseholds = await shownHouseholds15()

    const name = '封闭过河桥并新建人行桥'
    await page.getByTestId('scenario-name').fill(name)
    await page.getByTestId('scenario-save-new').click()
    await page.getByTestId('scenario-saved').waitFor({ state: 'visible', timeout: 15_000 })
    const { scenarios } = await api<{ scenarios: { id: number; name: string; changes: Change[]; networkChanges: NetworkChange[] }[] }>(
      '/api/scenarios?kind=home_care',
    )
    const saved = scenarios.find((scenario) => scenario.name === name)!
    expect(saved.changes).toEqual([])
    expect(saved.networkChanges.slice(0, closed.length)).toEqual(closed)
    expect(saved.networkChanges[closed.length]).toMatchObject({ op: 'link' })
    expect(saved.networkChanges).toHaveLength(closed.length + 1)
    expect(linkedHouseholds).toBe(await coverageWith(saved.networkChanges))

    await showMap(app)
    await computeHomeCare()
    await page.getByTestId('what-if-toggle').click()
    const item = page.locator(`[data-testid="scenario-item"][data-scenario-id="${saved.id}"]`)
    await item.waitFor({ state: 'visible', timeout: 15_000 })
    await item.getByTestId('scenario-load').click()
    await waitForWhatIf()
    expect(await page.getByTestId('what-if-scenario').textContent()).toContain(name)
    expect(await closes.count()).toBe(closed.length)
    expect(await link.count()).toBe(1)
    expect(await shownHouseholds15()).toBe(linkedHouseholds)
    const drawnLinks = await page.evaluate(async ({ layer, center }) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      map.jumpTo({ center, zoom: 16 })
      await new Promise((resolve) => map.once('idle', resolve))
      return map.queryRenderedFeatures(undefined, { layers: [layer] }).length
    }, { layer: LAYER_IDS.whatIfLinkLine, center: bridge.middle })
    expect(drawnLinks).toBeGreaterThan(0)
  }, 240_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})
