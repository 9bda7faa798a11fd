import fs from 'node:fs'
import path from 'node:path'
import type { MultiLineString } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BOUNDARY_LAYER_IDS } from '../../client/map/boundary-layers.ts'
import { TEST_PASSWORD } from '../support/accounts.ts'
import { browserOutputDir, hasChromium, openBrowserApp, signInThroughUi, type BrowserApp } from '../support/browser.ts'

const EDITOR = { username: 'zheng-boundary', displayName: '郑界线', roles: ['boundary_editor' as const] }
const NEW_NAME = '新湖测试社区'

interface ListedLine {
  id: number
  code: string
  markerCount: number
}

interface Unit {
  code: string
  name: string
  level: string
}

describe.skipIf(!hasChromium)('boundary editing in a real browser: markers, derived lines and a renamed community', () => {
  let app: BrowserApp
  let page: Page

  async function screenshot(name: string): Promise<void> {
    fs.mkdirSync(browserOutputDir, { recursive: true })
    await page.screenshot({ path: path.join(browserOutputDir, `boundaries-editing-${name}.png`), fullPage: false })
  }

  async function api<T>(url: string): Promise<T> {
    return page.evaluate(async (address) => (await fetch(address, { credentials: 'same-origin' })).json() as Promise<T>, url)
  }

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1400, height: 1000 }, users: [EDITOR] })
    page = app.page
    await page.goto(`${app.server.url}/#boundaries/lines`)
    await page.getByTestId('boundaries-view').waitFor({ timeout: 30_000 })
    await page.getByTestId('boundaries-page').getByTestId('login-button').click()
    await signInThroughUi(page, EDITOR.username, TEST_PASSWORD)
    await page.getByTestId('login-dialog').waitFor({ state: 'detached', timeout: 15_000 })
    await page.waitForSelector('[data-testid="boundaries-view"][data-can-edit="true"]', { timeout: 15_000 })
  }, 120_000)

  afterAll(() => app?.close())

  it('adds a marker to a demo line by typing its coordinates, and sees it in the table and on the map', async () => {
    const { lines } = await api<{ lines: ListedLine[] }>('/api/boundaries/lines')
    const line = lines.find((entry) => entry.markerCount > 0)!
    expect(line, 'the demo has a line with markers').toBeDefined()
    const detail = await api<{ geometry: MultiLineString; markers: { sequence: number }[] }>(`/api/boundaries/lines/${line.id}`)
    const [a, b] = detail.geometry.coordinates[0]!
    const lng = Math.round(((a![0]! + b![0]!) / 2) * 1e6) / 1e6
    const lat = Math.round(((a![1]! + b![1]!) / 2) * 1e6) / 1e6
    const sequence = Math.max(...detail.markers.map((marker) => marker.sequence)) + 1

    await page.goto(`${app.server.url}/#boundaries/line/${line.id}`)
    await page.waitForSelector(`[data-testid="boundary-line-page"][data-line-id="${line.id}"][data-status="ready"]`, { timeout: 15_000 })
    await page.getByTestId('marker-add').click()
    const form = page.locator('[data-testid="marker-form"][data-mode="new"]')
    await form.waitFor()
    expect(await page.getByTestId('marker-input-sequence').inputValue(), 'the next sequence is offered').toBe(String(sequence))
    await page.getByTestId('marker-input-form').fill('柱状')
    await page.getByTestId('marker-input-material').fill('花岗岩')
    await page.getByTestId('marker-input-lng').fill(String(lng))
    await page.getByTestId('marker-input-lat').fill(String(lat))
    await page.getByTestId('marker-input-elevation').fill('41.5')
    await page.getByTestId('marker-input-location').fill('桥头东侧绿地内')
    const names = page.getByTestId('marker-reference-name')
    await names.nth(0).fill('桥头')
    await names.nth(1).fill('路灯')
    await names.nth(2).fill('变电箱')
    await page.getByTestId('marker-reference-distance').nth(0).fill('25')

    const created = page.waitForResponse((response) => response.url().endsWith('/api/boundaries/markers') && response.request().method() === 'POST')
    await page.getByTestId('marker-save').click()
    const response = await created
    expect(response.status()).toBe(201)
    const marker = (await response.json()) as { id: number; number: string }
    expect(marker.number).toBe(`${line.code}${String(sequence).padStart(3, '0')}Q`)
    await form.waitFor({ state: 'detached', timeout: 15_000 })

    const row = page.locator(`[data-testid="boundary-marker-row"][data-marker-id="${marker.id}"]`)
    await row.waitFor({ timeout: 15_000 })
    expect(await row.getAttribute('data-number')).toBe(marker.number)
    expect(await row.getByTestId('boundary-marker-coordinates').textContent()).toBe(`${lng.toFixed(6)}, ${lat.toFixed(6)}`)

    await page.waitForSelector('[data-testid="boundary-line-map"][data-map-ready="true"]', { timeout: 60_000 })
    await page.waitForSelector(`[data-testid="boundary-line-map-frame"][data-markers-drawn="${line.markerCount + 1}"]`, { state: 'attached', timeout: 15_000 })
    const drawn = await page.evaluate(
      async ({ layer, id, at }) => {
        const map = window.lifecircleMiniMaps!['boundary-line-map']!
        map.jumpTo({ center: at, zoom: 16 })
        await new Promise((resolve) => map.once('idle', resolve))
        return map.queryRenderedFeatures(undefined, { layers: [layer] }).some((feature) => Number(feature.properties.id) === id)
      },
      { layer: BOUNDARY_LAYER_IDS.markers, id: marker.id, at: [lng, lat] as [number, number] },
    )
    expect(drawn, 'the new marker is drawn on the line’s map').toBe(true)
    await screenshot('marker')
  }, 120_000)

  it('derives lines: the district’s pairs are skipped as existing, a sub-district’s communities get new lines', async () => {
    const { divisions } = await api<{ divisions: Unit[] }>('/api/divisions')
    const district = divisions.find((unit) => unit.level === 'district')!
    const subdistrict = divisions.find((unit) => unit.level === 'subdistrict')!
    const before = (await api<{ lines: ListedLine[] }>('/api/boundaries/lines')).lines.length

    await page.getByTestId('boundaries-tab-lines').click()
    await page.waitForSelector(`[data-testid="boundary-lines"][data-status="ready"][data-count="${before}"]`, { timeout: 15_000 })
    await page.getByTestId('derive-open').click()
    await page.getByTestId('derive-lines').waitFor()
    await page.waitForSelector(`[data-testid="derive-parent"] option[value="${district.code}"]`, { state: 'attached', timeout: 15_000 })

    await page.getByTestId('derive-parent').selectOption(district.code)
    expect(await page.getByTestId('derive-level').inputValue(), 'lines between sub-districts are township lines').toBe('township')
    await page.getByTestId('derive-submit').click()
    const existing = page.getByTestId('derive-result')
    await existing.waitFor({ timeout: 30_000 })
    expect(await existing.getAttribute('data-created')).toBe('0')
    expect(Number(await existing.getAttribute('data-skipped')), 'every demo line is skipped as existing').toBe(before)
    expect(await page.getByTestId('derive-skipped').first().textContent()).toContain('已有界线')

    await page.getByTestId('derive-parent').selectOption(subdistrict.code)
    const derived = page.waitForResponse((response) => response.url().endsWith('/api/boundaries/lines/derive'))
    await page.getByTestId('derive-submit').click()
    const result = (await (await derived).json()) as { created: { id: number; code: string }[]; skipped: unknown[] }
    expect(result.created.length, 'the communities of a sub-district have no lines yet').toBeGreaterThan(0)
    await page.waitForSelector(`[data-testid="derive-result"][data-created="${result.created.length}"]`, { timeout: 15_000 })
    expect(await page.getByTestId('derive-created').count()).toBe(result.created.length)
    await page.waitForSelector(`[data-testid="boundary-lines"][data-status="ready"][data-count="${before + result.created.length}"]`, { timeout: 15_000 })
    for (const line of result.created) {
      expect(await page.locator(`[data-testid="boundary-line-row"][data-line-id="${line.id}"]`).getAttribute('data-code')).toBe(line.code)
    }
    await screenshot('derive')
  }, 120_000)

  it('records the renaming of a demo community, which shows its new name today and its old one yesterday', async () => {
    const today = await api<{ asOf: string; divisions: Unit[] }>('/api/divisions?level=community')
    const community = today.divisions[0]!
    const yesterday = new Date(Date.parse(`${today.asOf}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)

    await page.getByTestId('boundaries-tab-divisions').click()
    await page.getByTestId('boundary-divisions').waitFor({ timeout: 15_000 })
    await page.getByTestId('division-event-open').click()
    await page.getByTestId('division-event-form').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('division-event-kind').inputValue()).toBe('rename')
    await page.getByTestId('division-event-rename-unit').selectOption(community.code)
    await page.getByTestId('division-event-rename-name').fill(NEW_NAME)
    expect(await page.getByTestId('division-event-effectiveOn').inputValue(), 'the change takes effect today by default').toBe(today.asOf)
    await page.getByTestId('division-event-authority').fill('演示区人民政府')
    await page.getByTestId('division-event-documentNumber').fill('演政〔2025〕1号')

    const recorded = page.waitForResponse((response) => response.url().endsWith('/api/division-events') && response.request().method() === 'POST')
    await page.getByTestId('division-event-save').click()
    expect((await recorded).status()).toBe(201)
    await page.getByTestId('division-event-recorded').waitFor({ timeout: 15_000 })
    const event = page.locator('[data-testid="division-event"][data-kind="rename"]')
    await event.waitFor({ timeout: 15_000 })
    expect(await event.textContent()).toContain(NEW_NAME)

    const row = page.locator(`[data-testid="division-row"][data-code="${community.code}"]`)
    await page.waitForSelector(`[data-testid="division-rows"][data-as-of="${today.asOf}"]`, { state: 'attached', timeout: 15_000 })
    // The list reloads after the event is recorded; until then it shows the old name.
    await page
      .locator(`[data-testid="division-row"][data-code="${community.code}"][data-name="${NEW_NAME}"]`)
      .waitFor({ timeout: 15_000 })
      .catch(() => undefined)
    expect(await row.getAttribute('data-name'), 'today the community has its new name').toBe(NEW_NAME)
    await screenshot('renamed')

    await page.getByTestId('divisions-as-of').fill(yesterday)
    await page.getByTestId('divisions-as-of').dispatchEvent('change')
    await page.waitForSelector(`[data-testid="division-rows"][data-as-of="${yesterday}"]`, { state: 'attached', timeout: 15_000 })
    expect(await row.getAttribute('data-name'), 'yesterday it had its old name').toBe(community.name)
  }, 120_000)

  it('shows the server’s reason when a change cannot be applied', async () => {
    const { divisions } = await api<{ divisions: Unit[] }>('/api/divisions?level=community')
    const [first, second] = divisions.filter((unit) => unit.name !== NEW_NAME).slice(-2)
    await page.getByTestId('division-event-open').click()
    await page.getByTestId('division-event-form').waitFor({ timeout: 30_000 })
    await page.getByTestId('division-event-kind').selectOption('merge')
    for (const unit of [first!, second!]) {
      await page.getByTestId('division-event-before-pick').selectOption(unit.code)
      await page.getByTestId('division-event-before-add').click()
    }
    await page.getByTestId('division-event-after-code').fill(first!.code)
    await page.getByTestId('division-event-after-name').fill('合并测试社区')
    await page.waitForSelector('[data-testid="division-event-geometry-map"][data-map-ready="true"]', { timeout: 60_000 })
    const canvas = page.getByTestId('division-event-geometry-map').locator('canvas')
    await canvas.scrollIntoViewIfNeeded()
    const box = (await canvas.boundingBox())!
    const corners: [number, number][] = [
      [0.45, 0.45],
      [0.55, 0.45],
      [0.55, 0.55],
      [0.45, 0.55],
    ]
    for (const [x, y] of corners) await page.mouse.click(box.x + box.width * x, box.y + box.height * y)
    await page.getByTestId('division-event-geometry-finish').click()
    await page.waitForSelector('[data-testid="division-event-after-drawn"][data-drawn="true"]', { timeout: 15_000 })

    const refused = page.waitForResponse((response) => response.url().endsWith('/api/division-events') && response.request().method() === 'POST')
    await page.getByTestId('division-event-save').click()
    const response = await refused
    expect(response.status(), 'a small square cannot cover two communities').toBe(400)
    const { detail } = (await response.json()) as { detail: string }
    expect(detail, 'the parts do not cover the merged units').toMatch(/^after/)
    const error = page.getByTestId('division-event-error')
    await error.waitFor()
    expect(await error.textContent()).toContain('无法记录区划变更')
    expect(await error.textContent(), 'the server’s reason is shown').toContain(detail)
    await screenshot('refused')
    await page.getByTestId('division-event-cancel').click()
  }, 120_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})
