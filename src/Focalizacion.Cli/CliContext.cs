using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Correo;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Hosting;
using Focalizacion.Runtime.Persistence;
using NodaTime;

namespace Focalizacion.Cli;

/// <summary>What verbs may use: the output streams, the calendar data, the database and the clock.</summary>
/// <param name="Output">Standard output: results.</param>
/// <param name="Error">Standard error: one Spanish line per problem.</param>
/// <param name="LoadCalendar">Reads the special-holiday file; a bad file throws with its line.</param>
/// <param name="ConnectionString">The PostgreSQL store (<c>FOCALIZACION_DB</c>, or the local default).</param>
/// <param name="Clock">The clock; the system clock outside tests.</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error, Func<HolidayCalendar> LoadCalendar, string ConnectionString, IClock Clock)
{
    /// <summary>Opens standard output as bytes, for output that must not be re-encoded (an exported file).</summary>
    public Func<Stream> StandardOutput { get; init; } = Console.OpenStandardOutput;

    /// <summary>Environment variable with the PostgreSQL connection string.</summary>
    public const string DatabaseVariable = "FOCALIZACION_DB";

    /// <summary>Environment variable naming who acts, for the journal (default: the system user).</summary>
    public const string OperatorVariable = "FOCALIZACION_OPERADOR";

    public static string ConnectionStringFromEnvironment() =>
        Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } configured ? configured : Store.DefaultConnectionString;

    /// <summary>Environment variable that fixes the clock at an instant, for rehearsals and tests (see <see cref="ClockSetting"/>).</summary>
    public const string ClockVariable = ClockSetting.Variable;

    /// <summary>The system clock, or the fixed instant of <see cref="ClockVariable"/>; a bad instant is a usage error.</summary>
    public static IClock ClockFromEnvironment()
    {
        var clock = ClockSetting.Parse(Environment.GetEnvironmentVariable(ClockVariable));
        return clock.Success ? clock.Value : throw new Arguments.UsageException(clock.Error);
    }

    /// <summary>Who the journal says did it: the operator (<see cref="OperatorVariable"/>, or the system user), through the CLI.</summary>
    public static Actor Actor =>
        Actor.Cli(Environment.GetEnvironmentVariable(OperatorVariable) is { Length: > 0 } name ? name : Environment.UserName);

    /// <summary>
    /// The runtime over the configured store, with the cycle's handlers (email per
    /// <c>FOCALIZACION_SMTP_*</c>, or the pickup folder); opening it does not connect yet.
    /// </summary>
    public EngineRuntime Runtime() => CycleRuntime.Create(new Store(ConnectionString), Clock, LoadCalendar(), MailSettings.FromEnvironment());
}
