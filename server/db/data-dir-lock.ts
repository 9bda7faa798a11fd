import fs from 'node:fs'
import path from 'node:path'

/** Thrown when another live process holds the embedded database folder. */
export class DataDirLockedError extends Error {}

export interface DataDirLock {
  release(): void
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes an exclusive lock on a data folder through a `lifecircle.lock` file
 * holding the owner's pid. A lock left by a process that no longer runs is
 * taken over; a lock held by a live process is refused, because two PGlite
 * instances writing one folder corrupt it.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, 'lifecircle.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx')
      fs.writeSync(fd, String(process.pid))
      fs.closeSync(fd)
      let released = false
      return {
        release() {
          if (released) return
          released = true
          fs.rmSync(lockPath, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const ownerPid = Number(fs.readFileSync(lockPath, 'utf8').trim())
      if (Number.isInteger(ownerPid) && ownerPid > 0 && isProcessAlive(ownerPid)) {
        throw new DataDirLockedError(
          `The embedded database folder ${dataDir} is in use by process ${ownerPid}. ` +
            'Stop that process first, or set LIFECIRCLE_DATA_DIR to another folder.',
        )
      }
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new DataDirLockedError(`Could not lock the embedded database folder ${dataDir}.`)
}
