/** The roles a user can hold; a user can hold several. */
export const ROLES = ['viewer', 'planner', 'place_name_editor', 'place_name_approver', 'boundary_editor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value)
