using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Focalizacion.Runtime.Jobs;

/// <summary>
/// This process's Hangfire server: started by <see cref="EngineStartup"/> once the migrations have
/// installed the tables it polls, stopped with the host.
/// </summary>
/// <remarks>
/// Hangfire's own hosted server (<c>AddHangfireServer</c>) starts with the host. The service runs
/// its start-up in the background, retrying while PostgreSQL is down, so that server would poll a
/// database without Hangfire's tables and log errors until the start-up installed them. This one
/// is built from the same services <c>AddHangfireServer</c> uses (storage, activator, filters, time
/// zones, extra processes), only later.
/// </remarks>
public sealed class JobServer(IServiceProvider services) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private BackgroundJobServer? _server;
    private bool _stopping;

    /// <summary>Starts the server unless it runs already or the host is stopping; the migrations must have run.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_server is not null || _stopping)
            {
                return;
            }
            // Resolving the configuration applies AddHangfire's callback: the storage and the activator.
            services.GetRequiredService<IGlobalConfiguration>();
            var options = new BackgroundJobServerOptions
            {
                SchedulePollingInterval = TimeSpan.FromSeconds(1),
                WorkerCount = Math.Max(4, Environment.ProcessorCount * 2),
                Activator = services.GetRequiredService<JobActivator>(),
                FilterProvider = services.GetRequiredService<IJobFilterProvider>(),
                TimeZoneResolver = services.GetRequiredService<ITimeZoneResolver>(),
            };
            _server = new BackgroundJobServer(options, services.GetRequiredService<JobStorage>(), services.GetServices<IBackgroundProcess>());
        }
    }

    /// <summary>Nothing: the engine's start-up starts the server when the database is ready.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        BackgroundJobServer? server;
        lock (_gate)
        {
            _stopping = true;
            server = _server;
        }
        if (server is null)
        {
            return Task.CompletedTask;
        }
        server.SendStop();
        return server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _server?.Dispose();
            _server = null;
        }
    }
}
