import type { FeatureCollection, LineString, MultiLineString } from 'geojson'
import type { Static } from 'typebox'
import type {
  CustodyCreateSchema,
  CustodyDetailSchema,
  CustodySchema,
  DamageReportSchema,
  DashboardLineSchema,
  DashboardSchema,
  FindingSchema,
  InspectionCreateSchema,
  InspectionDetailSchema,
  InspectionSchema,
  PatrolSchema,
} from '../../server/schemas/boundary-inspections.ts'
import type { DocumentSchema } from '../../server/schemas/boundary-common.ts'
import type { LineCreateSchema, LineDeriveResultSchema, LineDetailSchema, LineSchema, LineSummarySchema } from '../../server/schemas/boundary-lines.ts'
import type {
  BoundaryImportOutcomeSchema,
  BoundaryImportProblemSchema,
  MarkerCreateSchema,
  MarkerDetailSchema,
  MarkerSchema,
  ReferenceObjectSchema,
} from '../../server/schemas/boundary-markers.ts'
import type { CoordinateSystemId } from './coordinate-systems.ts'
import { getJson, sendFile, sendJson, withQuery } from './http.ts'

/** The levels a boundary line may have, from the highest. */
export const LINE_LEVELS = ['provincial', 'municipal', 'county', 'township'] as const

/** The level of a boundary line (省级、市级、县级、乡级). */
export type LineLevel = (typeof LINE_LEVELS)[number]

/** Where a line can stand in its inspection cycle, from the best. */
export const LINE_STATUSES = ['ok', 'planned', 'due', 'overdue'] as const

/** Where a line stands in its inspection cycle; `planned` when an undone inspection is planned this year or later. */
export type LineStatus = (typeof LINE_STATUSES)[number]

/** The conditions a marker can be in, from the best. */
export const MARKER_CONDITIONS = ['intact', 'damaged', 'lost', 'displaced', 'moved', 'removed'] as const

/** A condition of a boundary marker. */
export type MarkerCondition = (typeof MARKER_CONDITIONS)[number]

/** The conditions a damage report may name (anything but intact). */
export const DAMAGE_CONDITIONS = ['damaged', 'lost', 'displaced', 'moved', 'removed'] as const

/** Type codes of a marker number: Q a single marker, A/B a pair, C/D/E a triple. */
export const MARKER_TYPE_CODES = ['Q', 'A', 'B', 'C', 'D', 'E'] as const

/** The kinds of joint inspection. */
export const INSPECTION_KINDS = ['periodic', 'ad_hoc'] as const

/** A kind of joint inspection: the periodic round, or one after a disaster or river change. */
export type InspectionKind = (typeof INSPECTION_KINDS)[number]

/** The kinds of archive document. */
export const DOCUMENT_TYPES = ['agreement', 'map', 'marker_table', 'inspection_report', 'photo', 'change_order', 'other'] as const

/** A kind of archive document. */
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

/** A boundary line as lists show it, with its inspection status. */
export type LineSummary = Static<typeof LineSummarySchema>

/** A reference object (方位物) a marker is found by: azimuth in degrees from north, distance in metres. */
export type ReferenceObject = Static<typeof ReferenceObjectSchema>

/**
 * A boundary marker. Without access to sensitive boundary data `lng`,
 * `lat`, `elevationM` and `referenceObjects` are `null` and
 * `coordinatesHidden` is true.
 */
export type BoundaryMarker = Static<typeof MarkerSchema>

/** A line with its geometry (simplified, `detailed: false`, for callers without access) and its markers. */
export type BoundaryLine = Static<typeof LineDetailSchema>

/** A document of the delimitation archives (or a marker photo); its file is only for boundary editors. */
export type BoundaryDocument = Static<typeof DocumentSchema>

/** A marker with its condition history and documents. */
export type BoundaryMarkerDetail = Static<typeof MarkerDetailSchema>

/** An observation of a marker's condition. */
export type ConditionObservation = BoundaryMarkerDetail['conditionHistory'][number]

