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
const placeEditor = ['place_name_editor'] as const
const placeApprover = ['place_name_approver'] as const
const placeStaff = ['place_name_editor', 'place_name_approver'] as const
const boundaryEditor = ['boundary_editor', 'admin'] as const
/** Who loads a department's facilities, compounds and divisions from files. */
const dataEditor = ['planner', 'admin'] as const
/** Who keeps saved column mappings: anyone who imports with them; the routes check each mapping's layer against {@link IMPORT_MAPPING_ACCESS}. */
const mappingKeeper = [...dataEditor, ...placeEditor] as const

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
  'GET /api/public/places': 'public',
  'GET /api/public/place-changes': 'public',

  'GET /api/district': 'read',
  'GET /api/facility-kinds': 'read',
  'GET /api/coordinate-systems': 'read',
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

  'GET /api/gazetteer/categories': 'read',
  'GET /api/gazetteer/places': 'read',
  'GET /api/gazetteer/places.geojson': 'read',
  'GET /api/gazetteer/places.csv': 'read',
  'GET /api/gazetteer/places.xlsx': 'read',
  'GET /api/gazetteer/places/:id': 'read',
  'GET /api/gazetteer/places/:id/versions': 'read',
  'GET /api/gazetteer/places/:id/versions/:version': 'read',
  'GET /api/gazetteer/places/:id/diff': 'read',
  'GET /api/gazetteer/places/:id/timeline': 'read',
  'POST /api/gazetteer/places': placeEditor,
  'PUT /api/gazetteer/places/:id': placeEditor,
  'GET /api/gazetteer/romanization': 'read',
  'GET /api/gazetteer/similar-names': 'read',
  'POST /api/gazetteer/imports/inspect': placeEditor,
  'POST /api/gazetteer/imports': placeEditor,

  'GET /api/gazetteer/cases': 'read',
  'GET /api/gazetteer/cases/:id': 'read',
  'POST /api/gazetteer/cases': placeEditor,
  'PUT /api/gazetteer/cases/:id': placeEditor,
  'POST /api/gazetteer/cases/:id/submit': placeEditor,
  'POST /api/gazetteer/cases/:id/withdraw': placeEditor,
  'POST /api/gazetteer/cases/:id/start-review': placeApprover,
  'POST /api/gazetteer/cases/:id/return': placeApprover,
  'POST /api/gazetteer/cases/:id/reject': placeApprover,
  'POST /api/gazetteer/cases/:id/approve': placeApprover,
  'POST /api/gazetteer/cases/:id/file': placeStaff,
  'POST /api/gazetteer/cases/:id/announce': placeStaff,
  'POST /api/gazetteer/cases/:id/attachments': placeEditor,
  'DELETE /api/gazetteer/cases/:id/attachments/:fileId': placeEditor,

  'GET /api/gazetteer/protected-names': 'read',
  'POST /api/gazetteer/protected-names': placeEditor,
  'PUT /api/gazetteer/protected-names/:id': placeEditor,
  'DELETE /api/gazetteer/protected-names/:id': placeEditor,
  'GET /api/gazetteer/signs': 'read',
  'GET /api/gazetteer/signs/:id': 'read',
  'POST /api/gazetteer/signs': placeEditor,
  'PUT /api/gazetteer/signs/:id': placeEditor,
  'POST /api/gazetteer/signs/:id/photos': placeEditor,
  'DELETE /api/gazetteer/signs/:id/photos/:fileId': placeEditor,
  'GET /api/gazetteer/files/:id': 'read',
  'GET /api/gazetteer/door-plates': 'read',
  'GET /api/gazetteer/door-plates/:id': 'read',
  'POST /api/gazetteer/door-plates': placeEditor,
  'PUT /api/gazetteer/door-plates/:id': placeEditor,
  'GET /api/gazetteer/door-plates/:id/certificates': 'read',
  'POST /api/gazetteer/door-plates/:id/certificates': placeEditor,
  'POST /api/gazetteer/certificates/:id/revoke': placeEditor,
  'GET /api/gazetteer/certificates/:id/print': 'read',

  'GET /api/divisions': 'read',
  'GET /api/divisions.geojson': 'read',
  'GET /api/divisions/registry': 'read',
  'GET /api/divisions/topology': 'read',
  'GET /api/divisions/:code': 'read',
  'GET /api/division-events': 'read',
  'GET /api/division-events/:id': 'read',
  'POST /api/division-events': boundaryEditor,

  'GET /api/boundaries/lines': 'read',
  'GET /api/boundaries/lines.geojson': 'read',
  'GET /api/boundaries/lines/:id': 'read',
  'POST /api/boundaries/lines': boundaryEditor,
  'PUT /api/boundaries/lines/:id': boundaryEditor,
  'POST /api/boundaries/lines/derive': boundaryEditor,
  'GET /api/boundaries/markers': 'read',
  'GET /api/boundaries/markers.geojson': boundaryEditor,
  'GET /api/boundaries/markers/:id': 'read',
  'POST /api/boundaries/markers': boundaryEditor,
  'PUT /api/boundaries/markers/:id': boundaryEditor,
  'POST /api/boundaries/imports': boundaryEditor,

  'GET /api/datasets': 'read',
  'GET /api/datasets/:id/features': 'read',
  'POST /api/layer-imports/inspect': dataEditor,
  'POST /api/layer-imports': dataEditor,
  'GET /api/layer-imports/:id': dataEditor,
  'DELETE /api/layer-imports/:id': dataEditor,
  'POST /api/network-imports': dataEditor,
  'GET /api/network-imports/:id': dataEditor,
  'DELETE /api/network-imports/:id': dataEditor,
  'GET /api/import-mappings': mappingKeeper,
  'PUT /api/import-mappings': mappingKeeper,
  'DELETE /api/import-mappings/:id': mappingKeeper,
  'GET /api/boundaries/inspections': 'read',
  'GET /api/boundaries/inspections/:id': 'read',
  'POST /api/boundaries/inspections': boundaryEditor,
  'PUT /api/boundaries/inspections/:id': boundaryEditor,
  'GET /api/boundaries/custodies': 'read',
  'GET /api/boundaries/custodies/:id': 'read',
  'POST /api/boundaries/custodies': boundaryEditor,
  'PUT /api/boundaries/custodies/:id': boundaryEditor,
  'POST /api/boundaries/custodies/:id/patrols': boundaryEditor,
  'GET /api/boundaries/damage-reports': 'read',
  'POST /api/boundaries/damage-reports': boundaryEditor,
  'POST /api/boundaries/damage-reports/:id/action': boundaryEditor,
  'GET /api/boundaries/documents': 'read',
  'GET /api/boundaries/documents/:id/content': 'read',
  'POST /api/boundaries/documents': boundaryEditor,
  'GET /api/boundaries/dashboard': 'read',

  'GET /api/users': admin,
  'POST /api/users': admin,
  'PUT /api/users/:id': admin,
  'POST /api/users/:id/reset-password': admin,
  'GET /api/audit': 'signed-in',
}

/**
 * Who may read, save and delete the saved column mappings of each layer:
 * those who import it. `/api/import-mappings` lets in anyone holding one of
 * these roles and checks each mapping's layer against this table.
 */
export const IMPORT_MAPPING_ACCESS = {
  facilities: dataEditor,
  compounds: dataEditor,
  divisions: dataEditor,
  places: placeEditor,
} as const satisfies Readonly<Record<string, readonly Role[]>>

/** The access of a route, HEAD following GET; `undefined` when the table lacks it. */
export function accessFor(method: string, url: string): Access | undefined {
  return ACCESS_POLICY[`${method === 'HEAD' ? 'GET' : method} ${url}`]
}

/** Whether a method changes state and so needs a CSRF token. */
export const isWriteMethod = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method)

/**
 * Routes that may take the user from a session resolved in the last ten
 * seconds instead of reading it again (server/auth/recent-sessions.ts):
 * polling and cancelling an import, which must answer while the import's
 * transaction holds the embedded database's only connection.
 */
export const REUSE_RECENT_SESSION: ReadonlySet<string> = new Set(['GET /api/layer-imports/:id', 'DELETE /api/layer-imports/:id', 'GET /api/network-imports/:id', 'DELETE /api/network-imports/:id'])
