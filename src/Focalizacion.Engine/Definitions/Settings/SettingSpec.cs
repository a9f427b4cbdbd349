namespace Focalizacion.Engine.Definitions.Settings;

/// <summary>
/// One extension setting a node takes (<c>foc:tipo</c>, <c>foc:destinatarios</c>…): its name,
/// whether it must be there, and what values it accepts. Checked at import, so a definition that
/// imports is one whose every effect can run.
/// </summary>
/// <param name="Name">The setting's name (the attribute's local name in our namespace).</param>
/// <param name="Description">What it is, in Spanish, for messages and the designer.</param>
public sealed record SettingSpec(string Name, string Description)
{
    /// <summary>The node is refused without it.</summary>
    public bool Required { get; init; }

    /// <summary>The values it accepts; null when any text is fine (then <see cref="Check"/>, if any, decides).</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    /// <summary>Several values separated by commas or spaces (recipient roles), each one of <see cref="Allowed"/>.</summary>
    public bool IsList { get; init; }

    /// <summary>Accepted only when another setting of the node has this value (an issuer only on an oficio).</summary>
    public (string Setting, string Value)? OnlyWhen { get; init; }

    /// <summary>
    /// The value names a plazo of the definition (one of its timers' <c>foc:plazo</c>) or one of
    /// <see cref="PlazoChoice.Offered"/>: the importer accepts exactly those, and the designer offers them.
    /// </summary>
    public PlazoChoice? Plazos { get; init; }

    /// <summary>A check of its own (a key's spelling): a Spanish reason, or null when the value is fine.</summary>
    public Func<string, DefinitionFacts, string?>? Check { get; init; }

    /// <summary>The values of a list setting, in order, without repeats.</summary>
    public static IReadOnlyList<string> Values(string setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Split([',', ' ', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>
/// What a setting that names a plazo accepts besides the definition's own plazos, and how messages call such a value.
/// </summary>
/// <param name="Noun">One such value, for "«x» no es …" (<c>un hito del ciclo</c>).</param>
/// <param name="Plural">All of them, for "… son: …" (<c>los hitos</c>).</param>
/// <param name="Offered">Accepted without a timer naming them (the cycle's milestones), and offered by the designer.</param>
public sealed record PlazoChoice(string Noun, string Plural, IReadOnlyList<string> Offered);