/** What a marker editor sends for a new marker. */
export type MarkerInput = Static<typeof MarkerCreateSchema>

/** What an inspection found at a marker or along a segment. */
export type InspectionFinding = Static<typeof FindingSchema>

/** A joint inspection of a line. */
export type BoundaryInspection = Static<typeof InspectionSchema>

/** An inspection with its findings and documents. */
export type BoundaryInspectionDetail = Static<typeof InspectionDetailSchema>

/** What the inspection form sends; a finding's condition is one of {@link MARKER_CONDITIONS} (the schema's own type loses the literals). */
export type InspectionInput = Omit<Static<typeof InspectionCreateSchema>, 'findings'> & {
  findings: { markerId: number | null; segment: string; condition: MarkerCondition | null; finding: string; actionTaken: string }[]
}

/** A patrol by a custodian. */
export type Patrol = Static<typeof PatrolSchema>

/** Entrusted custody of a segment of a line and its markers; person and contact are `null` for callers without access. */
export type BoundaryCustody = Static<typeof CustodySchema>

/** A custody with its patrol log and damage reports. */
export type BoundaryCustodyDetail = Static<typeof CustodyDetailSchema>

/** What the custody form sends. */
export type CustodyInput = Static<typeof CustodyCreateSchema>

/** A report of damage to a marker, to be acted on within 12 hours. */
export type DamageReport = Static<typeof DamageReportSchema>

/** What needs attention across the boundaries. */
export type BoundaryDashboard = Static<typeof DashboardSchema>

/** A line on the dashboard. */
export type DashboardLine = Static<typeof DashboardLineSchema>

/** The boundary lines, optionally filtered by a query and level. */
export async function fetchLines(params: { q?: string; level?: string } = {}, signal?: AbortSignal): Promise<LineSummary[]> {
  return (await getJson<{ lines: LineSummary[] }>(withQuery('/api/boundaries/lines', params), signal)).lines
}

/** Every line as GeoJSON (simplified for callers without access). */
export function fetchLinesGeoJson(signal?: AbortSignal): Promise<FeatureCollection<MultiLineString, LineSummary>> {
  return getJson('/api/boundaries/lines.geojson', signal)
}

/** One line with its markers. */
export function fetchLine(id: number, signal?: AbortSignal): Promise<BoundaryLine> {
  return getJson<BoundaryLine>(`/api/boundaries/lines/${id}`, signal)
}

/** A line as its editor saves it (without its markers). */
export type SavedLine = Static<typeof LineSchema>

/** What the line form sends; without `geometry` the line is the edge its two sides share. */
export type LineInput = Omit<Static<typeof LineCreateSchema>, 'level' | 'geometry'> & { level: LineLevel; geometry?: LineString | MultiLineString }

/** What deriving lines did: the lines made, and the pairs of neighbours skipped with the reason. */
export type LineDeriveResult = Static<typeof LineDeriveResultSchema>

/** Records a line. */
export function createLine(input: LineInput, signal?: AbortSignal): Promise<SavedLine> {
  return sendJson<SavedLine>('POST', '/api/boundaries/lines', input, signal)
}

/** Replaces a line's fields, edited from `version`; a stale version answers 409 with the stored line in `current`. */
export function updateLine(id: number, input: LineInput, version: number, signal?: AbortSignal): Promise<SavedLine> {
  return sendJson<SavedLine>('PUT', `/api/boundaries/lines/${id}`, { ...input, version }, signal)
}

/** Records a line along every shared edge of two children of `parentCode` that has none yet. */
export function deriveLines(parentCode: string, level: LineLevel, signal?: AbortSignal): Promise<LineDeriveResult> {
  return sendJson<LineDeriveResult>('POST', '/api/boundaries/lines/derive', { parentCode, level }, signal)
}

/** Markers, of one line or in one condition. */
export async function fetchMarkers(params: { lineId?: number; condition?: string } = {}, signal?: AbortSignal): Promise<BoundaryMarker[]> {
  return (await getJson<{ markers: BoundaryMarker[] }>(withQuery('/api/boundaries/markers', params), signal)).markers
}

