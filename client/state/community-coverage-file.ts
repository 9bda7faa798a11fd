import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import type { CoverageReport } from '../api/coverage.ts'
import type { DivisionCollection } from '../api/layers.ts'

/** Properties of one community in the coverage file. */
export type CommunityCoverageProperties = Record<string, string | number | null>

/** The coverage of every community as a GeoJSON file, with its parameters in the top-level properties. */
export type CommunityCoverageFile = FeatureCollection<MultiPolygon, CommunityCoverageProperties> & {
  properties: Record<string, unknown>
}

/**
 * The community coverage file of a report, laid out as
 * `GET /api/coverage/communities.geojson` lays it out (the same properties,
 * per band `households_{band}`, `share_{band}` and `elderly_{band}`), for
 * reports that endpoint cannot make: those of unsaved what-if changes.
 * Community polygons come from the divisions layer.
 */
export function communityCoverageFile(
  report: CoverageReport,
  divisions: DivisionCollection,
  generatedAt: string,
): CommunityCoverageFile {
  const coverageByCode = new Map(report.divisions.map((division) => [division.code, division]))
  const { bands } = report
  const features: Feature<MultiPolygon, CommunityCoverageProperties>[] = []
  for (const feature of divisions.features) {
    if (feature.properties.level !== 'community') continue
    const coverage = coverageByCode.get(feature.properties.code)
    if (!coverage) continue
    const perBand: CommunityCoverageProperties = {}
    coverage.bands.forEach((totals, band) => {
      const value = bands.bands[band]
      perBand[`households_${value}`] = totals.households
      perBand[`share_${value}`] = totals.householdShare
      perBand[`elderly_${value}`] = totals.elderlyPopulation
    })
    features.push({
      type: 'Feature',
      id: coverage.code,
      geometry: feature.geometry,
      properties: {
        code: coverage.code,
        name: coverage.name,
        households: coverage.households,
        population: coverage.population,
        elderlyPopulation: coverage.elderlyPopulation,
        compounds: coverage.compounds,
        compoundsUnreachable: coverage.compoundsUnreachable,
        medianMinutes: coverage.medianMinutes,
        p90Minutes: coverage.p90Minutes,
        ...perBand,
      },
    })
  }
  return {
    type: 'FeatureCollection',
    properties: {
      kind: report.kind,
      mode: bands.mode,
      bands: bands.bands,
      limitsM: bands.limitsM,
      speedKmh: bands.speedKmh,
      networkVersion: report.networkVersion,
      dataVersion: report.dataVersion,
      scenario: report.scenario,
      crs: 'EPSG:4326',
      generatedAt,
    },
    features,
  }
}
