-- Who published a version and who retired it, and when it was retired: the versions list shows
-- them beside who uploaded it and when (created_by, created_at, published_at). Rows published or
-- retired before take them from the journal line that recorded the act, when there is one.
ALTER TABLE workflow_definitions ADD COLUMN published_by text;
ALTER TABLE workflow_definitions ADD COLUMN retired_at timestamptz;
ALTER TABLE workflow_definitions ADD COLUMN retired_by text;

UPDATE workflow_definitions d SET published_by = j.who
FROM (SELECT DISTINCT ON (details) details, actor || coalesce(' (' || via || ')', '') AS who
      FROM journal WHERE kind = 'definicion-publicada' ORDER BY details, id) j
WHERE d.version IS NOT NULL AND j.details = format('«%s» versión %s publicada', d.process_key, d.version);

UPDATE workflow_definitions d SET retired_by = j.who, retired_at = j.at
FROM (SELECT DISTINCT ON (details) details, at, actor || coalesce(' (' || via || ')', '') AS who
      FROM journal WHERE kind = 'definicion-retirada' ORDER BY details, id DESC) j
WHERE d.status = 'Retired' AND j.details = format('«%s» versión %s retirada', d.process_key, d.version);
