import { describe, expect, it } from 'vitest'
import {
  custodyPatrolStatus,
  damageNeedsAttention,
  lineInspectionStatus,
  referenceInstant,
} from '../../../server/boundaries/inspection-schedule.ts'
import { todayInChina } from '../../../server/calendar-date.ts'

const line = { inspectionCycleYears: 5, lastInspectedOn: null, agreementDate: null, validFrom: null, latestPlannedOn: null }

describe('lineInspectionStatus', () => {
  it('counts the cycle from the last inspection', () => {
    expect(lineInspectionStatus({ ...line, lastInspectedOn: '2019-10-01' }, '2025-03-01')).toEqual({ nextDueYear: 2024, status: 'overdue' })
    expect(lineInspectionStatus({ ...line, lastInspectedOn: '2020-10-01' }, '2025-03-01')).toEqual({ nextDueYear: 2025, status: 'due' })
    expect(lineInspectionStatus({ ...line, lastInspectedOn: '2024-01-10' }, '2025-03-01')).toEqual({ nextDueYear: 2029, status: 'ok' })
  })

  it('prefers the last inspection over the agreement and the agreement over the date in force', () => {
    expect(lineInspectionStatus({ ...line, lastInspectedOn: '2023-05-01', agreementDate: '2001-01-01' }, '2025-03-01').nextDueYear).toBe(2028)
    expect(lineInspectionStatus({ ...line, agreementDate: '2021-06-01', validFrom: '2000-01-01' }, '2025-03-01').nextDueYear).toBe(2026)
    expect(lineInspectionStatus({ ...line, validFrom: '2020-06-01' }, '2025-03-01')).toEqual({ nextDueYear: 2025, status: 'due' })
  })

  it('holds a line with no date at all overdue', () => {
    expect(lineInspectionStatus(line, '2025-03-01')).toEqual({ nextDueYear: null, status: 'overdue' })
  })

  it('shows a round planned this year or later instead of due or overdue, and never over ok', () => {
    const overdue = { ...line, lastInspectedOn: '2015-01-01' }
    expect(lineInspectionStatus({ ...overdue, latestPlannedOn: '2025-01-05' }, '2025-03-01').status).toBe('planned')
    expect(lineInspectionStatus({ ...overdue, latestPlannedOn: '2026-09-01' }, '2025-03-01').status).toBe('planned')
    expect(lineInspectionStatus({ ...overdue, latestPlannedOn: '2024-12-31' }, '2025-03-01').status).toBe('overdue')
    expect(lineInspectionStatus({ ...line, latestPlannedOn: '2025-05-01' }, '2025-03-01').status).toBe('planned')
    expect(lineInspectionStatus({ ...line, lastInspectedOn: '2024-01-01', latestPlannedOn: '2025-05-01' }, '2025-03-01').status).toBe('ok')
  })
})

describe('custodyPatrolStatus', () => {
  const custody = { startsOn: '2025-01-01', endsOn: null, patrolIntervalDays: 30, lastPatrolledOn: null }

  it('is due the interval after the last patrol or the start, overdue once that day has passed', () => {
    expect(custodyPatrolStatus(custody, '2025-01-31')).toEqual({ patrolDueOn: '2025-01-31', patrolOverdue: false })
    expect(custodyPatrolStatus(custody, '2025-02-01')).toEqual({ patrolDueOn: '2025-01-31', patrolOverdue: true })
    expect(custodyPatrolStatus({ ...custody, lastPatrolledOn: '2025-02-10' }, '2025-03-01')).toEqual({ patrolDueOn: '2025-03-12', patrolOverdue: false })
  })

  it('owes no patrol once the custody has ended', () => {
    expect(custodyPatrolStatus({ ...custody, endsOn: '2025-01-20' }, '2025-06-01')).toEqual({ patrolDueOn: null, patrolOverdue: false })
    expect(custodyPatrolStatus({ ...custody, endsOn: '2025-06-01' }, '2025-06-01').patrolOverdue).toBe(true)
  })
})

describe('damageNeedsAttention', () => {
  const now = new Date('2025-03-01T12:00:00Z')
  it('flags reports left without action for more than 12 hours', () => {
    expect(damageNeedsAttention({ reportedAt: new Date('2025-02-28T23:59:00Z'), actionAt: null }, now)).toBe(true)
    expect(damageNeedsAttention({ reportedAt: new Date('2025-03-01T00:00:00Z'), actionAt: null }, now)).toBe(false)
    expect(damageNeedsAttention({ reportedAt: new Date('2025-02-20T00:00:00Z'), actionAt: new Date('2025-02-20T05:00:00Z') }, now)).toBe(false)
  })
})

describe('todayInChina and referenceInstant', () => {
  it('uses the date in UTC+8', () => {
    expect(todayInChina(new Date('2025-03-01T15:59:59Z'))).toBe('2025-03-01')
    expect(todayInChina(new Date('2025-03-01T16:00:00Z'))).toBe('2025-03-02')
  })

  it('judges a past day at its end in Shanghai and today at the present instant', () => {
    const now = new Date('2025-03-01T04:00:00Z')
    expect(referenceInstant('2025-02-10', now).toISOString()).toBe('2025-02-10T16:00:00.000Z')
    expect(referenceInstant('2025-03-01', now)).toBe(now)
  })
})
