-- Named what-if scenarios: facilities of one kind added, moved or removed,
-- kept as a list of changes over the stored facilities (which they never
-- alter), so a planner can come back to a scenario and compare it with the
-- coverage of today.
--
-- changes: JSON array of {"op":"add","lng":…,"lat":…,"name":…},
-- {"op":"move","facilityId":…,"lng":…,"lat":…} and
-- {"op":"remove","facilityId":…}, applied in order.

CREATE TABLE scenarios (
  id          serial PRIMARY KEY,
  name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  kind        text NOT NULL REFERENCES facility_kinds(code),
  description text NOT NULL DEFAULT '',
  changes     jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array'),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, name)
);
