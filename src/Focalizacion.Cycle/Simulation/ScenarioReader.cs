using System.Text.Json;
using System.Text.Json.Nodes;
using Focalizacion.Calendar;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Events;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Focalizacion.Cycle.Simulation;

/// <summary>
/// Reads a scenario file. Every mistake is reported in Spanish with the field it concerns
/// (<c>eventos[2].fecha</c>), so whoever wrote the file can fix it.
/// </summary>
public static class ScenarioReader
{
    private static readonly string[] RootFields = ["anioPresupuestario", "regiones", "focalizacionAnterior", "eventos"];
    private static readonly string[] EventFields = ["region", "fecha", "evento", "conforme", "datos"];
    private static readonly LocalDateTimePattern[] LocalPatterns =
        [LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm"), LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss")];
    private static readonly ZoneLocalMappingResolver Resolver = Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnForwardShifted);

    /// <param name="json">The file's text.</param>
    /// <param name="budgetYear">The year asked for on the command line; the file's must agree. Null: the file's <c>anioPresupuestario</c>, which it must then have (the API's scenarios).</param>
    /// <param name="regions">Regions asked for on the command line; they replace the file's list when given.</param>
    public static Result<Scenario> Read(string json, int? budgetYear, IReadOnlyList<Region>? regions = null)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return Result<Scenario>.Fail($"el escenario no es JSON válido (línea {e.LineNumber + 1}, posición {e.BytePositionInLine + 1})");
        }
        try
        {
            return Result<Scenario>.Ok(Parse(root, budgetYear, regions));
        }
        catch (ScenarioException e)
        {
            return Result<Scenario>.Fail(e.Message);
        }
    }

    private static Scenario Parse(JsonNode? root, int? asked, IReadOnlyList<Region>? chosen)
    {
        if (root is not JsonObject file)
        {
            throw new ScenarioException("el escenario debe ser un objeto JSON con anioPresupuestario, regiones, focalizacionAnterior y eventos");
        }
        RejectUnknown(file, RootFields, "");
        var budgetYear = BudgetYear(file, asked);
        var regions = chosen is { Count: > 0 } ? chosen : file["regiones"] is { } list ? Regions(list, "regiones") : RegionRegistry.All;
        var previous = file["focalizacionAnterior"] is { } prev ? Regions(prev, "focalizacionAnterior") : [];
        var events = new List<ScenarioEvent>();
        if (file["eventos"] is { } eventsNode)
        {
            if (eventsNode is not JsonArray array)
            {
                throw new ScenarioException("eventos: debe ser una lista de eventos");
            }
            for (int i = 0; i < array.Count; i++)
            {
                var scenarioEvent = Event(array[i], $"eventos[{i}]");
                if (regions.Contains(scenarioEvent.Region))
                {
                    events.Add(scenarioEvent);
                }
                else if (chosen is not { Count: > 0 })
                {
                    throw new ScenarioException($"eventos[{i}].region: {scenarioEvent.Region.IsoSuffix} no está entre las regiones del escenario");
                }
            }
        }
        return new Scenario(budgetYear, [.. regions.Distinct()], [.. previous.Distinct()], [.. events.OrderBy(e => e.At)]);
    }

    private static ScenarioEvent Event(JsonNode? node, string path)
    {
        if (node is not JsonObject item)
        {
            throw new ScenarioException($"{path}: debe ser un objeto con region, fecha y evento");
        }
        RejectUnknown(item, EventFields, path + ".");
        var region = Region(Required(item, "region", path), $"{path}.region");
        var text = Text(Required(item, "fecha", path), $"{path}.fecha");
        var parsed = LocalPatterns.Select(p => p.Parse(text)).FirstOrDefault(r => r.Success);
        if (parsed is null)
        {
            throw new ScenarioException($"{path}.fecha: «{text}» no es una fecha y hora local (aaaa-mm-ddThh:mm, en la hora de la región)");
        }
        var name = Text(Required(item, "evento", path), $"{path}.evento");
        if (CycleEvent.Find(name) is null)
        {
            throw new ScenarioException($"{path}.evento: evento desconocido «{name}»; los eventos son: {CycleEvent.KnownNames}");
        }
        var data = item["datos"] switch
        {
            null => new JsonObject(),
            JsonObject d => (JsonObject)d.DeepClone(),
            _ => throw new ScenarioException($"{path}.datos: debe ser un objeto"),
        };
        // The recorder checks the same declaration when the event is delivered; here the file is refused before anything runs.
        if (CycleEvent.Find(name)!.CheckData(data, $"{path}.datos") is { } problem)
        {
            throw new ScenarioException(problem);
        }
        if (item["conforme"] is { } conforme)
        {
            if (!CycleEvent.Find(name)!.Data.Contains(EventField.Conformity))
            {
                throw new ScenarioException($"{path}.conforme: solo se indica en {CycleEvent.WithConformity}");
            }
            data[DeclaredConformity.Field] = conforme.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? conforme.GetValue<bool>()
                : throw new ScenarioException($"{path}.conforme: debe ser true o false");
        }
        else if (!data.ContainsKey(DeclaredConformity.Field)
            && (name == CycleEvent.RevisionRegistrada || (name == CycleEvent.FinalRecibida && !data.ContainsKey(DeclaredConformity.DocumentField))))
        {
            // A final that sends its document (datos.focalizacion) without a verdict waits for Sercotec's review.
            throw new ScenarioException($"{path}.conforme: falta; indique si la focalización final cumple los requisitos (true o false)"
                + (name == CycleEvent.FinalRecibida ? $", o la versión enviada en datos.{DeclaredConformity.DocumentField} para que Sercotec la revise" : ""));
        }
        var at = region.Zone.ResolveLocal(parsed.Value, Resolver).ToInstant();
        return new ScenarioEvent(region, parsed.Value, at, name, data);
    }

    private static int BudgetYear(JsonObject file, int? asked)
    {
        if (file["anioPresupuestario"] is not { } yearNode)
        {
            return asked ?? throw new ScenarioException("anioPresupuestario: falta el año presupuestario a simular");
        }
        var year = Integer(yearNode, "anioPresupuestario");
        if (asked is { } given && year != given)
        {
            throw new ScenarioException($"anioPresupuestario: el escenario es del año {yearNode.ToJsonString()}, pero se pidió simular {given}");
        }
        if (year is < HolidayCalendar.FirstYear + 1 or > HolidayCalendar.LastYear)
        {
            throw new ScenarioException($"anioPresupuestario: el año presupuestario {year} está fuera del calendario ({HolidayCalendar.FirstYear + 1}–{HolidayCalendar.LastYear})");
        }
        return year;
    }

    private static List<Region> Regions(JsonNode node, string path)
    {
        if (node is not JsonArray array)
        {
            throw new ScenarioException($"{path}: debe ser una lista de códigos de región, por ejemplo [\"NB\", \"MA\"]");
        }
        if (array.Count > RegionRegistry.All.Count)
        {
            throw new ScenarioException($"{path}: tiene {array.Count} regiones; el país tiene {RegionRegistry.All.Count}");
        }
        return array.Select((item, i) => Region(item, $"{path}[{i}]")).ToList();
    }

    private static Region Region(JsonNode? node, string path)
    {
        var code = Text(node, path);
        return RegionRegistry.Find(code) ?? throw new ScenarioException($"{path}: región desconocida «{code}»; use el código ISO, por ejemplo NB o MA");
    }

    private static JsonNode Required(JsonObject item, string field, string path) =>
        item[field] ?? throw new ScenarioException($"{path}.{field}: falta");

    private static string Text(JsonNode? node, string path) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw new ScenarioException($"{path}: debe ser un texto");

    private static int Integer(JsonNode node, string path) =>
        node is JsonValue value && value.TryGetValue<int>(out var number) ? number : throw new ScenarioException($"{path}: debe ser un número entero");

    private static void RejectUnknown(JsonObject item, string[] known, string prefix)
    {
        foreach (var (name, _) in item)
        {
            if (!known.Contains(name))
            {
                throw new ScenarioException($"{prefix}{name}: campo desconocido; los campos son: {string.Join(", ", known)}");
            }
        }
    }

    private sealed class ScenarioException(string message) : Exception(message);
}
