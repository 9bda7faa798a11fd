import { describe, expect, it } from 'vitest'
import type { PlaceColumnInfo } from '../../../client/api/gazetteer-imports.ts'
import { applySavedPlaceMapping, findPlaceMappingGaps, initialPlaceMapping, placeMappingToSend } from '../../../client/components/gazetteer/place-column-mapping.ts'

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
    expect(mapping).toEqual({ standardName: '', category: '', romanization: '罗马字母拼' })
    expect(placeMappingToSend(mapping, suggested)).toBeUndefined()
    expect(findPlaceMappingGaps(columns, mapping).unmapped).toEqual(['standardName', 'category'])

    const chosen = { ...mapping, standardName: 'DMMC', category: 'DMLB', romanization: '' }
    expect(placeMappingToSend(chosen, suggested), 'a recognised column switched off is sent as ""').toEqual({ standardName: 'DMMC', category: 'DMLB', romanization: '' })
    expect(findPlaceMappingGaps(columns, { ...chosen, category: 'DMMC' }).repeated).toEqual(['DMMC'])
  })

  it('applies a saved mapping to the headers the file has, keeping the fields whose saved column it lacks', () => {
    const current = { standardName: '名称', category: '', romanization: '拼音' }
    const saved = { standardName: 'DMMC', category: 'DMLB', lng: 'X' }
    expect(applySavedPlaceMapping(current, saved, columns, ['DMMC', '拼音'])).toEqual({
      mapping: { standardName: 'DMMC', category: '', romanization: '' },
      missing: ['category'],
    })
  })
})
