using Focalizacion.Cli.Arguments;
using Focalizacion.Runtime.VirtualTime;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cli.Verbs;

/// <summary>
/// <c>temporizadores disparar</c>: fires every timer due now (what the worker's sweep does).
/// <c>temporizadores correr --desde &lt;instante&gt; --hasta &lt;instante&gt;</c>: runs the store's
/// timers and outbox in virtual time between two instants, with the real engine and database.
/// </summary>
internal static class TemporizadoresVerb
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        var parsed = ParsedArguments.Parse(args, options: ["--desde", "--hasta"], flags: []);
        var action = parsed.ExactPositionals("acción")[0];
        switch (action)
        {
            case "disparar":
                context.Output.WriteLine($"Temporizadores disparados: {await context.Runtime().Timers.FireDueAsync()}");
                return Cli.Ok;
            case "correr":
                {
                    var from = Instant(parsed, "--desde");
                    var until = Instant(parsed, "--hasta");
                    var clock = new VirtualClock(from);
                    var runtime = context with { Clock = clock };
                    var engine = runtime.Runtime();
                    await new VirtualTimeDriver(clock, engine.Timers, engine.Outbox).RunUntilAsync(until);
                    context.Output.WriteLine($"Tiempo virtual recorrido hasta {InstantPattern.General.Format(clock.GetCurrentInstant())}.");
                    return Cli.Ok;
                }
            default:
                throw new UsageException($"acción desconocida «{action}»; use disparar o correr");
        }
    }

    private static Instant Instant(ParsedArguments parsed, string name)
    {
        var text = parsed.Option(name) ?? throw new UsageException($"falta la opción {name} <instante ISO 8601, p. ej. 2026-03-02T12:00:00Z>");
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return result.Success ? result.Value.ToInstant() : throw new UsageException($"{name}: «{text}» no es un instante ISO 8601 con zona (p. ej. 2026-03-02T12:00:00Z)");
    }
}
