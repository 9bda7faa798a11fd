import { Type, type Static } from 'typebox'
import { INT4_MAX } from './common.ts'

export const RoleSchema = Type.Union(
  [
    Type.Literal('viewer'),
    Type.Literal('planner'),
    Type.Literal('place_name_editor'),
    Type.Literal('place_name_approver'),
    Type.Literal('boundary_editor'),
    Type.Literal('admin'),
  ],
  { description: 'viewer: maps and reports; planner: analyses, scenarios, standard sets; place_name_editor / place_name_approver: gazetteer; boundary_editor: boundaries; admin: users and roles' },
)

export const SessionUserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  mustChangePassword: Type.Boolean({ description: 'Every write but the password change is refused until the user picks a password' }),
})

export const SessionSchema = Type.Object({
  user: Type.Union([SessionUserSchema, Type.Null()]),
  guest: Type.Boolean({ description: 'Callers without a session may read maps and reports' }),
  csrfToken: Type.String({ description: 'Send as the x-csrf-token header with every POST, PUT and DELETE' }),
})

const Reason = Type.Optional(Type.String({ maxLength: 2000, description: 'Why the change is made; kept in the audit trail' }))

export const LoginBodySchema = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)

export const PasswordChangeBodySchema = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)

export const AdminUserSchema = Type.Object({
  ...SessionUserSchema.properties,
  active: Type.Boolean(),
  lastLoginAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  version: Type.Integer(),
})
export type AdminUser = Static<typeof AdminUserSchema>

export const UserCreateBodySchema = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 64, description: 'Lower-case letters, digits and _ . @ -' }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    roles: Type.Array(RoleSchema, { maxItems: 6 }),
    reason: Reason,
  },
  { additionalProperties: false },
)

export const UserUpdateBodySchema = Type.Object(
  {
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    roles: Type.Array(RoleSchema, { maxItems: 6 }),
    active: Type.Boolean(),
    version: Type.Integer({ minimum: 1, maximum: INT4_MAX, description: 'The version the edit started from' }),
    reason: Reason,
  },
  { additionalProperties: false },
)

export const ReasonBodySchema = Type.Object({ reason: Reason }, { additionalProperties: false })

export const UserParamsSchema = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT4_MAX }) })

export const AuditQuerySchema = Type.Object(
  {
    entity: Type.Optional(Type.String({ maxLength: 64 })),
    entityId: Type.Optional(Type.String({ maxLength: 64 })),
    actorId: Type.Optional(Type.Integer({ minimum: 1, maximum: INT4_MAX })),
    beforeId: Type.Optional(Type.Integer({ minimum: 1, maximum: INT4_MAX })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  },
  { additionalProperties: false },
)

export const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Type.Union([Type.Integer(), Type.Null()]),
  actorName: Type.String(),
  entity: Type.String(),
  entityId: Type.String(),
  action: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
})
