import { describe, expect, it } from 'vitest'
import type { PlaceColumnInfo } from '../../../client/api/gazetteer-imports.ts'
import type { LayerFieldInfo } from '../../../client/api/layer-imports.ts'
import { applySavedMapping, compactMapping, findMappingGaps } from '../../../client/components/column-mapping.ts'
import { layerMappingFields } from '../../../client/components/data/layer-column-mapping.ts'
import { initialPlaceMapping, placeMappingFields, placeMappingToSend } from '../../../client/components/gazetteer/place-column-mapping.ts'

const columns: PlaceColumnInfo[] = [
  { key: 'standardName', header: '标准名称', required: true, mappable: true },
  { key: 'category', header: '类别', required: true, mappable: true },
  { key: 'romanization', header: '罗马字母拼写', required: false, mappable: true },
  { key: 'lng', header: '经度', required: false, mappable: false },
]

describe('the place import dialog’s column mapping', () => {
  it('starts from what the server recognises, and sends nothing until the user changes it', () => {
    const suggested = { romanization: '罗马字母拼' }
    const mapping = initialPlaceMapping({ columns, suggested })
    const fields = placeMappingFields(columns)
    expect(mapping).toEqual({ standardName: '', category: '', romanization: '罗马字母拼' })
    expect(placeMappingToSend(mapping, suggested)).toBeUndefined()
    expect(findMappingGaps(fields, mapping).unmapped).toEqual(['standardName', 'category'])

    const chosen = { ...mapping, standardName: 'DMMC', category: 'DMLB', romanization: '' }
    expect(placeMappingToSend(chosen, suggested), 'a recognised column switched off is sent as ""').toEqual({ standardName: 'DMMC', category: 'DMLB', romanization: '' })
    expect(findMappingGaps(fields, { ...chosen, category: 'DMMC' }).repeated).toEqual(['DMMC'])
  })

  it('offers the columns the file can fill, named by their Chinese headers', () => {
    expect(placeMappingFields(columns)).toEqual([
      { key: 'standardName', label: '标准名称', required: true },
      { key: 'category', label: '类别', required: true },
      { key: 'romanization', label: '罗马字母拼写', required: false },
    ])
  })

  it('applies a saved mapping to the headers the file has, keeping the fields whose saved column it lacks', () => {
    const current = { standardName: '名称', category: '', romanization: '拼音' }
    const saved = { standardName: 'DMMC', category: 'DMLB', lng: 'X' }
    const keys = placeMappingFields(columns).map((field) => field.key)
    expect(applySavedMapping(current, saved, keys, ['DMMC', '拼音'])).toEqual({
      mapping: { standardName: 'DMMC', category: '', romanization: '' },
      missing: ['category'],
    })
  })
})

describe('the layer import dialog’s column mapping', () => {
  const fields: LayerFieldInfo[] = [
    { key: 'name', zh: '名称', en: 'Name', required: true },
    { key: 'address', zh: '地址', en: 'Address', required: false },
    { key: 'lng', zh: '经度', en: 'Longitude', required: false },
    { key: 'lat', zh: '纬度', en: 'Latitude', required: false },
  ]

  it('needs the position columns only when the file has no geometry', () => {
    const required = (hasGeometry: boolean) => layerMappingFields(fields, 'facilities', hasGeometry, 'zh-CN').filter((field) => field.required).map((field) => field.key)
    expect(required(false)).toEqual(['name', 'lng', 'lat'])
    expect(required(true)).toEqual(['name'])
    expect(layerMappingFields(fields, 'facilities', true, 'en')[1]).toEqual({ key: 'address', label: 'Address', required: false })
  })

  it('saves only the fields given a column', () => {
    expect(compactMapping({ name: '设施名称', address: '', lng: '经度' })).toEqual({ name: '设施名称', lng: '经度' })
  })
})
