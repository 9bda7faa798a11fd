import { existsSync, statSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ProxyOptions } from 'vite'
import { defineConfig } from 'vitest/config'
import { svelte } from '@sveltejs/vite-plugin-svelte'

const clientRoot = fileURLToPath(new URL('./client', import.meta.url))
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`

/**
 * The client's own modules live in `client/api/`, which the dev server serves
 * at `/api/…` too. Requests for a file that exists there stay with Vite;
 * everything else under `/api` goes to the Fastify server.
 */
function keepClientModules(req: IncomingMessage): string | undefined {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
  const file = join(clientRoot, pathname)
  if (file.startsWith(clientRoot) && existsSync(file) && statSync(file).isFile()) return req.url
  return undefined
}

const proxyToServer: ProxyOptions = { target: apiTarget, bypass: keepClientModules }

export default defineConfig({
  root: clientRoot,
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': proxyToServer,
      '/docs': { target: apiTarget },
    },
  },
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
  },
})
