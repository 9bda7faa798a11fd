import pg from 'pg'

/** Runs one statement on its own connection (CREATE and DROP DATABASE cannot run inside a pool's transaction). */
export async function runAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(sql)
  } finally {
    await admin.end()
  }
}
