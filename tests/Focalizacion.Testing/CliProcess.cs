using System.Diagnostics;

namespace Focalizacion.Testing;

/// <summary>The built CLI (<c>focalizacion.dll</c>, next to a test assembly that references the CLI project) as its own process.</summary>
public static class CliProcess
{
    /// <summary>How to start it with <paramref name="args"/> and extra environment variables, output redirected.</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "focalizacion.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return start;
    }

    /// <summary>Runs it with <paramref name="args"/> to its end: its exit code and what it printed on standard output and error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, error);
    }
}
