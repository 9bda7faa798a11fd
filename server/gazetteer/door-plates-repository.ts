import type { Queryable } from '../db/transaction.ts'
import type { Certificate, DoorPlate, DoorPlateListItem, LngLat, PlaceSummary, ValidCertificateSummary } from '../schemas/gazetteer-assets.ts'
import type { CertificateSheet } from './certificate-page.ts'
import { placeSummarySql } from './protected-names-repository.ts'
import { formatStandardAddress } from './standard-address.ts'
import { sqlDate as date, sqlTimestamp as timestamp } from '../db/sql-dates.ts'


/**
 * A plate with the parts of its standard address: the names of its
 * community and the community's sub-district and district, and the road's
 * current standard name (in `road`).
 */
const plateColumns = `dp.id, dp.road_place_id AS "roadPlaceId", ${placeSummarySql('r')} AS road, dp.number, dp.building, dp.unit, dp.room,
  dp.community_code AS "communityCode", c.name AS "communityName",
  CASE WHEN dp.geom IS NULL THEN NULL ELSE json_build_object('lng', ST_X(dp.geom), 'lat', ST_Y(dp.geom)) END AS location,
  dp.status, array_remove(ARRAY[d.name, sd.name, c.name], NULL) AS "divisionNames",
  dp.version, ${timestamp('dp.created_at')} AS "createdAt", ${timestamp('dp.updated_at')} AS "updatedAt"`
const plateFrom = `door_plates dp
  JOIN places r ON r.id = dp.road_place_id
  LEFT JOIN divisions c ON c.code = dp.community_code
  LEFT JOIN divisions sd ON sd.code = c.parent_code
  LEFT JOIN divisions d ON d.code = sd.parent_code`

type PlateRow = Omit<DoorPlate, 'standardAddress'> & { divisionNames: string[] }

function withAddress({ divisionNames, ...row }: PlateRow): DoorPlate {
  return { ...row, standardAddress: formatStandardAddress({ divisionNames, roadName: row.road.standardName, ...row }) }
}

const point = (lng: string, lat: string) => `CASE WHEN ${lng}::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326) END`

const isUniqueViolation = (error: unknown, constraint: string) => (error as { code?: string; constraint?: string }).code === '23505' && (error as { constraint?: string }).constraint === constraint

/** Thrown when a current plate with the same road, number, building, unit and room exists. */
export class DoorPlateTakenError extends Error {}
/** Thrown when a certificate number is used already, or the plate got a valid certificate meanwhile. */
export class CertificateConflictError extends Error {}

export interface DoorPlateFilter {
  roadId?: number | undefined
  communityCode?: string | undefined
  status?: string | undefined
  /** Numbers starting with this. */
  numberPrefix?: string | undefined
  limit: number
  offset: number
}

/** One page of the plates matching the filter, by road and number, each with its valid certificate, and how many match in all. */
export async function listDoorPlates(db: Queryable, filter: DoorPlateFilter): Promise<{ doorPlates: DoorPlateListItem[]; total: number }> {
  const { rows } = await db.query<PlateRow & { validCertificate: ValidCertificateSummary | null; total: number }>(
    `SELECT ${plateColumns},
            CASE WHEN k.id IS NULL THEN NULL
                 ELSE json_build_object('id', k.id, 'number', k.number, 'holder', k.holder, 'issuedOn', ${date('k.issued_on')}) END AS "validCertificate",
            count(*) OVER ()::int AS total
       FROM ${plateFrom}
       LEFT JOIN door_plate_certificates k ON k.door_plate_id = dp.id AND k.revoked_on IS NULL
      WHERE ($1::int IS NULL OR dp.road_place_id = $1)
        AND ($2::text IS NULL OR dp.community_code = $2)
        AND ($3::text IS NULL OR dp.status = $3)
        AND ($4::text IS NULL OR starts_with(dp.number, $4))
      ORDER BY r.standard_name, dp.road_place_id, (substring(dp.number FROM '^[0-9]+'))::numeric, dp.number, dp.building, dp.unit, dp.room, dp.id
      LIMIT $5 OFFSET $6`,
    [filter.roadId ?? null, filter.communityCode ?? null, filter.status ?? null, filter.numberPrefix ?? null, filter.limit, filter.offset],
  )
  const total = rows[0]?.total ?? (filter.offset > 0 ? await countDoorPlates(db, filter) : 0)
  return { doorPlates: rows.map(({ total: _total, validCertificate, ...row }) => ({ ...withAddress(row), validCertificate })), total }
}

