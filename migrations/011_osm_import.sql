-- Walk networks imported from OpenStreetMap: each edge keeps the id of the
-- way it was cut from and the access that applies to walkers (the way's
-- `foot` value, else its `access` value, else empty), so a gated campus
-- (`permissive`, `destination`) can be told apart later. Edges of the
-- synthetic demo have no way id and an empty access.

ALTER TABLE network_edges ADD COLUMN osm_way_id bigint;
ALTER TABLE network_edges ADD COLUMN access text NOT NULL DEFAULT '';
