-- What-if edits of the walk network kept with a scenario: streets, paths or
-- gate passages closed to walkers, and new links such as a footbridge.
--
-- network_changes: JSON array of {"op":"close","edgeId":…} and
-- {"op":"link","lng":…,"lat":…,"toLng":…,"toLat":…,"name":…}.

ALTER TABLE scenarios
  ADD COLUMN network_changes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(network_changes) = 'array');
