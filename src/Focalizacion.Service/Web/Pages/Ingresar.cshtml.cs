using Focalizacion.Access.Users;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Focalizacion.Service.Web.Pages;

/// <summary>
/// Logging in: a local account's e-mail and password (lockout and rate limit as the API's), or the
/// external provider's button (ClaveÚnica or another OpenID Connect) where one is configured.
/// </summary>
[EnableRateLimiting(ServiceIdentity.CredentialsLimit)]
internal sealed class IngresarModel(ApiDatabase database, IServiceProvider services) : PageModel
{
    /// <summary>Why an external login came back here (<c>?externo=</c>), in words.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExternalOutcomes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ExternalLogin.NotAuthorized] = "No autorizado: la persona con que ingresó no corresponde a un usuario activo del servicio. Pida acceso a la administración del servicio en Sercotec.",
        [ExternalLogin.Failed] = "No se pudo completar el ingreso con el proveedor externo; vuelva a intentarlo.",
    };

    public string Volver { get; private set; } = "/";

    public string? Correo { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Notice { get; private set; }

    public bool NoticeIsError { get; private set; }

    /// <summary>The external provider's name, when one is configured.</summary>
    public string? External => services.GetService<ExternalLoginSettings>()?.DisplayName;

    public string ExternalUrl => $"{ApiEndpoints.Prefix}/sesion/externa{QueryString.Create("volver", Volver)}";

    public IActionResult OnGet(string? volver, string? externo, string? salida)
    {
        Volver = ReturnPath.Safe(volver);
        if (Caller.Find(HttpContext) is not null && externo is null)
        {
            return LocalRedirect(Volver);
        }
        if (externo is not null && ExternalOutcomes.TryGetValue(externo, out var outcome))
        {
            (Notice, NoticeIsError) = (outcome, true);
        }
        else if (salida is not null)
        {
            (Notice, NoticeIsError) = ("Cerró su sesión.", false);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? correo, string? clave, string? volver)
    {
        Volver = ReturnPath.Safe(volver);
        Correo = correo;
        if (correo is not { Length: > 0 } || correo.Length > NewUser.MaxEmailLength)
        {
            Errors["correo"] = "Escriba su correo electrónico.";
        }
        if (clave is not { Length: > 0 } || clave.Length > UserStore.MaxPasswordLength)
        {
            Errors["clave"] = "Escriba su clave.";
        }
        if (Errors.Count > 0)
        {
            (Notice, NoticeIsError) = ("Revise los campos marcados.", true);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var outcome = await database.Users.CheckPasswordAsync(correo!, clave!, ActorChannel.Web, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        if (!outcome.Success)
        {
            (Notice, NoticeIsError) = (outcome.Refusal!, true);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await SesionApi.SignInAsync(HttpContext, outcome.User!);
        return LocalRedirect(Volver);
    }
}
