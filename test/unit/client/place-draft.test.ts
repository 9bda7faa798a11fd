import { describe, expect, it } from 'vitest'
import type { PlaceFields } from '../../../client/api/gazetteer-places.ts'
import { blankPlaceFields, placeFieldPath, reapplyPlaceEdits } from '../../../client/state/place-draft.svelte.ts'

function fields(changes: Partial<PlaceFields>): PlaceFields {
  return {
    ...blankPlaceFields(),
    standardName: '景兴街',
    specificPart: '景兴',
    genericPart: '街',
    romanization: 'Jingxing Jie',
    divisionCodes: ['210102001001'],
    ...changes,
  }
}

describe('reapplying an edit over a version saved meanwhile', () => {
  it('keeps their changes to fields left alone here and puts mine on top', () => {
    const original = fields({ meaning: '取景色兴旺之意' })
    const mine = fields({ meaning: '取景色兴盛之意' })
    const theirs = fields({ meaning: '取景色兴旺之意', history: '2026 年新建', divisionCodes: ['210102001001', '210102001002'] })
    expect(reapplyPlaceEdits(original, mine, theirs)).toEqual(fields({ meaning: '取景色兴盛之意', history: '2026 年新建', divisionCodes: ['210102001001', '210102001002'] }))
  })

  it('lets my edit win where both changed a field', () => {
    const merged = reapplyPlaceEdits(fields({ description: '旧' }), fields({ description: '我的' }), fields({ description: '他们的' }))
    expect(merged.description).toBe('我的')
  })

  it('compares lists, other names and geometries by value, not by identity', () => {
    const original = fields({ altNames: [{ kind: 'alias', name: '景兴路', romanization: '', validFrom: null, validTo: null, note: '' }] })
    const copied = structuredClone(original)
    const theirs = fields({ altNames: [], geometry: { type: 'Point', coordinates: [123.4, 41.8] } })
    const merged = reapplyPlaceEdits(original, copied, theirs)
    expect(merged.altNames, 'an untouched copy of the list is no edit').toEqual([])
    expect(merged.geometry).toEqual({ type: 'Point', coordinates: [123.4, 41.8] })

    const drawn = { ...copied, geometry: { type: 'LineString' as const, coordinates: [[123.4, 41.8], [123.5, 41.8]] } }
    expect(reapplyPlaceEdits(original, drawn, theirs).geometry).toEqual(drawn.geometry)
  })

  it('leaves the three records it is given as they were', () => {
    const original = fields({})
    const mine = fields({ meaning: '新' })
    const theirs = fields({ history: '旧事' })
    const before = structuredClone([original, mine, theirs])
    reapplyPlaceEdits(original, mine, theirs)
    expect([original, mine, theirs]).toEqual(before)
  })
})

describe('field paths of a case', () => {
  it('lose the proposal prefix a case puts before them', () => {
    expect(placeFieldPath('proposal.fields.standardName')).toBe('standardName')
    expect(placeFieldPath('proposal.effectiveOn')).toBe('effectiveOn')
    expect(placeFieldPath('altNames[1].validTo')).toBe('altNames[1].validTo')
  })
})
