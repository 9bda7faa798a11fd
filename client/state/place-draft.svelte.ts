import type { Geometry } from 'geojson'
import {
  fetchSimilarNames,
  type AltName,
  type AltNameKind,
  type FieldProblem,
  type PlaceFields,
  type PlaceRecord,
  type SimilarName,
} from '../api/gazetteer-places.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'

/**
 * What a place form is for: editing a stored record (its standard name and
 * status change only through cases), proposing a new place in a naming case
 * (it becomes current when approved), or a correction case (every field may
 * be put right).
 */
export type PlaceFormPurpose = 'edit' | 'naming' | 'correction'

/** How long typing a name must pause before the duplicate check asks, in milliseconds. */
export const SIMILAR_CHECK_DEBOUNCE_MS = 250

/** The fields of a record that a new one starts with. */
export function blankPlaceFields(): PlaceFields {
  return {
    category: 'transport-facilities',
    categoryCode: null,
    featureType: '',
    standardName: '',
    specificPart: '',
    genericPart: '',
    romanization: '',
    romanizationConfirmed: false,
    minorityName: '',
    meaning: '',
    history: '',
    description: '',
    sources: '',
    divisionCodes: [],
    geometry: null,
    namedOn: null,
    establishedOn: null,
    abolishedOn: null,
    status: 'current',
    registeredBy: '',
    registeringUnit: '',
    registeredOn: null,
    altNames: [],
  }
}

/** The editable fields of a stored record, without what the system keeps (id, version, code, timestamps). */
export function fieldsOfRecord(record: PlaceFields | PlaceRecord): PlaceFields {
  return {
    category: record.category,
    categoryCode: record.categoryCode,
    featureType: record.featureType,
    standardName: record.standardName,
    specificPart: record.specificPart,
    genericPart: record.genericPart,
    romanization: record.romanization,
    romanizationConfirmed: record.romanizationConfirmed,
    minorityName: record.minorityName,
    meaning: record.meaning,
    history: record.history,
    description: record.description,
    sources: record.sources,
    divisionCodes: [...record.divisionCodes],
    geometry: record.geometry,
    namedOn: record.namedOn,
    establishedOn: record.establishedOn,
    abolishedOn: record.abolishedOn,
    status: record.status,
    registeredBy: record.registeredBy,
    registeringUnit: record.registeringUnit,
    registeredOn: record.registeredOn,
    altNames: record.altNames.map((altName) => ({ ...altName })),
  }
}

/**
 * The edits made from `original` (the fields that differ in `edited`)
 * applied over `latest`, for saving again after someone else saved first:
 * their changes to fields left alone here are kept.
 */
export function reapplyPlaceEdits(original: PlaceFields, edited: PlaceFields, latest: PlaceFields): PlaceFields {
  const merged: Record<string, unknown> = { ...latest }
  for (const key of Object.keys(edited) as (keyof PlaceFields)[]) {
    if (JSON.stringify(edited[key]) !== JSON.stringify(original[key])) merged[key] = edited[key]
  }
  return merged as unknown as PlaceFields
}

/** A field path without the prefix a case puts before it (`proposal.fields.standardName` → `standardName`). */
export function placeFieldPath(path: string): string {
  return path.replace(/^proposal\.(fields\.)?/, '')
}

/**
 * A place's fields while someone edits them, for the edit form and a naming
 * or correction case: the fields (bound to the inputs), the geometry (kept
 * apart, as plain GeoJSON for the map), the problems the server found with
 * the last save, and the identical, same-sounding and same-specific names
 * the proposed name has in its scope.
 */
export class PlaceDraft {
  fields = $state<PlaceFields>(blankPlaceFields())
  geometry = $state.raw<Geometry | null>(null)
  problems = $state.raw<FieldProblem[]>([])
  similar = $state.raw<SimilarName[]>([])
  similarStatus = $state<RequestStatus>('idle')
  /** The record being edited, left out of the duplicate check; `null` for a new place. */
  readonly exceptPlaceId: number | null

