import type pg from 'pg'
import { generateDemoDistrict } from '../../geodata/generate-demo-district.ts'
import { isDatabaseEmpty, replaceDemoDistrict } from './demo-repository.ts'

/** Generates the synthetic demo district and writes it, replacing an earlier demo load. */
export async function reloadDemoDistrict(pool: pg.Pool, seed?: number): Promise<void> {
  await replaceDemoDistrict(pool, generateDemoDistrict(seed))
}

/** Loads the demo district when the database holds no dataset yet; returns whether it did. */
export async function loadDemoIfEmpty(pool: pg.Pool): Promise<boolean> {
  if (!(await isDatabaseEmpty(pool))) return false
  await reloadDemoDistrict(pool)
  return true
}
