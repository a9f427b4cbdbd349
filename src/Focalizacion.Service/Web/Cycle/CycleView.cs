using Focalizacion.Access.Users;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Engine.Execution;
using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Web.Board;

namespace Focalizacion.Service.Web.Cycle;

/// <summary>One milestone on the cycle's timeline: where it stands, its state in words (the board's cell), and who recorded it.</summary>
internal sealed record MilestoneView(MilestoneStanding Standing, BoardCell Cell, MilestoneRecorder? Recorder);

/// <summary>
/// What the page of one region's cycle shows: its standing, the milestones with their states (as
/// the board words them), every email of the cycle with its text as sent, the notices the cycle
/// skipped, and the workflow version its instance runs with the names of the elements it waits
/// at, all read as the user (row-level security).
/// </summary>
internal sealed record CycleView(
    RegionStanding Standing,
    DefinitionRow? Definition,
    IReadOnlyList<string> WaitingNames,
    IReadOnlyList<MilestoneView> Milestones,
    IReadOnlyList<MailRecord> Oficios,
    IReadOnlyList<MailRecord> Reminders,
    IReadOnlyList<JournalQuery.JournalLine> SkippedNotices)
{
    public static async Task<CycleView> ReadAsync(ApiDatabase database, HolidayCalendar calendar, User caller, Region region, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(calendar);
        var now = database.Clock.GetCurrentInstant();
        return await database.ReadAsync(caller, async () =>
        {
            var standing = await new CycleStandings(database.Runtime, calendar).ReadAsync(region, year, cancellationToken);
            var mails = await new CycleRecords(database.Store).MailsAsync(region.IsoSuffix, year, cancellationToken);
            var recorders = standing.InstanceId is { } id
                ? await MilestoneRecorders.ReadAsync(database.Store, id, cancellationToken)
                : new Dictionary<string, MilestoneRecorder>();
            var skipped = await new JournalQuery(JournalKind.NoticeSkipped.Text(), null, null, null, null, JournalQuery.MaxLimit, region, year).ReadAsync(database.Store, cancellationToken);
            var definition = standing.DefinitionId is { } pinned ? await database.Runtime.Definitions.FindAsync(pinned, cancellationToken) : null;
            var parsed = definition is null ? null : await database.Runtime.Definitions.ParsedAsync(definition.Id, cancellationToken);
            // People read the elements' names (the designer's), not their ids.
            IReadOnlyList<string> waiting = [.. standing.WaitingAt.Select(id => parsed?.Nodes.GetValueOrDefault(id)?.Name is { Length: > 0 } name ? $"«{name}»" : id)];
            var business = calendar.BusinessDays(region);
            var milestones = standing.Milestones.Select(m => new MilestoneView(m,
                Board.Board.Cell(MilestoneSituation.Of(m, standing.Status, now, business)), recorders.GetValueOrDefault(m.Milestone.Key))).ToList();
            return new CycleView(standing, definition, waiting, milestones,
                [.. mails.Where(m => m.Type == MailTypes.Oficio)], [.. mails.Where(m => m.Type != MailTypes.Oficio)], skipped.Lineas);
        }, cancellationToken);
    }

    /// <summary>The BPMN file of the definition the region's instance is pinned to; null without an instance.</summary>
    public static Task<byte[]?> PinnedDefinitionAsync(ApiDatabase database, HolidayCalendar calendar, User caller, Region region, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ReadAsync(caller, async () =>
            (await new CycleStandings(database.Runtime, calendar).ReadAsync(region, year, cancellationToken)).DefinitionId is { } pinned
                ? (await database.Runtime.Definitions.FindAsync(pinned, cancellationToken))?.BpmnXml
                : null, cancellationToken);
    }

    /// <summary>"focalización final del GORE", …: how the cycle ended, in words.</summary>
    public static string OutcomeText(OutcomeRecord outcome, Region region) => $"{OutcomeName(outcome)}{RecordedText(outcome, region)}";

    /// <summary>"rige la focalización del año anterior", …: the outcome alone.</summary>
    public static string OutcomeName(OutcomeRecord outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Outcome switch
        {
            CycleOutcomes.Final => "rige la focalización final del Gobierno Regional",
            CycleOutcomes.Previous => "rige la focalización del año anterior",
            CycleOutcomes.Sercotec => "Sercotec focaliza según sus definiciones internas",
            var other => other,
        };
    }

    /// <summary>" (registrado el …)": when the outcome was recorded, after its name.</summary>
    public static string RecordedText(OutcomeRecord outcome, Region region)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return $" (registrado el {WebText.Moment(outcome.RecordedAt, region)})";
    }

    /// <summary>"N° 4/2026".</summary>
    public static string? Number(MailRecord mail) =>
        mail is { OficioNumber: { } n } ? $"N° {n}/{mail.OficioYear}" : null;

    /// <summary>An oficio's DocDigital folio and number as every page shows them ("folio 123 · número 45"), or that they are not entered yet.</summary>
    public static string DocDigital(MailRecord mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return (mail.DocDigitalFolio, mail.DocDigitalNumber) switch
        {
            (null, null) => "sin registrar",
            var (folio, number) => string.Join(" · ", new[] { folio is null ? null : $"folio {folio}", number is null ? null : $"número {number}" }.OfType<string>()),
        };
    }

    public static string Sent(MailRecord mail, Region region)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return mail.SentAt is { } at ? $"enviado el {WebText.Moment(at, region)}" : "pendiente de envío";
    }

}
