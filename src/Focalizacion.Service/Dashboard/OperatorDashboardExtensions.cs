using Hangfire;

namespace Focalizacion.Service.Dashboard;

/// <summary>The Hangfire dashboard for operators at <c>/hangfire</c>: jobs, retries, servers. Loopback only until authentication exists.</summary>
internal static class OperatorDashboardExtensions
{
    public const string Path = "/hangfire";

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        // Two locks on one door: the middleware gives outsiders a plain 403 (with the Spanish problem
        // details of the status pages), the filter keeps the dashboard closed if it is ever mapped elsewhere.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch.UseMiddleware<LoopbackOnlyMiddleware>());
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new LoopbackOnlyDashboardFilter()],
            DashboardTitle = "Focalización Regional — trabajos",
            // Deleting or requeueing jobs by hand would bypass the engine's own retry and incident rules.
            IsReadOnlyFunc = _ => true,
        });
        return app;
    }
}
