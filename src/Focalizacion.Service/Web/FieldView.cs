namespace Focalizacion.Service.Web;

/// <summary>What the shared field partial (<c>_Campo</c>) draws: a labelled input, select or textarea with its help and error.</summary>
internal sealed record FieldView(string Name, string Label, string? Value, FormErrors Errors)
{
    public string Type { get; init; } = "text";

    public string? Help { get; init; }

    public bool Required { get; init; }

    public int? MaxLength { get; init; }

    public string? Autocomplete { get; init; }

    /// <summary>A select's options (value, text); null for an input.</summary>
    public IReadOnlyList<(string Value, string Text)>? Options { get; init; }

    /// <summary>A select of several values: those of its options that are chosen (<see cref="Value"/> is not used).</summary>
    public IReadOnlySet<string>? Chosen { get; init; }

    /// <summary>More than one: a textarea of that many rows.</summary>
    public int Rows { get; init; } = 1;
}
