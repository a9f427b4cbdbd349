using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Focalizacion.Calendar.Regions;
using Focalizacion.Engine.Execution;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// The instance variables the cycle's handlers read: <c>region</c> (ISO suffix),
/// <c>anioPresupuestario</c>, and optionally <c>eventos</c> (name → "yyyy-MM-dd"),
/// <c>montos</c> (instrument → pesos) and <c>observaciones</c> (texts). Missing or malformed ones
/// are Spanish errors, which the outbox records on the failed attempt.
/// </summary>
public sealed record CycleVariables(Region Region, int BudgetYear, IReadOnlyDictionary<string, LocalDate> Events, IReadOnlyList<(string Instrument, decimal Amount)> Amounts)
{
    /// <summary>The observations of the last event that carries them (Sercotec's on the preliminary, the review's on the final), in order.</summary>
    public IReadOnlyList<string> Observations { get; init; } = [];

    /// <summary>The region's ISO suffix ("NB").</summary>
    public const string RegionName = "region";

    /// <summary>The budget year Y (the cycle runs in Y−1).</summary>
    public const string BudgetYearName = "anioPresupuestario";

    /// <summary>Amounts by instrument (name → pesos), from the events that record them.</summary>
    public const string AmountsName = "montos";

    /// <summary>Observations (a list of texts) the oficio that follows lists: on the preliminary, or the problems of a final.</summary>
    public const string ObservationsName = "observaciones";

    /// <summary>Set at start for each milestone the operator recorded: <c>registrado_oficio_inicio</c> and its <c>…_fecha</c>.</summary>
    public const string RecordedPrefix = "registrado_";

    /// <summary>Set at start for what was already overdue: <c>vencido_oficio_inicio</c>, <c>vencidosSinRegistro</c>.</summary>
    public const string OverduePrefix = "vencido";

    /// <summary>The answer of <c>buscar-focalizacion-anterior</c>, which the fallback decides on.</summary>
    public const string PreviousFocalizacionName = "tieneFocalizacionAnterior";

    /// <summary>
    /// What only the cycle sets: the correlation, what the start recorded, what its handlers
    /// answer (and the engine's <c>eventos</c>). The engine refuses a message naming one, and
    /// <c>CycleEvent</c> takes only the data each event declares.
    /// </summary>
    public static ReservedVariables Reserved { get; } =
        new([RegionName, BudgetYearName, PreviousFocalizacionName], [RecordedPrefix, OverduePrefix]);

    public static CycleVariables From(JsonObject variables)
    {
        var (region, year) = Correlation(variables);
        if (region is null)
        {
            throw new CycleException($"La variable «{RegionName}» de la instancia no es una región conocida (vale «{variables[RegionName]?.ToJsonString()}»).");
        }
        if (year is null)
        {
            throw new CycleException($"La variable «{BudgetYearName}» de la instancia falta o no es un año.");
        }
        return From(variables, region, year.Value);
    }

    /// <summary>The region and budget year a cycle instance is about, or null where a variable is missing or wrong.</summary>
    public static (Region? Region, int? BudgetYear) Correlation(JsonObject variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var code = variables[RegionName] is JsonValue r && r.TryGetValue<string>(out var text) ? text : null;
        int? year = variables[BudgetYearName] is JsonValue y && TryInt(y, out var number) ? number : null;
        return (code is null ? null : RegionRegistry.Find(code), year);
    }

    private static CycleVariables From(JsonObject variables, Region region, int year)
    {
        var events = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
        if (variables[InstanceVariables.Events] is JsonObject eventos)
        {
            foreach (var (name, value) in eventos)
            {
                var raw = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                var parsed = raw is null ? null : LocalDatePattern.Iso.Parse(raw);
                events[name] = parsed is { Success: true }
                    ? parsed.Value
                    : throw new CycleException($"El evento «{name}» de la variable «{InstanceVariables.Events}» no es una fecha aaaa-mm-dd (vale «{raw}»).");
            }
        }
        var amounts = new List<(string, decimal)>();
        if (variables[AmountsName] is JsonObject montos)
        {
            foreach (var (instrument, value) in montos)
            {
                amounts.Add((instrument, value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                    ? v.GetValue<decimal>()
                    : throw new CycleException($"El monto de «{instrument}» en la variable «{AmountsName}» no es un número.")));
            }
        }
        var observations = new List<string>();
        if (variables[ObservationsName] is JsonArray observaciones)
        {
            foreach (var item in observaciones)
            {
                observations.Add(item is JsonValue v && v.TryGetValue<string>(out var text)
                    ? text
                    : throw new CycleException($"Una observación de la variable «{ObservationsName}» no es un texto (vale «{item?.ToJsonString()}»)."));
            }
        }
        return new CycleVariables(region, year, events, amounts) { Observations = observations };
    }

    private static bool TryInt(JsonValue value, out int number)
    {
        if (value.TryGetValue(out number))
        {
            return true;
        }
        return value.TryGetValue<string>(out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
