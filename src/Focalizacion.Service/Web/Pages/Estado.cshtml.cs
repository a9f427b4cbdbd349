using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>The page of an error status (404, 403, 500…), in Spanish: never a stack trace or an empty answer.</summary>
internal sealed class EstadoModel : PageModel
{
    public string Title { get; private set; } = "";

    public string Explanation { get; private set; } = "";

    public void OnGet(int? codigo) => Describe(codigo);

    public void OnPost(int? codigo) => Describe(codigo);

    private void Describe(int? codigo)
    {
        // Only as the re-execution of an error status; asked directly, it is a page that does not exist.
        var status = HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null ? StatusCodes.Status500InternalServerError
            : HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null ? codigo ?? StatusCodes.Status500InternalServerError
            : StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        (Title, Explanation) = status switch
        {
            StatusCodes.Status404NotFound => ("No encontrado", "La página que busca no existe, o no es de las regiones que usted puede ver."),
            StatusCodes.Status403Forbidden => ("Acceso no permitido", "Su rol no permite ver esta página ni hacer esta operación. Si cree que debería, pida acceso a la administración del servicio."),
            StatusCodes.Status400BadRequest => ("Solicitud no válida", "La solicitud no se pudo procesar (quizá el formulario caducó). Vuelva a la página e inténtelo de nuevo."),
            StatusCodes.Status429TooManyRequests => ("Demasiados intentos", "Hubo demasiados intentos desde esta dirección; espere un minuto y vuelva a intentarlo."),
            >= 500 => ("Error del servicio", "El servicio no pudo responder. No se cambió nada; vuelva a intentarlo en unos minutos y, si persiste, avise a la administración del servicio."),
            _ => ("Error", $"La solicitud terminó con el código {status}."),
        };
    }
}
