using System.Net.Mail;
using Focalizacion.Calendar.Regions;

namespace Focalizacion.Access.Users;

/// <summary>What creating a user takes, as given (CLI, API); <see cref="Check"/> says what is wrong, naming the field.</summary>
public sealed record NewUser(string Email, string RoleName, string? RegionCode, string? Name, string? RunText)
{
    /// <summary>Longest e-mail address (RFC 5321 §4.5.3.1.3 path limit).</summary>
    public const int MaxEmailLength = 254;

    public const int MaxNameLength = 200;

    /// <summary>The user's values, normalised (region as ISO code, RUN as 12345678-5), or the first problem in Spanish naming the field.</summary>
    public (string Email, Role Role, string? Region, string Name, string? Run)? Check(out string? problem)
    {
        problem = null;
        var email = Email.Trim();
        if (email.Length is 0 or > MaxEmailLength || !MailAddress.TryCreate(email, out var address) || address.Address != email || !email.Contains('.', StringComparison.Ordinal))
        {
            problem = $"correo: «{Email}» no es una dirección de correo electrónico";
            return null;
        }
        if (Role.Find(RoleName) is not { } role)
        {
            problem = $"rol: «{RoleName}» no es un rol del servicio; los roles son: {Role.KnownNames}";
            return null;
        }
        string? region = null;
        if (role.Regional)
        {
            if (RegionCode is not { Length: > 0 })
            {
                problem = $"region: el rol «{role.Name}» es de una región; indique cuál (código, CUT o nombre)";
                return null;
            }
            if (RegionRegistry.Find(RegionCode) is not { } found)
            {
                problem = $"region: región desconocida «{RegionCode}»";
                return null;
            }
            region = found.IsoSuffix;
        }
        else if (RegionCode is { Length: > 0 })
        {
            problem = $"region: el rol «{role.Name}» ve todas las regiones; no lleva región";
            return null;
        }
        var name = (Name ?? "").Trim();
        if (name.Length > MaxNameLength)
        {
            problem = $"nombre: tiene más de {MaxNameLength} caracteres";
            return null;
        }
        string? run = null;
        if (RunText is { Length: > 0 })
        {
            if (Access.Run.Parse(RunText, out var badRun) is not { } parsed)
            {
                problem = $"run: {badRun}";
                return null;
            }
            run = parsed.ToString();
        }
        return (email, role, region, name.Length > 0 ? name : email, run);
    }
}
