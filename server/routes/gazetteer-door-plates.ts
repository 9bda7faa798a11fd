import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import {
  CertificateCreateSchema,
  CertificateRevokeSchema,
  CertificateSchema,
  DoorPlateCreateSchema,
  DoorPlateDetailSchema,
  DoorPlateListQuerySchema,
  DoorPlateListSchema,
  DoorPlateSchema,
  DoorPlateUpdateSchema,
  GazetteerIdParamsSchema,
  type DoorPlate,
  type DoorPlateFieldsInput,
} from '../schemas/gazetteer-assets.ts'
import type { Queryable } from '../db/transaction.ts'
import { auditedChange } from '../audit/audited-change.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'
import {
  CertificateConflictError,
  DoorPlateTakenError,
  findCommunityAt,
  findSameDoorPlate,
  insertCertificate,
  insertDoorPlate,
  listCertificates,
  listDoorPlates,
  readCertificate,
  readCertificateByNumber,
  readCertificateSheet,
  readDivisionLevel,
  readDoorPlate,
  readRoad,
  readValidCertificate,
  revokeCertificate,
  updateDoorPlate,
  type DoorPlateInput,
} from '../gazetteer/door-plates-repository.ts'
import { formatDoorNumber } from '../gazetteer/standard-address.ts'
import { renderCertificatePage } from '../gazetteer/certificate-page.ts'

const StalePlateSchema = Type.Object({ ...ProblemSchema.properties, current: DoorPlateSchema })
const ROAD_CATEGORY = 'transport-facilities'

const conflict = (error: unknown): never => {
  if (error instanceof DoorPlateTakenError || error instanceof CertificateConflictError) throw new HttpError(409, error.message)
  throw error
}

/**
 * What a plate's body becomes once checked: the road must be a current
 * transport-facilities place (checked when the road changes or the plate
 * becomes current), the community a community, found from the location
 * when not given; no other current plate may have the same road, number,
 * building, unit and room.
 */
async function checkedPlateInput(db: Queryable, body: DoorPlateFieldsInput, status: DoorPlateInput['status'], stored: DoorPlate | null): Promise<DoorPlateInput> {
  const input: DoorPlateInput = {
    roadPlaceId: body.roadPlaceId,
    number: body.number,
    building: (body.building ?? '').trim(),
    unit: (body.unit ?? '').trim(),
    room: (body.room ?? '').trim(),
    communityCode: body.communityCode ?? null,
    location: body.location ?? null,
    status,
  }
  if (!stored || stored.roadPlaceId !== input.roadPlaceId || (stored.status !== 'current' && status === 'current')) {
    const road = await readRoad(db, input.roadPlaceId)
    if (!road) throw new HttpError(400, `roadPlaceId: there is no place ${input.roadPlaceId}`)
    if (road.category !== ROAD_CATEGORY) {
      throw new HttpError(400, `roadPlaceId: place ${road.id} (${road.standardName}) is not a road: its category is ${road.category}, not ${ROAD_CATEGORY}`)
    }
    if (road.status !== 'current') throw new HttpError(400, `roadPlaceId: road ${road.id} (${road.standardName}) is ${road.status}, not current`)
  }
  if (input.communityCode) {
    const level = await readDivisionLevel(db, input.communityCode)
    if (!level) throw new HttpError(400, `communityCode: there is no division ${input.communityCode}`)
    if (level !== 'community') throw new HttpError(400, `communityCode: ${input.communityCode} is a ${level}, not a community`)
  } else if (input.location) {
    input.communityCode = (await findCommunityAt(db, input.location)) ?? null
  }
  if (status === 'current') {
    const same = await findSameDoorPlate(db, input, stored?.id ?? null)
    if (same !== undefined) throw new HttpError(409, `door plate ${same} already has road ${input.roadPlaceId} and number ${formatDoorNumber(input)}: a current plate must be unique`)
  }
  return input
}

/**
 * Door plates (门牌) along gazetteer roads and their certificates (门牌证).
 * A plate's standard address is derived when it is read, from the
 * divisions and the road's current standard name, so renaming a road
 * readdresses its plates. A plate has at most one valid certificate; a
 * certificate is revoked, never deleted, and prints as an HTML page.
 */
