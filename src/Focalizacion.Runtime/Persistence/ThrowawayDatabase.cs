using System.Net;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// A fresh database on a PostgreSQL server, migrated, and dropped when disposed: the simulation
/// runs a whole cycle in one without touching the real data, and each test gets its own.
/// </summary>
/// <remarks>
/// The server's role needs CREATEDB (the one <c>deploy/postgres.sh</c> creates has it). Every
/// database made here carries <see cref="Marker"/> as its comment, set right after it is created,
/// so that what only makes sense on a copy (virtual time, which fires future timers now and sends
/// their mail) can ask <see cref="IsThrowawayAsync"/> and refuse the live database. A comment is
/// the database's own (PostgreSQL keeps it in <c>pg_shdescription</c>): <c>CREATE DATABASE …
/// TEMPLATE</c> does not copy it and a dump of the tables does not carry it, so a database made
/// any other way, from whatever template, never has it; one made here always does.
/// <para>
/// Nothing in one has to outlive a crash of the server, so its commits do not wait for the WAL to
/// reach the disk (<c>synchronous_commit = off</c>, set on the database), and on a server on this
/// machine (loopback) its connections skip TLS unless the connection string asks for it: the
/// simulation's thousands of short statements spent a third of their CPU encrypting them.
/// </para>
/// <para>
/// Migrating a database costs most of a second, so <see cref="FromTemplateAsync"/> does it once per
/// schema: the first caller (of any process) migrates a template named after a hash of the
/// migration scripts and of the Hangfire.PostgreSql version (the migrations install its tables),
/// and every database after that is a <c>CREATE DATABASE … TEMPLATE</c> copy of it (tens of
/// milliseconds). A changed migration or package gives a new hash, hence a new template; a
/// template left half-built by a killed process is rebuilt. Old templates are left in place: other
/// checkouts with other migrations may share the server and still use theirs.
/// </para>
/// </remarks>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    /// <summary>The comment every throwaway database carries, and no other.</summary>
    public const string Marker = "focalizacion: base desechable (pruebas o simulación); se borra al terminar";

    private static readonly SemaphoreSlim Building = new(1, 1);

    private readonly string _serverConnectionString;

    private ThrowawayDatabase(string serverConnectionString, string name, Store store)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        Store = store;
    }

    public string Name { get; }

    public Store Store { get; }

    /// <summary>Creates a database named <paramref name="prefix"/> plus a random suffix, with the engine's schema and the given modules'.</summary>
    public static async Task<ThrowawayDatabase> CreateAsync(string serverConnectionString, string prefix, IReadOnlyList<MigrationSet> schema, CancellationToken cancellationToken = default)
    {
        var database = await CopyAsync(serverConnectionString, prefix, template: null, cancellationToken);
        await Migrator.ApplyAsync(database.Store.DataSource, schema, cancellationToken);
        return database;
    }

    /// <summary>
    /// Creates a database named <paramref name="prefix"/> plus a random suffix with the engine's
    /// schema and the given modules', as a copy of the migrated template for that schema (built
    /// the first time it is needed, see the remarks).
    /// </summary>
    public static async Task<ThrowawayDatabase> FromTemplateAsync(string serverConnectionString, string prefix, IReadOnlyList<MigrationSet> schema, CancellationToken cancellationToken = default)
    {
        var template = await TemplateAsync(serverConnectionString, prefix, schema, cancellationToken);
        return await CopyAsync(serverConnectionString, prefix, template, cancellationToken);
    }

    /// <summary>
    /// Creates a database named <paramref name="prefix"/> plus a random suffix as a copy of
    /// <paramref name="template"/> (already migrated, nobody connected to it), or empty without one.
    /// </summary>
    public static async Task<ThrowawayDatabase> CopyAsync(string serverConnectionString, string prefix, string? template, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}{(template is null ? "" : $" TEMPLATE {template}")}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
            await using var mark = new NpgsqlCommand($"COMMENT ON DATABASE {name} IS '{Marker}'", admin);
            await mark.ExecuteNonQueryAsync(cancellationToken);
            await using var relax = new NpgsqlCommand($"ALTER DATABASE {name} SET synchronous_commit = off", admin);
            await relax.ExecuteNonQueryAsync(cancellationToken);
        }
        var store = new Store(ConnectionTo(serverConnectionString, name));
        return new ThrowawayDatabase(serverConnectionString, name, store);
    }

    /// <summary>The server's connection string on database <paramref name="name"/>, without TLS on loopback unless the string asks for it.</summary>
    private static string ConnectionTo(string serverConnectionString, string name)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name };
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = serverConnectionString };
        if (!given.ContainsKey("SSL Mode") && !given.ContainsKey("SslMode") && IsLoopback(builder.Host))
        {
            builder.SslMode = SslMode.Disable;
        }
        return builder.ConnectionString;
    }

    private static bool IsLoopback(string? host) =>
        host is not null && host.Split(',').All(h => h.Split(':')[0] is var name
            && (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.StartsWith('/') || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address))));

    /// <summary>The migrated template for a schema, built under an advisory lock the first time any process needs it.</summary>
    private static async Task<string> TemplateAsync(string serverConnectionString, string prefix, IReadOnlyList<MigrationSet> schema, CancellationToken cancellationToken)
    {
        var name = TemplateName(prefix, schema);
        await Building.WaitAsync(cancellationToken);
        try
        {
            await using var admin = new NpgsqlConnection(serverConnectionString);
            await admin.OpenAsync(cancellationToken);
            await ExecuteAsync(admin, $"SELECT pg_advisory_lock(hashtext('{name}'))", cancellationToken);
            try
            {
                await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", admin) { Parameters = { new() { Value = name } } };
                if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    var building = name + "_a_medias";
                    await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {building} WITH (FORCE)", cancellationToken);
                    await ExecuteAsync(admin, $"CREATE DATABASE {building}", cancellationToken);
                    var connection = new NpgsqlConnectionStringBuilder(ConnectionTo(serverConnectionString, building)) { Pooling = false }.ConnectionString;
                    await using (var store = new Store(connection))
                    {
                        await Migrator.ApplyAsync(store.DataSource, schema, cancellationToken);
                    }
                    // Only a complete template gets the name other processes look for.
                    await ExecuteAsync(admin, $"ALTER DATABASE {building} RENAME TO {name}", cancellationToken);
                }
            }
            finally
            {
                await ExecuteAsync(admin, $"SELECT pg_advisory_unlock(hashtext('{name}'))", CancellationToken.None);
            }
            return name;
        }
        finally
        {
            Building.Release();
        }
    }

    private static string TemplateName(string prefix, IReadOnlyList<MigrationSet> schema)
    {
        // The migrations install Hangfire's tables too, as the package version in use has them.
        var hangfire = "hangfire " + typeof(Hangfire.PostgreSql.PostgreSqlStorage).Assembly.GetName().Version;
        var scripts = string.Join("\n", schema.Prepend(MigrationSet.Engine).Distinct().SelectMany(s => s.Scripts()).Select(s => s.Name + "\n" + s.Sql).Prepend(hangfire));
        return $"{prefix}_plantilla_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scripts)))[..16];
    }

    private static async Task ExecuteAsync(NpgsqlConnection admin, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether the database <paramref name="dataSource"/> connects to was made here (it carries <see cref="Marker"/>).</summary>
    public static async Task<bool> IsThrowawayAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var command = dataSource.CreateCommand(
            "SELECT coalesce(shobj_description(oid, 'pg_database') = $1, false) FROM pg_database WHERE datname = current_database()");
        command.Parameters.Add(new NpgsqlParameter { Value = Marker });
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public async ValueTask DisposeAsync()
    {
        // Its data source closes its own connections; FORCE ends any other (other pools are left alone).
        await Store.DisposeAsync();
        await using var admin = new NpgsqlConnection(_serverConnectionString);
        await admin.OpenAsync();
        try
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (PostgresException denied) when (denied.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // FORCE may not stop an autovacuum worker without pg_signal_backend; our own
            // connections are gone, and a plain DROP asks autovacuum to leave by itself.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name}", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
