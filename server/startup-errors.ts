import { DatabaseStartupError } from './db/database.ts'
import { DataDirLockedError } from './db/data-dir-lock.ts'
import { MigrationError } from './db/migrate.ts'

/** One line for the console on why start-up failed; unknown errors keep their message. */
export function describeStartupFailure(error: unknown): string {
  if (error instanceof DatabaseStartupError || error instanceof DataDirLockedError || error instanceof MigrationError) {
    return error.message
  }
  return `start-up failed: ${(error as Error).message ?? String(error)}`
}
