import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts'

let db: TestDatabase

beforeAll(async () => {
  db = await createTestDatabase('empty')
})
afterAll(async () => db?.destroy())

it('answers the next query after one fails, in either database mode', async () => {
  await db.pool.query(`CREATE TABLE query_error_probe (name text UNIQUE)`)
  await db.pool.query(`INSERT INTO query_error_probe VALUES ('a')`).catch(() => undefined)
  for (let k = 0; k < 5; k++) {
    await expect(db.pool.query(`INSERT INTO query_error_probe VALUES ('a')`)).rejects.toThrow(/duplicate key/)
    const next = await db.pool.query('SELECT 1 AS one')
    expect(next.rows[0].one).toBe(1)
  }
})
