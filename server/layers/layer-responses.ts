import type pg from 'pg'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { FreshRead } from './fresh-read.ts'
import { ResponseCache, ifNoneMatchHits, type TaggedBody } from './response-cache.ts'
import { readDataVersions, type DataVersions } from './layers-repository.ts'

/** The version counter that changes whenever the tables behind a response change. */
export type VersionedBy = 'data' | 'network'

/**
 * Encoded map-layer responses kept in memory at the current data version.
 * Every request reads the versions (one tiny query, shared with the requests
 * that arrive while it runs, never one started before the request), so an
 * edit committed before a request is always in its answer: the edit's
 * trigger bumps the version in the same transaction, and the cache key
 * carries it.
 */
export class LayerResponses {
  private readonly versions: FreshRead<DataVersions>
  private readonly cache: ResponseCache

  constructor(pool: pg.Pool, maxBytes: number) {
    this.versions = new FreshRead(() => readDataVersions(pool))
    this.cache = new ResponseCache(maxBytes)
  }

  /**
   * The body of `resource` at the current versions, built by `build` when
   * missing. `build` must read the data after it is called (it is, by
   * construction, called after the versions were read), so a body is never
   * older than the version it is kept under.
   */
  async get(resource: string, versionedBy: VersionedBy, build: () => Promise<Buffer>): Promise<TaggedBody> {
    const versions = await this.versions.read()
    return this.cache.get(`${resource}|schema ${versions.schema}|${versionedBy} ${versions[versionedBy]}`, build)
  }
}

/**
 * Sends a tagged body for the browser to revalidate on every use
 * (`no-cache`: edits show at once), or 304 when `If-None-Match` names its tag.
 */
export function sendTagged(request: FastifyRequest, reply: FastifyReply, tagged: TaggedBody, contentType: string): FastifyReply {
  reply.header('etag', tagged.etag).header('cache-control', 'no-cache')
  if (ifNoneMatchHits(request.headers['if-none-match'], tagged.etag)) return reply.code(304).send()
  return reply.type(contentType).send(tagged.body)
}

/** Encodes a payload with the route's response schema, the bytes Fastify would have sent for it. */
export function serializeBody(reply: FastifyReply, payload: unknown): Buffer {
  const serialized = reply.serialize(payload)
  if (typeof serialized === 'string') return Buffer.from(serialized)
  return Buffer.isBuffer(serialized) ? serialized : Buffer.from(serialized)
}
