using Focalizacion.Calendar;
using Focalizacion.Calendar.Regions;
using Focalizacion.Runtime.Persistence;
using Npgsql;

namespace Focalizacion.Cycle.Directorio;

/// <summary>
/// Fills the directory with placeholder recipients so that a new installation (or a simulation)
/// can run the cycle end to end: every name says "(ficticio)" and every address is under the
/// reserved <c>.invalid</c> domain, so nothing real is ever written to by mistake.
/// </summary>
/// <remarks>
/// Idempotent and respectful of admins: a role that already has anyone for a region is left
/// alone, so a seed run after an admin replaced a placeholder does not bring it back.
/// </remarks>
public static class DirectorySeed
{
    /// <summary>The placeholder rows: 4 roles for each of the 16 regions, plus the central role.</summary>
    public static IReadOnlyList<(string? Region, Recipient Recipient)> Placeholders { get; } = Build();

    /// <summary>Inserts the placeholders whose region and role have nobody yet; returns how many were inserted.</summary>
    public static async Task<int> SeedAsync(Store store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        // One statement for all 65 rows (it runs at every service start and every simulation).
        await using var command = store.CreateCommand(
            "INSERT INTO directorio (region, rol, nombre, cargo, correo) " +
            "SELECT s.region, s.rol, s.nombre, s.cargo, s.correo FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS s (region, rol, nombre, cargo, correo, n) " +
            "WHERE NOT EXISTS (SELECT 1 FROM directorio d WHERE coalesce(d.region, '') = coalesce(s.region, '') AND d.rol = s.rol) " +
            "ORDER BY s.n ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = Placeholders.Select(p => p.Region).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Placeholders.Select(p => p.Recipient.Role).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Placeholders.Select(p => p.Recipient.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Placeholders.Select(p => p.Recipient.Position).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Placeholders.Select(p => p.Recipient.Address).ToArray() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(string?, Recipient)> Build()
    {
        var rows = new List<(string?, Recipient)>();
        foreach (var region in RegionRegistry.All)
        {
            var code = Spanish.FoldToAscii(region.IsoSuffix);
            var of = $"de {region.Name}";
            rows.Add((region.IsoSuffix, new Recipient(CycleRoles.Gobernador, $"Gobernador(a) Regional {of} (ficticio)",
                $"Gobernador(a) Regional {of}", $"gobernador.{code}@gore.ejemplo.invalid")));
            rows.Add((region.IsoSuffix, new Recipient(CycleRoles.Contraparte, $"Contraparte oficial del GORE {of} (ficticio)",
                $"Contraparte oficial, División de Fomento e Industria, GORE {region.Name}", $"contraparte.{code}@gore.ejemplo.invalid")));
            rows.Add((region.IsoSuffix, new Recipient(CycleRoles.DirectorRegional, $"Director(a) Regional Sercotec {region.Name} (ficticio)",
                $"Director(a) Regional de Sercotec {region.Name}", $"director.{code}@sercotec.ejemplo.invalid")));
            rows.Add((region.IsoSuffix, new Recipient(CycleRoles.LiderDescentralizacion, $"Líder de descentralización Sercotec {region.Name} (ficticio)",
                $"Líder de descentralización, Dirección Regional de Sercotec {region.Name}", $"descentralizacion.{code}@sercotec.ejemplo.invalid")));
        }
        rows.Add((null, new Recipient(CycleRoles.GerenciaRegiones, "Gerente(a) de Regiones y Descentralización (ficticio)",
            "Gerencia de Regiones y Descentralización, Sercotec", "gerencia.regiones@sercotec.ejemplo.invalid")));
        return rows;
    }
}
