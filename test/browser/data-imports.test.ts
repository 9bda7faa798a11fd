import fs from 'node:fs'
import path from 'node:path'
import type { Point } from 'geojson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { IMPORT_PREVIEW_LAYER_IDS } from '../../client/map/import-preview-layers.ts'
import { projectRoot } from '../../server/config.ts'
import { TEST_PASSWORD } from '../support/accounts.ts'
import { browserOutputDir, hasChromium, openBrowserApp, signInThroughUi, type BrowserApp } from '../support/browser.ts'

const PLANNER = { username: 'lin-planner', displayName: '林规划', roles: ['planner' as const] }
const FIXTURE = path.join(projectRoot, 'test', 'fixtures', 'layers', 'facilities-gcj02.csv')
/** Where each row of the fixture really is (WGS 84), by row (the header is row 1). */
const EXPECTED: { row: number; code: string; lng: number; lat: number }[] = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'layers', 'facilities-gcj02.expected.json'), 'utf8'),
)
const HEADERS = ['设施编码', '设施名称', '设施类型', '地址', '所属社区', '建筑面积（㎡）', '床位数', '护理型床位', '开业年份', '经度', '纬度']
const SERIES = '浏览器测试设施'
const ROWS = EXPECTED.length
/** A cut of Haidian's OpenStreetMap data (outside the demo district, which a network may be). */
const OSM_FIXTURE = path.join(projectRoot, 'test', 'fixtures', 'osm', 'haidian-tiny.osm')
const NETWORK_SERIES = '海淀路网（浏览器测试）'

interface ListedDataset {
  id: number
  series: string
  version: number
  synthetic: boolean
  layers: { layer: string; count: number; current: boolean; replacedBy: number | null }[]
}

/** Metres between two WGS 84 points, near enough for a few metres. */
function metresBetween([lngA, latA]: [number, number], [lngB, latB]: [number, number]): number {
  const dx = (lngA - lngB) * 111_320 * Math.cos((latA * Math.PI) / 180)
  const dy = (latA - latB) * 110_540
  return Math.hypot(dx, dy)
}

