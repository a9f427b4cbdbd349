using Focalizacion.Calendar;
using Focalizacion.Engine.Definitions.Settings;

namespace Focalizacion.Engine.Definitions.Importing;

/// <summary>
/// Checks every node's extension settings against what it may carry (its handler's settings for a
/// service task, the host's and the engine's for other nodes): unknown settings, missing required
/// ones, values outside their list, settings that only go with another one, and the checks that
/// need the whole definition. Each problem names the node and the setting.
/// </summary>
internal sealed class SettingsChecker(ImportCatalog catalog, ProblemList problems)
{
    public void Check(IReadOnlyList<FlowNode> nodes, IReadOnlyCollection<string> messages)
    {
        var facts = new DefinitionFacts(
            nodes.Where(n => WorkflowDefinition.TimerOf(n) is not null).Select(n => n.Settings.GetValueOrDefault(NamedPlazo.Setting)?.Trim())
                .OfType<string>().ToHashSet(StringComparer.Ordinal),
            messages.ToHashSet(StringComparer.Ordinal));
        foreach (var node in nodes)
        {
            if (catalog.For(node) is { } specs)
            {
                CheckNode(node, specs, facts);
            }
        }
    }

    private void CheckNode(FlowNode node, IReadOnlyList<SettingSpec> specs, DefinitionFacts facts)
    {
        foreach (var (name, value) in node.Settings)
        {
            if (specs.FirstOrDefault(s => s.Name == name) is not { } spec)
            {
                problems.Add(node.Id, $"el ajuste foc:{name} no corresponde a {What(node)}; {Accepted(specs)}");
            }
            else if (Problem(spec, value.Trim(), node, facts, specs) is { } problem)
            {
                problems.Add(node.Id, $"foc:{name}: {problem}");
            }
        }
        foreach (var spec in specs.Where(s => s.Required && !node.Settings.ContainsKey(s.Name) && Applies(s, node)))
        {
            problems.Add(node.Id, $"falta foc:{spec.Name} ({spec.Description}){Choices(spec)}");
        }
    }

    private static string? Problem(SettingSpec spec, string value, FlowNode node, DefinitionFacts facts, IReadOnlyList<SettingSpec> specs)
    {
        if (!Applies(spec, node))
        {
            // When the setting it depends on is itself wrong, that is the one problem to report.
            var (setting, needed) = spec.OnlyWhen!.Value;
            var other = specs.FirstOrDefault(s => s.Name == setting);
            var otherValue = node.Settings.GetValueOrDefault(setting)?.Trim();
            return other?.Allowed is { } choices && otherValue is not null && !choices.Contains(otherValue) ? null : $"solo va cuando foc:{setting} es «{needed}»";
        }
        var values = spec.IsList ? SettingSpec.Values(value) : value.Length == 0 ? [] : [value];
        if (values.Count == 0)
        {
            // An empty optional text is just unset; a setting with values to choose from needs one.
            return spec.Required || spec.IsList || spec.Allowed is not null || spec.Plazos is not null || spec.Check is not null ? $"está vacío{Choices(spec)}" : null;
        }
        if (spec.Allowed is { } allowed && values.FirstOrDefault(v => !allowed.Contains(v)) is { } wrong)
        {
            return $"{Spanish.Quote(wrong)} no es un valor válido{Choices(spec)}";
        }
        if (spec.Plazos is { } plazos && !plazos.Offered.Contains(value) && !facts.NamedPlazos.Contains(value))
        {
            var known = plazos.Offered.Union(facts.NamedPlazos.Order(StringComparer.Ordinal));
            return $"{Spanish.Quote(value)} no es {plazos.Noun}; {plazos.Plural} son: {string.Join(", ", known)}";
        }
        return spec.Check?.Invoke(value, facts);
    }

    private static bool Applies(SettingSpec spec, FlowNode node) =>
        spec.OnlyWhen is not { } condition || node.Settings.GetValueOrDefault(condition.Setting)?.Trim() == condition.Value;

    private static string What(FlowNode node) => node is ServiceTask task ? $"una tarea del manejador «{task.Handler}»" : node.Kind;

    private static string Accepted(IReadOnlyList<SettingSpec> specs)
    {
        var names = specs.Where(s => s.Name != ImportCatalog.HandlerSetting).Select(s => "foc:" + s.Name).ToList();
        return names.Count == 0 ? "este elemento no lleva ajustes" : "los ajustes posibles son: " + string.Join(", ", names);
    }

    private static string Choices(SettingSpec spec) =>
        spec.Allowed is { Count: > 0 } allowed ? $"; {(spec.IsList ? "cada valor es uno de" : "los valores posibles son")}: {string.Join(", ", allowed)}" : "";
}
