import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from 'typebox'
import type { ImportJobState, ImportJobs } from '../imports/import-jobs.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { ProblemSchema } from '../schemas/common.ts'
import { ImportJobParamsSchema } from '../schemas/layer-imports.ts'

/** A job as the API shows it: everything but its owner's id. */
export const publicJob = <O>({ ownerId: _ownerId, ...job }: ImportJobState<O>) => job

/**
 * `GET` and `DELETE` `{path}/:id` for the jobs of one kind of import: the
 * progress and outcome of a job, and its cancelling. Only the user who
 * started a job (or an administrator) sees it; others get 404, as for a
 * job that never was or was forgotten. Registered as a plugin with its
 * jobs, path and job schema.
 */
export const importJobRoutes: FastifyPluginAsyncTypebox<{ path: string; jobs: ImportJobs<unknown>; jobSchema: TSchema; what: string }> = async (app, { path, jobs, jobSchema, what }) => {
  const jobOf = (user: { id: number; roles: readonly string[] } | null, id: string) => {
    const job = jobs.get(id)
    if (!job || !user || (job.ownerId !== user.id && !user.roles.includes('admin'))) throw new HttpError(404, `there is no ${what} ${id} of yours (finished jobs are kept for 15 minutes)`)
    return job
  }
  app.get(
    `${path}/:id`,
    { schema: { tags: ['imports'], summary: `The progress and outcome of a ${what}`, params: ImportJobParamsSchema, response: { 200: jobSchema, 404: ProblemSchema } } },
    async (request) => publicJob(jobOf(request.user, request.params.id)),
  )
  app.delete(
    `${path}/:id`,
    {
      schema: {
        tags: ['imports'],
        summary: `Cancel a ${what}`,
        description: 'Stops a running job and answers once its transaction has rolled back (state cancelled); a finished job is answered as it is.',
        params: ImportJobParamsSchema,
        response: { 200: jobSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      jobOf(request.user, request.params.id)
      return publicJob((await jobs.cancel(request.params.id))!)
    },
  )
}
