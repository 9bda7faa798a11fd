import { geodesicDistanceM } from '../../geo/geodesic-length.ts'
import type { WalkWayAttributes } from '../../geo/osm-walk-rules.ts'
import type { OsmExtract } from './collect-osm-extract.ts'

/** One edge of the imported walk network: a stretch of one way between two network nodes. */
export interface OsmWalkEdge extends WalkWayAttributes {
  osmWayId: number
  /** OSM node ids of the two ends. */
  sourceNode: number
  targetNode: number
  lengthM: number
  /** [lng, lat] points, consecutive repeats removed. */
  coordinates: [number, number][]
}

/** The figures reported for an imported walk network. */
export interface WalkNetworkFigures {
  edgeCount: number
  totalLengthM: number
  /** Distinct edge ends. */
  nodeCount: number
  componentCount: number
  largestComponent: { edgeCount: number; lengthM: number; nodeCount: number }
  /** Node ids of walkable ways that the file does not hold (ways cut at the export box). */
  missingNodeRefs: number
}

export interface OsmWalkNetwork {
  figures: WalkNetworkFigures
  /** The edges, built one at a time from the compact arrays. */
  edges(): Generator<OsmWalkEdge>
}

class GrowingArray<T extends Float64Array | Uint32Array | Int32Array> {
  count = 0
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}

  push(value: number): void {
    if (this.count === this.data.length) {
      const grown = this.make(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.count++] = value
  }
}

function findRoot(parent: Int32Array, node: number): number {
  let root = node
  while (parent[root] !== root) root = parent[root]!
  while (parent[node] !== root) {
    const next = parent[node]!
    parent[node] = root
    node = next
  }
  return root
}

/**
 * Splits the walkable ways into network edges: a way is cut at every node
 * that walkable ways use two or more times (shared by two ways, or crossed
 * twice by one) and at its ends; where the file lacks some of a way's
 * nodes, the way is cut there too and the missing stretch left out.
 * Consecutive repeats of a node are dropped. Lengths are geodesic on the
 * WGS84 ellipsoid. The figures (edges, length, nodes, largest connected
 * component) are computed here, once; edges are materialised on demand.
 */
export function buildWalkNetwork(extract: OsmExtract): OsmWalkNetwork {
  const { nodes, ways } = extract
  const refIndex = new Int32Array(ways.refs.length)
  let missingNodeRefs = 0
  for (let i = 0; i < ways.refs.length; i++) {
    refIndex[i] = nodes.indexOf(ways.refs[i]!)
    if (refIndex[i]! < 0) missingNodeRefs++
  }
  const uses = new Uint8Array(nodes.count)
  for (let w = 0; w < ways.count; w++) {
    const end = ways.starts[w + 1]!
    let previous = -1
    for (let p = ways.starts[w]!; p < end; p++) {
      const node = refIndex[p]!
      if (node < 0) {
        previous = -1
        continue
      }
      const runEnd = p + 1 === end || refIndex[p + 1]! < 0
      if (node === previous) {
        if (runEnd) uses[node] = 2
        continue
      }
      uses[node] = previous < 0 || runEnd ? 2 : Math.min(2, uses[node]! + 1)
      previous = node
    }
  }

  const edgeWay = new GrowingArray(new Uint32Array(1024), (n) => new Uint32Array(n))
  const edgeFrom = new GrowingArray(new Uint32Array(1024), (n) => new Uint32Array(n))
  const edgeTo = new GrowingArray(new Uint32Array(1024), (n) => new Uint32Array(n))
  const edgeLength = new GrowingArray(new Float64Array(1024), (n) => new Float64Array(n))
  const parent = new Int32Array(nodes.count).map((_, i) => i)
  const isEnd = new Uint8Array(nodes.count)
  let totalLengthM = 0
  for (let w = 0; w < ways.count; w++) {
    const end = ways.starts[w + 1]!
    let start = -1
    let lengthM = 0
    let last = -1
    for (let p = ways.starts[w]!; p < end; p++) {
      const node = refIndex[p]!
      if (node < 0) {
        start = -1
        last = -1
        continue
      }
      if (start < 0) {
        start = p
        last = node
        lengthM = 0
        continue
      }
      if (node === last) continue
      lengthM += geodesicDistanceM(nodes.lonAt(last), nodes.latAt(last), nodes.lonAt(node), nodes.latAt(node))
      last = node
      if (uses[node]! < 2) continue
      const source = refIndex[start]!
      edgeWay.push(w)
      edgeFrom.push(start)
      edgeTo.push(p)
      edgeLength.push(lengthM)
      totalLengthM += lengthM
      isEnd[source] = 1
      isEnd[node] = 1
      const a = findRoot(parent, source)
      const b = findRoot(parent, node)
      if (a !== b) parent[a] = b
      start = p
      lengthM = 0
    }
  }

  const edgeCount = edgeWay.count
  const componentEdges = new Map<number, { edgeCount: number; lengthM: number; nodeCount: number }>()
  for (let e = 0; e < edgeCount; e++) {
    const root = findRoot(parent, refIndex[edgeFrom.data[e]!]!)
    const component = componentEdges.get(root) ?? { edgeCount: 0, lengthM: 0, nodeCount: 0 }
    component.edgeCount++
    component.lengthM += edgeLength.data[e]!
    componentEdges.set(root, component)
  }
  let nodeCount = 0
  for (let v = 0; v < nodes.count; v++) {
    if (!isEnd[v]) continue
    nodeCount++
    componentEdges.get(findRoot(parent, v))!.nodeCount++
  }
  let largest = { edgeCount: 0, lengthM: 0, nodeCount: 0 }
  for (const component of componentEdges.values()) if (component.edgeCount > largest.edgeCount || (component.edgeCount === largest.edgeCount && component.lengthM > largest.lengthM)) largest = component

  return {
    figures: { edgeCount, totalLengthM, nodeCount, componentCount: componentEdges.size, largestComponent: largest, missingNodeRefs },
    *edges() {
      for (let e = 0; e < edgeCount; e++) {
        const w = edgeWay.data[e]!
        const from = edgeFrom.data[e]!
        const to = edgeTo.data[e]!
        const coordinates: [number, number][] = []
        let last = -1
        for (let p = from; p <= to; p++) {
          const node = refIndex[p]!
          if (node === last) continue
          coordinates.push([nodes.lonAt(node), nodes.latAt(node)])
          last = node
        }
        yield {
          ...ways.attributes[w]!,
          osmWayId: ways.osmIds[w]!,
          sourceNode: nodes.idAt(refIndex[from]!),
          targetNode: nodes.idAt(refIndex[to]!),
          lengthM: edgeLength.data[e]!,
          coordinates,
        }
      }
    },
  }
}
