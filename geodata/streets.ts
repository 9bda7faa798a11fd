import type { Prng } from './prng.ts'
import type { Xy } from './local-frame.ts'
import { columnsOf, riverNorthBank, riverSouthBank, sampleCurve, type Layout } from './layout.ts'
import type { StreetLine } from './node-network.ts'
import type { StreetNames } from './names.ts'

/** The kind of street along one side of a block, which decides set-backs and whether gates may face it. */
export type SideKind = 'arterial' | 'local' | 'expressway' | 'river'

/** A block between streets, in local metres, with what lies along each side. */
export interface Block {
  x0: number
  x1: number
  y0: number
  y1: number
  south: SideKind
  north: SideKind
  west: SideKind
  east: SideKind
  /** Name of the street along each side ('' for none), for addresses. */
  streetNames: { south: string; north: string; west: string; east: string }
}

export interface StreetPlan {
  /** Ordinary streets and paths: noded together. */
  streets: StreetLine[]
  /** The expressway: noded on its own, so nothing joins it. */
  expressway: StreetLine[]
  blocks: Block[]
  /** Bridge place names with their line, for the gazetteer. */
  bridges: { name: string; line: Xy[] }[]
}

const line = (points: Xy[], name: string, highway: string, bridge = false): StreetLine => ({
  points,
  name,
  highway,
  bridge,
  tunnel: false,
})

interface Band {
  /** Index of the interval between arterials that holds this band. */
  bi: number
  from: number | 'north-bank'
  to: number | 'south-bank'
  south: SideKind
  north: SideKind
  southName: string
  northName: string
}

/**
 * Lays out arterials every 500–600 m, local streets between them, the
 * expressway with two road overpasses and a footbridge, the river with two
 * road bridges and a footbridge, and riverside paths; and lists the blocks
 * the streets enclose. Streets stop short of the river and the expressway
 * except where they cross on a bridge.
 */