/** One marker with its condition history and documents. */
export function fetchMarker(id: number, signal?: AbortSignal): Promise<BoundaryMarkerDetail> {
  return getJson<BoundaryMarkerDetail>(`/api/boundaries/markers/${id}`, signal)
}

/** Records a marker. */
export function createMarker(input: MarkerInput, signal?: AbortSignal): Promise<BoundaryMarker> {
  return sendJson<BoundaryMarker>('POST', '/api/boundaries/markers', input, signal)
}

/** Replaces a marker's fields, edited from `version`; a stale version answers 409 with the stored marker in `current`. */
export function updateMarker(id: number, input: Omit<MarkerInput, 'lineId'>, version: number, signal?: AbortSignal): Promise<BoundaryMarker> {
  return sendJson<BoundaryMarker>('PUT', `/api/boundaries/markers/${id}`, { ...input, version }, signal)
}

/** The inspections of a line. */
export async function fetchInspections(lineId: number, signal?: AbortSignal): Promise<BoundaryInspection[]> {
  return (await getJson<{ inspections: BoundaryInspection[] }>(withQuery('/api/boundaries/inspections', { lineId }), signal)).inspections
}

/** One inspection with its findings and documents. */
export function fetchInspection(id: number, signal?: AbortSignal): Promise<BoundaryInspectionDetail> {
  return getJson<BoundaryInspectionDetail>(`/api/boundaries/inspections/${id}`, signal)
}

/** Records an inspection; findings with a marker and condition update the marker's condition. */
export function createInspection(input: InspectionInput, signal?: AbortSignal): Promise<BoundaryInspection> {
  return sendJson<BoundaryInspection>('POST', '/api/boundaries/inspections', input, signal)
}

/** Replaces an inspection (recording it done, say), edited from `version`. */
export function updateInspection(id: number, input: Omit<InspectionInput, 'lineId'>, version: number, signal?: AbortSignal): Promise<BoundaryInspection> {
  return sendJson<BoundaryInspection>('PUT', `/api/boundaries/inspections/${id}`, { ...input, version }, signal)
}

/** The custodies of a line. */
export async function fetchCustodies(lineId: number, signal?: AbortSignal): Promise<BoundaryCustody[]> {
  return (await getJson<{ custodies: BoundaryCustody[] }>(withQuery('/api/boundaries/custodies', { lineId }), signal)).custodies
}

/** One custody with its patrol log. */
export function fetchCustody(id: number, signal?: AbortSignal): Promise<BoundaryCustodyDetail> {
  return getJson<BoundaryCustodyDetail>(`/api/boundaries/custodies/${id}`, signal)
}

/** Entrusts a segment of a line to a custodian. */
export function createCustody(input: CustodyInput, signal?: AbortSignal): Promise<BoundaryCustody> {
  return sendJson<BoundaryCustody>('POST', '/api/boundaries/custodies', input, signal)
}

/** Replaces a custody, edited from `version`. */
export function updateCustody(id: number, input: Omit<CustodyInput, 'lineId'>, version: number, signal?: AbortSignal): Promise<BoundaryCustody> {
  return sendJson<BoundaryCustody>('PUT', `/api/boundaries/custodies/${id}`, { ...input, version }, signal)
}

/** Adds a patrol to a custody's log. */
export function recordPatrol(custodyId: number, input: { patrolledOn: string; patroller: string; findings: string }, signal?: AbortSignal): Promise<Patrol> {
  return sendJson<Patrol>('POST', `/api/boundaries/custodies/${custodyId}/patrols`, input, signal)
}

/** Reports damage to a marker. */
export function reportDamage(
  input: { markerId: number; custodyId: number | null; reportedAt: string; reportedBy: string; condition: MarkerCondition; description: string },
  signal?: AbortSignal,
): Promise<DamageReport> {
  return sendJson<DamageReport>('POST', '/api/boundaries/damage-reports', input, signal)
}

