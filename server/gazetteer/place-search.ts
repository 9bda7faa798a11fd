import type pg from 'pg'
import { PlaceSearchIndex, type PlaceSearchHit, type PlaceSearchQuery, type SearchablePlace } from './search-index.ts'
import { readLatestChangeSeq, readSearchablePlacesAfter } from './places-repository.ts'

/** A search hit with what a result list shows of its place. */
export interface PlaceSearchItem extends PlaceSearchHit {
  standardName: string
  romanization: string
  category: SearchablePlace['category']
  status: SearchablePlace['status']
  divisionCodes: string[]
  /** Centre of the place's extent, [lng, lat], or null for a record without a location. */
  center: [number, number] | null
  bbox: [number, number, number, number] | null
}

/**
 * The gazetteer's name search: an in-memory index kept in step with the
 * database. Before each search it asks the database for the latest change
 * sequence number (one indexed lookup) and loads only the records changed
 * since, so a save by this process or any other is visible to the next
 * search, and a search never scans the table.
 */
export class PlaceSearch {
  readonly #pool: pg.Pool
  #index = new PlaceSearchIndex()
  readonly #places = new Map<number, SearchablePlace>()
  #seq = 0
  #generation = 0
  #refreshing: Promise<void> | null = null

  constructor(pool: pg.Pool) {
    this.#pool = pool
  }

  async search(query: PlaceSearchQuery): Promise<{ total: number; items: PlaceSearchItem[] }> {
    await this.refresh()
    const { total, hits } = this.#index.search(query)
    return { total, items: hits.map((hit) => this.#item(hit)) }
  }

  /** The places a search would return, without paging: for the duplicate check, which looks at every candidate. */
  async candidates(query: Omit<PlaceSearchQuery, 'limit' | 'offset'>, limit: number): Promise<PlaceSearchItem[]> {
    return (await this.search({ ...query, limit, offset: 0 })).items
  }

  /** Brings the index up to the database's latest change; concurrent callers share one load. */
  async refresh(): Promise<void> {
    while (this.#refreshing) await this.#refreshing
    const latest = await readLatestChangeSeq(this.#pool)
    if (latest.generation !== this.#generation || latest.seq < this.#seq) {
      this.#reset()
      this.#generation = latest.generation
    }
    if (latest.seq === this.#seq) return
    if (this.#refreshing) return this.refresh()
    this.#refreshing = this.#load().finally(() => (this.#refreshing = null))
    await this.#refreshing
  }

  #reset() {
    this.#index = new PlaceSearchIndex()
    this.#places.clear()
    this.#seq = 0
  }

  async #load() {
    const { places, latestSeq } = await readSearchablePlacesAfter(this.#pool, this.#seq)
    for (const place of places) {
      this.#index.upsert(place)
      this.#places.set(place.id, place)
    }
    this.#seq = latestSeq
  }

  #item(hit: PlaceSearchHit): PlaceSearchItem {
    const place = this.#places.get(hit.placeId)!
    const bbox = place.bbox
    return {
      ...hit,
      standardName: place.standardName,
      romanization: place.romanization,
      category: place.category,
      status: place.status,
      divisionCodes: place.divisionCodes,
      bbox,
      center: bbox ? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] : null,
    }
  }
}
