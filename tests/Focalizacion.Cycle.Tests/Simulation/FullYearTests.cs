using NodaTime;

namespace Focalizacion.Cycle.Tests.Simulation;

/// <summary>
/// Whole cycles in virtual time with the shipped workflow, real PostgreSQL and a real SMTP server:
/// every oficio's date, number and recipients, the reminders, the notices and the outcome.
/// </summary>
[Parallelizable(ParallelScope.All)]
public class FullYearTests
{
    private const string OnTime = """
        { "region": "NB", "fecha": "2026-06-10T10:00", "evento": "presupuesto-exploratorio-registrado" },
        { "region": "NB", "fecha": "2026-11-14T10:00", "evento": "focalizacion-preliminar-recibida" },
        { "region": "NB", "fecha": "2026-11-25T16:00", "evento": "observaciones-enviadas" },
        { "region": "NB", "fecha": "2026-11-30T12:00", "evento": "montos-preliminares-registrados" }
        """;

    private static string Scenario(string regions, string events, string previous = "") =>
        $$"""{ "anioPresupuestario": 2027, "regiones": [{{regions}}], "focalizacionAnterior": [{{previous}}], "eventos": [{{events}}] }""";

    [Test]
    public async Task All_on_time_sends_each_oficio_in_its_window_numbered_in_the_central_series_and_ends_with_the_final()
    {
        var year = await SimulatedYear.RunAsync(Scenario("\"NB\"", OnTime + ",\n" + """
            { "region": "NB", "fecha": "2026-12-29T12:00", "evento": "focalizacion-final-recibida", "conforme": true }
            """));
        Assert.Multiple(() =>
        {
            Assert.That(year.Lines("oficio"), Is.EqualTo(new[]
            {
                "oficio-inicio NB 2026-03-02T09:00-03:00 N° 1/2026", // 1 March 2026 is a Sunday: the first business day, at nine
                "presupuesto-exploratorio NB 2026-06-16T09:00-04:00 N° 2/2026", // recorded on 10 June, never sent before the 16th
                "observaciones-sercotec NB 2026-11-25T16:00-03:00 N° 3/2026", // Sercotec central answers (Reglamento §4): one national series
                "montos-preliminares NB 2026-11-30T12:00-03:00 N° 4/2026",
            }));
            Assert.That(year.Lines("resultado"), Is.EqualTo(new[] { "focalizacion-final NB 2026-12-29T12:00-03:00 focalizacion-final" }));
            Assert.That(year.Lines("aviso"), Is.EqualTo(new[] { "encuesta-expost NB 2026-12-29T12:00-03:00" }), "nothing was late");
            var inicio = year.Entries("oficio", "oficio-inicio", "NB").Single();
            Assert.That(inicio.Recipients, Is.EqualTo(new[] { "gobernador.nb@gore.ejemplo.invalid", "contraparte.nb@gore.ejemplo.invalid", "director.nb@sercotec.ejemplo.invalid" }));
            Assert.That(year.Received, Has.Count.EqualTo(year.Result.Emails), "every message reached the SMTP server once");
            Assert.That(year.Received.Select(m => m.MessageId).Distinct().Count(), Is.EqualTo(year.Received.Count));
            Assert.That(year.Received.Select(m => m.Subject), Has.Some.Contains("Ñuble"), "UTF-8 subjects arrive intact");
            Assert.That(year.Result.Incidents, Is.Empty);
        });
    }

