import type pg from 'pg'

/** A pool or one of its clients: what a repository function needs to run its SQL, inside a transaction or not. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/**
 * Runs `work` in one transaction on one client: committed when it resolves,
 * rolled back when it throws, so a change and its audit entry are stored
 * together or not at all. Nothing inside may use the pool itself: the
 * embedded database has a single connection, and it is held here.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError))
    throw error
  } finally {
    client.release(broken)
  }
}
