using Focalizacion.Cli.Arguments;

namespace Focalizacion.Cli.Verbs;

/// <summary><c>migrar</c>: applies pending database migrations and grants the roles, as the tables' owner (the worker and the service do it at start too).</summary>
internal static class MigrarVerb
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        ParsedArguments.Parse(args, options: [], flags: []).ExactPositionals();
        var applied = await context.PrepareDatabaseAsync(context.Runtime());
        context.Output.WriteLine(applied.Count == 0 ? "La base de datos está al día." : $"Migraciones aplicadas: {string.Join(", ", applied)}");
        return Cli.Ok;
    }
}
