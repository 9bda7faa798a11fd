-- The gazetteer (地名): place records with their other names and every saved
-- version, naming cases (naming, renaming, retiring, correction) with their
-- events and attachments, the historical place-name protection list,
-- place-name signs, door plates and door-plate certificates.
--
-- Every write to a place takes the next value of gazetteer_change_seq while
-- holding the gazetteer's advisory lock, so the order of change_seq is the
-- order of commits and the public "changed since" feed never skips a row.

CREATE SEQUENCE gazetteer_change_seq;

CREATE TABLE places (
  id                     serial PRIMARY KEY,
  -- Set for the demo district's synthetic records; null for records staff keep.
  dataset_id             integer REFERENCES datasets(id),
  place_code             char(20) UNIQUE CHECK (place_code ~ '^[0-9]{20}$'),
  category               text NOT NULL CHECK (category IN (
                           'sea-areas', 'inland-waters', 'landforms', 'administrative-areas',
                           'self-governing-organisations', 'non-administrative-areas', 'settlements',
                           'transport-facilities', 'water-power-communication-facilities',
                           'memorials-and-sights', 'buildings', 'organisations')),
  category_code          char(5) CHECK (category_code ~ '^[0-9]{5}$'),
  feature_type           text NOT NULL DEFAULT '',
  standard_name          text NOT NULL CHECK (length(btrim(standard_name)) BETWEEN 1 AND 100),
  specific_part          text NOT NULL DEFAULT '',
  generic_part           text NOT NULL DEFAULT '',
  romanization           text NOT NULL DEFAULT '',
  romanization_confirmed boolean NOT NULL DEFAULT false,
  minority_name          text NOT NULL DEFAULT '',
  meaning                text NOT NULL DEFAULT '',
  history                text NOT NULL DEFAULT '',
  description            text NOT NULL DEFAULT '',
  sources                text NOT NULL DEFAULT '',
  division_codes         text[] NOT NULL DEFAULT '{}',
  geom                   geometry(Geometry, 4326) CHECK (geom IS NULL OR ST_SRID(geom) = 4326),
  named_on               date,
  established_on         date,
  abolished_on           date,
  status                 text NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'historical', 'deprecated')),
  registered_by          text NOT NULL DEFAULT '',
  registering_unit       text NOT NULL DEFAULT '',
  registered_on          date,
  version                integer NOT NULL DEFAULT 1,
  change_seq             bigint NOT NULL DEFAULT nextval('gazetteer_change_seq'),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX places_geom_idx ON places USING gist (geom);
CREATE UNIQUE INDEX places_change_seq_idx ON places (change_seq);
CREATE INDEX places_division_codes_idx ON places USING gin (division_codes);
COMMENT ON TABLE places IS 'Place-name records; never deleted: a ceased place is historical, an erroneous one deprecated';

-- Names other than the standard name. Replaced as a whole with each save of
-- the place; earlier sets live on in place_versions.
CREATE TABLE place_alt_names (
  id           serial PRIMARY KEY,
  place_id     integer NOT NULL REFERENCES places(id),
  position     integer NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('alias', 'short', 'map', 'historical')),
  name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  romanization text NOT NULL DEFAULT '',
  valid_from   date,
  valid_to     date,
  note         text NOT NULL DEFAULT '',
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX place_alt_names_place_idx ON place_alt_names (place_id, position);

-- Each save of a place as a whole record (the API's JSON shape, geometry as
-- GeoJSON), so any version, or the record as it stood on a date, can be read
-- and two versions compared.
CREATE TABLE place_versions (
  place_id    integer NOT NULL REFERENCES places(id),
  version     integer NOT NULL,
  record      jsonb NOT NULL,
  change      text NOT NULL CHECK (change IN ('register', 'edit', 'import', 'demo', 'naming', 'renaming', 'retiring', 'correction')),
  case_id     integer,
  saved_at    timestamptz NOT NULL DEFAULT now(),
  saved_by_id integer REFERENCES users(id),
  saved_by    text NOT NULL,
  PRIMARY KEY (place_id, version)
);
CREATE INDEX place_versions_saved_at_idx ON place_versions (place_id, saved_at);

CREATE TABLE naming_cases (
  id                      serial PRIMARY KEY,
  kind                    text NOT NULL CHECK (kind IN ('naming', 'renaming', 'retiring', 'correction')),
  status                  text NOT NULL DEFAULT 'draft' CHECK (status IN (
                            'draft', 'submitted', 'under_review', 'approved', 'filed', 'announced',
                            'returned', 'rejected', 'withdrawn')),
  -- The place the case changes; for naming, set when the approval creates it.
  place_id                integer REFERENCES places(id),
  title                   text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  -- What the case proposes, in the shape its kind needs (see naming-cases.ts).
  proposal                jsonb NOT NULL,
  reason                  text NOT NULL DEFAULT '',
  -- Identical and same-sounding names found when the name was proposed, and who acknowledged them.
  similar_names           jsonb NOT NULL DEFAULT '[]',
  similar_acknowledged_by text,
  similar_acknowledged_at timestamptz,
  notice_starts_on        date,
  notice_ends_on          date,
  authority               text NOT NULL DEFAULT '',
  document_number         text NOT NULL DEFAULT '',
  approved_on             date,
  filed_on                date,
  announced_on            date,
  created_by_id           integer REFERENCES users(id),
  created_by              text NOT NULL,
  version                 integer NOT NULL DEFAULT 1,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (notice_ends_on IS NULL OR notice_starts_on IS NULL OR notice_ends_on >= notice_starts_on)
);
CREATE INDEX naming_cases_place_idx ON naming_cases (place_id);
CREATE INDEX naming_cases_status_idx ON naming_cases (status, updated_at);

