using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Service.Dashboard;
using Focalizacion.Service.Identity;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Focalizacion.Service.Tests.Dashboard;

/// <summary>Who gets into the job dashboard: an administrador, wherever from; nobody else, loopback or not.</summary>
public sealed class AdministratorOnlyTests
{
    [Test]
    public async Task Anonymous_gets_401_even_from_loopback()
    {
        var (status, reached) = await ThroughMiddlewareAsync(null);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(StatusCodes.Status401Unauthorized));
            Assert.That(reached, Is.False);
        });
    }

    [TestCase("gore")]
    [TestCase("auditor")]
    [TestCase("sercotec-central")]
    public async Task Another_role_gets_403(string role)
    {
        var (status, reached) = await ThroughMiddlewareAsync(Role.Find(role));
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(StatusCodes.Status403Forbidden));
            Assert.That(reached, Is.False);
        });
    }

    [Test]
    public async Task An_administrator_gets_through()
    {
        var (_, reached) = await ThroughMiddlewareAsync(Role.Administrador);
        Assert.That(reached, Is.True);
    }

    [TestCase("administrador", true)]
    [TestCase("gore", false)]
    [TestCase(null, false)]
    public void Dashboard_filter_decides_the_same(string? role, bool allowed)
    {
        // The dashboard context looks up optional services (antiforgery); an empty provider has none.
        using var services = new ServiceCollection().BuildServiceProvider();
        var http = Request(role is null ? null : Role.Find(role));
        http.RequestServices = services;
        var context = new AspNetCoreDashboardContext(new NoStorage(), new DashboardOptions(), http);
        Assert.That(new AdministratorDashboardFilter().Authorize(context), Is.EqualTo(allowed));
    }

    private static async Task<(int Status, bool Reached)> ThroughMiddlewareAsync(Role? role)
    {
        var reached = false;
        var http = Request(role);
        using var services = new ServiceCollection().AddProblemDetails().AddLogging().BuildServiceProvider();
        http.RequestServices = services;
        http.Response.Body = new MemoryStream();
        await new AdministratorOnlyMiddleware(_ => { reached = true; return Task.CompletedTask; }).InvokeAsync(http);
        return (http.Response.StatusCode, reached);
    }

    private static DefaultHttpContext Request(Role? role)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        if (role is not null)
        {
            Caller.Set(http, new User(1, "a@b.cl", "A", null, role, role.Regional ? "NB" : null, true, Instant.FromUnixTimeSeconds(0)));
        }
        return http;
    }

    /// <summary>The dashboard context wants a storage; the filter never touches it.</summary>
    private sealed class NoStorage : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi() => throw new NotSupportedException();

        public override IStorageConnection GetConnection() => throw new NotSupportedException();
    }
}
