using Focalizacion.Calendar.Regions;

namespace Focalizacion.Cli.Tests;

public class FeriadosVerbTests
{
    [Test]
    public void Json_lists_national_holidays_with_date_name_and_scope()
    {
        var run = CliRun.InProcess("feriados", "2026", "--json");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
        var first = run.Json()[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("fecha").GetString(), Is.EqualTo("2026-01-01"));
            Assert.That(first.GetProperty("nombre").GetString(), Is.EqualTo("Año Nuevo"));
            Assert.That(first.GetProperty("ambito").GetString(), Is.EqualTo("nacional"));
            Assert.That(run.Json().EnumerateArray().Select(h => h.GetProperty("ambito").GetString()), Is.All.EqualTo("nacional"));
        });
    }

    [TestCase("NB")] // ISO suffix
    [TestCase("16")] // CUT
    [TestCase("nuble")] // name slug
    public void Region_adds_its_own_holidays_whatever_code_names_it(string code)
    {
        var run = CliRun.InProcess("feriados", "2026", "--region", code, "--json");
        var regional = run.Json().EnumerateArray().Where(h => h.GetProperty("ambito").GetString() == "regional").ToList();
        Assert.That(regional.Select(h => h.GetProperty("fecha").GetString()), Is.EqualTo(new[] { "2026-08-20" }));
    }

    [Test]
    public void Special_laws_come_from_the_shipped_data_file()
    {
        var run = CliRun.InProcess("feriados", "2022", "--json");
        Assert.That(run.Json().EnumerateArray().Select(h => h.GetProperty("fecha").GetString()), Does.Contain("2022-09-16"));
    }

    [Test]
    public void Human_output_is_spanish_with_long_dates()
    {
        var run = CliRun.InProcess("feriados", "2026", "--region", "AP");
        Assert.That(run.Output, Does.Contain("domingo 7 de junio de 2026").And.Contain("Asalto y Toma del Morro de Arica"));
    }

    [Test]
    public void Works_for_every_region_and_year()
    {
        foreach (var region in RegionRegistry.All)
        {
            for (int year = 2021; year <= 2100; year++)
            {
                var run = CliRun.InProcess("feriados", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--region", region.IsoSuffix, "--json");
                Assert.That(run.ExitCode, Is.EqualTo(0), $"{region.IsoSuffix} {year}: {run.Error}");
                Assert.That(run.Json().GetArrayLength(), Is.InRange(16, 26), $"{region.IsoSuffix} {year}");
            }
        }
    }
}
