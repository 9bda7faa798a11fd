-- A version number of the data that coverage is computed from (facilities,
-- compounds, their gates and the divisions), changed by any edit to them, so
-- that the server can keep a kind's baseline search in memory and know when
-- it is stale. Exported files name the version they were computed from.

CREATE TABLE data_state (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version    bigint NOT NULL DEFAULT 1,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO data_state DEFAULT VALUES;

CREATE FUNCTION bump_data_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_state SET version = version + 1, changed_at = now();
  RETURN NULL;
END
$$;

CREATE TRIGGER facilities_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON facilities
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER compounds_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON compounds
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER compound_gates_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON compound_gates
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER divisions_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON divisions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
