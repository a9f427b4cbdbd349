using Focalizacion.Runtime.Jobs;
using Focalizacion.Testing;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using NodaTime;
using Npgsql;

namespace Focalizacion.Runtime.Tests.Timers;

/// <summary>
/// Timer jobs run by a real Hangfire server on the test database (its migrations installed
/// Hangfire's tables), as the worker and the service run them; no sweep runs, so whatever fires
/// was fired by the jobs themselves.
/// </summary>
[NonParallelizable]
public class TimerJobsTests
{
    /// <summary>Far less than the minute a job-wide lock made others wait and than a sweep interval, far more than a firing takes.</summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(15);

    [Test]
    public async Task A_timer_fires_at_once_while_another_instance_s_timer_is_stuck_firing()
    {
        await using var harness = await DeadlinesDueAsync();
        var (stuck, other) = (await DeadlineAsync(harness, "NB"), await DeadlineAsync(harness, "RM"));
        // Another session holds the stuck instance's reminder row: its deadline's firing locks the
        // instance and its own row, steps, and then waits on that reminder in its commit.
        await using var holder = await harness.Database.Store.DataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, $"SELECT 1 FROM timers WHERE instance_id = (SELECT instance_id FROM timers WHERE id = {stuck}) AND node_id = 'Recordar' FOR UPDATE");
        await using var hangfire = JobsOnTestDatabase.Start(harness);
        try
        {
            hangfire.Client.Enqueue<TimerJobs>(j => j.FireAsync(stuck));
            Assert.That(await Eventually.WithinAsync(AtOnce, async () => await WaitingOnLocksAsync(harness) == 1), Is.True, "the stuck firing waits on the reminder row");

            hangfire.Client.Enqueue<TimerJobs>(j => j.FireAsync(other));
            var otherFired = await Eventually.WithinAsync(AtOnce, async () => await StateAsync(harness, other) == "Fired");

            Assert.Multiple(async () =>
            {
                Assert.That(otherFired, Is.True, "the other instance's deadline fired while the first one was stuck");
                Assert.That(await StateAsync(harness, stuck), Is.EqualTo("Pending"), "the stuck firing had not committed");
            });
        }
        finally
        {
            await hold.RollbackAsync();
        }
        Assert.That(await Eventually.WithinAsync(AtOnce, async () => await StateAsync(harness, stuck) == "Fired"), Is.True, "once the row is free the stuck firing commits");
    }

    [Test]
    public async Task A_timer_whose_instance_was_busy_when_its_job_ran_fires_soon_after_and_not_at_the_next_sweep()
    {
        await using var harness = await DeadlinesDueAsync();
        var deadline = await DeadlineAsync(harness, "NB");
        // A step of the instance in progress elsewhere: the firing skips the locked row and says so.
        await using var holder = await harness.Database.Store.DataSource.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, $"SELECT 1 FROM workflow_instances WHERE id = (SELECT instance_id FROM timers WHERE id = {deadline}) FOR UPDATE");
        await using var hangfire = JobsOnTestDatabase.Start(harness);
        var job = hangfire.Client.Enqueue<TimerJobs>(j => j.FireAsync(deadline));
        var ran = await Eventually.WithinAsync(AtOnce, () => Task.FromResult(hangfire.StateOf(job) == "Succeeded"));
        var pendingWhileBusy = await StateAsync(harness, deadline);
        await hold.RollbackAsync();

        var fired = await Eventually.WithinAsync(AtOnce, async () => await StateAsync(harness, deadline) == "Fired");
        Assert.Multiple(() =>
        {
            Assert.That(ran, Is.True, "the job ran while the instance was locked");
            Assert.That(pendingWhileBusy, Is.EqualTo("Pending"));
            Assert.That(fired, Is.True, "the job tried again a few seconds later");
        });
    }

    /// <summary>Two instances (NB and RM) of the fixture on day 30: each deadline due, each with its reminder still pending.</summary>
    private static async Task<Harness> DeadlinesDueAsync()
    {
        var harness = await Harness.CreateAsync();
        await harness.StartAsync("NB");
        await harness.StartAsync("RM");
        await harness.Driver.SettleAsync();
        harness.Clock.AdvanceTo(Harness.Start + Duration.FromDays(30));
        return harness;
    }

    private static async Task<long> DeadlineAsync(Harness harness, string region) =>
        await harness.Database.ScalarAsync($"SELECT t.id FROM timers t JOIN workflow_instances i ON i.id = t.instance_id WHERE i.correlation_key = '{Harness.Key(region, 2027)}' AND t.node_id = 'Vence'");

    private static async Task<string> StateAsync(Harness harness, long timer)
    {
        await using var command = harness.Database.Store.DataSource.CreateCommand($"SELECT state FROM timers WHERE id = {timer}");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Sessions of the test database waiting for a row lock: the stuck firing, once it reached its commit.</summary>
    private static Task<long> WaitingOnLocksAsync(Harness harness) =>
        harness.Database.ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{harness.Database.Name}' AND wait_event_type = 'Lock'");

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A Hangfire server and client on the harness's database, with the engine's storage settings; stopped on dispose.</summary>
    private sealed class JobsOnTestDatabase : IAsyncDisposable
    {
        private readonly PostgreSqlStorage _storage;
        private readonly BackgroundJobServer _server;

        private JobsOnTestDatabase(Harness harness)
        {
            var options = EngineWorkerSetup.StorageOptions();
            _storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(harness.Database.ConnectionString, options), options);
            Client = new BackgroundJobClient(_storage);
            _server = new BackgroundJobServer(
                new BackgroundJobServerOptions { WorkerCount = 2, SchedulePollingInterval = TimeSpan.FromSeconds(1), Activator = new Activator(harness.Runtime, Client) },
                _storage);
        }

        public IBackgroundJobClient Client { get; }

        public static JobsOnTestDatabase Start(Harness harness) => new(harness);

        public string? StateOf(string job)
        {
            using var connection = _storage.GetConnection();
            return connection.GetStateData(job)?.Name;
        }

        public async ValueTask DisposeAsync()
        {
            _server.SendStop();
            await _server.WaitForShutdownAsync(CancellationToken.None);
            _server.Dispose();
        }

        /// <summary>Builds the job classes over the test's runtime, as the hosts' service provider does over theirs.</summary>
        private sealed class Activator(EngineRuntime runtime, IBackgroundJobClient jobs) : JobActivator
        {
            public override object ActivateJob(Type jobType) =>
                jobType == typeof(TimerJobs) ? new TimerJobs(runtime, jobs) : base.ActivateJob(jobType);
        }
    }
}