describe.skipIf(!hasChromium)('data page in a real browser: datasets and versions, importing facilities from a file', () => {
  let app: BrowserApp
  let page: Page

  async function screenshot(name: string): Promise<void> {
    fs.mkdirSync(browserOutputDir, { recursive: true })
    await page.screenshot({ path: path.join(browserOutputDir, `data-imports-${name}.png`), fullPage: false })
  }

  async function api<T>(url: string): Promise<T> {
    return page.evaluate(async (address) => (await fetch(address, { credentials: 'same-origin' })).json() as Promise<T>, url)
  }

  /** Opens the import dialog, picks the facilities layer, the fixture and GCJ-02, and waits for the file's columns. */
  async function openImport(): Promise<void> {
    await page.getByTestId('data-import-open').click()
    await page.getByTestId('layer-import').waitFor()
    await page.getByTestId('layer-import-layer-facilities').click()
    await page.getByTestId('layer-import-file').setInputFiles(FIXTURE)
    await page.waitForSelector('[data-testid="layer-import-body"][data-inspect-status="ready"]', { timeout: 15_000 })
    await page.waitForSelector('[data-testid="layer-import-crs"] option[value="gcj02"]', { state: 'attached', timeout: 15_000 })
    await page.getByTestId('layer-import-crs').selectOption('gcj02')
  }

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1400, height: 1000 }, users: [PLANNER] })
    page = app.page
  }, 120_000)

  afterAll(() => app?.close())

  it('lists the demo dataset to a guest, marked synthetic, with a download per layer and no import', async () => {
    await page.goto(`${app.server.url}/#data`)
    await page.waitForSelector('[data-testid="data-view"][data-status="ready"]', { timeout: 30_000 })
    expect(await page.getByTestId('data-view').getAttribute('data-can-import')).toBe('false')
    expect(await page.getByTestId('data-import-open').count(), 'guests may not import').toBe(0)
    expect(await page.getByTestId('data-read-only').textContent()).toContain('登录')

    const { datasets } = await api<{ datasets: ListedDataset[] }>('/api/datasets')
    const demo = datasets.find((dataset) => dataset.synthetic && dataset.layers.some((entry) => entry.layer === 'facilities'))!
    expect(demo, 'the demo dataset holds the facilities').toBeDefined()
    const row = page.locator(`[data-testid="dataset-row"][data-dataset-id="${demo.id}"]`)
    await row.waitFor()
    expect(await row.getAttribute('data-synthetic')).toBe('true')
    expect(await row.getByTestId('dataset-synthetic').textContent()).toBe('合成数据')
    const series = page.locator(`[data-testid="dataset-series"][data-series="${demo.series}"]`)
    expect(await series.getByTestId('synthetic-badge').count(), 'the series carries the synthetic badge').toBe(1)

    const facilities = row.locator('[data-testid="dataset-layer"][data-layer="facilities"]')
    const count = Number(await facilities.getAttribute('data-count'))
    expect(count).toBe(demo.layers.find((entry) => entry.layer === 'facilities')!.count)
    expect(await facilities.getAttribute('data-current')).toBe('true')
    expect(await facilities.getByTestId('dataset-layer-state').textContent()).toBe('现行')
    const href = await facilities.getByTestId('dataset-download').getAttribute('href')
    expect(href).toBe(`/api/datasets/${demo.id}/features?layer=facilities`)
    const download = await api<{ type: string; features: unknown[] }>(href!)
    expect(download.type).toBe('FeatureCollection')
    expect(download.features.length, 'the download holds the layer’s features').toBe(count)
    await screenshot('list')
  }, 60_000)

  it('imports a GCJ-02 facility list as a new series: suggested columns, dry run with a map preview, commit', async () => {
    await page.getByTestId('data-page').getByTestId('login-button').click()
    await signInThroughUi(page, PLANNER.username, TEST_PASSWORD)
    await page.getByTestId('login-dialog').waitFor({ state: 'detached', timeout: 15_000 })
    await page.waitForSelector('[data-testid="data-view"][data-can-import="true"]', { timeout: 15_000 })

    let suggested: Record<string, string> = {}
    await page.route(/\/api\/layer-imports\/inspect\?/, async (route) => {
      const response = await route.fetch()
      suggested = ((await response.json()) as { suggested: Record<string, string> }).suggested
      await route.fulfill({ response })
    })
    await openImport()
    await page.unrouteAll()
    expect(Object.keys(suggested).length, 'the server suggested a mapping').toBeGreaterThan(0)
    expect(await page.getByTestId('layer-import-format').getAttribute('data-format')).toBe('csv')
    const inspection = page.getByTestId('layer-import-inspection')
    expect(await inspection.getAttribute('data-rows')).toBe(String(ROWS))
    expect(await page.getByTestId('layer-import-header').allTextContents()).toEqual(HEADERS)
    const essentials = { code: '设施编码', name: '设施名称', kind: '设施类型', lng: '经度', lat: '纬度' }
    for (const [field, header] of Object.entries(essentials)) {
      expect(await page.getByTestId(`layer-import-map-${field}`).inputValue(), `${field} is suggested from its Chinese header`).toBe(header)
    }
    const fields = await page.getByTestId('layer-import-mapping-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-field')!))
    for (const field of fields) {
      expect(await page.getByTestId(`layer-import-map-${field}`).inputValue(), `${field} shows the server's suggestion`).toBe(suggested[field] ?? '')
    }
    expect(await page.locator('[data-testid="layer-import-mapping-row"][data-field="name"]').getAttribute('data-required')).toBe('true')
    expect(await page.locator('[data-testid="layer-import-mapping-row"][data-field="lng"]').getAttribute('data-required'), 'a CSV needs its coordinates').toBe('true')
    expect(await page.getByTestId('layer-import-series').inputValue(), 'the series is named after the file').toBe('facilities-gcj02')
    await page.getByTestId('layer-import-series').fill(SERIES)

    await page.getByTestId('layer-import-check').click()
    await page.waitForSelector('[data-testid="layer-import-body"][data-check-state="done"]', { timeout: 30_000 })
    const summary = page.getByTestId('layer-import-summary')
    expect(await summary.getAttribute('data-rows')).toBe(String(ROWS))
    expect(await summary.getAttribute('data-valid')).toBe(String(ROWS))
    expect(await summary.getAttribute('data-problems')).toBe('0')
    expect(await page.getByTestId('layer-import-problem').count()).toBe(0)

    await page.waitForSelector('[data-testid="layer-import-preview-map"][data-map-ready="true"]', { timeout: 60_000 })
    await page.waitForSelector(`[data-testid="layer-import-preview"][data-features-drawn="${ROWS}"]`, { timeout: 15_000 })
    const drawn = await page.evaluate((layer) => {
      const map = window.lifecircleMiniMaps!['layer-import-preview-map']!
      return map.queryRenderedFeatures(undefined, { layers: [layer] }).map((feature) => ({
        row: Number(feature.properties.row),
        problem: feature.properties.problem === true,
        at: (feature.geometry as Point).coordinates as [number, number],
      }))
    }, IMPORT_PREVIEW_LAYER_IDS.point)
    expect(drawn.map((feature) => feature.row).sort()).toEqual(EXPECTED.map((entry) => entry.row).sort())
    expect(drawn.every((feature) => !feature.problem)).toBe(true)
    for (const entry of EXPECTED) {
      const shown = drawn.find((feature) => feature.row === entry.row)!
      expect(metresBetween(shown.at, [entry.lng, entry.lat]), `${entry.code} is shifted back from GCJ-02 to where it is`).toBeLessThan(2)
    }
    await screenshot('dry-run')

    const facilitiesReloaded = page.waitForResponse((response) => response.url().endsWith('/api/layers/facilities') && response.status() === 200)
    await page.getByTestId('layer-import-run').click()
    await page.waitForSelector('[data-testid="layer-import-body"][data-load-state="done"][data-step="imported"]', { timeout: 30_000 })
    const done = page.getByTestId('layer-import-done')
    expect(await done.getAttribute('data-series')).toBe(SERIES)
    expect(await done.getAttribute('data-version')).toBe('1')
    const datasetId = Number(await done.getAttribute('data-dataset-id'))
    expect(Number.isInteger(datasetId)).toBe(true)
    await facilitiesReloaded
    await screenshot('imported')
    await page.getByTestId('layer-import-close').click()
    await page.getByTestId('layer-import').waitFor({ state: 'detached' })

    const row = page.locator(`[data-testid="dataset-row"][data-dataset-id="${datasetId}"]`)
    await row.waitFor({ timeout: 15_000 })
    expect(await row.getAttribute('data-series')).toBe(SERIES)
    expect(await row.getAttribute('data-version')).toBe('1')
    expect(await row.getAttribute('data-synthetic')).toBe('false')
    const layer = row.locator('[data-testid="dataset-layer"][data-layer="facilities"]')
    expect(await layer.getAttribute('data-count')).toBe(String(ROWS))
    expect(await layer.getAttribute('data-current')).toBe('true')
    expect(await row.textContent()).toContain('facilities-gcj02.csv')
    expect(await row.textContent()).toContain(PLANNER.username)

    const names = fs
      .readFileSync(FIXTURE, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1]!)
    const live = await api<{ features: { properties: { name: string } }[] }>('/api/layers/facilities')
    expect(live.features.map((feature) => feature.properties.name), 'the map’s facilities now hold the imported ones').toEqual(expect.arrayContaining(names))
  }, 120_000)

  it('imports the list again as version 2 of the series, after which version 1 shows as replaced', async () => {
    const first = (await api<{ datasets: ListedDataset[] }>('/api/datasets')).datasets.find((dataset) => dataset.series === SERIES && dataset.version === 1)!
    await openImport()

    const saved = page.getByTestId('layer-import-saved-mappings')
    await page.waitForSelector('[data-testid="layer-import-saved-mappings"][data-status="ready"][data-count="0"]', { timeout: 15_000 })
    await page.getByTestId('layer-import-save-name').fill('区民政局设施台账')
    await page.getByTestId('layer-import-save').click()
    await page.waitForSelector('[data-testid="layer-import-saved-mappings"][data-count="1"]', { timeout: 15_000 })
    expect(await page.getByTestId('layer-import-mapping-notice').textContent()).toContain('区民政局设施台账')
    const floorArea = await page.getByTestId('layer-import-map-floorAreaM2').inputValue()
    const address = await page.getByTestId('layer-import-map-address').inputValue()
    expect([floorArea, address]).toEqual(['建筑面积（㎡）', '地址'])
    await page.getByTestId('layer-import-map-floorAreaM2').selectOption('')
    await page.getByTestId('layer-import-map-address').selectOption('设施名称')
    expect(await page.locator('[data-testid="layer-import-map-address"][aria-invalid="true"]').count(), 'a column used twice is marked').toBe(1)
    await page.getByTestId('layer-import-saved-apply').click()
    expect(await page.getByTestId('layer-import-map-floorAreaM2').inputValue(), 'the saved mapping puts the columns back').toBe(floorArea)
    expect(await page.getByTestId('layer-import-map-address').inputValue()).toBe(address)
    await page.getByTestId('layer-import-saved-delete').click()
    await page.waitForSelector('[data-testid="layer-import-saved-mappings"][data-count="0"]', { timeout: 15_000 })
    expect(await saved.getByTestId('layer-import-mapping-notice').textContent()).toContain('已删除')

    await page.getByTestId('layer-import-target-version').check()
    await page.waitForSelector(`[data-testid="layer-import-replaces"] option[value="${first.id}"]`, { state: 'attached' })
    await page.getByTestId('layer-import-replaces').selectOption(String(first.id))

    await page.getByTestId('layer-import-check').click()
    await page.waitForSelector('[data-testid="layer-import-body"][data-check-state="done"]', { timeout: 30_000 })
    expect(await page.getByTestId('layer-import-summary').getAttribute('data-problems')).toBe('0')
    await page.getByTestId('layer-import-run').click()
    await page.waitForSelector('[data-testid="layer-import-body"][data-load-state="done"][data-step="imported"]', { timeout: 30_000 })
    const done = page.getByTestId('layer-import-done')
    expect(await done.getAttribute('data-series')).toBe(SERIES)
    expect(await done.getAttribute('data-version')).toBe('2')
    const secondId = Number(await done.getAttribute('data-dataset-id'))
    await page.getByTestId('layer-import-close').click()

    const second = page.locator(`[data-testid="dataset-row"][data-dataset-id="${secondId}"]`)
    await second.waitFor({ timeout: 15_000 })
    expect(await second.locator('[data-testid="dataset-layer"][data-layer="facilities"]').getAttribute('data-current')).toBe('true')
    const replaced = page.locator(`[data-testid="dataset-row"][data-dataset-id="${first.id}"] [data-testid="dataset-layer"][data-layer="facilities"]`)
    await page.waitForSelector(`[data-testid="dataset-row"][data-dataset-id="${first.id}"] [data-testid="dataset-layer"][data-current="false"]`, { timeout: 15_000 })
    expect(await replaced.getAttribute('data-replaced-by')).toBe(String(secondId))
    expect(await replaced.getByTestId('dataset-layer-state').textContent()).toContain('已被第 2 版替换')
    const series = page.locator(`[data-testid="dataset-series"][data-series="${SERIES}"] [data-testid="dataset-row"]`)
    expect(await series.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-version'))), 'newest version first').toEqual(['2', '1'])

    const archived = await api<{ features: unknown[] }>(`/api/datasets/${first.id}/features?layer=facilities`)
    expect(archived.features.length, 'the replaced version can still be downloaded').toBe(ROWS)
    await screenshot('versions')
  }, 120_000)

  it('imports a street network from an OpenStreetMap file as a new series: no columns, the network’s figures, the load', async () => {
    const { datasets } = await api<{ datasets: ListedDataset[] }>('/api/datasets')
    const demo = datasets.find((dataset) => dataset.synthetic && dataset.layers.some((entry) => entry.layer === 'network' && entry.current))!
    expect(demo, 'the demo dataset holds a current network').toBeDefined()
    await page.getByTestId('data-import-open').click()
    await page.getByTestId('layer-import').waitFor()
    await page.getByTestId('layer-import-layer-network').click()
    expect(await page.getByTestId('layer-import-layer-network').textContent()).toBe('路网（OpenStreetMap）')
    expect(await page.getByTestId('layer-import-crs').count(), 'an OpenStreetMap file is in WGS 84').toBe(0)
    await page.getByTestId('layer-import-file').setInputFiles(FIXTURE)
    expect(await page.getByTestId('layer-import-unreadable').textContent(), 'a CSV makes no network').toContain('.osm')
    expect(await page.getByTestId('layer-import-check').isDisabled()).toBe(true)

    await page.getByTestId('layer-import-file').setInputFiles({ name: 'not-osm.osm', mimeType: 'application/xml', buffer: Buffer.from('plain text, not OpenStreetMap') })
    await page.getByTestId('layer-import-check').click()
    await page.waitForSelector('[data-testid="layer-import-body"][data-check-state="failed"]', { timeout: 30_000 })
    expect(await page.getByTestId('layer-import-check-error').textContent(), 'the job’s error is shown').toContain('not valid OSM XML')
    expect(await page.getByTestId('layer-import-run').isDisabled()).toBe(true)

    await page.getByTestId('layer-import-file').setInputFiles(OSM_FIXTURE)
    await page.waitForSelector('[data-testid="layer-import-body"][data-step="target"]', { timeout: 15_000 })
    expect(await page.getByTestId('layer-import-unreadable').count()).toBe(0)
    expect(await page.getByTestId('layer-import-inspection').count(), 'no column mapping').toBe(0)
    expect(await page.getByTestId('layer-import-series').inputValue()).toBe('OpenStreetMap haidian-tiny.osm')
    expect(await page.getByTestId('layer-import-network-target-note').textContent(), 'the help says the demo’s network can be replaced').toContain('演示')
    const replaceable = await page.locator('[data-testid="layer-import-replaces"] option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value))
    expect(replaceable, 'the demo’s network may be replaced').toContain(String(demo.id))
    await page.getByTestId('layer-import-series').fill(NETWORK_SERIES)

    await page.getByTestId('layer-import-check').click()
    await page.waitForSelector('[data-testid="layer-import-body"][data-check-state="done"]', { timeout: 30_000 })
    const figures = page.getByTestId('layer-import-network-figures')
    expect(await figures.getAttribute('data-edges')).toBe('84')
    expect(await figures.getAttribute('data-components')).toBe('2')
    expect(await figures.getAttribute('data-largest-edges')).toBe('83')
    expect(await figures.getAttribute('data-length-km')).toBe('6.9')
    expect(await figures.textContent()).toContain('6.9')
    expect(await page.getByTestId('layer-import-network-candidates').textContent()).toContain('--candidates')
    expect(await page.getByTestId('layer-import-attribution').textContent()).toContain('© OpenStreetMap contributors, ODbL 1.0')
    await screenshot('network-dry-run')

    const tileJsonAsked = () => app.seen.requests.filter((request) => request === '/api/tiles/network.json').length
    const asked = tileJsonAsked()
    await page.getByTestId('layer-import-run').click()
    await page.waitForSelector('[data-testid="layer-import-body"][data-load-state="done"][data-step="imported"]', { timeout: 60_000 })
    const done = page.getByTestId('layer-import-done')
    expect(await done.getAttribute('data-series')).toBe(NETWORK_SERIES)
    expect(await done.getAttribute('data-version')).toBe('1')
    expect(await done.textContent()).toContain('84')
    const datasetId = Number(await done.getAttribute('data-dataset-id'))
    await expect.poll(tileJsonAsked, { message: 'the map loads the network tiles again', timeout: 15_000 }).toBeGreaterThan(asked)
    await page.getByTestId('layer-import-close').click()
    await page.getByTestId('layer-import').waitFor({ state: 'detached' })

    const row = page.locator(`[data-testid="dataset-series"][data-series="${NETWORK_SERIES}"] [data-testid="dataset-row"][data-dataset-id="${datasetId}"]`)
    await row.waitFor({ timeout: 15_000 })
    expect(await row.getAttribute('data-version')).toBe('1')
    expect(await row.getAttribute('data-synthetic')).toBe('false')
    const layer = row.locator('[data-testid="dataset-layer"][data-layer="network"]')
    expect(await layer.getAttribute('data-count')).toBe('84')
    expect(await layer.getAttribute('data-current')).toBe('true')
    const demoNetwork = page.locator(`[data-testid="dataset-row"][data-dataset-id="${demo.id}"] [data-testid="dataset-layer"][data-layer="network"]`)
    expect(await demoNetwork.getAttribute('data-current'), 'a new series leaves the demo’s network current').toBe('true')
  }, 120_000)

  it('cancels a dry run while the file is uploading, and nothing is stored', async () => {
    const before = (await api<{ datasets: ListedDataset[] }>('/api/datasets')).datasets.length
    await openImport()
    await page.getByTestId('layer-import-series').fill('取消的导入')
    // Hold the upload at the network, so that the cancel always lands while it is under way.
    let held = false
    await page.route(/\/api\/layer-imports\?/, () => {
      held = true
    })
    await page.getByTestId('layer-import-check').click()
    await page.waitForSelector('[data-testid="layer-import-body"][data-check-state="uploading"]', { timeout: 15_000 })
    const progress = page.getByTestId('layer-import-progress')
    expect(await progress.getAttribute('data-phase')).toBe('uploading')
    await page.getByTestId('layer-import-cancel').click()
    await page.waitForSelector('[data-testid="layer-import-body"][data-check-state="cancelled"]', { timeout: 15_000 })
    expect(held, 'the upload reached the network').toBe(true)
    expect(await page.getByTestId('layer-import-cancelled').textContent()).toContain('已取消')
    expect(await page.getByTestId('layer-import-run').isDisabled(), 'a cancelled dry run offers no import').toBe(true)
    await page.unrouteAll({ behavior: 'ignoreErrors' })
    await page.getByTestId('layer-import-close').click()
    await page.getByTestId('layer-import').waitFor({ state: 'detached' })
    expect((await api<{ datasets: ListedDataset[] }>('/api/datasets')).datasets.length).toBe(before)

    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  }, 60_000)
})
