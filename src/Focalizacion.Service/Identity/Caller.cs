using Focalizacion.Access.Users;
using Focalizacion.Runtime;

namespace Focalizacion.Service.Identity;

/// <summary>The authenticated user of a request, as <see cref="CallerMiddleware"/> loaded it from the users table.</summary>
internal static class Caller
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, User user) => context.Items[Key] = user;

    /// <summary>The request's user, if authenticated and active.</summary>
    public static User? Find(HttpContext context) => context.Items.TryGetValue(Key, out var user) ? (User?)user : null;

    /// <summary>The request's user; only for endpoints that require authentication.</summary>
    public static User Of(HttpContext context) => Find(context) ?? throw new InvalidOperationException("The endpoint requires an authenticated caller.");

    /// <summary>The journal's actor: the user, through the web (cookie session) or the API (token), from the client's address.</summary>
    public static Actor Actor(HttpContext context) =>
        Of(context).AsActor(IsSession(context) ? ActorChannel.Web : ActorChannel.Api, context.Connection.RemoteIpAddress?.ToString());

    /// <summary>Whether the request came with the browser session's cookie (and so needs the antiforgery token to change anything).</summary>
    public static bool IsSession(HttpContext context) =>
        context.User.Identity?.AuthenticationType == ServiceIdentity.SessionScheme;
}
