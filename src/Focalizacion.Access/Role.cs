namespace Focalizacion.Access;

/// <summary>
/// A role of the service's users, with what it sees: the roles table of <c>docs/acceso.md</c>,
/// declared here once (what each may do is <see cref="AccessPolicy"/>).
/// </summary>
/// <param name="Name">As stored and written on the command line (<c>sercotec-central</c>).</param>
/// <param name="Description">Spanish, for people.</param>
/// <param name="Regional">Whether the role belongs to one region and sees only it.</param>
public sealed record Role(string Name, string Description, bool Regional)
{
    public static Role Administrador { get; } = new("administrador", "administración del servicio", Regional: false);

    public static Role SercotecCentral { get; } = new("sercotec-central", "Sercotec, nivel central", Regional: false);

    public static Role SercotecRegional { get; } = new("sercotec-regional", "Sercotec, dirección regional", Regional: true);

    public static Role Gore { get; } = new("gore", "Gobierno Regional", Regional: true);

    public static Role Auditor { get; } = new("auditor", "auditoría (solo lectura)", Regional: false);

    public static IReadOnlyList<Role> All { get; } = [Administrador, SercotecCentral, SercotecRegional, Gore, Auditor];

    public static Role? Find(string? name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>Spanish list of the role names, for error messages.</summary>
    public static string KnownNames => string.Join(", ", All.Select(r => r.Name));

    public override string ToString() => Name;
}
