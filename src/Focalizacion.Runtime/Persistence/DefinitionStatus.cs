namespace Focalizacion.Runtime.Persistence;

/// <summary>A stored definition's life cycle: edited as a draft, published as a numbered version, retired from new starts.</summary>
public enum DefinitionStatus
{
    Draft,
    Published,
    Retired,
}
