import { describe, expect, it } from 'vitest'
import type { DoorPlate } from '../../../client/api/gazetteer-door-plates.ts'
import type { ProtectedName } from '../../../client/api/gazetteer-protected-names.ts'
import type { PlaceSign } from '../../../client/api/gazetteer-signs.ts'
import type { DivisionCollection } from '../../../client/api/layers.ts'
import { ApiError, staleCurrent } from '../../../client/api/http.ts'
import { catalogues, formatMessage, type MessageKey } from '../../../client/i18n/catalogues.ts'
import { assetPointFeatures } from '../../../client/map/asset-point-features.ts'
import { protectionLevelText, signConditionText, signTypeText } from '../../../client/components/gazetteer/gazetteer-text.ts'
import { PlaceAssetEditing } from '../../../client/state/place-asset-editing.svelte.ts'
import {
  communitiesOf,
  defaultSignType,
  formatLngLat,
  isDoorNumber,
  plateFormOf,
  plateInput,
  problemField,
  protectionFormOf,
  protectionInput,
  roundLngLat,
  signFormOf,
  signInput,
} from '../../../client/state/place-asset-forms.ts'

const ROAD = { id: 7, category: 'transport-facilities', standardName: '南塔街', romanization: 'Nanta Jie', status: 'current' }
const STAMPS = { version: 3, createdAt: '2024-01-01T00:00:00.000Z', updatedAt: '2024-02-01T00:00:00.000Z' }

const sign: PlaceSign = {
  id: 11,
  placeId: 7,
  place: ROAD,
  signType: 'street',
  textZh: '南塔街',
  textPinyin: 'NANTA JIE',
  location: { lng: 123.41, lat: 41.72 },
  material: '搪瓷',
  installedOn: '2020-05-01',
  condition: 'damaged',
  lastInspectedOn: null,
  note: '被车撞弯',
  photoCount: 2,
  ...STAMPS,
}

const plate: DoorPlate = {
  id: 21,
  roadPlaceId: 7,
  road: ROAD,
  number: '12-1',
  building: '3',
  unit: '',
  room: '501',
  communityCode: '210102001001',
  communityName: '南塔社区',
  location: { lng: 123.42, lat: 41.73 },
  status: 'current',
  standardAddress: '演示区北陵街道南塔社区南塔街12-1号3栋501室',
  validCertificate: null,
  ...STAMPS,
}

const t = (key: MessageKey, params?: Record<string, string | number>) => formatMessage(catalogues['zh-CN'][key], params)

describe('the protection-entry form', () => {
  it('starts a new entry at county level with nothing else, and an edit from the entry', () => {
    expect(protectionFormOf(null)).toEqual({ level: 'county', batch: '', listedOn: '', valueStatement: '', measures: '' })
    const entry: ProtectedName = {
      id: 4,
      placeId: 7,
      place: ROAD,
      level: 'municipal',
      batch: '第一批',
      listedOn: null,
      valueStatement: '明清古街',
      measures: '',
      ...STAMPS,
    }
    expect(protectionFormOf(entry)).toEqual({ level: 'municipal', batch: '第一批', listedOn: '', valueStatement: '明清古街', measures: '' })
  })

  it('sends the batch and texts trimmed and an empty date as null', () => {
    expect(protectionInput({ level: 'provincial', batch: ' 第二批 ', listedOn: '', valueStatement: ' 古道 \n', measures: '设标志' })).toEqual({
      level: 'provincial',
      batch: '第二批',
      listedOn: null,
      valueStatement: '古道',
      measures: '设标志',
    })
    expect(protectionInput({ ...protectionFormOf(null), listedOn: '2021-06-10' }).listedOn).toBe('2021-06-10')
  })
})

