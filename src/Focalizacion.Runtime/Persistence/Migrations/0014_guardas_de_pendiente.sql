-- A timer firing or an effect's outcome computed from a state this process already holds (its
-- instance cache) is sent in one round trip: after instance_version_guard (0004), which locks the
-- instance and checks its version, one of these locks the timer or outbox row, as the step read
-- under lock does, and checks it is still pending. If it is not (another process fired or
-- withdrew it, an operator resolved it), it raises no_data_found, the rest of the batch is
-- skipped, and the caller does it again the two-trip way, which finds the row done and leaves it.

CREATE FUNCTION timer_pending_guard(timer bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM FROM timers WHERE id = timer AND state = 'Pending' FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'el temporizador % ya no está pendiente', timer USING ERRCODE = 'no_data_found';
    END IF;
END;
$$;

CREATE FUNCTION outbox_pending_guard(entry bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM FROM outbox WHERE id = entry AND state = 'Pending' FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'el efecto % ya no está pendiente', entry USING ERRCODE = 'no_data_found';
    END IF;
END;
$$;
