namespace Focalizacion.Access;

/// <summary>
/// The one policy layer: what each role may do (<see cref="Capability"/>) and which regions it sees.
/// The API, the web and the CLI ask it; the database enforces the regions again (row-level security).
/// </summary>
public static class AccessPolicy
{
    private static readonly Dictionary<string, HashSet<Capability>> Allowed = new(StringComparer.Ordinal)
    {
        [Role.Administrador.Name] =
        [
            Capability.Leer, Capability.LeerDiarioCompleto, Capability.Simular, Capability.AdministrarDefiniciones, Capability.AdministrarPlantillas,
            Capability.AdministrarDirectorio, Capability.AdministrarUsuarios, Capability.ResolverIncidentes, Capability.LeerAdministracion,
            Capability.RegistrarDocDigital, Capability.RevisarFocalizacion, Capability.ExportarFocalizacionNacional,
        ],
        [Role.SercotecCentral.Name] = [Capability.Leer, Capability.RegistrarEventosSercotec, Capability.RevisarFocalizacion, Capability.Simular, Capability.RegistrarDocDigital, Capability.ExportarFocalizacionNacional],
        [Role.SercotecRegional.Name] = [Capability.Leer],
        [Role.Gore.Name] = [Capability.Leer, Capability.RegistrarEventosGore],
        [Role.Auditor.Name] = [Capability.Leer, Capability.LeerDiarioCompleto, Capability.LeerAdministracion, Capability.ExportarFocalizacionNacional],
    };

    public static bool May(Role role, Capability capability)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Allowed.TryGetValue(role.Name, out var permissions) && permissions.Contains(capability);
    }

    /// <summary>The roles that have <paramref name="capability"/>, for documentation and messages.</summary>
    public static IReadOnlyList<Role> RolesThatMay(Capability capability) => [.. Role.All.Where(r => May(r, capability))];
}
