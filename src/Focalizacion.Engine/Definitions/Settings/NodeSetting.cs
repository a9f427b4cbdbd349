namespace Focalizacion.Engine.Definitions.Settings;

/// <summary>A setting a host lets nodes other than service tasks carry (the cycle's <c>foc:ventana</c> on timers).</summary>
/// <param name="Spec">The setting.</param>
/// <param name="AppliesTo">Which nodes take it.</param>
/// <param name="Nodes">Those nodes, in Spanish, for messages ("temporizadores").</param>
public sealed record NodeSetting(SettingSpec Spec, Func<FlowNode, bool> AppliesTo, string Nodes);
