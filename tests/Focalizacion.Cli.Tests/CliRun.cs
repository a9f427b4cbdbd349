using System.Diagnostics;
using System.Text.Json;

namespace Focalizacion.Cli.Tests;

/// <summary>What one CLI invocation printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the CLI in this process, with the calendar data file it ships.</summary>
    public static CliRun InProcess(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, CalendarData.Load, CliDatabases.FromEnvironment(), NodaTime.SystemClock.Instance);
        var code = Cli.RunAsync(args, context).GetAwaiter().GetResult();
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built CLI as its own process, as users run it.</summary>
    public static CliRun AsProcess(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var (code, output, error) = Focalizacion.Testing.CliProcess.RunAsync(environment, args).GetAwaiter().GetResult();
        return new CliRun(code, output, error);
    }

    /// <summary>How to start the built CLI as a process, for tests that need to kill it.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Focalizacion.Testing.CliProcess.StartInfo(environment, args);

    public JsonElement Json() => JsonDocument.Parse(Output).RootElement;
}
