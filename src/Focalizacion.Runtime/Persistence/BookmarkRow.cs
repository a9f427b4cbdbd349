namespace Focalizacion.Runtime.Persistence;

/// <summary>What one token of an instance waits for; rebuilt from the state at every step.</summary>
public sealed class BookmarkRow
{
    public Guid InstanceId { get; set; }

    public required string TokenId { get; set; }

    public required string NodeId { get; set; }

    public required string Kind { get; set; }

    public string? Key { get; set; }
}
