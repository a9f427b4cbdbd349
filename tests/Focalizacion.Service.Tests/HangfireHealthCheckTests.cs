using Focalizacion.Runtime.Persistence;
using Focalizacion.Service.Health;
using Focalizacion.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;

namespace Focalizacion.Service.Tests;

/// <summary>
/// The Hangfire readiness check runs as the engine's role, which may use Hangfire's schema only once
/// the start-up granted it. While another replica installs the tables and before it grants them, a
/// probe says so in Spanish; it is not a permission error in the log (a replica starting beside
/// another logged «42501: permission denied for schema hangfire» at every probe of that window).
/// </summary>
[TestFixture]
public sealed class HangfireHealthCheckTests
{
    [Test]
    public async Task Before_the_engine_role_is_granted_Hangfire_schema_the_check_says_so_without_a_database_error()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        await database.ExecuteAsync($"REVOKE ALL ON SCHEMA {Migrator.HangfireSchema} FROM {ServiceProcess.MotorRole}");

        var result = await CheckAsMotorAsync(database);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(HealthStatus.Unhealthy));
            Assert.That(result.Description, Is.EqualTo("El rol del motor aún no recibe permisos sobre las tablas de Hangfire (los concede el inicio, tras instalarlas)"));
            Assert.That(result.Exception, Is.Null, "a database error would be logged at every probe");
        }
    }

    [Test]
    public async Task Before_Hangfire_is_installed_the_check_says_so_without_a_database_error()
    {
        await using var database = await TestDatabase.CreateCycleAsync();
        await database.ExecuteAsync($"DROP SCHEMA {Migrator.HangfireSchema} CASCADE");

        var result = await CheckAsMotorAsync(database);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Description, Is.EqualTo("Las tablas de Hangfire aún no están instaladas"));
            Assert.That(result.Exception, Is.Null);
        }
    }

    private static async Task<HealthCheckResult> CheckAsMotorAsync(TestDatabase database)
    {
        await using var motor = new Store(ServiceProcess.LocalRole(database.ConnectionString, ServiceProcess.MotorRole));
        await using var services = new ServiceCollection().BuildServiceProvider();
        var check = new HangfireServerHealthCheck(motor, services, new HeartbeatClock(SystemClock.Instance));
        return await check.CheckHealthAsync(new HealthCheckContext());
    }
}
