using Focalizacion.Calendar;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Verbs;
using Focalizacion.Cli.Verbs.Ciclo;
using Focalizacion.Cycle;
using Focalizacion.Runtime;
using Npgsql;

namespace Focalizacion.Cli;

/// <summary>
/// Dispatches a command line to its verb. Exit codes: 0 done, 1 the service's own data or
/// database is wrong (for the operator), 2 the command line is wrong (for the user). Verbs with a
/// verdict of their own (<c>definicion validar</c>: 1 = not runnable) say so. Never a stack trace.
/// </summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int DataError = 1;
    public const int UsageError = 2;

    public static Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RunAsync(args, context.Output, context.Error, () => context);
    }

    /// <summary>
    /// Runs a command line with the context <paramref name="createContext"/> builds, which may
    /// refuse the environment (a <see cref="UsageException"/> naming the variable); help needs no
    /// context, so it works whatever the environment says.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, Func<CliContext> createContext)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(createContext);
        if (args.Count == 0 || args[0] is "ayuda" or "--help" or "-h")
        {
            (args.Count == 0 ? error : output).Write(UsageText);
            return args.Count == 0 ? UsageError : Ok;
        }
        CliContext? context = null;
        try
        {
            context = createContext();
            var rest = args.Skip(1).ToList();
            return args[0] switch
            {
                "feriados" => FeriadosVerb.Run(rest, context.Output, context.LoadCalendar()),
                "plazos" => PlazosVerb.Run(rest, context.Output, context.LoadCalendar()),
                "definicion" => await DefinicionVerb.RunAsync(rest, context),
                "instancia" => await InstanciaVerb.RunAsync(rest, context),
                "incidente" => await IncidenteVerb.RunAsync(rest, context),
                "migrar" => await MigrarVerb.RunAsync(rest, context),
                "temporizadores" => await TemporizadoresVerb.RunAsync(rest, context),
                "trabajador" => await TrabajadorVerb.RunAsync(rest, context),
                "simular" => await SimularVerb.RunAsync(rest, context),
                "ciclo" => await CicloVerb.RunAsync(rest, context),
                "directorio" => await DirectorioVerb.RunAsync(rest, context),
                "plantilla" => await PlantillaVerb.RunAsync(rest, context),
                "usuario" => await UsuarioVerb.RunAsync(rest, context),
                _ => throw new UsageException($"verbo desconocido «{args[0]}»; use «ayuda» para ver los verbos"),
            };
        }
        catch (UsageException usage)
        {
            error.WriteLine($"Error: {usage.Message}");
            return UsageError;
        }
        catch (RuntimeException refused)
        {
            error.WriteLine($"Error: {refused.Message}");
            return UsageError;
        }
        catch (CycleException cycle)
        {
            error.WriteLine($"Error: {cycle.Message}");
            return DataError;
        }
        catch (CalendarDataException data)
        {
            error.WriteLine($"Error en los datos del calendario: {data.Message}");
            return DataError;
        }
        catch (PostgresException denied) when (denied.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            error.WriteLine($"Error: el rol de PostgreSQL de {Used(context)} no tiene permiso para esto ({denied.MessageText}); «focalizacion migrar» (o el inicio del servicio) aplica las migraciones y le concede sus permisos");
            return DataError;
        }
        catch (NpgsqlException database)
        {
            error.WriteLine($"Error: no se pudo usar la base de datos PostgreSQL ({Used(context)}): {database.Message}");
            return DataError;
        }
    }

    /// <summary>The variables of the databases the verb used, for an error to name.</summary>
    private static string Used(CliContext? context) =>
        context is { DatabasesUsed.Count: > 0 } ? string.Join(" y ", context.DatabasesUsed) : CliContext.DatabaseVariable;

    private static string UsageText => $"""
        Uso: focalizacion <verbo> [argumentos]

        Calendario:
          {FeriadosVerb.Usage}
              Feriados del año: nacionales, y los de la región cuando se indica.
          {PlazosVerb.Usage}
              Plazos legales del ciclo de focalización de una región (el ciclo corre el año anterior al presupuestario).

        Motor de flujos (base de datos en {CliContext.MotorVariable}):
          migrar
              Aplica las migraciones pendientes de la base de datos y concede sus permisos a los roles del motor y de los usuarios (como dueño de las tablas, {CliContext.DatabaseVariable}).
        {DefinicionVerb.Usage}
        {InstanciaVerb.Usage}
        {IncidenteVerb.Usage}
          temporizadores disparar
              Dispara los temporizadores vencidos (lo hace también el trabajador).
          temporizadores correr --desde <instante> --hasta <instante>
              Recorre ese lapso en tiempo virtual; solo en una base desechable (pruebas, simulación), nunca en la real.
          trabajador
              Ejecuta el servidor de trabajos Hangfire: temporizadores y bandeja de salida, hasta Ctrl+C.

        Ciclo de focalización (base de datos en {CliContext.MotorVariable}):
        {CicloVerb.Usage}
        {DirectorioVerb.Usage}
        {PlantillaVerb.Usage}

        Usuarios y acceso (base de datos en {CliContext.ApiVariable}; antes migra como {CliContext.DatabaseVariable}):
        {UsuarioVerb.Usage}
          {SimularVerb.Usage}
              Simula el ciclo completo en tiempo virtual, en una base desechable creada en el servidor de {CliContext.DatabaseVariable}, y muestra la línea de tiempo.

          ayuda
              Muestra esta ayuda.

        Región: código ISO (NB), CUT (16) o nombre (nuble). Con --json la salida es JSON para otros programas.
        Quién actúa (diario): {CliContext.OperatorVariable}, o el usuario del sistema.
        Ensayos: {CliContext.ClockVariable}=<instante ISO 8601 con zona> hace partir el reloj en ese instante; desde ahí avanza con el tiempo real.
        Bases de datos (cadenas de conexión de PostgreSQL, una por rol; no hay una por omisión):
          {CliContext.MotorVariable}: el rol del motor, con el que escriben y leen los verbos del motor, del ciclo, del directorio y de las plantillas, como el servicio.
          {CliContext.ApiVariable}: el rol que atiende a los usuarios, para «usuario».
          {CliContext.DatabaseVariable}: el dueño de las tablas, solo para migrar y conceder permisos (migrar, ciclo preparar, usuario, trabajador) y para la base desechable de simular.
          Sin ellas solo funcionan feriados, plazos, definicion validar, definicion moddle y ayuda.
        Un valor inválido en una variable de entorno se informa con su nombre (código de salida 2).

        """;
}
