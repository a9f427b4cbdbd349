using System.Globalization;
using System.Security.Claims;
using Focalizacion.Service.Access;
using Microsoft.AspNetCore.Authentication;

namespace Focalizacion.Service.Identity;

/// <summary>
/// Loads the authenticated principal's user from the users table on every request (a token's
/// was read with the token, <see cref="TokenAuthenticationHandler"/>), so that a
/// deactivated user or a changed role takes effect at once; a session whose user is gone or
/// inactive is signed out and the request goes on as anonymous.
/// </summary>
internal sealed class CallerMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ApiDatabase database)
    {
        if (Caller.Find(context) is null // a token's user was read with the token, in the same statement
            && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId))
        {
            if (await database.Users.FindByIdAsync(userId, context.RequestAborted) is { Active: true } user)
            {
                Caller.Set(context, user);
            }
            else
            {
                if (Caller.IsSession(context))
                {
                    await context.SignOutAsync(ServiceIdentity.SessionScheme);
                }
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }
        await next(context);
    }
}
