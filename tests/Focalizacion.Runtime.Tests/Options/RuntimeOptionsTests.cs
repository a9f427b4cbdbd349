using NodaTime;

namespace Focalizacion.Runtime.Tests.Options;

public sealed class RuntimeOptionsTests
{
    [Test]
    public void Backoff_doubles_from_the_first_delay_up_to_the_cap_and_stays_there_for_any_number_of_attempts()
    {
        var options = new RuntimeOptions { FirstRetryDelay = Duration.FromMinutes(1), MaxRetryDelay = Duration.FromHours(1) };

        Assert.That(new[] { 1, 2, 3, 6 }.Select(options.RetryDelay), Is.EqualTo(new[] { 1, 2, 4, 32 }.Select(m => Duration.FromMinutes(m))));
        // A server down for days: hourly attempts reach counts where 2^n minutes no longer fits a Duration.
        Assert.That(new[] { 7, 36, 130, int.MaxValue }.Select(options.RetryDelay), Has.All.EqualTo(Duration.FromHours(1)));
    }
}
