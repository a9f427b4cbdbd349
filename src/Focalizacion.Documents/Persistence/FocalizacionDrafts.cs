using System.Text.Json;
using Focalizacion.Documents.Focalizaciones;
using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Focalizacion.Documents.Persistence;

/// <summary>A GORE's saved draft of one stage (<c>focalizacion_borradores</c>): what it typed, the acta's PDF if it attached one, who saved it and when.</summary>
public sealed record SavedDraft(FocalizacionDraft Draft, string? ActaName, byte[]? ActaPdf, string SavedBy, Instant SavedAt);

/// <summary>
/// The web form's drafts, one per region, budget year and stage, overwritten at each save and removed
/// once submitted: unlike a version, a draft is nobody's record. Its commands run on the store's
/// ambient transaction, so row-level security decides whose drafts the caller sees and writes.
/// </summary>
public sealed class FocalizacionDrafts(Store store, IClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The draft of a region's year and stage; null when none was saved (or the caller does not see it).</summary>
    public async Task<SavedDraft?> FindAsync(string region, int budgetYear, Stage stage, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand(
            "SELECT contenido::text, acta_nombre, acta_contenido, guardado_por, guardado_at FROM focalizacion_borradores " +
            "WHERE region = $1 AND anio_presupuestario = $2 AND etapa = $3");
        Key(command, region, budgetYear, stage);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var draft = JsonSerializer.Deserialize<FocalizacionDraft>(reader.GetString(0), Json) ?? FocalizacionDraft.Empty;
        return new SavedDraft(draft, reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<byte[]>(2),
            reader.GetString(3), reader.GetFieldValue<Instant>(4));
    }

    /// <summary>
    /// Saves <paramref name="draft"/> as the region's draft of the stage, replacing the one before; the acta's
    /// PDF is replaced when <paramref name="acta"/> is given and kept otherwise.
    /// </summary>
    public async Task SaveAsync(string region, int budgetYear, Stage stage, FocalizacionDraft draft, (string Name, byte[] Pdf)? acta, Actor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        await using var command = store.CreateCommand(
            "INSERT INTO focalizacion_borradores (region, anio_presupuestario, etapa, contenido, acta_nombre, acta_contenido, guardado_por, guardado_at) " +
            "VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8) " +
            "ON CONFLICT (region, anio_presupuestario, etapa) DO UPDATE SET contenido = excluded.contenido, " +
            "acta_nombre = coalesce(excluded.acta_nombre, focalizacion_borradores.acta_nombre), " +
            "acta_contenido = coalesce(excluded.acta_contenido, focalizacion_borradores.acta_contenido), " +
            "guardado_por = excluded.guardado_por, guardado_at = excluded.guardado_at");
        Key(command, region, budgetYear, stage);
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(draft, Json) });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)acta?.Name ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)acta?.Pdf ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = by.ToString() });
        command.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes the region's draft of the stage (it was submitted); nothing when there is none.</summary>
    public async Task DeleteAsync(string region, int budgetYear, Stage stage, CancellationToken cancellationToken = default)
    {
        await using var command = store.CreateCommand("DELETE FROM focalizacion_borradores WHERE region = $1 AND anio_presupuestario = $2 AND etapa = $3");
        Key(command, region, budgetYear, stage);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Key(NpgsqlCommand command, string region, int budgetYear, Stage stage)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = region });
        command.Parameters.Add(new NpgsqlParameter { Value = budgetYear });
        command.Parameters.Add(new NpgsqlParameter { Value = FocalizacionVersions.StageName(stage) });
    }
}
