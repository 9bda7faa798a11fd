import type pg from 'pg'
import { insertCustody, insertPatrol } from './custodies-repository.ts'
import { insertInspection, listLineMarkers, replaceFindings } from './inspections-repository.ts'
import { todayInChina } from '../calendar-date.ts'

const DEMO_RECORDER = 'demo'

/** A demo line as seedDemoBoundaries returns it (a LineSummary); its markers are read from the database. */
export interface DemoLine {
  id: number
  code: string
  leftName: string
  rightName: string
}

/**
 * Gives the synthetic demo's boundary lines an inspection history and a
 * custody, dated relative to `year` so the dashboard shows each state: the
 * first line last inspected six years before (overdue), the second two
 * years before (in cycle; one marker found damaged), a round planned on the
 * third (or the first when there are two lines) for November of `year`,
 * and a custody of the second line's markers with a 30-day patrol interval
 * and two patrols late in the year before (so its patrol shows overdue). The rows hang off the demo lines and go
 * with them when the demo dataset is replaced; `datasetId` is taken for
 * symmetry with the other demo seeders and not stored. Call it inside the
 * demo's transaction, after seedDemoBoundaries; it does nothing without lines.
 *
 * @param year the demo's year; by default the current year in China
 */
export async function seedDemoInspections(client: pg.PoolClient, datasetId: number, lines: readonly DemoLine[], year = Number(todayInChina().slice(0, 4))): Promise<void> {
  void datasetId
  const [first, second, third] = lines
  if (!first) return
  const parties = (line: DemoLine) => [line.leftName, line.rightName]

  const old = await insertInspection(
    client,
    first.id,
    { kind: 'periodic', reason: '', plannedOn: `${year - 6}-10-01`, doneOn: `${year - 6}-10-15`, officeCheck: true, fieldCheck: true, parties: parties(first), summary: '（演示数据）例行联检，界桩完好，界线走向清楚。' },
    DEMO_RECORDER,
  )
  const firstMarkers = await listLineMarkers(client, first.id)
  await replaceFindings(
    client,
    old,
    [
      ...firstMarkers.slice(0, 1).map((marker) => ({ markerId: marker.id, segment: '', condition: 'intact', finding: '桩体完好，注记清晰', actionTaken: '' })),
      { markerId: null, segment: '全线', condition: null, finding: '界线两侧无争议', actionTaken: '' },
    ],
    `${year - 6}-10-15`,
    DEMO_RECORDER,
  )

  const inCycle = second ?? first
  const recent = await insertInspection(
    client,
    inCycle.id,
    { kind: 'periodic', reason: '', plannedOn: `${year - 2}-09-01`, doneOn: `${year - 2}-09-20`, officeCheck: true, fieldCheck: true, parties: parties(inCycle), summary: '（演示数据）例行联检，一处界桩受损，已安排修复。' },
    DEMO_RECORDER,
  )
  const inCycleMarkers = await listLineMarkers(client, inCycle.id)
  const damaged = inCycleMarkers[1] ?? inCycleMarkers[0]
  if (damaged) {
    await replaceFindings(
      client,
      recent,
      [{ markerId: damaged.id, segment: '', condition: 'damaged', finding: '桩身被车辆刮蹭，注记部分脱落', actionTaken: '已通知养护单位修复' }],
      `${year - 2}-09-20`,
      DEMO_RECORDER,
    )
  }

  const plannedOn = third ?? (second ? first : undefined)
  if (plannedOn) {
    await insertInspection(
      client,
      plannedOn.id,
      { kind: 'periodic', reason: '', plannedOn: `${year}-11-10`, doneOn: null, officeCheck: true, fieldCheck: true, parties: parties(plannedOn), summary: '' },
      DEMO_RECORDER,
    )
  }

  const custody = await insertCustody(client, inCycle.id, {
    segment: '全线',
    custodianUnit: `${inCycle.leftName}（演示）`,
    custodianPerson: '演示护桩员',
    custodianContact: '',
    patrolIntervalDays: 30,
    startsOn: `${year - 1}-03-01`,
    endsOn: null,
    note: '演示数据：合成的委托管理记录',
    markerIds: inCycleMarkers.map((marker) => marker.id),
  })
  await insertPatrol(client, custody, { patrolledOn: `${year - 1}-11-06`, patroller: '演示护桩员', findings: '界桩完好' }, DEMO_RECORDER)
  await insertPatrol(client, custody, { patrolledOn: `${year - 1}-12-05`, patroller: '演示护桩员', findings: '二号界桩待修复，其余完好' }, DEMO_RECORDER)
}
