using System.Text.RegularExpressions;

namespace Focalizacion.Service.Errors;

/// <summary>
/// Gives every problem details response a Spanish title for its status, and drops anything that
/// could carry internals (the exception handler's details) so that users never see a stack trace.
/// </summary>
internal static partial class SpanishProblemDetails
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Title = Title(status);
        problem.Type = null;
        if (context.Exception is BadHttpRequestException bad)
        {
            // A parameter that does not bind (?limite=abc): say which, in Spanish, instead of nothing.
            var (field, detail) = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ("cuerpo", $"cuerpo: supera el máximo de {Hosting.Hardening.MaxRequestBodyBytes / (1024 * 1024)} MiB de cualquier solicitud")
                : Binding(bad.Message);
            problem.Detail = detail;
            if (field is not null)
            {
                problem.Extensions["campo"] = field;
            }
            problem.Extensions.Remove("exception");
        }
        if (status == StatusCodes.Status415UnsupportedMediaType && problem.Detail is null)
        {
            // Routing refuses a body its endpoint does not accept (Accepts) before any handler can say which it wants.
            problem.Detail = "el cuerpo no es de un tipo que esta operación acepte: revise la cabecera Content-Type (la referencia de la API en /api dice cuál)";
        }
        if (status >= StatusCodes.Status500InternalServerError)
        {
            problem.Detail = "El servicio no pudo completar la solicitud. El error quedó registrado; si persiste, avise al equipo de operación.";
            problem.Extensions.Remove("exception");
        }
        problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }

    /// <summary>The parameter and a Spanish reason from the framework's binding message ("Failed to bind parameter \"int? limite\" from \"abc\".").</summary>
    private static (string? Field, string Detail) Binding(string message)
    {
        if (FailedToBind().Match(message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            var value = failed.Groups["value"].Value;
            var kind = failed.Groups["type"].Value.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
            {
                "int" or "long" or "short" or "Int32" or "Int64" or "Int16" => "un número entero",
                "bool" or "Boolean" => "true ni false",
                "decimal" or "double" or "Decimal" or "Double" => "un número",
                "DateTime" or "DateOnly" => "una fecha",
                "Guid" => "un identificador",
                _ => "un valor de la forma esperada",
            };
            var shown = value.Length > 40 ? value[..40] + "…" : value;
            return (name, $"{name}: «{shown}» no es {kind}");
        }
        if (Missing().Match(message) is { Success: true } missing)
        {
            return (missing.Groups["name"].Value, $"{missing.Groups["name"].Value}: falta este parámetro");
        }
        return (null, "la solicitud no tiene la forma que la operación espera");
    }

    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^ "]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>[^ "]+) (?<name>[^ "]+)" was not provided""")]
    private static partial Regex Missing();

    public static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Solicitud incorrecta",
        StatusCodes.Status401Unauthorized => "Se requiere autenticación",
        StatusCodes.Status403Forbidden => "Acceso denegado",
        StatusCodes.Status404NotFound => "Recurso no encontrado",
        StatusCodes.Status405MethodNotAllowed => "Método no permitido",
        StatusCodes.Status409Conflict => "Conflicto con el estado actual",
        StatusCodes.Status413PayloadTooLarge => "Solicitud demasiado grande",
        StatusCodes.Status415UnsupportedMediaType => "Tipo de contenido no admitido",
        StatusCodes.Status422UnprocessableEntity => "Contenido no procesable",
        StatusCodes.Status429TooManyRequests => "Demasiadas solicitudes",
        StatusCodes.Status503ServiceUnavailable => "Servicio no disponible",
        >= StatusCodes.Status500InternalServerError => "Error interno del servicio",
        _ => "Solicitud no atendida",
    };
}
