using Focalizacion.Runtime;
using Focalizacion.Runtime.Persistence;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Focalizacion.Cycle.Oficios;

/// <summary>
/// An oficio's DocDigital folio and number (the state's document platform has no public API, so
/// the Oficina de Partes enters them): checked, written on the oficio (the only change the API's
/// role may make to an oficio) and journaled in the same transaction, as a line of the oficio's region.
/// </summary>
/// <remarks>Call <see cref="RecordAsync"/> inside <see cref="Store.WriteAsync{T}"/>, so that the caller's scope decides which oficios it can reach.</remarks>
public sealed class OficioDocDigital(Store store, IClock clock)
{
    /// <summary>The longest folio or number (migration 0005 bounds the columns the same).</summary>
    public const int MaxLength = 100;

    /// <summary>The journal line's kind (migration 0005's policy lets the API's role append exactly these).</summary>
    public const string JournalKind = "oficio-docdigital";

    /// <summary>The first problem with the values, as "campo: detalle" naming <paramref name="folioField"/> or <paramref name="numberField"/>; null when fine.</summary>
    public static string? Problem(string? folio, string? number, string folioField = "folio", string numberField = "numero")
    {
        foreach (var (field, value) in new[] { (folioField, folio), (numberField, number) })
        {
            if (value is { Length: > MaxLength })
            {
                return $"{field}: es demasiado largo ({value.Length} caracteres; el máximo es {MaxLength})";
            }
            if (value is not null && value.Any(char.IsControl))
            {
                return $"{field}: no puede llevar saltos de línea ni caracteres de control";
            }
        }
        return null;
    }

    /// <summary>Blank is none: what is stored for a value as entered.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Sets the folio and number of the oficio of <paramref name="key"/> (blank clears one) as
    /// <paramref name="actor"/>; false when the caller sees no such oficio.
    /// </summary>
    /// <exception cref="CycleException">A value <see cref="Problem"/> refuses.</exception>
    public async Task<bool> RecordAsync(string key, string? folio, string? number, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        (folio, number) = (Clean(folio), Clean(number));
        if (Problem(folio, number) is { } problem)
        {
            throw new CycleException(problem);
        }
        string region;
        string title;
        await using (var update = store.CreateCommand(
            "UPDATE oficios SET docdigital_folio = $2, docdigital_numero = $3 WHERE idempotency_key = $1 RETURNING region, numero, anio"))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = key });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)folio ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)number ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }
            region = reader.GetString(0);
            title = $"Oficio N° {reader.GetInt32(1)}/{reader.GetInt32(2)}";
        }
        await using var journal = store.CreateCommand(
            "INSERT INTO journal (at, actor, via, actor_role, actor_region, client_address, kind, details, region) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
        journal.Parameters.Add(new NpgsqlParameter { Value = clock.GetCurrentInstant() });
        journal.Parameters.Add(new NpgsqlParameter { Value = actor.Name });
        journal.Parameters.Add(new NpgsqlParameter { Value = actor.ViaText });
        journal.Parameters.Add(new NpgsqlParameter { Value = (object?)actor.Role ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        journal.Parameters.Add(new NpgsqlParameter { Value = (object?)actor.Region ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        journal.Parameters.Add(new NpgsqlParameter { Value = (object?)actor.Address ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        journal.Parameters.Add(new NpgsqlParameter { Value = JournalKind });
        journal.Parameters.Add(new NpgsqlParameter { Value = $"{title} ({key}): folio DocDigital «{folio ?? "—"}», número DocDigital «{number ?? "—"}»" });
        journal.Parameters.Add(new NpgsqlParameter { Value = region });
        await journal.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }
}
