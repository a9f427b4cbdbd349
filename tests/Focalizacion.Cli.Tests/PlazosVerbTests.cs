using System.Globalization;
using System.Text.Json;
using Focalizacion.Calendar.Regions;

namespace Focalizacion.Cli.Tests;

public class PlazosVerbTests
{
    private static Dictionary<string, JsonElement> ByMilestone(CliRun run) =>
        run.Json().EnumerateArray().ToDictionary(e => e.GetProperty("hito").GetString()!);

    [Test]
    public void Json_gives_every_milestone_with_date_and_overdue_instant()
    {
        var run = CliRun.InProcess("plazos", "2027", "--region", "MA", "--json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var plazos = ByMilestone(run);
        Assert.Multiple(() =>
        {
            Assert.That(plazos.Keys, Is.EqualTo(new[] { "oficio-inicio", "presupuesto-exploratorio", "focalizacion-preliminar", "montos-preliminares", "focalizacion-final" }));
            Assert.That(plazos["presupuesto-exploratorio"].GetProperty("fecha").GetString(), Is.EqualTo("2026-06-30"));
            Assert.That(plazos["presupuesto-exploratorio"].GetProperty("desde").GetString(), Is.EqualTo("2026-06-16"));
            // Punta Arenas keeps UTC−3 in winter.
            Assert.That(plazos["presupuesto-exploratorio"].GetProperty("vence").GetString(), Is.EqualTo("2026-07-01T00:00:00-03:00"));
            Assert.That(plazos["montos-preliminares"].GetProperty("fecha").GetString(), Is.EqualTo("2026-12-01"));
        });
    }

    [Test]
    public void Observaciones_appear_with_the_reception_date()
    {
        var plazos = ByMilestone(CliRun.InProcess("plazos", "2027", "--region", "RM", "--preliminar-recibida", "2026-11-16", "--json"));
        Assert.That(plazos["observaciones-sercotec"].GetProperty("fecha").GetString(), Is.EqualTo("2026-12-01"));
    }

    [Test]
    public void Where_roll_forward_would_move_a_date_both_are_given()
    {
        var plazos = ByMilestone(CliRun.InProcess("plazos", "2029", "--region", "RM", "--json"));
        var final = plazos["focalizacion-final"];
        Assert.Multiple(() =>
        {
            Assert.That(final.GetProperty("fecha").GetString(), Is.EqualTo("2028-12-30"));
            Assert.That(final.GetProperty("prorroga").GetBoolean(), Is.False);
            Assert.That(final.GetProperty("alternativa").GetProperty("fecha").GetString(), Is.EqualTo("2029-01-02"));
            Assert.That(final.GetProperty("alternativa").GetProperty("vence").GetString(), Is.EqualTo("2029-01-03T00:00:00-03:00"));
            Assert.That(plazos["montos-preliminares"].TryGetProperty("alternativa", out _), Is.False);
        });
    }

    [Test]
    public void Human_output_names_the_region_dates_weekdays_and_both_dates()
    {
        var run = CliRun.InProcess("plazos", "2027", "--region", "nuble");
        Assert.That(run.Output, Does.Contain("Región de Ñuble (CL-NB)")
            .And.Contain("domingo 15 de noviembre de 2026")
            .And.Contain("lunes 16 de noviembre de 2026")
            .And.Contain("vence:  2026-11-16T00:00:00-03:00")
            .And.Contain("--preliminar-recibida"));
    }

    [Test]
    public void Works_for_every_region_and_budget_year()
    {
        foreach (var region in RegionRegistry.All)
        {
            for (int year = 2021; year <= 2101; year++)
            {
                var received = $"{year - 1}-11-15";
                var run = CliRun.InProcess("plazos", year.ToString(CultureInfo.InvariantCulture), "--region", region.Cut, "--preliminar-recibida", received, "--json");
                Assert.That(run.ExitCode, Is.EqualTo(0), $"{region.IsoSuffix} {year}: {run.Error}");
                Assert.That(run.Json().GetArrayLength(), Is.EqualTo(6), $"{region.IsoSuffix} {year}");
            }
        }
    }
}
