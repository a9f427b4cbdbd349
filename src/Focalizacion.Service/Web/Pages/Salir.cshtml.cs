using Focalizacion.Access;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>Logging out (POST only, with the antiforgery token): journaled, then back to the login page.</summary>
internal sealed class SalirModel(ApiDatabase database) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await database.Journal.RecordAsync(Caller.Actor(HttpContext), AccessEvent.SessionEnded, "cerró la sesión", HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(ServiceIdentity.SessionScheme);
        return Redirect(WebSetup.LoginPath + "?salida=1");
    }
}
