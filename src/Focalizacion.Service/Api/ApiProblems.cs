using Focalizacion.Service.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Focalizacion.Service;

/// <summary>
/// The API's errors: <c>application/problem+json</c> with a Spanish title for the status and a
/// detail that names the field at fault (<c>campo</c>) when there is one.
/// </summary>
internal static class ApiProblems
{
    /// <summary>400: <paramref name="field"/> (as the request names it: <c>datos.montos.Crece</c>, <c>anio</c>) is wrong.</summary>
    public static ProblemHttpResult BadRequest(string field, string detail) => Problem(StatusCodes.Status400BadRequest, $"{field}: {detail}", field);

    /// <summary>
    /// A Spanish problem as the library words it, "campo: detalle" (<c>correo: «x» no es una
    /// dirección…</c>), as its field and its detail; a problem that names no field is the body's.
    /// </summary>
    public static (string Field, string Detail) Split(string problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var colon = problem.IndexOf(": ", StringComparison.Ordinal);
        // A field is a path (eventos[0].datos.montos.Capital Semilla): its first name has no space, a sentence's does.
        var first = colon > 0 ? problem[..colon].Split('.', '[')[0] : "";
        return first.Length > 0 && !first.Contains(' ', StringComparison.Ordinal) ? (problem[..colon], problem[(colon + 2)..]) : ("cuerpo", problem);
    }

    /// <summary>400 from a library's "campo: detalle" problem (<see cref="Split"/>).</summary>
    public static ProblemHttpResult BadRequest(string problem)
    {
        var (field, detail) = Split(problem);
        return BadRequest(field, detail);
    }

    /// <summary>404: what was asked for does not exist, or the caller may not know that it does.</summary>
    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, detail);

    /// <summary>409: the request is well formed but the state refuses it (the cycle does not wait for that event).</summary>
    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, detail);

    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, detail);

    /// <summary>422 with the list of problems (element or field, and its message).</summary>
    public static ProblemHttpResult Unprocessable(string detail, IEnumerable<object> problems) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: SpanishProblemDetails.Title(StatusCodes.Status422UnprocessableEntity),
            extensions: new Dictionary<string, object?> { ["problemas"] = problems.ToList() });

    public static ProblemHttpResult Problem(int status, string detail, string? field = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: SpanishProblemDetails.Title(status),
            extensions: field is null ? null : new Dictionary<string, object?> { ["campo"] = field });

    /// <summary>Writes a problem outside an endpoint (authentication challenges, rate limits).</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail) =>
        Problem(status, detail).ExecuteAsync(context);
}
