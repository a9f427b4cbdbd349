-- A timer firing or an effect's outcome computed from a state this process already holds (its
-- instance cache) is sent in one round trip: after instance_version_guard (0004), which locks the
-- instance and checks its version, this locks the timer or outbox row, as the step read under
-- lock does, and checks it is still pending. If it is not (another process fired or withdrew it,
-- an operator resolved it), it raises no_data_found, the rest of the batch is skipped, and the
-- caller does it again the two-trip way, which finds the row done and leaves it.

CREATE FUNCTION pending_guard(tabla regclass, fila bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    locked bigint;
BEGIN
    IF tabla NOT IN ('timers'::regclass, 'outbox'::regclass) THEN
        RAISE EXCEPTION 'pending_guard: % no es timers ni outbox', tabla;
    END IF;
    EXECUTE format('SELECT FROM %s WHERE id = $1 AND state = %L FOR UPDATE', tabla, 'Pending') USING fila;
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked = 0 THEN
        RAISE EXCEPTION 'la fila % de % ya no está pendiente', fila, tabla USING ERRCODE = 'no_data_found';
    END IF;
END;
$$;
