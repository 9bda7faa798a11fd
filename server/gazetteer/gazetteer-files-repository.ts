import type { Queryable } from '../db/transaction.ts'
import { sqlTimestamp as timestamp } from '../db/sql-dates.ts'
import type { GazetteerFile, SignPhoto } from '../schemas/gazetteer-assets.ts'

export type GazetteerFileKind = 'assessment' | 'expert' | 'consultation' | 'notice' | 'approval' | 'photo' | 'other'

const uploadedAt = `${timestamp('f.uploaded_at')} AS "uploadedAt"`
const fileColumns = `f.id, f.kind, f.sign_id AS "signId", f.case_id AS "caseId", f.filename, f.media_type AS "mediaType",
  f.size_bytes AS "sizeBytes", f.uploaded_by AS "uploadedBy", ${uploadedAt}`
/** A file's row as lists show it: no owner, no bytes. */
const photoColumns = `f.id, f.filename, f.media_type AS "mediaType", f.size_bytes AS "sizeBytes", f.uploaded_by AS "uploadedBy", ${uploadedAt}`

export interface GazetteerFileInput {
  /** What the file belongs to: a sign (photos) or a naming case (its documents). */
  owner: { signId: number } | { caseId: number }
  kind: GazetteerFileKind
  filename: string
  mediaType: string
  content: Buffer
  uploadedBy: string
}

/** Stores a file; returns its row without the bytes. */
export async function insertGazetteerFile(db: Queryable, input: GazetteerFileInput): Promise<GazetteerFile> {
  const signId = 'signId' in input.owner ? input.owner.signId : null
  const caseId = 'caseId' in input.owner ? input.owner.caseId : null
  return (
    await db.query<GazetteerFile>(
      `INSERT INTO gazetteer_files AS f (sign_id, case_id, kind, filename, media_type, size_bytes, content, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${fileColumns}`,
      [signId, caseId, input.kind, input.filename, input.mediaType, input.content.length, input.content, input.uploadedBy],
    )
  ).rows[0]!
}

/** A file's row without its bytes. */
export async function readGazetteerFileInfo(db: Queryable, id: number): Promise<GazetteerFile | undefined> {
  return (await db.query<GazetteerFile>(`SELECT ${fileColumns} FROM gazetteer_files f WHERE f.id = $1`, [id])).rows[0]
}

/** A file's row with its bytes, for download. */
export async function readGazetteerFile(db: Queryable, id: number): Promise<(GazetteerFile & { content: Buffer }) | undefined> {
  return (await db.query<GazetteerFile & { content: Buffer }>(`SELECT ${fileColumns}, f.content FROM gazetteer_files f WHERE f.id = $1`, [id])).rows[0]
}

/** A sign's photos, oldest first, without their bytes. */
export async function listSignPhotos(db: Queryable, signId: number): Promise<SignPhoto[]> {
  return (await db.query<SignPhoto>(`SELECT ${photoColumns} FROM gazetteer_files f WHERE f.sign_id = $1 AND f.kind = 'photo' ORDER BY f.id`, [signId])).rows
}

/** Deletes one photo of a sign; returns its row, or undefined when the sign has no such photo. */
export async function deleteSignPhoto(db: Queryable, signId: number, fileId: number): Promise<GazetteerFile | undefined> {
  return (
    await db.query<GazetteerFile>(`DELETE FROM gazetteer_files f WHERE f.id = $1 AND f.sign_id = $2 AND f.kind = 'photo' RETURNING ${fileColumns}`, [fileId, signId])
  ).rows[0]
}

/** A document of a naming case, without its bytes. */
export type CaseFile = SignPhoto & { kind: GazetteerFileKind }

/** A naming case's documents, oldest first, without their bytes. */
export async function listCaseFiles(db: Queryable, caseId: number): Promise<CaseFile[]> {
  return (await db.query<CaseFile>(`SELECT f.kind, ${photoColumns} FROM gazetteer_files f WHERE f.case_id = $1 ORDER BY f.id`, [caseId])).rows
}

/** Deletes one document of a case; returns its row, or undefined when the case has no such file. */
export async function deleteCaseFile(db: Queryable, caseId: number, fileId: number): Promise<GazetteerFile | undefined> {
  return (await db.query<GazetteerFile>(`DELETE FROM gazetteer_files f WHERE f.id = $1 AND f.case_id = $2 RETURNING ${fileColumns}`, [fileId, caseId])).rows[0]
}
