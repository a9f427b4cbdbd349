using Focalizacion.Calendar.Holidays;
using Focalizacion.Calendar.Regions;
using Focalizacion.Cycle.Correo;
using Focalizacion.Cycle.Handlers;
using Focalizacion.Cycle.Simulation;
using Focalizacion.Testing;

namespace Focalizacion.Cycle.Tests.FullYear;

/// <summary>What the full-year tests share: budget year 2027 for Ñuble and Magallanes, and the checks on what was delivered.</summary>
internal static class FullYear
{
    public const int BudgetYear = 2027;

    /// <summary>Ñuble does everything on time; Magallanes does nothing.</summary>
    public static Scenario NubleOnTimeMagallanesSilent()
    {
        const string json = """
            {
              "anioPresupuestario": 2027,
              "regiones": ["NB", "MA"],
              "eventos": [
                { "region": "NB", "fecha": "2026-06-10T10:00", "evento": "presupuesto-exploratorio-registrado" },
                { "region": "NB", "fecha": "2026-11-14T10:00", "evento": "focalizacion-preliminar-recibida" },
                { "region": "NB", "fecha": "2026-11-25T16:00", "evento": "observaciones-enviadas" },
                { "region": "NB", "fecha": "2026-11-30T12:00", "evento": "montos-preliminares-registrados" },
                { "region": "NB", "fecha": "2026-12-29T12:00", "evento": "focalizacion-final-recibida", "conforme": true }
              ]
            }
            """;
        return ScenarioReader.Read(json, BudgetYear).Value;
    }

    /// <summary>Nobody acts: timers, reminders, notices and the 30 December fallback only.</summary>
    public static Scenario NobodyActs() => new(BudgetYear, [RegionRegistry.ByIsoSuffix("NB"), RegionRegistry.ByIsoSuffix("MA")], [], []);

    /// <summary>The calendar the CLI runs with: holiday rules plus the shipped special-holiday file.</summary>
    public static HolidayCalendar Calendar { get; } = HolidayCalendar.Create(SpecialHolidayFile.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", SpecialHolidayFile.ShippedFileName)), SpecialHolidayFile.ShippedFileName));

    public static MailSettings Mail(SmtpSink sink) => new() { Host = "127.0.0.1", Port = sink.Port };

    public static Task<IReadOnlyList<MailRecord>> MailsAsync(TestDatabase database) => new CycleRecords(database.Store).MailsAsync();

    /// <summary>A message as it compares across databases (whose instance ids and keys differ).</summary>
    /// <remarks>
    /// Without the oficio number: oficios due at the same instant for several regions are numbered
    /// in delivery order, which a delayed step may change; the numbers used are compared as a whole.
    /// </remarks>
    public static string Identity(MailRecord mail) =>
        $"{mail.Region} {mail.Type} {mail.Milestone} → {string.Join(", ", mail.Recipients.Select(r => r.Address))}";

    /// <summary>The oficio numbers used, per issuer and year: none skipped, none used twice.</summary>
    private static IEnumerable<string> Numbers(IEnumerable<MailRecord> mails) =>
        mails.Where(m => m.OficioNumber is not null).Select(m => $"{m.Issuer} {m.OficioNumber}/{m.OficioYear}").Order(StringComparer.Ordinal);

    /// <summary>
    /// Everything recorded was sent and reached the server exactly once, nothing is left for an
    /// operator, and the messages are those of <paramref name="reference"/> (a run without trouble).
    /// </summary>
    public static async Task AssertDeliveredOnceAsync(TestDatabase database, SmtpSink sink, TestDatabase reference)
    {
        var mails = await MailsAsync(database);
        var expected = await MailsAsync(reference);
        var received = sink.Messages().Select(m => m.MessageId ?? "(sin Message-ID)").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(mails, Has.Count.GreaterThanOrEqualTo(20), "a full year for two regions sends dozens of messages");
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM incidents WHERE state = 'Open'"), Is.Zero, "open incidents");
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM outbox WHERE state <> 'Delivered'"), Is.Zero, "outbox entries not delivered");
            Assert.That(mails.Where(m => m.State != "enviado").Select(Identity), Is.Empty, "correos not 'enviado'");
            Assert.That(received.CountBy(id => id).Where(c => c.Value != 1), Is.Empty, "Message-IDs the server received other than once");
            Assert.That(received.Order(StringComparer.Ordinal), Is.EqualTo(mails.Select(m => m.MessageId).Order(StringComparer.Ordinal)), "received = recorded");
            Assert.That(mails.Select(Identity).Order(StringComparer.Ordinal), Is.EqualTo(expected.Select(Identity).Order(StringComparer.Ordinal)), "the same messages as the reference run");
            Assert.That(Numbers(mails), Is.EqualTo(Numbers(expected)), "the same oficio numbers as the reference run");
        }
    }
}