async function countDoorPlates(db: Queryable, filter: DoorPlateFilter): Promise<number> {
  return (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM door_plates dp
        WHERE ($1::int IS NULL OR dp.road_place_id = $1) AND ($2::text IS NULL OR dp.community_code = $2)
          AND ($3::text IS NULL OR dp.status = $3) AND ($4::text IS NULL OR starts_with(dp.number, $4))`,
      [filter.roadId ?? null, filter.communityCode ?? null, filter.status ?? null, filter.numberPrefix ?? null],
    )
  ).rows[0]!.n
}

export async function readDoorPlate(db: Queryable, id: number): Promise<DoorPlate | undefined> {
  const row = (await db.query<PlateRow>(`SELECT ${plateColumns} FROM ${plateFrom} WHERE dp.id = $1`, [id])).rows[0]
  return row && withAddress(row)
}

/** The road a plate may name: any place, with its category and status for the caller to check. */
export async function readRoad(db: Queryable, id: number): Promise<PlaceSummary | undefined> {
  return (await db.query<{ road: PlaceSummary }>(`SELECT ${placeSummarySql('r')} AS road FROM places r WHERE r.id = $1`, [id])).rows[0]?.road
}

/** The level of a division, or undefined when there is no division with the code. */
export async function readDivisionLevel(db: Queryable, code: string): Promise<string | undefined> {
  return (await db.query<{ level: string }>('SELECT level FROM divisions WHERE code = $1', [code])).rows[0]?.level
}

/** The community a point lies in (on a shared boundary, the one with the lowest code), or undefined. */
export async function findCommunityAt(db: Queryable, at: LngLat): Promise<string | undefined> {
  return (
    await db.query<{ code: string }>(
      `SELECT code FROM divisions WHERE level = 'community' AND ST_Covers(geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)) ORDER BY code LIMIT 1`,
      [at.lng, at.lat],
    )
  ).rows[0]?.code
}

export interface DoorPlateInput {
  roadPlaceId: number
  number: string
  building: string
  unit: string
  room: string
  communityCode: string | null
  location: LngLat | null
  status: 'current' | 'retired'
}

/** The id of a current plate with the same road, number, building, unit and room, other than `exceptId`. */
export async function findSameDoorPlate(db: Queryable, input: DoorPlateInput, exceptId: number | null): Promise<number | undefined> {
  return (
    await db.query<{ id: number }>(
      `SELECT id FROM door_plates WHERE status = 'current' AND road_place_id = $1 AND number = $2 AND building = $3 AND unit = $4 AND room = $5
          AND ($6::int IS NULL OR id <> $6)`,
      [input.roadPlaceId, input.number, input.building, input.unit, input.room, exceptId],
    )
  ).rows[0]?.id
}

const plateParams = (input: DoorPlateInput) => [
  input.roadPlaceId,
  input.number,
  input.building,
  input.unit,
  input.room,
  input.communityCode,
  input.location?.lng ?? null,
  input.location?.lat ?? null,
  input.status,
]

const takenMessage = (input: DoorPlateInput) => `a current door plate with road ${input.roadPlaceId}, number ${input.number}, building "${input.building}", unit "${input.unit}" and room "${input.room}" exists already`

export async function insertDoorPlate(db: Queryable, input: DoorPlateInput): Promise<DoorPlate> {
  try {
    const { id } = (
      await db.query<{ id: number }>(
        `INSERT INTO door_plates (road_place_id, number, building, unit, room, community_code, geom, status)
         VALUES ($1, $2, $3, $4, $5, $6, ${point('$7', '$8')}, $9) RETURNING id`,
        plateParams(input),
      )
    ).rows[0]!
    return (await readDoorPlate(db, id))!
  } catch (error) {
    if (isUniqueViolation(error, 'door_plates_current_idx')) throw new DoorPlateTakenError(takenMessage(input))
    throw error
  }
}

/** Saves a plate if it is still at `version`; 'stale' with the stored plate otherwise, 'missing' when there is none. */
export async function updateDoorPlate(db: Queryable, id: number, version: number, input: DoorPlateInput): Promise<{ plate: DoorPlate } | { stale: DoorPlate } | 'missing'> {
  let updated
  try {
    updated = await db.query(
      `UPDATE door_plates SET road_place_id = $3, number = $4, building = $5, unit = $6, room = $7, community_code = $8, geom = ${point('$9', '$10')},
              status = $11, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [id, version, ...plateParams(input)],
    )
  } catch (error) {
    if (isUniqueViolation(error, 'door_plates_current_idx')) throw new DoorPlateTakenError(takenMessage(input))
    throw error
  }
  const current = await readDoorPlate(db, id)
  if (!current) return 'missing'
  return updated.rowCount ? { plate: current } : { stale: current }
}

