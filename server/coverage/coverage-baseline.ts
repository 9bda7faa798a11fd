import type pg from 'pg'
import type { SnapIndex, SnapResult } from '../geo/snap-index.ts'
import type { CompoundOnNetwork } from '../geo/coverage.ts'
import { searchFromSources, type SearchResult, type SearchSource } from '../geo/walk-search.ts'
import { readCompoundsWithGates, readDataVersion, readDivisionTree, readFacilitiesOfKind, type DivisionRow, type FacilityRow } from './coverage-repository.ts'
import type { WalkNetwork, WalkNetworkCache } from './walk-network-cache.ts'

/** A kind's facilities snapped to the network, and the search sources of those that are on it. */
export interface FacilitySources {
  rows: FacilityRow[]
  snaps: SnapResult[]
  sources: SearchSource[]
  /** The facility of each source, by source index. */
  sourceFacility: FacilityRow[]
  /** Source index of each facility, by facility id, for those on the network. */
  sourceOf: Map<number, number>
}

/** Snaps facilities to the network; those beyond `maxSnapM` get no source and say why in their snap. */
export function snapFacilities(rows: FacilityRow[], snapIndex: SnapIndex, maxSnapM: number): FacilitySources {
  const snaps = rows.map((f) => snapIndex.snap([f.lng, f.lat], maxSnapM))
  const sources: SearchSource[] = []
  const sourceFacility: FacilityRow[] = []
  const sourceOf = new Map<number, number>()
  snaps.forEach((s, i) => {
    if (!s.ok) return
    sourceOf.set(rows[i]!.id, sources.length)
    sources.push({ position: s.position, startM: s.distanceM })
    sourceFacility.push(rows[i]!)
  })
  return { rows, snaps, sources, sourceFacility, sourceOf }
}

/** Compounds with their gates snapped, their names, and the division tree: what every coverage of the same data shares. */
export interface CompoundsOnNetwork {
  compounds: CompoundOnNetwork[]
  names: string[]
  divisions: DivisionRow[]
}

/**
 * Everything coverage of one kind needs that does not depend on bands or
 * what-if changes: the snapped facilities and compounds, and one search
 * without a budget from all the kind's facilities. A what-if starts from it
 * and updates only the part of the network its changes affect.
 */
export interface KindBaseline {
  network: WalkNetwork
  dataVersion: number
  kind: string
  maxSnapM: number
  facilities: FacilitySources
  places: CompoundsOnNetwork
  search: SearchResult
}

const keptBaselines = 8

/**
 * Keeps the most recently used baselines in memory, keyed by kind and snap
 * limit, and drops any built from an older network or data version.
 */
export class BaselineCache {
  private readonly baselines = new Map<string, Promise<KindBaseline>>()
  private places: { key: string; value: Promise<CompoundsOnNetwork> } | undefined

  constructor(
    private readonly pool: pg.Pool,
    private readonly networks: WalkNetworkCache,
  ) {}

  async get(kind: string, maxSnapM: number): Promise<KindBaseline> {
    const network = await this.networks.get()
    const dataVersion = await readDataVersion(this.pool)
    const current = `${network.version}:${dataVersion}:`
    const key = `${current}${kind}:${maxSnapM}`
    let entry = this.baselines.get(key)
    if (entry) {
      this.baselines.delete(key)
    } else {
      entry = this.build(network, dataVersion, kind, maxSnapM)
      entry.catch(() => this.baselines.delete(key))
    }
    this.baselines.set(key, entry)
    for (const k of [...this.baselines.keys()]) if (!k.startsWith(current)) this.baselines.delete(k)
    while (this.baselines.size > keptBaselines) this.baselines.delete(this.baselines.keys().next().value!)
    return entry
  }

  private async build(network: WalkNetwork, dataVersion: number, kind: string, maxSnapM: number): Promise<KindBaseline> {
    const facilities = snapFacilities(await readFacilitiesOfKind(this.pool, kind), network.snapIndex, maxSnapM)
    const places = await this.compoundsOnNetwork(network, dataVersion, maxSnapM)
    const search = searchFromSources(network.graph, facilities.sources, Infinity)
    return { network, dataVersion, kind, maxSnapM, facilities, places, search }
  }

  private compoundsOnNetwork(network: WalkNetwork, dataVersion: number, maxSnapM: number): Promise<CompoundsOnNetwork> {
    const key = `${network.version}:${dataVersion}:${maxSnapM}`
    if (this.places?.key !== key) {
      const value = (async () => {
        const rows = await readCompoundsWithGates(this.pool)
        const divisions = await readDivisionTree(this.pool)
        return {
          compounds: rows.map((c) => ({ ...c, gates: c.gates.map((g) => network.snapIndex.snap(g, maxSnapM)) })),
          names: rows.map((c) => c.name),
          divisions,
        }
      })()
      value.catch(() => {
        if (this.places?.value === value) this.places = undefined
      })
      this.places = { key, value }
    }
    return this.places.value
  }
}
