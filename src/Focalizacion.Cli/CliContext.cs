using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cli.Arguments;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Correo;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Cli;

/// <summary>What verbs may use: the output streams, the calendar data, the database, the clock and the mail settings.</summary>
/// <param name="Output">Standard output: results.</param>
/// <param name="Error">Standard error: one Spanish line per problem.</param>
/// <param name="LoadCalendar">Reads the special-holiday file; a bad file throws with its line.</param>
/// <param name="Database">The PostgreSQL store (<c>FOCALIZACION_DB</c>), or why there is none: read through <see cref="ConnectionString"/>.</param>
/// <param name="Clock">The clock; the system clock outside tests and rehearsals.</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error, Func<HolidayCalendar> LoadCalendar, Result<string> Database, IClock Clock)
{
    /// <summary>
    /// The connection string of <see cref="DatabaseVariable"/>. A verb that uses the database
    /// (<c>simular</c> too: its throwaway database is made on that server) reads it, and without
    /// the variable stops with a usage error naming it; <c>feriados</c>, <c>plazos</c>,
    /// <c>definicion validar|moddle</c> (<see cref="OfflineRuntime"/>) and <c>ayuda</c> never read it, so they run without one.
    /// </summary>
    public string ConnectionString => Database.Success ? Database.Value : throw new UsageException(Database.Error);

    /// <summary>Standard input: a password given with <c>--clave-stdin</c>.</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>Opens standard output as bytes, for output that must not be re-encoded (an exported file).</summary>
    public Func<Stream> StandardOutput { get; init; } = Console.OpenStandardOutput;

    /// <summary>Where emails go (<c>FOCALIZACION_SMTP_*</c>, <c>FOCALIZACION_CORREO_*</c>); the pickup folder unless told otherwise.</summary>
    public MailSettings Mail { get; init; } = new();

    /// <summary>Environment variable with the PostgreSQL connection string.</summary>
    public const string DatabaseVariable = DatabaseSetting.Variable;

    /// <summary>Environment variable naming who acts, for the journal (default: the system user).</summary>
    public const string OperatorVariable = "FOCALIZACION_OPERADOR";

    /// <summary>Environment variable that starts the clock at another instant, from which it runs: rehearsals and tests (see <see cref="ClockSetting"/>).</summary>
    public const string ClockVariable = ClockSetting.Variable;

    /// <summary>
    /// The context the environment describes, every variable the CLI reads checked first: a bad
    /// value is a <see cref="UsageException"/> naming the variable (exit 2), before any verb runs.
    /// </summary>
    /// <remarks>
    /// What the special-holiday file says is read when a verb needs the calendar (a bad line is a
    /// data error, exit 1); that <see cref="CalendarData.PathVariable"/> names a readable file is
    /// checked here.
    /// </remarks>
    public static CliContext FromEnvironment(TextWriter output, TextWriter error)
    {
        var database = DatabaseFromEnvironment();
        var clock = ClockFromEnvironment();
        if (SpecialHolidayData.CheckPath(Environment.GetEnvironmentVariable(CalendarData.PathVariable)) is { } badPath)
        {
            throw new UsageException(badPath);
        }
        MailSettings mail;
        try
        {
            mail = MailSettings.FromEnvironment();
        }
        catch (CycleException badMail)
        {
            throw new UsageException(badMail.Message.TrimEnd('.'));
        }
        return new CliContext(output, error, CalendarData.Load, database, clock) { Mail = mail };
    }

    /// <summary>
    /// The connection string of <see cref="DatabaseVariable"/>: one that is set but is not a
    /// connection string is a usage error now, whatever the verb; an unset one is kept as the
    /// reason a verb that needs the database gives (<see cref="ConnectionString"/>).
    /// </summary>
    public static Result<string> DatabaseFromEnvironment()
    {
        var configured = Environment.GetEnvironmentVariable(DatabaseVariable);
        var connection = DatabaseSetting.Parse(configured);
        return connection.Success || configured is not { Length: > 0 } ? connection : throw new UsageException(connection.Error);
    }

    /// <summary>The system clock, or one running from the instant of <see cref="ClockVariable"/>; a bad instant is a usage error.</summary>
    public static IClock ClockFromEnvironment()
    {
        var clock = ClockSetting.Parse(Environment.GetEnvironmentVariable(ClockVariable));
        return clock.Success ? clock.Value : throw new UsageException(clock.Error);
    }

    /// <summary>Who the journal says did it: the operator (<see cref="OperatorVariable"/>, or the system user), through the CLI.</summary>
    public static Actor Actor =>
        Actor.Cli(Environment.GetEnvironmentVariable(OperatorVariable) is { Length: > 0 } name ? name : Environment.UserName);

    /// <summary>The runtime over the configured store, with the cycle's handlers (email per <see cref="Mail"/>); opening it does not connect yet.</summary>
    public EngineRuntime Runtime() => CycleRuntime.Create(new Store(ConnectionString), Clock, LoadCalendar(), Mail);

    /// <summary>
    /// The runtime for work that never opens the database (<c>definicion validar</c>, <c>definicion
    /// moddle</c>: only the handlers' catalog), so it runs without <see cref="DatabaseVariable"/>:
    /// its store names no server's credentials and nothing opens it.
    /// </summary>
    public EngineRuntime OfflineRuntime() => CycleRuntime.Create(new Store("Host=127.0.0.1;Database=sin-base-de-datos"), Clock, LoadCalendar(), Mail);
}
