-- Administrative divisions over time, boundary lines, boundary markers
-- (界桩), joint inspections (联检), entrusted custody (委托管理) and the
-- delimitation archives (勘界档案).
--
-- The divisions table keeps the units in force today; a unit ended by a
-- split, merge, rename or boundary change moves to division_versions with
-- the dates it was in force, and division_events link the units before and
-- after each change (supersedes / superseded by). A map or a count "as of"
-- a date reads both tables.
--
-- Boundary records keep the codes and names of the divisions they separate
-- as text, not as foreign keys: a line and its markers outlive the units
-- on either side. Boundary records are never deleted through the API; the
-- cascades only remove what a dataset (the demo) brought when it goes.

-- Province and city above the district; a unit below the district always
-- has a parent.
ALTER TABLE divisions DROP CONSTRAINT divisions_level_check;
ALTER TABLE divisions ADD CONSTRAINT divisions_level_check
  CHECK (level IN ('province', 'city', 'district', 'subdistrict', 'community'));
ALTER TABLE divisions DROP CONSTRAINT divisions_check;
ALTER TABLE divisions ADD CONSTRAINT divisions_parent_check
  CHECK (level IN ('province', 'city', 'district') OR parent_code IS NOT NULL);
-- The day the unit came into force in its present form; NULL: before records began.
ALTER TABLE divisions ADD COLUMN valid_from date;

-- A change to divisions, with the document that ordered it.
CREATE TABLE division_events (
  id              serial PRIMARY KEY,
  dataset_id      integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('establish', 'split', 'merge', 'rename', 'boundary_change', 'abolish')),
  effective_on    date NOT NULL,
  authority       text NOT NULL DEFAULT '' CHECK (length(authority) <= 200),
  document_number text NOT NULL DEFAULT '' CHECK (length(document_number) <= 100),
  note            text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  recorded_by     text NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX division_events_effective_idx ON division_events (effective_on);

-- A unit as it was before a change ended that form of it.
CREATE TABLE division_versions (
  id                 serial PRIMARY KEY,
  dataset_id         integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  code               char(12) NOT NULL CHECK (code ~ '^[0-9]{12}$'),
  name               text NOT NULL,
  level              text NOT NULL CHECK (level IN ('province', 'city', 'district', 'subdistrict', 'community')),
  parent_code        char(12),
  urban_rural        text NOT NULL CHECK (urban_rural IN ('urban', 'rural')),
  households         integer CHECK (households >= 0),
  population         integer CHECK (population >= 0),
  elderly_population integer CHECK (elderly_population >= 0),
  geom               geometry(MultiPolygon, 4326) NOT NULL,
  valid_from         date,
  valid_to           date NOT NULL,
  ended_by_event     integer NOT NULL REFERENCES division_events(id) ON DELETE CASCADE,
  CHECK (valid_from IS NULL OR valid_to > valid_from)
);
CREATE INDEX division_versions_code_idx ON division_versions (code);
CREATE INDEX division_versions_dates_idx ON division_versions (valid_to, valid_from);
CREATE INDEX division_versions_geom_idx ON division_versions USING gist (geom);

-- The units on each side of an event: 'before' units are ended versions,
-- 'after' units are the ones it brought into force (by code; a later event
-- may have ended them in turn). Every 'after' unit supersedes every
-- 'before' unit of its event.
CREATE TABLE division_event_units (
  event_id   integer NOT NULL REFERENCES division_events(id) ON DELETE CASCADE,
  side       text NOT NULL CHECK (side IN ('before', 'after')),
  code       char(12) NOT NULL CHECK (code ~ '^[0-9]{12}$'),
  name       text NOT NULL,
  version_id integer REFERENCES division_versions(id) ON DELETE CASCADE,
  CHECK ((side = 'before') = (version_id IS NOT NULL)),
  PRIMARY KEY (event_id, side, code)
);
CREATE INDEX division_event_units_code_idx ON division_event_units (code);

-- A boundary line (界线) between two adjacent divisions.
CREATE TABLE boundary_lines (
  id                 serial PRIMARY KEY,
  -- The line code that starts every marker number on the line.
  code               text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z]{1,16}$'),
  -- The dataset a line came with (the demo, an import); NULL: recorded by staff.
  dataset_id         integer REFERENCES datasets(id) ON DELETE CASCADE,
  name               text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  level              text NOT NULL CHECK (level IN ('provincial', 'municipal', 'county', 'township')),
  left_code          char(12) NOT NULL CHECK (left_code ~ '^[0-9]{12}$'),
  left_name          text NOT NULL,
  right_code         char(12) NOT NULL CHECK (right_code ~ '^[0-9]{12}$'),
  right_name         text NOT NULL,
  geom               geometry(MultiLineString, 4326) NOT NULL,
  source             text NOT NULL CHECK (source IN ('derived', 'imported', 'drawn')),
  course_description text NOT NULL DEFAULT '' CHECK (length(course_description) <= 20000),
  agreement_number   text NOT NULL DEFAULT '' CHECK (length(agreement_number) <= 100),
  agreement_date     date,
  agreement_parties  text[] NOT NULL DEFAULT '{}',
  valid_from         date,
  valid_to           date,
  -- Years between periodic joint inspections.
  inspection_cycle_years integer NOT NULL DEFAULT 5 CHECK (inspection_cycle_years BETWEEN 1 AND 20),
  note               text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (left_code <> right_code),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE INDEX boundary_lines_geom_idx ON boundary_lines USING gist (geom);
