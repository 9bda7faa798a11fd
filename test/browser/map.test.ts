import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserOutputDir, hasChromium, openBrowserApp, type BrowserApp } from '../support/browser.ts'

const outputDir = browserOutputDir

describe.skipIf(!hasChromium)('the map in a real browser', () => {
  let app: BrowserApp
  let page: Page

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1280, height: 800 }, showMap: true })
    page = app.page
  }, 120_000)

  afterAll(() => app?.close())

  it('loads the map and renders communities and facilities from our own data', async () => {
    await page.waitForFunction(
      () => {
        const map = (window as unknown as { lifecircleMap?: { loaded(): boolean; areTilesLoaded(): boolean } }).lifecircleMap
        return Boolean(map && map.loaded() && map.areTilesLoaded())
      },
      undefined,
      { timeout: 60_000 },
    )
    const rendered = await page.evaluate(() => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      const style = map.getStyle()
      const ids = style.layers.map((l) => l.id)
      const facilityIds = ids.filter((id) => /^facilities-(community_service|home_care|day_care|elderly_institution)$/.test(id))
      const communityIds = ids.filter((id) => id.startsWith('communities'))
      const facilities = map.queryRenderedFeatures(undefined, { layers: facilityIds })
      const communities = map.queryRenderedFeatures(undefined, { layers: communityIds })
      return {
        facilityIds,
        facilityCount: facilities.length,
        facilityKinds: [...new Set(facilities.map((f) => f.properties.kind))],
        communityCount: new Set(communities.map((f) => f.properties.code)).size,
      }
    })
    expect(rendered.facilityIds).toHaveLength(4)
    expect(rendered.facilityCount).toBeGreaterThanOrEqual(20)
    expect(rendered.facilityKinds.length).toBe(4)
    expect(rendered.communityCount).toBeGreaterThanOrEqual(10)
    fs.mkdirSync(outputDir, { recursive: true })
    await page.screenshot({ path: path.join(outputDir, 'map.png') })
  }, 90_000)

  it('opens a panel with the attributes of a clicked facility', async () => {
    const target = await page.evaluate(() => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      const facilityIds = map.getStyle().layers.map((l) => l.id).filter((id) => /^facilities-(community_service|home_care|day_care|elderly_institution)$/.test(id))
      const features = map.queryRenderedFeatures(undefined, { layers: facilityIds })
      const canvas = map.getCanvas().getBoundingClientRect()
      for (const f of features) {
        const [lng, lat] = (f.geometry as unknown as { coordinates: [number, number] }).coordinates
        const p = map.project([lng, lat])
        if (p.x > 360 && p.x < canvas.width - 360 && p.y > 120 && p.y < canvas.height - 120) {
          return { x: canvas.left + p.x, y: canvas.top + p.y, name: String(f.properties.name) }
        }
      }
      return undefined
    })
    expect(target).toBeDefined()
    await page.mouse.click(target!.x, target!.y)
    const panel = page.getByTestId('feature-panel')
    await panel.waitFor({ state: 'visible', timeout: 15_000 })
    await expect.poll(() => page.getByTestId('feature-name').textContent(), { timeout: 15_000 }).toBe(target!.name)
    const text = await panel.textContent()
    expect(text).toMatch(/建筑面积/)
    await page.screenshot({ path: path.join(outputDir, 'facility-panel.png') })
  }, 60_000)

  it('switches the interface to English and back', async () => {
    await page.getByTestId('lang-switch').click()
    await expect.poll(async () => (await page.locator('body').textContent()) ?? '').toMatch(/Floor area|Layers|Legend/)
    await page.getByTestId('lang-switch').click()
    await expect.poll(async () => (await page.locator('body').textContent()) ?? '').toMatch(/图层|图例/)
  }, 30_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})
