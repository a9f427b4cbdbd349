using Focalizacion.Access.Tokens;
using Focalizacion.Calendar.Regions;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Focalizacion.Service.Web.Pages.Cuenta;

/// <summary>
/// Mi cuenta (<c>/cuenta</c>): one's personal access tokens (create — shown once —, last use,
/// revoke) and the address of one's regions' calendar feeds to subscribe to.
/// </summary>
[EnableRateLimiting(ServiceIdentity.CredentialsLimit)] // creating tokens, as the API's (a page's limits are the whole page's; GET is never limited)
internal sealed class IndexModel(ApiDatabase database, CalendarFeed feed) : PageModel
{
    public IReadOnlyList<AccessToken> Tokens { get; private set; } = [];

    /// <summary>The token just created: shown once, now.</summary>
    public string? NewToken { get; private set; }

    public string? Notice { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public string? Nombre { get; private set; }

    public int Dias { get; private set; } = AccessTokens.DefaultDays;

    /// <summary>Each region the user may subscribe to, with its feed's absolute address.</summary>
    public IReadOnlyList<(Region Region, string Address)> Feeds { get; private set; } = [];

    public NodaTime.Instant Now => database.Clock.GetCurrentInstant();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCrearAsync(string? nombre, int? dias)
    {
        Nombre = nombre;
        Dias = dias ?? AccessTokens.DefaultDays;
        if (!ModelState.IsValid)
        {
            Errors["dias"] = "Días: escriba un número entero de días.";
        }
        else if (AccessTokens.Check(nombre, Dias) is { } refused)
        {
            var (field, detail) = ApiProblems.Split(refused);
            Errors[field] = $"{(field == "nombre" ? "Nombre" : "Días")}: {detail}.";
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        var caller = Caller.Of(HttpContext);
        (NewToken, _) = await database.Tokens.CreateAsync(caller.Id, nombre!.Trim(), Dias, Caller.Actor(HttpContext), HttpContext.RequestAborted);
        (Nombre, Dias) = (null, AccessTokens.DefaultDays);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevocarAsync(long id)
    {
        var caller = Caller.Of(HttpContext);
        Notice = await database.Tokens.RevokeAsync(caller.Id, id, Caller.Actor(HttpContext), HttpContext.RequestAborted)
            ? $"Se revocó el token {id}: ya no sirve para entrar a la API."
            : null;
        if (Notice is null)
        {
            return NotFound();
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var caller = Caller.Of(HttpContext);
        Tokens = await database.Tokens.ListAsync(caller.Id, HttpContext.RequestAborted);
        var origin = $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        Feeds = [.. RegionRegistry.All.Where(r => caller.Sees(r.IsoSuffix)).Select(r => (r, origin + feed.PathFor(caller, r)))];
    }
}
