import type { Static } from 'typebox'
import type { AuditEntrySchema } from '../../server/schemas/auth.ts'
import { getJson, withQuery } from './http.ts'

/** One change in the audit trail: who did what to which record, with the record before and after. */
export type AuditEntry = Static<typeof AuditEntrySchema>

/** Which entries to list; newest first, those older than `beforeId` for the next page. */
export interface AuditQuery {
  entity?: string
  entityId?: string
  actorId?: number
  limit?: number
  beforeId?: number
}

/** Lists audit entries, newest first: every entry for administrators, one's own for anyone else. */
export async function fetchAuditEntries(query: AuditQuery, signal?: AbortSignal): Promise<AuditEntry[]> {
  const params = {
    entity: query.entity || undefined,
    entityId: query.entityId || undefined,
    actorId: query.actorId,
    limit: query.limit,
    beforeId: query.beforeId,
  }
  return (await getJson<{ entries: AuditEntry[] }>(withQuery('/api/audit', params), signal)).entries
}
