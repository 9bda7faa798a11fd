import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { projectRoot } from '../../server/config.ts'

export interface ServerProcess {
  url: string
  output(): string
  stop(): Promise<void>
}

const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx')
const serverEntry = path.join(projectRoot, 'server', 'server.ts')

/** Environment for a child server: the test's database, a free port, no inherited database settings. */
function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const base = { ...process.env }
  delete base.DATABASE_URL
  delete base.LIFECIRCLE_DATA_DIR
  return { ...base, PORT: '0', LOG_LEVEL: 'warn', ...env }
}

/** Starts `server/server.ts` and resolves once it prints its URL; rejects with its output if it exits first. */
export function startServerProcess(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<ServerProcess> {
  const child = spawn(tsx, [serverEntry], { cwd: projectRoot, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /open (http:\/\/[^\s/]+)\//.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ url: match[1]!, output: () => output, stop: () => stopChild(child) })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(Object.assign(new Error(`server exited with code ${code}:\n${output}`), { code, output }))
    })
  })
}

/** Runs `server/server.ts` expecting it to fail; resolves with its exit code and output. */
export function runFailingServer(env: Record<string, string | undefined>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(tsx, [serverEntry], { cwd: projectRoot, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr.on('data', (c: Buffer) => (output += c.toString()))
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.on('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
