using Focalizacion.Cli.Arguments;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Runtime.VirtualTime;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cli.Verbs;

/// <summary>
/// <c>temporizadores disparar</c>: fires every timer due now (what the worker's sweep does).
/// <c>temporizadores correr --desde &lt;instante&gt; --hasta &lt;instante&gt;</c>: runs the store's
/// timers and outbox in virtual time between two instants, with the real engine and database.
/// </summary>
/// <remarks>
/// Virtual time fires every timer due before <c>--hasta</c> now and delivers its effects for real
/// (the mail is sent, the rows say the virtual instant): it runs only on a throwaway database
/// (tests, simulations; <see cref="ThrowawayDatabase.IsThrowawayAsync"/>), and on any other it is a
/// usage error that changes nothing.
/// </remarks>
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
                    var engine = (context with { Clock = clock }).Runtime();
                    if (!await ThrowawayDatabase.IsThrowawayAsync(engine.Store.DataSource))
                    {
                        throw new UsageException(
                            $"temporizadores correr: el tiempo virtual solo corre en una base desechable (de pruebas o de simulación), y la de {CliContext.MotorVariable} " +
                            "no lo es: dispararía ahora los temporizadores futuros y enviaría sus correos de verdad. No se cambió nada. " +
                            "Para ensayar el ciclo use «simular»; para disparar lo vencido, «temporizadores disparar» o el trabajador");
                    }
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
