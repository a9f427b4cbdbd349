using System.Data.Common;
using Focalizacion.Calendar;
using Npgsql;

namespace Focalizacion.Runtime.Hosting;

/// <summary>
/// The PostgreSQL connection string a host reads from <see cref="Variable"/>, checked before
/// anything uses it: a value that is not a connection string is a Spanish reason naming the
/// variable and the option at fault, never an exception from deep inside Npgsql.
/// </summary>
/// <remarks>
/// The reason never repeats the value: a connection string may hold a password. There is no
/// built-in connection: the local role and its password exist only in what the local provisioning
/// (<c>deploy/*.sh</c>) and the README's examples pass explicitly, so a host without the variable
/// refuses instead of silently connecting as a role whose password is public.
/// </remarks>
public static class DatabaseSetting
{
    /// <summary>Environment variable with the PostgreSQL connection string.</summary>
    public const string Variable = "FOCALIZACION_DB";

    private const string Form = "se espera la forma Host=127.0.0.1;Port=5432;Username=…;Password=…;Database=…; su valor no se muestra porque puede contener la clave";

    /// <summary>
    /// The connection string of <see cref="Variable"/> in this process's environment, for programs
    /// that cannot do without it and have no user to answer (benchmarks, test harnesses): the
    /// reason of <see cref="Parse"/> as an exception.
    /// </summary>
    public static string FromEnvironment()
    {
        var connection = Parse(Environment.GetEnvironmentVariable(Variable));
        return connection.Success ? connection.Value : throw new InvalidOperationException(connection.Error);
    }

    /// <summary>The connection string; a Spanish reason when <paramref name="configured"/> is empty or not one.</summary>
    public static Result<string> Parse(string? configured)
    {
        if (configured is not { Length: > 0 })
        {
            return Result<string>.Fail($"falta {Variable}: la cadena de conexión de PostgreSQL del rol dueño de las tablas; no hay una por omisión (en una instalación local, bash deploy/servicio.sh la provee al servicio y el README muestra cómo exportarla)");
        }
        DbConnectionStringBuilder options;
        try
        {
            options = new DbConnectionStringBuilder { ConnectionString = configured };
        }
        catch (ArgumentException)
        {
            return Result<string>.Fail($"{Variable} no es una cadena de conexión de PostgreSQL: no tiene la forma opción=valor separada por «;» ({Form})");
        }
        var npgsql = new NpgsqlConnectionStringBuilder();
        foreach (string option in options.Keys)
        {
            if (!npgsql.ContainsKey(option))
            {
                return Result<string>.Fail($"{Variable}: la opción {Spanish.Quote(option)} no es una opción de conexión de PostgreSQL ({Form})");
            }
            try
            {
                npgsql[option] = options[option];
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
            {
                return Result<string>.Fail($"{Variable}: el valor de la opción {Spanish.Quote(option)} no es válido ({Form})");
            }
        }
        return string.IsNullOrWhiteSpace(npgsql.Host)
            ? Result<string>.Fail($"{Variable}: falta la opción Host, el servidor PostgreSQL ({Form})")
            : Result<string>.Ok(configured);
    }
}
