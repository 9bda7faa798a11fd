import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema, TileJsonSchema } from '../schemas/common.ts'
import { tileSources } from '../tiles/tile-sources.ts'
import { readTile } from '../tiles/tiles-repository.ts'
import { readDistrictSummary } from '../layers/layers-repository.ts'
import { LayerResponses, sendTagged } from '../layers/layer-responses.ts'

const sourceNames = Object.keys(tileSources)
const SourceParam = Type.Union(sourceNames.map((s) => Type.Literal(s)))

const layerFields: Record<string, Record<string, string>> = {
  network: { id: 'Number', name: 'String', highway: 'String', bridge: 'Boolean', tunnel: 'Boolean', lengthM: 'Number' },
  compounds: { id: 'Number', name: 'String', households: 'Number', communityCode: 'String' },
  compound_gates: { id: 'Number', compoundId: 'Number', name: 'String' },
  compound_labels: { id: 'Number', name: 'String', households: 'Number' },
}

/**
 * Vector tiles for the large layers (street network, compounds), with a
 * TileJSON document per source for MapLibre. Encoded tiles are kept in
 * memory at the current version of their source's data, with ETags.
 */
export const tileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { pool, capabilities } = app.database
  const responses = new LayerResponses(pool, 64 * 2 ** 20)

  app.get(
    '/api/tiles/:source.json',
    {
      schema: {
        tags: ['tiles'],
        summary: 'TileJSON of a vector-tile source',
        params: Type.Object({ source: SourceParam }),
        response: { 200: TileJsonSchema },
      },
    },
    async (request) => {
      const name = request.params.source
      const source = tileSources[name]!
      const summary = await readDistrictSummary(pool)
      const origin = `${request.protocol}://${request.host}`
      return {
        tilejson: '3.0.0',
        name,
        description: source.description,
        tiles: [`${origin}/api/tiles/${name}/{z}/{x}/{y}.pbf`],
        minzoom: source.minzoom,
        maxzoom: source.maxzoom,
        ...(summary.bbox ? { bounds: summary.bbox } : {}),
        attribution: summary.datasets.map((d) => d.attribution || d.name).join('; '),
        vector_layers: source.layers.map((l) => ({ id: l.name, description: l.description, fields: layerFields[l.name] ?? {} })),
      }
    },
  )

  app.get(
    '/api/tiles/:source/:z/:x/:y.pbf',
    {
      schema: {
        tags: ['tiles'],
        summary: 'One Mapbox Vector Tile',
        params: Type.Object({
          source: SourceParam,
          z: Type.Integer({ minimum: 0, maximum: 22 }),
          x: Type.Integer({ minimum: 0 }),
          y: Type.Integer({ minimum: 0 }),
        }),
        response: { 200: Type.Unknown({ description: 'application/vnd.mapbox-vector-tile' }), 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { source, z, x, y } = request.params
      const limit = 2 ** z
      if (x >= limit || y >= limit) {
        return reply
          .status(400)
          .type('application/problem+json')
          .send({ type: 'about:blank', title: 'Bad Request', status: 400, detail: `Tile ${z}/${x}/${y} does not exist: x and y must be below ${limit}` })
      }
      const tileSource = tileSources[source]!
      const tagged = await responses.get(`${source}/${z}/${x}/${y}`, tileSource.versionedBy, async () => {
        const tile = await readTile(pool, tileSource, z, x, y, capabilities.mvtInSql)
        return Buffer.from(tile.buffer, tile.byteOffset, tile.byteLength)
      })
      return sendTagged(request, reply, tagged, 'application/vnd.mapbox-vector-tile')
    },
  )
}
