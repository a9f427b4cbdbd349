using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Focalizacion.Service.Tests.Api;

/// <summary>
/// <c>GET /api/v1/ciclos/{anio}/{region}/calendario.ics</c> on the running service: RFC 5545 as a
/// calendar program reads it (CRLF, folding, the region's zone), one event per deadline of the
/// pinned version and per scheduled reminder, and only for the regions the caller sees.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed partial class CalendarioIcsApiTests : ApiServiceFixture
{

    private async Task<(HttpStatusCode Status, string? ContentType, string Text)> CalendarAsync(string region, string who)
    {
        using var response = await Api.GetAsync($"/api/v1/ciclos/2027/{region}/calendario.ics", who);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The content lines, unfolded (RFC 5545 §3.1).</summary>
    private static List<string> Unfold(string text) =>
        [.. text.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Each VEVENT as its property lines.</summary>
    private static List<List<string>> Events(List<string> lines)
    {
        var events = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT")
            {
                current = [];
            }
            else if (line == "END:VEVENT")
            {
                events.Add(current!);
                current = null;
            }
            else
            {
                current?.Add(line);
            }
        }
        return events;
    }

    [Test]
    public async Task A_gore_gets_its_regions_deadlines_and_reminders_as_rfc_5545()
    {
        var (status, contentType, text) = await CalendarAsync("NB", AdminApiService.GoreNb);
        using var standing = await Api.GetAsync("/api/v1/ciclos/2027/NB", AdminApiService.GoreNb);
        var withDate = (await AdminApiService.ReadAsync(standing, HttpStatusCode.OK)).GetProperty("estado").GetProperty("hitos").EnumerateArray()
            .Where(h => h.TryGetProperty("fecha", out _)).Select(h => h.GetProperty("hito").GetString()).ToList();
        var pendingReminders = await Api.Database.ScalarAsync(
            "SELECT count(*) FROM timers t JOIN workflow_instances i ON i.id = t.instance_id WHERE i.correlation_key = 'NB/2027' AND t.state = 'Pending' AND t.rule LIKE '%días antes del plazo%'");
        var lines = Unfold(text);
        var events = Events(lines);
        var deadlines = events.Where(e => e.Contains("CATEGORIES:plazo")).ToList();
        var reminders = events.Where(e => e.Contains("CATEGORIES:recordatorio")).ToList();
        var final = deadlines.Single(e => e.Contains("UID:plazo-2027-NB-focalizacion-final@focalizacion-regional.sercotec"));
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(contentType, Is.EqualTo("text/calendar; charset=utf-8"));
            Assert.That(text.Replace("\r\n", "", StringComparison.Ordinal), Does.Not.Contain("\n").And.Not.Contain("\r"), "every line ends in CRLF");
            Assert.That(text.Split("\r\n").Select(l => Encoding.UTF8.GetByteCount(l)), Has.All.LessThanOrEqualTo(75), "folded at 75 octets");
            Assert.That(text.Split("\r\n").Any(l => l.StartsWith(' ')), Is.True, "long descriptions are folded, not cut");
            Assert.That(lines[0], Is.EqualTo("BEGIN:VCALENDAR"));
            Assert.That(lines[^1], Is.EqualTo("END:VCALENDAR"));
            Assert.That(lines, Does.Contain("VERSION:2.0").And.Contain("TZID:America/Santiago").And.Contain("BEGIN:DAYLIGHT").And.Contain("BEGIN:STANDARD"));
            Assert.That(deadlines.Select(e => Uid().Match(string.Join("\n", e)).Groups["hito"].Value), Is.EquivalentTo(withDate), "one event per deadline the cycle has");
            Assert.That(final, Does.Contain("DTSTART;VALUE=DATE:20261230").And.Contain("DTEND;VALUE=DATE:20261231"), "all day on the legal date");
            Assert.That(final.Single(l => l.StartsWith("SUMMARY:", StringComparison.Ordinal)), Does.StartWith("SUMMARY:Vence: ").And.Contain("Ñuble"));
            Assert.That(final.Single(l => l.StartsWith("DESCRIPTION:", StringComparison.Ordinal)), Does.Contain("vencido desde 2026-12-31T00:00:00-03:00"));
            Assert.That(events, Has.All.Some.StartsWith("DTSTAMP:"));
            Assert.That(reminders, Has.Count.EqualTo(pendingReminders).And.Count.GreaterThan(0), "one per reminder the instance has scheduled");
            Assert.That(reminders, Has.All.Some.Match(@"^DTSTART;TZID=America/Santiago:2026\d{4}T090000$"), "at 09:00 local, as the rule says");
        });
    }

    [Test]
    public async Task Uids_are_stable_from_one_fetch_to_the_next_and_magallanes_is_in_its_own_zone()
    {
        var (_, _, firstText) = await CalendarAsync("NB", AdminApiService.Admin);
        var (_, _, secondText) = await CalendarAsync("NB", AdminApiService.Admin);
        var (_, _, magallanesText) = await CalendarAsync("MA", AdminApiService.Auditor);
        static IEnumerable<string> Uids(string text) => Unfold(text).Where(l => l.StartsWith("UID:", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(Uids(secondText), Is.EqualTo(Uids(firstText)).And.Not.Empty);
            Assert.That(Unfold(magallanesText), Does.Contain("TZID:America/Punta_Arenas").And.Not.Contain("TZID:America/Santiago"));
            Assert.That(Unfold(magallanesText).Where(l => l.StartsWith("DTSTART;TZID=", StringComparison.Ordinal)), Has.All.StartWith("DTSTART;TZID=America/Punta_Arenas:"));
        });
    }

    [TestCase("/api/v1/ciclos/2027/BI/calendario.ics", HttpStatusCode.NotFound)] // another region's cycle: not even its existence
    [TestCase("/api/v1/ciclos/2027/XX/calendario.ics", HttpStatusCode.NotFound)] // no such region
    [TestCase("/api/v1/ciclos/1990/NB/calendario.ics", HttpStatusCode.NotFound)] // a year outside the calendar
    public async Task A_gore_gets_no_other_calendar(string path, HttpStatusCode status)
    {
        using var response = await Api.GetAsync(path, AdminApiService.GoreNb);
        Assert.That((await AdminApiService.ProblemAsync(response)).Status, Is.EqualTo(status));
    }

    [Test]
    public async Task Without_a_token_it_is_a_401()
    {
        using var response = await Api.GetAsync("/api/v1/ciclos/2027/NB/calendario.ics", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [GeneratedRegex(@"UID:plazo-2027-NB-(?<hito>[a-z-]+)@")]
    private static partial Regex Uid();
}
