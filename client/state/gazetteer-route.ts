import type { CaseKind } from '../api/gazetteer-cases.ts'

/** A page of the gazetteer view, as its part of the URL hash names it. */
export type GazetteerRoute =
  | { page: 'search' }
  | { page: 'place'; id: number }
  | { page: 'edit'; id: number }
  | { page: 'cases' }
  | { page: 'case'; id: number }
  | { page: 'new'; kind: CaseKind; placeId: number | null }

const KINDS_WITH_PLACE: readonly CaseKind[] = ['renaming', 'retiring', 'correction']

function positiveId(text: string | undefined): number | null {
  if (!text || !/^[1-9][0-9]{0,9}$/.test(text)) return null
  const id = Number(text)
  return id <= 2_147_483_647 ? id : null
}

/**
 * The page a path inside the gazetteer view names: `place/12`,
 * `place/12/edit`, `cases`, `case/5`, `new` (a naming case) or
 * `new/renaming/12`; anything else is the search page.
 */
export function gazetteerRouteOf(path: string): GazetteerRoute {
  const [first, second, third] = path.split(/[?&]/)[0]!.split('/')
  if (first === 'place') {
    const id = positiveId(second)
    if (id !== null) return third === 'edit' ? { page: 'edit', id } : { page: 'place', id }
  }
  if (first === 'case') {
    const id = positiveId(second)
    if (id !== null) return { page: 'case', id }
  }
  if (first === 'cases') return { page: 'cases' }
  if (first === 'new') {
    const kind = KINDS_WITH_PLACE.find((k) => k === second)
    const placeId = positiveId(third)
    if (kind && placeId !== null) return { page: 'new', kind, placeId }
    return { page: 'new', kind: 'naming', placeId: null }
  }
  return { page: 'search' }
}

/** The path inside the gazetteer view that names a page; the inverse of {@link gazetteerRouteOf}. */
export function pathOfGazetteerRoute(route: GazetteerRoute): string {
  switch (route.page) {
    case 'search':
      return ''
    case 'place':
      return `place/${route.id}`
    case 'edit':
      return `place/${route.id}/edit`
    case 'cases':
      return 'cases'
    case 'case':
      return `case/${route.id}`
    case 'new':
      return route.kind === 'naming' || route.placeId === null ? 'new' : `new/${route.kind}/${route.placeId}`
  }
}

/** The link (`href`) to a page of the gazetteer view. */
export function gazetteerHref(route: GazetteerRoute): string {
  const path = pathOfGazetteerRoute(route)
  return path ? `#gazetteer/${path}` : '#gazetteer'
}
