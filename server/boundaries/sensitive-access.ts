import type { Role } from '../auth/roles.ts'

/** The roles that may see marker coordinates, detailed line geometry, custodians' personal data and archive files. */
export const BOUNDARY_SENSITIVE_ROLES: readonly Role[] = ['boundary_editor', 'admin']

/**
 * Whether a caller may see the sensitive boundary data. Everyone else
 * (viewers, other staff, read-only guests) gets lines simplified, markers
 * without coordinates, elevation or reference objects, custodies without
 * person or contact, and archive titles without their files.
 */
export function seesSensitiveBoundaryData(user: { roles: readonly string[] } | null | undefined): boolean {
  return !!user && user.roles.some((role) => (BOUNDARY_SENSITIVE_ROLES as readonly string[]).includes(role))
}

/** Tolerance of the simplified line geometry shown to callers without access, in degrees (about 50 m). */
export const PUBLIC_LINE_SIMPLIFY_DEGREES = 0.0005
