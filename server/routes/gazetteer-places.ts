import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { auditedChange } from '../audit/audited-change.ts'
import { actorOf } from '../plugins/auth.ts'
import { ProblemSchema } from '../schemas/common.ts'
import {
  GazetteerProblemSchema,
  PlaceCreateSchema,
  PlaceIdParamsSchema,
  PlaceRecordSchema,
  PlaceSearchQuerySchema,
  PlaceSearchResultSchema,
  PlaceUpdateSchema,
  PlaceVersionParamsSchema,
} from '../schemas/gazetteer.ts'
import { GazetteerError } from '../gazetteer/gazetteer-errors.ts'
import { PLACE_CATEGORY_CLASSES } from '../gazetteer/place-categories.ts'
import { completePlaceFields, type PartialPlaceFields, type PlaceStatus } from '../gazetteer/place-record.ts'
import { diffPlaceRecords } from '../gazetteer/diff-records.ts'
import { suggestRomanization } from '../gazetteer/romanize.ts'
import { findSimilarPlaceNames, savePlace } from '../gazetteer/places-service.ts'
import { listPlaceVersions, readAllPlaces, readPlace, readPlaceAsOf, readPlaceVersion } from '../gazetteer/places-repository.ts'
import { listCasesOfPlace } from '../gazetteer/cases-repository.ts'
import { placesToCsv, placesToGeoJson, placesToXlsx } from '../gazetteer/write-place-exports.ts'

const DAY = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'

const parseStatuses = (value: string | undefined) => (value ? (value.split(',') as PlaceStatus[]) : undefined)
const parseBbox = (value: string | undefined) => {
  if (!value) return undefined
  const [w, s, e, n] = value.split(',').map(Number) as [number, number, number, number]
  if (![w, s, e, n].every(Number.isFinite) || w > e || s > n || s < -90 || n > 90) throw new GazetteerError(400, `bbox: "${value}" is not west,south,east,north in degrees`)
  return [w, s, e, n] as [number, number, number, number]
}

/**
 * Place records: search, read (also as of a date, by version, and as a
 * diff), register, edit, the names timeline, romanization suggestions, the
 * duplicate-name check and exports. Standard names change only through
 * naming cases (see gazetteer-cases.ts).
 */
