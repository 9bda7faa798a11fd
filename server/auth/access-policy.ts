import type { Role } from './roles.ts'

/**
 * Who may call an endpoint:
 * - `public`: anyone, signed in or not (documented as the public API);
 * - `read`: any signed-in user with at least one role, and guests when
 *   read-only guest access is on;
 * - `signed-in`: any signed-in user (own password, own audit entries);
 * - a list of roles: a signed-in user holding at least one of them.
 */
export type Access = 'public' | 'read' | 'signed-in' | readonly Role[]

const planner = ['planner'] as const
const admin = ['admin'] as const

/**
 * Every API endpoint and who may call it, in one table, so the whole
 * policy can be read on one page. The app refuses to start when a route
 * under /api/ is missing here, and the authorization tests walk this table.
 */
export const ACCESS_POLICY: Readonly<Record<string, Access>> = {
  'GET /api/health': 'public',
  'GET /api/auth/session': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/auth/password': 'signed-in',
  'GET /api/public/flags': 'public',

  'GET /api/district': 'read',
  'GET /api/facility-kinds': 'read',
  'GET /api/layers/divisions': 'read',
  'GET /api/layers/facilities': 'read',
  'GET /api/layers/water': 'read',
  'GET /api/features/:layer/:id': 'read',
  'GET /api/tiles/:source.json': 'read',
  'GET /api/tiles/:source/:z/:x/:y.pbf': 'read',

  'GET /api/coverage': 'read',
  'GET /api/service-areas': 'read',
  'GET /api/walk-time': 'read',
  'GET /api/coverage/communities.geojson': 'read',
  'POST /api/coverage/what-if': planner,
  'POST /api/service-areas/what-if': planner,
  'POST /api/walk-time/what-if': planner,
  'POST /api/coverage/communities.geojson/what-if': planner,
  'POST /api/site-suggestions': planner,

  'GET /api/scenarios': 'read',
  'GET /api/scenarios/:id': 'read',
  'POST /api/scenarios': planner,
  'PUT /api/scenarios/:id': planner,
  'DELETE /api/scenarios/:id': planner,

  'GET /api/standard-sets': 'read',
  'GET /api/standard-sets/:id': 'read',
  'GET /api/standard-sets/:id/versions/:version': 'read',
  'POST /api/standard-sets': planner,
  'POST /api/standard-sets/:id/copy': planner,
  'PUT /api/standard-sets/:id': planner,
  'POST /api/standard-sets/:id/default': planner,
  'DELETE /api/standard-sets/:id': planner,

  'GET /api/report': 'read',
  'POST /api/report/what-if': planner,
  'GET /api/report/communities.geojson': 'read',
  'GET /api/report/communities.csv': 'read',
  'GET /api/report/communities.xlsx': 'read',

  'GET /api/users': admin,
  'POST /api/users': admin,
  'PUT /api/users/:id': admin,
  'POST /api/users/:id/reset-password': admin,
  'GET /api/audit': 'signed-in',
}

/** The access of a route, HEAD following GET; `undefined` when the table lacks it. */
export function accessFor(method: string, url: string): Access | undefined {
  return ACCESS_POLICY[`${method === 'HEAD' ? 'GET' : method} ${url}`]
}

/** Whether a method changes state and so needs a CSRF token. */
export const isWriteMethod = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method)
