using System.Text.Json;

namespace Focalizacion.Cycle.Events;

/// <summary>
/// The Sercotec instruments whose amounts the cycle's oficios list (Decreto N° 64 of 2019, "or those
/// that succeed them"): data, in <c>instrumentos.json</c> next to this file, in the order the forms offer them.
/// </summary>
public static class Instruments
{
    public static IReadOnlyList<string> All { get; } = Load();

    private static List<string> Load()
    {
        using var stream = typeof(Instruments).Assembly.GetManifestResourceStream("Focalizacion.Cycle.Events.instrumentos.json")
            ?? throw new CycleException("Falta la lista de instrumentos (instrumentos.json) en el ensamblado.");
        return JsonSerializer.Deserialize<List<string>>(stream) ?? [];
    }
}
