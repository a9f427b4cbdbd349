namespace Focalizacion.Engine.Definitions.Settings;

/// <summary>A setting a host lets nodes other than service tasks carry (the cycle's <c>foc:ventana</c> on timers).</summary>
/// <param name="Spec">The setting.</param>
/// <param name="AppliesTo">Which nodes take it: a kind the designer can be told as well as the importer checks.</param>
public sealed record NodeSetting(SettingSpec Spec, NodeKind AppliesTo)
{
    /// <summary>Whether <paramref name="node"/> takes this setting.</summary>
    public bool Applies(FlowNode node) => NodeKinds.Matches(AppliesTo, node);
}
