using Focalizacion.Calendar;
using Npgsql;

namespace Focalizacion.Runtime.Hosting;

/// <summary>
/// A PostgreSQL role of its own beside the tables' owner (<see cref="DatabaseSetting.Variable"/>), read from
/// <paramref name="Variable"/>: the engine's (<see cref="Motor"/>) or the one that serves users (<see cref="Api"/>).
/// The service and the CLI check it with the same rule (<see cref="Parse"/>).
/// </summary>
/// <param name="Variable">The environment variable with its connection string.</param>
/// <param name="Purpose">What the role does, as the refusals say it ("el rol de PostgreSQL que …").</param>
public sealed record DatabaseRole(string Variable, string Purpose)
{
    /// <summary>The engine's role: its steps, timers and outbox, the handlers and Hangfire; it sees every region.</summary>
    public static DatabaseRole Motor { get; } = new("FOCALIZACION_DB_MOTOR", "escribe por el motor, los manejadores y Hangfire");

    /// <summary>The role that serves users: bound by row-level security; the users and their tokens are its.</summary>
    public static DatabaseRole Api { get; } = new("FOCALIZACION_DB_API", "atiende a los usuarios");

    /// <summary>
    /// The connection string <paramref name="configured"/>: required (no fallback), a connection string, and logging in
    /// as none of the roles of <paramref name="others"/> (an other whose connection string is null is not configured and
    /// is not compared). The reasons name the variable and never repeat the value.
    /// </summary>
    public Result<string> Parse(string? configured, params (string Variable, string? ConnectionString)[] others)
    {
        ArgumentNullException.ThrowIfNull(others);
        if (configured is not { Length: > 0 })
        {
            return Result<string>.Fail(
                $"falta {Variable}: la cadena de conexión del rol de PostgreSQL que {Purpose}, distinto del dueño de las tablas (en una instalación local la proveen bash deploy/servicio.sh y deploy/entorno-local.sh)");
        }
        var connection = DatabaseSetting.Parse(configured);
        if (!connection.Success)
        {
            return Result<string>.Fail(connection.Error.Replace(DatabaseSetting.Variable, Variable, StringComparison.Ordinal));
        }
        var role = new NpgsqlConnectionStringBuilder(connection.Value).Username;
        foreach (var other in others.Where(o => o.ConnectionString is not null))
        {
            if (role is not { Length: > 0 } || string.Equals(role, RoleOf(other.ConnectionString!), StringComparison.Ordinal))
            {
                return Result<string>.Fail(
                    $"{Variable}: debe usar un rol propio (Username) distinto del de {other.Variable}: el rol que {Purpose} no es dueño de las tablas ni comparte sus permisos");
            }
        }
        return connection;
    }

    /// <summary>The PostgreSQL role <paramref name="connectionString"/> logs in as.</summary>
    public static string RoleOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Username!;
}
