/**
 * A request the gazetteer refuses, with the status to answer and anything a
 * client needs to put it right (`problems` by field, the `similarNames` to
 * acknowledge, the `current` record and its `changes` after a stale save).
 * The problem-errors plugin adds `extra` to the problem body.
 */
export class GazetteerError extends Error {
  constructor(
    readonly statusCode: 400 | 403 | 404 | 409 | 413 | 415,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'GazetteerError'
  }
}