/** The damage reports of a marker or custody; `open` only those not yet acted on. */
export async function fetchDamageReports(params: { markerId?: number; custodyId?: number; open?: boolean }, signal?: AbortSignal): Promise<DamageReport[]> {
  return (await getJson<{ damageReports: DamageReport[] }>(withQuery('/api/boundaries/damage-reports', params), signal)).damageReports
}

/** Records the action taken on a damage report. */
export function recordDamageAction(id: number, actionTaken: string, signal?: AbortSignal): Promise<DamageReport> {
  return sendJson<DamageReport>('POST', `/api/boundaries/damage-reports/${id}/action`, { actionTaken }, signal)
}

/** What an archive document belongs to. */
export type DocumentOwner = { lineId: number } | { markerId: number } | { inspectionId: number } | { divisionEventId: number }

/** The documents of a line, marker, inspection or division change. */
export async function fetchDocuments(owner: DocumentOwner, signal?: AbortSignal): Promise<BoundaryDocument[]> {
  return (await getJson<{ documents: BoundaryDocument[] }>(withQuery('/api/boundaries/documents', owner), signal)).documents
}

/** Adds a document to the archives: the file is the body, its type the content type. */
export function uploadDocument(
  owner: DocumentOwner,
  meta: { docType: DocumentType; title: string; retentionYears: number | null },
  file: File,
  signal?: AbortSignal,
): Promise<BoundaryDocument> {
  const path = withQuery('/api/boundaries/documents', {
    ...owner,
    docType: meta.docType,
    title: meta.title,
    filename: file.name || undefined,
    retentionYears: meta.retentionYears ?? undefined,
  })
  return sendFile<BoundaryDocument>(path, file, file.type || 'application/octet-stream', signal)
}

/** The link to a document's file (refused with 403 for callers without access). */
export function documentContentUrl(id: number): string {
  return `/api/boundaries/documents/${id}/content`
}

/** The dashboard; `today` overrides the server's date, for tests. */
export function fetchDashboard(today?: string, signal?: AbortSignal): Promise<BoundaryDashboard> {
  return getJson<BoundaryDashboard>(withQuery('/api/boundaries/dashboard', { today }), signal)
}

/** What a boundary import holds. */
export type BoundaryImportKind = 'lines' | 'markers'

/** The file formats a boundary import reads. */
export const BOUNDARY_IMPORT_FORMATS = ['geojson', 'csv', 'xlsx', 'shapefile'] as const

/** A file format of a boundary import. */
export type BoundaryImportFormat = (typeof BOUNDARY_IMPORT_FORMATS)[number]

/** One thing wrong with a boundary import: its row (1 for the first data row; 0 for the whole file) and field. */
export type BoundaryImportProblem = Static<typeof BoundaryImportProblemSchema>

/** What a boundary import did, or (dry run) would do. */
export type BoundaryImportOutcome = Static<typeof BoundaryImportOutcomeSchema>

const IMPORT_MEDIA_TYPES: Record<BoundaryImportFormat, string> = {
  geojson: 'application/geo+json',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  shapefile: 'application/zip',
}

/** The format a file's extension suggests; `null` when it suggests none the import reads. */
export function importFormatOf(filename: string): BoundaryImportFormat | null {
  const extension = /\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase()
  if (extension === 'geojson' || extension === 'json') return 'geojson'
  if (extension === 'csv') return 'csv'
  if (extension === 'xlsx') return 'xlsx'
  if (extension === 'zip' || extension === 'shp') return 'shapefile'
  return null
}

/**
 * Sends a file of lines or markers. A dry run stores nothing and lists every
 * problem by row and field; a real run stores every row or none. Without
 * `crs` a Shapefile's .prj names the coordinate system (other files are WGS84).
 */
export function importBoundaries(
  file: File,
  options: { kind: BoundaryImportKind; format: BoundaryImportFormat; crs: CoordinateSystemId | undefined; dryRun: boolean },
  signal?: AbortSignal,
): Promise<BoundaryImportOutcome> {
  const path = withQuery('/api/boundaries/imports', options)
  return sendFile<BoundaryImportOutcome>(path, file, IMPORT_MEDIA_TYPES[options.format], signal)
}
