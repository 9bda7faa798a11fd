import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { MARKER_CONDITION_COLORS } from '../../client/map/boundary-colors.ts'
import { BOUNDARY_LAYER_IDS } from '../../client/map/boundary-layers.ts'
import { TEST_PASSWORD } from '../support/accounts.ts'
import { browserOutputDir, hasChromium, openBrowserApp, signInThroughUi, type BrowserApp } from '../support/browser.ts'

const EDITOR = { username: 'zhou-boundary', displayName: '周界线', roles: ['boundary_editor' as const] }
const VIEWER = { username: 'wu-viewer', displayName: '吴查看', roles: ['viewer' as const] }
const FINDING = '界桩顶部破损，字迹模糊'

interface ListedLine {
  id: number
  name: string
  status: string
  markerCount: number
}

interface Dashboard {
  today: string
  overdue: { id: number }[]
  markersByCondition: Record<string, number>
}

describe.skipIf(!hasChromium)('boundaries in a real browser: an inspection finds a marker damaged, and a viewer sees no coordinates', () => {
  let app: BrowserApp
  let page: Page
  let line: ListedLine
  let markerId = 0
  let before: Dashboard

  async function screenshot(target: Page, name: string): Promise<void> {
    fs.mkdirSync(browserOutputDir, { recursive: true })
    await target.screenshot({ path: path.join(browserOutputDir, `boundaries-${name}.png`), fullPage: false })
  }

  async function api<T>(target: Page, url: string): Promise<T> {
    return target.evaluate(async (address) => (await fetch(address, { credentials: 'same-origin' })).json() as Promise<T>, url)
  }

  /** Waits for a small map to load and go idle, then reads what one of its layers draws. */
  async function renderedMarkers(target: Page, testid: string): Promise<{ id: number; condition: string; color: string }[]> {
    await target.waitForSelector(`[data-testid="${testid}"][data-map-ready="true"]`, { timeout: 60_000 })
    return target.evaluate(
      async ({ testid, layer }) => {
        const map = window.lifecircleMiniMaps![testid]!
        await new Promise((resolve) => (map.loaded() ? resolve(null) : map.once('idle', resolve)))
        return map.queryRenderedFeatures(undefined, { layers: [layer] }).map((feature) => ({
          id: Number(feature.properties.id),
          condition: String(feature.properties.condition),
          color: String(feature.properties.color),
        }))
      },
      { testid, layer: BOUNDARY_LAYER_IDS.markers },
    )
  }

  async function conditionCount(condition: string): Promise<number> {
    return Number(await page.locator(`[data-testid="dashboard-condition"][data-condition="${condition}"]`).getAttribute('data-count'))
  }

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1400, height: 1000 }, users: [EDITOR, VIEWER] })
    page = app.page
  }, 120_000)

  afterAll(() => app?.close())

  it('opens the boundary overview as an editor and goes from it to a demo line', async () => {
    await page.goto(`${app.server.url}/#boundaries`)
    await page.getByTestId('boundaries-view').waitFor({ timeout: 30_000 })
    await page.getByTestId('boundaries-page').getByTestId('login-button').click()
    await signInThroughUi(page, EDITOR.username, TEST_PASSWORD)
    await page.getByTestId('login-dialog').waitFor({ state: 'detached', timeout: 15_000 })
    await page.waitForSelector('[data-testid="boundaries-view"][data-can-edit="true"]', { timeout: 15_000 })
    await page.waitForSelector('[data-testid="boundary-dashboard"][data-status="ready"]', { timeout: 30_000 })

    before = await api<Dashboard>(page, '/api/boundaries/dashboard')
    expect(await conditionCount('damaged'), 'the overview counts the markers as the server does').toBe(before.markersByCondition.damaged ?? 0)
    const { lines } = await api<{ lines: ListedLine[] }>(page, '/api/boundaries/lines')
    const withMarkers = lines.filter((entry) => entry.markerCount > 0)
    expect(withMarkers.length, 'the demo has boundary lines with markers').toBeGreaterThan(0)
    line = withMarkers.find((entry) => before.overdue.some((overdue) => overdue.id === entry.id)) ?? withMarkers[0]!
    await screenshot(page, 'dashboard')

    if (before.overdue.some((overdue) => overdue.id === line.id)) {
      await page.locator(`[data-testid="dashboard-lines-overdue"] [data-testid="dashboard-line"][data-line-id="${line.id}"] a`).click()
    } else {
      await page.getByTestId('boundaries-tab-lines').click()
      await page.locator(`[data-testid="boundary-line-row"][data-line-id="${line.id}"] [data-testid="boundary-line-link"]`).click()
    }
    await page.waitForSelector(`[data-testid="boundary-line-page"][data-line-id="${line.id}"][data-status="ready"]`, { timeout: 15_000 })
    expect(await page.getByTestId('boundary-line-name').textContent()).toBe(line.name)
    expect(await page.getByTestId('boundary-coordinates-hidden').count(), 'an editor sees the coordinates').toBe(0)
    const drawn = await renderedMarkers(page, 'boundary-line-map')
    expect(drawn.length, 'the line’s markers are drawn on its map').toBe(line.markerCount)
    const intact = drawn.find((marker) => marker.condition === 'intact')
    expect(intact, 'the demo line has an intact marker').toBeDefined()
    expect(intact!.color).toBe(MARKER_CONDITION_COLORS.intact)
    markerId = intact!.id
  }, 120_000)

  it('records an inspection done today that finds the marker damaged', async () => {
    await page.getByTestId('boundary-line-inspect').click()
    await page.waitForSelector('[data-testid="inspection-form"][data-status="ready"]', { timeout: 15_000 })
    expect(await page.getByTestId('inspection-input-kind').inputValue()).toBe('periodic')
    await page.getByTestId('inspection-input-doneOn').fill(before.today)
    await page.getByTestId('inspection-input-parties').fill('甲街道、乙街道')
    await page.getByTestId('inspection-input-summary').fill('例行联检，发现一处界桩损坏。')
    await page.getByTestId('finding-add-marker').click()
    const row = page.getByTestId('finding-row').first()
    await row.getByTestId('finding-marker').selectOption(String(markerId))
    await row.getByTestId('finding-condition').selectOption('damaged')
    await row.getByTestId('finding-text').fill(FINDING)
    await row.getByTestId('finding-action').fill('已通知管护单位修复')

    const created = page.waitForResponse((response) => response.url().endsWith('/api/boundaries/inspections') && response.request().method() === 'POST')
    await page.getByTestId('inspection-save').click()
    expect((await created).status()).toBe(201)
    await page.waitForSelector('[data-testid="boundary-inspection-page"][data-status="ready"]', { timeout: 15_000 })
    expect(await page.getByTestId('inspection-done-on').textContent()).toBe(before.today)
    const finding = page.locator(`[data-testid="inspection-finding"][data-marker-id="${markerId}"]`)
    expect(await finding.getAttribute('data-condition')).toBe('damaged')
    expect(await finding.textContent()).toContain(FINDING)
    expect(await finding.textContent()).toContain('损坏')
  }, 60_000)

  it('draws the marker in the damaged colour on the line’s map, and a click on it opens the marker', async () => {
    await page.getByTestId('inspection-back-to-line').click()
    await page.waitForSelector(`[data-testid="boundary-line-page"][data-line-id="${line.id}"][data-status="ready"]`, { timeout: 15_000 })
    expect(await page.locator(`[data-testid="boundary-marker-row"][data-marker-id="${markerId}"]`).getAttribute('data-condition')).toBe('damaged')
    expect(await page.getByTestId('boundary-line-last-inspected').textContent()).toBe(before.today)
    expect(await page.getByTestId('boundary-line-page').getAttribute('data-line-status'), 'inspected today, the line is not overdue').not.toBe('overdue')
    const drawn = await renderedMarkers(page, 'boundary-line-map')
    expect(drawn.find((marker) => marker.id === markerId)).toEqual({ id: markerId, condition: 'damaged', color: MARKER_CONDITION_COLORS.damaged })
    expect(await page.locator(`[data-testid="boundary-legend-marker"][data-color="${MARKER_CONDITION_COLORS.damaged}"]`).textContent()).toContain('损坏')
    await screenshot(page, 'line')

    const point = await page.evaluate(
      async ({ id, testid }) => {
        const map = window.lifecircleMiniMaps![testid]!
        const feature = map.queryRenderedFeatures(undefined, { layers: ['boundary-markers'] }).find((entry) => Number(entry.properties.id) === id)!
        const [lng, lat] = (feature.geometry as import('geojson').Point).coordinates as [number, number]
        map.jumpTo({ center: [lng, lat], zoom: Math.max(map.getZoom(), 15) })
        await new Promise((resolve) => map.once('idle', resolve))
        const at = map.project([lng, lat])
        const canvas = map.getCanvas().getBoundingClientRect()
        return { x: canvas.left + at.x, y: canvas.top + at.y }
      },
      { id: markerId, testid: 'boundary-line-map' },
    )
    await page.mouse.click(point.x, point.y)
    await page.waitForSelector(`[data-testid="boundary-marker-page"][data-marker-id="${markerId}"][data-status="ready"]`, { timeout: 15_000 })
    expect(await page.getByTestId('boundary-marker-page').getAttribute('data-condition')).toBe('damaged')
    expect(await page.locator('[data-testid="boundary-condition-entry"][data-source="inspection"][data-condition="damaged"]').count()).toBe(1)
    expect(await page.getByTestId('boundary-reference-object').count(), 'an editor sees the reference objects').toBeGreaterThanOrEqual(3)
  }, 90_000)

  it('counts the damage on the overview, where the line is no longer overdue', async () => {
    await page.getByTestId('boundaries-tab-dashboard').click()
    await page.waitForSelector('[data-testid="boundary-dashboard"][data-status="ready"]', { timeout: 15_000 })
    expect(await conditionCount('damaged')).toBe((before.markersByCondition.damaged ?? 0) + 1)
    expect(await conditionCount('intact')).toBe((before.markersByCondition.intact ?? 0) - 1)
    expect(await page.locator(`[data-testid="dashboard-lines-overdue"] [data-testid="dashboard-line"][data-line-id="${line.id}"]`).count()).toBe(0)
    expect(await page.locator(`[data-testid="dashboard-lines-due"] [data-testid="dashboard-line"][data-line-id="${line.id}"]`).count()).toBe(0)

    await page.getByTestId('boundaries-tab-map').click()
    const overview = await renderedMarkers(page, 'boundary-overview-map')
    expect(overview.find((marker) => marker.id === markerId)?.color, 'the overview map draws it damaged too').toBe(MARKER_CONDITION_COLORS.damaged)
    await screenshot(page, 'map')
  }, 90_000)

  it('lists division changes, counts the divisions as of a day and checks a district for gaps and overlaps', async () => {
    await page.getByTestId('boundaries-tab-divisions').click()
    await page.getByTestId('boundary-divisions').waitFor({ timeout: 15_000 })
    const asOf = await api<{ asOf: string; counts: Record<string, number> }>(page, `/api/divisions?asOf=${before.today}`)
    await page.waitForSelector(`[data-testid="divisions-counts"][data-as-of="${asOf.asOf}"]`, { state: 'attached', timeout: 15_000 })
    for (const [level, count] of Object.entries(asOf.counts)) {
      if (count > 0) expect(await page.locator(`[data-testid="divisions-counts"] [data-level="${level}"]`).getAttribute('data-count')).toBe(String(count))
    }
    await page.waitForSelector('[data-testid="divisions-map"][data-map-ready="true"]', { timeout: 60_000 })
    const district = (await page.getByTestId('topology-parent').locator('option').allTextContents()).findIndex((text) => text.includes('区县'))
    expect(district, 'the district is offered for the check').toBeGreaterThan(0)
    await page.getByTestId('topology-parent').selectOption({ index: district })
    await page.getByTestId('topology-check').click()
    const result = page.getByTestId('topology-result')
    await result.waitFor({ timeout: 30_000 })
    const code = await page.getByTestId('topology-parent').inputValue()
    const topology = await api<{ gaps: unknown[]; overlaps: unknown[] }>(page, `/api/divisions/topology?parent=${code}`)
    expect(await result.getAttribute('data-gaps')).toBe(String(topology.gaps.length))
    expect(await result.getAttribute('data-overlaps')).toBe(String(topology.overlaps.length))
    await screenshot(page, 'divisions')
  }, 120_000)

  it('shows a viewer the line without marker coordinates, and without the editing tools', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 1000 } })
    const viewerPage = await context.newPage()
    viewerPage.on('pageerror', (error) => app.seen.errors.push(error.message))
    try {
      await viewerPage.goto(`${app.server.url}/#boundaries/line/${line.id}`)
      await viewerPage.getByTestId('boundaries-view').waitFor({ timeout: 30_000 })
      await viewerPage.getByTestId('boundaries-page').getByTestId('login-button').click()
      await signInThroughUi(viewerPage, VIEWER.username, TEST_PASSWORD)
      await viewerPage.getByTestId('login-dialog').waitFor({ state: 'detached', timeout: 15_000 })
      await viewerPage.waitForSelector(`[data-testid="boundary-line-page"][data-line-id="${line.id}"][data-status="ready"]`, { timeout: 15_000 })
      await viewerPage.getByTestId('boundaries-read-only').waitFor()

      expect(await viewerPage.getByTestId('boundary-coordinates-hidden').textContent()).toBe('界桩坐标仅对界线编辑人员可见')
      const rows = viewerPage.getByTestId('boundary-marker-row')
      expect(await rows.count()).toBe(line.markerCount)
      expect(await viewerPage.locator('[data-testid="boundary-marker-row"][data-hidden="true"]').count()).toBe(line.markerCount)
      expect(new Set(await viewerPage.getByTestId('boundary-marker-coordinates').allTextContents())).toEqual(new Set(['—']))
      expect(await viewerPage.locator(`[data-testid="boundary-marker-row"][data-marker-id="${markerId}"]`).getAttribute('data-condition'), 'the condition is not secret').toBe('damaged')
      expect(await viewerPage.getByTestId('boundary-line-inspect').count()).toBe(0)
      expect(await viewerPage.getByTestId('custody-add').count()).toBe(0)
      expect(await viewerPage.getByTestId('boundary-line-simplified').count(), 'the viewer is told the line is simplified').toBe(1)
      expect(await renderedMarkers(viewerPage, 'boundary-line-map'), 'no marker is drawn').toEqual([])
      expect(await viewerPage.getByTestId('boundary-line-map-frame').getAttribute('data-markers-drawn')).toBe('0')

      const answered = await api<{ markers: { lng: number | null; lat: number | null }[] }>(viewerPage, `/api/boundaries/lines/${line.id}`)
      expect(answered.markers.every((marker) => marker.lng === null && marker.lat === null), 'nor sent to the browser').toBe(true)
      await screenshot(viewerPage, 'viewer-line')

      await viewerPage.goto(`${app.server.url}/#boundaries/line/${line.id}/inspect`)
      await viewerPage.waitForSelector('[data-testid="boundaries-view"][data-page="line"]', { timeout: 15_000 })
    } finally {
      await context.close()
    }
  }, 120_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})