CREATE INDEX boundary_lines_sides_idx ON boundary_lines (left_code, right_code);

-- A boundary marker (界桩). Its number is the line code, a three-digit
-- sequence and a type code: Q a single marker, A/B a pair sharing one
-- number, C/D/E a triple.
CREATE TABLE boundary_markers (
  id                   serial PRIMARY KEY,
  line_id              integer NOT NULL REFERENCES boundary_lines(id) ON DELETE CASCADE,
  sequence             integer NOT NULL CHECK (sequence BETWEEN 1 AND 999),
  type_code            char(1) NOT NULL CHECK (type_code IN ('Q', 'A', 'B', 'C', 'D', 'E')),
  form                 text NOT NULL DEFAULT '' CHECK (length(form) <= 50),
  material             text NOT NULL DEFAULT '' CHECK (length(material) <= 50),
  geom                 geometry(Point, 4326) NOT NULL,
  elevation_m          double precision CHECK (elevation_m BETWEEN -500 AND 9000),
  set_on               date,
  location_description text NOT NULL DEFAULT '' CHECK (length(location_description) <= 2000),
  -- At least three reference objects (方位物): [{ name, azimuthDeg, distanceM }].
  reference_objects    jsonb NOT NULL CHECK (jsonb_typeof(reference_objects) = 'array' AND jsonb_array_length(reference_objects) >= 3),
  condition            text NOT NULL DEFAULT 'intact' CHECK (condition IN ('intact', 'damaged', 'lost', 'displaced', 'moved', 'removed')),
  note                 text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (line_id, sequence, type_code)
);
CREATE INDEX boundary_markers_geom_idx ON boundary_markers USING gist (geom);

-- Joint inspections (联检): periodic rounds every cycle, ad hoc ones after
-- disasters or river changes.
CREATE TABLE boundary_inspections (
  id           serial PRIMARY KEY,
  line_id      integer NOT NULL REFERENCES boundary_lines(id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('periodic', 'ad_hoc')),
  reason       text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  planned_on   date,
  done_on      date,
  office_check boolean NOT NULL DEFAULT true,
  field_check  boolean NOT NULL DEFAULT true,
  parties      text[] NOT NULL DEFAULT '{}',
  summary      text NOT NULL DEFAULT '' CHECK (length(summary) <= 20000),
  recorded_by  text NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (planned_on IS NOT NULL OR done_on IS NOT NULL)
);
CREATE INDEX boundary_inspections_line_idx ON boundary_inspections (line_id, done_on);

-- What an inspection found, at a marker or along a segment.
CREATE TABLE inspection_findings (
  id            serial PRIMARY KEY,
  inspection_id integer NOT NULL REFERENCES boundary_inspections(id) ON DELETE CASCADE,
  marker_id     integer REFERENCES boundary_markers(id) ON DELETE CASCADE,
  segment       text NOT NULL DEFAULT '' CHECK (length(segment) <= 500),
  condition     text CHECK (condition IN ('intact', 'damaged', 'lost', 'displaced', 'moved', 'removed')),
  finding       text NOT NULL DEFAULT '' CHECK (length(finding) <= 2000),
  action_taken  text NOT NULL DEFAULT '' CHECK (length(action_taken) <= 2000),
  CHECK (marker_id IS NOT NULL OR length(btrim(segment)) > 0),
  CHECK (marker_id IS NOT NULL OR condition IS NULL)
);
CREATE INDEX inspection_findings_inspection_idx ON inspection_findings (inspection_id);
CREATE INDEX inspection_findings_marker_idx ON inspection_findings (marker_id);

