using Focalizacion.Cli.Arguments;
using Focalizacion.Cycle;
using Focalizacion.Cycle.Starting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Focalizacion.Cli.Verbs;

/// <summary>
/// <c>trabajador</c>: runs the Hangfire server that fires timers and delivers effects, until stopped. As the service:
/// its start-up migrates and grants as the tables' owner, and the engine, its handlers and Hangfire run as the engine's role.
/// </summary>
internal static class TrabajadorVerb
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context)
    {
        ParsedArguments.Parse(args, options: [], flags: []).ExactPositionals();
        var builder = Host.CreateApplicationBuilder();
        // The service schedules the cycles' yearly start; a run this worker picks up reads the same moment.
        var moment = CycleStartMoment.Parse(Environment.GetEnvironmentVariable(CycleStartMoment.Variable));
        // Registered first, so the engine's setup keeps it (as the service's composition does).
        builder.Services.AddSingleton(context.SchemaOwner());
        builder.Services.AddFocalizacionCycle(context.MotorConnectionString, context.LoadCalendar(), context.Clock, context.Mail,
            moment.Success ? moment.Value : throw new UsageException(moment.Error));
        using var host = builder.Build();
        context.Output.WriteLine("Trabajador en marcha: temporizadores y bandeja de salida (Ctrl+C para detener).");
        await host.RunAsync();
        return Cli.Ok;
    }
}
