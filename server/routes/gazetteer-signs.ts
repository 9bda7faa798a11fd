import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import {
  GazetteerFileSchema,
  GazetteerIdParamsSchema,
  PhotoUploadQuerySchema,
  SignCreateSchema,
  SignDetailSchema,
  SignListQuerySchema,
  SignPhotoParamsSchema,
  SignSchema,
  SignUpdateSchema,
  type PlaceSummary,
  type SignFieldsInput,
} from '../schemas/gazetteer-assets.ts'
import { auditedChange } from '../audit/audited-change.ts'
import { actorOf } from '../plugins/auth.ts'
import { HttpError, sendStaleVersion } from '../plugins/problem-errors.ts'
import { acceptBinaryBodies, binaryBodySchema, mediaTypeOf } from '../plugins/binary-body.ts'
import { readPlaceSummary } from '../gazetteer/protected-names-repository.ts'
import { insertSign, listSigns, readSign, updateSign, type SignInput } from '../gazetteer/signs-repository.ts'
import { deleteSignPhoto, insertGazetteerFile, listSignPhotos } from '../gazetteer/gazetteer-files-repository.ts'

/** The image types a sign photo may have. */
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
/** The largest photo taken: 10 MiB. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

const StaleSignSchema = Type.Object({ ...ProblemSchema.properties, current: SignSchema })

/** A file name as given, without any folder part or control characters; empty when nothing is left. */
function cleanFilename(given: string | undefined): string {
  const base = (given ?? '').split(/[/\\]/).pop() ?? ''
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim()
}

function signInput(body: Omit<SignFieldsInput, 'version'>, place: PlaceSummary): SignInput {
  const textZh = body.textZh.trim()
  if (textZh === '') throw new HttpError(400, 'textZh: must not be blank')
  if (body.installedOn && body.lastInspectedOn && body.lastInspectedOn < body.installedOn) {
    throw new HttpError(400, `lastInspectedOn: ${body.lastInspectedOn} is before the sign was installed (${body.installedOn})`)
  }
  return {
    signType: body.signType,
    textZh,
    textPinyin: body.textPinyin === undefined ? place.romanization : body.textPinyin.trim(),
    location: body.location ?? null,
    material: (body.material ?? '').trim(),
    installedOn: body.installedOn ?? null,
    condition: body.condition ?? 'good',
    lastInspectedOn: body.lastInspectedOn ?? null,
    note: body.note ?? '',
  }
}

/**
 * Place-name signs (地名标志): what each says, where it stands, its state
 * and inspections, and its photos. Photos are uploaded as raw JPEG, PNG or
 * WebP bodies (checked by their first bytes) and downloaded from
 * /api/gazetteer/files/:id.
 */
