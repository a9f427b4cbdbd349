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

    /// <summary>
    /// <c>FOCALIZACION_DB</c> (<see cref="DatabaseSetting.Variable"/>), else <c>ConnectionStrings:Focalizacion</c>, else the
    /// local role <c>deploy/postgres.sh</c> creates (as the CLI); one that is not a connection string stops the start-up
    /// naming the variable, without repeating a value that may hold a password.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration)
    {
        var configured = configuration[DatabaseSetting.Variable] is { Length: > 0 } fromVariable ? fromVariable : configuration.GetConnectionString(ConnectionStringName);
        var connection = DatabaseSetting.Parse(configured);
        return connection.Success ? connection.Value : throw new ServiceConfigurationException(connection.Error);
    }

    /// <summary>The system clock, or one starting at <c>FOCALIZACION_RELOJ</c>'s instant and running from there; a bad instant stops the start-up with its reason.</summary>
    public static IClock Clock(IConfiguration configuration)
    {
        var clock = ClockSetting.Parse(configuration[ClockSetting.Variable]);
        return clock.Success ? clock.Value : throw new ServiceConfigurationException(clock.Error);
    }
}
