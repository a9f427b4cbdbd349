using Focalizacion.Calendar.Regions;
using MimeKit;

namespace Focalizacion.Cycle.Directorio;

/// <summary>
/// What making someone the holder of a cycle role takes, as given (<c>directorio asignar</c>, the
/// API): the region or <see cref="RecipientDirectory.Central"/>, the role, the address (a display
/// name in it is the name when none is given), a name and a post; <see cref="Check"/> says what is
/// wrong, naming the field.
/// </summary>
public sealed record RecipientAssignment(string Place, string Role, string Address, string? Name, string? Position)
{
    /// <summary>Longest name or post: what fits an oficio's address block.</summary>
    public const int MaxTextLength = 300;

    /// <summary>The region (ISO suffix; null: central) and the recipient, or the first problem in Spanish naming the field (<c>region</c>, <c>rol</c>, <c>correo</c>, <c>nombre</c>, <c>cargo</c>).</summary>
    public (string? Region, Recipient Recipient)? Check(out string? problem)
    {
        string? region = null;
        if (Place != RecipientDirectory.Central)
        {
            if (RegionRegistry.Find(Place) is not { } found)
            {
                problem = $"region: no existe la región «{Place}»; use el código ISO (NB), el CUT (16) o el nombre (nuble), o «{RecipientDirectory.Central}»";
                return null;
            }
            region = found.IsoSuffix;
        }
        problem = RoleProblem(region);
        if (problem is not null)
        {
            return null;
        }
        if (!MailboxAddress.TryParse(Address, out var mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal) || mailbox.Address.EndsWith('@'))
        {
            problem = $"correo: «{Address}» no es una dirección de correo válida";
            return null;
        }
        var name = Text(Name ?? (mailbox.Name is { Length: > 0 } display ? display : mailbox.Address), "nombre", out problem);
        var position = Text(Position ?? "", "cargo", out var badPosition);
        problem ??= badPosition;
        return problem is null ? (region, new Recipient(Role, name, position, mailbox.Address)) : null;
    }

    private string? RoleProblem(string? region)
    {
        if (!CycleRoles.All.Contains(Role))
        {
            return $"rol: «{Role}» no es un rol del ciclo; los roles son: {string.Join(", ", CycleRoles.All)}";
        }
        return (Role == CycleRoles.GerenciaRegiones, region) switch
        {
            (true, not null) => $"rol: «{Role}» es un rol central; asígnelo en «{RecipientDirectory.Central}», no en una región",
            (false, null) => $"rol: «{Role}» es un rol regional; indique la región en vez de «{RecipientDirectory.Central}»",
            _ => null,
        };
    }

    private static string Text(string value, string field, out string? problem)
    {
        problem = value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)
            ? $"{field}: no puede tener saltos de línea"
            : value.Trim().Length > MaxTextLength ? $"{field}: tiene más de {MaxTextLength} caracteres" : null;
        return value.Trim();
    }
}