export const signRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/gazetteer/signs',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Place-name signs, by place, condition, or overdue inspection',
        querystring: SignListQuerySchema,
        response: { 200: Type.Object({ signs: Type.Array(SignSchema) }) },
      },
    },
    async (request) => ({ signs: await listSigns(pool, request.query) }),
  )

  app.get(
    '/api/gazetteer/signs/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'One sign with its photos',
        params: GazetteerIdParamsSchema,
        response: { 200: SignDetailSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const sign = await readSign(pool, request.params.id)
      if (!sign) throw new HttpError(404, `no sign ${request.params.id}`)
      return { ...sign, photos: await listSignPhotos(pool, sign.id) }
    },
  )

  app.post(
    '/api/gazetteer/signs',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Record a sign',
        description: 'The sign’s pinyin is the place’s romanization when `textPinyin` is left out.',
        body: SignCreateSchema,
        response: { 201: SignSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { placeId, ...fields } = request.body
      const sign = await auditedChange(pool, actorOf(request), async (tx) => {
        const place = await readPlaceSummary(tx, placeId)
        if (!place) throw new HttpError(400, `placeId: there is no place ${placeId}`)
        const created = await insertSign(tx, placeId, signInput(fields, place))
        return { result: created, audit: { entity: 'place-sign', entityId: created.id, action: 'create', before: null, after: created } }
      })
      return reply.status(201).header('location', `/api/gazetteer/signs/${sign.id}`).send(sign)
    },
  )

  app.put(
    '/api/gazetteer/signs/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Edit a sign: its text, location, state and inspection',
        description:
          'Replaces the sign’s fields (a field left out is cleared; `textPinyin` left out becomes the place’s romanization). The body carries the version the edit started from; if the sign was saved since, the answer is 409 with the stored sign in `current`.',
        params: GazetteerIdParamsSchema,
        body: SignUpdateSchema,
        response: { 200: SignSchema, 400: ProblemSchema, 404: ProblemSchema, 409: Type.Union([StaleSignSchema, ProblemSchema]) },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const { version, ...fields } = request.body
      const outcome = await auditedChange(pool, actorOf(request), async (tx) => {
        const before = await readSign(tx, id)
        if (!before) return { result: 'missing' as const, audit: null }
        const result = await updateSign(tx, id, version, signInput(fields, before.place))
        const audit = result !== 'missing' && 'sign' in result ? { entity: 'place-sign', entityId: id, action: 'update', before, after: result.sign } : null
        return { result, audit }
      })
      if (outcome === 'missing') throw new HttpError(404, `no sign ${id}`)
      if ('stale' in outcome) {
        return sendStaleVersion(reply, `sign ${id} is at version ${outcome.stale.version}, not ${version}: it was saved since this edit began`, outcome.stale)
      }
      return outcome.sign
    },
  )

  await app.register(async (plugin) => {
    acceptBinaryBodies(plugin, { mediaTypes: PHOTO_MEDIA_TYPES, bodyLimit: PHOTO_MAX_BYTES })
    const uploads = plugin.withTypeProvider<TypeBoxTypeProvider>()
    uploads.post(
      '/api/gazetteer/signs/:id/photos',
      {
        schema: {
          tags: ['gazetteer'],
          summary: 'Add a photo to a sign',
          description: 'The body is the image itself: JPEG, PNG or WebP, at most 10 MiB, with the matching content-type. `filename` names it for downloads.',
          params: GazetteerIdParamsSchema,
          querystring: PhotoUploadQuerySchema,
          ...binaryBodySchema(PHOTO_MEDIA_TYPES, 'The image (JPEG, PNG or WebP), at most 10 MiB'),
          response: { 201: GazetteerFileSchema, 400: ProblemSchema, 404: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { id } = request.params
        const content: unknown = request.body
        if (!Buffer.isBuffer(content)) throw new HttpError(415, `send the image as the raw body with content-type ${PHOTO_MEDIA_TYPES.join(', ')}`)
        const mediaType = mediaTypeOf(request.headers['content-type'])
        const filename = cleanFilename(request.query.filename) || `sign-${id}-photo.${EXTENSIONS[mediaType] ?? 'bin'}`
        const actor = actorOf(request)
        const file = await auditedChange(pool, actor, async (tx) => {
          if (!(await readSign(tx, id))) throw new HttpError(404, `no sign ${id}`)
          const stored = await insertGazetteerFile(tx, { owner: { signId: id }, kind: 'photo', filename, mediaType, content, uploadedBy: actor.name })
          return { result: stored, audit: { entity: 'gazetteer-file', entityId: stored.id, action: 'upload', before: null, after: stored } }
        })
        return reply.status(201).header('location', `/api/gazetteer/files/${file.id}`).send(file)
      },
    )
  })

  app.delete(
    '/api/gazetteer/signs/:id/photos/:fileId',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Remove a photo of a sign',
        params: SignPhotoParamsSchema,
        response: { 204: Type.Null(), 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { id, fileId } = request.params
      const deleted = await auditedChange(pool, actorOf(request), async (tx) => {
        const before = await deleteSignPhoto(tx, id, fileId)
        return { result: before, audit: before ? { entity: 'gazetteer-file', entityId: fileId, action: 'delete', before, after: null } : null }
      })
      if (!deleted) throw new HttpError(404, `sign ${id} has no photo ${fileId}`)
      return reply.status(204).send(null)
    },
  )
}
