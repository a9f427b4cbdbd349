using Focalizacion.Service.Access;
using Focalizacion.Service.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages;

/// <summary>Logging out (POST only, with the antiforgery token): journaled, then back to the login page.</summary>
internal sealed class SalirModel(ApiDatabase database) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await SesionApi.SignOutAsync(HttpContext, database, HttpContext.RequestAborted);
        return Redirect(WebSetup.LoginPath + "?salida=1");
    }
}
