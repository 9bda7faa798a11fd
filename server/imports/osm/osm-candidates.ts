import type { Feature, FeatureCollection, Point, Polygon } from 'geojson'
import type { OsmFacilityCandidate, OsmResidentialArea } from './collect-osm-extract.ts'
import type { NodeStore } from './node-store.ts'

/**
 * What an OSM file suggests besides its streets, as files for people to
 * check and complete before importing them: facilities its tags name
 * (headers 名称, 类型 as the facility import reads them) and residential
 * areas as compound outlines (小区名称, with 户数 left empty: OSM has no
 * household counts, and a compound cannot be imported without one).
 */
export interface OsmCandidateFiles {
  facilities: FeatureCollection<Point>
  compounds: FeatureCollection<Polygon>
}

export function osmCandidateFiles(nodes: NodeStore, facilities: readonly OsmFacilityCandidate[], areas: readonly OsmResidentialArea[]): OsmCandidateFiles {
  const facilityFeatures: Feature<Point>[] = facilities.map((f) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: f.position },
    properties: { 名称: f.name, 类型: f.kind, 来源: `OpenStreetMap ${f.osmType}/${f.osmId}` },
  }))
  const compoundFeatures: Feature<Polygon>[] = []
  for (const area of areas) {
    const ring: [number, number][] = []
    for (const ref of area.refs) {
      const index = nodes.indexOf(ref)
      if (index < 0) break
      ring.push([nodes.lonAt(index), nodes.latAt(index)])
    }
    // An outline with a node the extract cut off is left out rather than drawn wrong.
    if (ring.length !== area.refs.length || ring.length < 4) continue
    compoundFeatures.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [ring] },
      properties: { 小区名称: area.name, 户数: null, 来源: `OpenStreetMap way/${area.osmId}` },
    })
  }
  return { facilities: { type: 'FeatureCollection', features: facilityFeatures }, compounds: { type: 'FeatureCollection', features: compoundFeatures } }
}
