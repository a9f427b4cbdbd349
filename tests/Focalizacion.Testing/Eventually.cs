using System.Diagnostics;

namespace Focalizacion.Testing;

/// <summary>Waiting for what another process or thread does (a service's worker, a Hangfire job), without sleeping longer than it takes.</summary>
public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="limit"/> passes; whether it held.</summary>
    public static async Task<bool> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }
}
