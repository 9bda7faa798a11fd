import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyTemplateDatabase, type TestDatabaseLocation } from '../support/test-database.ts'
import { runFailingServer, startServerProcess, type ServerProcess } from '../support/server-process.ts'

let location: TestDatabaseLocation
let server: ServerProcess

beforeAll(async () => {
  location = await copyTemplateDatabase('demo')
  server = await startServerProcess(location.env)
}, 90_000)
afterAll(async () => {
  await server?.stop()
  await location?.remove()
})

describe('the server process', () => {
  it('prints its URL and answers over HTTP', async () => {
    expect(server.output()).toMatch(/lifecircle: open http:\/\/127\.0\.0\.1:\d+\//)
    const res = await fetch(`${server.url}/api/health`)
    expect(res.status).toBe(200)
    expect((await res.json()).database.mode).toBe(location.databaseUrl ? 'server' : 'embedded')
  })

  it('serves the built client at / and for client-side paths', async () => {
    const page = await fetch(`${server.url}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="app"')
    const deep = await fetch(`${server.url}/some/client/path`)
    expect(deep.status).toBe(200)
  })

  it.skipIf(Boolean(process.env.DATABASE_URL))('refuses a second process on the same embedded data folder with a clear message (embedded mode only)', async () => {
    const second = await runFailingServer(location.env)
    expect(second.code).toBe(1)
    expect(second.output).toMatch(/lifecircle: The embedded database folder .* is in use by process \d+/)
  }, 60_000)

  it('exits with one line naming the problem when DATABASE_URL cannot be reached', async () => {
    const probe = net.createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as net.AddressInfo).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const result = await runFailingServer({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nowhere` })
    expect(result.code).toBe(1)
    const lines = result.output.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^lifecircle: Cannot connect to the database at 127\.0\.0\.1:\d+\/nowhere \(ECONNREFUSED\)/)
  }, 60_000)
})
