import type pg from 'pg'
import type { BaselineCache } from '../coverage/coverage-baseline.ts'
import { buildStandardsReport } from './report-service.ts'
import { readDefaultStandardSet } from './standards-repository.ts'
import type { RuleEvaluation } from './evaluate-rules.ts'

/** A community's failed rule as published: the rule, measured and required values, the shortfall. */
export interface PublishedFlag extends Omit<RuleEvaluation, 'status'> {
  communityCode: string
  communityName: string
}

export interface PublishedFlags {
  set: { id: number; name: string; version: number }
  dataVersion: number
  flags: PublishedFlag[]
}

/**
 * The flags of every community against the default standard set: what the
 * department publishes. Only division names and codes and the measured
 * figures leave; no facility, compound or person is named.
 */
export async function readPublishedFlags(pool: pg.Pool, baselines: BaselineCache): Promise<PublishedFlags | undefined> {
  const set = await readDefaultStandardSet(pool)
  if (!set) return undefined
  const report = await buildStandardsReport(pool, baselines, set, { maxSnapM: 300 })
  const flags = report.communities.flatMap((community) =>
    community.evaluations
      .filter((evaluation) => evaluation.status === 'fail')
      .map(({ status: _status, ...evaluation }) => ({ communityCode: community.code, communityName: community.name, ...evaluation })),
  )
  return { set: { id: set.id, name: set.name, version: set.version }, dataVersion: report.dataVersion, flags }
}
