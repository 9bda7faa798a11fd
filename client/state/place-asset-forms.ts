import type { LngLat } from '../../server/schemas/gazetteer-assets.ts'
import type { DoorPlateInput, SavedDoorPlate } from '../api/gazetteer-door-plates.ts'
import { PROTECTION_LEVELS, type ProtectedName, type ProtectedNameInput, type ProtectionLevel } from '../api/gazetteer-protected-names.ts'
import type { DivisionCollection } from '../api/layers.ts'
import { SIGN_CONDITIONS, SIGN_TYPES, type PlaceSign, type SignCondition, type SignInput, type SignType } from '../api/gazetteer-signs.ts'

export type { LngLat }

/** The protection-entry form as the inputs hold it: dates as `YYYY-MM-DD` or empty. */
export interface ProtectionForm {
  level: ProtectionLevel
  batch: string
  listedOn: string
  valueStatement: string
  measures: string
}

/** The sign form as the inputs hold it, without the location (kept where the map can set it). */
export interface SignForm {
  signType: SignType
  textZh: string
  /** Empty sends nothing, so the server takes the place's romanization. */
  textPinyin: string
  material: string
  installedOn: string
  condition: SignCondition
  lastInspectedOn: string
  note: string
}

/** The door-plate form as the inputs hold it, without the location. */
export interface PlateForm {
  number: string
  building: string
  unit: string
  room: string
  /** A community's 12-digit code, or empty for the server to find it from the location. */
  communityCode: string
}

/** What a sign form starts from for a new sign: the place's name, category and romanization. */
export interface SignPlace {
  standardName: string
  romanization: string
  category: string
  featureType: string
}

/** The form for an entry: the entry's values, or a county-level entry with nothing else for a new one. */
export function protectionFormOf(entry: ProtectedName | null): ProtectionForm {
  if (!entry) return { level: 'county', batch: '', listedOn: '', valueStatement: '', measures: '' }
  return {
    level: PROTECTION_LEVELS.find((level) => level === entry.level) ?? 'county',
    batch: entry.batch,
    listedOn: entry.listedOn ?? '',
    valueStatement: entry.valueStatement,
    measures: entry.measures,
  }
}

/** The body of a protection entry: the batch trimmed, an empty date as `null`. */
export function protectionInput(form: ProtectionForm): ProtectedNameInput {
  return {
    level: form.level,
    batch: form.batch.trim(),
    listedOn: form.listedOn || null,
    valueStatement: form.valueStatement.trim(),
    measures: form.measures.trim(),
  }
}

/** The kind of sign a place most likely has: a bridge sign for a bridge, a road sign for other transport places, else "other". */
export function defaultSignType(place: Pick<SignPlace, 'category' | 'featureType'>): SignType {
  if (place.category !== 'transport-facilities') return 'other'
  return place.featureType.includes('桥') ? 'bridge' : 'road'
}

/** The form for a sign: the sign's values, or for a new one the place's name and romanization in good condition. */
export function signFormOf(sign: PlaceSign | null, place: SignPlace): SignForm {
  if (!sign) {
    return {
      signType: defaultSignType(place),
      textZh: place.standardName,
      textPinyin: place.romanization,
      material: '',
      installedOn: '',
      condition: 'good',
      lastInspectedOn: '',
      note: '',
    }
  }
  return {
    signType: SIGN_TYPES.find((type) => type === sign.signType) ?? 'other',
    textZh: sign.textZh,
    textPinyin: sign.textPinyin,
    material: sign.material,
    installedOn: sign.installedOn ?? '',
    condition: SIGN_CONDITIONS.find((condition) => condition === sign.condition) ?? 'good',
    lastInspectedOn: sign.lastInspectedOn ?? '',
    note: sign.note,
  }
}

/** The body of a sign: texts trimmed, empty dates as `null`, a blank pinyin left out (the server then takes the place's romanization). */
export function signInput(form: SignForm, location: LngLat | null): SignInput {
  const textPinyin = form.textPinyin.trim()
  return {
    signType: form.signType,
    textZh: form.textZh.trim(),
    ...(textPinyin ? { textPinyin } : {}),
    location,
    material: form.material.trim(),
    installedOn: form.installedOn || null,
    condition: form.condition,
    lastInspectedOn: form.lastInspectedOn || null,
    note: form.note.trim(),
  }
}

/** Whether a text is a door number the server takes: digits, or digits, a hyphen and digits (12, 12-1). */
export function isDoorNumber(text: string): boolean {
  return /^[0-9]+(-[0-9]+)?$/.test(text.trim()) && text.trim().length <= 20
}

/** The form for a plate: the plate's values, or empty ones for a new plate. */
export function plateFormOf(plate: Pick<SavedDoorPlate, 'number' | 'building' | 'unit' | 'room' | 'communityCode'> | null): PlateForm {
  if (!plate) return { number: '', building: '', unit: '', room: '', communityCode: '' }
  return { number: plate.number, building: plate.building, unit: plate.unit, room: plate.room, communityCode: plate.communityCode ?? '' }
}

/** The body of a plate on a road: parts trimmed, the community left out when none is chosen (the server finds it from the location). */
export function plateInput(form: PlateForm, roadPlaceId: number, location: LngLat | null): DoorPlateInput {
  return {
    roadPlaceId,
    number: form.number.trim(),
    building: form.building.trim(),
    unit: form.unit.trim(),
    room: form.room.trim(),
    ...(form.communityCode ? { communityCode: form.communityCode } : {}),
    location,
  }
}

/** A community a door plate may lie in. */
export interface Community {
  code: string
  name: string
}

/** The communities among the divisions, by code, for choosing a plate's community by hand. */
export function communitiesOf(divisions: DivisionCollection | null): Community[] {
  if (!divisions) return []
  return divisions.features
    .filter((feature) => feature.properties.level === 'community')
    .map(({ properties }) => ({ code: properties.code, name: properties.name }))
    .sort((a, b) => a.code.localeCompare(b.code))
}

/**
 * The field a 400's detail names: our own checks start with the field
 * (`textZh: must not be blank`), schema checks with its path in the body
 * (`body/location/lat must be <= 90`); `null` when it names none.
 */
export function problemField(detail: string | null | undefined): string | null {
  if (!detail) return null
  const path = /^(?:body|querystring)\/([A-Za-z]+)/.exec(detail)
  if (path) return path[1]!
  const own = /^([A-Za-z]+): /.exec(detail)
  if (own) return own[1]!
  const required = /^body must have required property '([A-Za-z]+)'/.exec(detail)
  return required ? required[1]! : null
}

/** A point rounded to 7 decimals (about a centimetre), as locations are stored. */
export function roundLngLat(point: LngLat): LngLat {
  const round = (value: number) => Math.round(value * 1e7) / 1e7
  return { lng: round(point.lng), lat: round(point.lat) }
}

/** A point in words for a form: longitude, latitude to 5 decimals (about a metre). */
export function formatLngLat(point: LngLat): string {
  return `${point.lng.toFixed(5)}, ${point.lat.toFixed(5)}`
}
