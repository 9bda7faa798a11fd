import type pg from 'pg'
import { withTransaction } from '../db/transaction.ts'
import { appendAudit, type Actor, type AuditEvent } from './audit-repository.ts'

/** What a change returns: its result, and the audit entry to write, or `null` when nothing changed. */
export interface AuditedOutcome<T> {
  result: T
  audit: AuditEvent | null
}

/**
 * Runs a change and writes its audit entry in the same transaction: both
 * are stored, or, if either fails, neither.
 */
export function auditedChange<T>(pool: pg.Pool, actor: Actor, change: (client: pg.PoolClient) => Promise<AuditedOutcome<T>>): Promise<T> {
  return withTransaction(pool, async (client) => {
    const { result, audit } = await change(client)
    if (audit) await appendAudit(client, actor, audit)
    return result
  })
}
