/** The views of the app: the map (home), the standards report, and user administration. */
export type ViewName = 'map' | 'report' | 'admin'

/** The view a URL hash names: `#report` the report, `#admin` administration, anything else the map. */
export function viewOfHash(hash: string): ViewName {
  const name = hash.replace(/^#/, '').split(/[?&/]/)[0]
  return name === 'report' || name === 'admin' ? name : 'map'
}

/** The hash that links to a view; the map, the home view, has none. */
export function hashOfView(view: ViewName): string {
  return view === 'map' ? '' : `#${view}`
}

/**
 * Which view is shown, kept in the URL hash so that a view can be linked,
 * reloaded and left with the browser's back button.
 */
export class AppView {
  current = $state<ViewName>(viewOfHash(globalThis.location?.hash ?? ''))

  /** Shows a view and records it in the address bar and history. */
  show(view: ViewName): void {
    if (view === this.current) return
    this.current = view
    const { pathname, search } = globalThis.location
    globalThis.history.pushState(null, '', `${pathname}${search}${hashOfView(view)}`)
  }

  /** Follows the hash when it changes (links, back and forward); returns the function that stops following. */
  follow(): () => void {
    const sync = () => {
      this.current = viewOfHash(globalThis.location.hash)
    }
    globalThis.addEventListener('hashchange', sync)
    globalThis.addEventListener('popstate', sync)
    return () => {
      globalThis.removeEventListener('hashchange', sync)
      globalThis.removeEventListener('popstate', sync)
    }
  }
}
