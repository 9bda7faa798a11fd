import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts'

export interface EmbeddedDatabase {
  /** `postgres://` URL of the loopback socket that serves the database. */
  connectionString: string
  stop(): Promise<void>
}

export interface EmbeddedOptions {
  /** Folder to persist into; omit for an in-memory database. */
  dataDir?: string
  /** Loopback port; 0 (default) picks a free one. */
  port?: number
}

/**
 * Starts PGlite with PostGIS and serves it over the PostgreSQL wire protocol
 * on 127.0.0.1, so the rest of the server talks to it through `pg` like to
 * any PostgreSQL server. PGlite runs one connection at a time: use a pool of
 * size 1.
 */
export async function startEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  let lock: DataDirLock | undefined
  if (options.dataDir) lock = lockDataDir(options.dataDir)
  try {
    const db = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      extensions: { postgis },
    })
    // The pool holds one connection; room for more lets a replacement connect
    // while the server is still tearing down one the pool dropped after an error
    // (the socket server queues all queries through PGlite anyway). pglite-socket
    // 0.2.11 never frees the slot of a connection that was reset rather than
    // closed, so the room is generous: each reset costs one slot until restart.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: options.port ?? 0, maxConnections: 32 })
    await server.start()
    return {
      connectionString: `postgres://postgres@${server.getServerConn()}/postgres`,
      async stop() {
        await server.stop()
        await db.close()
        lock?.release()
      },
    }
  } catch (error) {
    lock?.release()
    throw error
  }
}
