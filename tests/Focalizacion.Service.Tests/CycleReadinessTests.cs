using System.Net;
using System.Text.Json;
using Focalizacion.Testing;

namespace Focalizacion.Service.Tests;

/// <summary>
/// The real service on a database where one region's cycle cannot start: the other regions start,
/// the yearly start is scheduled, and readiness names the year and the region that is missing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class CycleReadinessTests
{
    [Test]
    public async Task Readiness_names_the_budget_year_and_the_region_whose_cycle_should_be_running_and_is_not()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        // What a failing start looks like from outside: PostgreSQL refuses Ñuble's 2027 instance.
        await database.ExecuteAsync("""
            CREATE FUNCTION prueba_rechaza_nuble() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'prueba: Ñuble no puede iniciar'; END $$;
            CREATE TRIGGER prueba_rechaza_nuble BEFORE INSERT ON workflow_instances
                FOR EACH ROW WHEN (NEW.correlation_key = 'NB/2027') EXECUTE FUNCTION prueba_rechaza_nuble();
            """);
        await using var service = ServiceProcess.Start(database.ConnectionString, new Dictionary<string, string>
        {
            // Budget year 2027's cycles run during 2026: they should have started on 1 January 2026.
            ["FOCALIZACION_RELOJ"] = "2026-11-20T12:00:00-03:00",
            ["FOCALIZACION_CORREO_CARPETA"] = Path.Combine(Path.GetTempPath(), $"correo-servicio-{Guid.NewGuid():N}"),
        });

        // Regions start north to south: once every other one has started, Ñuble is the one left.
        var (status, body) = await service.WaitForAsync("/salud/listo", (_, text) => Detail(text).EndsWith("en Ñuble (NB)", StringComparison.Ordinal));
        var scheduled = await Eventually.WithinAsync(TimeSpan.FromSeconds(30), async () => await database.ScalarAsync("SELECT count(*) FROM hangfire.hash WHERE key = 'recurring-job:inicio-de-ciclos'") > 0);

        var detail = Detail(body);
        Assert.Multiple(async () =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body + "\n" + service.Output);
            Assert.That(detail, Is.EqualTo("Los ciclos del año presupuestario 2027 debían iniciarse el 1 de enero de 2026 a las 00:00 (hora continental) y no están iniciados en Ñuble (NB)"));
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM workflow_instances WHERE correlation_key LIKE '%/2027'"), Is.EqualTo(15), "the other regions started");
            Assert.That(scheduled, Is.True, "the yearly start is scheduled, to try Ñuble again");
        });
    }

    /// <summary>What readiness says of the cycles ("" while it answers something else).</summary>
    private static string Detail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("verificaciones").GetProperty("ciclos").GetProperty("detalle").GetString() ?? "";
        }
        catch (Exception failure) when (failure is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "";
        }
    }
}
