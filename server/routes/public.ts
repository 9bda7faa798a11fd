import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { RuleEvaluationSchema } from '../schemas/standards.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { readPublishedFlags } from '../standards/published-flags.ts'

const { status: _status, ...flagProperties } = RuleEvaluationSchema.properties
const PublishedFlagsSchema = Type.Object({
  set: Type.Object({ id: Type.Integer(), name: Type.String(), version: Type.Integer() }),
  dataVersion: Type.Integer(),
  generatedAt: Type.String(),
  flags: Type.Array(Type.Object({ communityCode: Type.String(), communityName: Type.String(), ...flagProperties })),
})

/**
 * The public read-only API, open without signing in. Each route here is
 * listed as `public` in the access table and answers only what may be
 * published: never coordinates of boundary markers or anyone's personal data.
 */
export const publicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/public/flags',
    {
      schema: {
        tags: ['public'],
        summary: 'Communities that fall short of the default standard set, rule by rule',
        description: 'Open to anyone. Each flag names the community, the rule, the measured and required values and the shortfall.',
        response: { 200: PublishedFlagsSchema, 409: ProblemSchema },
      },
    },
    async () => {
      const published = await readPublishedFlags(app.database.pool, app.analysis.baselines)
      if (!published) throw new HttpError(409, 'there is no default standard set to publish flags against')
      return { ...published, generatedAt: new Date().toISOString() }
    },
  )
}
