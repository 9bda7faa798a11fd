import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify'

/** An error that answers with its status and its message as the problem's detail. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Answers 409 for a save that started from an older version, with what is
 * stored now in `current`, so the editor can see what changed.
 */
export function sendStaleVersion(reply: FastifyReply, detail: string, current: unknown) {
  return reply.status(409).type('application/problem+json').send({ type: 'about:blank', title: 'Conflict', status: 409, detail, current })
}

/** Error codes of a database that is down, restarting or unreachable: worth a 503 and a retry, not a 500. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300'])

/** Whether an error says the database could not be reached or went away mid-request. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true
  return typeof message === 'string' && /Connection terminated|connection error|timeout exceeded when trying to connect|Client was closed/i.test(message)
}

/**
 * Answers every error as application/problem+json: validation errors say
 * which field is wrong, server errors say nothing of SQL or stack traces
 * (those go to the log with the request id).
 */
export function registerProblemErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable')
      void reply.header('retry-after', '5')
      return reply.status(503).type('application/problem+json').send({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: 'the database is unavailable just now; try again in a few seconds',
        instance: request.url,
      })
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    const detail =
      status >= 500
        ? 'An internal error occurred; the server log has the details (request id ' + request.id + ').'
        : error.code?.startsWith('FST_CSRF')
          ? 'missing or stale CSRF token: read GET /api/auth/session and send its csrfToken in the x-csrf-token header'
          : error.message
    void reply
      .status(status)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: titleFor(status), status, detail, instance: request.url, ...(status < 500 ? extraOf(error) : {}) })
  })
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .type('application/problem+json')
      .send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No route for ${request.method} ${request.url}`, instance: request.url })
  })
}

/** Fields an error carries for the client beyond its message (see GazetteerError); never those of the problem itself. */
function extraOf(error: unknown): Record<string, unknown> {
  const extra = (error as { extra?: unknown }).extra
  if (!extra || typeof extra !== 'object') return {}
  const { type: _type, title: _title, status: _status, detail: _detail, instance: _instance, ...rest } = extra as Record<string, unknown>
  return rest
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  }
  return titles[status] ?? (status >= 500 ? 'Server Error' : 'Client Error')
}
