using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Focalizacion.Testing;

/// <summary>
/// A PostgreSQL 15 server of the test's own, in a temporary folder on a free loopback port, that the
/// test may restart: the shared server on 5432 serves every other test running at the same time, so
/// no test restarts that one. As root, the server runs as the <c>postgres</c> user (PostgreSQL refuses
/// to run as root); otherwise as the current user.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";

    private readonly string _folder;

    private PrivateCluster(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Superuser connections over TCP with trust authentication: the folder and port are the test's.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = false }.ConnectionString;

    public static async Task<PrivateCluster> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pg-prueba-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", folder);
        }
        var cluster = new PrivateCluster(folder, FreePort());
        await PgAsync("initdb", "-D", cluster.Data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C");
        await cluster.PgCtlAsync("start");
        // The roles the service serves users and runs its engine with, as deploy/postgres.sh creates them on the machine's cluster.
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString()))
        {
            await connection.OpenAsync();
            foreach (var name in new[] { "focalizacion_api", "focalizacion_motor" })
            {
                await using var role = new NpgsqlCommand($"CREATE ROLE {name} LOGIN NOINHERIT NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '{name}'", connection);
                await role.ExecuteNonQueryAsync();
            }
        }
        return cluster;
    }

    /// <summary>Creates a database, owned by the superuser.</summary>
    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server (every connection is cut, as in a real restart) and starts it again.</summary>
    public Task RestartAsync() => PgCtlAsync("restart", "-m", "fast");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgCtlAsync("stop", "-m", "immediate");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string Data => Path.Combine(_folder, "datos");

    private Task PgCtlAsync(string action, params string[] more) =>
        PgAsync("pg_ctl", [action, "-D", Data, "-w", "-t", "60", "-l", Path.Combine(_folder, "servidor.log"),
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off", .. more]);

    private static Task PgAsync(string program, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Binaries, program), .. arguments])
            : RunAsync(Path.Combine(Binaries, program), arguments);

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
