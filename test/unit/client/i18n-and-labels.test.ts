import { describe, expect, it } from 'vitest'
import { booleanPointInPolygon } from '@turf/turf'
import type { Polygon } from 'geojson'
import { catalogues, formatMessage } from '../../../client/i18n/catalogues.ts'
import { labelPoint } from '../../../client/map/label-points.ts'

describe('UI strings', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    const zh = Object.keys(catalogues['zh-CN']).sort()
    const en = Object.keys(catalogues.en).sort()
    expect(en).toEqual(zh)
    for (const [lang, messages] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(messages)) expect(String(text).trim(), `${lang} ${key}`).not.toBe('')
    }
  })

  it('keep Chinese as Chinese: the default catalogue uses Han characters for facility fields', () => {
    const zh = catalogues['zh-CN'] as Record<string, string>
    expect(zh['field.floorAreaM2']).toMatch(/建筑面积/)
    expect(zh['field.households']).toMatch(/户/)
  })

  it('fill placeholders and leave unknown ones', () => {
    expect(formatMessage('无法加载{what}（HTTP {status}）', { what: '设施', status: 503 })).toBe('无法加载设施（HTTP 503）')
    expect(formatMessage('{a} and {b}', { a: 1 })).toBe('1 and {b}')
  })
})

describe('labelPoint', () => {
  it('puts the label inside an L-shaped polygon whose centroid lies outside', () => {
    const lShape: Polygon = {
      type: 'Polygon',
      coordinates: [[[0, 0], [10, 0], [10, 1], [1, 1], [1, 10], [0, 10], [0, 0]]],
    }
    const point = labelPoint(lShape)!
    expect(booleanPointInPolygon(point, lShape)).toBe(true)
  })

  it('returns null for a degenerate ring', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] })).toBeNull()
  })
})
