using Focalizacion.Runtime;
using Focalizacion.Runtime.Definitions;
using Focalizacion.Runtime.Persistence;

namespace Focalizacion.Cycle.Workflow;

/// <summary>
/// The Decreto 246 cycle as the service ships it: <c>workflows/ciclo-focalizacion-regional.bpmn</c>,
/// embedded at build time so the running service and the simulation use the file in the repository.
/// </summary>
public static class ShippedWorkflow
{
    /// <summary>The BPMN process id: instances of the cycle start from its newest published version.</summary>
    public const string ProcessKey = "ciclo-focalizacion-regional";

    private const string ResourceSuffix = "ciclo-focalizacion-regional.bpmn";

    /// <summary>The shipped BPMN file's bytes, exactly as in the repository.</summary>
    public static ReadOnlyMemory<byte> Bpmn { get; } = Read();

    /// <summary>
    /// Publishes the shipped file as a new version unless the newest published version already is
    /// exactly this file, byte for byte (so restarting the service never piles up versions); returns the version in
    /// force and whether this call published it.
    /// </summary>
    /// <remarks>An admin's newer edit published from the designer is left alone only if it is identical;
    /// a different shipped file is a new release and becomes the next version. Running instances keep theirs.</remarks>
    public static async Task<(int Version, bool Published)> PublishAsync(Store store, DefinitionStore definitions, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(definitions);
        await using (var db = store.Open())
        {
            var latest = await DefinitionStore.LatestPublishedOrNullAsync(db, ProcessKey, cancellationToken);
            if (latest is not null && Bpmn.Span.SequenceEqual(latest.BpmnXml))
            {
                return (latest.Version!.Value, false);
            }
        }
        var (draft, result) = await definitions.ImportAsync(Bpmn.ToArray(), actor, cancellationToken);
        if (draft is null)
        {
            throw new InvalidOperationException("The shipped workflow does not import: " + string.Join("; ", result.Problems));
        }
        var published = await definitions.PublishAsync(draft.Id, actor, cancellationToken);
        return (published.Version!.Value, true);
    }

    private static byte[] Read()
    {
        var assembly = typeof(ShippedWorkflow).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
