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
}

/** Reads the configuration from environment variables; see the README for each one. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`)
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedDataDir: path.resolve(projectRoot, env.LIFECIRCLE_DATA_DIR ?? '.data/pglite'),
    loadDemoWhenEmpty: env.LIFECIRCLE_DEMO !== '0',
    clientDir: path.resolve(projectRoot, 'dist/client'),
    logLevel: env.LOG_LEVEL ?? 'info',
  }
}
