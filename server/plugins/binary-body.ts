import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { HttpError } from './problem-errors.ts'

export interface BinaryBodyOptions {
  /** The media types taken, such as `image/png`; parameters (`; charset=…`) are ignored. */
  mediaTypes: readonly string[]
  /** The largest body in bytes; a larger one gets 413 without being read in full. */
  bodyLimit: number
}

/** Leading bytes of the types we can recognise; a body declared as one of these must start with one of its signatures. */
const SIGNATURES: Record<string, readonly (readonly (number | null)[])[]> = {
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  // RIFF, four bytes of length, WEBP.
  'image/webp': [[0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]],
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  // Office Open XML files are ZIP archives.
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': [[0x50, 0x4b, 0x03, 0x04]],
  'application/zip': [[0x50, 0x4b, 0x03, 0x04]],
  // Legacy Office files are OLE compound documents.
  'application/msword': [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  'application/vnd.ms-excel': [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  'application/vnd.ms-powerpoint': [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
}

/**
 * The content types an import file may be sent with (GeoJSON, CSV, XLSX, a
 * zipped Shapefile, or bytes); the importer takes the format from its query.
 */
export const IMPORT_FILE_MEDIA_TYPES = [
  'application/geo+json',
  'application/json',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
  'application/octet-stream',
] as const

/** The media type of a content-type header, lower-cased, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Whether `bytes` start the way files of `mediaType` do; true for types without a known signature. */
export function hasSignatureOf(mediaType: string, bytes: Uint8Array): boolean {
  const signatures = SIGNATURES[mediaType]
  if (!signatures) return true
  return signatures.some((signature) => bytes.length >= signature.length && signature.every((byte, i) => byte === null || bytes[i] === byte))
}

/**
 * Makes the routes of the calling plugin take raw bodies of the given media
 * types, as a Buffer in `request.body`, up to `bodyLimit` bytes. Call it
 * inside an encapsulated plugin (`app.register(async (files) => { … })`)
 * that holds only such routes: it removes every other parser there, JSON
 * included. Any other content type, or a body without one, is refused with
 * 415 naming the types taken; a body whose first bytes do not match its
 * declared type (a PNG header on a JPEG, a script named image/png) gets 415
 * too, and an empty body 400. Declare the routes' bodies with
 * {@link binaryBodySchema}.
 */
export function acceptBinaryBodies(app: FastifyInstance, options: BinaryBodyOptions): void {
  const accepted = options.mediaTypes.map((type) => type.toLowerCase())
  const list = accepted.join(', ')
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(accepted, { parseAs: 'buffer', bodyLimit: options.bodyLimit }, (request: FastifyRequest, body: Buffer | string, done) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body
    const declared = mediaTypeOf(request.headers['content-type'])
    if (bytes.length === 0) return done(new HttpError(400, `the request body is empty: send the file itself as the body (${list})`), undefined)
    if (!hasSignatureOf(declared, bytes)) {
      return done(new HttpError(415, `the body is not ${declared}: its first bytes are not those of a ${declared} file`), undefined)
    }
    done(null, bytes)
  })
  app.addContentTypeParser('*', (request, _payload, done) => {
    const given = request.headers['content-type']
    const detail = given
      ? `content-type ${mediaTypeOf(given) || given} is not taken here: send the file as the raw body with content-type ${list}`
      : `the body has no content-type: send the file as the raw body with content-type ${list}`
    done(new HttpError(415, detail), undefined)
  })
}

/**
 * The `consumes` and `body` of a route that takes raw bodies, to spread into
 * its schema: any bytes pass validation (the parser has checked them), the
 * handler sees `request.body` as a Buffer, and the OpenAPI document lists
 * each media type as a binary upload.
 */
export function binaryBodySchema(mediaTypes: readonly string[], description: string) {
  return { consumes: [...mediaTypes], body: Type.Unsafe<Buffer>({ description, contentEncoding: 'binary' }) }
}

/**
 * Makes the routes of the calling plugin take bodies of the given media
 * types as a stream in `request.body`, for files too large to hold in
 * memory; the handler saves it with {@link saveUploadToFile}. Call it
 * inside an encapsulated plugin that holds only such routes. Any other
 * content type is refused with 415 naming the types taken.
 */
export function acceptStreamedBodies(app: FastifyInstance, mediaTypes: readonly string[]): void {
  const accepted = mediaTypes.map((type) => type.toLowerCase())
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(accepted, (_request, payload, done) => done(null, payload))
  app.addContentTypeParser('*', (request, _payload, done) => {
    const given = request.headers['content-type']
    done(new HttpError(415, `content-type ${mediaTypeOf(given) || 'none'} is not taken here: send the file as the raw body with content-type ${accepted.join(', ')}`), undefined)
  })
}

/**
 * Writes a streamed body to `file`, stopping with 413 once it passes
 * `limit` bytes (the part written is removed) and refusing an empty body
 * with 400. Returns the number of bytes written.
 */
export async function saveUploadToFile(body: NodeJS.ReadableStream, file: string, limit: number): Promise<number> {
  let bytes = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length
      if (bytes > limit) callback(new HttpError(413, `the file is larger than ${Math.round(limit / 2 ** 20)} MiB; import it on the command line (npm run cli -- import:osm)`))
      else callback(null, chunk)
    },
  })
  try {
    await pipeline(body, counter, createWriteStream(file))
  } catch (error) {
    await rm(file, { force: true })
    throw error
  }
  if (bytes === 0) {
    await rm(file, { force: true })
    throw new HttpError(400, 'the request body is empty: send the file itself as the body')
  }
  return bytes
}
