import { describe, expect, it } from 'vitest'
import { gazetteerHref, gazetteerRouteOf, pathOfGazetteerRoute, type GazetteerRoute } from '../../../client/state/gazetteer-route.ts'

describe('gazetteer routes', () => {
  it('read each page from its path', () => {
    expect(gazetteerRouteOf('')).toEqual({ page: 'search' })
    expect(gazetteerRouteOf('place/12')).toEqual({ page: 'place', id: 12 })
    expect(gazetteerRouteOf('place/12/edit')).toEqual({ page: 'edit', id: 12 })
    expect(gazetteerRouteOf('cases')).toEqual({ page: 'cases' })
    expect(gazetteerRouteOf('case/5')).toEqual({ page: 'case', id: 5 })
    expect(gazetteerRouteOf('new')).toEqual({ page: 'new', kind: 'naming', placeId: null })
    expect(gazetteerRouteOf('new/renaming/12')).toEqual({ page: 'new', kind: 'renaming', placeId: 12 })
    expect(gazetteerRouteOf('new/retiring/7')).toEqual({ page: 'new', kind: 'retiring', placeId: 7 })
    expect(gazetteerRouteOf('new/correction/7')).toEqual({ page: 'new', kind: 'correction', placeId: 7 })
  })

  it('ignore a query after the path', () => {
    expect(gazetteerRouteOf('place/12?tab=versions')).toEqual({ page: 'place', id: 12 })
    expect(gazetteerRouteOf('cases&status=draft')).toEqual({ page: 'cases' })
  })

  it('take only ids a database row can have, and send anything else to the search page', () => {
    for (const path of ['place/0', 'place/012', 'place/-3', 'place/1.5', 'place/abc', 'place/', 'place/2147483648', 'place/99999999999', 'case/x', 'unknown', 'place']) {
      expect(gazetteerRouteOf(path), path).toEqual({ page: 'search' })
    }
    expect(gazetteerRouteOf('place/2147483647')).toEqual({ page: 'place', id: 2_147_483_647 })
  })

  it('make a case that needs a place without one a naming case, as a naming case has no place', () => {
    expect(gazetteerRouteOf('new/renaming')).toEqual({ page: 'new', kind: 'naming', placeId: null })
    expect(gazetteerRouteOf('new/renaming/0')).toEqual({ page: 'new', kind: 'naming', placeId: null })
    expect(gazetteerRouteOf('new/naming/12')).toEqual({ page: 'new', kind: 'naming', placeId: null })
    expect(gazetteerRouteOf('new/bogus/12')).toEqual({ page: 'new', kind: 'naming', placeId: null })
  })

  it('write each page back to the path it was read from', () => {
    const routes: GazetteerRoute[] = [
      { page: 'search' },
      { page: 'place', id: 12 },
      { page: 'edit', id: 12 },
      { page: 'cases' },
      { page: 'case', id: 5 },
      { page: 'new', kind: 'naming', placeId: null },
      { page: 'new', kind: 'renaming', placeId: 12 },
      { page: 'new', kind: 'retiring', placeId: 3 },
      { page: 'new', kind: 'correction', placeId: 4 },
    ]
    for (const route of routes) expect(gazetteerRouteOf(pathOfGazetteerRoute(route)), JSON.stringify(route)).toEqual(route)
    expect(pathOfGazetteerRoute({ page: 'new', kind: 'naming', placeId: 12 }), 'a naming case names no place').toBe('new')
  })

  it('link into the gazetteer view from the hash', () => {
    expect(gazetteerHref({ page: 'search' })).toBe('#gazetteer')
    expect(gazetteerHref({ page: 'place', id: 12 })).toBe('#gazetteer/place/12')
    expect(gazetteerHref({ page: 'new', kind: 'retiring', placeId: 3 })).toBe('#gazetteer/new/retiring/3')
  })
})