describe('the sign form', () => {
  const place = { standardName: '南塔街', romanization: 'Nanta Jie', category: 'transport-facilities', featureType: '道路' }

  it('starts a new sign with the place’s name and romanization, in good condition, of the kind the place suggests', () => {
    expect(signFormOf(null, place)).toEqual({
      signType: 'road',
      textZh: '南塔街',
      textPinyin: 'Nanta Jie',
      material: '',
      installedOn: '',
      condition: 'good',
      lastInspectedOn: '',
      note: '',
    })
    expect(defaultSignType({ category: 'transport-facilities', featureType: '桥梁' })).toBe('bridge')
    expect(defaultSignType({ category: 'settlements', featureType: '住宅小区' })).toBe('other')
  })

  it('edits a stored sign from its values, dates that are not set as empty inputs', () => {
    expect(signFormOf(sign, place)).toEqual({
      signType: 'street',
      textZh: '南塔街',
      textPinyin: 'NANTA JIE',
      material: '搪瓷',
      installedOn: '2020-05-01',
      condition: 'damaged',
      lastInspectedOn: '',
      note: '被车撞弯',
    })
  })

  it('sends texts trimmed, empty dates as null, the location given, and no pinyin when it is blank', () => {
    const form = { ...signFormOf(sign, place), textZh: ' 南塔街 ', textPinyin: '  ', lastInspectedOn: '2024-10-08' }
    const input = signInput(form, { lng: 1, lat: 2 })
    expect(input).toEqual({
      signType: 'street',
      textZh: '南塔街',
      location: { lng: 1, lat: 2 },
      material: '搪瓷',
      installedOn: '2020-05-01',
      condition: 'damaged',
      lastInspectedOn: '2024-10-08',
      note: '被车撞弯',
    })
    expect('textPinyin' in input, 'the server then takes the place’s romanization').toBe(false)
    expect(signInput({ ...form, installedOn: '' }, null)).toMatchObject({ installedOn: null, location: null })
    expect(signInput(signFormOf(null, place), null).textPinyin).toBe('Nanta Jie')
  })
})

describe('the door-plate form', () => {
  it('takes numbers as the server does: digits, or digits, a hyphen and digits', () => {
    for (const number of ['12', '12-1', '0', ' 8 ', '1234567890']) expect(isDoorNumber(number), number).toBe(true)
    for (const number of ['', '12a', '12-', '-1', '12-1-2', '12－1', '１２', '1'.repeat(21)]) expect(isDoorNumber(number), number).toBe(false)
  })

  it('edits a plate from its parts and community, and starts a new one empty', () => {
    expect(plateFormOf(plate)).toEqual({ number: '12-1', building: '3', unit: '', room: '501', communityCode: '210102001001' })
    expect(plateFormOf({ ...plate, communityCode: null })).toMatchObject({ communityCode: '' })
    expect(plateFormOf(null)).toEqual({ number: '', building: '', unit: '', room: '', communityCode: '' })
  })

  it('sends the road, the parts trimmed and the location, leaving the community to the server when none is chosen', () => {
    const input = plateInput({ number: ' 88 ', building: '2 ', unit: '1', room: '', communityCode: '' }, 7, { lng: 1, lat: 2 })
    expect(input).toEqual({ roadPlaceId: 7, number: '88', building: '2', unit: '1', room: '', location: { lng: 1, lat: 2 } })
    expect('communityCode' in input).toBe(false)
    expect(plateInput(plateFormOf(plate), 7, null)).toMatchObject({ communityCode: '210102001001', location: null })
  })

  it('offers the communities among the divisions, by code', () => {
    const division = (code: string, name: string, level: 'district' | 'subdistrict' | 'community') => ({
      type: 'Feature' as const,
      geometry: { type: 'MultiPolygon' as const, coordinates: [] },
      properties: { code, name, level, parentCode: null, urbanRural: 'urban' as const, households: null, population: null, elderlyPopulation: null },
    })
    const divisions: DivisionCollection = {
      type: 'FeatureCollection',
      features: [division('210102001002', '和平社区', 'community'), division('210102000000', '演示区', 'district'), division('210102001001', '南塔社区', 'community')],
    }
    expect(communitiesOf(divisions)).toEqual([
      { code: '210102001001', name: '南塔社区' },
      { code: '210102001002', name: '和平社区' },
    ])
    expect(communitiesOf(null)).toEqual([])
  })
})

describe('the field a refusal names', () => {
  it('is read from our own checks and from the schema’s', () => {
    expect(problemField('textZh: must not be blank')).toBe('textZh')
    expect(problemField('lastInspectedOn: 2021-01-01 is before the sign was installed (2022-01-01)')).toBe('lastInspectedOn')
    expect(problemField('body/location/lat must be <= 90, body/location must be null, body/location must match a schema in anyOf')).toBe('location')
    expect(problemField('body/number must match pattern "^[0-9]+(-[0-9]+)?$"')).toBe('number')
    expect(problemField("body must have required property 'textZh'")).toBe('textZh')
  })

  it('is none when the refusal is about the whole request', () => {
    expect(problemField('door plate 5 has a valid certificate, number MP-1 (certificate 3): revoke it before retiring the plate')).toBeNull()
    expect(problemField(null)).toBeNull()
    expect(problemField('')).toBeNull()
  })
})

