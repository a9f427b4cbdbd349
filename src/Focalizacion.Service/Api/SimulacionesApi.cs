using System.Text;
using System.Text.Json.Nodes;
using Focalizacion.Access;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Hosting;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>POST /api/v1/simulaciones</c>: a whole cycle in virtual time, as <c>simular --json</c>: the
/// body is a scenario in the <c>simular</c> file's format (<c>anioPresupuestario</c>, which it must
/// have here, <c>regiones</c>, <c>focalizacionAnterior</c>, <c>eventos</c>), the answer its timeline.
/// It runs in a throwaway database and writes its messages to a folder deleted afterwards: it never
/// touches the live data and never sends mail.
/// </summary>
/// <remarks>
/// A simulation takes seconds of both cores and a database of its own, so the service runs one at a
/// time and says so (429) to a second caller meanwhile; the scenario is bounded by the body's size
/// (<see cref="ApiJson.MaxBodyBytes"/>) and its regions by the country's 16 (the reader refuses a longer list).
/// </remarks>
internal static class SimulacionesApi
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/simulaciones", SimulateAsync).WithTags("simulaciones").Requiring(Capability.Simular)
            .Takes<JsonObject>().Produces<IEnumerable<TimelineJson>>()
            .WithSummary("Simula un ciclo completo en tiempo virtual, en una base desechable y sin enviar correos; responde la línea de tiempo (como simular --json)");

    private static async Task<IResult> SimulateAsync(HttpContext context, EngineRuntime engine, SchemaOwner owner, HolidayCalendar calendar, SimulationWarmUpService warmUp)
    {
        if (!context.Request.HasJsonContentType())
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "el cuerpo debe ser un escenario JSON (Content-Type: application/json)");
        }
        var (bytes, tooLarge) = await ApiBody.ReadAsync(context.Request, ApiJson.MaxBodyBytes);
        if (tooLarge is not null)
        {
            return tooLarge;
        }
        var (scenario, problem) = Read(Encoding.UTF8.GetString(bytes!));
        if (problem is not null)
        {
            return problem;
        }
        return await OneAtATimeAsync(async () =>
        {
            // The tables' owner's server connection: only it may create the throwaway database.
            var result = await Simulator.RunUnsentAsync(owner.Store.ConnectionString, calendar, scenario!, cancellationToken: context.RequestAborted);
            return TypedResults.Ok(result.Timeline.Select(TimelineJson.From));
        }, warmUp, context.RequestAborted);
    }

    /// <summary>
    /// Runs <paramref name="simulate"/> unless another simulation (this endpoint's or the designer's) is under way: then a 429.
    /// The service's own warm-up is no user's: it stops and lets go first (<see cref="SimulationWarmUpService.YieldAsync"/>).
    /// </summary>
    internal static async Task<IResult> OneAtATimeAsync(Func<Task<IResult>> simulate, SimulationWarmUpService warmUp, CancellationToken cancellationToken)
    {
        if (!await OneAtATime.WaitAsync(TimeSpan.Zero, cancellationToken))
        {
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "hay otra simulación en curso; vuelva a intentarlo cuando termine (tarda segundos)");
        }
        try
        {
            await warmUp.YieldAsync();
            return await simulate();
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    /// <summary>The scenario, or the 400 naming the field (the reader's own words, as <c>simular</c> says them).</summary>
    private static (Scenario? Scenario, ProblemHttpResult? Problem) Read(string json)
    {
        if (json.Length == 0)
        {
            return (null, ApiProblems.BadRequest("cuerpo", "falta el escenario"));
        }
        var scenario = ScenarioReader.Read(json, budgetYear: null);
        return scenario.Success ? (scenario.Value, null) : (null, ApiProblems.BadRequest(scenario.Error));
    }
}
