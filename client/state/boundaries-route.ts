/** A page of the boundaries view, as its part of the URL hash names it. */
export type BoundariesRoute =
  | { page: 'dashboard' }
  | { page: 'map' }
  | { page: 'lines' }
  | { page: 'line'; id: number }
  | { page: 'inspect'; lineId: number }
  | { page: 'inspection'; id: number }
  | { page: 'marker'; id: number }
  | { page: 'divisions' }

function positiveId(text: string | undefined): number | null {
  if (!text || !/^[1-9][0-9]{0,9}$/.test(text)) return null
  const id = Number(text)
  return id <= 2_147_483_647 ? id : null
}

/**
 * The page a path inside the boundaries view names: `map`, `lines`,
 * `line/3`, `line/3/inspect` (a new inspection), `inspection/7`,
 * `marker/12`, `divisions`; anything else is the dashboard.
 */
export function boundariesRouteOf(path: string): BoundariesRoute {
  const [first, second, third] = path.split(/[?&]/)[0]!.split('/')
  const id = positiveId(second)
  if (first === 'line' && id !== null) return third === 'inspect' ? { page: 'inspect', lineId: id } : { page: 'line', id }
  if (first === 'inspection' && id !== null) return { page: 'inspection', id }
  if (first === 'marker' && id !== null) return { page: 'marker', id }
  if (first === 'map' || first === 'lines' || first === 'divisions') return { page: first }
  return { page: 'dashboard' }
}

/** The path inside the boundaries view that names a page; the inverse of {@link boundariesRouteOf}. */
export function pathOfBoundariesRoute(route: BoundariesRoute): string {
  switch (route.page) {
    case 'dashboard':
      return ''
    case 'map':
    case 'lines':
    case 'divisions':
      return route.page
    case 'line':
      return `line/${route.id}`
    case 'inspect':
      return `line/${route.lineId}/inspect`
    case 'inspection':
      return `inspection/${route.id}`
    case 'marker':
      return `marker/${route.id}`
  }
}

/** The link (`href`) to a page of the boundaries view. */
export function boundariesHref(route: BoundariesRoute): string {
  const path = pathOfBoundariesRoute(route)
  return path ? `#boundaries/${path}` : '#boundaries'
}
