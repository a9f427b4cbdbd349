using Focalizacion.Access;
using Focalizacion.Access.Users;

namespace Focalizacion.Service.Web;

/// <summary>One entry of the main menu: its section, path, label and what a user needs to see it.</summary>
internal sealed record WebSection(string Key, string Path, string Label, Func<User, bool> Shows);

/// <summary>The main menu, in order: the one place that says which sections exist and who sees them.</summary>
internal static class WebNavigation
{
    public const string Tablero = "tablero";
    public const string Diario = "diario";
    public const string Oficios = "oficios";
    public const string Incidentes = "incidentes";
    public const string Registrar = "registrar";
    public const string Nacional = "nacional";
    public const string Administracion = "administracion";
    public const string Cuenta = "cuenta";

    public static IReadOnlyList<WebSection> Sections { get; } =
    [
        new(Tablero, "/", "Tablero", user => user.May(Capability.Leer)),
        new(Diario, "/diario", "Diario", user => user.May(Capability.Leer)),
        new(Oficios, "/oficios", "Oficios", user => user.May(Capability.Leer)),
        new(Incidentes, "/incidentes", "Incidentes", user => user.May(Capability.LeerAdministracion)),
        new(Nacional, "/focalizacion/nacional", "Focalización nacional", Pages.NacionalModel.Shows),
        new(Registrar, "/registrar", "Registrar", user => Api.CycleActions.EventsFor(user).Count > 0),
        new(Administracion, "/administracion", "Administración", user => user.May(Capability.LeerAdministracion)),
        new(Cuenta, "/cuenta", "Mi cuenta", _ => true),
    ];

    /// <summary>"Gobierno Regional · Región de Ñuble", "Sercotec, nivel central".</summary>
    public static string RoleText(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = user.Role.Description;
        var capitalised = char.ToUpperInvariant(role[0]) + role[1..];
        return user.Region is { } code && Focalizacion.Calendar.Regions.RegionRegistry.Find(code) is { } region
            ? $"{capitalised} · {region.OfficialName}"
            : capitalised;
    }
}