  #timer: ReturnType<typeof setTimeout> | null = null
  #request: AbortController | null = null
  #checked = ''

  constructor(from: PlaceFields | null, exceptPlaceId: number | null = null) {
    this.exceptPlaceId = exceptPlaceId
    if (from) this.reset(from)
  }

  /** What the duplicate check depends on; when it changes, the check runs again. */
  readonly similarKey = $derived(
    JSON.stringify([this.fields.standardName.trim(), this.fields.specificPart.trim(), this.fields.genericPart.trim(), this.fields.divisionCodes[0] ?? '']),
  )

  /** Starts again from `from`, forgetting the problems of an earlier save. */
  reset(from: PlaceFields): void {
    const { geometry, ...rest } = fieldsOfRecord(from)
    this.fields = { ...rest, geometry: null }
    this.geometry = geometry
    this.problems = []
  }

  /** The fields as they would be saved. */
  toFields(): PlaceFields {
    const fields = $state.snapshot(this.fields) as PlaceFields
    return { ...fields, geometry: this.geometry }
  }

  /** Takes the problems the server found; `prefix`ed paths (of a case's proposal) are made plain field paths. */
  setProblems(problems: readonly FieldProblem[]): void {
    this.problems = problems.map((problem) => ({ ...problem, field: placeFieldPath(problem.field) }))
  }

  /** The messages about one field, or about anything inside it (`altNames` covers `altNames[1].validTo`). */
  problemsOf(field: string): string[] {
    return this.problems
      .filter((problem) => problem.field === field || problem.field.startsWith(`${field}[`) || problem.field.startsWith(`${field}.`))
      .map((problem) => problem.message)
  }

  /**
   * Sets the specific or generic part; the standard name follows the two
   * while it was empty or still their combination.
   */
  setPart(part: 'specificPart' | 'genericPart', value: string): void {
    const composed = this.fields.specificPart + this.fields.genericPart
    const follows = this.fields.standardName === '' || this.fields.standardName === composed
    this.fields[part] = value
    if (follows) this.fields.standardName = this.fields.specificPart + this.fields.genericPart
  }

  /** Adds an empty other name of a kind. */
  addAltName(kind: AltNameKind): void {
    const altName: AltName = { kind, name: '', romanization: '', validFrom: null, validTo: null, note: '' }
    this.fields.altNames.push(altName)
  }

  removeAltName(index: number): void {
    this.fields.altNames.splice(index, 1)
  }

  addDivision(code: string): void {
    if (code && !this.fields.divisionCodes.includes(code)) this.fields.divisionCodes.push(code)
  }

  removeDivision(code: string): void {
    this.fields.divisionCodes = this.fields.divisionCodes.filter((entry) => entry !== code)
  }

  /** Runs the duplicate check after a pause in typing, unless its answer for these names is shown already. */
  scheduleSimilarCheck(): void {
    const key = this.similarKey
    if (key === this.#checked) return
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.#checkSimilar(key)
    }, SIMILAR_CHECK_DEBOUNCE_MS)
  }

  /** Stops a pending check; for when the form goes away. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    this.#request?.abort()
  }

  async #checkSimilar(key: string): Promise<void> {
    this.#request?.abort()
    const name = this.fields.standardName.trim()
    if (name === '') {
      this.similar = []
      this.similarStatus = 'idle'
      this.#checked = key
      return
    }
    const request = new AbortController()
    this.#request = request
    this.similarStatus = 'loading'
    try {
      const found = await fetchSimilarNames(
        {
          name,
          specific: this.fields.specificPart.trim(),
          generic: this.fields.genericPart.trim(),
          division: this.fields.divisionCodes[0],
          ...(this.exceptPlaceId !== null ? { exceptPlaceId: this.exceptPlaceId } : {}),
        },
        request.signal,
      )
      if (request.signal.aborted) return
      this.similar = found
      this.similarStatus = 'ready'
      this.#checked = key
    } catch {
      if (request.signal.aborted) return
      this.similarStatus = 'failed'
    }
  }
}