    [Test]
    public async Task Reminders_go_to_whoever_owes_the_next_step_at_nine_on_each_offset_day()
    {
        var year = await SimulatedYear.RunAsync(Scenario("\"NB\"", OnTime + ",\n" + """
            { "region": "NB", "fecha": "2026-12-29T12:00", "evento": "focalizacion-final-recibida", "conforme": true }
            """));
        var preliminary = year.Entries("recordatorio", "focalizacion-preliminar", "NB").ToList();
        Assert.Multiple(() =>
        {
            // 15 November 2026 is a Sunday; the GORE gets 30, 14, 7, 2 and 1 days before; it sent on the 14th at 10:00, so not "on the day".
            Assert.That(preliminary.Select(SimulatedYear.Line), Is.EqualTo(new[]
            {
                "focalizacion-preliminar NB 2026-10-16T09:00-03:00", "focalizacion-preliminar NB 2026-11-01T09:00-03:00",
                "focalizacion-preliminar NB 2026-11-08T09:00-03:00", "focalizacion-preliminar NB 2026-11-13T09:00-03:00",
                "focalizacion-preliminar NB 2026-11-14T09:00-03:00",
            }));
            Assert.That(preliminary.SelectMany(r => r.Recipients).Distinct(), Is.EquivalentTo(new[] { "gobernador.nb@gore.ejemplo.invalid", "contraparte.nb@gore.ejemplo.invalid" }));
            // Observaciones: 15 días corridos from Saturday 14 November = Sunday 29 November; Sercotec is reminded, not the GORE.
            Assert.That(year.Lines("recordatorio").Where(l => l.StartsWith("observaciones", StringComparison.Ordinal)), Is.EqualTo(new[]
            {
                "observaciones-sercotec NB 2026-11-15T09:00-03:00", "observaciones-sercotec NB 2026-11-22T09:00-03:00",
            }));
            Assert.That(year.Entries("recordatorio", "observaciones-sercotec", "NB").SelectMany(r => r.Recipients).Distinct(),
                Is.EquivalentTo(new[] { "director.nb@sercotec.ejemplo.invalid", "descentralizacion.nb@sercotec.ejemplo.invalid" }));
        });
    }

    [Test]
    public async Task A_late_preliminary_gets_an_overdue_notice_and_its_observaciones_count_from_its_arrival()
    {
        var year = await SimulatedYear.RunAsync(Scenario("\"NB\"", """
            { "region": "NB", "fecha": "2026-11-20T10:00", "evento": "focalizacion-preliminar-recibida" },
            { "region": "NB", "fecha": "2026-12-04T15:00", "evento": "observaciones-enviadas" },
            { "region": "NB", "fecha": "2026-12-29T12:00", "evento": "focalizacion-final-recibida", "conforme": true }
            """));
        Assert.Multiple(() =>
        {
            var notice = year.Entries("aviso", "focalizacion-preliminar", "NB").Single();
            Assert.That(SimulatedYear.Line(notice), Is.EqualTo("focalizacion-preliminar NB 2026-11-16T00:00-03:00"), "overdue from the start of the day after the deadline");
            Assert.That(notice.Recipients, Does.Contain("director.nb@sercotec.ejemplo.invalid").And.Contain("gobernador.nb@gore.ejemplo.invalid"));
            Assert.That(year.Entries("aviso", "observaciones-sercotec", "NB"), Is.Empty, "4 December is within 15 días corridos of 20 November");
            Assert.That(year.Lines("oficio").Where(l => l.StartsWith("observaciones", StringComparison.Ordinal)), Is.EqualTo(new[] { "observaciones-sercotec NB 2026-12-04T15:00-03:00 N° 2/2026" }));
        });
    }

    [TestCase("\"NB\"", "focalizacion-anterior", "focalizacion-anterior")] // the previous year's final applies
    [TestCase("", "definicion-sercotec", "definicion-sercotec")] // nothing to fall back on
    public async Task Without_a_final_the_fallback_applies_at_the_end_of_30_December(string previous, string outcome, string template)
    {
        var year = await SimulatedYear.RunAsync(Scenario("\"NB\"", OnTime, previous));
        Assert.Multiple(() =>
        {
            Assert.That(year.Lines("resultado"), Is.EqualTo(new[] { $"focalizacion-final NB 2026-12-31T00:00-03:00 {outcome}" }));
            var notice = year.Entries("oficio", "focalizacion-final", "NB").Single();
            Assert.That(SimulatedYear.Line(notice), Is.EqualTo("focalizacion-final NB 2026-12-31T00:00-03:00 N° 5/2026"), "the GORE is notified by oficio");
            Assert.That(year.Received.Single(m => m.Subject == notice.Detail).TextBody,
                template == "focalizacion-anterior" ? Does.Contain("anterior") : Does.Contain("definiciones internas"));
            Assert.That(year.Lines("aviso").Last(), Is.EqualTo("encuesta-expost NB 2026-12-31T00:00-03:00"));
            Assert.That(year.Lines("recordatorio").Last(), Is.EqualTo("focalizacion-final NB 2026-12-30T09:00-03:00"), "reminded on the day itself");
        });
    }

