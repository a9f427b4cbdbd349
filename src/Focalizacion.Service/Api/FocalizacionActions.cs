using System.Text.Json.Nodes;
using Focalizacion.Access.Users;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Archivo;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Documents.Conformidad;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Documents.Persistence;
using Focalizacion.Documents.Plantilla;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Instances;
using Focalizacion.Service.Access;

namespace Focalizacion.Service.Api;

/// <summary>What submitting a focalización did: the action's outcome, the workbook's problems (by sheet and cell) when it had any, the version stored.</summary>
internal sealed record SubmissionOutcome(ActionOutcome Outcome, IReadOnlyList<WorkbookProblem> Problems, int ProblemsNotListed, FocalizacionVersion? Version)
{
    public static SubmissionOutcome Refused(ActionOutcome outcome) => new(outcome, [], 0, null);
}

/// <summary>An uploaded file: its name as the browser sent it and its content, read once.</summary>
internal sealed record UploadedFile(string Name, Stream Content);

/// <summary>
/// The one home of what the pages (and the API) do with a focalización as a document: a GORE submits
/// a workbook (and, with a final, the acta CORE's PDF), which is read, checked, archived and stored
/// as the next version before its cycle event is recorded through <see cref="CycleActions.RecordAsync"/>
/// (the submission's moment is the receipt); Sercotec writes observations per line of a preliminary
/// and sends them; Sercotec central reviews a final.
/// </summary>
internal static class FocalizacionActions
{
    /// <summary>The first bytes of every PDF file.</summary>
    private static readonly byte[] PdfSignature = "%PDF-"u8.ToArray();

    /// <summary>The cycle event a submission of <paramref name="stage"/> records.</summary>
    public static string EventOf(Stage stage) => stage == Stage.Final ? CycleEvent.FinalRecibida : CycleEvent.PreliminarRecibida;

