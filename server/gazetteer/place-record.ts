import type { Geometry } from 'geojson'
import type { PlaceCategoryClassId } from './place-categories.ts'

/** current: in use; historical: the feature has ceased (the record stays); deprecated: the record was an error. */
export type PlaceStatus = 'current' | 'historical' | 'deprecated'
export const PLACE_STATUSES: readonly PlaceStatus[] = ['current', 'historical', 'deprecated']

/** alias (别名), short name (简称), name on maps (图上名), historical name (历史地名). */
export type AltNameKind = 'alias' | 'short' | 'map' | 'historical'
export const ALT_NAME_KINDS: readonly AltNameKind[] = ['alias', 'short', 'map', 'historical']

/** A name other than the standard name, with the span it was valid for. Dates are `YYYY-MM-DD`. */
export interface AltName {
  kind: AltNameKind
  name: string
  romanization: string
  validFrom: string | null
  validTo: string | null
  note: string
}

/**
 * What staff enter for a place: the census registration form's fields.
 * Dates are `YYYY-MM-DD` or null; division codes are 12 digits; the
 * geometry is GeoJSON in WGS84.
 */
export interface PlaceFields {
  category: PlaceCategoryClassId
  /** The 5-digit GB/T 18521 category code the registrar uses, when known; the 20-digit place code needs it. */
  categoryCode: string | null
  /** The kind of feature in plain words within the class: 道路, 桥梁, 住宅小区, 社区. */
  featureType: string
  standardName: string
  /** 专名 */
  specificPart: string
  /** 通名 */
  genericPart: string
  /** The approved romanized spelling; a generated suggestion is never stored here unconfirmed. */
  romanization: string
  /** Whether a person has confirmed `romanization` (polyphones checked). */
  romanizationConfirmed: boolean
  minorityName: string
  /** 含义 */
  meaning: string
  /** 历史沿革 */
  history: string
  description: string
  sources: string
  /** The divisions (12-digit codes) the place lies in or crosses, most specific first. */
  divisionCodes: string[]
  geometry: Geometry | null
  namedOn: string | null
  establishedOn: string | null
  abolishedOn: string | null
  status: PlaceStatus
  registeredBy: string
  registeringUnit: string
  registeredOn: string | null
  altNames: AltName[]
}

/** A stored place: its fields plus what the system keeps. */
export interface PlaceRecord extends PlaceFields {
  id: number
  /** The 20-digit place-name code, or null until the category code and a division are known. */
  placeCode: string | null
  version: number
  /** Position in the gazetteer's change order; the public "changed since" feed pages by it. */
  changeSeq: number
  /** True for the demo district's synthetic records. */
  synthetic: boolean
  createdAt: string
  updatedAt: string
}

/** A problem with one field of a place, for forms and import reports; `field` is a path such as `altNames[2].validTo`. */
export interface FieldProblem {
  field: string
  message: string
}

/** The fields a record takes when none are given, so callers can spread partial input over them. */
export function emptyPlaceFields(): PlaceFields {
  return {
    category: 'settlements',
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

/** Fields as a request or an import gives them: any may be missing, other names without their optional parts. */
export type PartialPlaceFields = Partial<Omit<PlaceFields, 'altNames'>> & {
  altNames?: (Pick<AltName, 'kind' | 'name'> & Partial<AltName>)[] | undefined
}

/** A whole record's fields from partial input: what is missing takes its empty value. */
export function completePlaceFields(input: PartialPlaceFields): PlaceFields {
  const { altNames, ...rest } = input
  const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<PlaceFields>
  return {
    ...emptyPlaceFields(),
    ...given,
    altNames: (altNames ?? []).map((a) => ({ kind: a.kind, name: a.name, romanization: a.romanization ?? '', validFrom: a.validFrom ?? null, validTo: a.validTo ?? null, note: a.note ?? '' })),
  }
}
