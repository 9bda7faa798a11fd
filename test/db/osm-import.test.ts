import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../server/config.ts'
import { importOsmFile, osmAttribution, type OsmImportResult } from '../../server/imports/osm/import-osm-file.ts'
import { WalkNetworkCache, type WalkNetwork } from '../../server/coverage/walk-network-cache.ts'
import { computeServiceAreas, type ServiceAreaOrigin } from '../../server/coverage/service-area-service.ts'
import { resolveTravelBands } from '../../server/coverage/travel-parameters.ts'
import { searchFromSources, type SearchSource } from '../../server/geo/walk-search.ts'
import { importLayer } from '../../server/imports/layers/layer-import-service.ts'
import { suggestColumnMapping } from '../../server/imports/layers/layer-fields.ts'
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts'

const realdata = path.join(projectRoot, '..', 'shared', 'realdata')
const haidianFile = path.join(realdata, 'haidian-zhongguancun.osm')
const guixiFile = path.join(realdata, 'guixi-centre.osm')
const haveRealdata = fs.existsSync(haidianFile) && fs.existsSync(guixiFile)

interface Figures {
  edgeCount: number
  totalLengthM: number
  nodeCount: number
  largestEdgeCount: number
  largestLengthM: number
}

/**
 * The walk-network figures of an OSM XML file by a second, plain pass: regular
 * expressions over the text, the documented rules restated in a few lines,
 * lengths on the ellipsoid's local radii and a union-find of its own.
 */
function figuresByPlainPass(xml: string): Figures {
  const nodes = new Map<string, [number, number]>()
  for (const [, attributes] of xml.matchAll(/<node\b([^>]*)>/g)) {
    const id = /\bid="(-?\d+)"/.exec(attributes!)![1]!
    nodes.set(id, [Number(/\blon="([^"]+)"/.exec(attributes!)![1]), Number(/\blat="([^"]+)"/.exec(attributes!)![1])])
  }
  const walkable = 'primary primary_link secondary secondary_link tertiary tertiary_link unclassified residential living_street service road track pedestrian footway path steps cycleway bridleway corridor'.split(' ')
  const ways: string[][] = []
  for (const [, body] of xml.matchAll(/<way\b[^>]*>([\s\S]*?)<\/way>/g)) {
    const tags = Object.fromEntries([...body!.matchAll(/<tag k="([^"]*)" v="([^"]*)"/g)].map((m) => [m[1], m[2]]))
    if (!walkable.includes(tags.highway)) continue
    if (['no', 'private', 'use_sidepath'].includes(tags.foot)) continue
    if (['no', 'private'].includes(tags.access) && !['yes', 'designated', 'permissive'].includes(tags.foot)) continue
    const refs = [...body!.matchAll(/<nd ref="(\d+)"/g)].map((m) => m[1]!).filter((r, i, all) => i === 0 || r !== all[i - 1])
    if (refs.length >= 2 && refs.every((r) => nodes.has(r))) ways.push(refs)
  }
  const uses = new Map<string, number>()
  for (const refs of ways) refs.forEach((r, i) => uses.set(r, (uses.get(r) ?? 0) + (i === 0 || i === refs.length - 1 ? 2 : 1)))
  const parent = new Map<string, string>()
  const root = (n: string): string => {
    while (parent.get(n) !== n) n = parent.get(n)!
    return n
  }
  const edges: { a: string; b: string; m: number }[] = []
  for (const refs of ways) {
    let start = refs[0]!
    let m = 0
    for (let i = 1; i < refs.length; i++) {
      const [lon1, lat1] = nodes.get(refs[i - 1]!)!
      const [lon2, lat2] = nodes.get(refs[i]!)!
      const phi = (((lat1 + lat2) / 2) * Math.PI) / 180
      const e2 = 0.00669437999014
      const w = Math.sqrt(1 - e2 * Math.sin(phi) ** 2)
      const meridian = (6378137 * (1 - e2)) / w ** 3
      const normal = 6378137 / w
      const dy = (((lat2 - lat1) * Math.PI) / 180) * meridian
      const dx = (((lon2 - lon1) * Math.PI) / 180) * normal * Math.cos(phi)
      m += Math.hypot(dx, dy)
      if (uses.get(refs[i]!)! < 2) continue
      edges.push({ a: start, b: refs[i]!, m })
      start = refs[i]!
      m = 0
    }
  }
  for (const { a, b } of edges) {
    if (!parent.has(a)) parent.set(a, a)
    if (!parent.has(b)) parent.set(b, b)
    parent.set(root(a), root(b))
  }
  const components = new Map<string, { n: number; m: number }>()
  for (const { a, m } of edges) {
    const c = components.get(root(a)) ?? { n: 0, m: 0 }
    c.n++
    c.m += m
    components.set(root(a), c)
  }
  const largest = [...components.values()].sort((p, q) => q.n - p.n)[0]!
  return {
    edgeCount: edges.length,
    totalLengthM: edges.reduce((sum, e) => sum + e.m, 0),
    nodeCount: parent.size,
    largestEdgeCount: largest.n,
    largestLengthM: largest.m,
  }
}