-- Entrusted custody (委托管理): who looks after a segment and its markers.
CREATE TABLE boundary_custodies (
  id                   serial PRIMARY KEY,
  line_id              integer NOT NULL REFERENCES boundary_lines(id) ON DELETE CASCADE,
  segment              text NOT NULL CHECK (length(btrim(segment)) BETWEEN 1 AND 500),
  custodian_unit       text NOT NULL CHECK (length(btrim(custodian_unit)) BETWEEN 1 AND 200),
  custodian_person     text NOT NULL CHECK (length(btrim(custodian_person)) BETWEEN 1 AND 100),
  custodian_contact    text NOT NULL DEFAULT '' CHECK (length(custodian_contact) <= 100),
  patrol_interval_days integer NOT NULL DEFAULT 30 CHECK (patrol_interval_days BETWEEN 1 AND 366),
  starts_on            date NOT NULL,
  ends_on              date,
  note                 text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX boundary_custodies_line_idx ON boundary_custodies (line_id);

CREATE TABLE boundary_custody_markers (
  custody_id integer NOT NULL REFERENCES boundary_custodies(id) ON DELETE CASCADE,
  marker_id  integer NOT NULL REFERENCES boundary_markers(id) ON DELETE CASCADE,
  PRIMARY KEY (custody_id, marker_id)
);
CREATE INDEX boundary_custody_markers_marker_idx ON boundary_custody_markers (marker_id);

-- The custodian's patrols (巡查) and what they saw.
CREATE TABLE boundary_patrols (
  id           serial PRIMARY KEY,
  custody_id   integer NOT NULL REFERENCES boundary_custodies(id) ON DELETE CASCADE,
  patrolled_on date NOT NULL,
  patroller    text NOT NULL CHECK (length(btrim(patroller)) BETWEEN 1 AND 100),
  findings     text NOT NULL DEFAULT '' CHECK (length(findings) <= 2000),
  recorded_by  text NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX boundary_patrols_custody_idx ON boundary_patrols (custody_id, patrolled_on);

-- Damage to a marker, reported by a custodian or anyone else; it must be
-- acted on within 12 hours.
CREATE TABLE boundary_damage_reports (
  id           serial PRIMARY KEY,
  marker_id    integer NOT NULL REFERENCES boundary_markers(id) ON DELETE CASCADE,
  custody_id   integer REFERENCES boundary_custodies(id) ON DELETE CASCADE,
  reported_at  timestamptz NOT NULL,
  reported_by  text NOT NULL CHECK (length(btrim(reported_by)) BETWEEN 1 AND 100),
  condition    text NOT NULL CHECK (condition IN ('damaged', 'lost', 'displaced', 'moved', 'removed')),
  description  text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
  action_taken text NOT NULL DEFAULT '' CHECK (length(action_taken) <= 2000),
  action_at    timestamptz,
  recorded_by  text NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((action_at IS NULL) = (action_taken = ''))
);
CREATE INDEX boundary_damage_reports_open_idx ON boundary_damage_reports (reported_at) WHERE action_at IS NULL;

-- A marker's condition over time: set when recorded, then from inspections,
-- damage reports and edits.
CREATE TABLE marker_conditions (
  id                 serial PRIMARY KEY,
  marker_id          integer NOT NULL REFERENCES boundary_markers(id) ON DELETE CASCADE,
  condition          text NOT NULL CHECK (condition IN ('intact', 'damaged', 'lost', 'displaced', 'moved', 'removed')),
  observed_on        date NOT NULL,
  source             text NOT NULL CHECK (source IN ('recorded', 'edit', 'inspection', 'damage_report', 'import')),
  finding_id         integer REFERENCES inspection_findings(id) ON DELETE CASCADE,
  damage_report_id   integer REFERENCES boundary_damage_reports(id) ON DELETE CASCADE,
  note               text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  recorded_by        text NOT NULL,
  recorded_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX marker_conditions_marker_idx ON marker_conditions (marker_id, observed_on);

-- The delimitation archives (勘界档案) and marker photos: documents attached
-- to a line, marker, inspection or division change, kept with their SHA-256
-- and how long they must be retained.
CREATE TABLE boundary_documents (
  id                serial PRIMARY KEY,
  line_id           integer REFERENCES boundary_lines(id) ON DELETE CASCADE,
  marker_id         integer REFERENCES boundary_markers(id) ON DELETE CASCADE,
  inspection_id     integer REFERENCES boundary_inspections(id) ON DELETE CASCADE,
  division_event_id integer REFERENCES division_events(id) ON DELETE CASCADE,
  doc_type          text NOT NULL CHECK (doc_type IN ('agreement', 'map', 'marker_table', 'inspection_report', 'photo', 'change_order', 'other')),
  title             text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  filename          text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  media_type        text NOT NULL,
  size_bytes        integer NOT NULL CHECK (size_bytes >= 0),
  sha256            char(64) NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  -- Years to keep; NULL: permanently (永久).
  retention_years   integer CHECK (retention_years BETWEEN 1 AND 100),
  content           bytea NOT NULL,
  uploaded_by       text NOT NULL,
  uploaded_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(line_id, marker_id, inspection_id, division_event_id) = 1)
);
CREATE INDEX boundary_documents_line_idx ON boundary_documents (line_id);
CREATE INDEX boundary_documents_marker_idx ON boundary_documents (marker_id);
CREATE INDEX boundary_documents_inspection_idx ON boundary_documents (inspection_id);
CREATE INDEX boundary_documents_event_idx ON boundary_documents (division_event_id);