const certificateColumns = `k.id, k.door_plate_id AS "doorPlateId", k.number, k.holder, ${date('k.issued_on')} AS "issuedOn",
  ${date('k.revoked_on')} AS "revokedOn", k.revoked_reason AS "revokedReason", k.issued_by AS "issuedBy",
  k.revoked_on IS NULL AS valid, ${timestamp('k.created_at')} AS "createdAt"`

/** A plate's certificates, the latest first. */
export async function listCertificates(db: Queryable, doorPlateId: number): Promise<Certificate[]> {
  return (await db.query<Certificate>(`SELECT ${certificateColumns} FROM door_plate_certificates k WHERE k.door_plate_id = $1 ORDER BY k.issued_on DESC, k.id DESC`, [doorPlateId])).rows
}

export async function readCertificate(db: Queryable, id: number): Promise<Certificate | undefined> {
  return (await db.query<Certificate>(`SELECT ${certificateColumns} FROM door_plate_certificates k WHERE k.id = $1`, [id])).rows[0]
}

/** The plate's certificate that is not revoked, if any. */
export async function readValidCertificate(db: Queryable, doorPlateId: number): Promise<Certificate | undefined> {
  return (await db.query<Certificate>(`SELECT ${certificateColumns} FROM door_plate_certificates k WHERE k.door_plate_id = $1 AND k.revoked_on IS NULL`, [doorPlateId])).rows[0]
}

/** The certificate that carries a number, if any. */
export async function readCertificateByNumber(db: Queryable, number: string): Promise<Certificate | undefined> {
  return (await db.query<Certificate>(`SELECT ${certificateColumns} FROM door_plate_certificates k WHERE k.number = $1`, [number])).rows[0]
}

export interface CertificateInput {
  number: string
  holder: string
  issuedOn: string
  issuedBy: string
}

export async function insertCertificate(db: Queryable, doorPlateId: number, input: CertificateInput): Promise<Certificate> {
  try {
    return (
      await db.query<Certificate>(
        `INSERT INTO door_plate_certificates AS k (door_plate_id, number, holder, issued_on, issued_by) VALUES ($1, $2, $3, $4, $5) RETURNING ${certificateColumns}`,
        [doorPlateId, input.number, input.holder, input.issuedOn, input.issuedBy],
      )
    ).rows[0]!
  } catch (error) {
    if (isUniqueViolation(error, 'door_plate_certificates_number_key')) throw new CertificateConflictError(`number: certificate number ${input.number} is used already`)
    if (isUniqueViolation(error, 'door_plate_certificates_valid_idx')) throw new CertificateConflictError(`door plate ${doorPlateId} has a valid certificate already: revoke it first`)
    throw error
  }
}

/** Revokes a certificate that is still valid; returns it revoked, or undefined when it was not valid. */
export async function revokeCertificate(db: Queryable, id: number, revokedOn: string, reason: string): Promise<Certificate | undefined> {
  return (
    await db.query<Certificate>(
      `UPDATE door_plate_certificates k SET revoked_on = $2, revoked_reason = $3 WHERE k.id = $1 AND k.revoked_on IS NULL RETURNING ${certificateColumns}`,
      [id, revokedOn, reason],
    )
  ).rows[0]
}

/** What the printed certificate shows, with the plate's standard address as it is now. */
export async function readCertificateSheet(db: Queryable, id: number): Promise<CertificateSheet | undefined> {
  const certificate = await readCertificate(db, id)
  if (!certificate) return undefined
  const plate = (await readDoorPlate(db, certificate.doorPlateId))!
  return {
    certificateNumber: certificate.number,
    holder: certificate.holder,
    issuedOn: certificate.issuedOn,
    issuedBy: certificate.issuedBy,
    revokedOn: certificate.revokedOn,
    revokedReason: certificate.revokedReason,
    standardAddress: plate.standardAddress,
    roadName: plate.road.standardName,
    roadRomanization: plate.road.romanization,
    plateNumber: plate.number,
    building: plate.building,
    unit: plate.unit,
    room: plate.room,
  }
}
