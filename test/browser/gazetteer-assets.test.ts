import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { TEST_PASSWORD } from '../support/accounts.ts'
import { browserOutputDir, hasChromium, openBrowserApp, signInThroughUi, type BrowserApp } from '../support/browser.ts'

const EDITOR = { username: 'sun-editor', displayName: '孙编辑', roles: ['place_name_editor' as const] }
const ROAD = '南塔街'
const HOLDER = '周持证'
const CERTIFICATE = 'NT-2026-0001'
/** A real 2×2 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4YaMBRAwQCgAjXgSxbgN+HAAAAABJRU5ErkJggg==', 'base64')

interface ListedPlate {
  id: number
  number: string
  standardAddress: string
  communityName: string | null
  validCertificate: { id: number; number: string; holder: string; issuedOn: string } | null
}

describe.skipIf(!hasChromium)('gazetteer assets in a real browser: a sign with its photo, a door plate and its certificate, the protection list', () => {
  let app: BrowserApp
  let page: Page
  let roadId = 0

  async function screenshot(name: string): Promise<void> {
    fs.mkdirSync(browserOutputDir, { recursive: true })
    await page.screenshot({ path: path.join(browserOutputDir, `gazetteer-assets-${name}.png`), fullPage: false })
  }

  /** Asks the record's map for a location and clicks it a little right of its centre, where the road's middle is. */
  async function pickOnMap(field: string): Promise<{ lng: number; lat: number }> {
    await page.getByTestId(`${field}-pick`).click()
    await page.waitForSelector('[data-testid="place-map-location"][data-picking="true"]')
    const canvas = page.getByTestId('place-map').locator('canvas')
    const box = (await canvas.boundingBox())!
    await page.mouse.click(box.x + box.width * 0.55, box.y + box.height * 0.5)
    await page.waitForSelector(`[data-testid="${field}"][data-picking="false"]:not([data-location=""])`, { timeout: 15_000 })
    const [lng, lat] = ((await page.getByTestId(field).getAttribute('data-location')) ?? '').split(',').map(Number)
    return { lng: lng!, lat: lat! }
  }

  async function api<T>(url: string): Promise<T> {
    return page.evaluate(async (address) => (await fetch(address, { credentials: 'same-origin' })).json() as Promise<T>, url)
  }

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1400, height: 1000 }, users: [EDITOR], showMap: true })
    page = app.page
  }, 120_000)

  afterAll(() => app?.close())

  it('opens a road’s record as an editor, with the editing buttons for its protection entry, signs and door plates', async () => {
    await page.getByTestId('view-gazetteer').first().click()
    await page.getByTestId('gazetteer-search').waitFor({ timeout: 30_000 })
    await page.getByTestId('gazetteer-page').getByTestId('login-button').click()
    await signInThroughUi(page, EDITOR.username, TEST_PASSWORD)
    await page.getByTestId('login-dialog').waitFor({ state: 'detached', timeout: 15_000 })

    await page.getByTestId('gazetteer-search-input').fill(ROAD)
    await page.waitForSelector(`[data-testid="gazetteer-results"][data-status="ready"][data-answered="${ROAD}"]`, { timeout: 15_000 })
    const result = page.locator(`[data-testid="gazetteer-result"][data-name="${ROAD}"]`).first()
    roadId = Number(await result.getAttribute('data-place-id'))
    await result.click()
    await page.waitForSelector(`[data-testid="place-page"][data-place-id="${roadId}"][data-status="ready"]`, { timeout: 15_000 })
    await page.waitForSelector('[data-testid="place-map"][data-map-ready="true"]', { timeout: 60_000 })
    // The three lists load after the record itself: wait for their buttons rather than look once.
    for (const button of ['protection-add', 'sign-add', 'plate-add']) await page.getByTestId(button).waitFor({ state: 'visible', timeout: 15_000 })
  }, 120_000)

  it('adds a sign placed on the map, with the road’s name and pinyin filled in, and a photo shown as a thumbnail', async () => {
    const romanization = (await page.getByTestId('place-romanization').textContent())?.trim() ?? ''
    expect(romanization).not.toBe('')
    await page.getByTestId('sign-add').click()
    expect(await page.getByTestId('sign-input-textZh').inputValue()).toBe(ROAD)
    expect(await page.getByTestId('sign-input-textPinyin').inputValue(), 'the pinyin starts as the record’s romanization').toBe(romanization)
    expect(await page.getByTestId('sign-input-signType').inputValue()).toBe('road')
    await page.getByTestId('sign-input-condition').selectOption('worn')
    await page.getByTestId('sign-input-installedOn').fill('2023-04-18')
    await page.getByTestId('sign-input-material').fill('铝合金')
    const at = await pickOnMap('sign-location')

    const created = page.waitForResponse((response) => response.url().endsWith('/api/gazetteer/signs') && response.request().method() === 'POST')
    await page.getByTestId('sign-save').click()
    expect((await created).status()).toBe(201)
    await page.getByTestId('sign-saved').waitFor()
    const signId = Number(await page.getByTestId('sign-form').getAttribute('data-sign-id'))
    expect(signId).toBeGreaterThan(0)

    await page.getByTestId('sign-photo-file').setInputFiles({ name: '南塔街路牌.png', mimeType: 'image/png', buffer: PNG })
    const uploaded = page.waitForResponse((response) => response.url().includes(`/api/gazetteer/signs/${signId}/photos`) && response.request().method() === 'POST')
    await page.getByTestId('sign-photo-upload').click()
    expect((await uploaded).status()).toBe(201)
    const thumbnail = page.getByTestId('sign-photo-thumbnail').first()
    await thumbnail.waitFor({ timeout: 15_000 })
    await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth), { timeout: 15_000 }).toBe(2)
    await page.waitForSelector(`[data-testid="place-sign"][data-sign-id="${signId}"][data-photos="1"]`, { timeout: 15_000 })
    await screenshot('sign')
    await page.getByTestId('sign-close').click()
    expect(await page.getByTestId('sign-form').count()).toBe(0)

    const row = page.locator(`[data-testid="place-sign"][data-sign-id="${signId}"]`)
    expect(await row.getAttribute('data-condition')).toBe('worn')
    expect(await row.textContent()).toContain('磨损')
    const { signs } = await api<{ signs: { id: number; textPinyin: string; location: { lng: number; lat: number } | null; photoCount: number }[] }>(
      `/api/gazetteer/signs?placeId=${roadId}`,
    )
    expect(signs.find((sign) => sign.id === signId)).toMatchObject({ textPinyin: romanization, location: at, photoCount: 1 })
  }, 120_000)

  it('adds door plate 88 by clicking the map, shows the standard address the server derived, and issues and prints its certificate', async () => {
    await page.getByTestId('plate-add').click()
    await page.getByTestId('plate-input-number').fill('88a')
    await page.getByTestId('plate-save').click()
    expect(await page.getByTestId('plate-number-problem').textContent(), 'a number the server would refuse is caught before sending').toContain('12-1')
    await page.getByTestId('plate-input-number').fill('88')
    expect(await page.getByTestId('plate-number-problem').count(), 'and the note goes once the number is right').toBe(0)
    await page.getByTestId('plate-input-building').fill('2')
    await page.getByTestId('plate-input-unit').fill('1')
    await page.getByTestId('plate-input-room').fill('301')
    expect(await page.getByTestId('plate-input-communityCode').inputValue(), 'the community is left to the location').toBe('')
    await pickOnMap('plate-location')

    const created = page.waitForResponse((response) => response.url().endsWith('/api/gazetteer/door-plates') && response.request().method() === 'POST')
    await page.getByTestId('plate-save').click()
    const answer = await created
    expect(answer.status()).toBe(201)
    const saved = (await answer.json()) as ListedPlate
    expect(saved.communityName, 'the server found the community from the location').not.toBeNull()
    expect(saved.standardAddress).toContain(`${saved.communityName}${ROAD}88号2栋1单元301室`)
    expect(await page.getByTestId('plate-saved').textContent()).toContain(saved.standardAddress)
    const row = page.locator(`[data-testid="place-door-plate"][data-plate-id="${saved.id}"]`)
    await row.waitFor({ timeout: 15_000 })
    expect(await row.getByTestId('place-door-plate-address').textContent()).toBe(saved.standardAddress)

    await row.getByTestId('plate-certificate-issue').click()
    expect(await page.getByTestId('certificate-issue-address').textContent()).toBe(saved.standardAddress)
    await page.getByTestId('certificate-input-number').fill(CERTIFICATE)
    await page.getByTestId('certificate-input-holder').fill(HOLDER)
    const issued = page.waitForResponse((response) => response.url().endsWith(`/door-plates/${saved.id}/certificates`) && response.request().method() === 'POST')
    await page.getByTestId('certificate-issue-confirm').click()
    expect((await issued).status()).toBe(201)
    await page.getByTestId('certificate-issue-dialog').waitFor({ state: 'detached' })
    await page.waitForSelector(`[data-testid="place-door-plate"][data-plate-id="${saved.id}"] [data-testid="plate-certificates"][data-valid-number="${CERTIFICATE}"]`, { timeout: 15_000 })
    expect(await row.getByTestId('plate-valid-certificate').textContent()).toContain(HOLDER)
    expect(await row.getByTestId('plate-certificate-issue').count(), 'a plate with a valid certificate is not offered another').toBe(0)
    await screenshot('door-plate')

    const [printPage] = await Promise.all([page.context().waitForEvent('page'), row.getByTestId('plate-certificate-print').click()])
    await printPage.waitForLoadState()
    const printed = (await printPage.locator('body').textContent()) ?? ''
    expect(printed).toContain(saved.standardAddress)
    expect(printed).toContain(HOLDER)
    expect(printed).toContain(CERTIFICATE)
    await printPage.close()
  }, 120_000)

  it('puts the road on the protection list, edits the entry, and takes it off again', async () => {
    await page.getByTestId('protection-add').click()
    await page.getByTestId('protection-input-level').selectOption('municipal')
    await page.getByTestId('protection-input-batch').fill('第一批')
    await page.getByTestId('protection-input-listedOn').fill('2021-06-10')
    await page.getByTestId('protection-input-valueStatement').fill('清代古街')
    await page.getByTestId('protection-save').click()
    await page.getByTestId('protection-dialog').waitFor({ state: 'detached' })
    const entry = page.getByTestId('place-protection-entry')
    await entry.waitFor({ timeout: 15_000 })
    expect(await entry.getAttribute('data-level')).toBe('municipal')
    expect(await entry.textContent()).toContain('市级')
    expect(await entry.textContent()).toContain('清代古街')

    await page.getByTestId('protection-edit').click()
    expect(await page.getByTestId('protection-input-batch').inputValue(), 'the edit starts from the entry').toBe('第一批')
    await page.getByTestId('protection-input-level').selectOption('provincial')
    await page.getByTestId('protection-input-measures').fill('设置保护标志')
    await page.getByTestId('protection-save').click()
    await page.waitForSelector('[data-testid="place-protection-entry"][data-level="provincial"]', { timeout: 15_000 })
    expect(await entry.textContent()).toContain('设置保护标志')

    await page.getByTestId('protection-remove').click()
    await page.getByTestId('protection-remove-dialog-confirm').click()
    await page.waitForSelector('[data-testid="place-protection"][data-listed="false"]', { timeout: 15_000 })
    await page.getByTestId('protection-add').waitFor({ state: 'visible', timeout: 15_000 })
  }, 60_000)

  it('lists the sign and the door plate with its valid certificate after the page is read afresh', async () => {
    await page.reload()
    await page.waitForSelector(`[data-testid="place-page"][data-place-id="${roadId}"][data-status="ready"]`, { timeout: 30_000 })
    await page.locator('[data-testid="place-door-plate"][data-number="88"]').waitFor({ timeout: 15_000 })
    expect(await page.locator('[data-testid="place-sign"][data-photos="1"]').count()).toBe(1)
    const plateRow = page.locator('[data-testid="place-door-plate"][data-number="88"]')
    expect(await plateRow.getByTestId('plate-certificates').getAttribute('data-valid-number')).toBe(CERTIFICATE)

    const { doorPlates } = await api<{ doorPlates: ListedPlate[] }>(`/api/gazetteer/door-plates?roadId=${roadId}&q=88`)
    expect(doorPlates).toHaveLength(1)
    expect(doorPlates[0]!.validCertificate).toMatchObject({ number: CERTIFICATE, holder: HOLDER })
    expect(await plateRow.getByTestId('place-door-plate-address').textContent()).toBe(doorPlates[0]!.standardAddress)
  }, 60_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})
