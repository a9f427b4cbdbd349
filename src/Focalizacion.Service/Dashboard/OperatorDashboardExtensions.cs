using Hangfire;

namespace Focalizacion.Service.Dashboard;

/// <summary>The Hangfire dashboard for operators at <c>/hangfire</c>: jobs, retries, servers; for administrators only (<see cref="AdministratorOnly"/>).</summary>
internal static class OperatorDashboardExtensions
{
    public const string Path = "/hangfire";

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        // Two locks on one door: the middleware answers 401/403 as Spanish problem details (Hangfire's
        // own refusal is a bare 401), the filter keeps the dashboard closed if it is ever mapped elsewhere.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), branch => branch.UseMiddleware<AdministratorOnlyMiddleware>());
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdministratorDashboardFilter()],
            DashboardTitle = "Focalización Regional — trabajos",
            // Deleting or requeueing jobs by hand would bypass the engine's own retry and incident rules.
            IsReadOnlyFunc = _ => true,
        });
        return app;
    }
}
