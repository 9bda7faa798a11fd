import {
  classifyWalkWay,
  compoundCandidateKind,
  facilityKindOf,
  isPointOfInterest,
  type OsmFacilityKind,
  type WalkWayAttributes,
} from '../../geo/osm-walk-rules.ts'
import { NodeStore } from './node-store.ts'
import type { OsmEntity } from './osm-entities.ts'

/** A point of interest whose tags name one of the project's facility kinds. */
export interface OsmFacilityCandidate {
  osmType: 'node' | 'way'
  osmId: number
  kind: OsmFacilityKind
  name: string
  /** [lng, lat]; for a way, the mean of its nodes. */
  position: [number, number]
}

/** Counts of what an OSM file holds besides the walk network. */
export interface OsmContentCounts {
  nodesRead: number
  waysRead: number
  /** Ways with a `highway` tag. */
  highwayWays: number
  walkableWays: number
  /** Ways of a walkable class left out by their access tags. */
  closedToWalkers: number
  pointsOfInterest: number
  facilities: Record<OsmFacilityKind, number>
  compoundCandidates: { residentialLanduse: number; buildings: number }
}

/** The walkable ways of a file, compact: node ids of way `w` are `refs[starts[w]] … refs[starts[w + 1] - 1]`. */
export interface WalkableWays {
  count: number
  osmIds: Float64Array
  starts: Uint32Array
  refs: Float64Array
  attributes: WalkWayAttributes[]
}

/** A closed way tagged `landuse=residential`: a candidate compound outline, by its node ids. */
export interface OsmResidentialArea {
  osmId: number
  name: string
  refs: number[]
}

export interface OsmExtract {
  nodes: NodeStore
  ways: WalkableWays
  counts: OsmContentCounts
  facilities: OsmFacilityCandidate[]
  residentialAreas: OsmResidentialArea[]
}

function growFloat64(array: Float64Array<ArrayBuffer>, needed: number): Float64Array<ArrayBuffer> {
  if (needed <= array.length) return array
  const grown = new Float64Array(Math.max(needed, array.length * 2))
  grown.set(array)
  return grown
}

/**
 * Reads every batch of a reader once and keeps only what the walk network
 * needs: all node coordinates (compact), the node ids and attributes of
 * walkable ways, counts of points of interest and candidate compounds, the
 * facilities their tags name and the residential areas' outlines.
 * Stops with the signal's reason when it is aborted.
 */
export async function collectOsmExtract(batches: AsyncIterable<OsmEntity[]>, signal?: AbortSignal): Promise<OsmExtract> {
  const nodes = new NodeStore()
  const counts: OsmContentCounts = {
    nodesRead: 0,
    waysRead: 0,
    highwayWays: 0,
    walkableWays: 0,
    closedToWalkers: 0,
    pointsOfInterest: 0,
    facilities: { community_service: 0, home_care: 0, day_care: 0, elderly_institution: 0 },
    compoundCandidates: { residentialLanduse: 0, buildings: 0 },
  }
  const facilities: OsmFacilityCandidate[] = []
  const residentialAreas: OsmResidentialArea[] = []
  const facilityWays: { candidate: OsmFacilityCandidate; refs: number[] }[] = []
  let osmIds = new Float64Array(1024)
  let starts = new Float64Array(1024)
  let refs = new Float64Array(8192)
  let refCount = 0
  const attributes: WalkWayAttributes[] = []

  for await (const batch of batches) {
    signal?.throwIfAborted()
    for (const entity of batch) {
      if (entity.type === 'node') {
        counts.nodesRead++
        nodes.add(entity.id, entity.lon, entity.lat)
        if (!entity.tags) continue
        if (isPointOfInterest(entity.tags)) counts.pointsOfInterest++
        const kind = facilityKindOf(entity.tags)
        if (kind) {
          counts.facilities[kind]++
          facilities.push({ osmType: 'node', osmId: entity.id, kind, name: entity.tags.name ?? '', position: [entity.lon, entity.lat] })
        }
        continue
      }
      counts.waysRead++
      const { tags } = entity
      const closed = entity.refs.length >= 4 && entity.refs[0] === entity.refs[entity.refs.length - 1]
      const compound = compoundCandidateKind(tags, closed)
      if (compound === 'residential_landuse') {
        counts.compoundCandidates.residentialLanduse++
        residentialAreas.push({ osmId: entity.id, name: tags.name ?? '', refs: entity.refs })
      }
      else if (compound === 'building') counts.compoundCandidates.buildings++
      if (isPointOfInterest(tags)) counts.pointsOfInterest++
      const kind = facilityKindOf(tags)
      if (kind) {
        counts.facilities[kind]++
        facilityWays.push({ candidate: { osmType: 'way', osmId: entity.id, kind, name: tags.name ?? '', position: [NaN, NaN] }, refs: entity.refs })
      }
      if (tags.highway === undefined) continue
      counts.highwayWays++
      const walk = classifyWalkWay(tags)
      if (!walk) {
        if (classifyWalkWay({ ...tags, access: 'yes', foot: 'yes' })) counts.closedToWalkers++
        continue
      }
      if (entity.refs.length < 2) continue
      const w = attributes.length
      osmIds = growFloat64(osmIds, w + 1)
      starts = growFloat64(starts, w + 2)
      refs = growFloat64(refs, refCount + entity.refs.length)
      osmIds[w] = entity.id
      starts[w] = refCount
      for (const ref of entity.refs) refs[refCount++] = ref
      starts[w + 1] = refCount
      attributes.push(walk)
      counts.walkableWays++
    }
  }
  nodes.finish()
  for (const { candidate, refs: wayRefs } of facilityWays) {
    let lng = 0
    let lat = 0
    let n = 0
    for (const ref of wayRefs.length > 1 && wayRefs[0] === wayRefs[wayRefs.length - 1] ? wayRefs.slice(1) : wayRefs) {
      const index = nodes.indexOf(ref)
      if (index < 0) continue
      lng += nodes.lonAt(index)
      lat += nodes.latAt(index)
      n++
    }
    if (n === 0) continue
    candidate.position = [lng / n, lat / n]
    facilities.push(candidate)
  }
  const count = attributes.length
  return {
    nodes,
    ways: {
      count,
      osmIds: osmIds.slice(0, count),
      starts: Uint32Array.from(starts.subarray(0, count + 1)),
      refs: refs.slice(0, refCount),
      attributes,
    },
    counts,
    facilities,
    residentialAreas,
  }
}
