import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { HttpError } from './problem-errors.ts'

/**
 * What schema validation lets through but nothing behind it can take: a
 * number that is not finite ("1e309" or "Infinity" coerced from a query or
 * a body, 1e309 in JSON) and text with the NUL character, which PostgreSQL
 * cannot store. Answers 400 naming the field, before any handler runs.
 */
export function refuseUnusableValues(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    for (const value of [request.params, request.query, request.body]) {
      const problem = findUnusableValue(value)
      if (problem) throw new HttpError(400, problem)
    }
  })
}

/** The first non-finite number or NUL-bearing string in a parsed value, described with its path; `null` when there is none. Raw bodies (Buffers) are bytes and streamed bodies are streams, not values: neither is walked. */
export function findUnusableValue(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, '']]
  while (stack.length > 0) {
    const [value, path] = stack.pop()!
    if (typeof value === 'number' && !Number.isFinite(value)) return `${path || 'value'}: must be a finite number`
    if (typeof value === 'string' && value.includes('\u0000')) return `${path || 'value'}: must not contain the NUL character (U+0000)`
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof Readable) continue
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}[${i}]`])
      continue
    }
    for (const [key, child] of Object.entries(value).reverse()) {
      if (key.includes('\u0000')) return `${path || 'value'}: a key must not contain the NUL character (U+0000)`
      stack.push([child, path ? `${path}.${key}` : key])
    }
  }
  return null
}
