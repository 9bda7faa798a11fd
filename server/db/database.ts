import pg from 'pg'
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.ts'

/** Thrown when start-up cannot use the database; its message is one line telling what to do. */
export class DatabaseStartupError extends Error {}

export type DatabaseMode = 'embedded' | 'server'

/** What the database can do, found by asking it rather than by knowing the mode. */
export interface DatabaseCapabilities {
  postgresVersion: string
  postgisVersion: string
  /** `ST_AsMVT` works (PostGIS built with protobuf-c); otherwise tiles are encoded in TypeScript. */
  mvtInSql: boolean
}

export interface Database {
  pool: pg.Pool
  mode: DatabaseMode
  capabilities: DatabaseCapabilities
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /** Server mode when set; embedded otherwise. */
  databaseUrl?: string | undefined
  /** Embedded data folder; omit for in-memory. */
  embeddedDataDir?: string | undefined
}

const minimumPostgis = [3, 3]

/**
 * Opens the database for the application: a pool over `DATABASE_URL`, or an
 * embedded PGlite served on a loopback port. The pool is the only handle the
 * rest of the server gets; for the embedded database it holds one connection.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedDatabase | undefined
  let connectionString = options.databaseUrl
  const mode: DatabaseMode = connectionString ? 'server' : 'embedded'
  if (!connectionString) {
    embedded = await startEmbeddedDatabase(options.embeddedDataDir ? { dataDir: options.embeddedDataDir } : {})
    connectionString = embedded.connectionString
  }
  const pool = new pg.Pool({
    connectionString,
    max: mode === 'embedded' ? 1 : 10,
    // A database that accepts connections but never answers gets a 503 instead of
    // hanging every request. The wait for a free connection counts too, so the
    // embedded database, whose one connection requests queue for, waits longer.
    connectionTimeoutMillis: mode === 'embedded' ? 30_000 : 10_000,
  })
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  })
  pool.on('connect', (client) => {
    client.on('error', () => {
      // A client in use lost its connection (database restarted, network cut): its
      // query rejects, the request answers 503 and the pool drops the client. Without
      // a listener, Node would end the process on this event.
    })
  })
  const close = async () => {
    await pool.end()
    await embedded?.stop()
  }
  try {
    const capabilities = await probeDatabase(pool, connectionString)
    return { pool, mode, capabilities, close }
  } catch (error) {
    await close().catch(() => undefined)
    throw error
  }
}

function describeTarget(connectionString: string): string {
  try {
    const url = new URL(connectionString)
    return `${url.hostname}:${url.port || 5432}${url.pathname}`
  } catch {
    return 'DATABASE_URL'
  }
}

async function probeDatabase(pool: pg.Pool, connectionString: string): Promise<DatabaseCapabilities> {
  const target = describeTarget(connectionString)
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new DatabaseStartupError(
      `Cannot connect to the database at ${target} (${reason}): check that PostgreSQL is running and that DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.`,
    )
  }
  try {
    const version = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
    const postgresVersion = version.rows[0]!.v
    const available = await client.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'`)
    if (available.rowCount === 0) {
      throw new DatabaseStartupError(
        `The database at ${target} (PostgreSQL ${postgresVersion}) has no PostGIS: install PostGIS 3.3 or newer on the server (Debian: apt-get install postgresql-15-postgis-3).`,
      )
    }
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS postgis')
    } catch (error) {
      throw new DatabaseStartupError(
        `PostGIS is installed at ${target} but not enabled in this database, and enabling it failed (${(error as Error).message}): run "CREATE EXTENSION postgis;" as a superuser.`,
      )
    }
    const lib = await client.query<{ v: string }>('SELECT postgis_lib_version() AS v')
    const postgisVersion = lib.rows[0]!.v
    const [major = 0, minor = 0] = postgisVersion.split('.').map(Number)
    if (major < minimumPostgis[0]! || (major === minimumPostgis[0] && minor < minimumPostgis[1]!)) {
      throw new DatabaseStartupError(
        `The database at ${target} has PostGIS ${postgisVersion}; LifeCircle needs PostGIS ${minimumPostgis.join('.')} or newer.`,
      )
    }
    return { postgresVersion, postgisVersion, mvtInSql: await supportsMvt(client) }
  } finally {
    client.release()
  }
}

async function supportsMvt(client: pg.PoolClient): Promise<boolean> {
  try {
    await client.query(`SELECT ST_AsMVT(q, 'probe') FROM (SELECT 1 AS id, ST_Point(1, 1) AS geom) AS q`)
    return true
  } catch {
    return false
  }
}
