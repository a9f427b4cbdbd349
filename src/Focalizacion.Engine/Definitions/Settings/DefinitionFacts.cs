namespace Focalizacion.Engine.Definitions.Settings;

/// <summary>What a setting's check may know of the definition it is in.</summary>
/// <param name="NamedPlazos">The plazos its timers name.</param>
/// <param name="Messages">The names of the messages it waits for.</param>
public sealed record DefinitionFacts(IReadOnlySet<string> NamedPlazos, IReadOnlySet<string> Messages);