export const gazetteerPlaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const search = app.gazetteer.search

  app.get(
    '/api/gazetteer/categories',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'The GB/T 18521 top classes of place names',
        response: { 200: Type.Object({ categories: Type.Array(Type.Object({ id: Type.String(), nameZh: Type.String(), nameEn: Type.String(), kind: Type.String(), code: Type.Union([Type.String(), Type.Null()]) })) }) },
      },
    },
    async () => ({ categories: [...PLACE_CATEGORY_CLASSES] }),
  )

  app.get(
    '/api/gazetteer/places',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Search and list place names',
        description:
          'One box: any part of the Chinese name (one character is enough), toneless pinyin ("zhongguancun"), pinyin initials ("zgc"), aliases and historical names. Ranked exact > prefix > substring > fuzzy (same sound, one character off). Without q, all places that pass the filters, in pinyin order.',
        querystring: PlaceSearchQuerySchema,
        response: { 200: PlaceSearchResultSchema, 400: ProblemSchema },
      },
    },
    async (request) => {
      const q = request.query
      return search.search({
        text: q.q ?? '',
        category: q.category,
        divisionCode: q.division,
        statuses: parseStatuses(q.status),
        bbox: parseBbox(q.bbox),
        limit: q.limit ?? 20,
        offset: q.offset ?? 0,
      })
    },
  )

  app.get(
    '/api/gazetteer/places/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'One place record, now or as it stood on a date',
        params: PlaceIdParamsSchema,
        querystring: Type.Object({ asOf: Type.Optional(Type.String({ pattern: DAY, description: 'YYYY-MM-DD (China time): the record as it stood at the end of that day' })) }, { additionalProperties: false }),
        response: { 200: PlaceRecordSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params
      const { asOf } = request.query
      const record = asOf ? await readPlaceAsOf(pool, id, asOf) : await readPlace(pool, id)
      if (!record) throw new GazetteerError(404, asOf ? `place ${id} did not exist yet on ${asOf}` : `no place ${id}`)
      return record
    },
  )

  app.get(
    '/api/gazetteer/places/:id/versions',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Every saved version of a place, newest first',
        params: PlaceIdParamsSchema,
        response: {
          200: Type.Object({ versions: Type.Array(Type.Object({ version: Type.Integer(), change: Type.String(), caseId: Type.Union([Type.Integer(), Type.Null()]), savedAt: Type.String(), savedBy: Type.String() })) }),
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const versions = await listPlaceVersions(pool, request.params.id)
      if (versions.length === 0) throw new GazetteerError(404, `no place ${request.params.id}`)
      return { versions }
    },
  )

  app.get(
    '/api/gazetteer/places/:id/versions/:version',
    { schema: { tags: ['gazetteer'], summary: 'A place as saved at one version', params: PlaceVersionParamsSchema, response: { 200: PlaceRecordSchema, 404: ProblemSchema } } },
    async (request) => {
      const { id, version } = request.params
      const record = await readPlaceVersion(pool, id, version)
      if (!record) throw new GazetteerError(404, `place ${id} has no version ${version}`)
      return record
    },
  )

  app.get(
    '/api/gazetteer/places/:id/diff',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'What changed between two versions of a place',
        description: 'Defaults: from the version before `to`, to the latest.',
        params: PlaceIdParamsSchema,
        querystring: Type.Object({ from: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })), to: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ from: Type.Integer(), to: Type.Integer(), changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })) }),
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { id } = request.params
      const latest = await readPlace(pool, id)
      if (!latest) throw new GazetteerError(404, `no place ${id}`)
      const to = request.query.to ?? latest.version
      const from = request.query.from ?? Math.max(1, to - 1)
      const [older, newer] = await Promise.all([readPlaceVersion(pool, id, from), readPlaceVersion(pool, id, to)])
      if (!older || !newer) throw new GazetteerError(404, `place ${id} has no version ${!older ? from : to}`)
      return { from, to, changes: diffPlaceRecords(older, newer) }
    },
  )

  app.get(
    '/api/gazetteer/places/:id/timeline',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'The names of a place over time, with its cases and versions',
        params: PlaceIdParamsSchema,
        response: {
          200: Type.Object({
            names: Type.Array(Type.Object({ name: Type.String(), kind: Type.String(), romanization: Type.String(), validFrom: Type.Union([Type.String(), Type.Null()]), validTo: Type.Union([Type.String(), Type.Null()]), note: Type.String() })),
            cases: Type.Array(Type.Object({ id: Type.Integer(), kind: Type.String(), status: Type.String(), title: Type.String(), approvedOn: Type.Union([Type.String(), Type.Null()]), documentNumber: Type.String(), updatedAt: Type.String() })),
            versions: Type.Array(Type.Object({ version: Type.Integer(), change: Type.String(), caseId: Type.Union([Type.Integer(), Type.Null()]), savedAt: Type.String(), savedBy: Type.String() })),
          }),
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { id } = request.params
      const place = await readPlace(pool, id)
      if (!place) throw new GazetteerError(404, `no place ${id}`)
      const standard = { name: place.standardName, kind: 'standard', romanization: place.romanization, validFrom: place.namedOn, validTo: place.abolishedOn, note: '' }
      const names = [standard, ...place.altNames].sort((a, b) => (a.validFrom ?? '0000').localeCompare(b.validFrom ?? '0000'))
      const cases = (await listCasesOfPlace(pool, id)).map((c) => ({ id: c.id, kind: c.kind, status: c.status, title: c.title, approvedOn: c.approvedOn, documentNumber: c.documentNumber, updatedAt: c.updatedAt }))
      return { names, cases, versions: await listPlaceVersions(pool, id) }
    },
  )

  app.post(
    '/api/gazetteer/places',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Register a place whose name is already standard (census records, names approved elsewhere)',
        description: 'New names go through a naming case. When identical or same-sounding names exist in the scope, the answer is 409 with `similarNames` until the request says `acknowledgeSimilar: true`.',
        body: PlaceCreateSchema,
        response: { 201: PlaceRecordSchema, 400: GazetteerProblemSchema, 409: GazetteerProblemSchema },
      },
    },
    async (request, reply) => {
      const { acknowledgeSimilar, ...input } = request.body
      const fields = completePlaceFields(input as PartialPlaceFields)
      if (fields.status === 'current' && acknowledgeSimilar !== true) {
        const similar = (await findSimilarPlaceNames(search, fields, null)).filter((s) => s.reasons.some((r) => r.kind !== 'same-specific'))
        if (similar.length > 0) throw new GazetteerError(409, `"${fields.standardName}" resembles ${similar.length} existing name(s) in its scope; review them and send acknowledgeSimilar: true to register it anyway`, { similarNames: similar })
      }
      const record = await auditedChange(pool, actorOf(request), async (tx) => {
        const saved = await savePlace(tx, actorOf(request), null, fields, { change: 'register' })
        if (saved === 'stale') throw new Error('a new record cannot be stale')
        return { result: saved.record, audit: saved.audit }
      })
      return reply.status(201).header('location', `/api/gazetteer/places/${record.id}`).send(record)
    },
  )

  app.put(
    '/api/gazetteer/places/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Edit a place record',
        description:
          'Every field but the standard name and the status, which change only through renaming, retiring or correction cases. The body carries the version the edit started from; a stale save answers 409 with the stored record (`current`) and what changed since (`changes`).',
        params: PlaceIdParamsSchema,
        body: PlaceUpdateSchema,
        response: { 200: PlaceRecordSchema, 400: GazetteerProblemSchema, 404: ProblemSchema, 409: GazetteerProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params
      const { version, ...input } = request.body
      const fields = completePlaceFields(input as PartialPlaceFields)
      const actor = actorOf(request)
      return auditedChange(pool, actor, async (tx) => {
        const existing = await readPlace(tx, id)
        if (!existing) throw new GazetteerError(404, `no place ${id}`)
        const stale = async () => {
          const base = await readPlaceVersion(tx, id, version)
          return new GazetteerError(409, `place ${id} is at version ${existing.version}, not ${version}: someone saved it since this edit began`, {
            current: existing,
            changes: base ? diffPlaceRecords(base, existing) : [],
          })
        }
        if (existing.version !== version) throw await stale()
        if (fields.standardName.trim() !== existing.standardName) throw new GazetteerError(409, `standardName: the standard name changes only through a renaming or correction case (it is ${existing.standardName})`)
        if (fields.status !== existing.status) throw new GazetteerError(409, `status: the status changes only through a retiring or correction case (it is ${existing.status})`)
        const saved = await savePlace(tx, actor, existing, fields, { change: 'edit' })
        if (saved === 'stale') throw await stale()
        return { result: saved.record, audit: { ...saved.audit, before: { version: existing.version }, after: { ...(saved.audit.after as object), changes: diffPlaceRecords(existing, saved.record).map((c) => c.field) } } }
      })
    },
  )

  app.get(
    '/api/gazetteer/romanization',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Suggest the romanized spelling of a name, flagging polyphonic characters for a person to confirm',
        querystring: Type.Object(
          { specific: Type.String({ minLength: 1, maxLength: 100 }), generic: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            text: Type.String(),
            polyphones: Type.Array(Type.Object({ char: Type.String(), index: Type.Integer(), readings: Type.Array(Type.String()) })),
            unknown: Type.Array(Type.Object({ char: Type.String(), index: Type.Integer() })),
          }),
        },
      },
    },
    async (request) => suggestRomanization({ specific: request.query.specific, generic: request.query.generic ?? '' }),
  )

  app.get(
    '/api/gazetteer/similar-names',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Identical, same-sounding and same-specific names in the scope of a proposed name',
        querystring: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            specific: Type.Optional(Type.String({ maxLength: 100 })),
            generic: Type.Optional(Type.String({ maxLength: 100 })),
            division: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
            exceptPlaceId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ similarNames: Type.Array(Type.Unknown()) }) },
      },
    },
    async (request) => {
      const q = request.query
      const similarNames = await findSimilarPlaceNames(
        search,
        { standardName: q.name, specificPart: q.specific ?? '', genericPart: q.generic ?? '', divisionCodes: q.division ? [q.division] : [] },
        q.exceptPlaceId ?? null,
      )
      return { similarNames }
    },
  )

  const exportName = (extension: string) => `gazetteer-${new Date().toISOString().slice(0, 10)}.${extension}`
  app.get(
    '/api/gazetteer/places.geojson',
    { schema: { tags: ['gazetteer'], summary: 'All place records as GeoJSON (records without a location have a null geometry)' } },
    async (_request, reply) => {
      const body = JSON.stringify(placesToGeoJson(await readAllPlaces(pool)))
      return reply.type('application/geo+json; charset=utf-8').header('content-disposition', `attachment; filename="${exportName('geojson')}"`).send(body)
    },
  )
  app.get(
    '/api/gazetteer/places.csv',
    { schema: { tags: ['gazetteer'], summary: 'All place records as CSV (UTF-8 with BOM, the import columns)' } },
    async (_request, reply) =>
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${exportName('csv')}"`).send(placesToCsv(await readAllPlaces(pool))),
  )
  app.get(
    '/api/gazetteer/places.xlsx',
    { schema: { tags: ['gazetteer'], summary: 'All place records as an Excel workbook (the import columns)' } },
    async (_request, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${exportName('xlsx')}"`)
        .send(await placesToXlsx(await readAllPlaces(pool))),
  )
}
