using System.Diagnostics;
using NodaTime;
using Npgsql;

namespace Focalizacion.Runtime.Persistence;

/// <summary>
/// Retries a database write that records something already done (an email the server accepted, a
/// handler's result): while PostgreSQL restarts or a connection is cut, the record waits and tries
/// again, so the deed is not done a second time for want of its record.
/// </summary>
/// <remarks>
/// Only database errors are retried (<see cref="NpgsqlException"/>, server errors included: the
/// statements given here are fixed and known good, so an error means the database is not
/// available), with a delay that doubles from <see cref="FirstDelay"/> up to <see cref="MaxDelay"/>,
/// until <see cref="GiveUpAfter"/> has passed; then the last error is thrown. The delays are real
/// time, whatever the domain clock says: a virtual clock does not move while a record waits for
/// the database. Cancellation is not asked for, because these records must land whether or not
/// the caller still waits.
/// </remarks>
public sealed record BookkeepingRetry
{
    /// <summary>A tenth of a second doubling up to five seconds, for a minute: a database restart takes a few seconds.</summary>
    public static BookkeepingRetry Default { get; } = new();

    public Duration FirstDelay { get; init; } = Duration.FromMilliseconds(100);

    public Duration MaxDelay { get; init; } = Duration.FromSeconds(5);

    public Duration GiveUpAfter { get; init; } = Duration.FromMinutes(1);

    /// <summary>Runs <paramref name="write"/> until it succeeds or the time to give up has come.</summary>
    public async Task RunAsync(Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var elapsed = Stopwatch.StartNew();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                await write();
                return;
            }
            catch (NpgsqlException) when (elapsed.Elapsed + delay.ToTimeSpan() < GiveUpAfter.ToTimeSpan())
            {
                await Task.Delay(delay.ToTimeSpan());
                delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
            }
        }
    }
}
