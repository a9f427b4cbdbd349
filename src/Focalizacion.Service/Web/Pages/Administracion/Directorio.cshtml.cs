using Focalizacion.Access;
using Focalizacion.Cycle.Directorio;
using Focalizacion.Runtime;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Administracion;

/// <summary>The directory (<c>/administracion/directorio</c>): who holds each cycle role, per region and centrally; assigning one replaces its holder.</summary>
[Authorize(Policy = nameof(Capability.LeerAdministracion))]
internal sealed class DirectorioModel(ApiDatabase database, EngineRuntime engine) : PageModel
{
    public IReadOnlyList<(string? Region, Recipient Recipient)> Entries { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public string? Notice { get; private set; }

    public (string? Lugar, string? Rol, string? Correo, string? Nombre, string? Cargo) Form { get; private set; }

    public bool MayChange => Caller.Of(HttpContext).May(Capability.AdministrarDirectorio);

    public async Task OnGetAsync()
    {
        var rows = await database.ReadAsync(Caller.Of(HttpContext), () => new RecipientDirectory(database.Store).ListAsync(null, HttpContext.RequestAborted), HttpContext.RequestAborted);
        Entries = rows;
    }

    public async Task<IActionResult> OnPostAsync(string? lugar, string? rol, string? correo, string? nombre, string? cargo)
    {
        if (!MayChange)
        {
            return Forbid();
        }
        Form = (lugar, rol, correo, nombre, cargo);
        if (correo is not { Length: > 0 })
        {
            Errors.Add("correo", "falta el correo de quien tendrá el rol");
        }
        else if (new RecipientAssignment(lugar ?? "", rol ?? "", correo, nombre, cargo).Check(out var problem) is not { } valid)
        {
            Errors.Add(problem!.StartsWith("region:", StringComparison.Ordinal) ? "lugar:" + problem["region:".Length..] : problem);
        }
        else
        {
            // The owner's store: the role that serves users only reads the directory.
            await new RecipientDirectory(engine.Store).ReplaceRoleAsync(valid.Region, valid.Recipient, HttpContext.RequestAborted);
            Notice = $"{valid.Recipient.Name} <{valid.Recipient.Address}> es ahora «{valid.Recipient.Role}» en {valid.Region ?? RecipientDirectory.Central}.";
            Form = default;
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await OnGetAsync();
        return Page();
    }
}
