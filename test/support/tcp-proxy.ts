import net from 'node:net'

/** Where a proxy forwards to. */
export interface ProxyTarget {
  host: string
  port: number
}

/**
 * A TCP proxy on 127.0.0.1 in front of one database, so a test can make the
 * database go away for one app only, at the network level, while other test
 * files keep using the same server.
 */
export interface TcpProxy {
  readonly host: string
  /** The proxy's own port; it stays the same across `stop()` and `start()`. */
  readonly port: number
  /** Connections currently forwarded. */
  readonly openConnections: number
  /**
   * What a restarting server looks like from the app: every open connection
   * is reset and new connections are refused until `start()`.
   */
  stop(): Promise<void>
  /**
   * What a hung server or a network that drops packets looks like: every
   * open connection is reset; new connections are accepted but nothing is
   * forwarded and nothing answers, until `start()` or `close()` resets them.
   */
  blackhole(): Promise<void>
  /** Listens (again, on the same port) and forwards new connections. */
  start(): Promise<void>
  /**
   * Resets the first connection whose client sends bytes containing
   * `marker` (before forwarding them), as if the connection broke at that
   * point; resolves when it did. Other connections are left alone.
   */
  cutWhen(marker: string): Promise<void>
  /** Whether a `cutWhen` is still waiting for its marker. */
  readonly cutArmed: boolean
  /** Forgets a `cutWhen` whose marker never came (its promise never resolves). */
  cancelCut(): void
  /** Resets everything and stops listening for good. */
  close(): Promise<void>
}

interface Pair {
  client: net.Socket
  upstream: net.Socket
}

const reset = (socket: net.Socket) => {
  if (socket.destroyed) return
  // An RST, not a FIN: what the app sees when the server's end of the connection goes away.
  if (socket.readyState === 'open' || socket.readyState === 'readOnly' || socket.readyState === 'writeOnly') socket.resetAndDestroy()
  else socket.destroy()
}

/** Starts a proxy on 127.0.0.1 (a free port) that forwards to `target`. */
export async function startTcpProxy(target: ProxyTarget): Promise<TcpProxy> {
  const pairs = new Set<Pair>()
  const held = new Set<net.Socket>()
  let mode: 'forward' | 'blackhole' = 'forward'
  let server: net.Server | null = null
  let port = 0
  let cut: { marker: Buffer; done: () => void } | null = null

  /**
   * Breaks a connection off: the app's end gets an RST (what it sees when the
   * server's end goes away), the database's end an ordinary close (the
   * database only needs to see the connection end: PostgreSQL ends the
   * backend, rolling back; an RST there would test the database's socket
   * handling, not the app's).
   */
  const abort = (pair: Pair) => {
    if (!pairs.delete(pair)) return
    reset(pair.client)
    pair.upstream?.destroy()
  }

  const onConnection = (client: net.Socket) => {
    client.on('error', () => undefined)
    if (mode === 'blackhole') {
      held.add(client)
      client.on('close', () => held.delete(client))
      return
    }
    client.pause()
    const upstream = net.connect(target.port, target.host)
    const pair: Pair = { client, upstream }
    pairs.add(pair)
    upstream.on('error', () => abort(pair))
    // The database closing a connection itself (a terminated backend) reaches
    // the app as it would without the proxy: what it sent last, then a FIN.
    upstream.on('close', () => {
      pairs.delete(pair)
      if (!client.destroyed) client.end()
    })
    client.on('end', () => upstream.end())
    client.on('close', () => {
      pairs.delete(pair)
      upstream.destroy()
    })
    upstream.on('connect', () => {
      upstream.setNoDelay(true)
      client.setNoDelay(true)
      client.on('data', (chunk: Buffer) => {
        if (cut && chunk.includes(cut.marker)) {
          const { done } = cut
          cut = null
          abort(pair)
          done()
          return
        }
        if (!upstream.write(chunk)) client.pause()
      })
      upstream.on('drain', () => client.resume())
      upstream.on('data', (chunk: Buffer) => {
        if (!client.write(chunk)) upstream.pause()
      })
      client.on('drain', () => upstream.resume())
      client.resume()
    })
  }

  const listen = async () => {
    const next = net.createServer(onConnection)
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject)
      next.listen(port, '127.0.0.1', () => {
        next.off('error', reject)
        resolve()
      })
    })
    port = (next.address() as net.AddressInfo).port
    server = next
  }

  const resetAll = () => {
    for (const pair of [...pairs]) abort(pair)
    for (const socket of [...held]) reset(socket)
    held.clear()
  }

  const unlisten = async () => {
    const current = server
    server = null
    if (!current) return
    await new Promise<void>((resolve) => current.close(() => resolve()))
  }

  await listen()

  return {
    host: '127.0.0.1',
    get port() {
      return port
    },
    get openConnections() {
      return pairs.size
    },
    async stop() {
      mode = 'forward'
      const closing = unlisten()
      resetAll()
      await closing
    },
    async blackhole() {
      mode = 'blackhole'
      for (const pair of [...pairs]) abort(pair)
      if (!server) await listen()
    },
    async start() {
      for (const socket of [...held]) reset(socket)
      held.clear()
      mode = 'forward'
      if (server) return
      // The port was just freed by this process; another process may take it in between, rarely: retry briefly.
      for (let attempt = 0; ; attempt++) {
        try {
          await listen()
          return
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 20) throw error
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
      }
    },
    get cutArmed() {
      return cut !== null
    },
    cancelCut() {
      cut = null
    },
    cutWhen(marker: string) {
      return new Promise<void>((resolve) => {
        cut = { marker: Buffer.from(marker), done: resolve }
      })
    },
    async close() {
      cut = null
      const closing = unlisten()
      resetAll()
      await closing
    },
  }
}

/** `url` with its host and port replaced by the proxy's. */
export function throughProxy(url: string, proxy: Pick<TcpProxy, 'host' | 'port'>): string {
  const proxied = new URL(url)
  proxied.hostname = proxy.host
  proxied.port = String(proxy.port)
  return proxied.toString()
}

/** Host and port of a `postgres://` URL (5432 when it names none). */
export function targetOf(url: string): ProxyTarget {
  const parsed = new URL(url)
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || 5432) }
}
