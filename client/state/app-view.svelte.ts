/** The views of the app: the map (home) and the standards report. */
export type ViewName = 'map' | 'report'

/** The view a URL hash names: `#report` is the report, anything else the map. */
export function viewOfHash(hash: string): ViewName {
  return hash.replace(/^#/, '').split(/[?&/]/)[0] === 'report' ? 'report' : 'map'
}

/** The hash that links to a view; the map, the home view, has none. */
export function hashOfView(view: ViewName): string {
  return view === 'report' ? '#report' : ''
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
