import type { Queryable } from '../db/transaction.ts'
import { sqlTimestamp as timestamp } from '../db/sql-dates.ts'
import type { BoundaryDocument } from '../schemas/boundary-common.ts'

const columns = `d.id, d.line_id AS "lineId", d.marker_id AS "markerId", d.inspection_id AS "inspectionId",
  d.division_event_id AS "divisionEventId", d.doc_type AS "docType", d.title, d.filename, d.media_type AS "mediaType",
  d.size_bytes AS "sizeBytes", d.sha256, d.retention_years AS "retentionYears", d.uploaded_by AS "uploadedBy",
  ${timestamp('d.uploaded_at')} AS "uploadedAt"`

/** What a document is attached to: exactly one of these. */
export interface DocumentOwner {
  lineId?: number | undefined
  markerId?: number | undefined
  inspectionId?: number | undefined
  divisionEventId?: number | undefined
}

/** Documents of the given owners (all documents when none is given), the latest uploaded first; without their content. */
export async function listDocuments(db: Queryable, owner: DocumentOwner): Promise<BoundaryDocument[]> {
  return (
    await db.query<BoundaryDocument>(
      `SELECT ${columns} FROM boundary_documents d
        WHERE ($1::int IS NULL OR d.line_id = $1) AND ($2::int IS NULL OR d.marker_id = $2)
          AND ($3::int IS NULL OR d.inspection_id = $3) AND ($4::int IS NULL OR d.division_event_id = $4)
        ORDER BY d.uploaded_at DESC, d.id DESC`,
      [owner.lineId ?? null, owner.markerId ?? null, owner.inspectionId ?? null, owner.divisionEventId ?? null],
    )
  ).rows
}

/** Whether the row a document is to be attached to exists. */
export async function documentOwnerExists(db: Queryable, owner: DocumentOwner): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM boundary_lines WHERE id = $1) OR EXISTS (SELECT 1 FROM boundary_markers WHERE id = $2)
         OR EXISTS (SELECT 1 FROM boundary_inspections WHERE id = $3) OR EXISTS (SELECT 1 FROM division_events WHERE id = $4) AS found`,
    [owner.lineId ?? null, owner.markerId ?? null, owner.inspectionId ?? null, owner.divisionEventId ?? null],
  )
  return rows[0]!.found
}

/** A document to store; the SHA-256 is computed by the caller from `content`. */
export interface DocumentInput {
  owner: DocumentOwner
  docType: string
  title: string
  filename: string
  mediaType: string
  sha256: string
  retentionYears: number | null
  content: Buffer
  uploadedBy: string
}

export async function insertDocument(db: Queryable, input: DocumentInput): Promise<BoundaryDocument> {
  return (
    await db.query<BoundaryDocument>(
      `INSERT INTO boundary_documents AS d (line_id, marker_id, inspection_id, division_event_id, doc_type, title, filename, media_type,
              size_bytes, sha256, retention_years, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${columns}`,
      [
        input.owner.lineId ?? null,
        input.owner.markerId ?? null,
        input.owner.inspectionId ?? null,
        input.owner.divisionEventId ?? null,
        input.docType,
        input.title,
        input.filename,
        input.mediaType,
        input.content.length,
        input.sha256,
        input.retentionYears,
        input.content,
        input.uploadedBy,
      ],
    )
  ).rows[0]!
}

/** A document with its bytes, for download. */
export async function readDocumentContent(db: Queryable, id: number): Promise<{ filename: string; mediaType: string; sha256: string; content: Buffer } | undefined> {
  return (
    await db.query<{ filename: string; mediaType: string; sha256: string; content: Buffer }>(
      'SELECT filename, media_type AS "mediaType", sha256, content FROM boundary_documents WHERE id = $1',
      [id],
    )
  ).rows[0]
}

/** Whether there is a document `id` (its content left unread). */
export async function documentExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM boundary_documents WHERE id = $1', [id])).rowCount === 1
}
