-- Datasets as versioned series. Re-importing a department's facility list,
-- compound list, divisions or street network makes a new version of the
-- same series; the rows the earlier version had in that layer move to
-- archived_features, so the live tables hold only current data (every
-- query of them stays as it is) and no version is ever lost.

ALTER TABLE datasets ADD COLUMN series text;
ALTER TABLE datasets ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
-- The one layer an imported dataset fills; null for datasets of several
-- layers (the demo) and for records kept by other modules.
ALTER TABLE datasets ADD COLUMN layer text CHECK (layer IN ('network', 'facilities', 'compounds', 'divisions'));
ALTER TABLE datasets ADD COLUMN file_name text NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN crs text NOT NULL DEFAULT '';
ALTER TABLE datasets ADD COLUMN imported_by text NOT NULL DEFAULT '';

UPDATE datasets SET series = name;
ALTER TABLE datasets ALTER COLUMN series SET NOT NULL;
CREATE INDEX datasets_series_idx ON datasets (series, version);

-- Rows inserted without a series (the demo, division records) form a
-- series of their own name.
CREATE FUNCTION datasets_default_series() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.series IS NULL THEN
    NEW.series := NEW.name;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER datasets_series_default
  BEFORE INSERT ON datasets
  FOR EACH ROW EXECUTE FUNCTION datasets_default_series();

-- A layer of a dataset that a later version replaced.
CREATE TABLE dataset_layer_archives (
  dataset_id    integer NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
  layer         text NOT NULL CHECK (layer IN ('network', 'facilities', 'compounds', 'divisions')),
  replaced_by   integer REFERENCES datasets(id) ON DELETE SET NULL,
  archived_at   timestamptz NOT NULL DEFAULT now(),
  archived_by   text NOT NULL DEFAULT '',
  feature_count integer NOT NULL CHECK (feature_count >= 0),
  PRIMARY KEY (dataset_id, layer)
);

-- The rows of an archived layer: the live row's columns as properties
-- (its id or code in feature_id), its geometry as it was.
CREATE TABLE archived_features (
  id         bigserial PRIMARY KEY,
  dataset_id integer NOT NULL,
  layer      text NOT NULL,
  feature_id text NOT NULL,
  properties jsonb NOT NULL,
  geom       geometry(Geometry, 4326) NOT NULL,
  FOREIGN KEY (dataset_id, layer) REFERENCES dataset_layer_archives (dataset_id, layer) ON DELETE CASCADE
);
CREATE INDEX archived_features_dataset_idx ON archived_features (dataset_id, layer);

-- A department's own identifier of a facility or compound (its ledger
-- number), kept so re-imports and exports can name the same thing.
ALTER TABLE facilities ADD COLUMN code text;
ALTER TABLE compounds ADD COLUMN code text;
CREATE INDEX facilities_code_idx ON facilities (code) WHERE code IS NOT NULL;
CREATE INDEX compounds_code_idx ON compounds (code) WHERE code IS NOT NULL;

-- Column mappings saved for reuse: which column of a department's file
-- fills which field of a layer (or of the gazetteer's place records).
CREATE TABLE import_mappings (
  id         serial PRIMARY KEY,
  layer      text NOT NULL CHECK (layer IN ('facilities', 'compounds', 'divisions', 'places')),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  mapping    jsonb NOT NULL,
  created_by text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (layer, name)
);

-- Which datasets have rows in a layer is asked by every analysis that
-- names its data.
CREATE INDEX network_edges_dataset_idx ON network_edges (dataset_id);
CREATE INDEX facilities_dataset_idx ON facilities (dataset_id);
CREATE INDEX compounds_dataset_idx ON compounds (dataset_id);
CREATE INDEX divisions_dataset_idx ON divisions (dataset_id);
