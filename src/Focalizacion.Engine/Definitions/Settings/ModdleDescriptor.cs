using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Focalizacion.Engine.Definitions.Importing;

namespace Focalizacion.Engine.Definitions.Settings;

/// <summary>
/// The bpmn-moddle extension descriptor of our namespace (<c>workflows/focalizacion.moddle.json</c>,
/// what bpmn-js and <c>tools/bpmn-check</c> read), generated from what the importer reads: every
/// setting of the catalog as an attribute of any flow node, and the <c>foc:property</c> element
/// that carries a setting inside <c>extensionElements</c>. A setting added to the catalog is in
/// the descriptor without anyone editing it; the committed file is checked to be this text.
/// </summary>
public static class ModdleDescriptor
{
    /// <summary>The descriptor's name and the prefix our attributes are written with.</summary>
    public const string Name = "Focalizacion";

    public const string Prefix = "foc";

    private const string FlowNode = "bpmn:FlowNode";

    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The descriptor for <paramref name="catalog"/>.</summary>
    public static JsonObject For(ImportCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new JsonObject
        {
            ["name"] = Name,
            ["prefix"] = Prefix,
            ["uri"] = BpmnNamespaces.Focalizacion,
            ["xml"] = new JsonObject { ["tagAlias"] = "lowerCase" },
            ["associations"] = new JsonArray(),
            ["types"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = "FlowNodeSettings",
                    ["extends"] = new JsonArray(FlowNode),
                    ["properties"] = new JsonArray([.. Settings(catalog).Select(s => Attribute(s.Name, s.Description))]),
                },
                new JsonObject
                {
                    ["name"] = char.ToUpperInvariant(SettingsReader.PropertyElement[0]) + SettingsReader.PropertyElement[1..],
                    ["superClass"] = new JsonArray("Element"),
                    ["meta"] = new JsonObject { ["allowedIn"] = new JsonArray(FlowNode) },
                    ["properties"] = new JsonArray(Attribute(SettingsReader.PropertyName, null), Attribute(SettingsReader.PropertyValue, null)),
                }),
            ["enumerations"] = new JsonArray(),
        };
    }

    /// <summary>The descriptor as the committed file holds it: indented, accents as they are, one line end at the end.</summary>
    public static string Text(ImportCatalog catalog) => For(catalog).ToJsonString(Written).ReplaceLineEndings("\n") + "\n";

    /// <summary>Each setting name once, in catalog order (the handler, each handler's, then the other nodes'), with where it goes.</summary>
    private static IEnumerable<(string Name, string Description)> Settings(ImportCatalog catalog)
    {
        var uses = new List<(string Name, string Description, string Where)>
        {
            (ImportCatalog.HandlerSetting, ImportCatalog.HandlerDescription, "tareas de servicio"),
        };
        foreach (var (handler, specs) in catalog.Handlers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            uses.AddRange(specs.Select(s => (s.Name, s.Description, $"tareas {handler}")));
        }
        uses.AddRange(catalog.NodeSettings.Select(s => (s.Spec.Name, s.Spec.Description, NodeKinds.Plural(s.AppliesTo))));
        return uses.GroupBy(u => u.Name, StringComparer.Ordinal).Select(g => (g.Key, string.Join("; ",
            g.GroupBy(u => u.Description, StringComparer.Ordinal).Select(d => $"{d.Key} ({string.Join(", ", d.Select(u => u.Where).Distinct(StringComparer.Ordinal))})"))));
    }

    private static JsonObject Attribute(string name, string? description)
    {
        var attribute = new JsonObject { ["name"] = name, ["isAttr"] = true, ["type"] = "String" };
        if (description is not null)
        {
            attribute["description"] = description;
        }
        return attribute;
    }
}