ALTER TABLE place_versions ADD FOREIGN KEY (case_id) REFERENCES naming_cases(id);

CREATE TABLE naming_case_events (
  id          bigserial PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES naming_cases(id),
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    integer REFERENCES users(id),
  actor_name  text NOT NULL,
  action      text NOT NULL,
  from_status text,
  to_status   text NOT NULL,
  note        text NOT NULL DEFAULT '' CHECK (length(note) <= 2000)
);
CREATE INDEX naming_case_events_case_idx ON naming_case_events (case_id, id);

-- Historical place-name protection list (历史地名保护名录).
CREATE TABLE protected_names (
  id              serial PRIMARY KEY,
  place_id        integer NOT NULL REFERENCES places(id),
  level           text NOT NULL CHECK (level IN ('national', 'provincial', 'municipal', 'county')),
  batch           text NOT NULL DEFAULT '',
  listed_on       date,
  value_statement text NOT NULL DEFAULT '',
  measures        text NOT NULL DEFAULT '',
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (place_id)
);

-- Place-name signs (地名标志): what the sign says, where it stands, its state.
CREATE TABLE place_signs (
  id                serial PRIMARY KEY,
  place_id          integer NOT NULL REFERENCES places(id),
  sign_type         text NOT NULL CHECK (sign_type IN ('road', 'street', 'compound', 'village', 'building', 'bridge', 'guide', 'other')),
  text_zh           text NOT NULL CHECK (length(btrim(text_zh)) BETWEEN 1 AND 100),
  text_pinyin       text NOT NULL DEFAULT '',
  geom              geometry(Point, 4326),
  material          text NOT NULL DEFAULT '',
  installed_on      date,
  condition         text NOT NULL DEFAULT 'good' CHECK (condition IN ('good', 'worn', 'damaged', 'missing', 'removed')),
  last_inspected_on date,
  note              text NOT NULL DEFAULT '',
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX place_signs_place_idx ON place_signs (place_id);
CREATE INDEX place_signs_geom_idx ON place_signs USING gist (geom);

-- Files attached to a naming case (assessment, expert and consultation
-- reports, notices) or to a sign (photos).
CREATE TABLE gazetteer_files (
  id          serial PRIMARY KEY,
  case_id     integer REFERENCES naming_cases(id),
  sign_id     integer REFERENCES place_signs(id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('assessment', 'expert', 'consultation', 'notice', 'approval', 'photo', 'other')),
  filename    text NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  media_type  text NOT NULL,
  size_bytes  integer NOT NULL CHECK (size_bytes >= 0),
  content     bytea NOT NULL,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(case_id, sign_id) = 1)
);
CREATE INDEX gazetteer_files_case_idx ON gazetteer_files (case_id);
CREATE INDEX gazetteer_files_sign_idx ON gazetteer_files (sign_id);

-- Door plates (门牌) along a road recorded in the gazetteer. The standard
-- address is derived when read, from the road's current standard name and
-- the divisions, so a renamed road renames its addresses.
CREATE TABLE door_plates (
  id             serial PRIMARY KEY,
  road_place_id  integer NOT NULL REFERENCES places(id),
  number         text NOT NULL CHECK (number ~ '^[0-9]+(-[0-9]+)?$'),
  building       text NOT NULL DEFAULT '',
  unit           text NOT NULL DEFAULT '',
  room           text NOT NULL DEFAULT '',
  community_code char(12) CHECK (community_code ~ '^[0-9]{12}$'),
  geom           geometry(Point, 4326),
  status         text NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'retired')),
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX door_plates_current_idx ON door_plates (road_place_id, number, building, unit, room) WHERE status = 'current';
CREATE INDEX door_plates_geom_idx ON door_plates USING gist (geom);

-- Door-plate certificates (门牌证): one valid certificate per plate at a time.
CREATE TABLE door_plate_certificates (
  id             serial PRIMARY KEY,
  door_plate_id  integer NOT NULL REFERENCES door_plates(id),
  number         text NOT NULL UNIQUE CHECK (length(btrim(number)) BETWEEN 1 AND 50),
  holder         text NOT NULL CHECK (length(btrim(holder)) BETWEEN 1 AND 200),
  issued_on      date NOT NULL,
  revoked_on     date,
  revoked_reason text NOT NULL DEFAULT '',
  issued_by      text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (revoked_on IS NULL OR revoked_on >= issued_on)
);
CREATE UNIQUE INDEX door_plate_certificates_valid_idx ON door_plate_certificates (door_plate_id) WHERE revoked_on IS NULL;

-- Raised whenever records are deleted (only when the demo is replaced), so
-- in-memory search indexes know to rebuild rather than update.
CREATE TABLE gazetteer_generation (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  generation integer NOT NULL
);
INSERT INTO gazetteer_generation (generation) VALUES (1);
