using Microsoft.AspNetCore.Antiforgery;

namespace Focalizacion.Service.Identity;

/// <summary>
/// Every change made with the browser's session cookie must carry the antiforgery token
/// (<see cref="ServiceIdentity.AntiforgeryHeader"/>, from <c>GET /api/v1/sesion</c>): another
/// site cannot make a logged-in browser change anything. Tokens (<c>Bearer</c>) are not ambient
/// credentials and need none.
/// </summary>
internal sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
            && Caller.IsSession(http) && !await antiforgery.IsRequestValidAsync(http))
        {
            return ApiProblems.BadRequest(ServiceIdentity.AntiforgeryHeader,
                "falta o no vale el token antifalsificación; léalo de GET /api/v1/sesion y envíelo en esa cabecera");
        }
        return await next(context);
    }
}
