using Focalizacion.Access;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
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

namespace Focalizacion.Service.Web.Pages.Ciclos;

/// <summary>
/// One submitted version of a focalización (<c>/ciclos/{anio}/{region}/focalizacion/{id}</c>): its lines,
/// the acta CORE, the automatic observations, the per-line diff with the previous version of its stage
/// and its XLSX (<c>?handler=Xlsx</c>); Sercotec's observations per line on a preliminary
/// (<see cref="FocalizacionActions.SendObservationsAsync"/>) and Sercotec central's review of the latest
/// final (<see cref="FocalizacionActions.ReviewAsync"/>) while the cycle waits for them.
/// </summary>
[Authorize(Policy = nameof(Capability.Leer))]
internal sealed class FocalizacionVersionModel(ApiDatabase database, EngineRuntime engine, IConformityValidator conformity, HolidayCalendar calendar) : PageModel
{
    public Region Region { get; private set; } = null!;

    public int Anio { get; private set; }

    public FocalizacionVersion Version { get; private set; } = null!;

    /// <summary>The previous version of the same stage, if any, and how each line changed since.</summary>
    public FocalizacionVersion? Previous { get; private set; }

    public IReadOnlyList<LineDiff> Diff { get; private set; } = [];

    /// <summary>Sercotec's observations written on this version's lines.</summary>
    public IReadOnlyList<LineObservation> LineObservations { get; private set; } = [];

    /// <summary>The observations' authors, by name.</summary>
    private IReadOnlyDictionary<string, ActorName> authors = new Dictionary<string, ActorName>();

    /// <summary>Who submitted the version, by name.</summary>
    public ActorName Submitter { get; private set; } = null!;

    /// <summary>Who wrote <paramref name="observation"/>, by name.</summary>
    public ActorName AuthorOf(LineObservation observation) => ActorNames.Of(authors, observation.Author);

    /// <summary>Sercotec may write and send its observations on this preliminary now.</summary>
    public bool MayObserve { get; private set; }

    /// <summary>Sercotec central (or the administrator) may review this final now.</summary>
    public bool MayReview { get; private set; }

    public FormErrors Errors { get; } = new();

    /// <summary>What was written in the form, by field, shown again when it was refused.</summary>
    public Dictionary<string, string> Values { get; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(int anio, string region, long id, string? hecho)
    {
        if (!await ShowAsync(anio, region, id))
        {
            return NotFound();
        }
        Notice = hecho switch
        {
            "observaciones" => "Se enviaron las observaciones de Sercotec; el oficio de observaciones las enumera.",
            "revision" => "Se registró la revisión de la focalización final.",
            _ => null,
        };
        return Page();
    }

    /// <summary>This version as the region's template, filled in: what the GORE may correct and upload again.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(int anio, string region, long id) =>
        await ShowAsync(anio, region, id)
            ? File(TemplateWriter.Write(Region.IsoSuffix, Anio, Version.Stage, Version.Content), TemplateWriter.ContentType,
                FocalizacionText.FileName(Region.IsoSuffix, Anio, Version.Stage, Version.Number))
            : NotFound();

    public async Task<IActionResult> OnPostObservacionesAsync(int anio, string region, long id)
    {
        if (!await ShowAsync(anio, region, id))
        {
            return NotFound();
        }
        var observations = new List<(int Line, string Text)>();
        for (var line = 1; line <= Version.Content.Lines.Count; line++)
        {
            var field = ObservationField(line);
            var text = Request.Form[field].ToString().Trim();
            Values[field] = text;
            if (text.Length > 0)
            {
                observations.Add((line, text));
            }
        }
        var outcome = await FocalizacionActions.SendObservationsAsync(
            Caller.Of(HttpContext), Caller.Actor(HttpContext), Version, observations, database, engine, conformity, HttpContext.RequestAborted);
        return Answer(outcome, "observaciones");
    }

    public async Task<IActionResult> OnPostRevisionAsync(int anio, string region, long id, string? conforme, string? motivo)
    {
        if (!await ShowAsync(anio, region, id))
        {
            return NotFound();
        }
        (Values["conforme"], Values["motivo"]) = (conforme ?? "", motivo ?? "");
        if (conforme is not ("si" or "no"))
        {
            Errors.Add("conforme", "indique si la focalización final es conforme");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (Version.Stage != Stage.Final)
        {
            return NotFound();
        }
        var outcome = await FocalizacionActions.ReviewAsync(
            Caller.Of(HttpContext), Caller.Actor(HttpContext), Version, conforme == "si", motivo, engine, conformity, HttpContext.RequestAborted);
        return Answer(outcome, "revision");
    }

    /// <summary>The form field of the observation on line <paramref name="line"/> (1-based), as the recorder names it.</summary>
    public static string ObservationField(int line) => $"observacion-{line}";

    /// <summary>"Línea 2: Crece — «Ferias costeras»", naming the line a field or an observation is about.</summary>
    public string LineLabel(int line)
    {
        var written = Version.Content.Lines[line - 1];
        return $"Línea {line}: {written.Instrument}{(written.Action.Length > 0 ? $" — «{written.Action}»" : "")}";
    }

    private IActionResult Answer(ActionOutcome outcome, string done)
    {
        if (outcome.Done)
        {
            return Redirect($"{FocalizacionText.Path(Version)}?hecho={done}");
        }
        if (outcome.Status == ActionStatus.Forbidden)
        {
            return Forbid();
        }
        var (field, detail) = outcome.Problem;
        Errors.Add(field.StartsWith("datos.", StringComparison.Ordinal) ? field["datos.".Length..] : field == "cuerpo" ? "formulario" : field, detail);
        Response.StatusCode = outcome.Status == ActionStatus.BadInput ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<bool> ShowAsync(int anio, string region, long id)
    {
        if (CicloModel.VisibleRegion(HttpContext, anio, region) is not { } found)
        {
            return false;
        }
        (Region, Anio) = (found, anio);
        var caller = Caller.Of(HttpContext);
        var reading = await FocalizacionReading.ReadAsync(database, calendar, caller, found, anio, HttpContext.RequestAborted);
        if (reading.Versions.FirstOrDefault(v => v.Id == id) is not { } version)
        {
            return false;
        }
        Version = version;
        Submitter = reading.SubmitterOf(version);
        Previous = reading.Versions.FirstOrDefault(v => v.Stage == version.Stage && v.Number == version.Number - 1);
        Diff = Previous is null ? [] : FocalizacionDiff.Compare(Previous.Content, version.Content);
        LineObservations = await database.ReadAsync(caller, () => database.Focalizaciones.ObservationsAsync(id, HttpContext.RequestAborted), HttpContext.RequestAborted);
        authors = await ActorNames.ReadAsync(database, LineObservations.Select(o => o.Author), HttpContext.RequestAborted);
        var latest = reading.Versions.Last(v => v.Stage == version.Stage).Id == version.Id;
        MayObserve = latest && version.Stage == Stage.Preliminar && caller.May(Capability.RegistrarEventosSercotec) && reading.Awaits(CycleEvent.ObservacionesEnviadas);
        MayReview = latest && version.Stage == Stage.Final && caller.May(Capability.RevisarFocalizacion) && reading.Awaits(CycleEvent.RevisionRegistrada);
        return true;
    }
}
