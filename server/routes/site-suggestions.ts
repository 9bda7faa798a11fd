import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Static } from 'typebox'
import { ProblemSchema } from '../schemas/common.ts'
import { SiteSuggestionBodySchema, SiteSuggestionReportSchema } from '../schemas/site-suggestions.ts'
import { HttpError } from '../plugins/problem-errors.ts'
import { facilityKindExists } from '../coverage/coverage-repository.ts'
import { resolveWhatIf } from './what-if-parameters.ts'
import { FacilityChangeError } from '../coverage/facility-changes.ts'
import { resolveTravelBands, TravelParameterError, type TravelBands } from '../coverage/travel-parameters.ts'
import { CompoundsChangedError, computeSiteSuggestions, readGatePoints, SiteSuggestionError } from '../coverage/site-suggestion-service.ts'
import { CoverageWorkLimitError } from '../geo/max-coverage.ts'

type SiteSuggestionBody = Static<typeof SiteSuggestionBodySchema>

/** The one band of a request; a bad one answers 400 naming the field. */
function bandOf(body: SiteSuggestionBody): TravelBands {
  const mode = body.mode ?? 'time'
  const field = mode === 'time' ? 'minutes' : 'metres'
  if (mode === 'time' && body.metres !== undefined) throw new HttpError(400, 'metres: give minutes in time mode, or mode: "distance"')
  if (mode === 'distance' && body.minutes !== undefined) throw new HttpError(400, 'minutes: give metres in distance mode')
  try {
    return resolveTravelBands({
      mode,
      bands: [mode === 'time' ? (body.minutes ?? 15) : (body.metres ?? 1000)],
      ...(body.speed ? { speed: body.speed } : {}),
      ...(body.speedKmh !== undefined ? { speedKmh: body.speedKmh } : {}),
    })
  } catch (error) {
    if (error instanceof TravelParameterError) throw new HttpError(400, `${error.message.startsWith('speedKmh') ? '' : `${field}: `}${error.message}`)
    throw error
  }
}

/**
 * Suggested sites for new facilities of a kind: the k candidates that bring
 * the most households not yet within one band into it (greedy maximum
 * coverage), on top of a saved scenario and unsaved changes if given.
 */
export const siteSuggestionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pool = app.database.pool
  const { baselines } = app.analysis

  app.post(
    '/api/site-suggestions',
    {
      schema: {
        tags: ['coverage'],
        summary: 'Suggested sites for k new facilities that cover the most households not yet within a band (nothing is saved)',
        description:
          'Candidates are the gates of compounds not yet within the band, points drawn on the map, and vacant parcels (each tried at the point of its boundary nearest a walkable street). ' +
          'Each candidate on the network is searched once within the band; a compound counts as covered by it when one of its gates reaches it, snap walks included, exactly as coverage counts. ' +
          'Sites are then picked greedily, each the one that adds the most households (plus weightElderly × elderly population) not yet covered; ties go to the candidate listed first: parcels, then points, then gates. ' +
          'Candidates farther than maxSnapM from any walkable street are listed in `unsnapped`, never moved. ' +
          'The picks come back as what-if `add` changes: POST them to /api/coverage/what-if (after the same scenario and changes, with the same maxSnapM) to see the coverage they give, or save them as a scenario.',
        body: SiteSuggestionBodySchema,
        response: { 200: SiteSuggestionReportSchema, 400: ProblemSchema, 404: ProblemSchema, 503: ProblemSchema },
      },
    },
    async (request) => {
      const body = request.body
      if (!(await facilityKindExists(pool, body.kind))) throw new HttpError(400, `kind: unknown facility kind "${body.kind}"`)
      const bands = bandOf(body)
      const { changes, networkChanges, scenario } = (await resolveWhatIf(pool, body))!
      const baseline = await baselines.get(body.kind, body.maxSnapM ?? 300)
      try {
        const gatePoints = body.candidates.gates ? await readGatePoints(pool, baseline.places) : null
        const report = computeSiteSuggestions(baseline, gatePoints, {
          bands,
          k: body.k,
          weightElderly: body.weightElderly ?? 0,
          candidates: body.candidates,
          changes,
          networkChanges,
        })
        return { ...report, scenario }
      } catch (error) {
        if (error instanceof FacilityChangeError || error instanceof SiteSuggestionError) throw new HttpError(400, error.message)
        if (error instanceof CoverageWorkLimitError) throw new HttpError(400, `candidates: ${error.message}`)
        if (error instanceof CompoundsChangedError) throw new HttpError(503, error.message)
        throw error
      }
    },
  )
}
