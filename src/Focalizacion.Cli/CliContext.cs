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

/// <summary>What verbs may use: the output streams, the calendar data, the databases, the clock and the mail settings.</summary>
/// <param name="Output">Standard output: results.</param>
/// <param name="Error">Standard error: one Spanish line per problem.</param>
/// <param name="LoadCalendar">Reads the special-holiday file; a bad file throws with its line.</param>
/// <param name="Databases">The PostgreSQL roles' connection strings, or why there is none: read through <see cref="OwnerConnectionString"/>, <see cref="MotorConnectionString"/> and <see cref="ApiConnectionString"/>.</param>
/// <param name="Clock">The clock; the system clock outside tests and rehearsals.</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error, Func<HolidayCalendar> LoadCalendar, CliDatabases Databases, IClock Clock)
{
    private readonly List<string> _used = [];

    /// <summary>
    /// The tables' owner (<see cref="DatabaseVariable"/>): only to migrate and grant the other roles
    /// (<see cref="PrepareDatabaseAsync"/>, <c>trabajador</c>'s start-up) and to make <c>simular</c>'s throwaway database on its server.
    /// A verb that needs a database reads its variable, and without it stops with a usage error naming it;
    /// <c>feriados</c>, <c>plazos</c>, <c>definicion validar|moddle</c> (<see cref="OfflineRuntime"/>) and <c>ayuda</c> read none, so they run without any.
    /// </summary>
    public string OwnerConnectionString => Use(Databases.Owner, DatabaseVariable);

    /// <summary>The engine's role (<see cref="MotorVariable"/>): what steps workflows, records cycle events and writes or reads cycle data, as the service's engine and handlers do (<see cref="Runtime"/>).</summary>
    public string MotorConnectionString => Use(Databases.Motor, MotorVariable);

    /// <summary>The role that serves users (<see cref="ApiVariable"/>): the users and their tokens (<c>usuario</c>), as the service's administration does.</summary>
    public string ApiConnectionString => Use(Databases.Api, ApiVariable);

    /// <summary>The variables of the databases this context has handed out, for a database error to name.</summary>
    public IReadOnlyList<string> DatabasesUsed => _used;

    /// <summary>Standard input: a password given with <c>--clave-stdin</c>.</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>Opens standard output as bytes, for output that must not be re-encoded (an exported file).</summary>
    public Func<Stream> StandardOutput { get; init; } = Console.OpenStandardOutput;

    /// <summary>Where emails go (<c>FOCALIZACION_SMTP_*</c>, <c>FOCALIZACION_CORREO_*</c>); the pickup folder unless told otherwise.</summary>
    public MailSettings Mail { get; init; } = new();

    /// <summary>Environment variable with the connection string of the tables' owner.</summary>
    public const string DatabaseVariable = DatabaseSetting.Variable;

    /// <summary>Environment variable with the connection string of the engine's role.</summary>
    public static string MotorVariable => DatabaseRole.Motor.Variable;

    /// <summary>Environment variable with the connection string of the role that serves users.</summary>
    public static string ApiVariable => DatabaseRole.Api.Variable;

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
        var databases = CliDatabases.FromEnvironment();
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
        return new CliContext(output, error, CalendarData.Load, databases, clock) { Mail = mail };
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

    /// <summary>The runtime over the engine's role (<see cref="MotorConnectionString"/>), with the cycle's handlers (email per <see cref="Mail"/>); opening it does not connect yet.</summary>
    public EngineRuntime Runtime() => CycleRuntime.Create(new Store(MotorConnectionString), Clock, LoadCalendar(), Mail);

    /// <summary>
    /// The tables' owner as the service's start-up uses it: it migrates and then grants the engine's role and, when
    /// <see cref="ApiVariable"/> is set, the one that serves users (the service grants both at every start).
    /// </summary>
    public SchemaOwner SchemaOwner() => new(new Store(OwnerConnectionString), DatabaseRole.RoleOf(MotorConnectionString),
        Databases.Api.Success ? DatabaseRole.RoleOf(ApiConnectionString) : null);

    /// <summary>Applies <paramref name="runtime"/>'s pending migrations and grants the roles (<see cref="SchemaOwner()"/>), under the migrations' lock; returns the migrations applied.</summary>
    public async Task<IReadOnlyList<string>> PrepareDatabaseAsync(EngineRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var owner = SchemaOwner();
        await using (owner.Store)
        {
            return await owner.PrepareAsync(runtime.Schema);
        }
    }

    private string Use(Result<string> connection, string variable)
    {
        if (!connection.Success)
        {
            throw new UsageException(connection.Error);
        }
        if (!_used.Contains(variable))
        {
            _used.Add(variable);
        }
        return connection.Value;
    }

    /// <summary>
    /// The runtime for work that never opens the database (<c>definicion validar</c>, <c>definicion
    /// moddle</c>: only the handlers' catalog), so it runs without <see cref="DatabaseVariable"/>:
    /// its store names no server's credentials and nothing opens it.
    /// </summary>
    public EngineRuntime OfflineRuntime() => CycleRuntime.Create(new Store("Host=127.0.0.1;Database=sin-base-de-datos"), Clock, LoadCalendar(), Mail);
}
