namespace Focalizacion.Cycle.Benchmarks;

/// <summary>Samples the managed heap every 20 ms and keeps the highest reading since <see cref="Reset"/>.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public HeapSampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));

    public long Peak
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Reset() => Interlocked.Exchange(ref _peak, GC.GetTotalMemory(forceFullCollection: true));

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }
}