describe.skipIf(!haveRealdata)(`importing the real OSM extracts${haveRealdata ? "" : ` (skipped: ${realdata} is absent)`}`, () => {
  let db: TestDatabase
  const imported = new Map<string, OsmImportResult>()

  beforeAll(async () => {
    db = await createTestDatabase('empty')
    for (const file of [haidianFile, guixiFile]) imported.set(file, await importOsmFile(db.pool, file, { dryRun: false }))
  }, 120_000)
  afterAll(async () => db?.destroy())

  for (const [label, file] of [
    ['Haidian', haidianFile],
    ['Guixi', guixiFile],
  ] as const) {
    it(`${label}: edges, walkable length, nodes and the largest component agree with a plain second pass`, () => {
      const expected = figuresByPlainPass(fs.readFileSync(file, 'utf8'))
      const { figures } = imported.get(file)!
      expect(figures.edgeCount).toBe(expected.edgeCount)
      expect(figures.nodeCount).toBe(expected.nodeCount)
      expect(figures.largestComponent.edgeCount).toBe(expected.largestEdgeCount)
      expect(Math.abs(figures.totalLengthM - expected.totalLengthM) / expected.totalLengthM).toBeLessThan(1e-6)
      expect(Math.abs(figures.largestComponent.lengthM - expected.largestLengthM) / expected.largestLengthM).toBeLessThan(1e-6)
      expect(figures.missingNodeRefs).toBe(0)
      console.info(`${label}: ${JSON.stringify(figures)}`)
    })

    it(`${label}: offers every closed landuse=residential way as a candidate compound outline, node for node`, () => {
      const xml = fs.readFileSync(file, 'utf8')
      const nodes = new Map<string, [number, number]>()
      for (const [, attributes] of xml.matchAll(/<node\b([^>]*)>/g)) {
        nodes.set(/\bid="(-?\d+)"/.exec(attributes!)![1]!, [Number(/\blon="([^"]+)"/.exec(attributes!)![1]), Number(/\blat="([^"]+)"/.exec(attributes!)![1])])
      }
      const expected = [...xml.matchAll(/<way\b[^>]*\bid="(\d+)"[^>]*>([\s\S]*?)<\/way>/g)]
        .filter(([, , body]) => /<tag k="landuse" v="residential"/.test(body!))
        .map(([, id, body]) => ({ id, refs: [...body!.matchAll(/<nd ref="(\d+)"/g)].map((m) => m[1]!) }))
        .filter(({ refs }) => refs.length >= 4 && refs[0] === refs[refs.length - 1] && refs.every((r) => nodes.has(r)))
      const { compounds } = imported.get(file)!.candidates
      expect(compounds.features.map((f) => f.properties!['来源'])).toEqual(expected.map((w) => `OpenStreetMap way/${w.id}`))
      compounds.features.forEach((f, i) => {
        const ring = expected[i]!.refs.map((r) => nodes.get(r)!)
        f.geometry.coordinates[0]!.forEach(([lng, lat], k) => {
          expect(Math.abs(lng! - ring[k]![0]) + Math.abs(lat! - ring[k]![1])).toBeLessThan(1e-7)
        })
        expect(f.properties!['户数']).toBeNull()
      })
      console.info(`${label}: ${compounds.features.length} candidate compounds`)
    })

    it(`${label}: is stored as one attributed dataset whose lengths agree with PostGIS`, async () => {
      const { datasetId, figures } = imported.get(file)!
      const dataset = await db.pool.query('SELECT source, synthetic, attribution FROM datasets WHERE id = $1', [datasetId])
      expect(dataset.rows[0]).toEqual({ source: `openstreetmap:${path.basename(file)}`, synthetic: false, attribution: osmAttribution })
      const stored = await db.pool.query<{ n: string; total: number; geodesic: number; without_way: string }>(
        `SELECT count(*) AS n, sum(length_m) AS total, sum(ST_Length(geom::geography)) AS geodesic,
                count(*) FILTER (WHERE osm_way_id IS NULL) AS without_way
           FROM network_edges WHERE dataset_id = $1`,
        [datasetId],
      )
      const row = stored.rows[0]!
      expect(Number(row.n)).toBe(figures.edgeCount)
      expect(Number(row.without_way)).toBe(0)
      expect(Math.abs(row.total - figures.totalLengthM)).toBeLessThan(1e-6)
      expect(Math.abs(row.geodesic - row.total) / row.total).toBeLessThan(1e-6)
    })
  }

  it('keeps the access tags of the gated campus roads', async () => {
    const rows = await db.pool.query<{ access: string; n: string }>(
      `SELECT access, count(*) AS n FROM network_edges WHERE dataset_id = $1 GROUP BY access ORDER BY access`,
      [imported.get(haidianFile)!.datasetId],
    )
    const byAccess = Object.fromEntries(rows.rows.map((r) => [r.access, Number(r.n)]))
    expect(byAccess.permissive).toBeGreaterThan(100)
    expect(byAccess.private ?? 0).toBe(0)
    expect(byAccess.no ?? 0).toBe(0)
  })

  it('Haidian: its residential areas, once given households, import as compounds with a gate on the outline nearest the network', async () => {
    const { compounds } = imported.get(haidianFile)!.candidates
    const filled = { ...compounds, features: compounds.features.map((f, i) => ({ ...f, properties: { ...f.properties, 户数: 100 * (i + 1) } })) }
    const mapping = suggestColumnMapping('compounds', ['小区名称', '户数', '来源'])
    expect(mapping).toMatchObject({ name: '小区名称', households: '户数' })
    const outcome = await importLayer(db.pool, { id: null, name: 'test', requestId: null }, {
      layer: 'compounds', format: 'geojson', crs: null, mapping, dryRun: false, series: '海淀小区（OSM）', replaces: null, fileName: 'haidian-compounds.geojson',
      bytes: new TextEncoder().encode(JSON.stringify(filled)),
    })
    expect(outcome.problems).toEqual([])
    expect(outcome.created).toBe(compounds.features.length)
    expect(outcome.warnings).toEqual([expect.objectContaining({ field: 'gates', message: expect.stringContaining(`${compounds.features.length} compound(s) had no gates`) })])
    const gates = await db.pool.query<{ households: number; on_outline: boolean; gate_m: number; outline_m: number }>(
      `SELECT c.households, ST_DWithin(ST_Boundary(c.geom)::geography, g.geom::geography, 0.5) AS on_outline,
              (SELECT min(ST_Distance(g.geom::geography, e.geom::geography)) FROM network_edges e WHERE ST_DWithin(e.geom, c.geom, 0.01)) AS gate_m,
              (SELECT min(ST_Distance(ST_Boundary(c.geom)::geography, e.geom::geography)) FROM network_edges e WHERE ST_DWithin(e.geom, c.geom, 0.01)) AS outline_m
         FROM compounds c JOIN compound_gates g ON g.compound_id = c.id WHERE c.dataset_id = $1 ORDER BY c.households`,
      [outcome.dataset!.id],
    )
    expect(gates.rows.map((r) => r.households)).toEqual(compounds.features.map((_, i) => 100 * (i + 1)))
    for (const gate of gates.rows) {
      expect(gate.on_outline).toBe(true)
      expect(Math.abs(gate.gate_m - gate.outline_m)).toBeLessThan(1)
    }
  })

  it('refuses a second import into a series that exists, unless it replaces the current version', async () => {
    const first = imported.get(haidianFile)!.stored!
    await expect(importOsmFile(db.pool, haidianFile, { dryRun: false })).rejects.toThrow(
      `a dataset series “${first.series}” exists already (dataset ${first.datasetId}, v1): replace it (--replaces ${first.datasetId}) or name a new series (--series)`,
    )
  })

  it('writes nothing when the import is interrupted while loading', async () => {
    const before = await db.pool.query<{ datasets: string; edges: string }>('SELECT (SELECT count(*) FROM datasets) AS datasets, (SELECT count(*) FROM network_edges) AS edges')
    const controller = new AbortController()
    const loading = importOsmFile(db.pool, haidianFile, {
      dryRun: false,
      series: 'interrupted import',
      batchSize: 200,
      signal: controller.signal,
      onProgress: ({ phase, fraction }) => {
        if (phase === 'load' && fraction > 0) controller.abort(new Error('interrupted by the test'))
      },
    })
    await expect(loading).rejects.toThrow('interrupted by the test')
    const after = await db.pool.query('SELECT (SELECT count(*) FROM datasets) AS datasets, (SELECT count(*) FROM network_edges) AS edges')
    expect(after.rows[0]).toEqual(before.rows[0])
  })

  describe('service areas on the imported Haidian network', () => {
    let network: WalkNetwork
    const points: [number, number][] = [
      [116.3172, 39.9997],
      [116.3105, 40.0071],
      [116.3262, 40.0045],
    ]

    beforeAll(async () => {
      network = await new WalkNetworkCache(db.pool).get()
    })

    it('snaps a few points and draws nested walking bands around each', async () => {
      const origins: ServiceAreaOrigin[] = points.map((position, k) => ({ id: -(k + 1), position, snap: network.snapIndex.snap(position, 150) }))
      for (const origin of origins) expect(origin.snap.ok, `snap ${origin.position}`).toBe(true)
      const { areas } = await computeServiceAreas(db.pool, network, origins, {
        bands: resolveTravelBands({ mode: 'distance', bands: [300, 600, 1000] }),
        bufferM: 25,
        cellM: 5,
        perFacility: true,
        method: 'network',
      })
      for (const origin of origins) {
        const own = areas.filter((a) => a.facilityId === origin.id).sort((p, q) => p.band - q.band)
        expect(own.map((a) => a.band)).toEqual([0, 1, 2])
        const sizes = await db.pool.query<{ m2: number }>(
          'SELECT ST_Area(ST_GeomFromGeoJSON(g)::geography) AS m2 FROM unnest($1::text[]) WITH ORDINALITY AS t(g, k) ORDER BY k',
          [own.map((a) => JSON.stringify(a.geometry))],
        )
        const m2 = sizes.rows.map((r) => r.m2)
        expect(m2[0]).toBeGreaterThan(20_000)
        expect(m2[1]).toBeGreaterThan(m2[0]!)
        expect(m2[2]).toBeGreaterThan(m2[1]!)
      }
    })

    describe.skipIf(!process.env.DATABASE_URL)('agreement with pgr_drivingDistance (server mode only: the embedded database has no pgRouting)', () => {
      beforeAll(async () => {
        await db.pool.query('CREATE EXTENSION IF NOT EXISTS pgrouting')
      })

      it('reaches the same nodes at the same costs from the nodes nearest the points, singly and together', async () => {
        const { graph } = network
        const datasetId = imported.get(haidianFile)!.datasetId
        const nearestNodes = await Promise.all(
          points.map(async ([lng, lat]) => {
            const row = await db.pool.query<{ node: string }>(
              `SELECT source_node AS node FROM network_edges WHERE dataset_id = $1
                ORDER BY ST_StartPoint(geom) <-> ST_SetSRID(ST_MakePoint($2, $3), 4326) LIMIT 1`,
              [datasetId, lng, lat],
            )
            return Number(row.rows[0]!.node)
          }),
        )
        const atNode = (nodeId: number): SearchSource => {
          const node = graph.nodeIndex.get(nodeId)!
          const edge = graph.adjEdge[graph.adjStart[node]!]!
          return { position: { edge, fraction: graph.edgeSource[edge] === node ? 0 : 1 }, startM: 0 }
        }
        const edgesSql = `SELECT id, source_node AS source, target_node AS target, length_m AS cost, length_m AS reverse_cost
                            FROM network_edges WHERE dataset_id = ${Number(datasetId)}`
        for (const sources of [[nearestNodes[0]!], [nearestNodes[1]!], [nearestNodes[2]!], nearestNodes]) {
          for (const budget of [500, 1200]) {
            const result = searchFromSources(graph, sources.map(atNode), budget)
            const ours = new Map<number, number>()
            result.nodeDistM.forEach((d, i) => {
              if (d <= budget) ours.set(graph.nodeIds[i]!, d)
            })
            // Each source's own tree (equicost => false), nearest kept: with equicost => true, pgRouting 3.4
            // gave a node on this network to a source 2.2 m farther than the nearest one.
            const rows = await db.pool.query<{ node: string; agg_cost: number }>(
              `SELECT node, min(agg_cost) AS agg_cost FROM pgr_drivingDistance($1, $2::bigint[], $3, directed => false, equicost => false) GROUP BY node`,
              [edgesSql, sources, budget],
            )
            const theirs = new Map(rows.rows.map((r) => [Number(r.node), r.agg_cost]))
            expect(theirs.size, `sources ${sources} within ${budget} m`).toBeGreaterThan(10)
            expect([...ours.keys()].sort((p, q) => p - q), `sources ${sources} within ${budget} m`).toEqual([...theirs.keys()].sort((p, q) => p - q))
            for (const [node, cost] of theirs) expect(Math.abs(ours.get(node)! - cost), `node ${node} from ${sources} within ${budget} m: ours ${ours.get(node)}, pgRouting ${cost}`).toBeLessThan(1e-6)
          }
        }
      })
    })
  })
})
