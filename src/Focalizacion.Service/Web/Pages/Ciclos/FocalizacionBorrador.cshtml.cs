using System.Globalization;
using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Cycle.Events;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Persistence;
using Focalizacion.Documents.Plantilla;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Focalizacion.Service.Web.Focalizaciones;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Focalizacion.Service.Web.Pages.Ciclos;

/// <summary>
/// The GORE's web form of a focalización (<c>/ciclos/{anio}/{region}/focalizacion/borrador?etapa=…</c>):
/// the same fields as the template's columns, line by line, with the territory model and, for a final,
/// the acta CORE. «Guardar borrador» keeps it as it is, incomplete or not (<see cref="FocalizacionDrafts"/>);
/// «Enviar» checks it with the template's own rules (<see cref="DraftReader"/>) and, when it has no
/// problem, submits it as the workbook it amounts to through <see cref="FocalizacionActions.SubmitAsync"/>,
/// the path of an upload; otherwise each problem is shown at its field and nothing is stored.
/// </summary>
/// <remarks>
/// Only a GORE records its region's focalización, so only its role reaches the page (403 for the
/// others, whatever the region); another region is "no encontrado", as on the cycle's pages.
/// </remarks>
[Authorize(Policy = nameof(Capability.RegistrarEventosGore))]
[RequestSizeLimit(FocalizacionModel.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = FocalizacionModel.MaxRequestBytes, ValueCountLimit = MaxFormValues)]
internal sealed class FocalizacionBorradorModel(
    ApiDatabase database, EngineRuntime engine, IConformityValidator conformity, HolidayCalendar calendar) : PageModel
{
    /// <summary>The form's values: every line's columns, a commune or sector per chosen option, the territories.</summary>
    private const int MaxFormValues = 100_000;

    /// <summary>The columns whose field chooses several values (communes, sectors), joined as a cell writes them.</summary>
    public static readonly IReadOnlySet<string> SeveralValues = new HashSet<string>(StringComparer.Ordinal) { "F", "G" };

    public Region Region { get; private set; } = null!;

    public int Anio { get; private set; }

    public Stage Stage { get; private set; }

    public FocalizacionDraft Draft { get; private set; } = FocalizacionDraft.Empty;

    /// <summary>The acta's PDF the form already has (the draft's, or one archived for the region and year); null when none.</summary>
    public AttachedActa? Acta { get; private set; }

    /// <summary>The version a new draft started from (the last one submitted of the stage, after an ajuste); null otherwise.</summary>
    public FocalizacionVersion? StartedFrom { get; private set; }

    /// <summary>Who saved the draft last, and when; null before the first save.</summary>
    public (ActorName By, Instant At)? Saved { get; private set; }

    public FormErrors Errors { get; } = new();

    public string? Notice { get; private set; }

    public string Etapa => FocalizacionVersions.StageName(Stage);

    public async Task<IActionResult> OnGetAsync(int anio, string region, string? etapa, bool guardado)
    {
        if (!Choose(anio, region, etapa))
        {
            return NotFound();
        }
        var caller = Caller.Of(HttpContext);
        var saved = await database.ReadAsync(caller, () => database.Borradores.FindAsync(Region.IsoSuffix, Anio, Stage, HttpContext.RequestAborted), HttpContext.RequestAborted);
        Draft = saved?.Draft ?? Initial();
        Acta = DraftActa(saved);
        if (saved is null)
        {
            // A new version (after an ajuste) starts from the last one, acta included, to be corrected rather than typed again.
            (StartedFrom, var lastActa) = await database.ReadAsync(caller, async () =>
                await database.Focalizaciones.LatestAsync(Region.IsoSuffix, Anio, Stage, HttpContext.RequestAborted) is { } last
                    ? (last, last.ActaId is { } acta ? await database.Archive.FindAsync(acta, HttpContext.RequestAborted) : null)
                    : ((FocalizacionVersion?)null, (ArchivedDocument?)null), HttpContext.RequestAborted);
            if (StartedFrom is not null)
            {
                Draft = DraftReader.DraftOf(StartedFrom.Content);
                Acta = lastActa is null ? null : AttachedActa.Of(lastActa);
            }
        }
        await SavedByAsync(saved);
        if (guardado && saved is not null)
        {
            Notice = $"Se guardó el borrador de la focalización {Etapa}. Puede volver a completarlo cuando quiera; no se envía hasta que elija «Enviar».";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int anio, string region, string? etapa)
    {
        if (!Choose(anio, region, etapa))
        {
            return NotFound();
        }
        var form = Request.Form;
        Draft = Read(form);
        var action = form["accion"].ToString();
        var acta = Stage == Stage.Final ? form.Files.GetFile("acta") : null;
        var caller = Caller.Of(HttpContext);
        // The acta archived at a refused attempt (or the last version's) stands until another file replaces it.
        ArchivedDocument? kept = null;
        if (Stage == Stage.Final && acta is not { Length: > 0 })
        {
            (kept, var keptError) = await AttachedActa.FromFormAsync(form, caller, Anio, Region.IsoSuffix, database, HttpContext.RequestAborted);
            if (keptError is not null)
            {
                Errors.Add("acta", keptError);
            }
        }
        foreach (var (field, text) in Fields(Draft).Where(f => f.Text.Length > WorkbookLimits.Default.MaxCellText))
        {
            Errors.Add(field, $"El texto tiene {LineText.Whole(text.Length)} caracteres; el máximo es {LineText.Whole(WorkbookLimits.Default.MaxCellText)}.");
        }
        if (acta is { Length: > FocalizacionModel.MaxFileBytes })
        {
            Errors.Add("acta", $"«{acta.FileName}» pesa {acta.Length / (1024 * 1024)} MB; el máximo es {FocalizacionModel.MaxFileBytes / (1024 * 1024)} MB");
        }
        var saved = await database.ReadAsync(caller, () => database.Borradores.FindAsync(Region.IsoSuffix, Anio, Stage, HttpContext.RequestAborted), HttpContext.RequestAborted);
        Acta = kept is not null ? AttachedActa.Of(kept) : DraftActa(saved);
        await SavedByAsync(saved);
        (string Name, byte[] Pdf)? uploaded = null;
        if (acta is { Length: > 0 and <= FocalizacionModel.MaxFileBytes })
        {
            using var copy = new MemoryStream();
            await acta.CopyToAsync(copy, HttpContext.RequestAborted);
            uploaded = (acta.FileName, copy.ToArray());
        }
        if (Errors.Count > 0)
        {
            await KeepAsync(caller, uploaded);
            return Refused(StatusCodes.Status400BadRequest);
        }
        if (action == "enviar")
        {
            var submitted = await SubmitAsync(caller, uploaded ?? (kept is null && saved is { ActaName: { } name, ActaPdf: { } pdf } ? (name, pdf) : null), kept);
            if (submitted is PageResult)
            {
                await KeepAsync(caller, uploaded);
            }
            return submitted;
        }
        Draft = Edited(action);
        if (uploaded is null && kept is not null)
        {
            // Saved as a draft, the archived acta rides along with it, as an upload would.
            var pdf = await database.ReadAsync(caller, () => database.Archive.ReadContentAsync(kept.Id, HttpContext.RequestAborted), HttpContext.RequestAborted);
            uploaded = pdf is null ? null : (kept.Name, pdf);
        }
        await database.WriteAsync(caller, async () =>
        {
            await database.Borradores.SaveAsync(Region.IsoSuffix, Anio, Stage, Draft, uploaded is { } given ? (FocalizacionActions.FileName(given.Name, "acta-core.pdf"), given.Pdf) : null, Caller.Actor(HttpContext), HttpContext.RequestAborted);
            return true;
        }, HttpContext.RequestAborted);
        var anchor = action.StartsWith("agregar-linea", StringComparison.Ordinal) ? $"#linea-{Draft.Lines.Count - 1}" : "";
        return Redirect($"{Path(Anio, Region.IsoSuffix, Stage)}&guardado=true{anchor}");
    }

    /// <summary>The form's address for a region, year and stage.</summary>
    public static string Path(int anio, string region, Stage stage) =>
        $"{FocalizacionText.Path(anio, region)}/borrador?etapa={FocalizacionVersions.StageName(stage)}";

    /// <summary>The field name of line <paramref name="line"/>'s column <paramref name="column"/>.</summary>
    public static string LineField(int line, string column) => $"l{line}-{column}";

    public static string TerritoryField(int territory, string column) => $"t{territory}-{(column == "A" ? "nombre" : "comunas")}";

    /// <summary>How the form labels a line's column: the template's field names, its two territory columns told apart.</summary>
    public static string ColumnLabel(string column) => column switch
    {
        "D" => "Focaliza",
        "E" => "Territorio",
        "F" => "Comunas",
        _ => LineFields.Label(DraftReader.Columns.First(c => c.Letter == column).Field),
    };

    /// <summary>The field an error is at, as the list of errors names it ("Línea 2 (Crece), Presupuesto ($)"); null for the document as a whole.</summary>
    public string? Describe(string field)
    {
        var parts = field.Split('-', 2);
        if (parts is [['l', .. var line], var column] && int.TryParse(line, CultureInfo.InvariantCulture, out var l))
        {
            var instrument = Draft.Cell(l, "A");
            return $"Línea {l + 1}{(instrument.Length > 0 ? $" ({instrument})" : "")}, {ColumnLabel(column)}";
        }
        if (parts is [['t', .. var territory], var part] && int.TryParse(territory, CultureInfo.InvariantCulture, out var t))
        {
            return $"Territorio {t + 1}, {(part == "nombre" ? "nombre" : "comunas")}";
        }
        return field switch
        {
            "acta-numero" => "Número del acta o acuerdo CORE",
            "acta-fecha" => "Fecha de la sesión del CORE",
            "acta" => "Acta CORE (PDF)",
            _ => null,
        };
    }

    /// <summary>
    /// The acta uploaded with a request the form refused, archived (<see cref="FocalizacionActions.KeepActaAsync"/>) so
    /// that the form carries it and the next attempt needs no file; its problem at its field when it is no PDF.
    /// </summary>
    private async Task KeepAsync(User caller, (string Name, byte[] Pdf)? uploaded)
    {
        if (uploaded is not { } fresh)
        {
            return;
        }
        await using var content = new MemoryStream(fresh.Pdf);
        var (archived, problem) = await FocalizacionActions.KeepActaAsync(
            caller, Caller.Actor(HttpContext), Anio, Region.IsoSuffix, new UploadedFile(fresh.Name, content), database, HttpContext.RequestAborted);
        if (archived is not null)
        {
            Acta = AttachedActa.Of(archived);
        }
        else
        {
            Errors.Add(problem!);
        }
    }

    /// <summary>Submits the draft with <paramref name="acta"/> uploaded (this request's, or the draft's copy), else <paramref name="kept"/> from the archive.</summary>
    private async Task<IActionResult> SubmitAsync(User caller, (string Name, byte[] Pdf)? acta, ArchivedDocument? kept)
    {
        if (FocalizacionActions.Admits(caller, Anio, Region.IsoSuffix, Stage) is { } refused)
        {
            return refused.Status == ActionStatus.Forbidden ? Forbid() : NotFound();
        }
        var read = DraftReader.Read(Draft, Region.IsoSuffix, Anio, Stage);
        if (read.Focalizacion is not { } content)
        {
            foreach (var problem in read.Problems)
            {
                AddProblem(problem);
            }
            if (read.ProblemsNotListed > 0)
            {
                Errors.Add("formulario-mas", $"y {WebText.Count(read.ProblemsNotListed)} problemas más");
            }
            return Refused(StatusCodes.Status400BadRequest);
        }
        await using var workbook = new MemoryStream(TemplateWriter.Write(Region.IsoSuffix, Anio, Stage, content));
        await using var actaStream = acta is { } given ? new MemoryStream(given.Pdf) : null;
        var outcome = await FocalizacionActions.SubmitAsync(caller, Caller.Actor(HttpContext), Anio, Region.IsoSuffix, Stage,
            new UploadedFile(FocalizacionText.FileName(Region.IsoSuffix, Anio, Stage, null), workbook), acta is { } a ? new UploadedFile(a.Name, actaStream!) : null,
            database, engine, calendar, conformity, HttpContext.RequestAborted, kept);
        if (outcome.Version is { } version)
        {
            await database.WriteAsync(caller, async () =>
            {
                await database.Borradores.DeleteAsync(Region.IsoSuffix, Anio, Stage, HttpContext.RequestAborted);
                return true;
            }, HttpContext.RequestAborted);
        }
        if (outcome.Outcome.Done)
        {
            return Redirect($"{FocalizacionText.Path(Anio, Region.IsoSuffix)}?enviada={outcome.Version!.Id}");
        }
        foreach (var problem in outcome.Problems)
        {
            AddProblem(problem);
        }
        Errors.Add(outcome.Outcome.Message!);
        return Refused(outcome.Outcome.Status is ActionStatus.BadInput ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict);
    }

    /// <summary>A problem of the draft at its field; one of the document as a whole in the list above the form.</summary>
    private void AddProblem(WorkbookProblem problem)
    {
        var place = DraftReader.PlaceOf(problem);
        var field = place switch
        {
            { Part: DraftPart.Line, Column: { } column } => LineField(place.Index, column),
            { Part: DraftPart.Territory, Column: { } column } => TerritoryField(place.Index, column),
            { Part: DraftPart.Acta, Column: { } column } => $"acta-{column}",
            _ => $"formulario-{Errors.Count}",
        };
        var message = Capitalized(problem.Message);
        Errors.Add(field, Errors.Of(field) is { } before ? $"{before} {message}" : message);
    }

    /// <summary>The problem as a sentence of its own: capitalized and ending in a period.</summary>
    private static string Capitalized(string message) =>
        message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') || message.EndsWith('?') ? "" : ".");

    /// <summary>A new draft: one line per transferred instrument, to be filled in (or marked «No»).</summary>
    private static FocalizacionDraft Initial() =>
        new("", "", [.. Instruments.All.Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>(StringComparer.Ordinal) { ["A"] = i })], []);

    /// <summary>Every field of <paramref name="draft"/> with its text.</summary>
    private static IEnumerable<(string Field, string Text)> Fields(FocalizacionDraft draft) =>
        draft.Lines.SelectMany((cells, i) => cells.Select(c => (LineField(i, c.Key), c.Value)))
            .Concat(draft.Territories.SelectMany((t, i) => new[] { (TerritoryField(i, "A"), t.Name), (TerritoryField(i, "B"), t.Communes) }))
            .Append(("acta-numero", draft.ActaNumber)).Append(("acta-fecha", draft.ActaDate));

    /// <summary>The draft as the form sent it, within the form's bounds.</summary>
    private static FocalizacionDraft Read(IFormCollection form)
    {
        static int Count(IFormCollection form, string name, int max) =>
            int.TryParse(form[name], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 0, max) : 0;
        string Value(string name) => string.Join(LineText.Separator, form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()));
        var lines = new List<IReadOnlyDictionary<string, string>>();
        for (var i = 0; i < Count(form, "lineas", FocalizacionDraft.MaxLines); i++)
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (letter, _) in DraftReader.Columns)
            {
                if (Value(LineField(i, letter)) is { Length: > 0 } text)
                {
                    cells[letter] = text;
                }
            }
            lines.Add(cells);
        }
        var territories = new List<DraftTerritory>();
        for (var i = 0; i < Count(form, "territorios", FocalizacionDraft.MaxTerritories); i++)
        {
            territories.Add(new DraftTerritory(Value(TerritoryField(i, "A")), Value(TerritoryField(i, "B"))));
        }
        return new FocalizacionDraft(Value("acta-numero"), Value("acta-fecha"), lines, territories);
    }

    /// <summary>The draft after the button pressed: a line or territory added or removed; as it is for «Guardar borrador».</summary>
    private FocalizacionDraft Edited(string action)
    {
        static int? Index(string action, string prefix) =>
            action.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(action.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
        var lines = Draft.Lines.ToList();
        var territories = Draft.Territories.ToList();
        if (action == "agregar-linea" && lines.Count < FocalizacionDraft.MaxLines)
        {
            lines.Add(new Dictionary<string, string>(StringComparer.Ordinal));
        }
        else if (Index(action, "quitar-linea-") is { } line && line < lines.Count)
        {
            lines.RemoveAt(line);
        }
        else if (action == "agregar-territorio" && territories.Count < FocalizacionDraft.MaxTerritories)
        {
            territories.Add(new DraftTerritory("", ""));
        }
        else if (Index(action, "quitar-territorio-") is { } territory && territory < territories.Count)
        {
            territories.RemoveAt(territory);
        }
        return Draft with { Lines = lines, Territories = territories };
    }

    private bool Choose(int anio, string region, string? etapa)
    {
        if (CicloModel.VisibleRegion(HttpContext, anio, region) is not { } found || FocalizacionVersions.StageOf(etapa) is not { } stage)
        {
            return false;
        }
        (Region, Anio, Stage) = (found, anio, stage);
        return true;
    }

    /// <summary>The acta saved with <paramref name="saved"/>, when it has one.</summary>
    private static AttachedActa? DraftActa(SavedDraft? saved) =>
        saved is { ActaName: { } name, ActaPdf: { } pdf } ? new AttachedActa(name, pdf.Length, null) : null;

    private async Task SavedByAsync(SavedDraft? saved)
    {
        if (saved is not null)
        {
            var names = await ActorNames.ReadAsync(database, [saved.SavedBy], HttpContext.RequestAborted);
            Saved = (ActorNames.Of(names, saved.SavedBy), saved.SavedAt);
        }
    }

    private PageResult Refused(int status)
    {
        Response.StatusCode = status;
        return Page();
    }
}
