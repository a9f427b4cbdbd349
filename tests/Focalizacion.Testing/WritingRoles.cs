namespace Focalizacion.Testing;

/// <summary>
/// Which PostgreSQL role wrote to which table of a test database: a statement trigger on each table, installed before
/// the code under test runs, notes the role that logged in (<c>session_user</c>) for every insert, update or delete, in
/// a table of the test's (<c>prueba_escrituras</c>).
/// </summary>
public static class WritingRoles
{
    /// <summary>Installs the trigger on each of <paramref name="tables"/> of <paramref name="database"/>.</summary>
    public static async Task RecordAsync(TestDatabase database, IEnumerable<string> tables)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(tables);
        await database.ExecuteAsync(
            """
            CREATE TABLE prueba_escrituras (tabla text NOT NULL, rol text NOT NULL);
            CREATE FUNCTION prueba_anota_escritura() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
            BEGIN
                INSERT INTO prueba_escrituras VALUES (TG_TABLE_NAME, session_user);
                RETURN NULL;
            END;
            $$;
            """);
        foreach (var table in tables)
        {
            await database.ExecuteAsync($"CREATE TRIGGER prueba_escritura AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION prueba_anota_escritura()");
        }
    }

    /// <summary>Every (table, role) the trigger noted since <see cref="RecordAsync"/>, each once, in order.</summary>
    public static async Task<List<(string Table, string Role)>> WritersAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.Store.DataSource.CreateCommand("SELECT DISTINCT tabla, rol FROM prueba_escrituras ORDER BY 1, 2");
        await using var reader = await command.ExecuteReaderAsync();
        var writers = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            writers.Add((reader.GetString(0), reader.GetString(1)));
        }
        return writers;
    }
}
