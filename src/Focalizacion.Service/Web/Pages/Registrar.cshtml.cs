using System.Text.Json.Nodes;
using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Estado;
using Focalizacion.Cycle.Events;
using Focalizacion.Cycle.Starting;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>
/// Recording a cycle event (<c>/registrar/{anio}/{region}</c>): a form for each event the user's role
/// records, what the region's cycle expects now, and the recording itself through the API's path
/// (<see cref="CycleActions.RecordAsync"/>), whose refusal is shown in its words.
/// </summary>
internal sealed class RegistrarModel(ApiDatabase database, EngineRuntime engine, IConformityValidator conformity, HolidayCalendar calendar) : PageModel
{
    public int Anio { get; private set; }

    public Region? Region { get; private set; }

    public IReadOnlyList<Region> Regions { get; private set; } = [];

    public IReadOnlyList<CycleEvent> Events { get; private set; } = [];

    /// <summary>Each milestone of the region's cycle with its state, in legal order.</summary>
    public IReadOnlyList<MilestoneSituation> Situations { get; private set; } = [];

    /// <summary>The events the cycle waits for now (its tokens' receive tasks).</summary>
    public IReadOnlyList<CycleEvent> Expected { get; private set; } = [];

    /// <summary>The event whose form was sent, and what was written in it (shown again after an error).</summary>
    public string? Posted { get; private set; }

    public Dictionary<string, string> Values { get; } = [];

    /// <summary>Field errors, by the field's id.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public string? Notice { get; private set; }

    public bool NoticeIsError { get; private set; }

    public Task<IActionResult> OnGetAsync(int? anio, string? region, string? registrado)
    {
        if (CycleEvent.Find(registrado ?? "") is { } recorded)
        {
            Notice = $"Se registró «{Capitalised(recorded.Description)}».";
        }
        return ShowAsync(anio, region);
    }

    public async Task<IActionResult> OnPostAsync(int? anio, string? region, string? evento)
    {
        var shown = await ShowAsync(anio, region);
        if (Region is null || shown is not PageResult)
        {
            return shown;
        }
        Posted = evento;
        var cycleEvent = Events.FirstOrDefault(e => e.Name == evento);
        var body = cycleEvent is null ? new CiclosApi.EventBody(evento, null, null) : ReadForm(cycleEvent);
        if (Errors.Count > 0)
        {
            return Refused(StatusCodes.Status400BadRequest, "No se registró nada: revise los campos marcados.");
        }
        var outcome = await CycleActions.RecordAsync(Caller.Of(HttpContext), Caller.Actor(HttpContext), Anio, Region.IsoSuffix, body, engine, conformity, [], HttpContext.RequestAborted);
        if (outcome.Done)
        {
            return Redirect($"/registrar/{Anio}/{Region.IsoSuffix}?registrado={Uri.EscapeDataString(cycleEvent!.Name)}");
        }
        return Refused(outcome.Status switch
        {
            ActionStatus.BadInput => StatusCodes.Status400BadRequest,
            ActionStatus.Forbidden => StatusCodes.Status403Forbidden,
            ActionStatus.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        }, $"No se registró nada: {outcome.Message}.");
    }

    /// <summary>The id of a form's field: <c>montos-preliminares-registrados-monto-0</c>.</summary>
    public static string FieldId(CycleEvent cycleEvent, string field) => $"{cycleEvent.Name}-{field}";

    public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// The event's body from its form: amounts per instrument in Chilean format, the conformity of a
    /// final or a review, a review's reason, observations one per line; field errors by id.
    /// </summary>
    private CiclosApi.EventBody ReadForm(CycleEvent cycleEvent)
    {
        var data = new JsonObject();
        bool? conforme = null;
        if (cycleEvent.Data.Contains(EventField.Amounts))
        {
            var amounts = new JsonObject();
            for (var i = 0; i < Instruments.All.Count; i++)
            {
                var id = FieldId(cycleEvent, $"monto-{i}");
                var text = Request.Form[$"monto-{i}"].ToString().Trim();
                Values[id] = text;
                if (text.Length == 0)
                {
                    continue;
                }
                var (pesos, error) = WholeNumbers.Parse(text, pesos: true);
                if (error is null)
                {
                    amounts[Instruments.All[i]] = pesos;
                }
                else
                {
                    Errors[id] = $"{Instruments.All[i]}: «{(text.Length > 40 ? text[..40] + "…" : text)}» {error}.";
                }
            }
            if (amounts.Count == 0 && Errors.Count == 0)
            {
                Errors[FieldId(cycleEvent, "monto-0")] = $"{Instruments.All[0]}: escriba el monto de al menos un instrumento.";
            }
            data[EventField.Amounts.Name] = amounts;
        }
        if (cycleEvent.Data.Contains(EventField.Conformity))
        {
            var id = FieldId(cycleEvent, "conforme");
            var answer = Request.Form["conforme"].ToString();
            Values[id] = answer;
            conforme = answer switch { "si" => true, "no" => false, _ => null };
            if (conforme is null)
            {
                Errors[id] = "Conformidad: indique si la focalización final cumple los requisitos.";
            }
        }
        if (cycleEvent.Data.Contains(EventField.Reason) && Text(cycleEvent, "motivo") is { Length: > 0 } motivo)
        {
            data[EventField.Reason.Name] = motivo;
        }
        if (cycleEvent.Data.Contains(EventField.Observations) && Text(cycleEvent, "observaciones") is { Length: > 0 } observaciones)
        {
            // One observation per line; blank lines are not observations.
            var lines = observaciones.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
            data[EventField.Observations.Name] = new JsonArray([.. lines.Select(l => (JsonNode)l)]);
        }
        return new CiclosApi.EventBody(cycleEvent.Name, conforme, data);
    }

    /// <summary>A text field of the form, trimmed, kept to show it again after an error.</summary>
    private string Text(CycleEvent cycleEvent, string field)
    {
        var text = Request.Form[field].ToString().Trim();
        Values[FieldId(cycleEvent, field)] = text;
        return text;
    }

    private PageResult Refused(int status, string notice)
    {
        (Notice, NoticeIsError) = (notice, true);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(int? anio, string? region)
    {
        var caller = Caller.Of(HttpContext);
        Events = CycleActions.EventsFor(caller);
        if (Events.Count == 0)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Anio = anio ?? CycleStarter.BudgetYearInProgress(database.Clock.GetCurrentInstant());
        if (Anio < ApiArguments.FirstBudgetYear || Anio > ApiArguments.LastBudgetYear)
        {
            return NotFound();
        }
        Regions = [.. RegionRegistry.All.Where(r => caller.Sees(r.IsoSuffix))];
        if (region is null)
        {
            Region = Regions.Count == 1 ? Regions[0] : null;
        }
        else if ((Region = Regions.FirstOrDefault(r => r.IsoSuffix == region)) is null)
        {
            return NotFound();
        }
        if (Region is { } chosen)
        {
            var (standing, expected) = await database.ReadAsync(caller, async () =>
            {
                var standing = await new CycleStandings(database.Runtime, calendar).ReadAsync(chosen, Anio, HttpContext.RequestAborted);
                return (standing, await CycleActions.AwaitedAsync(database.Runtime, standing, HttpContext.RequestAborted));
            }, HttpContext.RequestAborted);
            var now = database.Clock.GetCurrentInstant();
            Situations = [.. standing.Milestones.Select(m => MilestoneSituation.Of(m, standing.Status, now, calendar.BusinessDays(chosen)))];
            Expected = expected;
        }
        return Page();
    }
}