    [Test]
    public async Task A_non_conforming_final_gets_the_ajuste_oficio_and_the_corrected_one_closes_the_cycle()
    {
        var year = await SimulatedYear.RunAsync(Scenario("\"NB\"", OnTime + ",\n" + """
            { "region": "NB", "fecha": "2026-12-18T10:00", "evento": "focalizacion-final-recibida", "conforme": false },
            { "region": "NB", "fecha": "2026-12-28T17:30", "evento": "focalizacion-final-recibida", "conforme": true }
            """, "\"NB\""));
        Assert.Multiple(() =>
        {
            Assert.That(year.Lines("oficio").Where(l => l.StartsWith("ajuste", StringComparison.Ordinal)), Is.EqualTo(new[] { "ajuste NB 2026-12-18T10:00-03:00 N° 5/2026" }));
            Assert.That(year.Lines("resultado"), Is.EqualTo(new[] { "focalizacion-final NB 2026-12-28T17:30-03:00 focalizacion-final" }), "the corrected final wins over the previous year's");
            // Waiting again for the corrected one: the reminders still ahead are scheduled again.
            Assert.That(year.Lines("recordatorio").Where(l => l.StartsWith("focalizacion-final", StringComparison.Ordinal)).Last(), Is.EqualTo("focalizacion-final NB 2026-12-28T09:00-03:00"));
        });
    }

    [Test]
    public async Task A_final_sent_as_a_document_waits_for_Sercotec_s_review_whose_problems_the_ajuste_lists_and_the_corrected_one_is_reviewed_again()
    {
        var year = await SimulatedYear.RunAsync(Scenario("\"NB\"", OnTime + ",\n" + """
            { "region": "NB", "fecha": "2026-12-18T10:00", "evento": "focalizacion-final-recibida", "datos": { "focalizacion": 12 } },
            { "region": "NB", "fecha": "2026-12-21T11:00", "evento": "revision-final-registrada", "conforme": false,
              "datos": { "observaciones": ["Crece: falta la cobertura estimada", "Falta el acta del Consejo Regional"] } },
            { "region": "NB", "fecha": "2026-12-28T17:30", "evento": "focalizacion-final-recibida", "datos": { "focalizacion": 13 } },
            { "region": "NB", "fecha": "2027-01-05T12:00", "evento": "revision-final-registrada", "conforme": true }
            """, "\"NB\""));
        Assert.Multiple(() =>
        {
            var ajuste = year.Entries("oficio", "ajuste", "NB").Single();
            Assert.That(SimulatedYear.Line(ajuste), Is.EqualTo("ajuste NB 2026-12-21T11:00-03:00 N° 5/2026"), "the ajuste leaves with the review, not with the receipt");
            var text = year.Received.Single(m => m.Subject == ajuste.Detail).TextBody;
            Assert.That(text, Does.Contain("1. Crece: falta la cobertura estimada\n2. Falta el acta del Consejo Regional\n"), "the ajuste lists the review's observations");
            // The corrected final (28 December) carried no verdict of its own: the first one's conforme=false
            // must not send a second ajuste, and the 30-December fallback does not apply to a received final.
            Assert.That(year.Entries("oficio", "ajuste", "NB").Count(), Is.EqualTo(1), "no second ajuste from a stale verdict");
            Assert.That(year.Lines("resultado"), Is.EqualTo(new[] { "focalizacion-final NB 2027-01-05T12:00-03:00 focalizacion-final" }),
                "the outcome is recorded by the second review, after 30 December, and is not the fallback");
            Assert.That(year.Entries("oficio", "focalizacion-final", "NB"), Is.Empty, "no fallback oficio");
            Assert.That(year.Result.Incidents, Is.Empty);
        });
    }

