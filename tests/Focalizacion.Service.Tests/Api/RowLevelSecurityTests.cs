using Focalizacion.Runtime.Access;
using Focalizacion.Runtime.Persistence;
using Npgsql;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// Row-level security and the API role's rights, tried directly in SQL as that role
/// (<c>focalizacion_api</c>) on a database where the service started every region's cycle and sent
/// its oficio de inicio: without a scope it sees nothing; with one, only that scope, and only for
/// that transaction; it writes nothing of the engine's, cannot switch the protections off, cannot
/// read Hangfire's schema, and holds no privilege beyond what it was granted. And the engine's role
/// (<c>focalizacion_motor</c>): every write the running service made was its, it sees every region,
/// appends to the journal but never changes it, and owns nothing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class RowLevelSecurityTests
{
    /// <summary>Every table that holds a region's rows, with its region column.</summary>
    private static readonly string[] RegionalTables = ["workflow_instances", "timers", "outbox", "incidents", "journal", "correos", "oficios", "focalizaciones", "directorio", "documentos", "focalizacion_borradores"];

    private const string BookmarksOfRegion = "SELECT count(*) FROM bookmarks b JOIN workflow_instances i ON i.id = b.instance_id WHERE i.region = 'NB'";

    /// <summary>The tables whose writes the recorder (<see cref="Focalizacion.Testing.WritingRoles"/>) notes, with the role that made each.</summary>
    private static readonly string[] RecordedTables =
        ["workflow_definitions", "workflow_instances", "timers", "outbox", "incidents", "journal", "directorio", "plantillas", "oficio_series", "oficios", "correos", "focalizaciones", "documentos"];

    private ApiService _api = null!;
    private Store _owner = null!;
    private NpgsqlDataSource _apiRole = null!;
    private NpgsqlDataSource _motorRole = null!;

    /// <summary>Who wrote, while the service ran: (table, role) as the recorder noted them.</summary>
    private List<(string Table, string Role)> _writers = [];

    /// <summary>The roles of the service's connections to its database while it ran.</summary>
    private List<string> _connectedRoles = [];

    [OneTimeSetUp]
    public async Task StartCyclesThroughTheService()
    {
        // The service migrates, grants the API role and starts this year's cycles in every region; then it is stopped so nothing changes under the counts.
        _api = await ApiService.StartAsync(beforeStart: database => Focalizacion.Testing.WritingRoles.RecordAsync(database, RecordedTables));
        _connectedRoles = await StringsAsync(_api.Database.Store.DataSource,
            "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY usename");
        await _api.StopServiceAsync();
        _owner = _api.Database.Store;
        _writers = await Focalizacion.Testing.WritingRoles.WritersAsync(_api.Database);
        // An open incident and an outcome in two regions, so that those tables have rows to hide.
        await _api.Database.ExecuteAsync(
            """
            INSERT INTO incidents (instance_id, token_id, node_id, reason, state, created_at)
                SELECT id, 't', 'n', 'prueba', 'Open', now() FROM workflow_instances WHERE region IN ('NB', 'BI');
            INSERT INTO focalizaciones (region, anio_presupuestario, resultado, registrado_at, origen)
                VALUES ('NB', 2027, 'definicion-sercotec', now(), 'prueba'), ('BI', 2027, 'definicion-sercotec', now(), 'prueba');
            INSERT INTO focalizacion_borradores (region, anio_presupuestario, etapa, contenido, guardado_por, guardado_at)
                VALUES ('NB', 2027, 'preliminar', '{}', 'prueba', now()), ('BI', 2027, 'preliminar', '{}', 'prueba', now());
            """);
        _apiRole = NpgsqlDataSource.Create(_api.Database.ApiConnectionString);
        _motorRole = NpgsqlDataSource.Create(ServiceProcess.LocalRole(_api.Database.ConnectionString, ServiceProcess.MotorRole));
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        await _motorRole.DisposeAsync();
        await _apiRole.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Test]
    public async Task Without_a_scope_the_API_role_sees_no_row()
    {
        await using var connection = await _apiRole.OpenConnectionAsync();
        foreach (var table in RegionalTables.Append("bookmarks"))
        {
            Assert.That(await _api.Database.ScalarAsync($"SELECT count(*) FROM {table}"), Is.GreaterThan(0), $"the owner sees rows of {table}");
            Assert.That(await ScalarAsync(connection, $"SELECT count(*) FROM {table}"), Is.Zero, table);
        }
    }

    [Test]
    public async Task With_a_region_set_in_the_transaction_it_sees_exactly_that_region_s_rows()
    {
        await using var connection = await _apiRole.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "SELECT set_config('focalizacion.alcance', 'NB', true)", transaction);
        foreach (var table in RegionalTables)
        {
            var ownerCount = await _api.Database.ScalarAsync($"SELECT count(*) FROM {table} WHERE region = 'NB'");
            Assert.That(ownerCount, Is.GreaterThan(0), $"{table} has rows of NB");
            Assert.That(await ScalarAsync(connection, $"SELECT count(*) FROM {table}", transaction), Is.EqualTo(ownerCount), table);
            Assert.That(await ScalarAsync(connection, $"SELECT count(*) FROM {table} WHERE region IS DISTINCT FROM 'NB'", transaction), Is.Zero, table);
        }
        // The view reads the instances with the reader's rights (security_invoker), so their policy applies through it.
        var bookmarks = await _api.Database.ScalarAsync(BookmarksOfRegion);
        Assert.That(bookmarks, Is.GreaterThan(0));
        Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM bookmarks", transaction), Is.EqualTo(bookmarks));
    }

    [Test]
    public async Task Two_regions_or_every_region_are_seen_as_the_scope_says()
    {
        await using var connection = await _apiRole.OpenConnectionAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "SELECT set_config('focalizacion.alcance', 'NB,BI', true)", transaction);
            Assert.That(await ScalarAsync(connection, "SELECT count(DISTINCT region) FROM workflow_instances", transaction), Is.EqualTo(2));
            Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM correos WHERE region NOT IN ('NB', 'BI')", transaction), Is.Zero);
        }
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await ExecuteAsync(connection, "SELECT set_config('focalizacion.alcance', '*', true)", transaction);
            foreach (var table in RegionalTables)
            {
                Assert.That(await ScalarAsync(connection, $"SELECT count(*) FROM {table}", transaction), Is.EqualTo(await _api.Database.ScalarAsync($"SELECT count(*) FROM {table}")), table);
            }
        }
    }

    [Test]
    public async Task A_region_s_GORE_neither_sees_nor_writes_another_region_s_drafts()
    {
        await using var connection = await _apiRole.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "SELECT set_config('focalizacion.alcance', 'NB', true)", transaction);
        Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM focalizacion_borradores WHERE region = 'BI'", transaction), Is.Zero);
        Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM focalizacion_borradores WHERE region = 'NB'", transaction), Is.EqualTo(1));
        await using (var update = new NpgsqlCommand("UPDATE focalizacion_borradores SET guardado_por = 'intruso'", connection, transaction))
        {
            Assert.That(await update.ExecuteNonQueryAsync(), Is.EqualTo(1), "only Ñuble's draft is changed");
        }
        await using (var delete = new NpgsqlCommand("DELETE FROM focalizacion_borradores WHERE region = 'BI'", connection, transaction))
        {
            Assert.That(await delete.ExecuteNonQueryAsync(), Is.Zero, "Biobío's draft is not removed");
        }
        await ExecuteAsync(connection, "SAVEPOINT antes", transaction);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO focalizacion_borradores (region, anio_presupuestario, etapa, contenido, guardado_por, guardado_at) VALUES ('BI', 2027, 'final', '{}', 'intruso', now())",
            connection, transaction);
        var refused = Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), refused.MessageText);
        Assert.That(refused.MessageText, Does.Contain("row-level security"));
        await ExecuteAsync(connection, "ROLLBACK TO SAVEPOINT antes", transaction);
        await transaction.RollbackAsync();
    }

    [Test]
    public async Task Every_region_policy_reads_the_scope_once_per_query_not_once_per_row()
    {
        var tables = await StringsAsync(_owner.DataSource, "SELECT tablename FROM pg_policies WHERE policyname = 'por_region' ORDER BY tablename");
        Assert.That(tables, Is.SupersetOf(RegionalTables));
        await using var connection = await _apiRole.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "SELECT set_config('focalizacion.alcance', 'NB', true)", transaction);
        foreach (var table in tables)
        {
            await using var explain = new NpgsqlCommand($"EXPLAIN SELECT * FROM {table}", connection, transaction);
            await using var reader = await explain.ExecuteReaderAsync();
            var plan = new System.Text.StringBuilder();
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
            // An InitPlan is evaluated once for the statement; a setting read in the row filter would be read for every row.
            Assert.That(plan.ToString(), Does.Contain("InitPlan").And.Not.Contain("current_setting"), $"{table}:\n{plan}");
        }
    }

    [Test]
    public async Task A_prepared_statement_sees_the_scope_set_before_each_execution()
    {
        await using var connection = await _apiRole.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM workflow_instances WHERE region IS DISTINCT FROM 'NB'", connection, transaction);
        await count.PrepareAsync();
        foreach (var (scope, expected) in new[] { ("NB", 0L), ("BI", 1L), ("NB", 0L), ("NB,BI,AR", 2L) })
        {
            await ExecuteAsync(connection, $"SELECT set_config('focalizacion.alcance', '{scope}', true)", transaction);
            Assert.That(Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected), scope);
        }
    }

    [Test]
    public async Task The_scope_does_not_outlive_its_transaction_on_a_pooled_connection()
    {
        // As the service pools: one connection, handed on without a reset.
        await using var pooled = new Store(new NpgsqlConnectionStringBuilder(_api.Database.ApiConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        long backend;
        await using (var connection = await pooled.DataSource.OpenConnectionAsync())
        {
            backend = await ScalarAsync(connection, "SELECT pg_backend_pid()");
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await ExecuteAsync(connection, "SELECT set_config('focalizacion.alcance', 'NB', true)", transaction);
                Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM journal", transaction), Is.GreaterThan(0));
                await transaction.CommitAsync();
            }
            Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM journal"), Is.Zero, "after the commit, on the same connection");
        }
        await using (var reused = await pooled.DataSource.OpenConnectionAsync())
        {
            Assert.That(await ScalarAsync(reused, "SELECT pg_backend_pid()"), Is.EqualTo(backend), "the pool hands on the same connection");
            await using var setting = new NpgsqlCommand("SELECT coalesce(current_setting('focalizacion.alcance', true), '')", reused);
            Assert.That(await setting.ExecuteScalarAsync(), Is.EqualTo(""));
            Assert.That(await ScalarAsync(reused, "SELECT count(*) FROM journal"), Is.Zero);
            Assert.That(await ScalarAsync(reused, "SELECT count(*) FROM workflow_instances"), Is.Zero);
        }
    }

    [Test]
    public async Task A_reading_whose_scope_travels_in_its_first_batch_sees_only_that_scope_read_only_and_leaves_nothing_on_its_pooled_connection()
    {
        // As the service pools: one connection, handed on without a reset.
        await using var pooled = new Store(new NpgsqlConnectionStringBuilder(_api.Database.ApiConnectionString) { MaxPoolSize = 1 }.ConnectionString);
        var (regions, readOnly, afterBatch) = await pooled.ReadBatchFirstAsync(RegionScope.Of("NB"), async () =>
        {
            var regions = new List<string>();
            string readOnly;
            await using (var batch = pooled.CreateBatch())
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT DISTINCT region FROM workflow_instances ORDER BY 1"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT current_setting('transaction_read_only')"));
                await using var reader = await batch.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    regions.Add(reader.GetString(0));
                }
                await reader.NextResultAsync();
                await reader.ReadAsync();
                readOnly = reader.GetString(0);
            }
            // Commands after the first batch are in the same transaction and scope.
            await using var command = pooled.CreateCommand("SELECT count(*) FROM correos WHERE region <> 'NB'");
            return (regions, readOnly, (long)(await command.ExecuteScalarAsync())!);
        });
        Assert.That(regions, Is.EqualTo(new[] { "NB" }), "the batch's first result is its own statement's, within the scope its head set");
        Assert.That(readOnly, Is.EqualTo("on"));
        Assert.That(afterBatch, Is.Zero);
        await using (var reused = await pooled.DataSource.OpenConnectionAsync())
        {
            await using var setting = new NpgsqlCommand("SELECT coalesce(current_setting('focalizacion.alcance', true), '')", reused);
            Assert.That(await setting.ExecuteScalarAsync(), Is.EqualTo(""), "the scope ended with the reading's transaction");
            Assert.That(await ScalarAsync(reused, "SELECT count(*) FROM workflow_instances"), Is.Zero);
        }
        // A quote in the scope's value stays inside it (the SET that carries it takes no parameters): it names no region.
        Assert.That(await pooled.ReadBatchFirstAsync(RegionScope.Of("NB' OR true --"), async () =>
        {
            await using var batch = pooled.CreateBatch();
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT count(*) FROM workflow_instances"));
            return await batch.ExecuteScalarAsync();
        }), Is.Zero);
        // A command before the first batch would read with no scope: refused.
        Assert.ThrowsAsync<InvalidOperationException>(() => pooled.ReadBatchFirstAsync(RegionScope.All, async () =>
        {
            await using var command = pooled.CreateCommand("SELECT count(*) FROM workflow_instances");
            return await command.ExecuteScalarAsync();
        }));
    }

    // It appends access lines (of no instance) and nothing else: a line claiming an instance is refused.
    [TestCase("INSERT INTO journal (instance_id, at, actor, kind, details) SELECT id, now(), 'intruso', 'x', 'x' FROM workflow_instances LIMIT 1")]
    [TestCase("INSERT INTO journal (at, actor, kind, details, region) VALUES (now(), 'intruso', 'x', 'x', 'NB')")]
    [TestCase("UPDATE journal SET details = 'cambiado'")]
    [TestCase("DELETE FROM journal")]
    [TestCase("TRUNCATE journal")]
    [TestCase("INSERT INTO workflow_instances (id) VALUES (gen_random_uuid())")]
    [TestCase("UPDATE workflow_instances SET state = state")]
    [TestCase("DELETE FROM workflow_instances")]
    [TestCase("INSERT INTO correos (idempotency_key) VALUES ('x')")]
    [TestCase("UPDATE oficios SET numero = numero + 1")]
    [TestCase("UPDATE oficios SET documento_id = NULL")]
    [TestCase("UPDATE documentos SET nombre = 'otro.pdf'")]
    [TestCase("DELETE FROM documentos")]
    [TestCase("TRUNCATE documentos")]
    [TestCase("DELETE FROM directorio")]
    [TestCase("UPDATE workflow_definitions SET status = 'Retired'")]
    [TestCase("ALTER TABLE journal DISABLE TRIGGER journal_no_update_delete")]
    [TestCase("ALTER TABLE journal DISABLE ROW LEVEL SECURITY")]
    [TestCase("DROP POLICY por_region ON journal")]
    [TestCase("CREATE TABLE intrusa (id int)")]
    [TestCase("SELECT count(*) FROM hangfire.job")]
    [TestCase("SELECT count(*) FROM hangfire.server")]
    public Task The_API_role_is_refused(string sql) =>
        // With every region in scope, so that it is the missing right that refuses, not the policies.
        AssertRefusedAsync(_apiRole, sql, "SELECT set_config('focalizacion.alcance', '*', true)");

    [Test]
    public async Task Switching_row_security_off_does_not_bypass_it()
    {
        await using var connection = await _apiRole.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "SET LOCAL row_security = off", transaction);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM journal", connection, transaction);
        var refused = Assert.ThrowsAsync<PostgresException>(() => command.ExecuteScalarAsync());
        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), refused.MessageText);
        Assert.That(refused.MessageText, Does.Contain("row-level security"));
    }

    [Test]
    public async Task The_API_role_has_no_privilege_beyond_its_grants_and_owns_nothing()
    {
        await using var connection = await _apiRole.OpenConnectionAsync();
        await AssertHasNoneOfAsync(connection, ("has_schema_privilege(current_user, 'hangfire', 'USAGE')", "usage of the hangfire schema"));
    }

    [Test]
    public async Task The_bookmarks_view_runs_with_the_reader_s_rights()
    {
        Assert.That(await _api.Database.ScalarAsync("SELECT count(*) FROM pg_class WHERE relname = 'bookmarks' AND relkind = 'v' AND 'security_invoker=true' = ANY (reloptions)"), Is.EqualTo(1));
        await using var connection = await _apiRole.OpenConnectionAsync();
        Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM bookmarks"), Is.Zero, "without a scope, nothing through the view either");
    }

    [Test]
    public void Every_write_of_the_running_service_was_the_engine_s_role_s()
    {
        // Starting the cycles writes definitions, instances, timers, outbox, journal, the directory, oficios and mails.
        Assert.That(_writers.Select(w => w.Table).Distinct(), Is.SupersetOf(new[] { "workflow_definitions", "workflow_instances", "timers", "outbox", "journal", "directorio", "oficios", "correos" }));
        Assert.That(_writers.Where(w => w.Role != ServiceProcess.MotorRole), Is.Empty, "writes by another role than the engine's");
        // The service's pools: the engine's role (engine, handlers, Hangfire) and the one that serves users; the owner's only migrated and granted.
        Assert.That(_connectedRoles, Does.Contain(ServiceProcess.MotorRole));
        Assert.That(_connectedRoles, Is.SubsetOf(new[] { ServiceProcess.MotorRole, "focalizacion_api", new NpgsqlConnectionStringBuilder(_api.Database.ConnectionString).Username }));
    }

    [Test]
    public async Task The_engine_s_role_sees_every_region_without_a_scope()
    {
        await using var connection = await _motorRole.OpenConnectionAsync();
        foreach (var table in RegionalTables.Where(t => t != "focalizacion_borradores").Append("bookmarks"))
        {
            Assert.That(await ScalarAsync(connection, $"SELECT count(*) FROM {table}"), Is.EqualTo(await _api.Database.ScalarAsync($"SELECT count(*) FROM {table}")).And.GreaterThan(0), table);
        }
    }

    [Test]
    public async Task The_engine_s_role_appends_to_the_journal_and_reads_it()
    {
        await using var connection = await _motorRole.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var before = await ScalarAsync(connection, "SELECT count(*) FROM journal", transaction);
        await ExecuteAsync(connection, "INSERT INTO journal (instance_id, at, actor, kind, details) SELECT id, now(), 'motor', 'prueba', 'línea de prueba' FROM workflow_instances WHERE region = 'NB' LIMIT 1", transaction);
        Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM journal", transaction), Is.EqualTo(before + 1));
        Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM journal WHERE kind = 'prueba' AND region = 'NB'", transaction), Is.EqualTo(1), "the region copied from its instance");
        await transaction.RollbackAsync();
    }

    [TestCase("UPDATE journal SET details = 'cambiado'")]
    [TestCase("DELETE FROM journal")]
    [TestCase("TRUNCATE journal")]
    [TestCase("ALTER TABLE journal DISABLE TRIGGER journal_no_update_delete")]
    [TestCase("ALTER TABLE journal DISABLE ROW LEVEL SECURITY")]
    [TestCase("DROP POLICY por_region ON journal")]
    [TestCase("DROP POLICY motor_todas_las_regiones ON journal")]
    [TestCase("DELETE FROM workflow_instances")]
    [TestCase("TRUNCATE timers")]
    [TestCase("DELETE FROM documentos")]
    [TestCase("INSERT INTO focalizacion_versiones (region, anio_presupuestario, etapa, version, contenido, observaciones, enviada_por, enviada_at) VALUES ('NB', 2027, 'final', 9, '{}', '[]', 'motor', now())")]
    [TestCase("SELECT count(*) FROM focalizacion_borradores")]
    [TestCase("SELECT count(*) FROM usuarios")]
    [TestCase("SELECT count(*) FROM schema_migrations")]
    [TestCase("CREATE TABLE intrusa (id int)")]
    [TestCase("CREATE TABLE hangfire.intrusa (id int)")]
    [TestCase("TRUNCATE hangfire.job")]
    [TestCase("DROP TABLE hangfire.lock")]
    [TestCase("SELECT conceder_motor_motor('focalizacion_motor')")]
    public Task The_engine_s_role_is_refused(string sql) =>
        AssertRefusedAsync(_motorRole, sql);

    /// <summary><paramref name="sql"/>, as <paramref name="role"/> in a transaction rolled back (after <paramref name="first"/>), is refused for a missing right.</summary>
    private static async Task AssertRefusedAsync(NpgsqlDataSource role, string sql, string? first = null)
    {
        await using var connection = await role.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (first is not null)
        {
            await ExecuteAsync(connection, first, transaction);
        }
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var refused = Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), refused.MessageText);
    }

    [Test]
    public async Task The_engine_s_role_has_no_privilege_beyond_its_grants_and_owns_nothing()
    {
        await using var connection = await _motorRole.OpenConnectionAsync();
        await AssertHasNoneOfAsync(connection,
            ("rolinherit", "INHERIT"),
            ("""
             has_table_privilege('journal', 'UPDATE') OR has_table_privilege('journal', 'DELETE') OR has_table_privilege('journal', 'TRUNCATE')
                 OR has_table_privilege('journal', 'TRIGGER') OR has_table_privilege('journal', 'REFERENCES')
             """, "a right on the journal beyond INSERT and SELECT"),
            ("has_schema_privilege('public', 'CREATE') OR has_schema_privilege('hangfire', 'CREATE')", "CREATE on a schema"),
            ("has_database_privilege(current_database(), 'CREATE')", "CREATE on the database"));
    }

    /// <summary>
    /// The connection's role has none of the attributes and memberships no role but the owner may have, nor any of
    /// <paramref name="more"/> (each a boolean over <c>pg_roles</c>, named for the message), and owns nothing.
    /// </summary>
    private async Task AssertHasNoneOfAsync(NpgsqlConnection connection, params (string Sql, string Name)[] more)
    {
        var owner = new NpgsqlConnectionStringBuilder(_api.Database.ConnectionString).Username!;
        (string Sql, string Name)[] checks =
        [
            ("rolsuper", "superuser"), ("rolcreatedb", "CREATEDB"), ("rolcreaterole", "CREATEROLE"), ("rolbypassrls", "BYPASSRLS"), ("rolreplication", "REPLICATION"),
            ("pg_has_role(current_user, 'pg_signal_backend', 'MEMBER')", "member of pg_signal_backend"),
            ("pg_has_role(current_user, $1, 'MEMBER')", $"member of the owner {owner}"),
            .. more,
        ];
        await using var attributes = new NpgsqlCommand($"SELECT {string.Join(", ", checks.Select(c => c.Sql))} FROM pg_roles WHERE rolname = current_user", connection)
        {
            Parameters = { new() { Value = owner } },
        };
        await using (var reader = await attributes.ExecuteReaderAsync())
        {
            Assert.That(await reader.ReadAsync());
            Assert.Multiple(() =>
            {
                for (var i = 0; i < checks.Length; i++)
                {
                    Assert.That(reader.GetBoolean(i), Is.False, checks[i].Name);
                }
            });
        }
        Assert.Multiple(async () =>
        {
            Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM pg_class WHERE relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"), Is.Zero, "tables, views, sequences");
            Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM pg_namespace WHERE nspowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"), Is.Zero, "schemas");
            Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM pg_proc WHERE proowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)"), Is.Zero, "functions");
            Assert.That(await ScalarAsync(connection, "SELECT count(*) FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)"), Is.Zero, "databases");
        });
    }

    private static async Task<List<string>> StringsAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }
}
