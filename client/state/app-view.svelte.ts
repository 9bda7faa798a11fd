/** The views of the app: the map (home), the standards report, the gazetteer, boundaries, the datasets and their imports, and user administration. */
export type ViewName = 'map' | 'report' | 'gazetteer' | 'boundaries' | 'data' | 'admin'

const VIEWS: readonly ViewName[] = ['map', 'report', 'gazetteer', 'boundaries', 'data', 'admin']

/** The view a URL hash names: `#report` the report, `#gazetteer/…` the gazetteer, `#boundaries/…` boundaries, `#data` the datasets, `#admin` administration, anything else the map. */
export function viewOfHash(hash: string): ViewName {
  const name = hash.replace(/^#/, '').split(/[?&/]/)[0]
  return VIEWS.find((view) => view !== 'map' && view === name) ?? 'map'
}

/** What follows the view's name in a hash (`place/12` in `#gazetteer/place/12`); empty when nothing does. */
export function pathOfHash(hash: string): string {
  const rest = hash.replace(/^#/, '')
  const slash = rest.indexOf('/')
  return slash < 0 ? '' : rest.slice(slash + 1)
}

/** The hash that links to a view, and to a page inside it; the map, the home view, has none. */
export function hashOfView(view: ViewName, path = ''): string {
  if (view === 'map') return ''
  return path ? `#${view}/${path}` : `#${view}`
}

/**
 * Which view is shown, and which page inside it, kept in the URL hash so
 * that a view can be linked, reloaded and left with the browser's back
 * button.
 */
export class AppView {
  current = $state<ViewName>(viewOfHash(globalThis.location?.hash ?? ''))
  /** The page inside the view (`place/12` in `#gazetteer/place/12`); empty for the view's first page. */
  path = $state(pathOfHash(globalThis.location?.hash ?? ''))

  /** Shows a view at its first page and records it in the address bar and history. */
  show(view: ViewName): void {
    this.go(view, '')
  }

  /** Shows a page of a view and records it in the address bar and history. */
  go(view: ViewName, path: string): void {
    if (view === this.current && path === this.path) return
    this.current = view
    this.path = path
    const { pathname, search } = globalThis.location
    globalThis.history.pushState(null, '', `${pathname}${search}${hashOfView(view, path)}`)
  }

  /** Follows the hash when it changes (links, back and forward); returns the function that stops following. */
  follow(): () => void {
    const sync = () => {
      this.current = viewOfHash(globalThis.location.hash)
      this.path = pathOfHash(globalThis.location.hash)
    }
    globalThis.addEventListener('hashchange', sync)
    globalThis.addEventListener('popstate', sync)
    return () => {
      globalThis.removeEventListener('hashchange', sync)
      globalThis.removeEventListener('popstate', sync)
    }
  }
}