describe('a stale save', () => {
  it('yields what was stored, from a 409 that carries it', () => {
    const refusal = new ApiError('/api/gazetteer/signs/11', 'http', 409, undefined, 'sign 11 is at version 4, not 3', { detail: 'stale', current: { ...sign, version: 4 } })
    expect(staleCurrent<PlaceSign>(refusal)).toMatchObject({ id: 11, version: 4 })
  })

  it('yields nothing from other refusals, 409s without a stored row among them', () => {
    expect(staleCurrent(new ApiError('/x', 'http', 409, undefined, 'door plate 3 already has road 7 and number 12', { detail: '…' }))).toBeNull()
    expect(staleCurrent(new ApiError('/x', 'http', 400, undefined, 'bad', { current: { version: 2 } }))).toBeNull()
    expect(staleCurrent(new ApiError('/x', 'network', null))).toBeNull()
    expect(staleCurrent(new Error('409'))).toBeNull()
  })
})

describe('locations', () => {
  it('are kept to 7 decimals and shown to 5', () => {
    expect(roundLngLat({ lng: 123.123456789, lat: -41.000000049 })).toEqual({ lng: 123.1234568, lat: -41 })
    expect(formatLngLat({ lng: 123.4, lat: 41.712346 })).toBe('123.40000, 41.71235')
  })
})

describe('the sign or plate form open on a record page', () => {
  it('takes a map click only while it asks for one, rounded, and counts the picks', () => {
    const editing = new PlaceAssetEditing()
    editing.setPicking(true)
    expect(editing.picking, 'no form, no picking').toBe(false)

    editing.begin({ kind: 'plate', id: null }, null)
    editing.pick({ lng: 1, lat: 1 })
    expect(editing.location, 'a click before asking is ignored').toBeNull()
    editing.setPicking(true)
    editing.pick({ lng: 123.123456789, lat: 41.5 })
    expect(editing.location).toEqual({ lng: 123.1234568, lat: 41.5 })
    expect(editing.picking).toBe(false)
    expect(editing.picks).toBe(1)
    editing.pick({ lng: 0, lat: 0 })
    expect(editing.location, 'one click per request').toEqual({ lng: 123.1234568, lat: 41.5 })
  })

  it('opens one form at a time, keeps a new item’s form open once saved, and forgets the location when closed', () => {
    const editing = new PlaceAssetEditing()
    editing.begin({ kind: 'sign', id: null }, null)
    const session = editing.session
    editing.saved({ kind: 'sign', id: 11 })
    expect(editing.isOpen('sign', 11)).toBe(true)
    expect(editing.session, 'the form is not started afresh').toBe(session)

    editing.begin({ kind: 'plate', id: 21 }, { lng: 1, lat: 2 })
    expect(editing.isOpen('sign', 11)).toBe(false)
    expect(editing.isOpen('plate', 21)).toBe(true)
    expect(editing.session).toBe(session + 1)
    editing.setPicking(true)
    editing.end()
    expect([editing.open, editing.location, editing.picking]).toEqual([null, null, false])
  })
})

describe('the points on a record’s map', () => {
  const signs = [sign, { ...sign, id: 12, location: null }]
  const plates = [plate, { ...plate, id: 22, status: 'retired' }, { ...plate, id: 23, location: { lng: 5, lat: 6 } }]

  it('are the signs and current plates that have a location', () => {
    const { features } = assetPointFeatures(signs, plates, { open: null, location: null })
    expect(features.map((feature) => [feature.properties.kind, feature.properties.id, feature.geometry.coordinates])).toEqual([
      ['sign', 11, [123.41, 41.72]],
      ['plate', 21, [123.42, 41.73]],
      ['plate', 23, [5, 6]],
    ])
  })

  it('show the location being edited in place of the item edited', () => {
    const { features } = assetPointFeatures(signs, plates, { open: { kind: 'plate', id: 21 }, location: { lng: 9, lat: 9 } })
    expect(features.map((feature) => [feature.properties.kind, feature.properties.id])).toEqual([
      ['sign', 11],
      ['plate', 23],
      ['picked', 0],
    ])
    expect(assetPointFeatures([], [], { open: null, location: { lng: 9, lat: 9 } }).features, 'no form, no picked point').toEqual([])
  })
})

describe('asset words', () => {
  it('name levels, kinds and conditions in the UI language, and unknown ones as they are', () => {
    expect(protectionLevelText(t, 'national')).toBe('国家级')
    expect(signTypeText(t, 'bridge')).toBe('桥牌')
    expect(signConditionText(t, 'worn')).toBe('磨损')
    expect(signConditionText(t, 'removed')).toBe('已拆除')
    expect(signTypeText(t, 'billboard')).toBe('billboard')
  })
})