    /// <summary>
    /// Whether <paramref name="caller"/> may submit a focalización of <paramref name="stage"/> for the
    /// region and year at all; null when so. Checked before the upload is read.
    /// </summary>
    public static ActionOutcome? Admits(User caller, int budgetYear, string regionCode, Stage stage)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (CycleActions.Admits(caller, budgetYear, regionCode) is { } refused)
        {
            return refused;
        }
        return caller.May(CycleEvent.Find(EventOf(stage))!.RecordedWith) ? null
            : ActionOutcome.Refused(ActionStatus.Forbidden, $"planilla: su rol ({caller.Role.Name}) no envía la focalización; la envía el GORE");
    }

    /// <summary>
    /// Submits <paramref name="workbook"/> as <paramref name="caller"/>'s focalización of <paramref name="stage"/>:
    /// refused, with nothing stored, when the caller may not, the cycle does not wait for it or the workbook has problems.
    /// A final's acta CORE is <paramref name="acta"/> as uploaded, or <paramref name="keptActa"/>, one the archive already
    /// holds for the region and year (<see cref="KeptActaAsync"/>), which the version then references as it is.
    /// </summary>
    public static async Task<SubmissionOutcome> SubmitAsync(
        User caller, Actor actor, int budgetYear, string regionCode, Stage stage, UploadedFile workbook, UploadedFile? acta,
        ApiDatabase database, EngineRuntime engine, HolidayCalendar calendar, IConformityValidator conformity, CancellationToken cancellationToken,
        ArchivedDocument? keptActa = null)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        if (Admits(caller, budgetYear, regionCode, stage) is { } refused)
        {
            return SubmissionOutcome.Refused(refused);
        }
        var cycleEvent = CycleEvent.Find(EventOf(stage))!;
        var region = RegionRegistry.Find(regionCode)!;
        var (awaited, amounts) = await database.ReadAsync(caller, async () =>
        {
            var standing = await new CycleStandings(database.Runtime, calendar).ReadAsync(region, budgetYear, cancellationToken);
            var awaited = await CycleActions.AwaitedAsync(database.Runtime, standing, cancellationToken);
            var state = standing.InstanceId is { } id ? await database.Runtime.Instances.StateAsync(id, cancellationToken) : null;
            return (awaited, state is null ? null : CycleVariables.From(state.Variables).Amounts);
        }, cancellationToken);
        if (!awaited.Contains(cycleEvent))
        {
            return SubmissionOutcome.Refused(ActionOutcome.Refused(ActionStatus.Conflict,
                $"el ciclo de la región {region.IsoSuffix} del año presupuestario {budgetYear} no espera ahora la focalización {FocalizacionVersions.StageName(stage)}; espera: {(awaited.Count == 0 ? "nada" : string.Join(", ", awaited.Select(e => e.Description)))}"));
        }
        var read = WorkbookReader.Read(workbook.Content, region.IsoSuffix, budgetYear, stage);
        if (read.Focalizacion is not { } content)
        {
            return new SubmissionOutcome(ActionOutcome.Refused(ActionStatus.BadInput, $"planilla: la planilla tiene {read.Problems.Count + read.ProblemsNotListed} problemas y no se guardó"),
                read.Problems, read.ProblemsNotListed, null);
        }
        if (acta is not null && await ActaProblemAsync(acta) is { } actaProblem)
        {
            return SubmissionOutcome.Refused(ActionOutcome.Refused(ActionStatus.BadInput, actaProblem));
        }
        var reference = amounts is { Count: > 0 } ? amounts.ToDictionary(a => a.Instrument, a => (long)a.Amount) : null;
        var observations = ConformityCheck.Check(content, reference, acta is not null || keptActa is not null);
        var version = await database.WriteAsync(caller, async () =>
        {
            workbook.Content.Position = 0;
            var stored = await database.Archive.StoreAsync(
                new NewDocument(region.IsoSuffix, budgetYear, DocumentTypes.PlanillaFocalizacion, FileName(workbook.Name, "focalizacion.xlsx"), TemplateWriter.ContentType),
                actor, workbook.Content, cancellationToken);
            var actaId = keptActa?.Id;
            if (acta is not null)
            {
                acta.Content.Position = 0;
                actaId = (await database.Archive.StoreAsync(
                    new NewDocument(region.IsoSuffix, budgetYear, DocumentTypes.ActaCore, FileName(acta.Name, "acta-core.pdf"), "application/pdf"),
                    actor, acta.Content, cancellationToken)).Id;
            }
            return await database.Focalizaciones.SubmitAsync(content, observations, stored.Id, actaId, actor, cancellationToken);
        }, cancellationToken);
        var recorded = await CycleActions.RecordAsync(caller, actor, budgetYear, region.IsoSuffix,
            new CiclosApi.EventBody(cycleEvent.Name, null, new JsonObject { [DeclaredConformity.DocumentField] = version.Id }), engine, conformity, [], cancellationToken);
        return new SubmissionOutcome(recorded.Done ? recorded : ActionOutcome.Refused(recorded.Status,
            $"se guardó la versión {version.Number}, pero el ciclo no la recibió: {recorded.Message}"), [], 0, version);
    }

    /// <summary>
    /// Keeps the acta CORE a GORE uploaded with a final the form refused: archived now as an upload of the
    /// region and year (<see cref="DocumentTypes.ActaCore"/>), so that the next attempt references it
    /// (<see cref="KeptActaAsync"/>) instead of asking for the file again; a Spanish reason, with nothing
    /// stored, when it is not a PDF the archive keeps.
    /// </summary>
    public static async Task<(ArchivedDocument? Kept, string? Problem)> KeepActaAsync(
        User caller, Actor actor, int budgetYear, string regionCode, UploadedFile acta, ApiDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acta);
        ArgumentNullException.ThrowIfNull(database);
        if (await ActaProblemAsync(acta) is { } problem)
        {
            return (null, problem);
        }
        acta.Content.Position = 0;
        var kept = await database.WriteAsync(caller, () => database.Archive.StoreAsync(
            new NewDocument(regionCode, budgetYear, DocumentTypes.ActaCore, FileName(acta.Name, "acta-core.pdf"), "application/pdf"), actor, acta.Content, cancellationToken),
            cancellationToken);
        return (kept, null);
    }

    /// <summary>
    /// The archived acta CORE <paramref name="id"/> when <paramref name="caller"/> sees it and it is one of the
    /// region's for the budget year (kept by <see cref="KeepActaAsync"/>, or a version's); null otherwise, so that
    /// a form cannot reference another region's upload, nor another year's, nor a document that is no acta.
    /// </summary>
    public static Task<ArchivedDocument?> KeptActaAsync(User caller, int budgetYear, string regionCode, long id, ApiDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ReadAsync(caller, async () =>
            await database.Archive.FindAsync(id, cancellationToken) is { Type: DocumentTypes.ActaCore } found && found.Region == regionCode && found.BudgetYear == budgetYear
                ? found
                : null, cancellationToken);
    }

    /// <summary>
    /// Stores Sercotec's observations on lines of preliminary <paramref name="version"/> and sends them
    /// (the observaciones event, whose oficio lists them, each naming its line).
    /// </summary>
    public static async Task<ActionOutcome> SendObservationsAsync(
        User caller, Actor actor, FocalizacionVersion version, IReadOnlyList<(int Line, string Text)> observations,
        ApiDatabase database, EngineRuntime engine, IConformityValidator conformity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var cycleEvent = CycleEvent.Find(CycleEvent.ObservacionesEnviadas)!;
        if (!caller.May(cycleEvent.RecordedWith))
        {
            return ActionOutcome.Refused(ActionStatus.Forbidden, $"observaciones: su rol ({caller.Role.Name}) no envía las observaciones de Sercotec");
        }
        if (version.Stage != Stage.Preliminar)
        {
            return ActionOutcome.Refused(ActionStatus.BadInput, "observaciones: se escriben sobre una focalización preliminar");
        }
        if (observations.Count > EventField.MaxObservations)
        {
            return ActionOutcome.Refused(ActionStatus.BadInput, $"observaciones: son {observations.Count}; el máximo es {EventField.MaxObservations}");
        }
        var lines = version.Content.Lines;
        foreach (var (line, text) in observations)
        {
            if (line < 1 || line > lines.Count)
            {
                return ActionOutcome.Refused(ActionStatus.BadInput, $"observaciones: la línea {line} no existe; la versión tiene {lines.Count}");
            }
            if (text.Length > EventField.MaxObservation)
            {
                return ActionOutcome.Refused(ActionStatus.BadInput, $"observacion-{line}: tiene {text.Length} caracteres; el máximo es {EventField.MaxObservation}");
            }
        }
        var data = new JsonObject
        {
            [CycleVariables.ObservationsName] = new JsonArray([.. observations.Select(o => (JsonNode)LineObservationText(version, o.Line, o.Text))]),
        };
        // The per-line rows commit with the event: both are kept, or neither.
        StepSideWrite[] alongside = observations.Count == 0 ? [] : [database.Focalizaciones.ObservationsWrite(version, observations, actor)];
        return await CycleActions.RecordAsync(caller, actor, version.BudgetYear, version.Region,
            new CiclosApi.EventBody(cycleEvent.Name, null, data), engine, conformity, alongside, cancellationToken);
    }

    /// <summary>Sercotec central's review of the latest final: the verdict, and why when it departs from the automatic one.</summary>
    public static Task<ActionOutcome> ReviewAsync(
        User caller, Actor actor, FocalizacionVersion version, bool conforme, string? motivo,
        EngineRuntime engine, IConformityValidator conformity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var data = new JsonObject();
        if (!string.IsNullOrWhiteSpace(motivo))
        {
            data[DeclaredConformity.ReasonField] = motivo.Trim();
        }
        return CycleActions.RecordAsync(caller, actor, version.BudgetYear, version.Region,
            new CiclosApi.EventBody(CycleEvent.RevisionRegistrada, conforme, data), engine, conformity, [], cancellationToken);
    }

    /// <summary>How an observation on a line reads in the oficio: «Línea 3 (Crece, «Ferias»): …».</summary>
    public static string LineObservationText(FocalizacionVersion version, int line, string text)
    {
        ArgumentNullException.ThrowIfNull(version);
        var written = version.Content.Lines[line - 1];
        var action = written.Action.Length > 0 ? $", «{written.Action}»" : "";
        return $"Línea {line} ({written.Instrument}{action}): {text}";
    }

    /// <summary>Why <paramref name="acta"/> is not a PDF the archive keeps, or null.</summary>
    private static async Task<string?> ActaProblemAsync(UploadedFile acta)
    {
        if (acta.Content.Length > DocumentArchive.DefaultMaxBytes)
        {
            return $"acta: el archivo pesa más de {DocumentArchive.DefaultMaxBytes / (1024 * 1024)} MB";
        }
        var head = new byte[PdfSignature.Length];
        acta.Content.Position = 0;
        var read = await acta.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
        return read == head.Length && head.AsSpan().SequenceEqual(PdfSignature) ? null
            : $"acta: «{FileName(acta.Name, "acta")}» no es un PDF; adjunte el acta o acuerdo del CORE en PDF";
    }

    /// <summary>The file name to keep: the browser's, without any folder, bounded; <paramref name="fallback"/> when there is none.</summary>
    public static string FileName(string sent, string fallback)
    {
        var name = Path.GetFileName(sent.Replace('\\', '/')).Trim();
        return name.Length == 0 ? fallback : name.Length > 120 ? name[..120] : name;
    }
}
