-- Bookmarks become a view of the instances' state instead of a table rewritten at every step:
-- "who waits for what" can no longer drift from the state, and a step no longer pays for
-- deleting and inserting rows (and their indexes) to say again what the state already says.
-- Correlation looks up one region and budget year through workflow_instances_correlation first,
-- so the view only unfolds the tokens of those few instances.

DROP TABLE bookmarks;

CREATE VIEW bookmarks AS
SELECT i.id                 AS instance_id,
       token ->> 'id'       AS token_id,
       token ->> 'nodeId'   AS node_id,
       token ->> 'wait'     AS kind,
       token ->> 'key'      AS key
FROM workflow_instances i
CROSS JOIN LATERAL jsonb_array_elements(i.state -> 'tokens') AS t (token);
