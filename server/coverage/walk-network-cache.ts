import type pg from 'pg'
import { buildWalkGraph, type WalkGraph } from '../geo/walk-graph.ts'
import { SnapIndex } from '../geo/snap-index.ts'
import { readNetworkEdges } from './walk-network-repository.ts'
import { readNetworkVersion } from './coverage-repository.ts'

/** The walk graph held in memory, with its snap index and the network version it was built from. */
export interface WalkNetwork {
  version: number
  graph: WalkGraph
  snapIndex: SnapIndex
}

/**
 * Holds the walk graph in memory and rebuilds it when the network's
 * version in the database has changed since it was built.
 */
export class WalkNetworkCache {
  private current: WalkNetwork | undefined
  private building: Promise<WalkNetwork> | undefined

  constructor(private readonly pool: pg.Pool) {}

  async get(): Promise<WalkNetwork> {
    const version = await readNetworkVersion(this.pool)
    if (this.current?.version === version) return this.current
    if (!this.building) {
      this.building = (async () => {
        const graph = buildWalkGraph(await readNetworkEdges(this.pool))
        return { version, graph, snapIndex: new SnapIndex(graph) }
      })().finally(() => {
        this.building = undefined
      })
    }
    this.current = await this.building
    return this.current
  }
}
