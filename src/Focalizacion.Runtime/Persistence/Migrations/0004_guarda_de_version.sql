-- A step computed from a state this process already holds (its instance cache) is sent in one
-- round trip that begins with this guard: it locks the instance row, as a step always does first,
-- and checks the row is still the version the state was read from. A row's xmin changes with
-- every update, whoever makes it (another process, an operator's fix), and never otherwise: row
-- locks and foreign-key checks leave it alone. A different version raises serialization_failure,
-- the rest of the batch is skipped, and the caller runs the step again reading under the lock.

CREATE FUNCTION instance_version_guard(instance uuid, expected xid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM FROM workflow_instances WHERE id = instance AND xmin = expected FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'la instancia % cambió desde que este proceso leyó su estado', instance
            USING ERRCODE = 'serialization_failure';
    END IF;
END;
$$;