export function planStreets(layout: Layout, names: StreetNames, prng: Prng): StreetPlan {
  const { width, height, expresswayX: ex, expresswayClearance: gap, riversidePathOffset: off } = layout
  const south = (x: number) => riverSouthBank(layout, x)
  const north = (x: number) => riverNorthBank(layout, x)
  const streets: StreetLine[] = []
  const bridges: { name: string; line: Xy[] }[] = []

  layout.arterialXs.forEach((x, i) => {
    const name = names.arterialNS[i]!
    const highway = layout.bridgeXs.includes(x) ? 'primary' : 'secondary'
    if (layout.bridgeXs.includes(x)) {
      streets.push(line([[x, 0], [x, south(x)]], name, highway))
      streets.push(line([[x, south(x)], [x, north(x)]], name, highway, true))
      streets.push(line([[x, north(x)], [x, height]], name, highway))
      bridges.push({ name: names.bridges[bridges.length]!, line: [[x, south(x)], [x, north(x)]] })
    } else {
      streets.push(line([[x, 0], [x, south(x) - off]], name, highway))
      streets.push(line([[x, north(x) + off], [x, height]], name, highway))
    }
  })

  layout.arterialYs.forEach((y, i) => {
    const name = names.arterialEW[i]!
    const overpass = layout.overpassYs.includes(y)
    const highway = overpass ? 'primary' : 'secondary'
    if (overpass) {
      streets.push(line([[0, y], [ex - gap, y]], name, highway))
      streets.push(line([[ex - gap, y], [ex + gap, y]], name, highway, true))
      streets.push(line([[ex + gap, y], [width, y]], name, highway))
    } else {
      streets.push(line([[0, y], [ex - gap, y]], name, highway))
      streets.push(line([[ex + gap, y], [width, y]], name, highway))
    }
  })

  const columns = columnsOf(layout.arterialXs, ex)
  const keptVertical = new Map<string, boolean>()
  columns.forEach((col, ci) => {
    layout.localXs[ci]!.forEach((x, k) => {
      layout.arterialYs.slice(1).forEach((to, bi) => {
        const from = layout.arterialYs[bi]!
        const pieces: [string, Xy[]][] =
          bi === layout.riverBand
            ? [
                [`${ci}:${k}:${bi}:s`, [[x, from], [x, south(x) - off]]],
                [`${ci}:${k}:${bi}:n`, [[x, north(x) + off], [x, to]]],
              ]
            : [[`${ci}:${k}:${bi}`, [[x, from], [x, to]]]]
        for (const [key, points] of pieces) {
          const keep = !prng.chance(0.1)
          keptVertical.set(key, keep)
          if (keep) streets.push(line(points, localNSName(names, layout, ci, k), k === 0 ? 'tertiary' : 'residential'))
        }
      })
    })
  })

  const keptHorizontal = new Map<string, boolean>()
  layout.localYs.forEach((ys, bi) => {
    ys.forEach((y, k) => {
      columns.forEach((col, ci) => {
        const x0 = col.from === ex ? ex + gap : col.from
        const x1 = col.to === ex ? ex - gap : col.to
        const besideFootbridge = y === layout.footOverpassY && (col.to === ex || col.from === ex)
        const keep = besideFootbridge || !prng.chance(0.1)
        keptHorizontal.set(`${ci}:${k}:${bi}`, keep)
        if (keep) streets.push(line([[x0, y], [x1, y]], localEWName(names, layout, bi, k, col.from >= ex), 'residential'))
      })
    })
  })
  streets.push(line([[ex - gap, layout.footOverpassY], [ex + gap, layout.footOverpassY]], '', 'footway', true))

  for (const [from, to] of [[0, ex - gap], [ex + gap, width]] as const) {
    streets.push(line(sampleCurve(layout, from, to, (x) => south(x) - off), names.riversideSouth, 'footway'))
    streets.push(line(sampleCurve(layout, from, to, (x) => north(x) + off), names.riversideNorth, 'footway'))
  }
  const fx = layout.footbridgeX
  streets.push(line([[fx, south(fx) - off], [fx, south(fx)]], '', 'footway'))
  streets.push(line([[fx, south(fx)], [fx, north(fx)]], '', 'footway', true))
  streets.push(line([[fx, north(fx)], [fx, north(fx) + off]], '', 'footway'))
  bridges.push({ name: names.bridges[bridges.length]!, line: [[fx, south(fx)], [fx, north(fx)]] })

  const expressway = [
    line([[ex, 0], [ex, south(ex)]], names.expressway, 'motorway'),
    line([[ex, south(ex)], [ex, north(ex)]], names.expressway, 'motorway', true),
    line([[ex, north(ex)], [ex, height]], names.expressway, 'motorway'),
  ]

  const bands: Band[] = layout.arterialYs.slice(1).flatMap((to, bi): Band[] => {
    const from = layout.arterialYs[bi]!
    if (bi === layout.riverBand) {
      return [
        { bi, from, to: 'south-bank', south: 'arterial', north: 'river', southName: names.arterialEW[bi]!, northName: '' },
        { bi, from: 'north-bank', to, south: 'river', north: 'arterial', southName: '', northName: names.arterialEW[bi + 1]! },
      ]
    }
    return [{ bi, from, to, south: 'arterial', north: 'arterial', southName: names.arterialEW[bi]!, northName: names.arterialEW[bi + 1]! }]
  })

  const blocks: Block[] = []
  columns.forEach((col, ci) => {
    const eastOfExpressway = col.from >= ex
    const westKind: SideKind = col.from === ex ? 'expressway' : 'arterial'
    const eastKind: SideKind = col.to === ex ? 'expressway' : 'arterial'
    const westName = col.from === ex ? '' : names.arterialNS[layout.arterialXs.indexOf(col.from)]!
    const eastName = col.to === ex ? '' : names.arterialNS[layout.arterialXs.indexOf(col.to)]!
    const sampleXs = (x0: number, x1: number) => layout.riverSampleXs.filter((x) => x >= x0 && x <= x1).concat([x0, x1])
    for (const band of bands) {
      const bi = band.bi
      const piece = bi === layout.riverBand ? (band.to === 'south-bank' ? ':s' : ':n') : ''
      const xSplits = layout.localXs[ci]!.map((x, k) => ({ at: x, name: localNSName(names, layout, ci, k) }))
        .filter((_, k) => keptVertical.get(`${ci}:${k}:${bi}${piece}`))
      const ySplits = layout.localYs[bi]!.map((y, k) => ({ at: y, name: localEWName(names, layout, bi, k, eastOfExpressway) }))
        .filter((_, k) => keptHorizontal.get(`${ci}:${k}:${bi}`))
      const xs = [{ at: col.from, name: westName }, ...xSplits, { at: col.to, name: eastName }]
      for (let i = 0; i + 1 < xs.length; i++) {
        const [x0, x1] = [xs[i]!.at, xs[i + 1]!.at]
        const y0 = band.from === 'north-bank' ? Math.max(...sampleXs(x0, x1).map((x) => north(x) + off)) : band.from
        const y1 = band.to === 'south-bank' ? Math.min(...sampleXs(x0, x1).map((x) => south(x) - off)) : band.to
        const ys = [{ at: y0, name: band.southName }, ...ySplits, { at: y1, name: band.northName }]
        for (let j = 0; j + 1 < ys.length; j++) {
          blocks.push({
            x0,
            x1,
            y0: ys[j]!.at,
            y1: ys[j + 1]!.at,
            west: i === 0 ? westKind : 'local',
            east: i === xs.length - 2 ? eastKind : 'local',
            south: j === 0 ? band.south : 'local',
            north: j === ys.length - 2 ? band.north : 'local',
            streetNames: { west: xs[i]!.name, east: xs[i + 1]!.name, south: ys[j]!.name, north: ys[j + 1]!.name },
          })
        }
      }
    }
  })
  return { streets, expressway, blocks, bridges }
}

function localNSName(names: StreetNames, layout: Layout, ci: number, k: number): string {
  const index = layout.localXs.slice(0, ci).reduce((n, xs) => n + xs.length, 0) + k
  const name = names.localNS[index]
  if (name === undefined) throw new Error(`no name for north–south local street ${index}`)
  return name
}

// East–west local streets take one name west of the expressway and another east of it.
function localEWName(names: StreetNames, layout: Layout, bi: number, k: number, eastOfExpressway: boolean): string {
  const index = (layout.localYs.slice(0, bi).reduce((n, ys) => n + ys.length, 0) + k) * 2 + (eastOfExpressway ? 1 : 0)
  const name = names.localEW[index]
  if (name === undefined) throw new Error(`no name for east–west local street ${index}`)
  return name
}
