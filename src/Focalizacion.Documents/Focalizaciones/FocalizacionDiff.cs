namespace Focalizacion.Documents.Focalizaciones;

/// <summary>How a line changed from one version to the next.</summary>
public enum LineChange
{
    Added,
    Removed,
    Changed,
}

/// <summary>One field that differs between two versions of a line, as people read it.</summary>
public sealed record FieldChange(LineField Field, string Before, string After)
{
    public string Label => LineFields.Label(Field);
}

/// <summary>A line added, removed or changed (with the fields that changed) between two versions.</summary>
public sealed record LineDiff(string Instrument, string Action, LineChange Change, IReadOnlyList<FieldChange> Fields);

/// <summary>
/// The per-line difference of two versions of a focalización (a final and its corrected version):
/// lines are matched by instrument and acción (case and accents aside); lines that did not change are
/// not listed.
/// </summary>
public static class FocalizacionDiff
{
    public static IReadOnlyList<LineDiff> Compare(Focalizacion before, Focalizacion after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Lines.GroupBy(FocalizacionRules.Key).ToDictionary(g => g.Key, g => g.First());
        var current = after.Lines.GroupBy(FocalizacionRules.Key).ToDictionary(g => g.Key, g => g.First());
        var diffs = new List<LineDiff>();
        foreach (var line in after.Lines)
        {
            var key = FocalizacionRules.Key(line);
            if (!ReferenceEquals(current[key], line))
            {
                continue; // a repeated key: the first line stands for it
            }
            if (!old.TryGetValue(key, out var previous))
            {
                diffs.Add(new LineDiff(line.Instrument, line.Action, LineChange.Added, Fields(null, line)));
                continue;
            }
            var changed = Fields(previous, line);
            if (changed.Count > 0)
            {
                diffs.Add(new LineDiff(line.Instrument, line.Action, LineChange.Changed, changed));
            }
        }
        foreach (var line in before.Lines)
        {
            var key = FocalizacionRules.Key(line);
            if (!current.ContainsKey(key) && ReferenceEquals(old[key], line))
            {
                diffs.Add(new LineDiff(line.Instrument, line.Action, LineChange.Removed, Fields(line, null)));
            }
        }
        return diffs;
    }

    private static List<FieldChange> Fields(FocalizacionLine? before, FocalizacionLine? after)
    {
        var changes = new List<FieldChange>();
        foreach (var field in Enum.GetValues<LineField>())
        {
            var was = before is null ? "" : LineText.Field(before, field);
            var now = after is null ? "" : LineText.Field(after, field);
            if (was != now)
            {
                changes.Add(new FieldChange(field, was, now));
            }
        }
        return changes;
    }
}
