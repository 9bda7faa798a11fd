import type { Queryable } from '../db/transaction.ts'

/** Who made a change: a signed-in user, or the command line (`id` null). */
export interface Actor {
  id: number | null
  name: string
  requestId: string | null
}

/** One change to record: what entity, what was done, the states before and after. */
export interface AuditEvent {
  entity: string
  entityId: string | number
  action: string
  before: unknown
  after: unknown
  reason?: string | null | undefined
}

export interface AuditEntry {
  id: number
  at: string
  actorId: number | null
  actorName: string
  entity: string
  entityId: string
  action: string
  before: unknown
  after: unknown
  reason: string | null
  requestId: string | null
}

export interface AuditFilter {
  entity?: string | undefined
  entityId?: string | undefined
  actorId?: number | undefined
  beforeId?: number | undefined
  limit: number
}

/** Appends one entry; call it with the client of the transaction that makes the change. */
export async function appendAudit(db: Queryable, actor: Actor, event: AuditEvent): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_id, actor_name, entity, entity_id, action, before, after, reason, request_id)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)`,
    [
      actor.id,
      actor.name,
      event.entity,
      String(event.entityId),
      event.action,
      event.before === undefined || event.before === null ? null : JSON.stringify(event.before),
      event.after === undefined || event.after === null ? null : JSON.stringify(event.after),
      event.reason?.trim() || null,
      actor.requestId,
    ],
  )
}

/** Entries newest first, filtered; `beforeId` pages back from an entry. */
export async function listAudit(db: Queryable, filter: AuditFilter): Promise<AuditEntry[]> {
  const result = await db.query<AuditEntry>(
    `SELECT id::integer AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
            actor_id AS "actorId", actor_name AS "actorName", entity, entity_id AS "entityId", action,
            before, after, reason, request_id AS "requestId"
       FROM audit_log
      WHERE ($1::text IS NULL OR entity = $1)
        AND ($2::text IS NULL OR entity_id = $2)
        AND ($3::integer IS NULL OR actor_id = $3)
        AND ($4::bigint IS NULL OR id < $4)
      ORDER BY id DESC
      LIMIT $5`,
    [filter.entity ?? null, filter.entityId ?? null, filter.actorId ?? null, filter.beforeId ?? null, filter.limit],
  )
  return result.rows
}
