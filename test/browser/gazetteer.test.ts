import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { TEST_PASSWORD } from '../support/accounts.ts'
import { browserOutputDir, hasChromium, openBrowserApp, signInThroughUi, type BrowserApp } from '../support/browser.ts'

const EDITOR = { username: 'zhao-editor', displayName: '赵编辑', roles: ['place_name_editor' as const] }
const APPROVER = { username: 'qian-approver', displayName: '钱审批', roles: ['place_name_approver' as const] }
const NEW_NAME = '景兴街'
const RENAMED = '景盛街'

interface PublicPlace {
  id: number
  standardName: string
  romanization: string
  otherNames: { kind: string; name: string }[]
}

describe.skipIf(!hasChromium)('the gazetteer in a real browser: naming, approval, public search and renaming', () => {
  let app: BrowserApp
  let page: Page
  let namingCaseId = 0
  let placeId = 0

  /** The gazetteer page: its own header and view, above the map that stays mounted underneath. */
  const view = (): Locator => page.getByTestId('gazetteer-page')

  async function screenshot(name: string): Promise<void> {
    fs.mkdirSync(browserOutputDir, { recursive: true })
    await page.screenshot({ path: path.join(browserOutputDir, `gazetteer-${name}.png`), fullPage: false })
  }

  async function signIn(user: { username: string; displayName: string }): Promise<void> {
    await view().getByTestId('login-button').click()
    await signInThroughUi(page, user.username, TEST_PASSWORD)
    await page.getByTestId('login-dialog').waitFor({ state: 'detached', timeout: 15_000 })
    expect(await view().getByTestId('user-display-name').textContent()).toBe(user.displayName)
  }

  /** Signs out from the gazetteer page's header; guest access is on, so the page stays, read-only. */
  async function signOut(): Promise<void> {
    await view().getByTestId('user-menu-button').click()
    await view().getByTestId('user-logout').click()
    await view().getByTestId('login-button').waitFor({ timeout: 15_000 })
  }

  async function waitForCaseStatus(status: string): Promise<void> {
    await page.waitForSelector(`[data-testid="case-page"][data-status="${status}"]`, { timeout: 30_000 })
  }

  /** Opens a step's form on the case page, fills it with `fill` and confirms it, waiting for the server's answer. */
  async function takeStep(action: string, fill?: () => Promise<void>): Promise<number> {
    await page.getByTestId(`case-action-${action}`).click()
    await page.waitForSelector(`[data-testid="case-action-form"][data-action="${action}"]`)
    await fill?.()
    const answer = page.waitForResponse((response) => response.url().endsWith(`/${action}`) && response.request().method() === 'POST')
    await page.getByTestId('case-action-confirm').click()
    return (await answer).status()
  }

  /** Submits the case shown, acknowledging identical and same-sounding names when the server lists them. */
  async function submitAcknowledging(expectSimilar: string | null): Promise<void> {
    const first = await takeStep('submit')
    if (expectSimilar !== null) {
      expect(first, 'a same-sounding name holds the submission back').toBe(409)
      const listed = page.getByTestId('case-similar')
      await listed.waitFor()
      expect(await listed.locator(`[data-testid="similar-name"][data-name="${expectSimilar}"]`).getAttribute('data-reasons')).toContain('same-sounding')
      expect(await page.getByTestId('case-action-confirm').isDisabled()).toBe(true)
      await screenshot('similar-names')
      await page.getByTestId('case-acknowledge-similar').check()
      const answer = page.waitForResponse((response) => response.url().endsWith('/submit') && response.request().method() === 'POST')
      await page.getByTestId('case-action-confirm').click()
      expect((await answer).status()).toBe(200)
    } else if (first === 409) {
      await page.getByTestId('case-acknowledge-similar').check()
      const answer = page.waitForResponse((response) => response.url().endsWith('/submit') && response.request().method() === 'POST')
      await page.getByTestId('case-action-confirm').click()
      expect((await answer).status()).toBe(200)
    } else expect(first).toBe(200)
    await waitForCaseStatus('submitted')
  }

  /** Reviews and approves the case shown, as the approver. */
  async function approve(documentNumber: string): Promise<void> {
    expect(await takeStep('start-review')).toBe(200)
    await waitForCaseStatus('under_review')
    expect(await page.getByTestId('case-action-submit').count(), 'approvers are not offered the editor’s steps').toBe(0)
    const status = await takeStep('approve', async () => {
      expect(await page.getByTestId('case-action-confirm').isDisabled(), 'an approval needs its authority and document number').toBe(true)
      await page.getByTestId('case-input-authority').fill('演示区人民政府')
      await page.getByTestId('case-input-documentNumber').fill(documentNumber)
    })
    expect(status).toBe(200)
    await waitForCaseStatus('approved')
    expect(await page.getByTestId('case-document-number').textContent()).toBe(documentNumber)
  }

  /** Fills the romanization from the suggestion and confirms it. */
  async function suggestRomanization(expected: string): Promise<void> {
    await page.getByTestId('place-romanization-suggest').click()
    await expect.poll(() => page.getByTestId('place-romanization').inputValue(), { timeout: 15_000 }).toBe(expected)
    await page.getByTestId('place-romanization-confirmed').check()
  }

  /** Types into the search box and waits for the results of exactly that text. */
  async function search(text: string): Promise<Locator> {
    const input = page.getByTestId('gazetteer-search-input')
    await input.fill(text)
    await page.waitForSelector(`[data-testid="gazetteer-results"][data-status="ready"][data-answered="${text}"]`, { timeout: 15_000 })
    return page.getByTestId('gazetteer-result')
  }

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1400, height: 1000 }, users: [EDITOR, APPROVER], showMap: true })
    page = app.page
  }, 120_000)

  afterAll(() => app?.close())

  it('offers the gazetteer to guests, read-only, with search by pinyin that says how a name matched', async () => {
    await page.getByTestId('view-gazetteer').first().click()
    expect(new URL(page.url()).hash).toBe('#gazetteer')
    await page.getByTestId('gazetteer-search').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('gazetteer-new-case').count()).toBe(0)
    expect(await page.getByTestId('gazetteer-import-open').count()).toBe(0)
    await page.getByTestId('gazetteer-read-only').waitFor({ state: 'visible', timeout: 15_000 })

    const results = await search('jingxingjie')
    const first = results.first()
    expect(await first.getAttribute('data-name')).toBe('景星街')
    expect(await first.getByTestId('gazetteer-result-match').textContent()).toContain('拼音')
    expect(await page.getByTestId('gazetteer-export-csv').getAttribute('href')).toBe('/api/gazetteer/places.csv')
  }, 60_000)

  it('lets an editor propose 景兴街, drawn on the map, with the suggested spelling and the same-sounding 景星街 flagged', async () => {
    await signIn(EDITOR)
    await page.getByTestId('gazetteer-new-case').click()
    await page.waitForSelector('[data-testid="new-case-page"][data-kind="naming"]')
    expect(new URL(page.url()).hash).toBe('#gazetteer/new')

    await page.getByTestId('place-input-specificPart').fill('景兴')
    await page.getByTestId('place-input-genericPart').fill('街')
    expect(await page.getByTestId('place-input-standardName').inputValue(), 'the standard name follows its parts').toBe(NEW_NAME)
    const warning = page.locator('[data-testid="place-similar-names"] [data-testid="similar-name"][data-name="景星街"]')
    await warning.waitFor({ timeout: 15_000 })
    expect(await warning.getAttribute('data-reasons')).toContain('same-sounding')

    await suggestRomanization('Jingxing Jie')
    await page.getByTestId('place-input-featureType').fill('道路')
    await page.getByTestId('place-input-meaning').fill('取景色兴旺之意')
    await page.getByTestId('case-input-reason').fill('新建道路，需命名')

    await page.waitForSelector('[data-testid="geometry-map"][data-map-ready="true"]', { timeout: 60_000 })
    expect(await page.getByTestId('geometry-field').getAttribute('data-tool')).toBe('linestring')
    const canvas = page.getByTestId('geometry-map').locator('canvas')
    await canvas.scrollIntoViewIfNeeded()
    const box = (await canvas.boundingBox())!
    const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy })
    for (const point of [at(0.3, 0.45), at(0.5, 0.5), at(0.7, 0.55)]) await page.mouse.click(point.x, point.y)
    const last = at(0.7, 0.55)
    await page.mouse.click(last.x, last.y)
    await page.waitForSelector('[data-testid="geometry-field"][data-geometry-type="LineString"]', { timeout: 15_000 })
    expect(await page.getByTestId('geometry-summary').textContent()).toContain('3')
    await screenshot('naming-form')

    const created = page.waitForResponse((response) => response.url().endsWith('/api/gazetteer/cases') && response.request().method() === 'POST')
    await page.getByTestId('case-form-save').click()
    expect((await created).status()).toBe(201)
    await waitForCaseStatus('draft')
    namingCaseId = Number(await page.getByTestId('case-page').getAttribute('data-case-id'))
    expect(new URL(page.url()).hash).toBe(`#gazetteer/case/${namingCaseId}`)
    expect(await page.getByTestId('case-title').textContent()).toContain(NEW_NAME)
    expect(await page.getByTestId('case-proposal').locator('[data-testid="place-field-romanization"]').textContent()).toBe('Jingxing Jie')
  }, 120_000)

  it('submits the case only once the editor acknowledges the same-sounding name', async () => {
    await submitAcknowledging('景星街')
    expect(await page.getByTestId('case-action-start-review').count(), 'editors cannot review').toBe(0)
    expect(await page.locator('[data-testid="case-event"][data-action="submit"]').count()).toBe(1)
  }, 60_000)

  it('lets an approver take the case into review and approve it with the authority and document number', async () => {
    await signOut()
    await waitForCaseStatus('submitted')
    expect(await page.getByTestId('case-actions').count(), 'guests see the case but take no step').toBe(0)
    await signIn(APPROVER)
    await approve('演政地〔2026〕8号')
    await screenshot('approved')
    const link = page.getByTestId('case-place-link')
    expect(await link.textContent()).toContain(NEW_NAME)
    placeId = Number(/place\/(\d+)/.exec((await link.getAttribute('href')) ?? '')?.[1])
    expect(placeId).toBeGreaterThan(0)
  }, 60_000)

  it('publishes 景兴街 with its pinyin: the public API and the search a guest sees both find it', async () => {
    const published = await page.evaluate(async (name) => {
      const response = await fetch(`/api/public/places?q=${encodeURIComponent(name)}`, { credentials: 'omit' })
      return { status: response.status, body: (await response.json()) as { places: PublicPlace[] } }
    }, NEW_NAME)
    expect(published.status).toBe(200)
    expect(published.body.places[0]).toMatchObject({ id: placeId, standardName: NEW_NAME, romanization: 'Jingxing Jie' })

    await signOut()
    await page.getByTestId('gazetteer-tab-places').click()
    const results = await search(NEW_NAME)
    const found = results.first()
    expect(await found.getAttribute('data-name')).toBe(NEW_NAME)
    expect(await found.getByTestId('gazetteer-result-romanization').textContent()).toBe('Jingxing Jie')
    await screenshot('guest-search')

    await page.getByTestId('gazetteer-search-input').press('Enter')
    await page.waitForSelector(`[data-testid="place-page"][data-place-id="${placeId}"][data-status="ready"]`, { timeout: 15_000 })
    expect(await page.getByTestId('place-name').textContent()).toBe(NEW_NAME)
    expect(await page.getByTestId('place-romanization').textContent()).toBe('Jingxing Jie')
    expect(await page.getByTestId('place-map-location').getAttribute('data-geometry-type')).toBe('LineString')
    expect(await page.getByTestId('place-edit').count(), 'guests cannot edit').toBe(0)
    await page.locator('[data-testid="timeline-case"]').first().waitFor()
    expect(await page.locator(`[data-testid="timeline-case"][data-case-id="${namingCaseId}"]`).count()).toBe(1)
  }, 60_000)

  it('renames 景兴街 through a renaming case, after which searching the old name shows the place under its new name', async () => {
    await signIn(EDITOR)
    await page.getByTestId('place-action-renaming').click()
    await page.waitForSelector('[data-testid="new-case-page"][data-kind="renaming"]')
    expect(await page.getByTestId('case-rename-from').textContent()).toContain(NEW_NAME)
    await page.getByTestId('place-input-specificPart').fill('景盛')
    expect(await page.getByTestId('place-input-genericPart').inputValue()).toBe('街')
    expect(await page.getByTestId('place-input-standardName').inputValue()).toBe(RENAMED)
    await suggestRomanization('Jingsheng Jie')
    await page.getByTestId('case-input-reason').fill('与景星街同音，易混淆')
    const created = page.waitForResponse((response) => response.url().endsWith('/api/gazetteer/cases') && response.request().method() === 'POST')
    await page.getByTestId('case-form-save').click()
    expect((await created).status()).toBe(201)
    await waitForCaseStatus('draft')
    expect(await page.getByTestId('case-rename-old').textContent()).toBe(NEW_NAME)
    expect(await page.getByTestId('case-rename-new').textContent()).toBe(RENAMED)
    await submitAcknowledging(null)

    await signOut()
    await signIn(APPROVER)
    await waitForCaseStatus('submitted')
    await approve('演政地〔2026〕9号')
    expect(await page.getByTestId('case-rename-old').textContent(), 'the old name stays shown once the place is renamed').toBe(NEW_NAME)

    await signOut()
    await page.getByTestId('gazetteer-tab-places').click()
    const results = await search(NEW_NAME)
    const found = results.first()
    expect(await found.getAttribute('data-place-id')).toBe(String(placeId))
    expect(await found.getAttribute('data-name')).toBe(RENAMED)
    expect(await found.getByTestId('gazetteer-result-match').textContent()).toBe(`历史地名 ${NEW_NAME}`)
    await screenshot('renamed-search')

    await found.click()
    await page.waitForSelector(`[data-testid="place-page"][data-place-id="${placeId}"][data-status="ready"]`, { timeout: 15_000 })
    expect(await page.getByTestId('place-name').textContent()).toBe(RENAMED)
    expect(await page.locator(`[data-testid="timeline-name"][data-kind="historical"][data-name="${NEW_NAME}"]`).count()).toBe(1)
    expect(await page.locator('[data-testid="place-version"]').count()).toBe(2)
    await page.locator('[data-testid="place-version"][data-version="2"] [data-testid="place-version-diff"]').click()
    await page.locator('[data-testid="place-diff"] [data-testid="audit-diff-row"][data-path="standardName"]').waitFor({ timeout: 15_000 })
    expect(await page.locator('[data-testid="place-diff"] [data-testid="audit-diff-row"][data-path="standardName"] td.after').textContent()).toBe(RENAMED)
    await screenshot('record')
  }, 180_000)

  it('refuses an edit saved over someone else’s, shows what they changed, and saves it over the latest version on request', async () => {
    await signIn(EDITOR)
    await page.getByTestId('place-edit').click()
    await page.waitForSelector('[data-testid="place-edit-page"][data-version="2"]', { timeout: 15_000 })
    expect(await page.getByTestId('place-input-standardName').getAttribute('readonly'), 'the standard name changes only through cases').not.toBeNull()
    await page.getByTestId('place-input-meaning').fill('取景色兴盛之意')

    const base = new URL(page.url()).origin
    const { csrfToken } = (await (await page.request.get(`${base}/api/auth/session`)).json()) as { csrfToken: string }
    const stored = (await (await page.request.get(`${base}/api/gazetteer/places/${placeId}`)).json()) as Record<string, unknown>
    const { id: _id, placeCode: _code, changeSeq: _seq, synthetic: _synthetic, createdAt: _created, updatedAt: _updated, ...fields } = stored
    const theirs = await page.request.put(`${base}/api/gazetteer/places/${placeId}`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { ...fields, history: '2026 年新建' },
    })
    expect(theirs.status()).toBe(200)

    await page.getByTestId('place-edit-save').click()
    const conflict = page.getByTestId('place-conflict')
    await conflict.waitFor({ timeout: 15_000 })
    expect(await conflict.textContent()).toContain('此记录已被他人修改')
    expect(await conflict.locator('[data-testid="place-conflict-change"][data-field="history"]').textContent()).toContain('2026 年新建')
    await screenshot('edit-conflict')
    await page.getByTestId('place-conflict-keep').click()
    expect(await page.getByTestId('place-edit-page').getAttribute('data-version')).toBe('3')
    await page.getByTestId('place-edit-save').click()
    await page.waitForSelector(`[data-testid="place-page"][data-place-id="${placeId}"][data-version="4"]`, { timeout: 15_000 })
    expect(await page.getByTestId('place-field-meaning').textContent()).toBe('取景色兴盛之意')
    expect(await page.getByTestId('place-field-history').textContent()).toBe('2026 年新建')
  }, 60_000)

  it('checks an import file by row and field before loading it, and loads a clean one all at once', async () => {
    await page.getByTestId('gazetteer-tab-places').click()
    await page.getByTestId('gazetteer-import-open').click()
    const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'gazetteer')
    await page.getByTestId('gazetteer-import-file').setInputFiles(path.join(fixtures, 'places-broken.csv'))
    await page.getByTestId('gazetteer-import-check').click()
    const summary = page.getByTestId('gazetteer-import-summary')
    await summary.waitFor({ timeout: 30_000 })
    expect(await summary.getAttribute('data-ok')).toBe('false')
    expect(await page.locator('[data-testid="gazetteer-import-problem"][data-row="3"][data-field="establishedOn"]').count()).toBe(1)
    expect(await page.getByTestId('gazetteer-import-run').isDisabled(), 'a file with problems cannot be loaded').toBe(true)
    await screenshot('import-problems')

    await page.getByTestId('gazetteer-import-file').setInputFiles(path.join(fixtures, 'places-utf8.csv'))
    await page.getByTestId('gazetteer-import-check').click()
    await page.waitForSelector('[data-testid="gazetteer-import-summary"][data-ok="true"]', { timeout: 30_000 })
    expect(await page.getByTestId('gazetteer-import-created').textContent()).toBe('6')
    await page.getByTestId('gazetteer-import-run').click()
    expect(await page.getByTestId('gazetteer-import-done').textContent()).toContain('新增 6 条')
    await page.getByTestId('gazetteer-import-close').click()
    const results = await search('云杉路')
    expect(await results.first().getAttribute('data-name')).toBe('云杉路')
  }, 90_000)

  it('maps the cut and coded fields of a Shapefile, keeps the mapping for the next file, and places the file by its .prj', async () => {
    await page.getByTestId('gazetteer-import-open').click()
    const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'gazetteer')
    await page.getByTestId('gazetteer-import-file').setInputFiles(path.join(fixtures, 'places-gk-zone41.zip'))
    await page.waitForSelector('[data-testid="gazetteer-import-prj"][data-crs="EPSG:4529"]', { timeout: 30_000 })
    expect(await page.getByTestId('gazetteer-import-crs').inputValue(), 'a Shapefile defaults to its .prj').toBe('')
    const step = page.getByTestId('gazetteer-import-mapping')
    await step.waitFor({ state: 'visible' })
    expect(await step.getAttribute('data-unmapped'), 'the step opens by itself: no field name is recognised for the required fields').toBe('standardName category')
    expect(await page.getByTestId('gazetteer-import-map-divisionCodes').inputValue(), 'the cut name 所在行政区 is recognised').toBe('所在行政区')
    expect(await page.getByTestId('gazetteer-import-map-lng').count(), 'the features’ geometry gives the position').toBe(0)

    await page.getByTestId('gazetteer-import-map-standardName').selectOption('DMMC')
    await page.getByTestId('gazetteer-import-map-category').selectOption('DMLB')
    expect(await page.locator('[data-testid="gazetteer-import-mapping-row"][data-field="standardName"] td.sample').textContent()).toBe('栖霞湾路')
    await page.getByTestId('gazetteer-import-save-name').fill('地名普查 Shapefile')
    await page.getByTestId('gazetteer-import-save').click()
    await page.getByTestId('gazetteer-import-mapping-notice').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('gazetteer-import-saved-mappings').getAttribute('data-count')).toBe('1')
    await screenshot('import-mapping')

    await page.getByTestId('gazetteer-import-mapping-reset').click()
    expect(await page.getByTestId('gazetteer-import-map-standardName').inputValue()).toBe('')
    await page.getByTestId('gazetteer-import-saved').selectOption({ label: '地名普查 Shapefile' })
    await page.getByTestId('gazetteer-import-saved-apply').click()
    expect(await page.getByTestId('gazetteer-import-map-standardName').inputValue()).toBe('DMMC')
    expect(await page.getByTestId('gazetteer-import-map-category').inputValue()).toBe('DMLB')

    const dryRun = page.waitForRequest((request) => request.url().includes('/api/gazetteer/imports?'))
    await page.getByTestId('gazetteer-import-check').click()
    const sent = new URL((await dryRun).url())
    expect(JSON.parse(sent.searchParams.get('mapping') ?? '{}')).toMatchObject({ standardName: 'DMMC', category: 'DMLB', divisionCodes: '所在行政区' })
    expect(sent.searchParams.has('coordinateSystem'), 'no system is sent, so the .prj decides').toBe(false)
    await page.waitForSelector('[data-testid="gazetteer-import-summary"][data-ok="true"]', { timeout: 30_000 })
    expect(await page.getByTestId('gazetteer-import-crs-used').textContent()).toBe('EPSG:4529')
    expect(await page.locator('[data-testid="gazetteer-import-warning"][data-row="0"][data-field="OBJECTID"]').count()).toBe(1)
    expect(await page.getByTestId('gazetteer-import-warnings-note').count(), 'no row lies outside the district').toBe(0)
    await page.getByTestId('gazetteer-import-run').click()
    expect(await page.getByTestId('gazetteer-import-done').textContent()).toContain('新增 3 条')
    await page.getByTestId('gazetteer-import-close').click()
    const results = await search('鹤鸣桥')
    expect(await results.first().getAttribute('data-name')).toBe('鹤鸣桥')
  }, 90_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})
