import crypto from 'node:crypto'

/** A response body and its entity tag (a hash of the bytes, so equal bodies get equal tags whatever produced them). */
export interface TaggedBody {
  body: Buffer
  etag: string
}

/** Tags a body with a strong entity tag derived from its bytes. */
export function tagBody(body: Buffer): TaggedBody {
  return { body, etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` }
}

/**
 * Whether an `If-None-Match` header names the entity tag, compared weakly as
 * RFC 9110 asks for this header (`W/` prefixes ignored; `*` matches anything).
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

/** Bytes counted for an entry besides its body: the key, the tag and the map's own bookkeeping. */
const entryOverheadBytes = 200

/**
 * Response bodies held in memory by key, the least recently used dropped
 * beyond a byte budget. The key must name everything the body depends on —
 * the request and the version of the data it was read from — so an entry is
 * never stale, only unused. Concurrent requests for a missing key share one
 * build; a failed build is not kept.
 */
export class ResponseCache {
  private readonly entries = new Map<string, TaggedBody>()
  private readonly building = new Map<string, Promise<TaggedBody>>()
  private heldBytes = 0

  constructor(private readonly maxBytes: number) {}

  /** Bytes held now, overhead included. */
  get bytes(): number {
    return this.heldBytes
  }

  get(key: string, build: () => Promise<Buffer>): Promise<TaggedBody> {
    const entry = this.entries.get(key)
    if (entry) {
      this.entries.delete(key)
      this.entries.set(key, entry)
      return Promise.resolve(entry)
    }
    let pending = this.building.get(key)
    if (!pending) {
      pending = build().then(tagBody)
      this.building.set(key, pending)
      const settle = () => this.building.delete(key)
      pending.then((built) => {
        settle()
        this.keep(key, built)
      }, settle)
    }
    return pending
  }

  private keep(key: string, entry: TaggedBody): void {
    const size = entry.body.byteLength + entryOverheadBytes
    if (size > this.maxBytes) return
    const replaced = this.entries.get(key)
    if (replaced) this.heldBytes -= replaced.body.byteLength + entryOverheadBytes
    this.entries.delete(key)
    this.entries.set(key, entry)
    this.heldBytes += size
    for (const [oldKey, old] of this.entries) {
      if (this.heldBytes <= this.maxBytes) break
      this.entries.delete(oldKey)
      this.heldBytes -= old.body.byteLength + entryOverheadBytes
    }
  }
}
