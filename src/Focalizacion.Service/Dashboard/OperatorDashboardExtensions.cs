using Hangfire;

namespace Focalizacion.Service.Dashboard;

/// <summary>The Hangfire dashboard for operators at <c>/hangfire</c>: jobs, retries, servers. Loopback only until authentication exists.</summary>
internal static class OperatorDashboardExtensions
{
    public const string Path = "/hangfire";

    public static IEndpointRouteBuilder MapOperatorDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new LoopbackOnlyDashboardFilter()],
            DashboardTitle = "Focalización Regional — trabajos",
            // Deleting or requeueing jobs by hand would bypass the engine's own retry and incident rules.
            IsReadOnlyFunc = _ => true,
        });
        return endpoints;
    }
}
