import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { LAYER_IDS } from '../../client/map/layer-ids.ts'
import { browserOutputDir, hasChromium, OCCUPIED_LAYERS, openBrowserApp, type BrowserApp } from '../support/browser.ts'

const outputDir = browserOutputDir

describe.skipIf(!hasChromium)('coverage analysis in a real browser', () => {
  let app: BrowserApp
  let page: Page

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1280, height: 800 }, showMap: true })
    page = app.page
  }, 120_000)

  afterAll(() => app?.close())

  it('draws the 5/10/15-minute service areas of home-care stations and sums up the district', async () => {
    const panel = page.getByTestId('coverage-panel')
    await page.getByTestId('coverage-toggle').click()
    await page.getByTestId('coverage-kind').selectOption('home_care')
    await expect.poll(() => page.getByTestId('coverage-bands').inputValue()).toMatch(/^5,\s*10,\s*15$/)
    await page.getByTestId('coverage-run').click()
    await page.waitForSelector('[data-testid="coverage-panel"][data-coverage-ready="true"]', { timeout: 60_000 })

    const bands = await page.evaluate((layer) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      const features = map.queryRenderedFeatures(undefined, { layers: [layer] })
      return [...new Set(features.map((f) => Number(f.properties.band)))].sort((a, b) => a - b)
    }, LAYER_IDS.serviceAreaFill)
    expect(bands).toEqual([0, 1, 2])

    const summary = await page.getByTestId('coverage-summary').textContent()
    expect(summary).toMatch(/15 分钟内覆盖 \d{1,3}(\.\d)?% 户（[\d,]+ \/ [\d,]+ 户）/)
    const legend = await page.getByTestId('coverage-legend').textContent()
    expect(legend).toMatch(/≤ 5 分钟[\s\S]*≤ 10 分钟[\s\S]*≤ 15 分钟/)
    expect(await panel.getAttribute('data-coverage-status')).toBe('ready')

    fs.mkdirSync(outputDir, { recursive: true })
    await page.screenshot({ path: path.join(outputDir, 'coverage.png') })
  }, 90_000)

  it('downloads the service areas as a GeoJSON file with one polygon per band', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('coverage-export-areas').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.geojson$/)
    const file = await download.path()
    const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      type: string
      properties: { kind: string; bands: number[] }
      features: { properties: { kind: string; band: number } }[]
    }
    expect(collection.type).toBe('FeatureCollection')
    expect(collection.features).toHaveLength(3)
    expect(collection.properties.kind).toBe('home_care')
    expect(collection.properties.bands).toEqual([5, 10, 15])
    expect(collection.features.map((f) => f.properties.kind)).toEqual(['home_care', 'home_care', 'home_care'])
  }, 60_000)

  it('shows the walk from a clicked spot and the coverage of the community around it', async () => {
    const spot = await page.evaluate((occupied) => {
      const map = (window as unknown as { lifecircleMap: import('maplibre-gl').Map }).lifecircleMap
      const layers = occupied.filter((id) => map.getLayer(id))
      const canvas = map.getCanvas().getBoundingClientRect()
      for (let y = 160; y < canvas.height - 160; y += 17) {
        for (let x = 420; x < canvas.width - 380; x += 19) {
          const near = map.queryRenderedFeatures([[x - 8, y - 8], [x + 8, y + 8]], { layers })
          const community = map.queryRenderedFeatures([x, y], { layers: ['communities-fill'] })
          const bands = map.queryRenderedFeatures([x, y], { layers: ['service-area-fill'] })
          if (near.length === 0 && community.length > 0 && bands.length > 0) {
            return { x: canvas.left + x, y: canvas.top + y, community: String(community[0]!.properties.name) }
          }
        }
      }
      return undefined
    }, OCCUPIED_LAYERS)
    expect(spot).toBeDefined()
    await page.mouse.click(spot!.x, spot!.y)

    const popup = page.getByTestId('walk-time-popup')
    await popup.waitFor({ state: 'visible', timeout: 15_000 })
    await expect.poll(() => popup.getAttribute('data-status'), { timeout: 20_000 }).toBe('ready')
    expect(await popup.textContent()).toMatch(/步行 \d+(\.\d)? 分钟至 \S+（[\d,]+ m）/)

    await expect.poll(() => page.getByTestId('feature-name').textContent(), { timeout: 15_000 }).toBe(spot!.community)
    const section = page.getByTestId('community-coverage')
    await section.waitFor({ state: 'visible', timeout: 15_000 })
    const text = (await section.textContent()) ?? ''
    expect(text).toMatch(/≤ 15 分钟\s*[\d,]+ \/ [\d,]+\s*\d{1,3}(\.\d)?%/)
    expect(text).toMatch(/中位步行时间/)
    expect(text).toMatch(/无法到达的小区/)
    await page.screenshot({ path: path.join(outputDir, 'coverage-click.png') })
  }, 60_000)

  it('shows the server’s reason when it refuses the bands', async () => {
    await page.getByTestId('coverage-bands').fill('5, 10, 500')
    await page.getByTestId('coverage-run').click()
    const error = page.getByTestId('coverage-error')
    await error.waitFor({ state: 'visible', timeout: 15_000 })
    expect(await error.textContent()).toMatch(/120/)
    expect(await page.getByTestId('coverage-panel').getAttribute('data-coverage-ready')).toBe('false')
  }, 30_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})
