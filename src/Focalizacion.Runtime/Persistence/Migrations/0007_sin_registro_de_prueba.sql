-- effect_ledger belonged to the "registrar" test handler, which production no longer registers:
-- the engine's schema keeps only what the engine uses (the tests' module creates its own).
DROP TABLE IF EXISTS effect_ledger;
