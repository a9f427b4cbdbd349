-- The region policies read the transaction's scope once per statement, not once per row.
-- focalizacion_alcance_incluye(region) (0003) was inlined into every policy and so called
-- current_setting and string_to_array for each row a query looked at: listing every region's
-- cycle as an administrator cost a fifth more with row-level security than without
-- (docs/benchmarks/api.md). The rule is now an expression whose scope is an uncorrelated
-- sub-select, which PostgreSQL evaluates once per query (an InitPlan); per row only a comparison
-- with the parameter it gives remains. Same meaning as before: '*' sees every row (rows of no
-- region included), 'NB,BI' the rows of those regions, no setting or an empty one no row at all.

-- The transaction's scope: NULL for every region, the listed regions otherwise ('{}' for none).
CREATE FUNCTION focalizacion_alcance() RETURNS text[] LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT CASE coalesce(current_setting('focalizacion.alcance', true), '')
        WHEN '*' THEN NULL
        WHEN '' THEN '{}'::text[]
        ELSE string_to_array(current_setting('focalizacion.alcance', true), ',')
    END
$$;

-- The one home of the rule's text: every policy on a region's rows is built from it.
CREATE FUNCTION focalizacion_regla_region() RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT 'coalesce(region = ANY ((SELECT focalizacion_alcance())::text[]), (SELECT focalizacion_alcance()) IS NULL)'
$$;

-- Row-level security on a table of regions' rows with its por_region policy (FOR SELECT only when
-- no role but the owner and the engine writes there, as for the journal). Tables added later call it.
CREATE FUNCTION proteger_por_region(tabla regclass, solo_lectura boolean DEFAULT false) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tabla);
    EXECUTE format('DROP POLICY IF EXISTS por_region ON %s', tabla);
    IF solo_lectura THEN
        EXECUTE format('CREATE POLICY por_region ON %s FOR SELECT USING (%s)', tabla, focalizacion_regla_region());
    ELSE
        EXECUTE format('CREATE POLICY por_region ON %s USING (%s) WITH CHECK (%s)', tabla, focalizacion_regla_region(), focalizacion_regla_region());
    END IF;
END;
$$;
REVOKE EXECUTE ON FUNCTION proteger_por_region(regclass, boolean) FROM PUBLIC;

SELECT proteger_por_region(t)
FROM unnest(ARRAY['workflow_instances', 'timers', 'outbox', 'incidents', 'correos', 'oficios', 'focalizaciones', 'directorio',
                  'documentos', 'focalizacion_versiones', 'focalizacion_observaciones', 'focalizacion_borradores']::regclass[]) AS t;
SELECT proteger_por_region('journal', solo_lectura => true);

-- The API's DocDigital lines in the journal (0005), with the same rule.
DO $$
BEGIN
    EXECUTE format('ALTER POLICY docdigital_del_oficio ON journal WITH CHECK (instance_id IS NULL AND kind = %L AND %s)',
                   'oficio-docdigital', focalizacion_regla_region());
END;
$$;

-- Nothing uses the old form any more; dropping it fails if something still did.
DROP FUNCTION focalizacion_alcance_incluye(text);
