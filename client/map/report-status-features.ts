import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import type { DivisionCollection } from '../api/layers.ts'
import type { StandardsReport, UnitStatus } from '../api/standards.ts'

/** Properties of a community coloured by its status in a standards report. */
export interface ReportStatusProperties {
  code: string
  name: string
  status: UnitStatus
  /** How many rules the community fails. */
  flags: number
}

/**
 * The communities of a report as polygons carrying their status, for the
 * map; communities the report does not list (or without a polygon) are left
 * out.
 */
export function reportStatusFeatures(
  divisions: DivisionCollection,
  report: StandardsReport,
): FeatureCollection<MultiPolygon, ReportStatusProperties> {
  const units = new Map(report.communities.map((unit) => [unit.code, unit]))
  const features: Feature<MultiPolygon, ReportStatusProperties>[] = []
  for (const feature of divisions.features) {
    if (feature.properties.level !== 'community') continue
    const unit = units.get(feature.properties.code)
    if (!unit || !feature.geometry) continue
    features.push({
      type: 'Feature',
      geometry: feature.geometry,
      properties: {
        code: unit.code,
        name: unit.name,
        status: unit.status,
        flags: unit.evaluations.filter((evaluation) => evaluation.status === 'fail').length,
      },
    })
  }
  return { type: 'FeatureCollection', features }
}
