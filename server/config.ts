import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root, resolved from this file so commands work from any working directory. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface AppConfig {
  /** Port the HTTP server listens on (`PORT`, default 3000). */
  port: number
  /** Interface the HTTP server binds to (`HOST`, default 127.0.0.1). */
  host: string
  /** `DATABASE_URL`; when unset the embedded database is used. */
  databaseUrl: string | undefined
  /** Folder of the embedded database (`LIFECIRCLE_DATA_DIR`, default `.data/pglite`). */
  embeddedDataDir: string
  /** Load the demo district into an empty database at start-up (`LIFECIRCLE_DEMO`, default on). */
  loadDemoWhenEmpty: boolean
  /** Folder with the built client (`npm run build`), served when present. */
  clientDir: string
  logLevel: string
  /**
   * Read-only access without signing in (`LIFECIRCLE_GUEST`: 1 on, 0 off).
   * Unset, it is on with the embedded database (the demo on one machine)
   * and off with `DATABASE_URL` (a department's server).
   */
  guestAccess: boolean
  /** Mark cookies `Secure` and send HSTS, for HTTPS (`LIFECIRCLE_SECURE_COOKIES=1`). */
  secureCookies: boolean
  /** Trust `X-Forwarded-For` and `-Proto` from a reverse proxy (`LIFECIRCLE_TRUST_PROXY=1`). */
  trustProxy: boolean
}

function readSwitch(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name]
  if (value === undefined || value === '') return fallback
  if (value === '1' || value === 'true') return true
  if (value === '0' || value === 'false') return false
  throw new Error(`${name} must be 1 or 0, got "${value}"`)
}

/** Reads the configuration from environment variables; see the README for each one. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`)
  }
  const databaseUrl = env.DATABASE_URL || undefined
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    embeddedDataDir: path.resolve(projectRoot, env.LIFECIRCLE_DATA_DIR ?? '.data/pglite'),
    loadDemoWhenEmpty: env.LIFECIRCLE_DEMO !== '0',
    clientDir: path.resolve(projectRoot, 'dist/client'),
    logLevel: env.LOG_LEVEL ?? 'info',
    guestAccess: readSwitch(env, 'LIFECIRCLE_GUEST', databaseUrl === undefined),
    secureCookies: readSwitch(env, 'LIFECIRCLE_SECURE_COOKIES', false),
    trustProxy: readSwitch(env, 'LIFECIRCLE_TRUST_PROXY', false),
  }
}
