-- The oficio that announces the fallback states and attaches the focalización that applies
-- (issue 14): which version that was, so that the oficio's page names it and gives its attachment.
ALTER TABLE oficios ADD COLUMN focalizacion_version_id bigint REFERENCES focalizacion_versiones (id);
