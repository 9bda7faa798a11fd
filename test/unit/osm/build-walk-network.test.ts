import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../../server/config.ts'
import { buildWalkNetwork, type OsmWalkNetwork } from '../../../server/imports/osm/build-walk-network.ts'
import { collectOsmExtract, type OsmExtract } from '../../../server/imports/osm/collect-osm-extract.ts'
import { readOsmFile } from '../../../server/imports/osm/read-osm-file.ts'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-unit-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Nodes 1…9 on a 0.001° grid: node n at lon 116 + 0.001·((n-1) % 3), lat 40 + 0.001·floor((n-1) / 3). */
const gridNodes = Array.from({ length: 9 }, (_, i) => `<node id="${i + 1}" lon="${116 + 0.001 * (i % 3)}" lat="${40 + 0.001 * Math.floor(i / 3)}"/>`).join('\n')

function way(id: number, refs: number[], tags: Record<string, string>): string {
  return `<way id="${id}">${refs.map((r) => `<nd ref="${r}"/>`).join('')}${Object.entries(tags).map(([k, v]) => `<tag k="${k}" v="${v}"/>`).join('')}</way>`
}

async function importXml(body: string): Promise<{ extract: OsmExtract; network: OsmWalkNetwork }> {
  const file = path.join(dir, `t${Math.random().toString(36).slice(2)}.osm`)
  fs.writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6">\n${gridNodes}\n${body}\n</osm>\n`)
  const extract = await collectOsmExtract(readOsmFile(file))
  return { extract, network: buildWalkNetwork(extract) }
}

describe('splitting ways into edges', () => {
  it('cuts a way where another walkable way shares a node, and at its ends', async () => {
    const { network } = await importXml(`${way(10, [1, 2, 3], { highway: 'residential', name: '甲街' })}\n${way(11, [2, 5, 8], { highway: 'footway' })}`)
    const edges = [...network.edges()]
    expect(edges.map((e) => [e.osmWayId, e.sourceNode, e.targetNode])).toEqual([
      [10, 1, 2],
      [10, 2, 3],
      [11, 2, 8],
    ])
    expect(network.figures).toMatchObject({ edgeCount: 3, nodeCount: 4, componentCount: 1 })
    expect(edges[0]).toMatchObject({ name: '甲街', highway: 'residential', bridge: false, tunnel: false, access: '' })
  })

  it('does not cut at a node shared only with a way walkers may not use', async () => {
    const { network } = await importXml(`${way(10, [1, 2, 3], { highway: 'footway' })}\n${way(11, [2, 5], { highway: 'trunk' })}\n${way(12, [2, 4], { highway: 'footway', access: 'private' })}`)
    const edges = [...network.edges()]
    expect(edges).toHaveLength(1)
    expect(edges[0]!.coordinates).toHaveLength(3)
    expect(edges[0]!.lengthM).toBeCloseTo(2 * 85.4, 0)
  })

  it('measures edges geodesically and sums them', async () => {
    const { network } = await importXml(way(10, [1, 4, 7], { highway: 'path' }))
    expect(network.figures.totalLengthM).toBeCloseTo(2 * 111.05, 0)
  })

  it('keeps a closed pedestrian area as its outline, cut where a path meets it', async () => {
    const { network } = await importXml(`${way(10, [1, 2, 5, 4, 1], { highway: 'pedestrian', area: 'yes' })}\n${way(11, [5, 9], { highway: 'footway' })}`)
    const edges = [...network.edges()]
    expect(edges.map((e) => [e.sourceNode, e.targetNode])).toEqual([
      [1, 5],
      [5, 1],
      [5, 9],
    ])
  })

  it('reports the largest connected component and the missing nodes of cut ways', async () => {
    const { network } = await importXml(`${way(10, [1, 2], { highway: 'service' })}\n${way(11, [2, 3], { highway: 'service' })}\n${way(12, [7, 8], { highway: 'steps' })}\n${way(13, [9, 99, 6], { highway: 'footway' })}`)
    expect(network.figures.edgeCount).toBe(3)
    expect(network.figures.componentCount).toBe(2)
    expect(network.figures.largestComponent.edgeCount).toBe(2)
    expect(network.figures.largestComponent.nodeCount).toBe(3)
    expect(network.figures.missingNodeRefs).toBe(1)
  })

  it('drops a repeated node and cuts a way that crosses itself', async () => {
    const { network } = await importXml(way(10, [1, 2, 2, 5, 4, 2, 3], { highway: 'footway' }))
    expect([...network.edges()].map((e) => [e.sourceNode, e.targetNode])).toEqual([
      [1, 2],
      [2, 2],
      [2, 3],
    ])
  })

  it('counts candidate compounds and facilities only where tags say so', async () => {
    const { extract } = await importXml(
      `${way(20, [1, 2, 5, 4, 1], { landuse: 'residential', name: '小区' })}\n${way(21, [2, 3, 6, 5, 2], { building: 'yes', amenity: 'social_facility', social_facility: 'nursing_home', name: '敬老院' })}\n${way(22, [4, 5, 8, 7], { building: 'yes' })}`,
    )
    expect(extract.counts.compoundCandidates).toEqual({ residentialLanduse: 1, buildings: 1 })
    expect(extract.counts.facilities.elderly_institution).toBe(1)
    expect(extract.facilities[0]).toMatchObject({ osmType: 'way', osmId: 21, kind: 'elderly_institution', name: '敬老院' })
    expect(extract.facilities[0]!.position[0]).toBeCloseTo(116.0015, 6)
  })
})

