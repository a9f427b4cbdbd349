using System.Text.Json.Nodes;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cli.Arguments;
using NodaTime;

namespace Focalizacion.Cli.Verbs.Ciclo;

/// <summary>
/// The milestones the operator says already happened, from <c>--hito clave=aaaa-mm-dd</c> (every
/// chosen region) and <c>--registro archivo.json</c> (per region); a bad one names its argument.
/// </summary>
/// <remarks>The keys are the named plazos of the workflow version the cycles will start with.</remarks>
internal static class MilestoneRecords
{
    /// <summary>What each chosen region records: the <c>--hito</c> values plus the file's lines for that region.</summary>
    public static Dictionary<Region, Dictionary<string, LocalDate>> Read(ParsedArguments parsed, IReadOnlyList<Region> regions, IReadOnlyList<string> knownKeys)
    {
        string Key(string key, string where) =>
            knownKeys.Contains(key) ? key : throw new UsageException($"{where}: hito desconocido «{key}»; los hitos son: {string.Join(", ", knownKeys)}");

        var common = FromOptions(parsed.Values("--hito"), Key);
        var perRegion = regions.ToDictionary(r => r, _ => new Dictionary<string, LocalDate>(common, StringComparer.Ordinal));
        if (parsed.Option("--registro") is not { } path)
        {
            return perRegion;
        }
        var name = $"--registro «{Path.GetFileName(path)}»";
        foreach (var (code, milestones) in JsonInput.Object(JsonInput.ReadFile(path), name))
        {
            var region = ParsedArguments.Region(code, name);
            if (!perRegion.TryGetValue(region, out var recorded))
            {
                throw new UsageException($"{name}: la región {region.IsoSuffix} no está entre las elegidas con --region");
            }
            if (milestones is not JsonObject entries)
            {
                throw new UsageException($"{name}: {region.IsoSuffix}: se esperaba un objeto {{\"<hito>\": \"<aaaa-mm-dd>\"}}");
            }
            foreach (var (key, value) in entries)
            {
                var where = $"{name}: {region.IsoSuffix}";
                var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "null";
                if (!recorded.TryAdd(Key(key, where), ParsedArguments.Date(text, $"{where}, {key}")))
                {
                    throw new UsageException($"{where}: el hito «{key}» ya se indicó con --hito");
                }
            }
        }
        return perRegion;
    }

    private static Dictionary<string, LocalDate> FromOptions(IReadOnlyList<string> values, Func<string, string, string> Key)
    {
        var recorded = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--hito: «{value}» no tiene la forma <clave>=<aaaa-mm-dd> (por ejemplo oficio-inicio=2026-03-10)");
            }
            var key = Key(value[..equals], "--hito");
            if (!recorded.TryAdd(key, ParsedArguments.Date(value[(equals + 1)..], $"--hito {key}")))
            {
                throw new UsageException($"--hito: el hito «{key}» se indicó más de una vez");
            }
        }
        return recorded;
    }
}
