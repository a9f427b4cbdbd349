using Focalizacion.Access;
using Focalizacion.Access.Users;
using Focalizacion.Service.Access;
using Focalizacion.Service.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Focalizacion.Service.Web.Pages.Administracion;

/// <summary>The users (<c>/administracion/usuarios</c>): listed with role and region; created and deactivated by an administrator, journaled.</summary>
[Authorize(Policy = nameof(Capability.LeerAdministracion))]
internal sealed class UsuariosModel(ApiDatabase database) : PageModel
{
    public IReadOnlyList<User> Users { get; private set; } = [];

    public FormErrors Errors { get; } = new();

    public string? Notice { get; private set; }

    public NewUserForm Form { get; private set; } = new(null, null, null, null, null);

    public bool MayChange => Caller.Of(HttpContext).May(Capability.AdministrarUsuarios);

    /// <summary>What the creation form sent back, to show it again with its problems.</summary>
    public sealed record NewUserForm(string? Correo, string? Nombre, string? Rol, string? Region, string? Run);

    public async Task OnGetAsync() => Users = await database.Users.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCrearAsync(string? correo, string? nombre, string? rol, string? region, string? run, string? clave)
    {
        if (!MayChange)
        {
            return Forbid();
        }
        Form = new(correo, nombre, rol, region, run);
        var user = new NewUser(correo ?? "", rol ?? "", region is { Length: > 0 } ? region : null, nombre, run is { Length: > 0 } ? run : null);
        if (user.Check(out var problem) is null)
        {
            Errors.Add(problem!);
        }
        else if (clave is { Length: > 0 } && UserStore.CheckPassword(clave) is { } weak)
        {
            Errors.Add(weak);
        }
        else
        {
            var (created, refused) = await database.Users.CreateAsync(user, clave is { Length: > 0 } ? clave : null, Caller.Actor(HttpContext), HttpContext.RequestAborted);
            if (created is null)
            {
                Errors.Add(refused!);
            }
            else
            {
                Notice = $"Se creó el usuario {created.Email} ({UserStore.Describe(created)}).";
                Form = new(null, null, null, null, null);
            }
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDesactivarAsync(long id, bool confirmo)
    {
        if (!MayChange)
        {
            return Forbid();
        }
        if (await database.Users.FindByIdAsync(id, HttpContext.RequestAborted) is not { } user)
        {
            return NotFound();
        }
        if (user.Id == Caller.Of(HttpContext).Id)
        {
            Errors.Add("formulario", "usted no puede desactivarse a sí mismo; pídaselo a otro administrador");
        }
        else if (!confirmo)
        {
            Errors.Add($"confirmo-{id}", $"marque la casilla para confirmar que desactiva a {user.Email}");
        }
        else
        {
            await database.Users.DeactivateAsync(user.Email, Caller.Actor(HttpContext), HttpContext.RequestAborted);
            Notice = $"Se desactivó a {user.Email}: ya no puede entrar, y sus tokens y calendarios dejan de servir.";
        }
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await OnGetAsync();
        return Page();
    }
}
