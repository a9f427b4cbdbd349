using System.Net;
using Hangfire.Dashboard;

namespace Focalizacion.Service.Dashboard;

/// <summary>
/// Lets into the Hangfire dashboard only requests whose connection comes from this machine's
/// loopback, until the service has authentication. Hangfire's own
/// <c>LocalRequestsOnlyAuthorizationFilter</c> is not used: it compares address strings, so it
/// refuses IPv4 loopback seen through a dual-stack socket (<c>::ffff:127.0.0.1</c>) and
/// <c>127.0.0.2</c>, and it admits any request whose remote address equals the local one.
/// </summary>
internal sealed class LoopbackOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsLoopback(context.GetHttpContext().Connection.RemoteIpAddress);

    /// <summary>Unknown addresses are not loopback: the dashboard fails closed.</summary>
    public static bool IsLoopback(IPAddress? remote) =>
        remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
}
