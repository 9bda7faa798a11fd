import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { projectRoot } from '../../server/config.ts'
import { LAYER_IDS } from '../../client/map/layer-ids.ts'
import { createUser } from './accounts.ts'
import { startServerProcess, type ServerProcess } from './server-process.ts'
import { copyTemplateDatabase, type TestDatabaseLocation } from './test-database.ts'

/** Debian's Chromium, or `CHROMIUM_PATH`. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Whether the browser tests can run. Without Chromium they are skipped with
 * a plain message, except in CI, where a missing Chromium is an error.
 */
export const hasChromium = fs.existsSync(chromiumPath)
if (!hasChromium) {
  if (process.env.CI) throw new Error(`Chromium is required in CI but missing at ${chromiumPath} (apt-get install chromium)`)
  console.warn(`Chromium not found at ${chromiumPath}: skipping the browser test (Debian: apt-get install chromium).`)
}

/** Where browser tests write their screenshots. */
export const browserOutputDir = path.join(projectRoot, 'test-output', 'browser')

/** Flags that let MapLibre's WebGL render headless here, with no traffic beyond the page's own. */
const launchArgs = [
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/** Starts headless Chromium with a fresh profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: launchArgs })
}

/** What a page did that its tests check: every list but `requests` must stay empty. */
export interface PageWatch {
  /** Requests for anything outside the app (`data:` and `blob:` URLs aside). */
  external: string[]
  /** Messages of uncaught errors in the page. */
  errors: string[]
  /** Paths of the requests the page sent to the app, in order. */
  requests: string[]
}

/** Watches a page, from now on, for requests leaving the app at `serverUrl` and for uncaught errors. */
export function watchPage(page: Page, serverUrl: string): PageWatch {
  const seen: PageWatch = { external: [], errors: [], requests: [] }
  page.on('request', (request) => {
    const url = request.url()
    if (url.startsWith('data:') || url.startsWith('blob:')) return
    if (url.startsWith(serverUrl)) seen.requests.push(new URL(url).pathname)
    else seen.external.push(url)
  })
  page.on('pageerror', (error) => seen.errors.push(error.message))
  return seen
}

/** The app as one `describe` of browser tests has it: its own copy of the demo database, a server on it, Chromium and a watched page. */
export interface BrowserApp {
  location: TestDatabaseLocation
  server: ServerProcess
  browser: Browser
  page: Page
  seen: PageWatch
  /** Closes the browser, stops the server and removes the database copy. */
  close(): Promise<void>
}

export interface BrowserAppOptions {
  /** Whether guests may look without signing in (`LIFECIRCLE_GUEST`). */
  guest: boolean
  viewport: { width: number; height: number }
  /** Users to add to the database before the server starts; their password is `TEST_PASSWORD` unless given. */
  users?: Parameters<typeof createUser>[1][]
  /** Whether to go to the app and wait for the map before returning. */
  showMap?: boolean
}

/**
 * Copies the demo database, adds the users, starts the server on it and opens
 * a page (downloads accepted) in a fresh Chromium, watched with `watchPage`.
 * Whatever was started is stopped again when a step fails.
 */
export async function openBrowserApp(options: BrowserAppOptions): Promise<BrowserApp> {
  const location = await copyTemplateDatabase('demo')
  let server: ServerProcess | undefined
  let browser: Browser | undefined
  const close = async () => {
    await browser?.close()
    await server?.stop()
    await location.remove()
  }
  try {
    for (const user of options.users ?? []) await createUser(location, user)
    server = await startServerProcess({ ...location.env, LIFECIRCLE_GUEST: options.guest ? '1' : '0' })
    browser = await launchBrowser()
    const page = await browser.newPage({ viewport: options.viewport, acceptDownloads: true })
    const app = { location, server, browser, page, seen: watchPage(page, server.url), close }
    if (options.showMap) await showMap(app)
    return app
  } catch (error) {
    await close()
    throw error
  }
}

/** Goes to the app and waits for its map. */
export async function showMap(app: Pick<BrowserApp, 'page' | 'server'>): Promise<void> {
  await app.page.goto(app.server.url)
  await waitForMap(app.page)
}

/** Waits until the map is ready: its data arrived, every layer added and the map idle (`data-map-ready`). */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 })
}

/** Signs in with the form the page shows (the login screen or the login dialog), submitting it with Enter. */
export async function signInThroughUi(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-password').press('Enter')
}

/** Opens the login dialog from the header's button, signs in there and waits for the dialog to close. */
export async function signInFromHeader(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-button').click()
  await signInThroughUi(page, username, password)
  await page.getByTestId('login-dialog').waitFor({ state: 'detached', timeout: 15_000 })
}

/** Layers a click must miss for the map to count it as a click on an empty spot of a community. */
export const OCCUPIED_LAYERS = [
  'facilities-community_service',
  'facilities-home_care',
  'facilities-day_care',
  'facilities-elderly_institution',
  LAYER_IDS.gatesCircle,
  LAYER_IDS.networkRoad,
  LAYER_IDS.networkFootway,
  LAYER_IDS.networkTunnel,
  LAYER_IDS.compoundsFill,
  LAYER_IDS.waterFill,
  LAYER_IDS.subdistrictLine,
  LAYER_IDS.districtLine,
]
