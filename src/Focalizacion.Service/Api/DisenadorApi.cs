using System.Globalization;
using System.Text.Json.Nodes;
using Focalizacion.Access;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Plazos;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Presentacion;
using Focalizacion.Engine.Definitions;
using Focalizacion.Engine.Definitions.Settings;
using Focalizacion.Runtime;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Service.Api;

/// <summary>
/// <c>/api/v1/disenador</c>: what the workflow designer asks the server while an administrator
/// edits: the settings it offers (from the same catalog the importer checks), the import problems
/// of the XML being edited (as <c>definicion validar</c>), and the dates a timer's plazo rule gives
/// for a region and budget year. Nothing here stores anything.
/// </summary>
internal static class DisenadorApi
{
    /// <summary>The plazo body carries a whole BPMN file as a JSON string, escaped: room for the importer's limit and its escapes.</summary>
    private const int MaxPlazoBodyBytes = 2 * BpmnImporter.MaxFileBytes;

    private static readonly LocalDateTimePattern Due = LocalDateTimePattern.CreateWithInvariantCulture("dd-MM-uuuu HH:mm");

    public static void Map(RouteGroupBuilder api)
    {
        var disenador = api.MapGroup("/disenador").WithTags("disenador");
        disenador.MapGet("/ajustes", Settings).Requiring(Capability.AdministrarDefiniciones)
            .WithSummary("Los ajustes que el diseñador ofrece: el descriptor bpmn-moddle, los elementos que el motor ejecuta, cada manejador con sus ajustes, los ajustes de otros nodos y las regiones");
        disenador.MapPost("/validar", ValidateAsync).Requiring(Capability.AdministrarDefiniciones)
            .Takes(typeof(byte[]), "application/xml", "text/xml")
            .WithSummary($"Los problemas de importación de un XML BPMN (hasta {ApiBody.Size(DefinicionesApi.MaxBpmnBytes)}), por elemento, como definicion validar; no guarda nada");
        disenador.MapPost("/plazo", PlazoAsync).Requiring(Capability.AdministrarDefiniciones).Takes<PlazoRequest>()
            .WithSummary("Evalúa la regla de plazo del temporizador de un elemento del XML para una región y un año presupuestario; una serie de recordatorios da cada fecha");
    }

    /// <summary>The body of <c>POST /disenador/plazo</c>.</summary>
    /// <param name="Xml">The whole BPMN being edited.</param>
    /// <param name="Elemento">The id of the timer whose rule is evaluated.</param>
    /// <param name="Region">A region code ("NB").</param>
    /// <param name="Anio">The budget year.</param>
    /// <param name="Eventos">Dates of the events rules count from, by message name (aaaa-mm-dd).</param>
    internal sealed record PlazoRequest(string? Xml, string? Elemento, string? Region, int? Anio, Dictionary<string, string>? Eventos);

