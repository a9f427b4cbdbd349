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
    /// Values to offer when any text may do and <see cref="Check"/> decides (the cycle's milestones,
    /// which a named plazo may also be): what the designer lists, not a limit.
    /// </summary>
    public IReadOnlyList<string>? Offered { get; init; }

    /// <summary>The plazos the definition names (its timers' <c>foc:plazo</c>) are valid values too; <see cref="Check"/> accepts them.</summary>
    public bool TakesNamedPlazos { get; init; }

    /// <summary>A check that needs the whole definition (a plazo it names): a Spanish reason, or null when the value is fine.</summary>
    public Func<string, DefinitionFacts, string?>? Check { get; init; }

    /// <summary>The values of a list setting, in order, without repeats.</summary>
    public static IReadOnlyList<string> Values(string setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Split([',', ' ', ';', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();
    }
}
