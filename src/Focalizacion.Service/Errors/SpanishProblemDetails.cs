namespace Focalizacion.Service.Errors;

/// <summary>
/// Gives every problem details response a Spanish title for its status, and drops anything that
/// could carry internals (the exception handler's details) so that users never see a stack trace.
/// </summary>
internal static class SpanishProblemDetails
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Title = Title(status);
        problem.Type = null;
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
