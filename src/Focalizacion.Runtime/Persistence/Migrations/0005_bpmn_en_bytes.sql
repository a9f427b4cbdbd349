-- A definition is kept as the bytes that were uploaded, not as text: export gives back the very
-- file (a UTF-8 byte order mark, a UTF-16 or windows-1252 file), and the importer decodes those
-- bytes as the file itself declares.
--
-- Rows stored so far hold text that was read as UTF-8 whatever the file declared; they become
-- that text in UTF-8. A row whose XML declaration names another encoding is made to say UTF-8,
-- which is what its text was read as, so that it imports exactly as before (instances run on it).

ALTER TABLE workflow_definitions ALTER COLUMN bpmn_xml TYPE bytea USING convert_to(
    CASE
        WHEN coalesce(substring(bpmn_xml FROM '^\s*<\?xml[^>]*?encoding\s*=\s*["'']([^"'']*)["'']'), 'utf-8') ILIKE 'utf-8' THEN bpmn_xml
        ELSE regexp_replace(bpmn_xml, '^(\s*<\?xml[^>]*?encoding\s*=\s*["''])[^"'']*', '\1UTF-8')
    END,
    'UTF8');

COMMENT ON COLUMN workflow_definitions.bpmn_xml IS 'the uploaded BPMN file, byte for byte: layout, extensions and encoding intact';