    private static JsonHttpResult<JsonObject> Settings(EngineRuntime engine)
    {
        var catalog = engine.Module.Catalog();
        return TypedResults.Json(new JsonObject
        {
            ["moddle"] = ModdleDescriptor.For(catalog),
            ["elementos"] = new JsonArray([.. BpmnImporter.RunnableElements.Select(e => JsonValue.Create("bpmn:" + char.ToUpperInvariant(e[0]) + e[1..]))]),
            ["manejadores"] = new JsonArray([.. catalog.Handlers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new JsonObject
            {
                ["nombre"] = h.Key,
                ["ajustes"] = new JsonArray([.. h.Value.Select(Setting)]),
            })]),
            ["ajustesDeNodo"] = new JsonArray([.. catalog.NodeSettings.Select(s => new JsonObject
            {
                ["aplicaA"] = NodeKinds.Key(s.AppliesTo),
                ["nodos"] = NodeKinds.Plural(s.AppliesTo),
                ["ajuste"] = Setting(s.Spec),
            })]),
            ["regiones"] = new JsonArray([.. RegionRegistry.All.Select(r => new JsonObject { ["codigo"] = r.IsoSuffix, ["nombre"] = r.Name })]),
        }, ApiJson.Options);
    }

    private static JsonObject Setting(SettingSpec spec) => new()
    {
        ["nombre"] = spec.Name,
        ["descripcion"] = spec.Description,
        ["requerido"] = spec.Required,
        ["valores"] = (spec.Allowed ?? spec.Plazos?.Offered) is { Count: > 0 } values ? new JsonArray([.. values.Select(v => JsonValue.Create(v))]) : null,
        ["lista"] = spec.IsList,
        ["soloSi"] = spec.OnlyWhen is { } when ? new JsonObject { ["ajuste"] = when.Setting, ["valor"] = when.Value } : null,
        ["admitePlazos"] = spec.Plazos is not null,
    };

    private static async Task<IResult> ValidateAsync(HttpContext context, EngineRuntime engine)
    {
        var (bpmn, refused) = await DefinicionesApi.ReadBpmnAsync(context.Request);
        if (refused is not null)
        {
            return refused;
        }
        var result = engine.Definitions.Validate(bpmn!);
        if (result.NotBpmnReason is { } reason)
        {
            return TypedResults.Json(new JsonObject { ["esBpmn"] = false, ["motivo"] = reason, ["problemas"] = new JsonArray() }, ApiJson.Options);
        }
        return TypedResults.Json(new JsonObject
        {
            ["esBpmn"] = true,
            ["problemas"] = new JsonArray([.. result.Problems.Select(p => new JsonObject { ["elemento"] = p.ElementId, ["mensaje"] = p.Message })]),
            ["plazos"] = new JsonArray([.. DraftPlazos.Names(bpmn!).Select(n => JsonValue.Create(n))]),
        }, ApiJson.Options);
    }

    private static async Task<IResult> PlazoAsync(HttpContext context, HolidayCalendar calendar)
    {
        var (request, problem) = await ApiJson.ReadAsync<PlazoRequest>(context.Request, MaxPlazoBodyBytes);
        if (problem is not null)
        {
            return problem;
        }
        if (request!.Xml is not { Length: > 0 } xml)
        {
            return ApiProblems.BadRequest("xml", "falta el XML BPMN que se edita");
        }
        if (request.Elemento is not { Length: > 0 } element)
        {
            return ApiProblems.BadRequest("elemento", "falta el id del temporizador");
        }
        if (request.Region is not { Length: > 0 } code)
        {
            return ApiProblems.BadRequest("region", "falta el código de la región (p. ej. NB)");
        }
        if (RegionRegistry.Find(code) is not { } region)
        {
            return ApiProblems.BadRequest("region", $"región desconocida {Spanish.Quote(code)}");
        }
        if (request.Anio is not { } year)
        {
            return ApiProblems.BadRequest("anio", "falta el año presupuestario");
        }
        if (ApiArguments.FilterBudgetYear(year) is { } badYear)
        {
            return badYear;
        }
        var events = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
        foreach (var (key, text) in request.Eventos ?? [])
        {
            var (date, badDate) = ApiArguments.Date(text, $"eventos.{key}");
            if (badDate is not null || date is not { } given)
            {
                return badDate ?? ApiProblems.BadRequest($"eventos.{key}", "falta la fecha (aaaa-mm-dd)");
            }
            events[key] = given;
        }
        var dates = DraftPlazos.Evaluate(xml, element, calendar.BusinessDays(region), year, events);
        if (!dates.Success)
        {
            return ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, dates.Error!);
        }
        var fechas = dates.Value.Select(d => new JsonObject
        {
            ["regla"] = d.Text,
            ["fecha"] = CycleJson.Date(d.Plazo.Date),
            ["vence"] = CycleJson.Instant(d.Plazo.OverdueAt),
            ["texto"] = DateText(d.Plazo),
        }).ToList();
        return TypedResults.Json(new JsonObject
        {
            ["elemento"] = element,
            ["region"] = region.IsoSuffix,
            ["anio"] = year,
            ["texto"] = $"{region.Name}, año presupuestario {year}: {string.Join(" · ", fechas.Select(f => (string)f["texto"]!))}",
            ["fechas"] = new JsonArray([.. fechas]),
        }, ApiJson.Options);
    }

    /// <summary>"miércoles 30 de diciembre de 2026; vence 31-12-2026 00:00 (−03:00)": the day, and when it is overdue in the region's own offset.</summary>
    public static string DateText(Plazo plazo)
    {
        ArgumentNullException.ThrowIfNull(plazo);
        var overdue = plazo.OverdueAt;
        var offset = overdue.Offset.ToTimeSpan();
        var sign = offset < TimeSpan.Zero ? "\u2212" : "+";
        return $"{Spanish.LongDate(plazo.Date)}; vence {Due.Format(overdue.LocalDateTime)} ({sign}{offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture)})";
    }
}
