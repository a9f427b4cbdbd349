using System.Text;
using System.Text.Json.Nodes;
using Focalizacion.Access;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Cycle.Workflow;
using Focalizacion.Engine.Definitions;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Hosting;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>POST /api/v1/disenador/simulaciones</c>: the designer's "simulate before publishing". The
/// XML being edited (or, without one, the version published now) runs a whole budget year for the
/// chosen regions and scenario, through the same simulator as <c>POST /simulaciones</c> (the
/// real importer, engine and handlers, a throwaway database, messages into a folder deleted
/// afterwards), and every timeline entry names the BPMN element that produced it, so the designer
/// can select it on the diagram. An XML the engine cannot run is a 422 with its problems, as the
/// upload gives them; nothing of the live data is read but the published version, nothing is written.
/// </summary>
internal static class DisenadorSimulacionesApi
{
    /// <summary>A whole BPMN file as a JSON string, escaped, and a scenario beside it.</summary>
    private const int MaxBodyBytes = 2 * BpmnImporter.MaxFileBytes + ApiJson.MaxBodyBytes;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/disenador/simulaciones", SimulateAsync).WithTags("disenador").Requiring(Capability.AdministrarDefiniciones)
            .Takes<DraftSimulationRequest>().Produces<DraftSimulationJson>()
            .WithSummary("Simula un año presupuestario con el XML que se edita (o, sin él, la versión publicada), para las regiones y el escenario dados, " +
                "en una base desechable y sin enviar correos; cada entrada de la línea de tiempo nombra el elemento BPMN que la produjo; un XML con problemas, 422 con ellos");

    /// <summary>The body of <c>POST /disenador/simulaciones</c>.</summary>
    /// <param name="Xml">The BPMN being edited; null simulates the version published now.</param>
    /// <param name="Escenario">Who does what and when, in the <c>simular</c> file's format; null: nobody acts.</param>
    /// <param name="Regiones">Region codes; they replace the scenario's list; none: the scenario's, or all 16.</param>
    /// <param name="Anio">The budget year; the scenario's <c>anioPresupuestario</c>, if it has one, must agree.</param>
    internal sealed record DraftSimulationRequest(string? Xml, JsonObject? Escenario, List<string>? Regiones, int? Anio);

    /// <summary>What the designer shows: the timeline with each entry's element, notes in Spanish and the incidents left open.</summary>
    internal sealed record DraftSimulationJson(IEnumerable<TimelineJson> Entradas, IReadOnlyList<string> Mensajes, IReadOnlyList<string> Incidentes);

    private static async Task<IResult> SimulateAsync(HttpContext context, EngineRuntime engine, SchemaOwner owner, HolidayCalendar calendar, SimulationWarmUpService warmUp)
    {
        var (request, problem) = await ApiJson.ReadAsync<DraftSimulationRequest>(context.Request, MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }
        var (scenario, badScenario) = Read(request!);
        if (badScenario is not null)
        {
            return badScenario;
        }
        byte[]? definition;
        string source;
        if (request!.Xml is { } xml)
        {
            if (xml.Length == 0)
            {
                return ApiProblems.BadRequest("xml", "el XML BPMN está vacío; para simular la versión publicada, envíe null");
            }
            definition = Encoding.UTF8.GetBytes(xml);
            if (definition.Length > BpmnImporter.MaxFileBytes)
            {
                return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, $"xml: supera el máximo de {ApiBody.Size(BpmnImporter.MaxFileBytes)}", "xml");
            }
            if (Simulator.Problems(engine, definition) is { Count: > 0 } problems)
            {
                return ApiProblems.Unprocessable($"no se puede simular esta definición: {problems.Count} problema(s)", AdministrationJson.Problems(problems));
            }
            source = "el XML enviado (el borrador que se edita)";
        }
        else
        {
            await using var db = engine.Store.Open();
            var published = await DefinitionStore.LatestPublishedOrNullAsync(db, ShippedWorkflow.ProcessKey, context.RequestAborted);
            definition = published?.BpmnXml;
            source = published is null ? "el flujo que trae el servicio (no hay una versión publicada)" : $"la versión {published.Version} publicada";
        }
        return await SimulacionesApi.OneAtATimeAsync(async () =>
        {
            // The tables' owner's server connection: only it may create the throwaway database.
            var result = await Simulator.RunUnsentAsync(owner.Store.ConnectionString, calendar, scenario!, definition, context.RequestAborted);
            string[] notes =
            [
                $"se simuló {source}, año presupuestario {scenario!.BudgetYear}, {scenario.Regions.Count} región(es)",
                $"{result.Emails} correo(s) redactados y descartados: ninguno se envió",
            ];
            return TypedResults.Ok(new DraftSimulationJson(result.Timeline.Select(TimelineJson.From), notes, result.Incidents));
        }, warmUp, context.RequestAborted);
    }

    /// <summary>The scenario the body asks for, or the 400 naming its field.</summary>
    private static (Scenario? Scenario, ProblemHttpResult? Problem) Read(DraftSimulationRequest request)
    {
        var regions = new List<Region>();
        if (request.Regiones is { } codes)
        {
            if (codes.Count > RegionRegistry.All.Count)
            {
                return (null, ApiProblems.BadRequest("regiones", $"son {codes.Count}; el país tiene {RegionRegistry.All.Count}"));
            }
            for (int i = 0; i < codes.Count; i++)
            {
                if (codes[i] is not { Length: > 0 } code || RegionRegistry.Find(code) is not { } region)
                {
                    return (null, ApiProblems.BadRequest($"regiones[{i}]", $"región desconocida {Spanish.Quote(codes[i] ?? "")}"));
                }
                regions.Add(region);
            }
        }
        if (ApiArguments.FilterBudgetYear(request.Anio) is { } badYear)
        {
            return (null, badYear);
        }
        if (request.Escenario is null)
        {
            if (request.Anio is not { } year)
            {
                return (null, ApiProblems.BadRequest("anio", "falta el año presupuestario"));
            }
            var empty = Scenario.Empty(year);
            return (regions.Count == 0 ? empty : empty with { Regions = [.. regions.Distinct()] }, null);
        }
        var read = ScenarioReader.Read(request.Escenario.ToJsonString(), request.Anio, regions);
        if (read.Success)
        {
            return (read.Value, null);
        }
        var (field, detail) = ApiProblems.Split(read.Error!);
        return (null, ApiProblems.BadRequest(field == "cuerpo" ? "escenario" : $"escenario.{field}", detail));
    }
}
