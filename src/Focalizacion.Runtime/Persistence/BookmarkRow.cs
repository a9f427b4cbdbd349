namespace Focalizacion.Runtime.Persistence;

/// <summary>What one token of an instance waits for: a row of the <c>bookmarks</c> view over the instances' state.</summary>
public sealed class BookmarkRow
{
    public Guid InstanceId { get; set; }

    public required string TokenId { get; set; }

    public required string NodeId { get; set; }

    public required string Kind { get; set; }

    public string? Key { get; set; }
}
