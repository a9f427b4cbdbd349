-- Every journal line says through what its actor acted (cli, api, web, temporizador,
-- bandeja-de-salida, simulacion, servicio), beside who: the API and the web stamp the
-- authenticated user, and an audit filters by either. Lines written before have none.
ALTER TABLE journal ADD COLUMN via text;
