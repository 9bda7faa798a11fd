import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { TEST_PASSWORD } from '../support/accounts.ts'
import { browserOutputDir, hasChromium, openBrowserApp, signInThroughUi, waitForMap, type BrowserApp } from '../support/browser.ts'

interface AdminUser {
  id: number
  username: string
  displayName: string
  roles: string[]
  active: boolean
  version: number
}

const ADMIN = { username: 'wu-admin', displayName: '吴管理', roles: ['admin' as const] }
const PLANNER = { username: 'li-planner', displayName: '李规划' }
const PLANNER_PASSWORD = 'planner-own-passw0rd'

/** Signs out from the header of `view` (the map's header sits under the report and admin pages). */
async function signOut(view: Page | Locator): Promise<void> {
  await view.getByTestId('user-menu-button').click()
  await view.getByTestId('user-logout').click()
}

/** Calls the API from the page's own cookie jar, with the CSRF token of its session for writes. */
async function pageApi<T>(page: Page, method: 'GET' | 'POST' | 'PUT', pathname: string, body?: unknown): Promise<{ status: number; json: T }> {
  const base = new URL(page.url()).origin
  const { csrfToken } = (await (await page.request.get(`${base}/api/auth/session`)).json()) as { csrfToken: string }
  const response = await page.request.fetch(`${base}${pathname}`, {
    method,
    headers: { 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  })
  return { status: response.status(), json: (await response.json()) as T }
}

describe.skipIf(!hasChromium)('accounts and roles in a real browser, guests off', () => {
  let app: BrowserApp
  let page: Page
  let plannerId = 0
  let temporaryPassword = ''

  beforeAll(async () => {
    app = await openBrowserApp({ guest: false, viewport: { width: 1400, height: 900 }, users: [ADMIN] })
    page = app.page
  }, 120_000)

  afterAll(() => app?.close())

  it('shows only the login screen, with the username focused, and reads no map data', async () => {
    await page.goto(app.server.url)
    await page.getByTestId('login-screen').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('map').count()).toBe(0)
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('login-username')
    expect(app.seen.requests.filter((pathname) => pathname.startsWith('/api/') && pathname !== '/api/auth/session')).toEqual([])
  })

  it('says why a wrong password is refused, and clears the password', async () => {
    await signInThroughUi(page, ADMIN.username, 'not-the-password')
    const error = page.getByTestId('login-error')
    await error.waitFor({ timeout: 15_000 })
    expect(await error.textContent()).toContain('用户名或密码错误')
    expect(await page.getByTestId('login-password').inputValue()).toBe('')
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('login-password')
    fs.mkdirSync(browserOutputDir, { recursive: true })
    await page.screenshot({ path: path.join(browserOutputDir, 'login.png') })
    expect(await page.getByTestId('map').count()).toBe(0)
  })

  it('lets the administrator create a planner and shows the temporary password once', async () => {
    await signInThroughUi(page, ADMIN.username, TEST_PASSWORD)
    await waitForMap(page)
    expect(await page.getByTestId('user-display-name').textContent()).toBe(ADMIN.displayName)
    await page.getByTestId('user-menu-button').click()
    expect(await page.getByTestId('user-roles').getAttribute('data-roles')).toBe('admin')
    expect(await page.getByTestId('user-roles').textContent()).toContain('系统管理员')
    await page.keyboard.press('Escape')

    await page.getByTestId('view-admin').click()
    expect(new URL(page.url()).hash).toBe('#admin')
    await page.waitForSelector('[data-testid="admin-users"][data-status="ready"]', { timeout: 15_000 })
    expect(await page.locator(`[data-testid="user-row"][data-username="${ADMIN.username}"]`).count()).toBe(1)

    await page.getByTestId('user-create-username').fill(PLANNER.username)
    await page.getByTestId('user-create-display-name').fill(PLANNER.displayName)
    expect(await page.getByTestId('user-create-role-viewer').isChecked()).toBe(true)
    await page.getByTestId('user-create-role-planner').check()
    await page.getByTestId('user-create-reason').fill('新同事入职')
    await page.context().clearCookies({ name: '_csrf' })
    const refused = page.waitForResponse((response) => response.url().endsWith('/api/users') && response.request().method() === 'POST')
    await page.getByTestId('user-create-submit').click()
    expect((await refused).status(), 'a write without the CSRF cookie is refused first, then sent again').toBe(403)

    const shown = page.getByTestId('temporary-password-value')
    await shown.waitFor({ timeout: 15_000 })
    temporaryPassword = await shown.inputValue()
    expect(temporaryPassword).toMatch(/^\S{16}$/)
    expect(await page.getByTestId('temporary-password').textContent()).toContain('首次登录时必须修改密码')
    const row = page.locator(`[data-testid="user-row"][data-username="${PLANNER.username}"]`)
    await row.waitFor()
    expect(await row.getByTestId('user-row-roles').getAttribute('data-roles')).toBe('viewer planner')
    expect(await row.getByTestId('user-row-must-change').count()).toBe(1)
    await page.screenshot({ path: path.join(browserOutputDir, 'admin.png') })

    await page.getByTestId('temporary-password-done').click()
    expect(await page.getByTestId('temporary-password').count()).toBe(0)
    expect(await page.content()).not.toContain(temporaryPassword)

    const { json } = await pageApi<{ users: AdminUser[] }>(page, 'GET', '/api/users')
    plannerId = json.users.find((user) => user.username === PLANNER.username)!.id
  }, 120_000)

  it('refuses a save over someone else’s, shows what they changed, and saves again on the latest version', async () => {
    await page.locator(`[data-testid="user-row"][data-username="${PLANNER.username}"]`).getByTestId('user-edit').click()
    const editor = page.getByTestId('user-editor')
    expect(await editor.getAttribute('data-user-version')).toBe('1')
    await page.getByTestId('user-edit-display-name').fill('李规划（街道）')

    const theirs = await pageApi<{ user: AdminUser }>(page, 'PUT', `/api/users/${plannerId}`, {
      displayName: PLANNER.displayName,
      roles: ['viewer', 'planner', 'place_name_editor'],
      active: true,
      version: 1,
    })
    expect(theirs.status).toBe(200)

    await page.getByTestId('user-edit-save').click()
    const conflict = page.getByTestId('user-edit-conflict')
    await conflict.waitFor({ timeout: 15_000 })
    expect(await conflict.textContent()).toContain('第 2 版')
    expect(await conflict.locator('[data-testid="user-edit-their-change"][data-field="roles"]').textContent()).toContain('地名编辑')
    await page.getByTestId('user-edit-reapply').click()
    expect(await page.getByTestId('user-edit-display-name').inputValue()).toBe('李规划（街道）')
    expect(await page.getByTestId('user-edit-role-place_name_editor').isChecked()).toBe(true)
    await page.getByTestId('user-edit-role-place_name_editor').uncheck()
    await page.getByTestId('user-edit-reason').fill('只做规划')
    await page.getByTestId('user-edit-save').click()
    await expect.poll(() => editor.getAttribute('data-user-version'), { timeout: 15_000 }).toBe('3')
    const row = page.locator(`[data-testid="user-row"][data-username="${PLANNER.username}"]`)
    expect(await row.locator('td[data-field="displayName"]').textContent()).toContain('李规划（街道）')
    expect(await row.getByTestId('user-row-roles').getAttribute('data-roles')).toBe('viewer planner')
    await page.getByTestId('user-edit-close').click()
  }, 60_000)

  it('asks before deactivating and shows the server’s refusal to deactivate oneself', async () => {
    await page.locator(`[data-testid="user-row"][data-username="${ADMIN.username}"]`).getByTestId('user-edit').click()
    await page.getByTestId('user-edit-active').uncheck()
    await page.getByTestId('user-edit-save').click()
    await page.getByTestId('user-deactivate-confirm').waitFor()
    expect(await page.getByTestId('user-deactivate-confirm').textContent()).toContain('停用')
    await page.getByTestId('user-deactivate-yes').click()
    const error = page.getByTestId('user-edit-error')
    await error.waitFor({ timeout: 15_000 })
    expect(await error.textContent()).toContain('cannot deactivate your own account')
    await page.getByTestId('user-edit-close').click()
    expect(await page.locator(`[data-testid="user-row"][data-username="${ADMIN.username}"]`).getAttribute('data-active')).toBe('true')
  }, 60_000)

  it('makes the planner change the temporary password, then offers the map and the what-if tools', async () => {
    await signOut(page.getByTestId('admin-page'))
    await page.getByTestId('login-screen').waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('map').count()).toBe(0)

    await signInThroughUi(page, PLANNER.username, temporaryPassword)
    const dialog = page.getByTestId('password-dialog')
    await dialog.waitFor({ timeout: 15_000 })
    expect(await page.getByTestId('password-forced').count()).toBe(1)
    await page.keyboard.press('Escape')
    expect(await dialog.isVisible()).toBe(true)
    expect(await page.getByTestId('map').count()).toBe(0)

    await page.getByTestId('password-current').fill(temporaryPassword)
    await page.getByTestId('password-new').fill('short')
    await page.getByTestId('password-confirm').fill('short')
    await page.getByTestId('password-submit').click()
    expect(await page.getByTestId('password-error').textContent()).toContain('至少需要 10 个字符')

    await page.getByTestId('password-new').fill(PLANNER_PASSWORD)
    await page.getByTestId('password-confirm').fill(PLANNER_PASSWORD)
    await page.getByTestId('password-confirm').press('Enter')
    await dialog.waitFor({ state: 'detached', timeout: 15_000 })
    await waitForMap(page)
    expect(await page.getByTestId('user-display-name').textContent()).toBe('李规划（街道）')
    expect(await page.getByTestId('view-admin').count()).toBe(0)
    expect(await page.getByTestId('guest-badge').count()).toBe(0)

    await page.getByTestId('coverage-toggle').click()
    await page.getByTestId('coverage-kind').selectOption('home_care')
    await page.getByTestId('coverage-run').click()
    await page.waitForSelector('[data-testid="coverage-panel"][data-coverage-ready="true"]', { timeout: 60_000 })
    await page.getByTestId('what-if-toggle').click()
    expect(await page.getByTestId('what-if-locked').count()).toBe(0)
    for (const tool of ['add', 'move', 'remove', 'close', 'link']) expect(await page.getByTestId(`what-if-tool-${tool}`).isEnabled()).toBe(true)
    await page.getByTestId('what-if-tool-add').click()
    expect(await page.getByTestId('what-if-tool-add').getAttribute('aria-pressed')).toBe('true')
    await page.getByTestId('what-if-tool-add').click()
    expect(await page.getByTestId('scenario-save-form').count()).toBe(1)
    expect(await page.getByTestId('sites-toggle').count()).toBe(1)
  }, 120_000)

  it('asks for the login again when the session runs out, and carries on where the user was', async () => {
    await page.context().clearCookies({ name: 'lc_session' })
    await page.getByTestId('view-report').click()
    const dialog = page.getByTestId('login-dialog')
    await dialog.waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('login-expired').count()).toBe(1)
    expect(await page.getByTestId('login-username').inputValue()).toBe(PLANNER.username)
    await page.getByTestId('login-password').fill(PLANNER_PASSWORD)
    await page.getByTestId('login-password').press('Enter')
    await dialog.waitFor({ state: 'detached', timeout: 15_000 })
    await page.waitForSelector('[data-testid="report-view"][data-report-ready="true"]', { timeout: 60_000 })
    expect(await page.getByTestId('set-editor-toggle').isEnabled()).toBe(true)
    expect(await page.getByTestId('set-editor-locked').count()).toBe(0)
    await page.getByTestId('report-page').getByTestId('view-map').click()
    expect(await page.getByTestId('coverage-panel').getAttribute('data-coverage-ready')).toBe('true')
  }, 120_000)

  it('lists the user’s creation in the administrator’s audit trail, with the new user as the after side', async () => {
    await signOut(page)
    await page.getByTestId('login-screen').waitFor({ timeout: 15_000 })
    await signInThroughUi(page, ADMIN.username, TEST_PASSWORD)
    await waitForMap(page)
    await page.getByTestId('view-admin').click()
    await page.getByTestId('admin-tab-audit').click()
    await page.waitForSelector('[data-testid="audit-trail"][data-status="ready"]', { timeout: 15_000 })

    const created = page.locator(`[data-testid="audit-entry"][data-entity="user"][data-entity-id="${plannerId}"][data-action="create"]`)
    expect(await created.count()).toBe(1)
    expect(await created.textContent()).toContain('新同事入职')
    expect(await created.getByTestId('audit-entry-action').textContent()).toBe('创建')
    expect(await page.locator(`[data-testid="audit-entry"][data-entity-id="${plannerId}"][data-action="change-password"]`).count()).toBe(1)

    await created.getByTestId('audit-entry-toggle').click()
    const username = page.locator('[data-testid="audit-entry-detail"] [data-testid="audit-diff-row"][data-path="username"]')
    expect(await username.getAttribute('data-change')).toBe('added')
    expect(await username.locator('td.after').textContent()).toBe(PLANNER.username)

    const updated = page.locator(`[data-testid="audit-entry"][data-entity-id="${plannerId}"][data-action="update"]`).first()
    await updated.getByTestId('audit-entry-toggle').click()
    const name = page.locator('[data-testid="audit-diff-row"][data-path="displayName"][data-change="changed"]')
    expect(await name.count()).toBeGreaterThan(0)

    await page.getByTestId('audit-entity-id').fill(String(plannerId))
    await page.getByTestId('audit-filter').click()
    await page.waitForSelector('[data-testid="audit-trail"][data-status="ready"]', { timeout: 15_000 })
    const ids = await page.getByTestId('audit-entry').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.entityId))
    expect(ids.length).toBeGreaterThanOrEqual(4)
    expect(new Set(ids)).toEqual(new Set([String(plannerId)]))
  }, 120_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})

