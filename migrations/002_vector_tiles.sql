-- Vector tiles for the layers that grow large in a real city: the street
-- network and residential compounds with their gates.
--
-- Each layer has a *_rows(z, x, y) function returning its features in tile
-- coordinates (extent 4096, 64-unit buffer) with their attributes, and each
-- tile source a function returning the encoded Mapbox Vector Tile through
-- ST_AsMVT. PostGIS builds without protobuf-c (the embedded one) lack
-- ST_AsMVT; the server then encodes the *_rows output itself, so both paths
-- draw from the same rows.

-- tile_map_geom(geom, env): a WGS84 geometry clipped to the web-mercator
-- tile envelope `env` plus a 64-unit buffer and mapped to integer tile
-- coordinates (extent 4096, y pointing down). What ST_AsMVTGeom does, built
-- from functions every PostGIS build has. A single expression, so PostgreSQL
-- inlines it into the queries below.
CREATE FUNCTION tile_map_geom(geom geometry, env geometry)
RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_RemoveRepeatedPoints(ST_SnapToGrid(ST_Affine(
           ST_ClipByBox2D(ST_Transform(geom, 3857), ST_Expand(env, (ST_XMax(env) - ST_XMin(env)) * 64 / 4096)),
           4096 / (ST_XMax(env) - ST_XMin(env)), 0, 0, -4096 / (ST_YMax(env) - ST_YMin(env)),
           -ST_XMin(env) * 4096 / (ST_XMax(env) - ST_XMin(env)), ST_YMax(env) * 4096 / (ST_YMax(env) - ST_YMin(env))), 1))
$$;

-- tile_finish_geom(g): a mapped geometry made ready for encoding: NULL when
-- nothing remains (callers also drop polygons that validity left empty), polygons made valid and wound as the MVT specification
-- requires (exterior rings of positive area in tile coordinates).
CREATE FUNCTION tile_finish_geom(g geometry)
RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN g IS NULL OR ST_IsEmpty(g) THEN NULL
              WHEN ST_Dimension(g) = 2 THEN ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(g), 3))
              ELSE g END
$$;

-- tile_envelopes(z, x, y): the tile in web mercator, and with its buffer in
-- WGS84 for the index filter.
CREATE FUNCTION tile_envelopes(z integer, x integer, y integer, OUT env geometry, OUT bbox geometry)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ST_TileEnvelope(z, x, y), ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326)
$$;

-- tile_network_rows(z, x, y): street-network edges in tile coordinates;
-- minor classes appear from zoom 13 and paths from zoom 14 so low zooms stay
-- light.
CREATE FUNCTION tile_network_rows(z integer, x integer, y integer)
RETURNS TABLE (fid bigint, id bigint, name text, highway text, bridge boolean, tunnel boolean, "lengthM" double precision, geom geometry)
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  WITH t AS MATERIALIZED (SELECT * FROM tile_envelopes(z, x, y))
  SELECT e.id, e.id, e.name, e.highway, e.bridge, e.tunnel, round(e.length_m::numeric, 1)::double precision, f.g
    FROM t
    JOIN network_edges e ON e.geom && t.bbox
    CROSS JOIN LATERAL (SELECT tile_map_geom(e.geom, t.env) AS g OFFSET 0) AS m
    CROSS JOIN LATERAL (SELECT tile_finish_geom(m.g) AS g OFFSET 0) AS f
   WHERE f.g IS NOT NULL AND NOT ST_IsEmpty(f.g)
     AND (z >= 14
          OR (z >= 13 AND e.highway NOT IN ('footway', 'path', 'steps', 'pedestrian', 'cycleway', 'service', 'track'))
          OR e.highway IN ('motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link'))
$$;

