using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Focalizacion.Calendar.Regions;
using NodaTime;
using NodaTime.Text;

namespace Focalizacion.Cycle.Handlers;

/// <summary>
/// The instance variables the cycle's handlers read: <c>region</c> (ISO suffix),
/// <c>anioPresupuestario</c>, and optionally <c>eventos</c> (name → "yyyy-MM-dd") and
/// <c>montos</c> (instrument → pesos). Missing or malformed ones are Spanish errors, which the
/// outbox records on the failed attempt.
/// </summary>
internal sealed record CycleVariables(Region Region, int BudgetYear, IReadOnlyDictionary<string, LocalDate> Events, IReadOnlyList<(string Instrument, decimal Amount)> Amounts)
{
    public static CycleVariables From(JsonObject variables)
    {
        var code = variables["region"] is JsonValue r && r.TryGetValue<string>(out var text) ? text : null;
        var region = (code is null ? null : RegionRegistry.Find(code))
            ?? throw new CycleException($"La variable «region» de la instancia no es una región conocida (vale «{code}»).");
        var year = variables["anioPresupuestario"] is JsonValue y && TryInt(y, out var number)
            ? number
            : throw new CycleException("La variable «anioPresupuestario» de la instancia falta o no es un año.");
        var events = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
        if (variables["eventos"] is JsonObject eventos)
        {
            foreach (var (name, value) in eventos)
            {
                var raw = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                var parsed = raw is null ? null : LocalDatePattern.Iso.Parse(raw);
                events[name] = parsed is { Success: true }
                    ? parsed.Value
                    : throw new CycleException($"El evento «{name}» de la variable «eventos» no es una fecha aaaa-mm-dd (vale «{raw}»).");
            }
        }
        var amounts = new List<(string, decimal)>();
        if (variables["montos"] is JsonObject montos)
        {
            foreach (var (instrument, value) in montos)
            {
                amounts.Add((instrument, value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                    ? v.GetValue<decimal>()
                    : throw new CycleException($"El monto de «{instrument}» en la variable «montos» no es un número.")));
            }
        }
        return new CycleVariables(region, year, events, amounts);
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