export const doorPlateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/gazetteer/door-plates',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Door plates with their standard addresses and valid certificates, by road, community, status or number prefix',
        querystring: DoorPlateListQuerySchema,
        response: { 200: DoorPlateListSchema },
      },
    },
    async (request) => {
      const { roadId, communityCode, status, q, limit, offset } = request.query
      return listDoorPlates(pool, { roadId, communityCode, status, numberPrefix: q, limit: limit ?? 1000, offset: offset ?? 0 })
    },
  )

  app.get(
    '/api/gazetteer/door-plates/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'One door plate with its certificates',
        params: GazetteerIdParamsSchema,
        response: { 200: DoorPlateDetailSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const plate = await readDoorPlate(pool, request.params.id)
      if (!plate) throw new HttpError(404, `no door plate ${request.params.id}`)
      return { ...plate, certificates: await listCertificates(pool, plate.id) }
    },
  )

  app.post(
    '/api/gazetteer/door-plates',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Record a door plate',
        description: 'The road must be a current place of category transport-facilities. Without `communityCode` the community is the one the location lies in.',
        body: DoorPlateCreateSchema,
        response: { 201: DoorPlateSchema, 400: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const body = request.body
      const plate = await auditedChange(pool, actorOf(request), async (tx) => {
        const created = await insertDoorPlate(tx, await checkedPlateInput(tx, body, 'current', null))
        return { result: created, audit: { entity: 'door-plate', entityId: created.id, action: 'create', before: null, after: created } }
      }).catch(conflict)
      return reply.status(201).header('location', `/api/gazetteer/door-plates/${plate.id}`).send(plate)
    },
  )

  app.put(
    '/api/gazetteer/door-plates/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Edit a door plate, or retire it with status retired',
        description:
          'Replaces the plate’s fields. A plate with a valid certificate cannot be retired until the certificate is revoked. The body carries the version the edit started from; if the plate was saved since, the answer is 409 with the stored plate in `current`.',
        params: GazetteerIdParamsSchema,
        body: DoorPlateUpdateSchema,
        response: { 200: DoorPlateSchema, 400: ProblemSchema, 404: ProblemSchema, 409: Type.Union([StalePlateSchema, ProblemSchema]) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { version, status, ...fields } = request.body
      const outcome = await auditedChange(pool, actorOf(request), async (tx) => {
        const before = await readDoorPlate(tx, id)
        if (!before) return { result: 'missing' as const, audit: null }
        if (before.version !== version) return { result: { stale: before }, audit: null }
        if (status === 'retired' && before.status === 'current') {
          const valid = await readValidCertificate(tx, id)
          if (valid) throw new HttpError(409, `door plate ${id} has a valid certificate, number ${valid.number} (certificate ${valid.id}): revoke it before retiring the plate`)
        }
        const result = await updateDoorPlate(tx, id, version, await checkedPlateInput(tx, fields, status, before))
        const action = before.status === 'current' && status === 'retired' ? 'retire' : 'update'
        const audit = result !== 'missing' && 'plate' in result ? { entity: 'door-plate', entityId: id, action, before, after: result.plate } : null
        return { result, audit }
      }).catch(conflict)
      if (outcome === 'missing') throw new HttpError(404, `no door plate ${id}`)
      if ('stale' in outcome) {
        return sendStaleVersion(reply, `door plate ${id} is at version ${outcome.stale.version}, not ${version}: it was saved since this edit began`, outcome.stale)
      }
      return outcome.plate
    },
  )

  app.get(
    '/api/gazetteer/door-plates/:id/certificates',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'A door plate’s certificates, the latest first',
        params: GazetteerIdParamsSchema,
        response: { 200: Type.Object({ certificates: Type.Array(CertificateSchema) }), 404: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params
      if (!(await readDoorPlate(pool, id))) throw new HttpError(404, `no door plate ${id}`)
      return { certificates: await listCertificates(pool, id) }
    },
  )

  app.post(
    '/api/gazetteer/door-plates/:id/certificates',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Issue a certificate for a door plate',
        description: 'A plate has at most one valid certificate: while one is valid, issuing another is 409 naming it.',
        params: GazetteerIdParamsSchema,
        body: CertificateCreateSchema,
        response: { 201: CertificateSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const number = request.body.number.trim()
      const holder = request.body.holder.trim()
      if (number === '') throw new HttpError(400, 'number: must not be blank')
      if (holder === '') throw new HttpError(400, 'holder: must not be blank')
      const actor = actorOf(request)
      const certificate = await auditedChange(pool, actor, async (tx) => {
        const plate = await readDoorPlate(tx, id)
        if (!plate) throw new HttpError(404, `no door plate ${id}`)
        if (plate.status !== 'current') throw new HttpError(409, `door plate ${id} is retired: a retired plate gets no certificate`)
        const valid = await readValidCertificate(tx, id)
        if (valid) {
          throw new HttpError(409, `door plate ${id} has a valid certificate already: number ${valid.number} (certificate ${valid.id}), issued ${valid.issuedOn}; revoke it first`)
        }
        const taken = await readCertificateByNumber(tx, number)
        if (taken) throw new HttpError(409, `number: certificate number ${number} is used already (certificate ${taken.id})`)
        const issued = await insertCertificate(tx, id, { number, holder, issuedOn: request.body.issuedOn, issuedBy: actor.name })
        return { result: issued, audit: { entity: 'door-plate-certificate', entityId: issued.id, action: 'issue', before: null, after: issued } }
      }).catch(conflict)
      return reply.status(201).header('location', `/api/gazetteer/certificates/${certificate.id}/print`).send(certificate)
    },
  )

  app.post(
    '/api/gazetteer/certificates/:id/revoke',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Revoke a door-plate certificate',
        params: GazetteerIdParamsSchema,
        body: CertificateRevokeSchema,
        response: { 200: CertificateSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema },
      },
    },
    async (request) => {
      const { id } = request.params
      const { revokedOn } = request.body
      const reason = request.body.reason.trim()
      if (reason === '') throw new HttpError(400, 'reason: must not be blank')
      return auditedChange(pool, actorOf(request), async (tx) => {
        const before = await readCertificate(tx, id)
        if (!before) throw new HttpError(404, `no certificate ${id}`)
        if (before.revokedOn) throw new HttpError(409, `certificate ${id} was revoked on ${before.revokedOn} already`)
        if (revokedOn < before.issuedOn) throw new HttpError(400, `revokedOn: ${revokedOn} is before the certificate was issued (${before.issuedOn})`)
        const revoked = await revokeCertificate(tx, id, revokedOn, reason)
        if (!revoked) throw new HttpError(409, `certificate ${id} was revoked already`)
        return { result: revoked, audit: { entity: 'door-plate-certificate', entityId: id, action: 'revoke', before, after: revoked, reason } }
      })
    },
  )

  app.get(
    '/api/gazetteer/certificates/:id/print',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'A door-plate certificate as a printable HTML page (A5)',
        params: GazetteerIdParamsSchema,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const sheet = await readCertificateSheet(pool, request.params.id)
      if (!sheet) throw new HttpError(404, `no certificate ${request.params.id}`)
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderCertificatePage(sheet))
    },
  )
}
