-- A version number of the walk network that changes whenever any edge does,
-- so the server rebuilds its in-memory walk graph only when it must.

CREATE TABLE network_state (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version    bigint NOT NULL DEFAULT 1,
  changed_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO network_state DEFAULT VALUES;

CREATE FUNCTION bump_network_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE network_state SET version = version + 1, changed_at = now();
  RETURN NULL;
END
$$;

CREATE TRIGGER network_edges_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON network_edges
  FOR EACH STATEMENT EXECUTE FUNCTION bump_network_version();
