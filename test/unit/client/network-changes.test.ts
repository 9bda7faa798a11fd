import { describe, expect, it } from 'vitest'
import type { NetworkChange } from '../../../client/api/scenarios.ts'
import { whatIfBody } from '../../../client/api/coverage.ts'
import { networkChangeText } from '../../../client/components/what-if-text.ts'
import { catalogues, formatMessage } from '../../../client/i18n/catalogues.ts'
import { linkFeatures } from '../../../client/map/what-if-network-features.ts'
import {
  addLink,
  closeEdge,
  closedEdgeIds,
  describeNetworkChanges,
  newLinks,
  sameNetworkChanges,
  undoNetworkChange,
} from '../../../client/state/network-changes.ts'

const zh = (key: string, params?: Record<string, string | number>) =>
  formatMessage(catalogues['zh-CN'][key as keyof (typeof catalogues)['zh-CN']], params)
const en = (key: string, params?: Record<string, string | number>) => formatMessage(catalogues.en[key as keyof (typeof catalogues)['en']], params)

describe('network edits in the list of pending changes', () => {
  it('close an edge once, add links, and take back one edit leaving the others', () => {
    let changes: NetworkChange[] = []
    changes = closeEdge(changes, 12)
    changes = closeEdge(changes, 12)
    changes = addLink(changes, [1, 2], [3, 4])
    changes = addLink(changes, [5, 5], [5, 5])
    changes = closeEdge(changes, 40)
    changes = addLink(changes, [6, 7], [8, 9], '人行桥')
    expect(changes).toEqual([
      { op: 'close', edgeId: 12 },
      { op: 'link', lng: 1, lat: 2, toLng: 3, toLat: 4 },
      { op: 'close', edgeId: 40 },
      { op: 'link', lng: 6, lat: 7, toLng: 8, toLat: 9, name: '人行桥' },
    ])
    expect(closedEdgeIds(changes)).toEqual([12, 40])
    expect(newLinks(changes)).toEqual([
      { ordinal: 1, from: [1, 2], to: [3, 4], name: null },
      { ordinal: 2, from: [6, 7], to: [8, 9], name: '人行桥' },
    ])

    const undone = undoNetworkChange(changes, 1)
    expect(undone).toEqual([changes[0], changes[2], changes[3]])
    expect(newLinks(undone)[0]!.ordinal).toBe(1)
    expect(undoNetworkChange(changes, 9)).toEqual(changes)
  })

  it('label closed streets by name (or segment id) and links by number, in Chinese and English', () => {
    const changes: NetworkChange[] = [
      { op: 'close', edgeId: 12 },
      { op: 'close', edgeId: 40 },
      { op: 'link', lng: 1, lat: 2, toLng: 3, toLat: 4 },
    ]
    const entries = describeNetworkChanges(changes, new Map([[12, '滨河路']]))
    expect(entries.map((entry) => networkChangeText(entry, zh))).toEqual(['封闭路段：滨河路', '封闭路段：路段 40', '新增连通：连通 1'])
    expect(entries.map((entry) => networkChangeText(entry, en))).toEqual(['Close: 滨河路', 'Close: Street segment 40', 'New link: Link 1'])
  })

  it('compare lists edit by edit, a missing name counting as empty', () => {
    const a: NetworkChange[] = [{ op: 'close', edgeId: 1 }, { op: 'link', lng: 1, lat: 2, toLng: 3, toLat: 4 }]
    expect(sameNetworkChanges(a, [{ op: 'close', edgeId: 1 }, { op: 'link', lng: 1, lat: 2, toLng: 3, toLat: 4, name: '' }])).toBe(true)
    expect(sameNetworkChanges(a, [{ op: 'close', edgeId: 2 }, a[1]!])).toBe(false)
    expect(sameNetworkChanges(a, [a[1]!, a[0]!])).toBe(false)
    expect(sameNetworkChanges(a, a.slice(0, 1))).toBe(false)
  })

  it('go into what-if bodies only when there are some', () => {
    expect(whatIfBody({ kind: 'home_care', bands: undefined }, [], [])).toEqual({ kind: 'home_care', changes: [] })
    expect(whatIfBody({ kind: 'home_care' }, [], [{ op: 'close', edgeId: 3 }])).toEqual({
      kind: 'home_care',
      changes: [],
      networkChanges: [{ op: 'close', edgeId: 3 }],
    })
  })

  it('draw links as lines with both ends, and the link being placed as a draft', () => {
    const collection = linkFeatures([{ ordinal: 1, from: [0, 0], to: [1, 1] }], { from: [2, 2], to: null })
    expect(collection.features.map((f) => [f.geometry.type, f.geometry.coordinates, f.properties.draft])).toEqual([
      ['LineString', [[0, 0], [1, 1]], false],
      ['Point', [0, 0], false],
      ['Point', [1, 1], false],
      ['Point', [2, 2], true],
    ])
  })
})
