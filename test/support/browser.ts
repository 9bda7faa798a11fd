import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { projectRoot } from '../../server/config.ts'
import { LAYER_IDS } from '../../client/map/layer-ids.ts'

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
