import { roundLngLat, type LngLat } from './place-asset-forms.ts'

/** The sign or door-plate form open on a record page: for a new one (`id` null) or a stored one. */
export type AssetEditor = { kind: 'sign'; id: number | null } | { kind: 'plate'; id: number | null }

/**
 * The sign or door-plate form open on a record page (one at a time) and
 * its location, which the form and the record's map share: the form asks
 * the map for a click, the map draws the location and sets it.
 */
export class PlaceAssetEditing {
  /** The form open, or `null` when none is. */
  open = $state.raw<AssetEditor | null>(null)
  /** The open form's location, drawn on the record's map; `null` when it has none. */
  location = $state.raw<LngLat | null>(null)
  /** Whether the next click on the record's map sets the location. */
  picking = $state(false)
  /** How many times the map set the location, for the form to come back into view after each. */
  picks = $state(0)
  /** Bumped each time a form opens, so that the form starts afresh (but not when a new item is saved and stays open). */
  session = $state(0)

  /** Opens a form, starting from a location; whatever form was open closes. */
  begin(editor: AssetEditor, location: LngLat | null): void {
    this.open = editor
    this.location = location
    this.picking = false
    this.session += 1
  }

  /** Whether this form is the one open. */
  isOpen(kind: AssetEditor['kind'], id: number | null): boolean {
    return this.open?.kind === kind && this.open.id === id
  }

  /** Keeps the form open for a stored item, as a new one becomes once saved. */
  saved(editor: AssetEditor): void {
    this.open = editor
  }

  /** Closes the form; the map forgets its location. */
  end(): void {
    this.open = null
    this.location = null
    this.picking = false
  }

  /** Waits for a click on the map (or stops waiting). */
  setPicking(picking: boolean): void {
    this.picking = picking && this.open !== null
  }

  /** Takes the point the map was clicked at as the location, if the map was asked for one. */
  pick(point: LngLat): void {
    if (!this.picking) return
    this.location = roundLngLat(point)
    this.picking = false
    this.picks += 1
  }

  clearLocation(): void {
    this.location = null
    this.picking = false
  }
}
