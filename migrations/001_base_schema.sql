-- Base schema: datasets, divisions, compounds and gates, facilities, the walk
-- network, water areas and place names. Geometry is WGS84 (SRID 4326);
-- lengths and areas are computed in metres through geography.

CREATE EXTENSION IF NOT EXISTS postgis;

-- Where a set of rows came from. Every feature table points here, so the map,
-- exports and reports can say whether data is synthetic (the demo) or real.
CREATE TABLE datasets (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  source      text NOT NULL,
  synthetic   boolean NOT NULL,
  description text NOT NULL DEFAULT '',
  attribution text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- District (区/县), sub-district or town (街道/镇), community or village (社区/村).
CREATE TABLE divisions (
  code               char(12) PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  dataset_id         integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  name               text NOT NULL,
  level              text NOT NULL CHECK (level IN ('district', 'subdistrict', 'community')),
  parent_code        char(12) REFERENCES divisions(code) ON DELETE CASCADE,
  urban_rural        text NOT NULL CHECK (urban_rural IN ('urban', 'rural')),
  households         integer CHECK (households >= 0),
  population         integer CHECK (population >= 0),
  elderly_population integer CHECK (elderly_population >= 0),
  geom               geometry(MultiPolygon, 4326) NOT NULL,
  CHECK ((level = 'district') = (parent_code IS NULL))
);
CREATE INDEX divisions_geom_idx ON divisions USING gist (geom);
CREATE INDEX divisions_parent_idx ON divisions (parent_code);

-- Residential compounds (小区): the unit that carries households on the ground.
CREATE TABLE compounds (
  id                 serial PRIMARY KEY,
  dataset_id         integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  name               text NOT NULL,
  community_code     char(12) REFERENCES divisions(code) ON DELETE SET NULL,
  households         integer NOT NULL CHECK (households >= 0),
  population         integer CHECK (population >= 0),
  elderly_population integer CHECK (elderly_population >= 0),
  built_year         integer CHECK (built_year BETWEEN 1900 AND 2100),
  geom               geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX compounds_geom_idx ON compounds USING gist (geom);
CREATE INDEX compounds_community_idx ON compounds (community_code);

-- Gates through which residents leave a compound; travel times are taken here.
CREATE TABLE compound_gates (
  id          serial PRIMARY KEY,
  compound_id integer NOT NULL REFERENCES compounds(id) ON DELETE CASCADE,
  name        text NOT NULL DEFAULT '',
  geom        geometry(Point, 4326) NOT NULL
);
CREATE INDEX compound_gates_geom_idx ON compound_gates USING gist (geom);
CREATE INDEX compound_gates_compound_idx ON compound_gates (compound_id);

CREATE TABLE facility_kinds (
  code     text PRIMARY KEY,
  name_zh  text NOT NULL,
  name_en  text NOT NULL,
  sort_key integer NOT NULL
);
INSERT INTO facility_kinds (code, name_zh, name_en, sort_key) VALUES
  ('community_service',   '社区综合服务设施', 'Community service centre', 1),
  ('home_care',           '居家养老服务站',   'Home-care station',         2),
  ('day_care',            '日间照料中心',     'Day-care centre',           3),
  ('elderly_institution', '养老机构',         'Elderly-care institution',  4);

CREATE TABLE facilities (
  id             serial PRIMARY KEY,
  dataset_id     integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  kind           text NOT NULL REFERENCES facility_kinds(code),
  name           text NOT NULL,
  address        text NOT NULL DEFAULT '',
  community_code char(12) REFERENCES divisions(code) ON DELETE SET NULL,
  floor_area_m2  numeric(10, 1) CHECK (floor_area_m2 >= 0),
  beds           integer NOT NULL DEFAULT 0 CHECK (beds >= 0),
  nursing_beds   integer NOT NULL DEFAULT 0 CHECK (nursing_beds >= 0 AND nursing_beds <= beds),
  opening_year   integer CHECK (opening_year BETWEEN 1900 AND 2100),
  geom           geometry(Point, 4326) NOT NULL
);
CREATE INDEX facilities_geom_idx ON facilities USING gist (geom);
CREATE INDEX facilities_kind_idx ON facilities (kind);

-- The walk network: one row per edge between two nodes. Walkers may use an
-- edge in both directions; which highway classes they may use is the coverage
-- engine's rule, so every edge of the street network is kept here.
CREATE TABLE network_edges (
  id          bigserial PRIMARY KEY,
  dataset_id  integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  source_node bigint NOT NULL,
  target_node bigint NOT NULL,
  name        text NOT NULL DEFAULT '',
  highway     text NOT NULL,
  length_m    double precision NOT NULL CHECK (length_m >= 0),
  bridge      boolean NOT NULL DEFAULT false,
  tunnel      boolean NOT NULL DEFAULT false,
  geom        geometry(LineString, 4326) NOT NULL
);
CREATE INDEX network_edges_geom_idx ON network_edges USING gist (geom);
CREATE INDEX network_edges_source_idx ON network_edges (source_node);
CREATE INDEX network_edges_target_idx ON network_edges (target_node);

CREATE TABLE water_areas (
  id         serial PRIMARY KEY,
  dataset_id integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  name       text NOT NULL DEFAULT '',
  kind       text NOT NULL DEFAULT 'river',
  geom       geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX water_areas_geom_idx ON water_areas USING gist (geom);

-- Place names of the demo: a first, flat register that the gazetteer will
-- grow from.
CREATE TABLE place_names (
  id          serial PRIMARY KEY,
  dataset_id  integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  name        text NOT NULL,
  pinyin      text NOT NULL DEFAULT '',
  category    text NOT NULL,
  description text NOT NULL DEFAULT '',
  geom        geometry(Geometry, 4326) NOT NULL CHECK (ST_SRID(geom) = 4326)
);
CREATE INDEX place_names_geom_idx ON place_names USING gist (geom);
CREATE INDEX place_names_name_idx ON place_names (name);