describe.skipIf(!hasChromium)('guest access in a real browser', () => {
  let app: BrowserApp
  let page: Page

  beforeAll(async () => {
    app = await openBrowserApp({ guest: true, viewport: { width: 1400, height: 900 }, showMap: true })
    page = app.page
  }, 120_000)

  afterAll(() => app?.close())

  it('shows the map with a guest badge and a login button, and the what-if tools disabled with the reason', async () => {
    expect(await page.getByTestId('guest-badge').textContent()).toBe('访客（只读）')
    expect(await page.getByTestId('login-button').isVisible()).toBe(true)
    expect(await page.getByTestId('user-menu-button').count()).toBe(0)

    await page.getByTestId('coverage-toggle').click()
    await page.getByTestId('what-if-toggle').click()
    expect(await page.getByTestId('what-if-locked').textContent()).toBe('登录后可用（需要规划人员角色）')
    for (const tool of ['add', 'move', 'remove', 'close', 'link']) expect(await page.getByTestId(`what-if-tool-${tool}`).isDisabled()).toBe(true)
    expect(await page.getByTestId('scenario-save-form').count()).toBe(0)
    expect(await page.getByTestId('site-suggestions').count()).toBe(0)

    await page.getByTestId('lang-switch').click()
    expect(await page.getByTestId('guest-badge').textContent()).toBe('Guest (read-only)')
    expect(await page.getByTestId('what-if-locked').textContent()).toBe('Sign in to use this (planner role required)')
    await page.getByTestId('lang-switch').click()
  }, 60_000)

  it('keeps the set editor closed for guests, and opens a dismissible login dialog from the header', async () => {
    await page.getByTestId('view-report').click()
    await page.waitForSelector('[data-testid="report-view"][data-report-ready="true"]', { timeout: 60_000 })
    expect(await page.getByTestId('set-editor-toggle').isDisabled()).toBe(true)
    expect(await page.getByTestId('set-editor-locked').textContent()).toBe('登录后可用（需要规划人员角色）')

    await page.getByTestId('report-page').getByTestId('login-button').click()
    await page.getByTestId('login-dialog').waitFor()
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe('login-username')
    await page.keyboard.press('Escape')
    await page.getByTestId('login-dialog').waitFor({ state: 'detached' })
    expect(await page.getByTestId('report-view').getAttribute('data-report-ready')).toBe('true')
  }, 120_000)

  it('never asks the network for anything outside the app, and throws no page errors', () => {
    expect(app.seen.external).toEqual([])
    expect(app.seen.errors).toEqual([])
  })
})
