using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Catalogos;

namespace Focalizacion.Documents.Focalizaciones;

/// <summary>
/// The document's completeness rules, in one place: the template reader reports them by cell, the
/// conformity check by instrument and line (for documents that did not come from the template).
/// </summary>
public static class FocalizacionRules
{
    /// <summary>
    /// The fields a line leaves empty that it must fill. A line «No» needs only its instrument; a
    /// focalizing line needs every field, and «cuál» when it answers a government commitment.
    /// </summary>
    public static IReadOnlyList<LineField> MissingFields(FocalizacionLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var missing = new List<LineField>();
        if (string.IsNullOrWhiteSpace(line.Instrument))
        {
            missing.Add(LineField.Instrument);
        }
        if (!line.Focalizes)
        {
            return missing;
        }
        void Text(string value, LineField field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add(field);
            }
        }
        Text(line.Action, LineField.Action);
        Text(line.Description, LineField.Description);
        if (line.Territorial is null || (line.Territorial.Kind == TerritorialKind.Communes && line.Territorial.Communes.Count == 0))
        {
            missing.Add(LineField.Territorial);
        }
        if (line.Sectors.Count == 0)
        {
            missing.Add(LineField.Sectors);
        }
        Text(line.Profile.Gender, LineField.Gender);
        Text(line.Profile.Ethnicity, LineField.Ethnicity);
        Text(line.Profile.AgeRange, LineField.AgeRange);
        if (line.Budget is null)
        {
            missing.Add(LineField.Budget);
        }
        if (line.Coverage is null)
        {
            missing.Add(LineField.Coverage);
        }
        if (line.Commitment is null)
        {
            missing.Add(LineField.Commitment);
        }
        else if (line.Commitment.Answers && string.IsNullOrWhiteSpace(line.Commitment.Which))
        {
            missing.Add(LineField.CommitmentWhich);
        }
        Text(line.StrategicObjective, LineField.StrategicObjective);
        Text(line.Challenge, LineField.Challenge);
        return missing;
    }

    /// <summary>The transferred instruments (<c>Instruments.All</c>) with no line at all.</summary>
    public static IReadOnlyList<string> MissingInstruments(IReadOnlyList<FocalizacionLine> lines) =>
        [.. Instruments.All.Where(i => !lines.Any(l => l.Instrument == i))];

    /// <summary>Instruments with a line «No» and other lines too: «sin focalización» is one line alone.</summary>
    public static IReadOnlyList<string> MixedNotFocalized(IReadOnlyList<FocalizacionLine> lines) =>
        [.. lines.GroupBy(l => l.Instrument).Where(g => g.Any(l => !l.Focalizes) && g.Count() > 1).Select(g => g.Key)];

    /// <summary>The key two versions' lines are matched by: instrument and acción, case and accents aside.</summary>
    public static (string Instrument, string Action) Key(FocalizacionLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return (line.Instrument, TextMatch.Key(line.Action));
    }

    /// <summary>The instrument as <c>Instruments.All</c> writes it, whatever the case and accents typed; null for an unknown one.</summary>
    public static string? FindInstrument(string text)
    {
        var key = TextMatch.Key(text);
        return Instruments.All.FirstOrDefault(i => TextMatch.Key(i) == key);
    }

    /// <summary>"Crece, línea 2 («Ferias locales»)": how an observation names a line (the number counts within its instrument, from 1).</summary>
    public static string Describe(Focalizacion focalizacion, FocalizacionLine line)
    {
        ArgumentNullException.ThrowIfNull(focalizacion);
        var number = focalizacion.Lines.Where(l => l.Instrument == line.Instrument).TakeWhile(l => !ReferenceEquals(l, line)).Count() + 1;
        return string.IsNullOrWhiteSpace(line.Action)
            ? $"{line.Instrument}, línea {number}"
            : $"{line.Instrument}, línea {number} ({Calendar.Spanish.Quote(line.Action)})";
    }
}
