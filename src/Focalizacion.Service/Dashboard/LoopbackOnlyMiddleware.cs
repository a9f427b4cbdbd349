namespace Focalizacion.Service.Dashboard;

/// <summary>
/// Answers 403 to dashboard requests that do not come from loopback, before Hangfire sees them:
/// Hangfire's own refusal is a 401, which asks for credentials the service cannot take yet.
/// </summary>
internal sealed class LoopbackOnlyMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (LoopbackOnlyDashboardFilter.IsLoopback(context.Connection.RemoteIpAddress))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
