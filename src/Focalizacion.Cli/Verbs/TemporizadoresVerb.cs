using Focalizacion.Cli.Arguments;

namespace Focalizacion.Cli.Verbs;

/// <summary><c>temporizadores disparar</c>: fires every timer due now (what the worker's sweep does).</summary>
internal static class TemporizadoresVerb
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var action = ParsedArguments.Parse(args, options: [], flags: []).ExactPositionals("acción")[0];
        if (action != "disparar")
        {
            throw new UsageException($"acción desconocida «{action}»; use disparar");
        }
        var fired = await context.Runtime().Timers.FireDueAsync();
        context.Output.WriteLine($"Temporizadores disparados: {fired}");
        return Cli.Ok;
    }
}
