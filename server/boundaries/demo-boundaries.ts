import type pg from 'pg'
import type { LineSummary } from '../schemas/boundary-lines.ts'
import { deriveLinesWithin } from './lines-service.ts'
import { readPointAlongLine, setLineAgreement } from './lines-repository.ts'
import { insertMarker, insertMarkerCondition } from './markers-repository.ts'

const DEMO_RECORDER = 'demo'

/** Synthetic agreement years of the demo lines, in line order, so the register shows lines due, overdue and in cycle. */
const AGREEMENT_DATES = ['2019-06-18', '2021-09-08', '2016-05-26']

const REFERENCE_OBJECTS = [
  [
    { name: '道路交叉口', azimuthDeg: 35, distanceM: 42.5 },
    { name: '电线杆', azimuthDeg: 152, distanceM: 18 },
    { name: '排水井盖', azimuthDeg: 271, distanceM: 26.4 },
  ],
  [
    { name: '桥头', azimuthDeg: 12, distanceM: 65 },
    { name: '路灯', azimuthDeg: 118, distanceM: 14.2 },
    { name: '围墙拐角', azimuthDeg: 236, distanceM: 31 },
  ],
  [
    { name: '公交站牌', azimuthDeg: 78, distanceM: 55.8 },
    { name: '消防栓', azimuthDeg: 190, distanceM: 9.6 },
    { name: '变电箱', azimuthDeg: 305, distanceM: 22 },
  ],
]

/**
 * Gives the (synthetic) demo district its boundary register: the lines
 * between its sub-districts, derived from their shared edges, each with an
 * agreement date and three markers along it (sequences 1–3, single Q
 * markers; the first line's middle marker is an A/B pair either side of
 * the line), each with three reference objects and a set date. Rows belong
 * to the demo dataset, so they go when it is replaced. Call it inside the
 * demo's transaction, after the divisions are in.
 *
 * @returns the lines made, for seeding inspections and custody on them
 */
export async function seedDemoBoundaries(client: pg.PoolClient, datasetId: number, districtCode: string): Promise<LineSummary[]> {
  const { created } = await deriveLinesWithin(client, districtCode, 'township', datasetId, null)
  for (const [i, line] of created.entries()) {
    const agreementDate = AGREEMENT_DATES[i % AGREEMENT_DATES.length]!
    await setLineAgreement(client, line.id, { number: `演示界字〔${agreementDate.slice(0, 4)}〕${i + 1}号`, date: agreementDate, parties: [line.leftName, line.rightName] })
    const setOn = `${agreementDate.slice(0, 4)}-10-${String(10 + i).padStart(2, '0')}`
    const markers: { sequence: number; typeCode: 'Q' | 'A' | 'B'; fraction: number; offsetM: number }[] =
      i === 0
        ? [
            { sequence: 1, typeCode: 'Q', fraction: 0.2, offsetM: 0 },
            { sequence: 2, typeCode: 'A', fraction: 0.5, offsetM: 6 },
            { sequence: 2, typeCode: 'B', fraction: 0.5, offsetM: -6 },
            { sequence: 3, typeCode: 'Q', fraction: 0.8, offsetM: 0 },
          ]
        : [
            { sequence: 1, typeCode: 'Q', fraction: 0.2, offsetM: 0 },
            { sequence: 2, typeCode: 'Q', fraction: 0.5, offsetM: 0 },
            { sequence: 3, typeCode: 'Q', fraction: 0.8, offsetM: 0 },
          ]
    for (const [j, marker] of markers.entries()) {
      const [lng, lat] = await readPointAlongLine(client, line.id, marker.fraction, marker.offsetM)
      const id = await insertMarker(client, line.id, {
        sequence: marker.sequence,
        typeCode: marker.typeCode,
        form: '柱状',
        material: '花岗岩',
        lng,
        lat,
        elevationM: 42 + j,
        setOn,
        locationDescription: `${line.name}第${marker.sequence}号界桩，距起点约${Math.round(marker.fraction * line.lengthM)}米`,
        referenceObjects: REFERENCE_OBJECTS[(i + j) % REFERENCE_OBJECTS.length]!,
        condition: 'intact',
        note: '',
      })
      await insertMarkerCondition(client, { markerId: id, condition: 'intact', observedOn: setOn, source: 'recorded', note: '', recordedBy: DEMO_RECORDER })
    }
  }
  return created
}
