using Focalizacion.Access;
using Focalizacion.Service.Identity;
using Hangfire.Dashboard;

namespace Focalizacion.Service.Dashboard;

/// <summary>
/// The Hangfire dashboard is for administrators only, from wherever they connect: whoever sees it
/// sees every job's arguments, and loopback alone says nothing about who is calling (any local
/// process or a reverse proxy is loopback). Anonymous → 401, another role → 403, as the API.
/// </summary>
internal sealed class AdministratorOnlyMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) => AdministratorOnly.Refusal(context) switch
    {
        null => next(context),
        var status => ApiProblems.WriteAsync(context, status.Value, status == StatusCodes.Status401Unauthorized
            ? "Se requiere autenticación: el panel de trabajos es solo para administradores."
            : "El panel de trabajos es solo para el rol administrador."),
    };
}

/// <summary>The dashboard's own filter, the second lock on the same door (if it is ever mapped elsewhere).</summary>
internal sealed class AdministratorDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => AdministratorOnly.Refusal(context.GetHttpContext()) is null;
}

internal static class AdministratorOnly
{
    /// <summary>Null when the caller is an active administrador; else the status to refuse with.</summary>
    public static int? Refusal(HttpContext context) => Caller.Find(context) switch
    {
        null => StatusCodes.Status401Unauthorized,
        { Role: var role } when role == Role.Administrador => null,
        _ => StatusCodes.Status403Forbidden,
    };
}
