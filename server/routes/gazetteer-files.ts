import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { GazetteerIdParamsSchema } from '../schemas/gazetteer-assets.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { readGazetteerFile } from '../gazetteer/gazetteer-files-repository.ts'

/**
 * A Content-Disposition value that names the file in every browser: a
 * plain-ASCII `filename` with anything else replaced, and the exact name
 * in `filename*` (RFC 5987/6266), so 长青路路牌.jpg arrives as such.
 */
export function contentDisposition(filename: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_')
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

/**
 * Downloads of gazetteer files: sign photos and naming-case documents,
 * with their stored media type, as attachments the browser never sniffs.
 */
export const gazetteerFileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool

  app.get(
    '/api/gazetteer/files/:id',
    {
      schema: {
        tags: ['gazetteer'],
        summary: 'Download a gazetteer file (a sign photo or a case document)',
        params: GazetteerIdParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await readGazetteerFile(pool, request.params.id)
      if (!file) throw new HttpError(404, `no file ${request.params.id}`)
      return reply
        .type(file.mediaType)
        .header('content-disposition', contentDisposition(file.filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-cache')
        .send(file.content)
    },
  )
}
