import { MARKER_CONDITIONS, type BoundaryInspectionDetail, type InspectionInput, type MarkerCondition } from '../../api/boundaries.ts'

/** A finding as its editor holds it: at a marker (`markerId`), or along a segment when `markerId` is empty. */
export interface FindingRow {
  markerId: string
  segment: string
  condition: MarkerCondition | ''
  finding: string
  actionTaken: string
}

/** An empty finding row, at `markerId` or (empty) along a segment. */
export function emptyFinding(markerId = ''): FindingRow {
  return { markerId, segment: '', condition: '', finding: '', actionTaken: '' }
}

/** The editor rows of stored findings; a condition the editor does not offer is dropped. */
export function findingRowsOf(findings: BoundaryInspectionDetail['findings']): FindingRow[] {
  return findings.map((finding) => ({
    markerId: finding.markerId === null ? '' : String(finding.markerId),
    segment: finding.segment,
    condition: MARKER_CONDITIONS.find((condition) => condition === finding.condition) ?? '',
    finding: finding.finding,
    actionTaken: finding.actionTaken,
  }))
}

/** The index of the first row placed neither at a marker nor along a named segment, or -1. */
export function unplacedFinding(rows: readonly FindingRow[]): number {
  return rows.findIndex((row) => row.markerId === '' && row.segment.trim() === '')
}

/** The findings to send; a condition is kept only for a finding at a marker. */
export function findingInputsOf(rows: readonly FindingRow[]): InspectionInput['findings'] {
  return rows.map((row) => ({
    markerId: row.markerId === '' ? null : Number(row.markerId),
    segment: row.segment.trim(),
    condition: row.markerId === '' || row.condition === '' ? null : row.condition,
    finding: row.finding.trim(),
    actionTaken: row.actionTaken.trim(),
  }))
}

/** The parties typed in one input, split at newlines, commas, enumeration commas and semicolons. */
export function partiesOf(text: string): string[] {
  return text
    .split(/[\n,，、;；]/)
    .map((party) => party.trim())
    .filter(Boolean)
}
