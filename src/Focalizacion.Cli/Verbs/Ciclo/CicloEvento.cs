using Focalizacion.Cli.Arguments;
using Focalizacion.Cli.Output;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Conformidad;
using Focalizacion.Documents.Persistence;

namespace Focalizacion.Cli.Verbs.Ciclo;

/// <summary>
/// <c>ciclo evento &lt;región&gt; &lt;año&gt; &lt;evento&gt;</c>: records a cycle event through
/// <see cref="CycleEventRecorder"/>. A wrong command line is exit 2, and so is data the event
/// does not take or a value it refuses (the recorder's check, named <c>datos.…</c>); a refusal by
/// the cycle (no instance waits for it) is exit 1 with its reason.
/// </summary>
internal static class CicloEvento
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: ["--conforme", "--datos"], flags: ["--json"]);
        var positionals = parsed.ExactPositionals("región", "año-presupuestario", "evento");
        var region = ParsedArguments.Region(positionals[0], "región");
        var year = CicloVerb.BudgetYear(positionals[1]);
        var cycleEvent = CycleEvent.Find(positionals[2])
            ?? throw new UsageException($"evento: evento desconocido «{positionals[2]}»; los eventos del ciclo son: {CycleEvent.KnownNames}");
        var data = JsonInput.ObjectOption(parsed, "--datos");
        if (parsed.Option("--conforme") is { } conforme)
        {
            if (!cycleEvent.Data.Contains(EventField.Conformity))
            {
                throw new UsageException($"--conforme: solo se indica con los eventos {CycleEvent.WithConformity}");
            }
            data[DeclaredConformity.Field] = conforme switch
            {
                "true" or "si" or "sí" => true,
                "false" or "no" => false,
                _ => throw new UsageException($"--conforme: «{conforme}» no es true ni false"),
            };
        }
        // Without the flag at all, say which option is missing; a value given in --datos is the recorder's to check.
        if (!data.ContainsKey(DeclaredConformity.Field))
        {
            if (cycleEvent.Name == CycleEvent.FinalRecibida && !data.ContainsKey(DeclaredConformity.DocumentField))
            {
                throw new UsageException($"--conforme: {DeclaredConformity.Missing}");
            }
            if (cycleEvent.Name == CycleEvent.RevisionRegistrada)
            {
                throw new UsageException("--conforme: falta; indique si la focalización final cumple los requisitos (true o false)");
            }
        }
        var runtime = context.Runtime();
        // The same port as the service's: a review is compared with the stored version's automatic result.
        var recorder = new CycleEventRecorder(runtime.Instances, new DocumentConformity(new FocalizacionVersions(runtime.Store, runtime.Clock)));
        var outcome = await recorder.RecordAsync(region.IsoSuffix, year, cycleEvent.Name, data, CliContext.Actor);
        if (outcome.BadInput)
        {
            throw new UsageException($"{OneLine.Of(outcome.Refusal!)}; no se registró nada");
        }
        if (!outcome.Applied)
        {
            context.Error.WriteLine($"Rechazado: {outcome.Refusal}");
            return Cli.DataError;
        }
        if (parsed.Has("--json"))
        {
            Json.Write(context.Output, new { region = region.IsoSuffix, anioPresupuestario = year, evento = cycleEvent.Name, hito = cycleEvent.Milestone, instancia = outcome.InstanceId });
        }
        else
        {
            context.Output.WriteLine($"{region.IsoSuffix} {region.Name}, año presupuestario {year}: registrado «{cycleEvent.Name}» ({cycleEvent.Description}); instancia {outcome.InstanceId}.");
        }
        return Cli.Ok;
    }
}
