using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Starting;
using Focalizacion.Cycle.Workflow;

namespace Focalizacion.Cli.Verbs.Ciclo;

/// <summary>
/// <c>ciclo preparar</c>: migrations and grants (as the tables' owner), then the directory's placeholders and the shipped
/// workflow (as the engine's role, as the service's start-up does); running it again changes nothing.
/// </summary>
internal static class CicloPreparar
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: [], flags: ["--json"]);
        parsed.ExactPositionals();
        var runtime = context.Runtime();
        var migrations = await context.PrepareDatabaseAsync(runtime);
        var (seeded, version, published) = await CycleBootstrap.PrepareAsync(runtime, CliContext.Actor);
        if (parsed.Has("--json"))
        {
            Json.Write(context.Output, new { migraciones = migrations, destinatariosAgregados = seeded, flujo = ShippedWorkflow.ProcessKey, version, publicada = published });
            return Cli.Ok;
        }
        context.Output.WriteLine(migrations.Count == 0 ? "Base de datos: al día." : $"Base de datos: migraciones aplicadas: {string.Join(", ", migrations)}.");
        context.Output.WriteLine(seeded == 0
            ? "Directorio: todos los roles tienen a alguien; no se agregó nadie."
            : $"Directorio: {seeded} destinatarios ficticios agregados (@*.ejemplo.invalid); reemplácelos con «directorio asignar».");
        context.Output.WriteLine(published
            ? $"Flujo «{ShippedWorkflow.ProcessKey}»: versión {version} publicada."
            : $"Flujo «{ShippedWorkflow.ProcessKey}»: la versión {version} publicada ya es la del servicio; no cambió nada.");
        return Cli.Ok;
    }
}
