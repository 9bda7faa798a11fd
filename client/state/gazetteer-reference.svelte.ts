import { fetchPlaceCategories, type PlaceCategory } from '../api/gazetteer-places.ts'
import type { DivisionCollection, DivisionProperties } from '../api/layers.ts'
import type { RequestStatus } from './coverage-analysis.svelte.ts'
import { describeError, type LoadError } from './load-error.ts'

/** A division as the gazetteer's filters and records name it. */
export type DivisionEntry = Pick<DivisionProperties, 'code' | 'name' | 'level' | 'parentCode'>

/**
 * What the gazetteer's pages look names up in: the categories of place
 * names (loaded once) and the district's divisions (from the map's data).
 */
export class GazetteerReference {
  categories = $state.raw<PlaceCategory[]>([])
  status = $state<RequestStatus>('idle')
  failure = $state.raw<LoadError | null>(null)
  divisions = $state.raw<DivisionEntry[]>([])

  #byCode = $derived(new Map(this.divisions.map((division) => [division.code, division])))

  /** Loads the categories, once. */
  async load(signal?: AbortSignal): Promise<void> {
    if (this.status === 'ready' || this.status === 'loading') return
    this.status = 'loading'
    try {
      this.categories = await fetchPlaceCategories(signal)
      this.status = 'ready'
    } catch (error) {
      if (signal?.aborted) {
        this.status = 'idle'
        return
      }
      this.status = 'failed'
      this.failure = describeError('gazetteer.categories.failed', error)
    }
  }

  /** Takes the district's divisions, sub-districts before communities, each in name order. */
  useDivisions(collection: DivisionCollection | null): void {
    const order = { district: 0, subdistrict: 1, community: 2 } as const
    this.divisions = (collection?.features ?? [])
      .map(({ properties: { code, name, level, parentCode } }) => ({ code, name, level, parentCode }))
      .sort((a, b) => order[a.level] - order[b.level] || a.name.localeCompare(b.name, 'zh-CN'))
  }

  /** A division's name, or its code when the district has no such division. */
  divisionName(code: string): string {
    return this.#byCode.get(code)?.name ?? code
  }

  /** A category's name in the UI language, or its id when unknown. */
  categoryName(id: string, lang: string): string {
    const category = this.categories.find((entry) => entry.id === id)
    if (!category) return id
    return lang === 'en' ? category.nameEn : category.nameZh
  }
}
