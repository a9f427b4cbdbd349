namespace Focalizacion.Documents.Comunas;

/// <summary>A commune of Chile with its Código Único Territorial (<c>Data/comunas-cut.csv</c>).</summary>
/// <param name="Cut">Five-digit CUT ("16103").</param>
/// <param name="Name">Name as SUBDERE writes it ("Chillán Viejo").</param>
/// <param name="ProvinceCut">Three-digit province CUT ("161").</param>
/// <param name="Province">Province name ("Diguillín").</param>
/// <param name="Region">ISO 3166-2:CL suffix of its region ("NB").</param>
public sealed record Commune(string Cut, string Name, string ProvinceCut, string Province, string Region);

/// <summary>What a typed commune turned out to be, within an expected region.</summary>
public abstract record CommuneMatch
{
    private CommuneMatch()
    {
    }

    /// <summary>A commune of the expected region.</summary>
    public sealed record Found(Commune Commune) : CommuneMatch;

    /// <summary>A commune that exists, but in another region.</summary>
    public sealed record OtherRegion(Commune Commune) : CommuneMatch;

    /// <summary>No commune by that name or code; the region's nearest names, if any.</summary>
    public sealed record Unknown(IReadOnlyList<string> Suggestions) : CommuneMatch;
}
