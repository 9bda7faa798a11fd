import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { RuleEvaluationSchema } from '../schemas/standards.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { readPublishedFlags } from '../standards/published-flags.ts'
import { readPlaces, readPlacesChangedAfter } from '../gazetteer/places-repository.ts'
import type { PlaceRecord } from '../gazetteer/place-record.ts'

const { status: _status, ...flagProperties } = RuleEvaluationSchema.properties
const PublishedFlagsSchema = Type.Object({
  set: Type.Object({ id: Type.Integer(), name: Type.String(), version: Type.Integer() }),
  dataVersion: Type.Integer(),
  generatedAt: Type.String(),
  flags: Type.Array(Type.Object({ communityCode: Type.String(), communityName: Type.String(), ...flagProperties })),
})

const PublicPlaceSchema = Type.Object({
  id: Type.Integer(),
  placeCode: Type.Union([Type.String(), Type.Null()]),
  standardName: Type.String(),
  romanization: Type.String(),
  category: Type.String(),
  featureType: Type.String(),
  status: Type.String(),
  divisionCodes: Type.Array(Type.String()),
  namedOn: Type.Union([Type.String(), Type.Null()]),
  abolishedOn: Type.Union([Type.String(), Type.Null()]),
  meaning: Type.String(),
  otherNames: Type.Array(Type.Object({ kind: Type.String(), name: Type.String(), romanization: Type.String(), validFrom: Type.Union([Type.String(), Type.Null()]), validTo: Type.Union([Type.String(), Type.Null()]) })),
  geometry: Type.Union([Type.Unknown(), Type.Null()]),
  changeSeq: Type.Number(),
  updatedAt: Type.String(),
})

/** What the public may see of a record: the standard name and its published facts, not who registered it or internal notes. */
function publishedPlace(p: PlaceRecord) {
  return {
    id: p.id,
    placeCode: p.placeCode,
    standardName: p.standardName,
    romanization: p.romanizationConfirmed ? p.romanization : '',
    category: p.category,
    featureType: p.featureType,
    status: p.status,
    divisionCodes: p.divisionCodes,
    namedOn: p.namedOn,
    abolishedOn: p.abolishedOn,
    meaning: p.meaning,
    otherNames: p.altNames.map(({ kind, name, romanization, validFrom, validTo }) => ({ kind, name, romanization, validFrom, validTo })),
    geometry: p.geometry,
    changeSeq: p.changeSeq,
    updatedAt: p.updatedAt,
  }
}

/**
 * The public read-only API, open without signing in. Each route here is
 * listed as `public` in the access table and answers only what may be
 * published: never coordinates of boundary markers or anyone's personal data.
 */
export const publicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/public/flags',
    {
      schema: {
        tags: ['public'],
        summary: 'Communities that fall short of the default standard set, rule by rule',
        description: 'Open to anyone. Each flag names the community, the rule, the measured and required values and the shortfall.',
        response: { 200: PublishedFlagsSchema, 409: ProblemSchema },
      },
    },
    async () => {
      const published = await readPublishedFlags(app.database.pool, app.analysis.baselines)
      if (!published) throw new HttpError(409, 'there is no default standard set to publish flags against')
      return { ...published, generatedAt: new Date().toISOString() }
    },
  )

  app.get(
    '/api/public/places',
    {
      schema: {
        tags: ['public'],
        summary: 'Search the standard place names',
        description: 'Current and historical standard names (records found to be errors are left out), found by characters, toneless pinyin, initials, aliases and historical names. The romanization is given once a person has confirmed it.',
        querystring: Type.Object(
          { q: Type.Optional(Type.String({ maxLength: 100 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })), offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ total: Type.Integer(), places: Type.Array(Type.Object({ ...PublicPlaceSchema.properties, matchedName: Type.String(), matchedKind: Type.String() })) }) },
      },
    },
    async (request) => {
      const { q, limit, offset } = request.query
      const found = await app.gazetteer.search.search({ text: q ?? '', statuses: ['current', 'historical'], limit: limit ?? 20, offset: offset ?? 0 })
      const records = new Map((await readPlaces(app.database.pool, found.items.map((i) => i.placeId))).map((r) => [r.id, r]))
      const places = found.items.flatMap((item) => {
        const record = records.get(item.placeId)
        return record ? [{ ...publishedPlace(record), matchedName: item.matchedName, matchedKind: item.matchedKind }] : []
      })
      return { total: found.total, places }
    },
  )

  app.get(
    '/api/public/place-changes',
    {
      schema: {
        tags: ['public'],
        summary: 'Place records changed since a point in the change order: a feed for other departments',
        description:
          'Start with after=0 for everything; each answer gives `next`, to pass as `after` next time, and `more` when another page is ready now. Records are never deleted: a ceased place comes as historical, an erroneous record as deprecated.',
        querystring: Type.Object(
          { after: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ next: Type.Number(), more: Type.Boolean(), places: Type.Array(PublicPlaceSchema) }) },
      },
    },
    async (request) => {
      const after = request.query.after ?? 0
      const limit = request.query.limit ?? 200
      const rows = await readPlacesChangedAfter(app.database.pool, after, limit + 1)
      const page = rows.slice(0, limit)
      return { next: page.at(-1)?.changeSeq ?? after, more: rows.length > limit, places: page.map(publishedPlace) }
    },
  )
}
