using NodaTime;

namespace Focalizacion.Service.Health;

/// <summary>Registers the readiness checks; their names are what <c>/salud/listo</c> reports when one fails.</summary>
internal static class HealthCheckExtensions
{
    /// <summary>Tag of the checks that decide readiness.</summary>
    public const string ReadinessTag = "listo";

    /// <summary>A database that hangs must not hang the probe: each check gives up after this.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IHostApplicationBuilder AddReadinessChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new HeartbeatClock(SystemClock.Instance));
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(DatabaseHealthCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout)
            .AddCheck<MigrationsHealthCheck>(MigrationsHealthCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout)
            .AddCheck<AccessHealthCheck>(AccessHealthCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout)
            .AddCheck<MotorHealthCheck>(MotorHealthCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout)
            .AddCheck<HangfireServerHealthCheck>(HangfireServerHealthCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout)
            .AddCheck<CycleHealthCheck>(CycleHealthCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout)
            .AddCheck<MailHealthCheck>(MailHealthCheck.Name, tags: [ReadinessTag], timeout: CheckTimeout);
        return builder;
    }
}
