using Focalizacion.Runtime.Hosting;
using NodaTime;

namespace Focalizacion.Service.Hosting;

/// <summary>
/// What the service reads from its configuration (environment variables included, by their plain
/// names): the database, the clock, the special-holiday file and where it listens.
/// </summary>
internal static class ServiceSettings
{
    /// <summary>The connection string's name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Focalizacion";

    /// <summary>Loopback only: nothing is exposed beyond the machine until authentication exists.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Environment variable with the connection string of the role that serves users (<see cref="ApiConnectionString"/>).</summary>
    public static string ApiDatabaseVariable => DatabaseRole.Api.Variable;

    /// <summary>Environment variable with the connection string of the running service's role (<see cref="MotorConnectionString"/>).</summary>
    public static string MotorDatabaseVariable => DatabaseRole.Motor.Variable;

    /// <summary>Environment variable that turns off the simulations' warm-up at start (<see cref="SimulationWarmUp"/>): <c>no</c>; <c>si</c> or unset: on.</summary>
    public const string SimulationWarmUpVariable = "FOCALIZACION_SIMULACION_PRECALENTAR";

    /// <summary>
    /// <c>FOCALIZACION_DB</c> (<see cref="DatabaseSetting.Variable"/>), else <c>ConnectionStrings:Focalizacion</c>: the
    /// tables' owner, for migrations and grants at start-up. There is no fallback: the local role and its password are only what
    /// the README's command provisions and passes explicitly. A missing one, or one that is not a connection string,
    /// stops the start-up naming the variable, without repeating a value that may hold a password.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration[DatabaseSetting.Variable] is { Length: > 0 } fromVariable ? fromVariable : configuration.GetConnectionString(ConnectionStringName);
        var connection = DatabaseSetting.Parse(configured);
        return connection.Success ? connection.Value : throw new ServiceConfigurationException(connection.Error);
    }

    /// <summary>
    /// <c>FOCALIZACION_DB_API</c>: the role the service serves users with. It must not be the owner's: that role owns no
    /// table and is bound by row-level security; the service grants it what it may do at start-up.
    /// </summary>
    /// <remarks>
    /// Its pool holds at most <see cref="ApiPoolSize"/> connections unless the string says its own
    /// <c>Maximum Pool Size</c> (Npgsql's default is 100). Requests beyond that wait in the service for
    /// a connection instead of all running at once in PostgreSQL, which shares the cores with the
    /// service: under 32 concurrent requests, p99 latency fell from 62–89 ms to 37–46 ms and
    /// throughput did not drop (docs/benchmarks/api.md).
    /// </remarks>
    public static string ApiConnectionString(IConfiguration configuration, string ownerConnectionString)
    {
        var connection = Required(DatabaseRole.Api.Parse(configuration[ApiDatabaseVariable], (DatabaseSetting.Variable, ownerConnectionString)));
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        if (given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() is "MAXPOOLSIZE" or "MAXIMUMPOOLSIZE"))
        {
            return connection;
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(connection) { MaxPoolSize = ApiPoolSize }.ConnectionString;
    }

    /// <summary>The most connections the role that serves users opens by default: twice this machine's cores, at least 4.</summary>
    public static int ApiPoolSize => Math.Max(4, 2 * Environment.ProcessorCount);

    /// <summary>
    /// <c>FOCALIZACION_DB_MOTOR</c>: the role the engine, the handlers and Hangfire write with. It must be neither the
    /// owner's (it owns nothing, cannot disable the journal's trigger) nor the API's (it sees every region, which a
    /// user's request must not); the service grants it what it may do at start-up.
    /// </summary>
    public static string MotorConnectionString(IConfiguration configuration, string ownerConnectionString, string apiConnectionString) =>
        Required(DatabaseRole.Motor.Parse(configuration[MotorDatabaseVariable], (DatabaseSetting.Variable, ownerConnectionString), (ApiDatabaseVariable, apiConnectionString)));

    /// <summary>The PostgreSQL role <paramref name="connectionString"/> logs in as.</summary>
    public static string RoleOf(string connectionString) => DatabaseRole.RoleOf(connectionString);

    private static string Required(Focalizacion.Calendar.Result<string> connection) =>
        connection.Success ? connection.Value : throw new ServiceConfigurationException(connection.Error);

    /// <summary>The system clock, or one starting at <c>FOCALIZACION_RELOJ</c>'s instant and running from there; a bad instant stops the start-up with its reason.</summary>
    public static IClock Clock(IConfiguration configuration)
    {
        var clock = ClockSetting.Parse(configuration[ClockSetting.Variable]);
        return clock.Success ? clock.Value : throw new ServiceConfigurationException(clock.Error);
    }

    /// <summary>Whether the service warms its simulations up after it starts (<see cref="SimulationWarmUpVariable"/>); a value other than <c>si</c> or <c>no</c> stops the start-up naming it.</summary>
    public static bool SimulationWarmUp(IConfiguration configuration) => configuration[SimulationWarmUpVariable] switch
    {
        null or "" or "si" => true,
        "no" => false,
        var other => throw new ServiceConfigurationException($"{SimulationWarmUpVariable}: «{other}» no es «si» ni «no» (precalentar las simulaciones al iniciar el servicio)"),
    };
}
