-- Vector tiles for the layers that grow large in a real city: the street
-- network and residential compounds with their gates.
--
-- Each layer has a *_rows(z, x, y) function returning its features in tile
-- coordinates (extent 4096, 64-unit buffer) with their attributes, and each
-- tile source a function returning the encoded Mapbox Vector Tile through
-- ST_AsMVT. PostGIS builds without protobuf-c (the embedded one) lack
-- ST_AsMVT; the server then encodes the *_rows output itself, so both paths
-- draw from the same rows.

-- tile_geom(geom, z, x, y): a 4326 geometry clipped to tile (z, x, y) plus
-- buffer and mapped to integer tile coordinates, y pointing down, polygon
-- exteriors wound as the MVT specification requires; NULL when nothing of it
-- remains. Built from functions every PostGIS build has, so it gives the same
-- result as ST_AsMVTGeom on both database modes.
CREATE FUNCTION tile_geom(geom geometry, z integer, x integer, y integer)
RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH env AS (
    SELECT e, ST_XMin(e) AS x0, ST_YMax(e) AS y1, ST_XMax(e) - ST_XMin(e) AS size
    FROM ST_TileEnvelope(z, x, y) AS e
  ), mapped AS (
    SELECT ST_RemoveRepeatedPoints(ST_SnapToGrid(ST_Affine(
             ST_ClipByBox2D(ST_Transform(geom, 3857), ST_Expand(e, size * 64 / 4096)),
             4096 / size, 0, 0, -4096 / size, -x0 * 4096 / size, y1 * 4096 / size), 1)) AS g
    FROM env
  ), valid AS (
    SELECT CASE WHEN ST_Dimension(g) = 2
                THEN ST_ForcePolygonCCW(ST_CollectionExtract(ST_MakeValid(g), 3))
                ELSE g END AS g
    FROM mapped
  )
  SELECT CASE WHEN g IS NULL OR ST_IsEmpty(g) THEN NULL ELSE g END FROM valid
$$;
COMMENT ON FUNCTION tile_geom(geometry, integer, integer, integer) IS
  'Clips a WGS84 geometry to a web-mercator tile and maps it to MVT tile coordinates (extent 4096, buffer 64).';

-- tile_bounds_4326(z, x, y): the tile with its buffer, in WGS84, for index filters.
CREATE FUNCTION tile_bounds_4326(z integer, x integer, y integer)
RETURNS geometry
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ST_Transform(ST_TileEnvelope(z, x, y, margin => 64.0 / 4096), 4326)
$$;

-- tile_network_rows(z, x, y): street-network edges; minor classes appear
-- from zoom 13 and paths from zoom 14 so low zooms stay light.
CREATE FUNCTION tile_network_rows(z integer, x integer, y integer)
RETURNS TABLE (fid bigint, id bigint, name text, highway text, bridge boolean, tunnel boolean, "lengthM" double precision, geom geometry)
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT * FROM (
    SELECT e.id, e.id, e.name, e.highway, e.bridge, e.tunnel, round(e.length_m::numeric, 1)::double precision,
           tile_geom(e.geom, z, x, y) AS g
    FROM network_edges e
    WHERE e.geom && tile_bounds_4326(z, x, y)
      AND (z >= 14
           OR (z >= 13 AND e.highway NOT IN ('footway', 'path', 'steps', 'pedestrian', 'cycleway', 'service', 'track'))
           OR e.highway IN ('motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link'))
  ) AS r
  WHERE g IS NOT NULL
$$;

-- tile_compounds_rows(z, x, y): residential compound outlines from zoom 12.
CREATE FUNCTION tile_compounds_rows(z integer, x integer, y integer)
RETURNS TABLE (fid bigint, id integer, name text, households integer, "communityCode" text, geom geometry)
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT * FROM (
    SELECT c.id::bigint, c.id, c.name, c.households, c.community_code::text, tile_geom(c.geom, z, x, y) AS g
    FROM compounds c
    WHERE z >= 12 AND c.geom && tile_bounds_4326(z, x, y)
  ) AS r
  WHERE g IS NOT NULL
$$;

-- tile_compound_gates_rows(z, x, y): compound gates from zoom 14.
CREATE FUNCTION tile_compound_gates_rows(z integer, x integer, y integer)
RETURNS TABLE (fid bigint, id integer, "compoundId" integer, name text, geom geometry)
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT * FROM (
    SELECT cg.id::bigint, cg.id, cg.compound_id, cg.name, tile_geom(cg.geom, z, x, y) AS g
    FROM compound_gates cg
    WHERE z >= 14 AND cg.geom && tile_bounds_4326(z, x, y)
  ) AS r
  WHERE g IS NOT NULL
$$;

-- tile_network(z, x, y): the encoded tile of source "network" (layer "network").
CREATE FUNCTION tile_network(z integer, x integer, y integer)
RETURNS bytea
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce((SELECT ST_AsMVT(r, 'network', 4096, 'geom', 'fid') FROM tile_network_rows(z, x, y) AS r), ''::bytea)
$$;
COMMENT ON FUNCTION tile_network(integer, integer, integer) IS 'Mapbox Vector Tile of the street network.';

-- tile_compounds(z, x, y): the encoded tile of source "compounds" (layers
-- "compounds" and "compound_gates"; concatenated layers form one tile).
CREATE FUNCTION tile_compounds(z integer, x integer, y integer)
RETURNS bytea
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce((SELECT ST_AsMVT(r, 'compounds', 4096, 'geom', 'fid') FROM tile_compounds_rows(z, x, y) AS r), ''::bytea)
      || coalesce((SELECT ST_AsMVT(r, 'compound_gates', 4096, 'geom', 'fid') FROM tile_compound_gates_rows(z, x, y) AS r), ''::bytea)
$$;
COMMENT ON FUNCTION tile_compounds(integer, integer, integer) IS 'Mapbox Vector Tile of residential compounds and their gates.';
