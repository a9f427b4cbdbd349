using System.Net;
using Focalizacion.Service.Dashboard;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Focalizacion.Service.Tests.Dashboard;

/// <summary>
/// Who gets into the dashboard. The tests cannot reach the service from another address, so the
/// filter and the middleware are fed requests that appear to come from elsewhere.
/// </summary>
public sealed class LoopbackOnlyDashboardFilterTests
{
    [TestCase("127.0.0.1", true)]
    [TestCase("127.0.0.2", true)]
    [TestCase("::1", true)]
    [TestCase("::ffff:127.0.0.1", true)]
    [TestCase("10.0.0.5", false)]
    [TestCase("203.0.113.7", false)]
    [TestCase("::ffff:203.0.113.7", false)]
    [TestCase("2001:db8::1", false)]
    public void Only_loopback_addresses_count_as_local(string address, bool loopback) =>
        Assert.That(LoopbackOnlyDashboardFilter.IsLoopback(IPAddress.Parse(address)), Is.EqualTo(loopback));

    [Test]
    public void An_unknown_address_is_not_local() => Assert.That(LoopbackOnlyDashboardFilter.IsLoopback(null), Is.False);

    [TestCase("127.0.0.1", true)]
    [TestCase("203.0.113.7", false)]
    public void Filter_decides_on_the_connection_address(string address, bool allowed)
    {
        // The dashboard context looks up optional services (antiforgery); an empty provider has none.
        using var services = new ServiceCollection().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        var context = new AspNetCoreDashboardContext(new NoStorage(), new DashboardOptions(), http);
        Assert.That(new LoopbackOnlyDashboardFilter().Authorize(context), Is.EqualTo(allowed));
    }

    [Test]
    public async Task Middleware_answers_403_to_a_request_from_another_machine()
    {
        var reachedDashboard = false;
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        await new LoopbackOnlyMiddleware(_ => { reachedDashboard = true; return Task.CompletedTask; }).InvokeAsync(http);
        Assert.Multiple(() =>
        {
            Assert.That(http.Response.StatusCode, Is.EqualTo(StatusCodes.Status403Forbidden));
            Assert.That(reachedDashboard, Is.False);
        });
    }

    [Test]
    public async Task Middleware_lets_loopback_through()
    {
        var reachedDashboard = false;
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.IPv6Loopback;
        await new LoopbackOnlyMiddleware(_ => { reachedDashboard = true; return Task.CompletedTask; }).InvokeAsync(http);
        Assert.That(reachedDashboard, Is.True);
    }

    /// <summary>The dashboard context wants a storage; the filter never touches it.</summary>
    private sealed class NoStorage : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi() => throw new NotSupportedException();

        public override IStorageConnection GetConnection() => throw new NotSupportedException();
    }
}
