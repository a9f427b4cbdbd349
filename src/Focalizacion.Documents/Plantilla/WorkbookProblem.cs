namespace Focalizacion.Documents.Plantilla;

/// <summary>One problem of an uploaded workbook, in Spanish, with the sheet and cell it is in when it has one.</summary>
public sealed record WorkbookProblem(string? Sheet, string? Cell, string Message)
{
    /// <summary>"Focalización!F12: la comuna …", "Focalización: falta …" or, for the file as a whole, the message alone.</summary>
    public override string ToString() => (Sheet, Cell) switch
    {
        (null, _) => Message,
        (_, null) => $"{Sheet}: {Message}",
        _ => $"{Sheet}!{Cell}: {Message}",
    };
}

/// <summary>
/// What reading an upload gave: the focalización when the file has no problem at all, otherwise
/// none and the problems (at most <see cref="WorkbookLimits.MaxProblems"/> listed, the rest counted).
/// </summary>
public sealed record WorkbookReadResult(Focalizaciones.Focalizacion? Focalizacion, IReadOnlyList<WorkbookProblem> Problems, int ProblemsNotListed)
{
    public bool IsValid => Focalizacion is not null;

    internal static WorkbookReadResult Refused(string message) => new(null, [new WorkbookProblem(null, null, message)], 0);
}

/// <summary>The problems of one file, bounded.</summary>
internal sealed class ProblemList(int max)
{
    private readonly List<WorkbookProblem> problems = [];

    public int NotListed { get; private set; }

    public bool Any => problems.Count > 0;

    public void Add(string sheet, string? cell, string message)
    {
        if (problems.Count < max)
        {
            problems.Add(new WorkbookProblem(sheet, cell, message));
        }
        else
        {
            NotListed++;
        }
    }

    public WorkbookReadResult Result(Focalizaciones.Focalizacion? focalizacion) =>
        Any ? new WorkbookReadResult(null, problems, NotListed) : new WorkbookReadResult(focalizacion, [], 0);
}