    [Test]
    public async Task The_observaciones_oficio_lists_Sercotec_s_observations_and_says_so_when_there_are_none()
    {
        var year = await SimulatedYear.RunAsync(Scenario("\"NB\", \"MA\"", """
            { "region": "NB", "fecha": "2026-11-14T10:00", "evento": "focalizacion-preliminar-recibida" },
            { "region": "NB", "fecha": "2026-11-25T16:00", "evento": "observaciones-enviadas",
              "datos": { "observaciones": ["Juntos: la orientación estratégica no se relaciona con un desafío regional", "Precisar los territorios de Crece"] } },
            { "region": "MA", "fecha": "2026-11-14T10:00", "evento": "focalizacion-preliminar-recibida" },
            { "region": "MA", "fecha": "2026-11-25T16:00", "evento": "observaciones-enviadas" }
            """));
        var nb = year.Received.Single(m => m.Subject == year.Entries("oficio", "observaciones-sercotec", "NB").Single().Detail);
        var ma = year.Received.Single(m => m.Subject == year.Entries("oficio", "observaciones-sercotec", "MA").Single().Detail);
        Assert.Multiple(() =>
        {
            Assert.That(nb.TextBody, Does.Contain("1. Juntos: la orientación estratégica no se relaciona con un desafío regional\n2. Precisar los territorios de Crece\n"));
            Assert.That(nb.HtmlBody, Does.Contain("<li>Juntos: la orientación estratégica no se relaciona con un desafío regional</li>"));
            Assert.That(ma.TextBody, Does.Contain("le hará llegar el detalle de las observaciones").And.Not.Contain("1. "));
        });
    }

    [Test]
    public async Task A_deadline_on_a_weekend_is_not_moved_and_the_fallback_comes_at_the_end_of_Saturday_30_December_2028()
    {
        var year = await SimulatedYear.RunAsync("""{ "anioPresupuestario": 2029, "regiones": ["NB"] }""", budgetYear: 2029);
        Assert.Multiple(() =>
        {
            Assert.That(year.Lines("resultado"), Is.EqualTo(new[] { "focalizacion-final NB 2028-12-31T00:00-03:00 definicion-sercotec" }));
            Assert.That(year.Lines("recordatorio").Where(l => l.StartsWith("focalizacion-final", StringComparison.Ordinal)).Last(),
                Is.EqualTo("focalizacion-final NB 2028-12-30T09:00-03:00"), "reminded on the Saturday itself");
            // Wednesday 15 November 2028 is a business day; 1 March 2028 a Wednesday too, so the oficio goes that day.
            Assert.That(year.Lines("oficio").First(), Is.EqualTo("oficio-inicio NB 2028-03-01T09:00-03:00 N° 1/2028"));
        });
    }

    [Test]
    public async Task Magallanes_and_Aysen_keep_their_own_time_all_year()
    {
        var year = await SimulatedYear.RunAsync("""
            { "anioPresupuestario": 2027, "regiones": ["NB", "MA", "AI"], "eventos": [
              { "region": "MA", "fecha": "2026-06-01T10:00", "evento": "presupuesto-exploratorio-registrado" },
              { "region": "AI", "fecha": "2026-06-01T10:00", "evento": "presupuesto-exploratorio-registrado" },
              { "region": "NB", "fecha": "2026-06-01T10:00", "evento": "presupuesto-exploratorio-registrado" } ] }
            """);
        var presupuesto = year.Result.Timeline.Where(e => e.Type == "oficio" && e.Milestone == "presupuesto-exploratorio").ToDictionary(e => e.Region.IsoSuffix);
        Assert.Multiple(() =>
        {
            Assert.That(SimulatedYear.Line(presupuesto["MA"]), Does.StartWith("presupuesto-exploratorio MA 2026-06-16T09:00-03:00"), "Punta Arenas: UTC−3 all year");
            Assert.That(SimulatedYear.Line(presupuesto["AI"]), Does.StartWith("presupuesto-exploratorio AI 2026-06-16T09:00-03:00"), "Coyhaique: UTC−3 all year since 2025");
            Assert.That(SimulatedYear.Line(presupuesto["NB"]), Does.StartWith("presupuesto-exploratorio NB 2026-06-16T09:00-04:00"), "mainland winter time");
            Assert.That(presupuesto["MA"].At, Is.EqualTo(presupuesto["NB"].At - Duration.FromHours(1)), "nine in Punta Arenas is an hour before nine in Chillán in June");
            Assert.That(presupuesto.Values.Select(p => p.Number), Is.EquivalentTo(new int?[] { 4, 5, 6 }), "one national series after the three oficios de inicio, none reused");
        });
    }
}
