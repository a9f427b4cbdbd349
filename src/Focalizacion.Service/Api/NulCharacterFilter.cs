namespace Focalizacion.Service.Api;

/// <summary>
/// Refuses a query parameter or path value holding U+0000 with a 400 naming it: PostgreSQL takes
/// no such character in a text parameter, so it would otherwise fail the read as a 500. (Bodies
/// are checked where they are read, <see cref="ApiJson.ReadAsync{T}"/>.)
/// </summary>
internal sealed class NulCharacterFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0', StringComparison.Ordinal) || values.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            {
                return ValueTask.FromResult<object?>(Refused(name));
            }
        }
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && text.Contains('\0', StringComparison.Ordinal))
            {
                return ValueTask.FromResult<object?>(Refused(name));
            }
        }
        return next(context);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(string name) =>
        ApiProblems.BadRequest(name.Replace("\0", "", StringComparison.Ordinal), "contiene el carácter nulo (U+0000), que el servicio no admite");
}
