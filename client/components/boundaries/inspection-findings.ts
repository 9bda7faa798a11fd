import { MARKER_CONDITIONS, type BoundaryInspectionDetail, type InspectionInput, type MarkerCondition } from '../../api/boundaries.ts'
import type { Translate } from '../gazetteer/gazetteer-text.ts'

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

/**
 * Names the first finding placed neither at a marker nor along a segment as
 * what keeps the form from being sent; false when every finding is placed.
 */
export function refuseUnplacedFinding(submission: { invalid: string | null; error: string | null }, rows: readonly FindingRow[], t: Translate): boolean {
  const unplaced = unplacedFinding(rows)
  if (unplaced < 0) return false
  submission.invalid = `findings[${unplaced}]`
  submission.error = t('boundaries.finding.placeRequired', { row: unplaced + 1 })
  return true
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