-- tile_compounds_rows(z, x, y): residential compound outlines from zoom 12.
CREATE FUNCTION tile_compounds_rows(z integer, x integer, y integer)
RETURNS TABLE (fid bigint, id integer, name text, households integer, "communityCode" text, geom geometry)
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  WITH t AS MATERIALIZED (SELECT * FROM tile_envelopes(z, x, y))
  SELECT c.id::bigint, c.id, c.name, c.households, c.community_code::text, f.g
    FROM t
    JOIN compounds c ON c.geom && t.bbox
    CROSS JOIN LATERAL (SELECT tile_map_geom(c.geom, t.env) AS g OFFSET 0) AS m
    CROSS JOIN LATERAL (SELECT tile_finish_geom(m.g) AS g OFFSET 0) AS f
   WHERE z >= 12 AND f.g IS NOT NULL AND NOT ST_IsEmpty(f.g)
$$;

-- tile_compound_gates_rows(z, x, y): compound gates from zoom 14.
CREATE FUNCTION tile_compound_gates_rows(z integer, x integer, y integer)
RETURNS TABLE (fid bigint, id integer, "compoundId" integer, name text, geom geometry)
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  WITH t AS MATERIALIZED (SELECT * FROM tile_envelopes(z, x, y))
  SELECT g.id::bigint, g.id, g.compound_id, g.name, f.g
    FROM t
    JOIN compound_gates g ON g.geom && t.bbox
    CROSS JOIN LATERAL (SELECT tile_map_geom(g.geom, t.env) AS g OFFSET 0) AS m
    CROSS JOIN LATERAL (SELECT tile_finish_geom(m.g) AS g OFFSET 0) AS f
   WHERE z >= 14 AND f.g IS NOT NULL AND NOT ST_IsEmpty(f.g)
$$;

-- tile_compound_labels_rows(z, x, y): one label point per compound (a
-- point on its surface) from zoom 14, so a name is drawn once even when the
-- outline spans several tiles.
CREATE FUNCTION tile_compound_labels_rows(z integer, x integer, y integer)
RETURNS TABLE (fid bigint, id integer, name text, households integer, geom geometry)
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  WITH t AS MATERIALIZED (SELECT * FROM tile_envelopes(z, x, y))
  SELECT c.id::bigint, c.id, c.name, c.households, f.g
    FROM t
    JOIN compounds c ON c.geom && t.bbox
    CROSS JOIN LATERAL (SELECT tile_map_geom(ST_PointOnSurface(c.geom), t.env) AS g OFFSET 0) AS f
   WHERE z >= 14 AND f.g IS NOT NULL AND NOT ST_IsEmpty(f.g)
$$;

-- tile_network(z, x, y): the encoded tile of source "network" (layer "network").
CREATE FUNCTION tile_network(z integer, x integer, y integer)
RETURNS bytea
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce((SELECT ST_AsMVT(r, 'network', 4096, 'geom', 'fid') FROM tile_network_rows(z, x, y) AS r), ''::bytea)
$$;
COMMENT ON FUNCTION tile_network(integer, integer, integer) IS 'Mapbox Vector Tile of the street network.';

-- tile_compounds(z, x, y): the encoded tile of source "compounds" (layers
-- "compounds", "compound_gates" and "compound_labels"; concatenated layers
-- form one tile).
CREATE FUNCTION tile_compounds(z integer, x integer, y integer)
RETURNS bytea
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce((SELECT ST_AsMVT(r, 'compounds', 4096, 'geom', 'fid') FROM tile_compounds_rows(z, x, y) AS r), ''::bytea)
      || coalesce((SELECT ST_AsMVT(r, 'compound_gates', 4096, 'geom', 'fid') FROM tile_compound_gates_rows(z, x, y) AS r), ''::bytea)
      || coalesce((SELECT ST_AsMVT(r, 'compound_labels', 4096, 'geom', 'fid') FROM tile_compound_labels_rows(z, x, y) AS r), ''::bytea)
$$;
COMMENT ON FUNCTION tile_compounds(integer, integer, integer) IS 'Mapbox Vector Tile of residential compounds, their gates and label points.';
