namespace Focalizacion.Documents.Plantilla;

/// <summary>
/// The bounds an uploaded workbook must keep, in one place: the reader refuses what exceeds them with
/// a Spanish message, before parsing whenever the package's own directory tells.
/// </summary>
/// <param name="MaxBytes">Size of the uploaded file.</param>
/// <param name="MaxEntries">Parts (zip entries) in the package; a template has about a dozen.</param>
/// <param name="MaxUncompressedBytes">Sum of the parts' uncompressed sizes, declared and actual (a zip bomb exceeds it).</param>
/// <param name="MaxLines">Data rows of the «Focalización» sheet.</param>
/// <param name="MaxTerritories">Rows of the «Territorios» sheet.</param>
/// <param name="MaxCellText">Characters in one cell.</param>
/// <param name="MaxSharedStrings">Entries of the shared strings table.</param>
/// <param name="MaxProblems">Problems listed for one file; the rest are counted.</param>
public sealed record WorkbookLimits(
    long MaxBytes,
    int MaxEntries,
    long MaxUncompressedBytes,
    int MaxLines,
    int MaxTerritories,
    int MaxCellText,
    int MaxSharedStrings,
    int MaxProblems)
{
    /// <summary>20 MB, 200 parts, 200 MB uncompressed, 5,000 lines, 200 territories, 4,000 characters a cell, 200,000 shared strings, 200 problems.</summary>
    public static WorkbookLimits Default { get; } = new(
        MaxBytes: 20 * 1024 * 1024,
        MaxEntries: 200,
        MaxUncompressedBytes: 200L * 1024 * 1024,
        MaxLines: 5_000,
        MaxTerritories: 200,
        MaxCellText: 4_000,
        MaxSharedStrings: 200_000,
        MaxProblems: 200);
}
