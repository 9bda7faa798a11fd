-- Named staff accounts with roles, their sign-in sessions, failed sign-ins
-- per user name (for lockout), and the append-only audit trail every change
-- is written to in the same transaction as the change itself.
--
-- Roles: viewer (maps and reports), planner (analyses, scenarios, standard
-- sets), place_name_editor, place_name_approver, boundary_editor, admin
-- (users and roles). A user can hold several.

CREATE TABLE users (
  id                   serial PRIMARY KEY,
  username             text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9_.@-]{1,63}$'),
  display_name         text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
  -- scrypt$N$r$p$salt$hash (base64url); never a plain password.
  password_hash        text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  roles                text[] NOT NULL DEFAULT '{}'
                       CHECK (roles <@ ARRAY['viewer', 'planner', 'place_name_editor', 'place_name_approver', 'boundary_editor', 'admin']::text[]),
  active               boolean NOT NULL DEFAULT true,
  must_change_password boolean NOT NULL DEFAULT false,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  last_login_at        timestamptz,
  UNIQUE (username)
);
COMMENT ON TABLE users IS 'Staff accounts; deactivated, never deleted, so audit entries keep their author';

-- The cookie carries a random token; only its SHA-256 is stored, so a copy
-- of this table cannot be used to sign in.
CREATE TABLE sessions (
  token_hash   bytea PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

-- Keyed by the name typed, whether or not such a user exists, so lockout
-- does not reveal which names are accounts.
CREATE TABLE login_failures (
  username        text PRIMARY KEY,
  failures        integer NOT NULL,
  last_failure_at timestamptz NOT NULL,
  locked_until    timestamptz
);

CREATE TABLE audit_log (
  id         bigserial PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor_id   integer REFERENCES users(id),
  -- The name as it was when acting; a command-line action has no user.
  actor_name text NOT NULL,
  entity     text NOT NULL,
  entity_id  text NOT NULL,
  action     text NOT NULL,
  before     jsonb,
  after      jsonb,
  reason     text CHECK (reason IS NULL OR length(reason) <= 2000),
  request_id text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, id);
COMMENT ON TABLE audit_log IS 'Append-only: triggers refuse UPDATE, DELETE and TRUNCATE';

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
