import type { Prng } from './prng.ts'
import type { Xy } from './local-frame.ts'

/** An interval of the local frame, in metres. */
export interface Span {
  from: number
  to: number
}

/**
 * The district's skeleton in local metres: arterial lines, the expressway,
 * the river and the local-street positions, from which streets, divisions
 * and blocks are all derived so that they share exact coordinates.
 */
export interface Layout {
  width: number
  height: number
  /** x of the north–south arterials, west to east (the district edges included). */
  arterialXs: number[]
  /** y of the east–west arterials, south to north. */
  arterialYs: number[]
  expresswayX: number
  /** Half the gap left between street ends and the expressway. */
  expresswayClearance: number
  /** Arterial xs that cross the river on a road bridge, and x of the footbridge. */
  bridgeXs: number[]
  footbridgeX: number
  /** Arterial ys that cross the expressway on an overpass, and y of the footbridge over it. */
  overpassYs: number[]
  footOverpassY: number
  /** x of the local north–south streets in each arterial column, west to east. */
  localXs: number[][]
  /** y of the local east–west streets in each band between arterials, south to north (none beside the river). */
  localYs: number[][]
  /** Index of the band between arterials that the river runs through. */
  riverBand: number
  /** Distance of the riverside footpaths from the banks. */
  riversidePathOffset: number
  riverCentre(x: number): number
  riverHalfWidth(x: number): number
  /** Every x at which the river and riverside paths have a vertex. */
  riverSampleXs: number[]
}

export const riverSouthBank = (l: Layout, x: number) => l.riverCentre(x) - l.riverHalfWidth(x)
export const riverNorthBank = (l: Layout, x: number) => l.riverCentre(x) + l.riverHalfWidth(x)

/** Builds the skeleton; the PRNG moves local streets and bends the river. */
export function createLayout(prng: Prng): Layout {
  const arterialXs = [0, 520, 1060, 1600, 2700, 3260, 3840]
  const arterialYs = [0, 500, 1000, 1620, 2120, 2580, 3000]
  const expresswayX = 2150
  const columnBounds = columnsOf(arterialXs, expresswayX)
  const localXs = columnBounds.map(({ from, to }) => splitEvenly(from, to, 2, 25, prng))
  const localYs = arterialYs.slice(1).map((to, i) => {
    const from = arterialYs[i]!
    const besideRiver = from === 1000
    return besideRiver ? [] : splitEvenly(from, to, to - from > 440 ? 2 : 1, 20, prng)
  })
  const phase = prng.between(0, Math.PI * 2)
  const riverCentre = (x: number) => 1310 + 55 * Math.sin((2 * Math.PI * x) / 2600 + phase)
  const riverHalfWidth = (x: number) => 42 + 8 * Math.sin(x / 900 + phase / 2)
  const footbridgeX = 3520
  const expresswayClearance = 20
  const width = arterialXs[arterialXs.length - 1]!
  const sampleSet = new Set<number>()
  for (let x = 0; x <= width; x += 80) sampleSet.add(x)
  for (const x of [...arterialXs, ...localXs.flat(), footbridgeX, expresswayX - expresswayClearance, expresswayX + expresswayClearance, expresswayX, width]) {
    sampleSet.add(x)
  }
  return {
    width,
    height: arterialYs[arterialYs.length - 1]!,
    arterialXs,
    arterialYs,
    expresswayX,
    expresswayClearance,
    bridgeXs: [1060, 2700],
    footbridgeX,
    overpassYs: [500, 2120],
    footOverpassY: localYs[localYs.length - 1]![0]!,
    localXs,
    localYs,
    riverBand: arterialYs.indexOf(1000),
    riversidePathOffset: 12,
    riverCentre,
    riverHalfWidth,
    riverSampleXs: [...sampleSet].sort((a, b) => a - b),
  }
}

// `count` whole-metre positions splitting [from, to] into equal parts, each moved up to `jitterM`.
function splitEvenly(from: number, to: number, count: number, jitterM: number, prng: Prng): number[] {
  const step = (to - from) / (count + 1)
  return Array.from({ length: count }, (_, k) => Math.round(from + step * (k + 1) + prng.between(-jitterM, jitterM)))
}

/** The arterial columns west to east, the expressway counting as a column edge. */
export function columnsOf(arterialXs: number[], expresswayX: number): Span[] {
  const edges = [...arterialXs, expresswayX].sort((a, b) => a - b)
  return edges.slice(1).map((to, i) => ({ from: edges[i]!, to }))
}

/** Points along a curve y = f(x) at the layout's sample xs within [from, to]. */
export function sampleCurve(layout: Layout, from: number, to: number, f: (x: number) => number): Xy[] {
  const xs = layout.riverSampleXs.filter((x) => x >= from && x <= to)
  return xs.map((x) => [x, f(x)])
}
