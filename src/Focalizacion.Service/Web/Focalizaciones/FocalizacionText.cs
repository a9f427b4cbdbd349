using Focalizacion.Documents.Conformidad;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Persistence;

namespace Focalizacion.Service.Web.Focalizaciones;

/// <summary>How the focalización pages word a version: its stage, its automatic result, its address.</summary>
internal static class FocalizacionText
{
    /// <summary>"Preliminar", "Final".</summary>
    public static string StageTitle(Stage stage) => stage == Stage.Final ? "Final" : "Preliminar";

    /// <summary>"preliminar v1", "final v2".</summary>
    public static string Name(FocalizacionVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return $"{FocalizacionVersions.StageName(version.Stage)} v{version.Number}";
    }

    /// <summary>The automatic result: «cumple», «1 observación», «3 observaciones» (failed requirements; notes do not count).</summary>
    public static string Result(FocalizacionVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var failures = version.Observations.Count(o => o.Kind == ObservationKind.Incumplimiento);
        return failures == 0 ? "cumple" : failures == 1 ? "1 observación" : $"{failures} observaciones";
    }

    /// <summary>The region-year's focalización page.</summary>
    public static string Path(int budgetYear, string region) => $"/ciclos/{budgetYear}/{region}/focalizacion";

    /// <summary>A version's page.</summary>
    public static string Path(FocalizacionVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return $"{Path(version.BudgetYear, version.Region)}/{version.Id}";
    }

    /// <summary>The file name a version's XLSX is downloaded as: «focalizacion-NB-2027-final-v2.xlsx».</summary>
    public static string FileName(string region, int budgetYear, Stage stage, int? number) =>
        $"focalizacion-{region}-{budgetYear}-{FocalizacionVersions.StageName(stage)}{(number is { } n ? $"-v{n}" : "")}.xlsx";
}