describe('the XML reader', () => {
  it('skips deleted and invisible elements and accepts nodes out of id order', async () => {
    const file = path.join(dir, 'unsorted.osm')
    fs.writeFileSync(
      file,
      `<osm version="0.6">
        <node id="30" lon="116.002" lat="40"/><node id="10" lon="116" lat="40"/><node id="20" lon="116.001" lat="40"/>
        <node id="40" lon="116.003" lat="40" visible="false"/>
        <way id="1"><nd ref="10"/><nd ref="20"/><nd ref="30"/><tag k="highway" v="footway"/><tag k="name" v="&quot;A&quot; &amp; B"/></way>
        <way id="2" action="delete"><nd ref="30"/><nd ref="20"/><tag k="highway" v="footway"/></way>
      </osm>`,
    )
    const extract = await collectOsmExtract(readOsmFile(file))
    expect(extract.counts).toMatchObject({ nodesRead: 3, waysRead: 1 })
    const edges = [...buildWalkNetwork(extract).edges()]
    expect(edges.map((e) => [e.sourceNode, e.targetNode, e.name])).toEqual([[10, 30, '"A" & B']])
    expect(edges[0]!.coordinates).toEqual([
      [116, 40],
      [116.001, 40],
      [116.002, 40],
    ])
  })
})

describe('the PBF reader', () => {
  it('gives the same walk network as the XML file the PBF fixture was made from', async () => {
    const fixture = path.join(projectRoot, 'test', 'fixtures', 'osm', 'haidian-tiny.osm')
    const fromXml = await collectOsmExtract(readOsmFile(fixture))
    const fromPbf = await collectOsmExtract(readOsmFile(`${fixture}.pbf`))
    expect(fromPbf.counts).toEqual(fromXml.counts)
    const xmlNetwork = buildWalkNetwork(fromXml)
    const pbfNetwork = buildWalkNetwork(fromPbf)
    expect(pbfNetwork.figures).toEqual(xmlNetwork.figures)
    expect([...pbfNetwork.edges()]).toEqual([...xmlNetwork.edges()])
    expect(xmlNetwork.figures.edgeCount).toBeGreaterThan(50)
  })

  it('rejects a file that is not OSM XML with its name', async () => {
    const file = path.join(dir, 'broken.osm')
    fs.writeFileSync(file, '<osm><node id="1" lat="1" lon="2"></osm>')
    await expect(collectOsmExtract(readOsmFile(file))).rejects.toThrow(/broken\.osm: not valid OSM XML/)
  })
})
