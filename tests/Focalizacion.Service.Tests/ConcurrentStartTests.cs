using System.Net;
using Focalizacion.Testing;

namespace Focalizacion.Service.Tests;

/// <summary>
/// Two replicas of the service started together on a database nobody migrated yet, as an
/// orchestrator brings up a new deployment: each becomes ready, and neither meets the other's
/// half-built schema on the way.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConcurrentStartTests
{
    [Test]
    public async Task Two_services_started_together_on_a_new_database_both_become_ready_without_a_database_error()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        // Nothing of ours nor of Hangfire's: both processes find the database empty.
        await database.ExecuteAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS hangfire CASCADE");
        var environment = new Dictionary<string, string>
        {
            ["FOCALIZACION_RELOJ"] = "2026-11-20T12:00:00-03:00",
            ["FOCALIZACION_CORREO_CARPETA"] = Path.Combine(Path.GetTempPath(), $"correo-servicio-{Guid.NewGuid():N}"),
        };
        await using var first = ServiceProcess.Start(database.ConnectionString, environment);
        await using var second = ServiceProcess.Start(database.ConnectionString, environment);

        using var firstReady = await first.WaitForAsync("/salud/listo", HttpStatusCode.OK);
        using var secondReady = await second.WaitForAsync("/salud/listo", HttpStatusCode.OK);

        Assert.Multiple(async () =>
        {
            Assert.That(firstReady.StatusCode, Is.EqualTo(HttpStatusCode.OK), first.Output);
            Assert.That(secondReady.StatusCode, Is.EqualTo(HttpStatusCode.OK), second.Output);
            Assert.That(DatabaseErrors(first.Output), Is.Empty, first.Output);
            Assert.That(DatabaseErrors(second.Output), Is.Empty, second.Output);
            Assert.That(await database.ScalarAsync("SELECT count(DISTINCT correlation_key) FROM workflow_instances WHERE correlation_key LIKE '%/2027'"), Is.EqualTo(16));
            Assert.That(await database.ScalarAsync("SELECT count(*) FROM workflow_instances"), Is.EqualTo(16), "one cycle per region, not one per process");
        });
    }

    /// <summary>
    /// Every PostgreSQL or Npgsql error the process logged (a 23505 unique violation, a 22P02 bad
    /// value, a catalog tuple changed under a concurrent DDL), whoever logged it.
    /// </summary>
    private static List<string> DatabaseErrors(string output) =>
        output.Split('\n').Where(line => line.Contains("PostgresException", StringComparison.Ordinal) || line.Contains("NpgsqlException", StringComparison.Ordinal)).ToList();
}
